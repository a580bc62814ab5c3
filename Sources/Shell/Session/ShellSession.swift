import DynamoAPI
import DynamoModel
import Foundation
import ShellLanguage
import TablePlugins

/// Runs statements against one backend and prints their results.
///
/// Data flows one way: statement → `plan` (a typed DynamoDB request, nothing sent) → backend →
/// formatter. `explain` stops after `plan`, so it shows exactly what would be sent.
public final class ShellSession {
    public let backend: any DynamoBackend
    public var format: OutputFormat
    /// Items a `query`/`scan` without `limit` reads per page when it shows one page.
    public var pageSize = 100
    public var width: Int?
    /// ANSI color in `table` output (`set color on|off`); the executable turns it on for a
    /// terminal unless NO_COLOR is set.
    public var color = false
    /// Go on after a failed statement (`--keep-going`); the script still ends as failed.
    public var keepGoing = false
    /// Whether Ctrl-C was pressed since the last look (the REPL's SIGINT flag by default).
    public var isInterrupted: () -> Bool = { Interrupt.take() }

    /// Stops a long statement between two requests when Ctrl-C was pressed; each request is
    /// all or nothing, so the store is never left half-written.
    func checkInterrupt() throws {
        if isInterrupted() { throw ShellError("interrupted") }
    }
    /// The table plugins: their logical names stand for their tables, their commands run here.
    public var plugins = PluginSet()
    /// The clock of derived values (`now`, `now + 90d`) and TTL reports; tests set it.
    public var now: () -> Date = { Date() }
    /// Seconds `tail` waits before asking a stream again when nothing new came; tests shorten it.
    public var streamPollInterval: Double = 0.25
    public var arguments: [String]
    var variables: [String: ShellValue] = [:]
    /// The directory of the script file running now, for `source` of a neighbour.
    var currentScriptDirectory: String?
    /// Items (or records, or the total of a count) statements have shown, for `expect`.
    var itemsShown = 0
    /// While `explain` runs a plugin command: print each request instead of sending it.
    var explaining = false
    /// The last query or scan that stopped after one page, for `more`.
    var pendingPage: PlannedRequest?
    let write: (String) -> Void
    let writeError: (String) -> Void
    private var keyNamesCache: [String: [String]] = [:]
    private var attributeTypesCache: [String: [String: String]] = [:]
    /// `set expired` and the tables' TTL settings (TimeToLive/ExpiredItems.swift).
    var ttlSettings = TimeToLiveSettings()

    public init(backend: any DynamoBackend, format: OutputFormat, arguments: [String] = [],
                write: @escaping (String) -> Void, writeError: @escaping (String) -> Void) {
        self.backend = backend
        self.format = format
        self.arguments = arguments
        self.write = write
        self.writeError = writeError
    }

    /// What running a statement asks of the runner.
    public enum Outcome: Equatable {
        case proceed
        /// `exit`: leave with this status.
        case exit(Int32)
        /// A statement failed and its error was reported: a script stops (status 1), the REPL
        /// goes on.
        case failed
    }

    // MARK: Variables

    /// Sets `$name` for the statements that follow, as `let name = "value"` would: for a
    /// program that embeds the shell and hands a script its settings.
    public func setVariable(_ name: String, to value: String) {
        variables[name] = .string(ShellString(stringLiteral: value))
    }

    func resolve(_ reference: VariableReference) throws -> ShellValue {
        switch reference {
        case .named(let name, let fallback):
            if let n = Int(name) {
                // `${1:-default}`
                if n >= 1, n <= arguments.count, !arguments[n - 1].isEmpty { return .string(ShellString(stringLiteral: arguments[n - 1])) }
                return .string(ShellString(stringLiteral: fallback ?? ""))
            }
            if let value = variables[name] { return value }
            if let value = ProcessEnvironment.value(name), !value.isEmpty { return .string(ShellString(stringLiteral: value)) }
            // The session's clock, as bash's $EPOCHSECONDS and `date -u +%Y-%m-%dT%H:%M:%SZ`.
            if name == "EPOCHSECONDS" { return .number(String(Int(now().timeIntervalSince1970.rounded(.down)))) }
            if name == "NOW" { return .string(ShellString(stringLiteral: Timestamp.text(now()))) }
            if let fallback { return .string(ShellString(stringLiteral: fallback)) }
            throw ShellError("$\(name) is not set (set it with: let \(name) = …)")
        case .positional(let n):
            guard n >= 1, n <= arguments.count else {
                throw ShellError("$\(n) is not set: \(arguments.count) argument\(arguments.count == 1 ? "" : "s") given")
            }
            return .string(ShellString(stringLiteral: arguments[n - 1]))
        case .argumentCount:
            return .number(String(arguments.count))
        case .allArguments:
            return .string(ShellString(stringLiteral: arguments.joined(separator: " ")))
        }
    }

    func text(_ string: ShellString) throws -> String {
        try ExpressionBuilder.text(string, resolve: resolve)
    }

    /// A table as the user wrote it: a plugin's logical name (`metrics`) stands for its
    /// table (`iops-dashboard-metrics`, with the stage prefix and suffix).
    func tableName(_ string: ShellString) throws -> String {
        plugins.tableName(for: try text(string))
    }

    func integer(_ argument: IntArgument?) throws -> Int? {
        switch argument {
        case nil: return nil
        case .literal(let n)?: return n
        case .variable(let reference)?:
            let value = try resolve(reference)
            let text: String
            switch value {
            case .number(let n): text = n
            case .string(let s): text = try self.text(s)
            default: text = ""
            }
            guard let n = Int(text), n > 0 else { throw ShellError("\(reference) must be a positive whole number, not '\(text)'") }
            return n
        }
    }

    // MARK: Table metadata

    /// Key attribute names (table key first, then the index key) for column order and typing.
    func keyNames(_ table: String, index: String? = nil) async -> [String] {
        await loadTable(table)
        return keyNamesCache[table + "\u{0}" + (index ?? "")] ?? keyNamesCache[table + "\u{0}"] ?? []
    }

    func attributeTypes(_ table: String) async -> [String: String] {
        await loadTable(table)
        return attributeTypesCache[table] ?? [:]
    }

    private func loadTable(_ table: String) async {
        guard attributeTypesCache[table] == nil else { return }
        // A plugin's table is described by its plugin: no DescribeTable round trip, which on a
        // remote target is a request per script before its first result.
        if let plugin = plugins.plugin(forTable: table) {
            var types: [String: String] = [:]
            for key in plugin.table.keyAttributes { types[key.name] = key.type.rawValue }
            attributeTypesCache[table] = types
            let tableKeys = [plugin.table.partitionKey.name] + (plugin.table.sortKey.map { [$0.name] } ?? [])
            keyNamesCache[table + "\u{0}"] = tableKeys
            for index in plugin.table.indexes {
                let indexKeys = [index.partitionKey.name] + (index.sortKey.map { [$0.name] } ?? [])
                keyNamesCache[table + "\u{0}" + index.name] = indexKeys + tableKeys.filter { !indexKeys.contains($0) }
            }
            return
        }
        guard let description = try? await backend.describeTable(DescribeTableInput(tableName: table)).table else { return }
        var types: [String: String] = [:]
        for definition in description.attributeDefinitions ?? [] { types[definition.attributeName] = definition.attributeType.rawValue }
        attributeTypesCache[table] = types
        let tableKeys = (description.keySchema ?? []).map(\.attributeName)
        keyNamesCache[table + "\u{0}"] = tableKeys
        for index in description.globalSecondaryIndexes ?? [] {
            guard let name = index.indexName else { continue }
            let indexKeys = (index.keySchema ?? []).map(\.attributeName)
            keyNamesCache[table + "\u{0}" + name] = indexKeys + tableKeys.filter { !indexKeys.contains($0) }
        }
        for index in description.localSecondaryIndexes ?? [] {
            guard let name = index.indexName else { continue }
            let indexKeys = (index.keySchema ?? []).map(\.attributeName)
            keyNamesCache[table + "\u{0}" + name] = indexKeys + tableKeys.filter { !indexKeys.contains($0) }
        }
    }

    /// Forgets cached table definitions (after create/drop/api calls that may change them).
    func forgetTables() {
        keyNamesCache.removeAll()
        attributeTypesCache.removeAll()
        ttlSettings.forget()
    }
}

/// Reads the process environment; one place, so tests can see what the shell reads.
enum ProcessEnvironment {
    static func value(_ name: String) -> String? {
        guard let pointer = getenv(name) else { return nil }
        return String(cString: pointer)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

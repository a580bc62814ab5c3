import DynamoAPI
import ShellLanguage
import TablePlugins

/// The interactive loop: read a statement (asking for more lines while it is unfinished),
/// remember it, run it, report errors and go on.
public struct REPL {
    let session: ShellSession
    let editor: LineEditor
    let prompt: String

    public init(session: ShellSession, editor: LineEditor, prompt: String) {
        self.session = session
        self.editor = editor
        self.prompt = prompt
    }

    /// Runs until `exit` or end of input; returns the exit status.
    public func run() async -> Int32 {
        let model = CompletionModel()
        editor.completer = { before in model.candidates(before) }
        Interrupt.install()
        var buffer = ""
        while true {
            if buffer.isEmpty { await model.refresh(from: session) }
            let continuation = String(repeating: " ", count: max(0, prompt.count - 4)) + "... "
            let line: String
            switch editor.read(prompt: buffer.isEmpty ? prompt : continuation) {
            case .line(let text): line = text
            case .interrupted:
                // Ctrl-C drops what was typed, including an unfinished multi-line statement.
                buffer = ""
                session.write("\n")
                continue
            case .end:
                session.write("\n")
                return 0
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if !isComplete(buffer) { continue }
            let entry = buffer
            buffer = ""
            editor.remember(entry)
            do {
                if case .exit(let code) = try await session.runScript(entry, file: "<stdin>") { return code }
            } catch {
                session.writeError("\(error)\n")
            }
            Interrupt.clear()
        }
    }
}

/// What Tab offers: commands first, then table and index names after a command that takes a
/// table, then clause keywords, the table's attribute names (its definitions and a sample of
/// items) and functions.
final class CompletionModel: @unchecked Sendable {
    private(set) var tables: [String] = []
    private(set) var indexes: [String: [String]] = [:]
    private(set) var attributes: [String: [String]] = [:]
    private(set) var plugins = PluginSet()

    static let tableCommands: Set<String> = ["describe", "put", "get", "delete", "update", "query", "scan", "count", "export", "import", "tail", "ttl"]

    /// Reads the table list, each table's indexes and attribute names (definitions plus the
    /// attributes of up to 20 items).
    func refresh(from session: ShellSession) async {
        guard let names = try? await session.backend.listTables(DynamoAPI.ListTablesInput()).tableNames else { return }
        var indexes: [String: [String]] = [:]
        var attributes: [String: [String]] = [:]
        for name in names {
            guard let table = try? await session.backend.describeTable(DynamoAPI.DescribeTableInput(tableName: name)).table else { continue }
            indexes[name] = (table.globalSecondaryIndexes ?? []).compactMap(\.indexName) + (table.localSecondaryIndexes ?? []).compactMap(\.indexName)
            var seen = Set((table.attributeDefinitions ?? []).map(\.attributeName))
            if let sample = try? await session.backend.scan(DynamoAPI.ScanInput(tableName: name, limit: 20)).items {
                for item in sample { seen.formUnion(item.keys) }
            }
            attributes[name] = seen.sorted()
        }
        // A plugin's logical name completes like its table.
        var all = names
        for plugin in session.plugins.plugins {
            let physical = session.plugins.physicalName(of: plugin)
            all.append(plugin.name)
            indexes[plugin.name] = indexes[physical] ?? plugin.table.indexes.map(\.name)
            attributes[plugin.name] = Array(Set(attributes[physical] ?? []).union(plugin.attributes.map(\.name))).sorted()
        }
        tables = all
        self.indexes = indexes
        self.attributes = attributes
        plugins = session.plugins
    }

    /// After `PLUGIN`: its commands; after `PLUGIN COMMAND`: its options, the values an enum
    /// parameter takes, and `NAME=` for commands that set attributes (`NAME=VALUE` for enums).
    func pluginCandidates(_ plugin: TablePlugin, settled: [String], typing: String) -> [String] {
        guard settled.count >= 2, let command = plugin.command(settled[1]) else { return plugin.commands.map(\.name) }
        if let last = settled.last, last.hasPrefix("--"), settled.count > 2,
           let option = command.options.first(where: { "--" + $0.name == last }), option.rule.kind != .boolean {
            return option.rule.values
        }
        var out = command.options.map { "--" + $0.name }
        let positionals = settled.dropFirst(2).filter { !$0.hasPrefix("--") && !$0.contains("=") }.count
        if positionals < command.arguments.count { out += command.arguments[positionals].rule.values }
        if command.takesAttributes {
            if let equals = typing.firstIndex(of: "="), let rule = plugin.attribute(String(typing[..<equals])) {
                return rule.values.map { rule.name + "=" + $0 }
            }
            out += plugin.attributes.map { $0.name + "=" }
        }
        return out
    }

    func candidates(_ before: String) -> [String] {
        let words = before.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        let typingWord = before.last.map { !$0.isWhitespace } ?? false
        let settled = typingWord ? Array(words.dropLast()) : words
        let commands = ShellGrammar.commands + ShellGrammar.toolCommands + plugins.plugins.map(\.name)
        guard let command = settled.first?.lowercased() else { return commands }
        if let plugin = plugins.plugin(named: command) {
            return pluginCandidates(plugin, settled: settled, typing: typingWord ? words.last ?? "" : "")
        }
        if command == "schema" { return settled.count == 1 ? ["deploy", "diff", "doc", "cfn"] : plugins.plugins.map(\.name) }
        if settled.count == 1 && Self.tableCommands.contains(command) {
            var names = tables
            if ["query", "scan", "count"].contains(command) {
                for table in tables { names += (indexes[table] ?? []).map { "\(table).\($0)" } }
            }
            return names
        }
        if command == "drop" || command == "create" { return settled.count == 1 ? ["table"] : tables }
        if command == "set" {
            if settled.count == 1 { return ["format", "page-size", "expired", "color"] }
            if settled[1] == "color" { return ["on", "off"] }
            return settled[1] == "expired" ? ["hide", "show"] : OutputFormat.allCases.map(\.rawValue)
        }
        if command == "help" {
            if settled.count >= 2, let plugin = plugins.plugin(named: settled[1]) { return plugin.commands.map(\.name) }
            return commands
        }
        if command == "tail" && settled.count >= 2 { return ["--from", "--for", "--max", "--no-follow", "trim-horizon", "latest"] }
        if command == "ttl" && settled.count >= 2 { return ["--list"] }
        let table = settled.count > 1 ? String(settled[1].split(separator: ".").first ?? "") : ""
        var out: [String] = []
        switch command {
        case "query": out = ShellGrammar.queryClauses
        case "scan": out = ShellGrammar.scanClauses
        case "count": out = ShellGrammar.countClauses
        case "update": out = ShellGrammar.updateClauses
        default: out = ["if", "select"]
        }
        return out + (attributes[table] ?? []) + ShellGrammar.conditionFunctions
    }
}

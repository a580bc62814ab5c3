import ArgumentParser
import DynamoAPI
import DynamoModel
import EmbeddedEngine
import Foundation

/// `iops`: the IOps Dashboard's DynamoDB shell.
///
/// This first slice opens the embedded store and exposes the raw `api` escape hatch; the
/// command language and REPL build on it (issue: the shell).
@main
struct IOps: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iops",
        abstract: "A shell for the IOps Dashboard's DynamoDB tables.",
        discussion: """
            With no command, opens the embedded store and lists its tables.
            Store location: --store PATH, else $IOPS_STORE, else $XDG_DATA_HOME/iops/store.sqlite \
            (default ~/.local/share/iops/store.sqlite).
            """,
        version: "0.1.0",
        subcommands: [Status.self, API.self, Check.self, Sweep.self],
        defaultSubcommand: Status.self)
}

struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the embedded store (SQLite file).")
    var store: String?

    /// The store path: flag, environment, then the per-user default.
    var resolvedPath: String {
        if let store { return store }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["IOPS_STORE"], !path.isEmpty { return path }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.local/share")
        return dataHome + "/iops/store.sqlite"
    }

    func open() throws -> EmbeddedEngine {
        let path = resolvedPath
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        return try EmbeddedEngine(path: path)
    }
}

/// Failures print one line on stderr and exit non-zero; never a stack trace.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("iops: \(message)\n".utf8))
    return ExitCode(1)
}

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the store and list its tables (the default).")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        do {
            let engine = try options.open()
            let tables = try engine.listTables(ListTablesInput()).tableNames ?? []
            print("iops 0.1.0 — embedded store \(engine.path)")
            if tables.isEmpty {
                print("no tables yet; create one with: iops api CreateTable '{…}'")
            }
            for name in tables {
                let table = try engine.describeTable(DescribeTableInput(tableName: name)).table
                print("\(name)\t\(table?.itemCount ?? 0) items")
            }
        } catch let error as DynamoError {
            throw fail(error.description)
        }
    }
}

struct API: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Send one DynamoDB or DynamoDB Streams request, in DynamoDB JSON, to the store.",
        discussion: """
            Example: iops api DescribeTable '{"TableName": "iops-dashboard-metrics"}'
            The response is printed as DynamoDB JSON; errors as DynamoDB names them, exit status 1.
            """)
    @OptionGroup var options: StoreOptions
    @Argument(help: "Operation name, e.g. PutItem, Query, GetRecords.") var operation: String
    @Argument(help: "The request body as JSON (default {}).") var body: String = "{}"

    func run() async throws {
        guard let op = Operation(rawValue: operation) else {
            let names = Operation.allCases.map(\.rawValue)
            let hint = names.first { $0.lowercased() == operation.lowercased() }
            throw fail("unknown operation '\(operation)'" + (hint.map { "; did you mean \($0)?" } ?? "; one of: \(names.joined(separator: ", "))"))
        }
        let request: JSONValue
        do {
            request = try JSONValue.parse(body)
        } catch {
            throw fail("request body: \(error)")
        }
        do {
            let engine = try options.open()
            let response = try await engine.call(op, json: request)
            print(response.prettyText())
        } catch let error as DynamoError {
            throw fail(error.description)
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the store's integrity (items, keys, indexes).")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        do {
            let report = try options.open().checkIntegrity()
            print("\(report.tablesChecked) tables, \(report.itemsChecked) items, \(report.indexEntriesChecked) index entries checked")
            for problem in report.problems { print("problem: \(problem)") }
            if !report.isSound { throw ExitCode(2) }
            print("store is sound")
        } catch let error as DynamoError {
            throw fail(error.description)
        }
    }
}

struct Sweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Delete expired TTL items now, as DynamoDB's TTL would.")
    @OptionGroup var options: StoreOptions

    func run() async throws {
        do {
            let deleted = try options.open().sweepExpiredItems()
            print("\(deleted) expired items deleted")
        } catch let error as DynamoError {
            throw fail(error.description)
        }
    }
}

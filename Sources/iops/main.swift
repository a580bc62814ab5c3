import ArgumentParser
import DynamoAPI
import DynamoModel
import EmbeddedEngine
import Foundation
import Shell
import TablePlugins

/// `iops`: the IOps Dashboard's DynamoDB shell.
@main
struct IOps: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iops",
        abstract: "A shell for the IOps Dashboard's DynamoDB tables.",
        discussion: """
            iops                      the REPL on the embedded store (commands on standard input when it is not a terminal)
            iops FILE.iops [ARGS…]    run a script ($1…$9, $#, $@ are its arguments)
            iops -c 'CMD; CMD'        run commands
            Store location: --store PATH, else $IOPS_STORE, else $XDG_DATA_HOME/iops/store.sqlite \
            (default ~/.local/share/iops/store.sqlite). Type 'help' in the shell for its commands.
            """,
        version: "0.3.0",
        subcommands: [Run.self, API.self, Check.self, Sweep.self],
        defaultSubcommand: Run.self)
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

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the shell: a script, -c commands, standard input, or the REPL (the default).")
    @OptionGroup var options: StoreOptions
    @Option(name: [.customShort("c"), .customLong("command")], help: "Commands to run (separated by ; or newlines).")
    var command: String?
    @Option(name: .long, help: "Output format: table, json, jsonl, csv, ddb-json (default: table on a terminal, else jsonl).")
    var format: String?
    @Flag(name: .long, help: "Go on after a failed statement (the exit status is still 1).") var keepGoing = false
    @Option(name: .long, help: "A directory of table plugins, searched before $IOPS_PLUGINS, ~/.config/iops/plugins and the built-in ones (repeatable).")
    var plugins: [String] = []
    @Option(name: .long, parsing: .unconditional, help: "Stage prefix of the plugins' table names (default $IOPS_TABLE_PREFIX).") var tablePrefix: String?
    @Option(name: .long, parsing: .unconditional, help: "Stage suffix of the plugins' table names, as -dev (default $IOPS_TABLE_SUFFIX).") var tableSuffix: String?
    @Argument(help: "A script file, then its arguments.") var script: String?
    @Argument(parsing: .captureForPassthrough, help: "Arguments for the script ($1…$9).") var arguments: [String] = []

    func run() async throws {
        var command = self
        try command.takeOwnOptions()
        try await command.execute()
    }

    /// `iops script.iops --format json`: iops's own options may follow the script; the rest
    /// (and everything after `--`) are the script's arguments.
    mutating func takeOwnOptions() throws {
        var rest: [String] = []
        var index = 0
        func value(_ option: String) throws -> String {
            let word = arguments[index]
            if let equals = word.firstIndex(of: "=") { return String(word[word.index(after: equals)...]) }
            index += 1
            guard index < arguments.count else { throw fail("\(option) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let word = arguments[index]
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            switch name {
            case "--":
                rest += arguments[(index + 1)...]
                index = arguments.count
                continue
            case "--format": format = try value(name)
            case "--store": options.store = try value(name)
            case "--plugins": plugins.append(try value(name))
            case "--table-prefix": tablePrefix = try value(name)
            case "--table-suffix": tableSuffix = try value(name)
            case "--keep-going" where name == word: keepGoing = true
            default: rest.append(word)
            }
            index += 1
        }
        arguments = rest
    }

    func execute() async throws {
        let interactive = isatty(0) == 1 && isatty(1) == 1
        let chosen: OutputFormat
        if let format {
            guard let parsed = OutputFormat(rawValue: format) else {
                throw fail("unknown format '\(format)'; one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            chosen = parsed
        } else {
            chosen = isatty(1) == 1 ? .table : .jsonl
        }
        let engine: EmbeddedEngine
        let isNewStore = !FileManager.default.fileExists(atPath: options.resolvedPath)
        do {
            engine = try options.open()
        } catch let error as DynamoError {
            throw fail(error.description)
        }
        let session = ShellSession(backend: engine, format: chosen, arguments: arguments,
                                   write: { FileHandle.standardOutput.write(Data($0.utf8)) },
                                   writeError: { FileHandle.standardError.write(Data($0.utf8)) })
        session.width = isatty(1) == 1 ? terminalWidth() : nil
        // Color on a terminal, unless NO_COLOR says otherwise (https://no-color.org).
        session.color = isatty(1) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        session.keepGoing = keepGoing
        let environment = ProcessInfo.processInfo.environment
        var pluginSet = PluginSet.load(directories: PluginSearchPath.directories(flags: plugins, environment: environment))
        pluginSet.tablePrefix = tablePrefix ?? environment["IOPS_TABLE_PREFIX"] ?? ""
        pluginSet.tableSuffix = tableSuffix ?? environment["IOPS_TABLE_SUFFIX"] ?? ""
        // A broken plugin is reported; the shell starts with the others.
        for problem in pluginSet.problems {
            FileHandle.standardError.write(Data("iops: plugin not loaded: \(problem)\n".utf8))
        }
        session.plugins = pluginSet
        if isNewStore {
            // A new embedded store starts with the plugins' tables, as `schema deploy` makes them.
            do {
                _ = try await session.deploySchema(pluginSet.plugins, quiet: true)
            } catch {
                FileHandle.standardError.write(Data("iops: creating the plugins' tables: \(error)\n".utf8))
            }
        }

        let outcome: ShellSession.Outcome
        if let command {
            outcome = try await session.runScript(command, file: "<command line>")
        } else if let script {
            guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
                throw fail("cannot read the script \(script)")
            }
            outcome = try await session.runScript(text, file: script)
        } else if !interactive {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            outcome = try await session.runScript(String(decoding: input, as: UTF8.self), file: "<stdin>")
        } else {
            let history = (ProcessInfo.processInfo.environment["IOPS_HISTORY"]).flatMap { $0.isEmpty ? nil : $0 }
                ?? ((options.resolvedPath as NSString).deletingLastPathComponent + "/history")
            guard let editor = LineEditor(program: "iops", historyPath: history) else { throw fail("cannot start the line editor") }
            print("iops 0.3.0 — embedded store \(engine.path); 'help' lists the commands, Ctrl-D leaves")
            if await session.pluginTablesAreEmpty() {
                print("The store's tables are empty. Load demo data with: source scripts/sample-data.iops  (from the iops repository)")
            }
            // The prompt names the target: the store's file name (an endpoint, later).
            let code = await REPL(session: session, editor: editor,
                                  prompt: "iops \((engine.path as NSString).lastPathComponent)> ").run()
            throw ExitCode(code)
        }
        switch outcome {
        case .proceed: return
        case .exit(let code): throw ExitCode(code)
        case .failed: throw ExitCode(1)
        }
    }

    func terminalWidth() -> Int? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
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

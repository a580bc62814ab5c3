import AWSClient
import ArgumentParser
import DynamoAPI
import DynamoModel
import DynamoServer
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
        subcommands: [Run.self, API.self, Check.self, Sweep.self, Serve.self],
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

/// Which DynamoDB the commands go to: the embedded store (default), an endpoint, or Amazon
/// DynamoDB in a region. Any of `--endpoint`, `--region`, `--profile` selects a remote target.
struct TargetOptions: ParsableArguments {
    @Option(name: [.customLong("endpoint"), .customLong("endpoint-url")],
            help: "A DynamoDB-compatible endpoint (moto, DynamoDB Local, iops serve): http://127.0.0.1:8000.")
    var endpoint: String?
    @Option(name: .long, help: "Amazon DynamoDB in this region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?
    @Option(name: .long, help: "The AWS profile for credentials and region (else AWS_DEFAULT_PROFILE, AWS_PROFILE, default).")
    var profile: String?
    @Flag(name: .long, help: "Print each remote request and response (signature and tokens redacted) with timings on stderr.")
    var debug = false

    var isRemote: Bool { endpoint != nil || region != nil || profile != nil }

    /// The remote client, credentials and region resolved as the AWS CLI does. A local
    /// endpoint (loopback) works without configured credentials or region, as DynamoDB
    /// Local and moto accept any.
    func remoteClient() throws -> (client: DynamoDBClient, label: String) {
        let log: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data(("debug: " + line + "\n").utf8)) }
        var resolver = AWSConfigurationResolver.forCurrentProcess(profile: profile, region: region, endpoint: endpoint)
        let resolved: AWSResolvedConfiguration
        do {
            resolved = try resolver.resolve()
        } catch {
            guard let endpoint, Self.isLoopback(endpoint) else { throw fail(error.description) }
            switch error {
            case .noCredentials, .noRegion:
                var environment = ProcessInfo.processInfo.environment
                if case .noCredentials = error {
                    environment["AWS_ACCESS_KEY_ID"] = "iops-local"
                    environment["AWS_SECRET_ACCESS_KEY"] = "iops-local"
                }
                if (try? resolver.resolveRegion()) == nil { environment["AWS_REGION"] = "us-east-1" }
                resolver = AWSConfigurationResolver(environment: environment, homeDirectory: resolver.homeDirectory,
                                                    profile: profile, region: region, endpoint: endpoint)
                do { resolved = try resolver.resolve() } catch { throw fail(error.description) }
                if debug { log("\(endpoint) is a local endpoint: placeholder credentials or region used where none are configured") }
            default:
                throw fail(error.description)
            }
        }
        if debug { log(resolved.description) }
        let region = resolved.region.value
        var configuration: DynamoDBClient.Configuration
        do {
            if let url = resolved.endpoint?.value {
                configuration = try DynamoDBClient.Configuration(region: region, endpointURL: url.absoluteString)
            } else {
                configuration = DynamoDBClient.Configuration(region: region)
            }
        } catch {
            throw fail(error.description)
        }
        if debug { configuration.debug = log }
        let signer = SigV4Signer(credentials: resolved.credentials.credentials, region: region, service: "dynamodb")
        let client = DynamoDBClient(configuration: configuration, signer: signer)
        // The prompt marks an endpoint that is not Amazon DynamoDB.
        let label: String
        if let url = resolved.endpoint?.value, !(url.host ?? "").hasSuffix(".amazonaws.com") {
            label = "\(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "") (not AWS)"
        } else {
            label = "aws \(region)"
        }
        return (client, label)
    }

    static func isLoopback(_ endpoint: String) -> Bool {
        guard let host = URL(string: endpoint)?.host?.lowercased() else { return false }
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
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
    @OptionGroup var target: TargetOptions
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
            case "--endpoint", "--endpoint-url": target.endpoint = try value(name)
            case "--region": target.region = try value(name)
            case "--profile": target.profile = try value(name)
            case "--debug" where name == word: target.debug = true
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
        let backend: any DynamoBackend
        let targetLabel: String
        var isNewStore = false
        if target.isRemote {
            if options.store != nil { throw fail("--store names the embedded store; it cannot go with --endpoint, --region or --profile") }
            (backend, targetLabel) = try target.remoteClient()
        } else {
            isNewStore = !FileManager.default.fileExists(atPath: options.resolvedPath)
            do {
                let engine = try options.open()
                backend = engine
                targetLabel = (engine.path as NSString).lastPathComponent
            } catch let error as DynamoError {
                throw fail(error.description)
            }
        }
        let session = ShellSession(backend: backend, format: chosen, arguments: arguments,
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
            let where_ = target.isRemote ? targetLabel : "embedded store \(options.resolvedPath)"
            print("iops 0.3.0 — \(where_); 'help' lists the commands, Ctrl-D leaves")
            if await session.pluginTablesAreEmpty() {
                print("The store's tables are empty. Load demo data with: source scripts/sample-data.iops  (from the iops repository)")
            }
            // The prompt names the target: the store's file name (an endpoint, later).
            let code = await REPL(session: session, editor: editor,
                                  prompt: "iops \(targetLabel)> ").run()
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
        abstract: "Send one DynamoDB or DynamoDB Streams request, in DynamoDB JSON, to the store or a remote target.",
        discussion: """
            Example: iops api DescribeTable '{"TableName": "iops-dashboard-metrics"}'
            The response is printed as DynamoDB JSON; errors as DynamoDB names them, exit status 1.
            """)
    @OptionGroup var options: StoreOptions
    @OptionGroup var target: TargetOptions
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
            let response: JSONValue
            if target.isRemote {
                response = try await target.remoteClient().client.send(op, body: request)
            } else {
                response = try await options.open().call(op, json: request)
            }
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

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the store over DynamoDB's HTTP API (both services), as DynamoDB Local does.",
        discussion: """
            Example: iops serve --port 8000, then AWS_ENDPOINT_URL=http://127.0.0.1:8000 aws dynamodb list-tables
            Binds loopback unless --host says otherwise. Accepts any credentials unless --require-signature.
            Ctrl-C or SIGTERM stops it after the requests in progress are answered.
            """)
    @OptionGroup var options: StoreOptions
    @Option(name: .long, help: "The address to listen on (0.0.0.0 for every interface: a warning says what that exposes).")
    var host = "127.0.0.1"
    @Option(name: .long, help: "The port to listen on (0 picks a free one; the listening line says which).")
    var port = 8000
    @Flag(name: .long, help: "Verify SigV4 signatures against the keys of --keys, else AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.")
    var requireSignature = false
    @Option(name: .long, help: "A file of 'ACCESS_KEY_ID SECRET' lines for --require-signature.")
    var keys: String?
    @Option(name: .long, help: "Seconds between TTL sweeps and stream trimming in the background.")
    var sweepEvery: Double = 60

    func run() async throws {
        let standardError: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        var configuration = DynamoServer.Configuration()
        configuration.host = host
        configuration.port = port
        guard sweepEvery > 0 else { throw fail("--sweep-every must be a positive number of seconds") }
        configuration.maintenanceInterval = sweepEvery
        configuration.log = standardError
        if keys != nil && !requireSignature { throw fail("--keys goes with --require-signature") }
        if requireSignature { configuration.signatureVerifier = SignatureVerifier(keys: try signingKeys()) }
        if let warning = BindExposure.warning(host: host, requireSignature: requireSignature) { standardError(warning) }

        let engine: EmbeddedEngine
        let isNewStore = !FileManager.default.fileExists(atPath: options.resolvedPath)
        do { engine = try options.open() } catch let error as DynamoError { throw fail(error.description) }
        if isNewStore {
            // As in the shell: a new store starts with the plugins' tables, so the plan's
            // scripts and the dashboard's Lambdas find them.
            let environment = ProcessInfo.processInfo.environment
            var plugins = PluginSet.load(directories: PluginSearchPath.directories(flags: [], environment: environment))
            plugins.tablePrefix = environment["IOPS_TABLE_PREFIX"] ?? ""
            plugins.tableSuffix = environment["IOPS_TABLE_SUFFIX"] ?? ""
            let session = ShellSession(backend: engine, format: .jsonl, write: { _ in }, writeError: { _ in })
            session.plugins = plugins
            do {
                let created = try await session.deploySchema(plugins.plugins, quiet: true)
                standardError("iops serve: new store; " + created.joined(separator: "; "))
            } catch {
                standardError("iops serve: creating the plugins' tables: \(error)")
            }
        }
        let server: DynamoServer
        do {
            server = try await DynamoServer.start(configuration: configuration, handler: SynchronousBackendHandler(engine),
                                                  maintenance: { _ = try engine.sweepExpiredItems() })
        } catch {
            throw fail("cannot listen on \(host):\(port): \(error)")
        }
        // Signals become a graceful shutdown instead of killing requests in progress.
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                standardError("iops serve: stopping after the requests in progress")
                Task { await server.shutdownGracefully() }
            }
            source.resume()
            sources.append(source)
        }
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        FileHandle.standardOutput.write(Data("iops serve: listening on http://\(shown):\(server.port) (store \(engine.path))\n".utf8))
        await server.waitUntilStopped()
        for source in sources { source.cancel() }
        standardError("iops serve: stopped")
    }

    /// `--keys FILE`, else the AWS environment variables.
    func signingKeys() throws -> [String: String] {
        if let keys {
            guard let text = try? String(contentsOfFile: keys, encoding: .utf8) else { throw fail("cannot read the keys file \(keys)") }
            do {
                let parsed = try SignatureVerifier.keys(fileContents: text)
                guard !parsed.isEmpty else { throw fail("the keys file \(keys) has no keys") }
                return parsed
            } catch let error as DynamoError {
                throw fail("\(keys): \(error.message)")
            }
        }
        let environment = ProcessInfo.processInfo.environment
        guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty,
              let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        else {
            throw fail("--require-signature needs --keys FILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        return [id: secret]
    }
}

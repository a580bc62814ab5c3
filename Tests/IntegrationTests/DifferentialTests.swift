import AWSClient
import DynamoAPI
import DynamoModel
import EmbeddedEngine
import Foundation
import Shell
import TablePlugins
import Testing

/// The moto server `scripts/test` started (`IOPS_MOTO_ENDPOINT`), or one this test process
/// starts on a free loopback port and stops at exit (for `swift test` run by hand).
enum MotoServer {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static let endpoint: Result<String, Unavailable> = start()

    private static func start() -> Result<String, Unavailable> {
        let environment = ProcessInfo.processInfo.environment
        if let endpoint = environment["IOPS_MOTO_ENDPOINT"], !endpoint.isEmpty { return .success(endpoint) }
        let candidates = [environment["IOPS_MOTO_SERVER"], "/root/.pyenv/shims/moto_server"].compactMap { $0 }
            + (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/moto_server" }
        guard let server = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return .failure(Unavailable(description: "moto_server is not installed; scripts/test installs it (pip install 'moto[server]') and starts it"))
        }
        let port = Int.random(in: 20_000..<40_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: server)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            return .failure(Unavailable(description: "cannot start \(server): \(error)"))
        }
        let pid = process.processIdentifier
        atexit_pid = pid
        // SIGKILL: a process started from a test thread may inherit blocked signals and ignore SIGTERM.
        atexit { if atexit_pid > 0 { kill(atexit_pid, SIGKILL) } }
        let endpoint = "http://127.0.0.1:\(port)"
        for _ in 0..<300 {
            if acceptsConnections(port: port) { return .success(endpoint) }
            usleep(100_000)
        }
        return .failure(Unavailable(description: "moto_server did not answer on \(endpoint)"))
    }
}

nonisolated(unsafe) private var atexit_pid: pid_t = 0

/// Whether something listens on 127.0.0.1:`port` (moto answers once it accepts).
private func acceptsConnections(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}

/// Runs one `.iops` script on a backend with a fixed clock, the built-in plugins under a
/// table suffix, jsonl output, and `--keep-going`, collecting stdout and stderr in order.
final class ScriptRun: @unchecked Sendable {
    var output = ""

    static let instant = Date(timeIntervalSince1970: 1_736_937_000)

    init(_ script: String, file: String, backend: any DynamoBackend, suffix: String) async throws {
        let session = ShellSession(backend: backend, format: .jsonl,
                                   write: { [unowned self] in self.output += $0 },
                                   writeError: { [unowned self] in self.output += "! " + $0 })
        session.keepGoing = true
        session.now = { ScriptRun.instant }
        session.streamPollInterval = 0.01
        session.isInterrupted = { false }
        var plugins = PluginSet.load(directories: [])
        plugins.tableSuffix = suffix
        session.plugins = plugins
        // Per-run values are session variables: the environment is shared by tests running at once.
        session.setVariable("SUFFIX", to: suffix)
        // A directory for export/import files, with a JSON-lines file for `batch put`.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try #"{"id": "c", "n": 1, "g": "z", "price": 7.25}\n{"id": "c", "n": 2, "list": [1, "two", {"three": 3}]}\n"#
            .write(to: directory.appendingPathComponent("plain.jsonl"), atomically: true, encoding: .utf8)
        session.setVariable("DIR", to: directory.path)
        _ = try await session.runScript(script, file: file)
    }
}

/// What legitimately differs between two DynamoDB implementations: ARNs, stream labels,
/// sequence numbers, shard ids, record times, and the wording (not the name) of errors.
func normalised(_ text: String) -> String {
    var lines: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = String(line)
        if line.hasPrefix("! following shard") || line.hasPrefix("! shard ") { continue }
        let replacements: [(String, String)] = [
            (#"arn:aws:dynamodb:[^"\s]+"#, "<arn>"),
            (#""sequenceNumber":"\d+""#, #""sequenceNumber":"<seq>""#),
            (#""approximateCreationDateTime":"[^"]+""#, #""approximateCreationDateTime":"<time>""#),
            (#"shardId-[0-9A-Za-z-]+"#, "<shard>"),
            (#"iops-files-[0-9A-F-]+"#, "<dir>"),
            (#"(! [^:]+:\d+:\d+: [A-Za-z]+Exception): .*"#, "$1"),
        ]
        for (pattern, template) in replacements {
            line = line.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        lines.append(line)
    }
    return lines.joined(separator: "\n")
}

/// Records the first line where two outputs differ, with the lines around it.
func expectSame(_ embedded: String, _ remote: String, _ name: String) {
    let a = embedded.split(separator: "\n", omittingEmptySubsequences: false)
    let b = remote.split(separator: "\n", omittingEmptySubsequences: false)
    guard a != b else { return }
    let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    let context = max(0, first - 2)
    Issue.record("""
        \(name): embedded and moto differ at line \(first + 1)
        embedded:
        \(a[context..<min(a.count, first + 3)].joined(separator: "\n"))
        moto:
        \(b[context..<min(b.count, first + 3)].joined(separator: "\n"))
        """)
}

@Suite(.serialized) struct DifferentialTests {
    static let scriptsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    func remoteBackend() throws -> DynamoDBClient {
        let endpoint = try MotoServer.endpoint.get()
        let credentials = AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")
        return DynamoDBClient(configuration: try .init(region: "us-east-1", endpointURL: endpoint),
                              signer: SigV4Signer(credentials: credentials, region: "us-east-1", service: "dynamodb"))
    }

    /// Runs a script on a fresh embedded store and on moto, and compares what each printed.
    func compare(_ name: String) async throws -> (embedded: String, remote: String) {
        let file = Self.scriptsDirectory.appendingPathComponent(name)
        let script = try String(contentsOf: file, encoding: .utf8)
        let suffix = "-" + UUID().uuidString.prefix(8).lowercased()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = EmbeddedEngine.Options()
        options.sweepOnOpen = false
        let engine = try EmbeddedEngine(path: directory.appendingPathComponent("store.sqlite").path, options: options)
        let embedded = try await ScriptRun(script, file: name, backend: engine, suffix: suffix).output
        let remote = try await ScriptRun(script, file: name, backend: try remoteBackend(), suffix: suffix).output
        return (normalised(embedded), normalised(remote))
    }

    @Test func genericCommandsAgree() async throws {
        let (embedded, remote) = try await compare("generic.iops")
        expectSame(embedded, remote, "generic.iops")
    }

    @Test func pluginCommandsAndSchemaAgree() async throws {
        let (embedded, remote) = try await compare("plugins.iops")
        expectSame(embedded, remote, "plugins.iops")
        #expect(embedded.contains("matches its plugin") && embedded.contains("high_ib_call_frequency"))
    }

    @Test func streamRecordsAgree() async throws {
        let (embedded, remote) = try await compare("streams.iops")
        expectSame(embedded, remote, "streams.iops")
        #expect(embedded.contains(#""eventName":"REMOVE""#))
    }
}

/// Where moto is known to answer differently from DynamoDB, the differential scripts leave
/// the case out and this suite holds the embedded engine to DynamoDB's behaviour.
@Suite struct WhereMotoDiffersTests {
    func run(_ script: String) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-moto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let engine = try EmbeddedEngine(path: directory.appendingPathComponent("store.sqlite").path)
        return try await ScriptRun(script, file: "t.iops", backend: engine, suffix: "-m").output
    }

    /// moto 5.2 answers HTTP 500 (an internal error page) for begins_with on a Number sort key.
    @Test func beginsWithOnANumberSortKeyIsAValidationError() async throws {
        let output = try await run("""
            create table ttt {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "n", "KeyType": "RANGE"}], "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "n", "AttributeType": "N"}], "BillingMode": "PAY_PER_REQUEST"}
            query ttt where id = "a" and begins_with(n, "1")
            """)
        #expect(output.contains("ValidationException: Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"), "\(output)")
    }

    /// moto 5.2 names the error `ResourceNotFound`; DynamoDB says ResourceNotFoundException.
    @Test func describeTimeToLiveOfAMissingTable() async throws {
        let output = try await run(#"api DescribeTimeToLive {"TableName": "no-such-table"}"#)
        #expect(output.contains("ResourceNotFoundException: Requested resource not found"), "\(output)")
    }

    /// moto never expires TTL items and keeps one stream shard; the engine's TTL deletion and
    /// shard rotation are covered by EmbeddedEngineTests (TimeToLiveTests, StreamShardTests).
    /// moto also accepts a GSI key attribute of the wrong type; DynamoDB refuses the write.
    @Test func aWrongTypedGSIKeyIsRefused() async throws {
        let output = try await run("""
            create table ggg {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "score", "AttributeType": "N"}], "GlobalSecondaryIndexes": [{"IndexName": "ByScore", "KeySchema": [{"AttributeName": "score", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}], "BillingMode": "PAY_PER_REQUEST"}
            put ggg {"id": "a", "score": "high"}
            count ggg
            """)
        #expect(output.contains("ValidationException: One or more parameter values were invalid: Type mismatch for Index Key score Expected: N Actual: S IndexName: ByScore"), "\(output)")
        #expect(output.hasSuffix("0\n"))
    }
}

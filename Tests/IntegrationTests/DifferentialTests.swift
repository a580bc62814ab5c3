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
        atexit { if atexit_pid > 0 { kill(atexit_pid, SIGTERM) } }
        let endpoint = "http://127.0.0.1:\(port)"
        for _ in 0..<300 {
            if let url = URL(string: endpoint + "/moto-api/"), (try? Data(contentsOf: url)) != nil { return .success(endpoint) }
            usleep(100_000)
        }
        return .failure(Unavailable(description: "moto_server did not answer on \(endpoint)"))
    }
}

nonisolated(unsafe) private var atexit_pid: pid_t = 0

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
        setenv("SUFFIX", suffix, 1)
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
            (#"(! [^:]+:\d+:\d+: [A-Za-z]+Exception): .*"#, "$1"),
        ]
        for (pattern, template) in replacements {
            line = line.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        lines.append(line)
    }
    return lines.joined(separator: "\n")
}

@Suite(.serialized) struct DifferentialTests {
    static let scriptsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    func remoteBackend() throws -> DynamoDBClient {
        let endpoint = try MotoServer.endpoint.get()
        let credentials = AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")
        return DynamoDBClient(configuration: .init(region: "us-east-1", endpointURL: endpoint),
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
        #expect(embedded == remote)
    }

    @Test func pluginCommandsAndSchemaAgree() async throws {
        let (embedded, remote) = try await compare("plugins.iops")
        #expect(embedded == remote)
    }

    @Test func streamRecordsAgree() async throws {
        let (embedded, remote) = try await compare("streams.iops")
        #expect(embedded == remote)
    }
}

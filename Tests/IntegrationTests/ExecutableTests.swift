import Foundation
import TestSupport
import Testing

/// The `iops` executable against moto, as a user runs it: `--endpoint`, credentials from the
/// environment, `--debug`; the helper scripts give the same output as on the embedded store.
@Suite struct ExecutableTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `iops` next to the running tests (`swift build --build-tests` builds every product).
    static func executable() throws -> String { try BuiltProducts.iops() }

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    func iops(_ arguments: [String], environment extra: [String: String] = [:], home: URL) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable())
        process.arguments = arguments
        process.currentDirectoryURL = Self.repository
        var environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "IOPS_STORE": home.appendingPathComponent("store.sqlite").path]
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so a full pipe can never block it.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }

    func temporaryHome() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("iops-exe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    @Test func verifyAndTheHelpersRunUnchangedAgainstMoto() throws {
        let endpoint = try MotoServer.endpoint.get()
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let suffix = "-" + UUID().uuidString.prefix(8).lowercased()
        let remote = ["--endpoint", endpoint, "--table-suffix", suffix]
        let keys = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"]
        let deploy = try iops(remote + ["-c", "schema deploy"], environment: keys, home: home)
        #expect(deploy.status == 0, "\(deploy.err)")
        #expect(deploy.out.contains("created iops-dashboard-metrics\(suffix)"))
        for target in [remote, ["--table-suffix", suffix]] {
            let verify = try iops(["scripts/verify.iops"] + target, environment: keys, home: home)
            #expect(verify.status == 0, "\(verify.err)")
            #expect(verify.out.hasSuffix("verified\n"))
        }
        // The same data on both targets, then each helper script on both.
        for target in [remote, ["--table-suffix", suffix]] {
            let load = try iops(["-c", "metrics put stu_a student health_score=40 sessions_7d=1 ib_calls_14d=3; metrics put stu_b student health_score=65.5; insights put stu_test_001 churn_risk sk=2025-01-02T09:00:00Z risk_score=77 explanation=Older"] + target,
                                environment: keys, home: home)
            #expect(load.status == 0, "\(load.err)")
        }
        for script in ["scripts/query-metrics.iops", "scripts/query-insights.iops"] {
            let onMoto = try iops([script] + remote, environment: keys, home: home)
            let embedded = try iops([script, "--table-suffix", suffix], environment: keys, home: home)
            #expect(onMoto.status == 0 && embedded.status == 0, "\(onMoto.err) \(embedded.err)")
            // verify.iops wrote "now" values on each target at different moments.
            let normal = { (text: String) in text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "<now>", options: .regularExpression) }
            #expect(normal(onMoto.out) == normal(embedded.out), "\(script)")
            #expect(!onMoto.out.isEmpty)
        }
    }

    @Test func debugShowsRequestsButNeverTheSecretTokenOrSignature() throws {
        let endpoint = try MotoServer.endpoint.get()
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try iops(["--endpoint", endpoint, "--debug", "-c", "tables"], environment: [
            "AWS_ACCESS_KEY_ID": "AKIDVISIBLE", "AWS_SECRET_ACCESS_KEY": "SECRETshouldNEVERshow", "AWS_SESSION_TOKEN": "TOKENshouldNEVERshow",
            "AWS_REGION": "eu-west-1",
        ], home: home)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("X-Amz-Target: DynamoDB_20120810.ListTables"))
        #expect(result.err.contains("Credential=AKIDVISIBLE/"))
        #expect(!result.err.contains("SECRETshouldNEVERshow") && !result.err.contains("TOKENshouldNEVERshow"))
        #expect(result.err.contains("Signature=<redacted>"))
    }

    @Test func missingCredentialsForAWSIsOneSentence() throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try iops(["--region", "eu-west-1", "-c", "tables"], home: home)
        #expect(result.status == 1)
        #expect(result.err == "iops: no AWS credentials: looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, \(home.path)/.aws/credentials [default], \(home.path)/.aws/config [default]; set them or pass --profile\n")
        let noRegion = try iops(["--profile", "default", "-c", "tables"], environment: ["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"], home: home)
        #expect(noRegion.status == 1)
        #expect(noRegion.err.hasPrefix("iops: "), "\(noRegion.err)")
    }
}

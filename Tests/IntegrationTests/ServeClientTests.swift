import Foundation
import Testing

/// Real clients against `iops serve`: the AWS CLI running the plan's verification steps and
/// helper scripts, boto3 for every operation (streams and TTL expiry included), and botocore
/// signatures against `--require-signature`. The Python side is Tests/IntegrationTests/Python,
/// run with pytest; its output is shown when it fails.
@Suite struct ServeClientTests {
    /// A running `iops serve` on a free loopback port, stopped with SIGINT (graceful).
    final class Server {
        let process = Process()
        let endpoint: String
        let directory: URL

        init(_ extra: [String], environment: [String: String] = [:]) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-serve-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            process.executableURL = URL(fileURLWithPath: try ExecutableTests.executable())
            process.arguments = ["serve", "--store", directory.appendingPathComponent("store.sqlite").path, "--port", "0"] + extra
            var env = ProcessInfo.processInfo.environment
            env.merge(environment) { _, new in new }
            process.environment = env
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The first line says where it listens: "iops serve: listening on http://127.0.0.1:PORT (store …)".
            var line = Data()
            let handle = out.fileHandleForReading
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression) else {
                process.terminate()
                throw MotoServer.Unavailable(description: "iops serve did not say where it listens: \(text)")
            }
            endpoint = String(text[range])
        }

        deinit {
            if process.isRunning {
                kill(process.processIdentifier, SIGINT)
                process.waitUntilExit()
            }
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func awsCLIBoto3AndSignaturesAgainstServe() throws {
        let open = try Server(["--sweep-every", "1"])
        let signed = try Server(["--require-signature"], environment: ["AWS_ACCESS_KEY_ID": "AKIDSIGNED", "AWS_SECRET_ACCESS_KEY": "right-secret"])
        let python = ProcessInfo.processInfo.environment["IOPS_PYTHON"] ?? "python3"
        let pytest = Process()
        pytest.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        pytest.arguments = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", ExecutableTests.repository.appendingPathComponent("Tests/IntegrationTests/Python").path]
        var environment = ProcessInfo.processInfo.environment
        environment["IOPS_SERVE_ENDPOINT"] = open.endpoint
        environment["IOPS_SERVE_SIGNED_ENDPOINT"] = signed.endpoint
        environment["IOPS_BINARY"] = try ExecutableTests.executable()
        environment["IOPS_REPOSITORY"] = ExecutableTests.repository.path
        environment["HOME"] = open.directory.path
        pytest.environment = environment
        let output = Pipe()
        pytest.standardOutput = output
        pytest.standardError = output
        try pytest.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        pytest.waitUntilExit()
        #expect(pytest.terminationStatus == 0, "pytest (AWS CLI, boto3, botocore against iops serve) failed:\n\(text)")
        // Every test ran: none skipped, none failed (8 today: 1 AWS CLI, 3 boto3, 4 signatures).
        #expect(text.contains(" passed") && !text.contains("skipped") && !text.contains("failed"), "\(text)")
    }
}

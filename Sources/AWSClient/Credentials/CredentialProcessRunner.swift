import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a `credential_process` command left behind.
public struct CredentialProcessOutput: Sendable, Equatable {
    public var exitStatus: Int32
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]

    public init(exitStatus: Int32, standardOutput: [UInt8], standardError: [UInt8] = []) {
        self.exitStatus = exitStatus
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// Runs a profile's `credential_process`. A value, not a global, so tests can hand the resolver
/// a fake and the real one's timeout can be chosen by the caller.
public struct CredentialProcessRunner: Sendable {
    /// Why a command could not be run to completion; `reason` completes "credential_process … failed: ".
    public struct Failure: Error, Sendable, Equatable {
        public var reason: String
        public init(_ reason: String) { self.reason = reason }
    }

    /// Runs `arguments` (already split as botocore splits the setting: `shlex.split`, no shell)
    /// with `environment` as the whole environment, and returns whatever it printed and its
    /// exit status. Throws `Failure` only when it could not run or did not finish.
    public var run: @Sendable (_ arguments: [String], _ environment: [String: String]) throws -> CredentialProcessOutput

    public init(run: @escaping @Sendable (_ arguments: [String], _ environment: [String: String]) throws -> CredentialProcessOutput) {
        self.run = run
    }

    /// Starts the command with `Process`, looking it up on the environment's `PATH` as
    /// `subprocess.Popen` does. Standard input stays the terminal so a helper can prompt (for an
    /// MFA code, say). botocore waits forever; iops gives up after `timeout` and kills the command.
    public static func system(timeout: Duration = .seconds(120)) -> CredentialProcessRunner {
        CredentialProcessRunner { arguments, environment in
            try runWithProcess(arguments, environment: environment, timeout: timeout)
        }
    }

    private static func runWithProcess(_ arguments: [String], environment: [String: String], timeout: Duration) throws(Failure) -> CredentialProcessOutput {
        guard let command = arguments.first, !command.isEmpty else { throw Failure("the command is empty") }
        guard let executable = locate(command, path: environment["PATH"]) else {
            throw Failure(command.contains("/") ? "\(command) is not an executable file" : "\(command) is not on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw Failure("\(command) could not be started (\(error.localizedDescription))")
        }
        // Read both pipes while the command runs: a full pipe would otherwise block it forever.
        let collected = CollectedOutput()
        let readers = DispatchGroup()
        let outputHandle = output.fileHandleForReading
        let errorHandle = errors.fileHandleForReading
        DispatchQueue.global().async(group: readers) { collected.setOutput(outputHandle.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: readers) { collected.setErrors(errorHandle.readDataToEndOfFile()) }

        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            // SIGKILL at once: a child started from a thread that blocks signals inherits the
            // mask and would sit out a SIGTERM, costing a grace period for nothing.
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            throw Failure("it did not finish within \(timeout.formattedSeconds) and was stopped")
        }
        // A background child of the command may hold the pipes open; do not wait for it long.
        _ = readers.wait(timeout: .now() + 5)
        if process.terminationReason == .uncaughtSignal {
            throw Failure("it was killed by signal \(process.terminationStatus)")
        }
        let (standardOutput, standardError) = collected.bytes
        return CredentialProcessOutput(exitStatus: process.terminationStatus, standardOutput: standardOutput, standardError: standardError)
    }

    /// The executable `command` names: a path if it has a slash, else the first match on `path`
    /// (Python's default `/bin:/usr/bin` when the environment has no `PATH`).
    static func locate(_ command: String, path: String?) -> String? {
        let files = FileManager.default
        if command.contains("/") {
            return files.isExecutableFile(atPath: command) ? command : nil
        }
        for directory in (path ?? "/bin:/usr/bin").split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + command
            var isDirectory: ObjCBool = false
            if files.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue, files.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }
}

/// The two pipes' contents, filled in by reader threads.
private final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()

    func setOutput(_ data: Data) { lock.withLock { output = data } }
    func setErrors(_ data: Data) { lock.withLock { errors = data } }
    var bytes: ([UInt8], [UInt8]) { lock.withLock { ([UInt8](output), [UInt8](errors)) } }
}

extension Duration {
    /// `120 s`, `1.5 s`: for messages.
    var formattedSeconds: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}

import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The REPL in a real pseudo-terminal: the built `iops` binary under `forkpty`, driven by
/// keystrokes, its screen output read back. Every wait is bounded.
@Suite(.serialized) struct REPLTests {
    /// A child process on the slave side of a pseudo-terminal.
    final class Terminal {
        let master: Int32
        let pid: pid_t
        private(set) var screen = ""

        init(executable: String, arguments: [String], environment: [String: String]) throws {
            var master: Int32 = -1
            var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
            let argv = ([executable] + arguments).map { strdup($0) } + [nil]
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            let pid = forkpty(&master, nil, nil, &size)
            if pid == 0 {
                execve(executable, argv, envp)
                _exit(127)
            }
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
            guard pid > 0 else { throw TerminalError("forkpty failed: errno \(errno)") }
            self.master = master
            self.pid = pid
        }

        deinit {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            close(master)
        }

        func type(_ keys: String) {
            _ = keys.utf8CString.withUnsafeBufferPointer { buffer in write(master, buffer.baseAddress, buffer.count - 1) }
        }

        /// Reads until `text` has appeared on the screen since `from`, or `seconds` pass.
        @discardableResult
        func waitFor(_ text: String, seconds: Double = 10) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if screen.contains(text) { return true }
                var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 100) > 0 else { continue }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }
                screen += String(decoding: buffer[0..<count], as: UTF8.self)
            }
            return screen.contains(text)
        }

        /// Waits until the prompt has been shown `count` times: the REPL is reading again (in
        /// raw mode), so keys typed now reach the line editor, not the terminal's line buffer.
        @discardableResult
        func waitForPrompt(_ count: Int, seconds: Double = 10) -> Bool {
            waitFor("iops store.sqlite> ", count: count, seconds: seconds)
        }

        /// Waits until `text` has been shown `count` times.
        @discardableResult
        func waitFor(_ text: String, count: Int, seconds: Double = 10) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if screen.components(separatedBy: text).count - 1 >= count { return true }
                _ = waitFor("\u{0}", seconds: 0.1)
            }
            return false
        }

        /// Waits for the child to exit (bounded) and returns its status, nil if it did not exit.
        func exitStatus(seconds: Double = 10) -> Int32? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                _ = waitFor("\u{0}", seconds: 0.1)
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            }
            return nil
        }
    }

    struct TerminalError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// `iops` next to the running tests (`swift test` builds every product).
    static func iopsExecutable() throws -> String { try BuiltProducts.iops() }

    @Test func completesContinuesInterruptsRecallsAndKeepsAPrivateHistory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-repl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let history = directory.appendingPathComponent("history").path
        let terminal = try Terminal(
            executable: try Self.iopsExecutable(),
            arguments: ["--store", directory.appendingPathComponent("store.sqlite").path],
            environment: ["TERM": "xterm", "HOME": directory.path, "IOPS_HISTORY": history, "PATH": "/usr/bin:/bin"])

        // A new store has the plugins' tables, empty: the banner says how to load demo data.
        #expect(terminal.waitFor("Load demo data with: source scripts/sample-data.iops"))
        #expect(terminal.waitForPrompt(1))
        // Tab completes a command ("ec" becomes "echo "; the output below proves it ran).
        terminal.type("ec\t")
        // An unfinished string asks for more lines; the statement runs once it is closed.
        terminal.type("\"multi\r")
        #expect(terminal.waitFor("... "))
        terminal.type("line\"\r")
        #expect(terminal.waitFor("multi\r\nline"))
        // Ctrl-C drops an unfinished statement and a half-typed line; the REPL goes on.
        #expect(terminal.waitForPrompt(2))
        terminal.type("echo \"open\r")
        // The second continuation prompt: the editor is reading, so ^C arrives as a key.
        #expect(terminal.waitFor("... ", count: 2))
        terminal.type("\u{03}")
        #expect(terminal.waitForPrompt(3))
        terminal.type("half typed\u{03}")
        #expect(terminal.waitForPrompt(4))
        terminal.type("echo after\r")
        // Had the open string survived, "echo after" would have continued it instead of running.
        #expect(terminal.waitFor("echo after\r\nafter\r\n"))
        // An error is reported and the REPL goes on.
        #expect(terminal.waitForPrompt(5))
        terminal.type("qery x\r")
        #expect(terminal.waitFor("did you mean query?"))
        // Up recalls the previous statement.
        #expect(terminal.waitForPrompt(6))
        terminal.type("\u{1b}[A")
        #expect(terminal.waitFor("iops store.sqlite> qery x"))
        // Ctrl-U clears the line, Ctrl-D leaves with status 0.
        terminal.type("\u{15}\u{04}")
        #expect(terminal.exitStatus() == 0)

        let attributes = try FileManager.default.attributesOfItem(atPath: history)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("qery\\040x"))
    }

    /// The prompt names a remote target and marks an endpoint that is not Amazon's. Nothing
    /// listens on the port: the REPL still starts, and says so only when a statement fails.
    @Test func promptMarksANonAWSEndpoint() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-repl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let terminal = try Terminal(
            executable: try Self.iopsExecutable(),
            arguments: ["--endpoint", "http://127.0.0.1:9"],
            environment: ["TERM": "xterm", "HOME": directory.path, "IOPS_HISTORY": directory.appendingPathComponent("history").path,
                          "PATH": "/usr/bin:/bin"])
        #expect(terminal.waitFor("iops 127.0.0.1:9 (not AWS)> "))
        terminal.type("tables\r")
        #expect(terminal.waitFor("NetworkingError"))
        // Ctrl-D once the editor reads again (the second prompt), not while the statement runs.
        #expect(terminal.waitFor("iops 127.0.0.1:9 (not AWS)> ", count: 2))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0)
    }

    /// The executable as a script runs it: a new store gets the plugins' tables, a broken
    /// plugin is reported on stderr and the others still load, options may follow the script.
    @Test func newStoreHasThePluginTablesAndABrokenPluginIsReported() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-exe-\(UUID().uuidString)")
        let plugins = directory.appendingPathComponent("plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "plugin: broken\ntable:\n  name: x\n".write(to: plugins.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let script = directory.appendingPathComponent("list.iops")
        try "tables\necho $1\n".write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.iopsExecutable())
        process.arguments = [script.path, "--store", directory.appendingPathComponent("s.sqlite").path, "--plugins", plugins.path, "--format", "jsonl", "--", "--arg"]
        process.environment = ["HOME": directory.path, "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(errors)")
        #expect(output == "iops-dashboard-insights\niops-dashboard-metrics\n--arg\n")
        #expect(errors.hasPrefix("iops: plugin not loaded: \(plugins.path)/broken.yaml:"), "\(errors)")
    }
}

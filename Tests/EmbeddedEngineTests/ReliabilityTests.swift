import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import EmbeddedEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a crash or a second process must never break: acknowledged writes survive a SIGKILL,
/// a batch is all or nothing, indexes match their table, and several processes write one store
/// at once without "database is locked".
///
/// The writers are `iops-stress` child processes (Sources/iops-stress), built next to the tests.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct ReliabilityTests {
    static let table = "iops-dashboard-metrics"

    // MARK: Crash

    /// Kills a loading child with SIGKILL once it has acknowledged `killAfter` items, then
    /// checks the store it left behind.
    @Test(arguments: [2_000, 7_500, 25_000])
    func killedLoaderLosesNothingAcknowledged(killAfter: Int) throws {
        let stress = try Self.stressExecutable()
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path

        let started = Date()
        let child = try Child(stress, ["load", path, "0", "200000"], stderr: directory.appendingPathComponent("load.err"))
        defer { child.killIfRunning() }

        // Read acknowledgements until enough arrived; never longer than 60 s in total.
        var lastAck = -1
        let deadline = Date().addingTimeInterval(60)
        while lastAck + 1 < killAfter, Date() < deadline {
            guard let line = child.readLine(until: deadline) else { break }
            let parts = line.split(separator: " ")
            if parts.count == 2, parts[0] == "ack", let index = Int(parts[1]) { lastAck = index }
        }
        let acknowledged = lastAck + 1
        // A little jitter so the kill lands at different points of a batch.
        usleep(useconds_t.random(in: 0...20_000))
        kill(child.pid, SIGKILL)
        let exited = child.waitForExit(timeout: 10)
        let loadSeconds = Date().timeIntervalSince(started)
        try #require(exited, "the killed child did not exit within 10 s")
        try #require(acknowledged >= killAfter,
                     "the child acknowledged only \(acknowledged) items in \(Int(loadSeconds)) s; stderr: \(child.errorOutput)")
        #expect(child.terminationReason == .uncaughtSignal, "the child ended before it was killed; stderr: \(child.errorOutput)")

        // The killed writer leaves its WAL behind: reopening must recover from it.
        let walBytes = ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
        #expect(walBytes > 0, "the killed child left no WAL, so recovery was not exercised")

        // Reopen as a fresh process would: a new engine, a new connection, WAL recovery.
        let reopened = Date()
        let engine = try EmbeddedEngine(path: path)
        let found = try Self.scanIDs(engine)
        let missing = (0..<acknowledged).filter { !found.ids.contains("s\($0)") }
        #expect(missing.isEmpty, "\(missing.count) acknowledged items are missing, first: s\(missing.first ?? -1)")
        #expect(found.ids.count % 25 == 0, "\(found.ids.count) items: a batch of 25 was half written")
        // Batches commit in order, so the store holds exactly s0 ..< s<count>.
        #expect(found.ids == Set((0..<found.ids.count).map { "s\($0)" }), "the store holds items that were never written in order")
        #expect(found.incomplete == 0, "\(found.incomplete) items lack an attribute")

        let report = try engine.checkIntegrity()
        #expect(report.isSound, "integrity problems: \(report.problems)")
        #expect(report.itemsChecked == found.ids.count)
        #expect(report.indexEntriesChecked == 2 * found.ids.count)
        // Every item's change-log row (its stream record) committed with it.
        #expect(try Self.changeCount(engine) == found.ids.count)

        print("""
            ReliabilityTests: kill after \(killAfter): acknowledged \(acknowledged), found \(found.ids.count) \
            (+\(found.ids.count - acknowledged) committed but not yet acknowledged), \
            WAL at kill \(walBytes / 1024) KiB, load \(String(format: "%.1f", loadSeconds)) s, reopen and check \(String(format: "%.1f", Date().timeIntervalSince(reopened))) s
            """)
    }

    // MARK: Concurrent writers

    /// Two child processes and this process PutItem distinct items into one store at the same
    /// time: nobody sees "locked" or "busy", and every item is there afterwards.
    @Test func concurrentProcessesAllWrite() throws {
        let stress = try Self.stressExecutable()
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path

        let engine = try EmbeddedEngine(path: path)
        _ = try engine.createTable(metricsTable())

        let perChild = 5_000
        let started = Date()
        let children = try ["a", "b"].map { prefix in
            try Child(stress, ["write", path, prefix, String(perChild)], stderr: directory.appendingPathComponent("\(prefix).err"))
        }
        defer { for child in children { child.killIfRunning() } }

        // Write for as long as a child is writing (at least 500 items), so all three overlap.
        var written = 0
        var failures: [String] = []
        let deadline = Date().addingTimeInterval(120)
        while (written < 500 || children.contains(where: \.isRunning)) && Date() < deadline {
            do {
                _ = try engine.putItem(PutItemInput(tableName: Self.table, item: [
                    "entity_id": .s("t\(written)"), "entity_type": .s(["student", "tutor", "subject", "region"][written % 4]),
                    "health_score": .n(DynamoNumber(written % 101)), "last_updated": .s("2025-01-15T10:30:00Z"),
                ]))
                written += 1
            } catch {
                failures.append("t\(written): \(error)")
                if failures.count >= 5 { break }
            }
        }
        let childrenDone = children.map { $0.waitForExit(timeout: max(1, deadline.timeIntervalSinceNow)) }
        let seconds = Date().timeIntervalSince(started)
        #expect(failures.isEmpty, "this process failed to write: \(failures)")
        #expect(childrenDone.allSatisfy { $0 }, "a child was still writing after 120 s")

        for (prefix, child) in zip(["a", "b"], children) where !child.isRunning {
            let errors = child.errorOutput
            #expect(child.terminationReason == .exit && child.terminationStatus == 0,
                    "child \(prefix) failed (status \(child.terminationStatus)): \(errors)")
            #expect(!errors.lowercased().contains("locked") && !errors.lowercased().contains("busy"), "child \(prefix): \(errors)")
            #expect(child.readAll().contains("done"), "child \(prefix) did not report done")
        }

        let found = try Self.scanIDs(engine)
        let expected = Set((0..<perChild).map { "a\($0)" } + (0..<perChild).map { "b\($0)" } + (0..<written).map { "t\($0)" })
        #expect(expected.subtracting(found.ids).isEmpty, "\(expected.subtracting(found.ids).count) items are missing")
        #expect(found.ids.subtracting(expected).isEmpty, "unexpected items: \(found.ids.subtracting(expected).prefix(5))")
        #expect(found.incomplete == 0)
        let report = try engine.checkIntegrity()
        #expect(report.isSound, "integrity problems: \(report.problems)")
        #expect(report.itemsChecked == expected.count)

        print("""
            ReliabilityTests: concurrent writers: children \(perChild) + \(perChild), this process \(written), \
            found \(found.ids.count) of \(expected.count) in \(String(format: "%.1f", seconds)) s
            """)
    }

    // MARK: Helpers

    /// Every entity_id in the metrics table, and how many items lack one of the four attributes.
    static func scanIDs(_ engine: EmbeddedEngine) throws -> (ids: Set<String>, incomplete: Int) {
        var ids = Set<String>()
        var incomplete = 0
        var start: Item?
        repeat {
            let page = try engine.scan(ScanInput(tableName: table, exclusiveStartKey: start))
            for item in page.items ?? [] {
                if let id = item["entity_id"]?.stringValue { ids.insert(id) }
                if item["entity_type"] == nil || item["health_score"] == nil || item["last_updated"] == nil || item.count != 4 {
                    incomplete += 1
                }
            }
            start = page.lastEvaluatedKey
        } while start != nil
        return (ids, incomplete)
    }

    /// Rows in the change log (one per item written, as nothing was updated or deleted).
    static func changeCount(_ engine: EmbeddedEngine) throws -> Int {
        try engine.read {
            let stmt = try engine.primary.db.statement("SELECT count(*) FROM changes")
            _ = try stmt.step()
            return stmt.int(0)
        }
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-reliability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// `iops-stress` in the products directory: the folder holding the running test executable
    /// or one of its parents (on macOS the test bundle sits inside it).
    static func stressExecutable() throws -> URL {
        var starts = [Bundle.main.bundleURL, Bundle.main.executableURL].compactMap { $0 }
        if let first = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: first).resolvingSymlinksInPath())
        }
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = directory.appendingPathComponent("iops-stress")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory.deleteLastPathComponent()
            }
        }
        throw MissingStressExecutable(searched: starts.map(\.path))
    }
}

struct MissingStressExecutable: Error, CustomStringConvertible {
    var searched: [String]
    var description: String {
        """
        iops-stress is not built next to the tests (looked in and above \(searched)). \
        Run `swift build` (or `swift build --product iops-stress`) with the same scratch path, then test again.
        """
    }
}

/// A child process with its stdout on a pipe read with timeouts, and stderr in a file.
/// Nothing here waits without a deadline.
final class Child {
    private let process = Process()
    private let stdout = Pipe()
    private let stderrURL: URL
    private var buffer: [UInt8] = []
    private var ended = false

    init(_ executable: URL, _ arguments: [String], stderr: URL) throws {
        stderrURL = stderr
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
    }

    var pid: pid_t { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var terminationReason: Process.TerminationReason { process.terminationReason }
    var terminationStatus: Int32 { process.terminationStatus }
    var errorOutput: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// The next line of stdout, or nil at end of file or when `deadline` passes.
    func readLine(until deadline: Date) -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            if ended { return nil }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            guard readChunk(timeoutMilliseconds: Int32(min(remaining, 1) * 1000) + 1) else { continue }
        }
    }

    /// Everything left on stdout until end of file (the child has exited) or 5 s.
    func readAll() -> String {
        let deadline = Date().addingTimeInterval(5)
        while !ended, deadline.timeIntervalSinceNow > 0 { _ = readChunk(timeoutMilliseconds: 100) }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Reads what is available within the timeout; false when nothing was.
    private func readChunk(timeoutMilliseconds: Int32) -> Bool {
        let fd = stdout.fileHandleForReading.fileDescriptor
        var pollDescriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pollDescriptor, 1, timeoutMilliseconds)
        guard ready > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count <= 0 {
            if count == 0 || errno != EINTR { ended = true }
            return false
        }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }

    /// Waits for the child to exit; false if it still runs after `timeout` seconds.
    func waitForExit(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() >= deadline { return false }
            usleep(5_000)
        }
        return true
    }

    /// SIGKILL and reap, so no test leaves a child behind.
    func killIfRunning() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        _ = waitForExit(timeout: 10)
    }
}

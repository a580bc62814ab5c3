import CSQLite
import DynamoAPI
import DynamoModel
import EmbeddedEngine
import Foundation

/// Figure 4: a full Scan, all pages, counting items and dropping each page. It runs in a
/// child process so its peak RSS (VmHWM) is the scan's own, not the load's.
enum ScanPhase {
    static let marker = "SCAN-RESULT"

    static func run(enginePath: String, items: Int, report: inout Report) throws {
        progress("  scan: full Scan in a child process")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try selfExecutable())
        process.arguments = ["--scan-child", enginePath]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("the scan child failed (status \(process.terminationStatus))") }
        let output = String(decoding: data, as: UTF8.self)
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(marker) }) else {
            throw BenchError("the scan child printed no result: \(output)")
        }
        let f = line.split(separator: " ").dropFirst().compactMap { Int($0) }
        guard f.count == 10 else { throw BenchError("bad scan result: \(line)") }
        let (count, pages, nanos, rssBefore, rssAfter) = (f[0], f[1], f[2], f[3], f[4])
        let (peak, openNanos, peakBefore, sqliteAfterOpen, sqlitePeak) = (f[5], f[6], f[7], f[8], f[9])
        let seconds = Double(nanos) / 1e9
        report.add("scan", "engine Scan, all pages", duration(seconds),
                   note: "\(grouped(count)) items\(count == items ? "" : " (EXPECTED \(grouped(items)))") in \(grouped(pages)) pages, \(grouped(Int(Double(count) / seconds))) items/s")
        report.add("scan", "peak RSS of the scanning process", mib(peak), target: "< 64 MB", meets: peak < 64 * 1024,
                   note: "VmHWM of a fresh process that opens the store and scans; SQLite's own heap peaked at \(mib(sqlitePeak / 1024))"
                       + " (page cache: cache_size = 16 MB)")
        report.add("scan", "RSS before → after the scan", "\(mib(rssBefore)) → \(mib(rssAfter))",
                   note: "before = just after opening the engine (\(duration(Double(openNanos) / 1e9)); VmHWM then \(mib(peakBefore)),"
                       + " SQLite heap \(mib(sqliteAfterOpen / 1024)))")
        let growth = max(0, peak - rssBefore)
        let sqliteGrowth = max(0, sqlitePeak - sqliteAfterOpen) / 1024
        report.add("scan", "RSS growth during the scan", mib(growth),
                   note: "peak − before: SQLite's heap (page cache) \(mib(sqliteGrowth)) of it,"
                       + " the rest (\(mib(max(0, growth - sqliteGrowth)))) one page of items at a time; pages are not kept")
    }

    /// The child: open the store, scan it, print one result line.
    static func child(path: String) throws {
        let openStart = monotonicNanos()
        let engine = try EmbeddedEngine(path: path)
        let openNanos = monotonicNanos() - openStart
        guard let before = MemoryStatus.current() else { throw BenchError("cannot read /proc/self/status") }
        let sqliteAfterOpen = sqlite3_memory_used()
        let start = monotonicNanos()
        var count = 0
        var pages = 0
        var exclusiveStartKey: Item?
        repeat {
            let page = try engine.scan(ScanInput(tableName: MetricsWorkload.tableName, exclusiveStartKey: exclusiveStartKey))
            count += page.items?.count ?? 0
            pages += 1
            exclusiveStartKey = page.lastEvaluatedKey
        } while exclusiveStartKey != nil
        let nanos = monotonicNanos() - start
        guard let after = MemoryStatus.current() else { throw BenchError("cannot read /proc/self/status") }
        let sqlitePeak = sqlite3_memory_highwater(0)
        print("\(marker) \(count) \(pages) \(nanos) \(before.rssKiB) \(after.rssKiB) \(after.peakKiB) \(openNanos) \(before.peakKiB)"
              + " \(sqliteAfterOpen) \(sqlitePeak)")
    }

    static func selfExecutable() throws -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        if let path = Bundle.main.executablePath { return path }
        throw BenchError("cannot find the iops-bench executable")
    }
}

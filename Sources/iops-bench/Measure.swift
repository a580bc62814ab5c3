import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic nanoseconds.
@inline(__always) func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Accumulates the time spent inside measured calls only.
struct Stopwatch {
    private(set) var nanos: UInt64 = 0

    @inline(__always) mutating func time<T>(_ body: () throws -> T) rethrows -> T {
        let start = monotonicNanos()
        defer { nanos += monotonicNanos() - start }
        return try body()
    }

    var seconds: Double { Double(nanos) / 1e9 }
}

/// Resident set figures of this process from /proc/self/status, in KiB (nil off Linux).
struct MemoryStatus {
    var rssKiB: Int
    var peakKiB: Int

    static func current() -> MemoryStatus? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        var rss: Int?
        var peak: Int?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("VmRSS:") { rss = kib(line) }
            if line.hasPrefix("VmHWM:") { peak = kib(line) }
        }
        guard let rss, let peak else { return nil }
        return MemoryStatus(rssKiB: rss, peakKiB: peak)
    }

    private static func kib(_ line: Substring) -> Int? {
        line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }
}

/// Bytes this process handed to write(2)/pwrite(2) and asked the file system to flush, from
/// /proc/self/io (nil off Linux): where a load's time goes when it is I/O bound.
struct IOStatus {
    var writtenBytes: Int
    var writeCalls: Int

    static func current() -> IOStatus? {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return nil }
        var fields: [Substring: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":")
            if parts.count == 2 { fields[parts[0]] = Int(parts[1].trimmingCharacters(in: .whitespaces)) }
        }
        guard let written = fields["wchar"], let calls = fields["syscw"] else { return nil }
        return IOStatus(writtenBytes: written, writeCalls: calls)
    }

    /// "12.3 KB written per item in 4.1 writes", from two readings.
    static func perItem(from start: IOStatus?, to end: IOStatus?, items: Int) -> String {
        guard let start, let end, items > 0 else { return "" }
        let bytes = Double(end.writtenBytes - start.writtenBytes) / Double(items)
        let calls = Double(end.writeCalls - start.writeCalls) / Double(items)
        return "; \(fixed(bytes / 1024, 1)) KB written per item in \(fixed(calls, 1)) write calls"
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// 1234567 → "1,234,567".
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return value < 0 ? "-" + out : out
}

func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

func mib(_ kib: Int) -> String { fixed(Double(kib) / 1024, 1) + " MB" }

func duration(_ seconds: Double) -> String {
    seconds < 1 ? fixed(seconds * 1000, 2) + " ms" : fixed(seconds, 2) + " s"
}

/// Progress on stderr, so the report on stdout stays clean.
func progress(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

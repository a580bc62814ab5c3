import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Start-up to first result of the shell: `iops --store … -c 'get …'` run as a new process,
/// as a user runs it, on the store the benchmark just loaded. Needs the `iops` binary next to
/// this one (`swift build -c release` builds both; `scripts/bench` does).
enum StartupPhase {
    static func run(enginePath: String, workload: MetricsWorkload, report: inout Report) throws {
        let directory = (try ScanPhase.selfExecutable() as NSString).deletingLastPathComponent
        let iops = directory + "/iops"
        guard FileManager.default.isExecutableFile(atPath: iops) else {
            report.add("shell", "start-up to first result", "not measured", target: "< 30 ms",
                       note: "no iops binary next to iops-bench; build it with: swift build -c release --product iops")
            return
        }
        let item = workload.item(workload.count / 2)
        guard case .s(let id)? = item["entity_id"], case .s(let type)? = item["entity_type"] else { return }
        let command = "get \(MetricsWorkload.tableName) entity_id=\(id) entity_type=\(type)"
        var times: [Double] = []
        for run in 0..<31 {
            let start = monotonicNanos()
            let (status, output) = try spawn(iops, ["--store", enginePath, "-c", command])
            let elapsed = Double(monotonicNanos() - start) / 1e6
            guard status == 0, output.contains(id) else {
                throw BenchError("iops -c '\(command)' did not return the item (status \(status))")
            }
            if run > 0 { times.append(elapsed) } // the first run warms the OS cache and the store's counters
        }
        times.sort()
        let median = times[times.count / 2]
        report.add("shell", "start-up to first result", String(format: "%.1f ms", median), target: "< 30 ms", meets: median < 30,
                   note: String(format: "iops -c '%@' as a new process; median of 30, p90 %.1f ms", command, times[times.count * 9 / 10]))
    }

    /// Runs a program with posix_spawn and returns its exit status and standard output.
    /// (Foundation's `Process` adds tens of milliseconds on Linux, which would swamp the figure.)
    static func spawn(_ path: String, _ arguments: [String]) throws -> (Int32, String) {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw BenchError("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        close(pipe[1])
        guard rc == 0 else {
            close(pipe[0])
            throw BenchError("cannot start \(path): error \(rc)")
        }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(pipe[0], &buffer, buffer.count)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        close(pipe[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return ((status >> 8) & 0xFF, String(decoding: output, as: UTF8.self))
    }
}

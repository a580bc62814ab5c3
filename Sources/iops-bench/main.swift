import Foundation

/// `swift run -c release iops-bench [--items N] [--store DIR]`
///
/// Measures the embedded engine on the dashboard metrics table and prints figures next to
/// their targets. It never fails on a timing: the figures are for people to read.
do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "--scan-child" {
        guard arguments.count == 2 else { throw BenchError("--scan-child takes the store path") }
        try ScanPhase.child(path: arguments[1])
    } else {
        guard let options = try BenchOptions(arguments) else { exit(0) }
        try Benchmark(options).run()
    }
} catch {
    FileHandle.standardError.write(Data("iops-bench: \(error)\n".utf8))
    exit(1)
}

import Foundation

struct BenchOptions {
    var items = 1_000_000
    /// Where the databases go; nil for a temporary directory removed at the end.
    var store: String?
    var queryRuns = 5
    /// Only load the engine's store (for `scripts/bench-serve`), measuring nothing else.
    var loadOnly = false

    static let usage = """
        usage: iops-bench [--items N] [--store DIR] [--load-only]

          --items N    items to load (default 1,000,000; 20000 for a quick run)
          --store DIR  directory for the databases (kept afterwards; existing
                       engine.sqlite / raw-baseline.sqlite in it are replaced).
                       Default: a temporary directory, removed at the end.
          --load-only  load DIR/engine.sqlite and stop (needs --store)
        """

    /// Nil when only the usage was asked for.
    init?(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--items", "-n":
                guard let text = rest.popFirst(),
                      let n = Int(text.filter { $0 != "_" && $0 != "," }), n > 0 else {
                    throw BenchError("--items needs a positive number\n\(Self.usage)")
                }
                items = n
            case "--load-only":
                loadOnly = true
            case "--store":
                guard let dir = rest.popFirst() else { throw BenchError("--store needs a directory\n\(Self.usage)") }
                store = dir
            case "--help", "-h":
                print(Self.usage)
                return nil
            default:
                throw BenchError("unknown argument \(flag)\n\(Self.usage)")
            }
        }
    }
}

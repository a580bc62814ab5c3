import EmbeddedEngine
import Foundation
import Shell
import ShellLanguage

/// Parse and plan time per statement of a 10,000-line script: every line an `explain` of a
/// query, put, update or scan, so the shell parses it, builds the request (placeholders,
/// typing by the table's definitions) and prints it, without sending anything.
enum ScriptPhase {
    static let lines = 10_000

    static func run(engine: EmbeddedEngine, report: inout Report) async throws {
        var script = ""
        let table = MetricsWorkload.tableName
        for i in 0..<lines {
            switch i % 4 {
            case 0: script += "explain query \(table).EntityTypeHealthIndex where entity_type = \"student\" and health_score < \(i % 100) filter ib_calls_14d > 2 select entity_id, health_score as hs\n"
            case 1: script += "explain put \(table) entity_id=stu_\(i) entity_type=student health_score=\(i % 101) last_updated=\"2025-01-15T10:30:00Z\" if attribute_not_exists(entity_id)\n"
            case 2: script += "explain update \(table) entity_id=stu_\(i) entity_type=student set sessions_7d = sessions_7d + 1, note = \"x\" remove ib_calls_7d\n"
            default: script += "explain scan \(table) filter begins_with(entity_id, \"stu_\(i % 10)\") and size(last_updated) > 10 limit 50\n"
            }
        }
        let parseStart = monotonicNanos()
        let statements = try parseScript(script, file: "bench.iops")
        let parseNanos = Double(monotonicNanos() - parseStart)
        guard statements.count == lines else { throw BenchError("parsed \(statements.count) statements, expected \(lines)") }

        var printed = 0
        let session = ShellSession(backend: engine, format: .jsonl, write: { printed += $0.utf8.count }, writeError: { _ in })
        let runStart = monotonicNanos()
        let outcome = try await session.runScript(script, file: "bench.iops")
        let runNanos = Double(monotonicNanos() - runStart)
        guard outcome == .proceed else { throw BenchError("the benchmark script failed") }
        report.add("shell", "parse, per statement", String(format: "%.1f µs", parseNanos / Double(lines) / 1000),
                   note: "\(lines)-line script of query/put/update/scan statements: \(String(format: "%.1f", parseNanos / 1e6)) ms in all")
        report.add("shell", "parse + plan + print, per statement", String(format: "%.1f µs", runNanos / Double(lines) / 1000),
                   note: "each line an explain: placeholders built, literals typed, the request printed (\(printed / 1024) KB); nothing sent")
    }
}

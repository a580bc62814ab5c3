import DynamoModel
import Foundation
import ShellLanguage

extension ShellSession {
    /// Parses and runs a script (a file, `-c` text, standard input, one REPL entry). The first
    /// error stops it: it is reported as `file:line:col: message` and the outcome is `failed`.
    public func runScript(_ text: String, file: String) async throws -> Outcome {
        let savedDirectory = currentScriptDirectory
        defer { currentScriptDirectory = savedDirectory }
        if !file.hasPrefix("<") { currentScriptDirectory = (file as NSString).deletingLastPathComponent }
        let statements: [Statement]
        do {
            statements = try parseScript(text, file: file)
        } catch {
            writeError(error.description + "\n")
            return .failed
        }
        var failed = false
        for statement in statements {
            do {
                let outcome = try await execute(statement)
                if case .exit = outcome { return outcome }
                if outcome == .failed {
                    if !keepGoing { return .failed }
                    failed = true
                }
            } catch {
                report(error, at: statement, source: text)
                if !keepGoing { return .failed }
                failed = true
            }
        }
        return failed ? .failed : .proceed
    }

    /// One line for an error, placed at the statement that raised it.
    public func report(_ error: any Error, at statement: Statement, source: String?) {
        let message: String
        switch error {
        case let error as DynamoError: message = "\(error.code.rawValue): \(error.message)"
        case let error as ShellError: message = error.message
        case let error as Diagnostic:
            writeError(error.description + "\n")
            return
        default: message = "\(error)"
        }
        writeError(Diagnostic(message: message, at: statement.location, in: source).description + "\n")
    }
}

/// The text of `help`.
enum ShellHelp {
    static let entries: [(command: String, summary: String, example: String)] = [
        ("tables", "list the tables", "tables"),
        ("describe", "show a table's definition", "describe iops-dashboard-metrics"),
        ("create table", "create a table from a CreateTable body", #"create table t {"KeySchema": [...], "AttributeDefinitions": [...], "BillingMode": "PAY_PER_REQUEST"}"#),
        ("drop table", "delete a table", "drop table t"),
        ("put", "write an item (name=value pairs or JSON) [if CONDITION]", "put iops-dashboard-metrics entity_id=stu_1 entity_type=student health_score=72"),
        ("get", "read an item by key [select PROJECTION]", "get iops-dashboard-metrics entity_id=stu_1 entity_type=student"),
        ("delete", "delete an item by key [if CONDITION]", "delete iops-dashboard-metrics entity_id=stu_1 entity_type=student"),
        ("update", "update an item: set/remove/add/delete [if CONDITION]", "update iops-dashboard-metrics entity_id=stu_1 entity_type=student set sessions_7d = sessions_7d + 1"),
        ("query", "read a partition: where KEY-CONDITION [filter …] [select …] [limit N] [desc] [all]", "query iops-dashboard-metrics.EntityTypeHealthIndex where entity_type = \"student\" and health_score < 70"),
        ("scan", "read a whole table [filter …] [select …] [limit N] [segments N] [all]", "scan iops-dashboard-metrics filter ib_calls_14d > 2"),
        ("more", "show the next page of the last query or scan", "more"),
        ("plugins", "list the table plugins: name, table, commands, file; and any that failed to load", "plugins"),
        ("count", "count items [where …] [filter …]", "count iops-dashboard-metrics.EntityTypeHealthIndex where entity_type = \"student\""),
        ("batch put", "write every item of a JSON-lines file (plain JSON, one item per line)", "batch put iops-dashboard-metrics metrics.jsonl"),
        ("export", "write every item of a table to a file, one DynamoDB-JSON item per line", "export iops-dashboard-metrics backup.jsonl"),
        ("import", "write every item of an export file into a table", "import iops-dashboard-metrics backup.jsonl"),
        ("ttl", "a table's TTL: status, what expires within an hour/day/week, expired but not deleted, values that never expire [--list N]", "ttl iops-dashboard-insights --list 5"),
        ("sweep", "delete expired items now (the embedded store's TTL deletion)", "sweep"),
        ("tail", "follow a table's stream like tail -f [--from latest|trim-horizon|SEQ|TIME] [--for 30s] [--max N] [--no-follow]", "tail iops-dashboard-metrics --from trim-horizon --max 10"),
        ("explain", "print the DynamoDB request a statement would send, without sending it", "explain query iops-dashboard-metrics where entity_id = \"stu_1\""),
        ("api", "send a raw DynamoDB request (DynamoDB JSON)", #"api DescribeTable {"TableName": "iops-dashboard-metrics"}"#),
        ("schema", "keep tables in step with their plugins: deploy, diff (fails on drift), doc [--output FILE], cfn [PLUGIN …]", "schema diff metrics"),
        ("let", "set a variable", "let id = \"stu_4532\""),
        ("echo", "print values", "echo $id"),
        ("set", "set an option: format table|json|jsonl|csv|ddb-json, page-size N, color on|off, expired hide|show (hide: reads leave out expired items not yet deleted)", "set format json"),
        ("source", "run a script file", "source scripts/verify.iops"),
        ("help", "this list, or one command's", "help query"),
        ("exit", "leave with a status code", "exit 0"),
    ]

    static func text(for topic: String?, extraTopics: [String] = []) -> String {
        if let topic {
            let wanted = topic.lowercased()
            if let entry = entries.first(where: { $0.command == wanted || $0.command.hasPrefix(wanted + " ") }) {
                return "\(entry.command): \(entry.summary)\n  example: \(entry.example)\n"
            }
            let hint = Diagnostic.suggestion(for: wanted, among: entries.map(\.command) + extraTopics)
            return "no help for '\(topic)'" + (hint.map { "; did you mean \($0)?" } ?? "") + "\n"
        }
        let width = entries.map(\.command.count).max() ?? 0
        return entries.map { $0.command.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary + "\n" }.joined()
    }
}

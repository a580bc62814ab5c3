import DynamoAPI
import DynamoModel
import EmbeddedEngine
import Foundation
import Testing
@testable import Shell

/// Scripts run end to end on a real embedded store, output captured.
final class ShellHarness: @unchecked Sendable {
    let directory: URL
    let engine: EmbeddedEngine
    var out = ""
    var err = ""
    var session: ShellSession!

    init(format: OutputFormat = .jsonl, arguments: [String] = [], options: EmbeddedEngine.Options = EmbeddedEngine.Options()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        engine = try EmbeddedEngine(path: directory.appendingPathComponent("store.sqlite").path, options: options)
        session = ShellSession(backend: engine, format: format, arguments: arguments,
                               write: { [unowned self] in self.out += $0 }, writeError: { [unowned self] in self.err += $0 })
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func run(_ script: String, file: String = "test.iops") async throws -> ShellSession.Outcome {
        out = ""
        err = ""
        return try await session.runScript(script, file: file)
    }

    static let metrics = #"""
        create table metrics {"KeySchema": [{"AttributeName": "entity_id", "KeyType": "HASH"}, {"AttributeName": "entity_type", "KeyType": "RANGE"}],
          "AttributeDefinitions": [{"AttributeName": "entity_id", "AttributeType": "S"}, {"AttributeName": "entity_type", "AttributeType": "S"},
                                   {"AttributeName": "health_score", "AttributeType": "N"}],
          "GlobalSecondaryIndexes": [{"IndexName": "ByHealth", "KeySchema": [{"AttributeName": "entity_type", "KeyType": "HASH"},
                                     {"AttributeName": "health_score", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}],
          "BillingMode": "PAY_PER_REQUEST"}
        """#
}

@Suite struct SessionTests {
    @Test func putQueryGetUpdateDeleteCount() async throws {
        let shell = try ShellHarness()
        #expect(try await shell.run(ShellHarness.metrics) == .proceed)
        try await shell.run("""
            put metrics entity_id=stu_1 entity_type=student health_score=72 timestamp="2025-01-15T10:30:00Z"
            put metrics entity_id=stu_2 entity_type=student health_score=9
            put metrics {"entity_id": "stu_3", "entity_type": "student", "health_score": 85.50}
            """)
        #expect(shell.err == "")
        try await shell.run(#"query metrics.ByHealth where entity_type = "student" and health_score < 80 select entity_id, health_score as hs"#)
        #expect(shell.out == "{\"entity_id\":\"stu_2\",\"hs\":9}\n{\"entity_id\":\"stu_1\",\"hs\":72}\n")
        try await shell.run("get metrics entity_id=stu_3 entity_type=student select health_score")
        #expect(shell.out == "{\"health_score\":85.5}\n")
        try await shell.run("update metrics entity_id=stu_2 entity_type=student set health_score = health_score + 1, note = \"x\"")
        #expect(shell.out.contains("\"health_score\":10"))
        try await shell.run("count metrics; delete metrics entity_id=stu_3 entity_type=student; count metrics")
        #expect(shell.out == "3\n2\n")
        try await shell.run("scan metrics filter timestamp begins_with_missing")
        #expect(!shell.err.isEmpty)
    }

    @Test func reservedWordsAndLiteralsBecomePlaceholders() async throws {
        let shell = try ShellHarness()
        try await shell.run(ShellHarness.metrics)
        try await shell.run(#"explain scan metrics filter timestamp > "2025" and status = ") OR attribute_exists(x""#)
        let text = shell.out
        #expect(text.hasPrefix("Scan — Scan: reads the whole table"))
        let json = try JSONValue.parse(String(text.drop { $0 != "{" }))
        #expect(json["FilterExpression"]?.stringValue?.contains("timestamp") == false)
        #expect(json["FilterExpression"]?.stringValue?.contains("OR") == false)
    }

    @Test func errorsNameFileLineAndColumnAndStopTheScript() async throws {
        let shell = try ShellHarness()
        try await shell.run(ShellHarness.metrics)
        let outcome = try await shell.run("echo one\nget nosuch id=1\necho never", file: "x.iops")
        #expect(outcome == .failed)
        #expect(shell.out == "one\n")
        #expect(shell.err.hasPrefix("x.iops:2:1: ResourceNotFoundException: Requested resource not found"))
        try await shell.run("query metrics where entity_id = \"a\" limt 5", file: "y.iops")
        #expect(shell.err.hasPrefix("y.iops:1:"))
        #expect(shell.err.contains("did you mean limit?"))
        try await shell.run("put metrics entity_id=stu_9 entity_type=student health_score=abc")
        #expect(shell.err.contains("health_score is a Number"))
        #expect(try shell.engine.scan(ScanInput(tableName: "metrics")).count == 0)
    }

    @Test func anInterruptStopsALongReadBetweenPages() async throws {
        let shell = try ShellHarness()
        try await shell.run(ShellHarness.metrics + "\nput metrics entity_id=a entity_type=student health_score=1")
        shell.session.isInterrupted = { true }
        let outcome = try await shell.run("scan metrics all", file: "i.iops")
        shell.session.isInterrupted = { false }
        #expect(outcome == .failed)
        #expect(shell.err.hasPrefix("i.iops:1:1: interrupted"))
        #expect(try await shell.run("count metrics") == .proceed)
        #expect(shell.out == "1\n")
    }

    @Test func keepGoingRunsTheRestAndStillFails() async throws {
        let shell = try ShellHarness()
        shell.session.keepGoing = true
        let outcome = try await shell.run("echo one\nget nosuch id=1\necho two\nqery x\necho three", file: "k.iops")
        #expect(outcome == .failed)
        #expect(shell.out == "one\ntwo\nthree\n")
        #expect(shell.err.contains("k.iops:2:1:"))
    }

    @Test func aBareWordInAKeyConditionGetsAHint() async throws {
        let shell = try ShellHarness()
        try await shell.run(ShellHarness.metrics)
        let outcome = try await shell.run("query metrics.ByHealth where entity_type = student", file: "q.iops")
        #expect(outcome == .failed)
        #expect(shell.err.hasPrefix("q.iops:1:1: in a key condition, student is read as an attribute name; quote it (\"student\")"))
    }

    @Test func variablesArgumentsEchoAndExit() async throws {
        let shell = try ShellHarness(arguments: ["stu_7", "42"])
        try await shell.run(ShellHarness.metrics)
        let outcome = try await shell.run("""
            let id = $1
            put metrics entity_id=$id entity_type=student health_score=$2
            echo $# ${missing:-fallback} "id=$id"
            get metrics entity_id=$id entity_type=student
            exit 3
            echo never
            """)
        #expect(outcome == .exit(3))
        #expect(shell.out == "2 fallback id=stu_7\n{\"entity_id\":\"stu_7\",\"entity_type\":\"student\",\"health_score\":42}\n")
    }

    @Test func pagingShowsOnePageAndSaysHowToContinue() async throws {
        let shell = try ShellHarness()
        try await shell.run(ShellHarness.metrics)
        var script = ""
        for i in 0..<5 { script += "put metrics entity_id=s\(i) entity_type=student health_score=\(i)\n" }
        try await shell.run(script + "set page-size 2")
        try await shell.run(#"query metrics.ByHealth where entity_type = "student""#)
        #expect(shell.out.split(separator: "\n").count == 2)
        #expect(shell.err.contains("all"))
        try await shell.run(#"query metrics.ByHealth where entity_type = "student" all"#)
        #expect(shell.out.split(separator: "\n").count == 5)

        // `more` continues the last query page by page, then says there is nothing left.
        try await shell.run(#"query metrics.ByHealth where entity_type = "student" select entity_id"#)
        var seen = shell.out
        try await shell.run("more")
        seen += shell.out
        try await shell.run("more")
        seen += shell.out
        #expect(seen == (0..<5).map { "{\"entity_id\":\"s\($0)\"}\n" }.joined())
        try await shell.run("more")
        #expect(shell.err.contains("nothing more to show"))

        // The same for a scan.
        try await shell.run("scan metrics select entity_id")
        var scanned = shell.out
        for _ in 0..<10 where shell.err.contains("'more'") {
            try await shell.run("more")
            scanned += shell.out
        }
        #expect(Set(scanned.split(separator: "\n")).count == 5)
    }

    @Test func apiSendsRawRequestsAndHelpListsCommands() async throws {
        let shell = try ShellHarness()
        try await shell.run(ShellHarness.metrics)
        try await shell.run(#"api DescribeTable {"TableName": "metrics"}"#)
        #expect(try JSONValue.parse(shell.out)["Table"]?["TableName"]?.stringValue == "metrics")
        try await shell.run("api DescribeTabel {}")
        #expect(shell.err.contains("did you mean DescribeTable?"))
        try await shell.run("help")
        for command in ["query", "scan", "put", "get", "explain", "api"] { #expect(shell.out.contains(command)) }
        try await shell.run("help qery")
        #expect(shell.out.contains("did you mean query?"))
    }
}

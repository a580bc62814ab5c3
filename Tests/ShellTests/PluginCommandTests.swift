import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import Shell
@testable import TablePlugins

/// The repository's root: scripts/*.iops are run as users run them.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

extension ShellHarness {
    /// 2025-01-15T10:30:00Z, the plan's example instant.
    static let instant = Date(timeIntervalSince1970: 1_736_937_000)

    /// A shell with the built-in plugins (and those of `directories`), their tables created
    /// as the plugins declare them, and a fixed clock.
    static func withPlugins(directories: [String] = [], suffix: String = "") async throws -> ShellHarness {
        let shell = try ShellHarness()
        shell.session.plugins = PluginSet.load(directories: directories)
        shell.session.plugins.tableSuffix = suffix
        shell.session.now = { ShellHarness.instant }
        for plugin in shell.session.plugins.plugins {
            let name = shell.session.plugins.physicalName(of: plugin)
            _ = try shell.engine.createTable(plugin.table.createTableInput(named: name))
            if let ttl = plugin.table.timeToLiveAttribute {
                _ = try shell.engine.updateTimeToLive(UpdateTimeToLiveInput(
                    tableName: name, timeToLiveSpecification: TimeToLiveSpecification(enabled: true, attributeName: ttl)))
            }
        }
        return shell
    }

    /// Output lines as JSON objects.
    var outObjects: [JSONValue] {
        get throws { try out.split(separator: "\n").map { try JSONValue.parse(String($0)) } }
    }
}

@Suite struct PluginCommandTests {
    @Test func metricsPutWritesTheTypedItemWithLastUpdatedNow() async throws {
        let shell = try await ShellHarness.withPlugins()
        #expect(try await shell.run("metrics put stu_4532 student sessions_7d=2 ib_calls_14d=3 avg_rating=4.5 health_score=72") == .proceed, "\(shell.err)")
        let item = try shell.engine.getItem(GetItemInput(tableName: "iops-dashboard-metrics",
                                                               key: ["entity_id": .s("stu_4532"), "entity_type": .s("student")])).item
        #expect(item == ["entity_id": .s("stu_4532"), "entity_type": .s("student"), "sessions_7d": .n(try DynamoNumber("2")),
                         "ib_calls_14d": .n(try DynamoNumber("3")), "avg_rating": .n(try DynamoNumber("4.5")),
                         "health_score": .n(try DynamoNumber("72")), "last_updated": .s("2025-01-15T10:30:00Z")])
        try await shell.run("metrics get stu_4532")
        #expect(shell.out == #"{"avg_rating":4.5,"entity_id":"stu_4532","entity_type":"student","health_score":72,"ib_calls_14d":3,"last_updated":"2025-01-15T10:30:00Z","sessions_7d":2}"# + "\n")
        try await shell.run("metrics put stu_1 tutor last_updated=now-2d")
        try await shell.run("get metrics entity_id=stu_1 entity_type=tutor select last_updated")
        #expect(shell.out == #"{"last_updated":"2025-01-13T10:30:00Z"}"# + "\n")
    }

    @Test func wrongValuesAreRefusedBeforeAnythingIsSent() async throws {
        let shell = try await ShellHarness.withPlugins()
        let cases: [(String, String)] = [
            ("metrics put stu_1 studnt", "metrics put: entity_type: studnt is not one of student, tutor, subject, region (did you mean student?)"),
            ("metrics put stu_1 student health_score=120", "metrics put: health_score: 120 is not a number from 0 to 100"),
            ("metrics put stu_1 student avg_rating=five", "metrics put: avg_rating: five is not a number from 0 to 5"),
            ("metrics put stu_1 student sessions_7d=2.5", "metrics put: sessions_7d: 2.5 is not a whole number ≥ 0"),
            ("metrics put stu_1 student last_updated=yesterday", "metrics put: last_updated: yesterday is not an ISO 8601 timestamp"),
            ("metrics put stu_1 student helth_score=3", "metrics put: metrics has no attribute 'helth_score'; did you mean health_score?"),
            ("metrics put stu_1", "metrics put: missing ENTITY_TYPE (one of student, tutor, subject, region); usage: metrics put ENTITY_ID ENTITY_TYPE [NAME=VALUE …]"),
            ("metrics put stu_1 student extra", "metrics put: unexpected argument 'extra'"),
            ("metrics low-health --belw 3", "metrics low-health: unknown option --belw; did you mean --below?"),
            ("metrics low-health --below", "metrics low-health: --below needs a value"),
            ("metrics low-health --below 101", "metrics low-health: health_score: 101 is not a number from 0 to 100"),
            ("metrics recent --limit -1", "metrics recent: --limit: -1 is not a whole number ≥ 0"),
            ("metrics lowhealth", "metrics has no command 'lowhealth'; did you mean low-health?"),
            ("insights put stu_1 churn_risk ttl=1712822400000", "insights put: ttl: 1712822400000 is not Unix time in whole seconds"),
            ("insights put stu_1 churn_risk pk=insight#other", "insights put: pk: \"insight#other\" is not insight#{entity_id} (it is derived; leave it out)"),
            ("insights put stu_1 churn_risk recommendations=[1]", "insights put: recommendations: [1] is not a list of strings"),
            ("insights put stu_1 'Churn Risk'", "insights put: prediction_type: Churn Risk is not a string matching [a-z][a-z0-9_]*"),
            ("insights for stu_1 --month 2025-1", "insights for: --month: 2025-1 is not a string matching"),
        ]
        for (command, message) in cases {
            #expect(try await shell.run(command) == .failed, "\(command)")
            #expect(shell.err.contains(message), "\(command): \(shell.err)")
            #expect(shell.err.hasPrefix("test.iops:1:1: "), "\(shell.err)")
        }
        try await shell.run("scan metrics all; scan insights all")
        #expect(shell.out.isEmpty)
    }

    @Test func metricsQueriesUseTheirIndexes() async throws {
        let shell = try await ShellHarness.withPlugins()
        try await shell.run("""
            metrics put stu_1 student health_score=65 last_updated=2025-01-10T08:00:00Z
            metrics put stu_2 student health_score=40 last_updated=2025-01-14T08:00:00Z
            metrics put stu_3 student health_score=90 last_updated=2025-01-12T08:00:00Z
            metrics put tut_1 tutor health_score=30 last_updated=2025-01-13T08:00:00Z
            """)
        #expect(shell.err.isEmpty, "\(shell.err)")
        try await shell.run("metrics low-health")
        #expect(try shell.outObjects.map { $0["entity_id"]?.stringValue } == ["stu_2", "stu_1"])
        try await shell.run("metrics low-health --type tutor --below 50")
        #expect(try shell.outObjects.map { $0["entity_id"]?.stringValue } == ["tut_1"])
        try await shell.run("metrics recent")
        #expect(try shell.outObjects.map { $0["entity_id"]?.stringValue } == ["stu_2", "stu_3", "stu_1"])
        try await shell.run("metrics recent --since 2025-01-11 --limit 1")
        #expect(try shell.outObjects.map { $0["entity_id"]?.stringValue } == ["stu_2"])
        try await shell.run("metrics count; metrics count --type tutor; metrics students --type tutor")
        #expect(shell.out.hasPrefix("3\n1\n{\"entity_id\":\"tut_1\""))
        try await shell.run("explain metrics low-health --below 50")
        #expect(shell.out.hasPrefix("Query — Query on index EntityTypeHealthIndex"))
        #expect(shell.out.contains(#""KeyConditionExpression": "entity_type = :v0 AND health_score < :v1""#))
        #expect(shell.out.contains(#""N": "50""#))
        // Generic commands take the logical name too.
        try await shell.run(#"query metrics.LastUpdatedIndex where entity_type = "student" and last_updated > "2025-01-11" select entity_id"#)
        #expect(shell.out == "{\"entity_id\":\"stu_3\"}\n{\"entity_id\":\"stu_2\"}\n")
        try await shell.run("metrics delete stu_3; metrics count")
        #expect(shell.out == "2\n")
    }

    @Test func insightsPutDerivesAndTheQueriesReadNewestFirst() async throws {
        let shell = try await ShellHarness.withPlugins()
        try await shell.run("""
            insights put stu_4532 high_ib_call_frequency risk_score=82 explanation="Declining health" recommendations='["Call", "Review"]' model_used=m
            insights put stu_4532 churn_risk sk=2024-12-20T09:00:00Z risk_score=60
            insights put stu_4532 churn_risk sk=2025-01-02T09:00:00Z risk_score=91
            insights put stu_9 churn_risk sk=2025-01-05T09:00:00Z risk_score=85
            """)
        #expect(shell.err.isEmpty, "\(shell.err)")
        try await shell.run("insights for stu_4532 --month 2025-01")
        #expect(try shell.outObjects.map { $0["sk"]?.stringValue } == ["2025-01-15T10:30:00Z", "2025-01-02T09:00:00Z"])
        try await shell.run("insights for stu_4532 --limit 1")
        let newest = try #require(try shell.outObjects.first)
        #expect(newest["pk"]?.stringValue == "insight#stu_4532")
        #expect(newest["timestamp"]?.stringValue == "2025-01-15T10:30:00Z")
        #expect(newest["alert_id"]?.stringValue == "high_ib_call_frequency_stu_4532_1736937000000")
        #expect(newest["ttl"] == .number(String(1_736_937_000 + 90 * 86_400)))
        #expect(newest["recommendations"] == .array([.string("Call"), .string("Review")]))
        try await shell.run("insights high-risk churn_risk --above 80")
        #expect(try shell.outObjects.map { $0["risk_score"] } == [.number("91"), .number("85")])
        try await shell.run("insights by-type churn_risk --since 2025-01-01")
        #expect(try shell.outObjects.map { $0["sk"]?.stringValue } == ["2025-01-05T09:00:00Z", "2025-01-02T09:00:00Z"])
        try await shell.run("explain insights for stu_4532 --month 2025-01")
        #expect(shell.out.contains(#""KeyConditionExpression": "pk = :v0 AND begins_with(sk, :v1)""#))
        #expect(shell.out.contains(#""ScanIndexForward": false"#))
    }

    @Test func helpAndPluginsListWhatIsLoaded() async throws {
        let shell = try await ShellHarness.withPlugins()
        try await shell.run("help")
        #expect(shell.out.contains("metrics: put, get, delete, low-health"))
        try await shell.run("help metrics low-health")
        #expect(shell.out.contains("--below: a number from 0 to 100"))
        #expect(shell.out.contains("(default 70)"))
        #expect(shell.out.contains("example: metrics low-health --type tutor --below 50"))
        try await shell.run("plugins")
        #expect(shell.out.contains("metrics\tiops-dashboard-metrics\t"))
        #expect(shell.out.contains("built-in:insights.yaml"))
        try await shell.run("metrics")
        #expect(shell.out.contains("low-health"))
    }

    @Test func stageSuffixNamesEveryTable() async throws {
        let shell = try await ShellHarness.withPlugins(suffix: "-dev")
        try await shell.run("metrics put stu_1 student health_score=10; count iops-dashboard-metrics-dev")
        #expect(shell.out == "1\n", "\(shell.err)")
        try await shell.run("explain metrics get stu_1")
        #expect(shell.out.contains(#""TableName": "iops-dashboard-metrics-dev""#))
    }

    /// A new table and its commands from a plugin file in a directory: no Swift, no rebuild.
    @Test func anAlertsPluginAddedFromADirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            plugin: alerts
            description: Alert history
            table:
              name: iops-dashboard-alerts
              partition_key: entity_id
              sort_key: raised_at
              stream: NEW_IMAGE
              indexes:
                - name: SeverityIndex
                  partition_key: severity
                  sort_key: raised_at
            attributes:
              entity_id: {type: string, description: The entity the alert is about}
              raised_at: {type: timestamp, default: now, description: When it was raised}
              severity: {type: enum, values: [info, warning, critical], description: How bad}
              message: {type: string, description: What happened}
            commands:
              raise:
                help: Raise an alert
                arguments:
                  - attribute: entity_id
                  - attribute: severity
                attributes: true
                run: put alerts $item
              critical:
                help: Critical alerts, newest first
                options:
                  - {name: limit, type: count, default: 10}
                run: query alerts.SeverityIndex where severity = "critical" desc limit $limit
            """.write(to: directory.appendingPathComponent("alerts.yaml"), atomically: true, encoding: .utf8)
        try "plugin: broken\n".write(to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let shell = try await ShellHarness.withPlugins(directories: [directory.path])
        try await shell.run("""
            alerts raise stu_1 critical message="Health score 12" raised_at=2025-01-14T10:00:00Z
            alerts raise stu_2 warning message="Health score 55"
            alerts raise stu_3 critical message="No sessions in 14 days"
            """)
        #expect(shell.err.isEmpty, "\(shell.err)")
        try await shell.run("alerts critical")
        #expect(try shell.outObjects.map { $0["entity_id"]?.stringValue } == ["stu_3", "stu_1"])
        try await shell.run("alerts raise stu_4 severe")
        #expect(shell.err.contains("severity: severe is not one of info, warning, critical"))
        try await shell.run("plugins")
        #expect(shell.out.contains("alerts\tiops-dashboard-alerts\t2 commands\t\(directory.path)/alerts.yaml"))
        #expect(shell.out.contains("(broken) \(directory.path)/broken.yaml:1:1: attributes: missing"))
        #expect(shell.out.contains("metrics\t"))
    }

    @Test func expectChecksWhatAStatementShows() async throws {
        let shell = try await ShellHarness.withPlugins()
        try await shell.run("metrics put stu_1 student health_score=10")
        #expect(try await shell.run("expect 1 metrics get stu_1; expect >= 1 metrics low-health; expect 0 metrics get nobody; expect 1 metrics count") == .proceed, "\(shell.err)")
        #expect(try await shell.run("echo a\nexpect 2 metrics low-health\necho b", file: "v.iops") == .failed)
        #expect(shell.err.hasPrefix("v.iops:2:1: expected 2 but metrics low-health showed 1"))
        #expect(shell.out.hasPrefix("a\n"))
        #expect(!shell.out.contains("b\n"))
        #expect(try await shell.run("let n = 1; expect < $n metrics get nobody; expect <> 5 scan metrics") == .proceed, "\(shell.err)")
    }
}

/// The schema plan's helper scripts, rewritten in iops, against the output the bash originals
/// (`aws dynamodb query … | jq`) print for the same data.
@Suite struct HelperScriptTests {
    func load(_ shell: ShellHarness) async throws {
        try await shell.run("""
            metrics put stu_1 student sessions_7d=1 sessions_14d=2 ib_calls_14d=4 health_score=65
            metrics put stu_2 student sessions_7d=0 sessions_14d=1 ib_calls_14d=6 health_score=41.5
            metrics put stu_3 student sessions_7d=5 sessions_14d=9 ib_calls_14d=0 health_score=88
            metrics put tut_1 tutor sessions_7d=9 ib_calls_14d=1 health_score=30
            metrics put stu_4 student sessions_7d=2 health_score=69
            insights put stu_test_001 churn_risk sk=2025-01-10T09:00:00Z risk_score=60 explanation="Older"
            insights put stu_test_001 low_health_score risk_score=45 explanation="Newest"
            insights put stu_test_001 churn_risk sk=2024-12-01T09:00:00Z risk_score=30 explanation="Oldest"
            insights put stu_other churn_risk risk_score=99 explanation="Not this one"
            """)
        #expect(shell.err.isEmpty, "\(shell.err)")
    }

    /// jq's output as compact objects, and iops's JSON lines: the same fields in the same order,
    /// with DynamoDB's number strings (`.health_score.N`) compared as numbers.
    func same(iops: String, jq: [[(String, String?)]]) throws {
        let lines = iops.split(separator: "\n").map(String.init)
        #expect(lines.count == jq.count, "\(iops)")
        for (line, expected) in zip(lines, jq) {
            guard case .object(let object) = try JSONValue.parse(line) else { Issue.record("not an object: \(line)"); continue }
            // jq prints every field, null when the item lacks it; iops leaves it out.
            #expect(object.keys == expected.filter { $0.1 != nil }.map(\.0), "\(line)")
            for (key, value) in expected {
                switch object[key] {
                case .string(let s)?: #expect(s == value, "\(key)")
                case .number(let n)?: #expect(n == value, "\(key)")
                case nil: #expect(value == nil, "\(key)")
                default: Issue.record("unexpected \(key) in \(line)")
                }
            }
        }
    }

    @Test func queryMetricsPrintsWhatTheBashHelperPrinted() async throws {
        let shell = try await ShellHarness.withPlugins()
        try await load(shell)
        let script = try String(contentsOf: repositoryRoot.appendingPathComponent("scripts/query-metrics.iops"), encoding: .utf8)
        #expect(try await shell.run(script, file: "query-metrics.iops") == .proceed, "\(shell.err)")
        // scripts/query-metrics.sh: EntityTypeHealthIndex, student, health_score < 70, ascending.
        try same(iops: shell.out, jq: [
            [("student_id", "stu_2"), ("health_score", "41.5"), ("sessions_7d", "0"), ("ib_calls_14d", "6")],
            [("student_id", "stu_1"), ("health_score", "65"), ("sessions_7d", "1"), ("ib_calls_14d", "4")],
            [("student_id", "stu_4"), ("health_score", "69"), ("sessions_7d", "2"), ("ib_calls_14d", nil)],
        ])
        shell.session.arguments = ["tutor", "50"]
        try await shell.run(script, file: "query-metrics.iops")
        try same(iops: shell.out, jq: [[("student_id", "tut_1"), ("health_score", "30"), ("sessions_7d", "9"), ("ib_calls_14d", "1")]])
    }

    @Test func queryInsightsPrintsWhatTheBashHelperPrinted() async throws {
        let shell = try await ShellHarness.withPlugins()
        try await load(shell)
        let script = try String(contentsOf: repositoryRoot.appendingPathComponent("scripts/query-insights.iops"), encoding: .utf8)
        #expect(try await shell.run(script, file: "query-insights.iops") == .proceed, "\(shell.err)")
        // scripts/query-insights.sh: pk = insight#stu_test_001, newest first, limit 10.
        try same(iops: shell.out, jq: [
            [("timestamp", "2025-01-15T10:30:00Z"), ("prediction_type", "low_health_score"), ("risk_score", "45"), ("explanation", "Newest")],
            [("timestamp", "2025-01-10T09:00:00Z"), ("prediction_type", "churn_risk"), ("risk_score", "60"), ("explanation", "Older")],
            [("timestamp", "2024-12-01T09:00:00Z"), ("prediction_type", "churn_risk"), ("risk_score", "30"), ("explanation", "Oldest")],
        ])
        shell.session.arguments = ["stu_other"]
        try await shell.run(script, file: "query-insights.iops")
        try same(iops: shell.out, jq: [[("timestamp", "2025-01-15T10:30:00Z"), ("prediction_type", "churn_risk"), ("risk_score", "99"), ("explanation", "Not this one")]])
    }
}

/// scripts/verify.iops and scripts/sample-data.iops, run as users run them.
@Suite struct ScriptFileTests {
    func script(_ name: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("scripts/\(name)"), encoding: .utf8)
    }

    @Test func verifyRunsThePlansFiveStepsAndPasses() async throws {
        let shell = try await ShellHarness.withPlugins()
        let outcome = try await shell.run(try script("verify.iops"), file: repositoryRoot.appendingPathComponent("scripts/verify.iops").path)
        #expect(outcome == .proceed, "\(shell.err)")
        #expect(shell.out.contains("1. insert a test metric"))
        #expect(shell.out.hasSuffix("verified\n"))
        let insight = try #require(try shell.engine.query(QueryInput(
            tableName: "iops-dashboard-insights", keyConditionExpression: "pk = :pk",
            expressionAttributeValues: [":pk": .s("insight#stu_test_001")])).items?.first)
        #expect(insight["ttl"] == .n(try DynamoNumber(String(1_736_937_000 + 90 * 86_400))))
        #expect(insight["recommendations"] == .l([.s("Test recommendation 1"), .s("Test recommendation 2")]))
    }

    @Test func verifyFailsWhenAStepIsWrong() async throws {
        let shell = try await ShellHarness.withPlugins()
        // A stream that is off makes step 4 fail: the script must stop there, non-zero.
        _ = try shell.engine.updateTable(UpdateTableInput(tableName: "iops-dashboard-metrics",
                                                          streamSpecification: StreamSpecification(streamEnabled: false)))
        let outcome = try await shell.run(try script("verify.iops"), file: "verify.iops")
        #expect(outcome == .failed)
        #expect(shell.err.contains("verify.iops:22:1: iops-dashboard-metrics has no stream"), "\(shell.err)")
        #expect(!shell.out.contains("verified"))
    }

    @Test func sampleDataGivesEveryCommandSomethingToShow() async throws {
        let shell = try await ShellHarness.withPlugins()
        #expect(try await shell.run(try script("sample-data.iops"), file: "sample-data.iops") == .proceed, "\(shell.err)")
        try await shell.run("count metrics; metrics count --type tutor; metrics count --type subject; metrics count --type region")
        #expect(shell.out == "304\n40\n15\n8\n")
        try await shell.run("expect >= 10 metrics low-health; expect >= 1 insights for stu_test_001; expect >= 1 insights high-risk churn_risk --above 50")
        #expect(shell.err.isEmpty, "\(shell.err)")
        try await shell.run("set format json; ttl insights")
        let report = try JSONValue.parse(shell.out)
        #expect(report["expiring"]?["withinHour"] == .number("6"), "\(shell.out)")
        #expect(report["expiring"]?["withinDay"] == .number("12"), "\(shell.out)")
        #expect(report["expiredNotDeleted"]?["count"] == .number("5"), "\(shell.out)")
        #expect(shell.out.contains("stu_legacy_1") && shell.out.contains("stu_legacy_2") && shell.out.contains("stu_legacy_3"))
    }
}

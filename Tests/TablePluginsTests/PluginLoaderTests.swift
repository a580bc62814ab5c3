import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import TablePlugins

/// The repository's root, for the plugin files the binary embeds.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A minimal valid plugin; tests break one field at a time.
let minimalPlugin = """
plugin: alerts
description: Alert history
table:
  name: iops-dashboard-alerts
  partition_key: alert_id
  sort_key: created
attributes:
  alert_id:
    type: string
  created:
    type: timestamp
    default: now
  severity:
    type: enum
    values: [low, high]
commands:
  recent:
    help: Recent alerts
    options:
      - name: limit
        type: count
        default: 5
    run: scan alerts limit $limit
"""

func problem(_ text: String) -> PluginProblem? {
    do {
        _ = try PluginLoader.parse(text, origin: "alerts.yaml")
        return nil
    } catch {
        return error
    }
}

@Suite struct BuiltinPluginTests {
    @Test func builtinPluginsLoadWithoutProblems() {
        let set = PluginSet.load(directories: [])
        #expect(set.problems.isEmpty, "\(set.problems)")
        #expect(set.plugins.map(\.name).sorted() == ["insights", "metrics"])
    }

    @Test func embeddedCopiesMatchThePluginFiles() throws {
        let directory = repositoryRoot.appendingPathComponent("Plugins").path
        let files = PluginLoader.files(in: directory)
        #expect(files.count == PluginSet.builtinFiles.count)
        for (name, text) in PluginSet.builtinFiles {
            let onDisk = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            #expect(onDisk.trimmingCharacters(in: .newlines) == text.trimmingCharacters(in: .newlines),
                    "Plugins/\(name) changed: run scripts/embed-plugins")
        }
    }

    @Test func metricsTableIsThePlansTable() throws {
        let metrics = try #require(PluginSet.load(directories: []).plugin(named: "metrics"))
        let table = metrics.table
        #expect(table.name == "iops-dashboard-metrics")
        #expect(table.partitionKey == KeyAttribute(name: "entity_id", type: .s))
        #expect(table.sortKey == KeyAttribute(name: "entity_type", type: .s))
        #expect(table.billingMode == .payPerRequest)
        #expect(table.streamViewType == .newAndOldImages)
        #expect(table.pointInTimeRecovery)
        #expect(table.timeToLiveAttribute == nil)
        #expect(table.indexes.map(\.name) == ["EntityTypeHealthIndex", "LastUpdatedIndex"])
        #expect(table.indexes[0].partitionKey == KeyAttribute(name: "entity_type", type: .s))
        #expect(table.indexes[0].sortKey == KeyAttribute(name: "health_score", type: .n))
        #expect(table.indexes[1].sortKey == KeyAttribute(name: "last_updated", type: .s))
        #expect(table.indexes.allSatisfy { $0.projection.projectionType == .all })
        #expect(metrics.attributes.map(\.name) == ["entity_id", "entity_type", "sessions_7d", "sessions_14d", "sessions_30d",
                                                   "ib_calls_7d", "ib_calls_14d", "avg_rating", "health_score", "last_updated"])
        let input = table.createTableInput(named: "iops-dashboard-metrics")
        #expect(input.attributeDefinitions.map(\.attributeName) == ["entity_id", "entity_type", "health_score", "last_updated"])
        #expect(input.streamSpecification?.streamViewType == .newAndOldImages)
        #expect(input.globalSecondaryIndexes?.count == 2)
    }

    @Test func insightsTableIsThePlansTable() throws {
        let insights = try #require(PluginSet.load(directories: []).plugin(named: "insights"))
        let table = insights.table
        #expect(table.name == "iops-dashboard-insights")
        #expect(table.partitionKey.name == "pk" && table.sortKey?.name == "sk")
        #expect(table.streamViewType == nil)
        #expect(table.timeToLiveAttribute == "ttl")
        #expect(table.pointInTimeRecovery)
        #expect(table.indexes.map(\.name) == ["PredictionTypeIndex", "RiskScoreIndex"])
        #expect(table.indexes[1].sortKey == KeyAttribute(name: "risk_score", type: .n))
        #expect(insights.attributes.map(\.name) == ["pk", "sk", "alert_id", "entity_id", "prediction_type", "risk_score",
                                                    "explanation", "recommendations", "timestamp", "model_used", "ttl"])
    }

    @Test func stagePrefixAndSuffixNameTheTables() throws {
        var set = PluginSet.load(directories: [])
        set.tablePrefix = "qa-"
        set.tableSuffix = "-v2"
        #expect(set.tableName(for: "metrics") == "qa-iops-dashboard-metrics-v2")
        #expect(set.tableName(for: "other") == "other")
        #expect(set.plugin(forTable: "qa-iops-dashboard-insights-v2")?.name == "insights")
    }
}

@Suite struct DerivedValueTests {
    let now = Date(timeIntervalSince1970: 1_736_937_000) // 2025-01-15T10:30:00Z

    func insights() throws -> TablePlugin { try #require(PluginSet.load(directories: []).plugin(named: "insights")) }

    @Test func insightDerivesKeysTimestampAlertIdAndTTL() throws {
        let item = try insights().item(from: ["entity_id": .s("stu_4532"), "prediction_type": .s("high_ib_call_frequency"),
                                              "risk_score": .n(try DynamoNumber("82"))], now: now)
        #expect(item["pk"] == .s("insight#stu_4532"))
        #expect(item["sk"] == .s("2025-01-15T10:30:00Z"))
        #expect(item["timestamp"] == .s("2025-01-15T10:30:00Z"))
        #expect(item["alert_id"] == .s("high_ib_call_frequency_stu_4532_1736937000000"))
        #expect(item["ttl"] == .n(try DynamoNumber(String(1_736_937_000 + 90 * 86_400))))
    }

    @Test func givenSortKeyIsTheTimestamp() throws {
        let item = try insights().item(from: ["entity_id": .s("e"), "prediction_type": .s("churn"), "sk": .s("2024-03-01T08:00:00Z")], now: now)
        #expect(item["timestamp"] == .s("2024-03-01T08:00:00Z"))
        #expect(item["alert_id"] == .s("churn_e_1709280000000"))
    }

    @Test func aDerivedKeyCannotBeOverridden() throws {
        #expect(throws: PluginValueError.self) {
            try insights().item(from: ["entity_id": .s("e"), "prediction_type": .s("churn"), "pk": .s("insight#other")], now: now)
        }
        // The same value is accepted.
        _ = try insights().item(from: ["entity_id": .s("e"), "prediction_type": .s("churn"), "pk": .s("insight#e")], now: now)
    }

    @Test func requiredAttributesAndUnknownNamesAreRefused() throws {
        let insights = try insights()
        do {
            _ = try insights.item(from: ["prediction_type": .s("churn")], now: now)
            Issue.record("no error")
        } catch {
            #expect(error.attribute == "pk" || error.attribute == "entity_id")
        }
        do {
            _ = try insights.item(from: ["entity_id": .s("e"), "prediction_type": .s("churn"), "risk_scor": .n(DynamoNumber.zero)], now: now)
            Issue.record("no error")
        } catch {
            #expect(error.attribute == "risk_scor")
            #expect(error.hint == "did you mean risk_score?")
        }
    }

    @Test func metricsLastUpdatedDefaultsToNow() throws {
        let metrics = try #require(PluginSet.load(directories: []).plugin(named: "metrics"))
        let item = try metrics.item(from: ["entity_id": .s("stu_1"), "entity_type": .s("student")], now: now)
        #expect(item["last_updated"] == .s("2025-01-15T10:30:00Z"))
        let kept = try metrics.item(from: ["entity_id": .s("stu_1"), "entity_type": .s("student"), "last_updated": .s("2024-12-31")], now: now)
        #expect(kept["last_updated"] == .s("2024-12-31"))
    }

    @Test func derivationsParseAndPrint() {
        #expect(Derivation.parse("now") == .success(.now(offsetSeconds: 0)))
        #expect(Derivation.parse("now + 90d") == .success(.now(offsetSeconds: 90 * 86_400)))
        #expect(Derivation.parse("now-1h") == .success(.now(offsetSeconds: -3600)))
        #expect((try? Derivation.parse("now + 90d").get())?.description == "now + 90d")
        #expect((try? Derivation.parse("insight#{entity_id}").get())?.references == ["entity_id"])
        if case .success = Derivation.parse("now + 3 fortnights") { Issue.record("accepted a bad unit") }
        if case .success = Derivation.parse("{a:hex}") { Issue.record("accepted a bad format") }
        if case .success = Derivation.parse("x{a") { Issue.record("accepted an open brace") }
    }
}

@Suite struct AttributeRuleTests {
    func rejects(_ rule: AttributeRule, _ text: String) -> Bool {
        (try? rule.value(fromText: text)) == nil
    }

    @Test func enumsRangesCountsAndPatterns() throws {
        let type = AttributeRule(name: "entity_type", kind: .enum, values: ["student", "tutor"])
        #expect(try type.value(fromText: "tutor") == .s("tutor"))
        do {
            _ = try type.value(fromText: "Student")
            Issue.record("accepted")
        } catch {
            #expect(error.description == "entity_type: Student is not one of student, tutor (did you mean student?)")
        }
        let score = AttributeRule(name: "health_score", kind: .number, range: 0...100)
        #expect(try score.value(fromText: "72.5") == .n(try DynamoNumber("72.5")))
        #expect(rejects(score, "100.01") && rejects(score, "-1") && rejects(score, "high"))
        #expect((try? score.value(fromText: "120")) == nil)
        let count = AttributeRule(name: "sessions_7d", kind: .count)
        #expect(rejects(count, "2.5") && rejects(count, "-3"))
        #expect(try count.value(fromText: "0") == .n(.zero))
        let kind = AttributeRule(name: "prediction_type", kind: .string, pattern: "[a-z][a-z0-9_]*")
        #expect(rejects(kind, "Churn Risk") && !rejects(kind, "churn_risk"))
    }

    @Test func timestampsMustBeRealInstants() {
        let rule = AttributeRule(name: "last_updated", kind: .timestamp)
        for good in ["2025-01-15", "2025-01-15T10:30", "2025-01-15T10:30:00Z", "2024-02-29T23:59:59.123+05:30"] {
            #expect(!rejects(rule, good), "\(good)")
        }
        for bad in ["2025-02-29", "2025-13-01", "2025-01-15T24:00:00Z", "yesterday", "2025-1-5", ""] {
            #expect(rejects(rule, bad), "\(bad)")
        }
        #expect(Timestamp.date("2025-01-15") == Date(timeIntervalSince1970: 1_736_899_200))
        #expect(Timestamp.date("2025-01-15T10:30:00+01:00") == Date(timeIntervalSince1970: 1_736_933_400))
    }

    @Test func epochSecondsRefuseMilliseconds() throws {
        let rule = AttributeRule(name: "ttl", kind: .epochSeconds)
        #expect(!rejects(rule, "1712822400"))
        do {
            _ = try rule.value(fromText: "1712822400000")
            Issue.record("accepted milliseconds")
        } catch {
            #expect(error.description.contains("milliseconds"))
        }
        #expect(rejects(rule, "1712822400.5"))
    }

    @Test func stringListsTakeJSONArraysOrOneString() throws {
        let rule = AttributeRule(name: "recommendations", kind: .stringList)
        #expect(try rule.value(fromText: #"["a", "b"]"#) == .l([.s("a"), .s("b")]))
        #expect(try rule.value(fromText: "Call them") == .l([.s("Call them")]))
        #expect(rejects(rule, "[1, 2]") && rejects(rule, "[\"a\""))
    }
}

@Suite struct BrokenPluginTests {
    @Test func theMinimalPluginLoads() throws {
        let plugin = try PluginLoader.parse(minimalPlugin, origin: "alerts.yaml")
        #expect(plugin.name == "alerts")
        #expect(plugin.commands.first?.bodies.first?.line == 23)
    }

    @Test func eachProblemNamesFileLineAndField() throws {
        let cases: [(String, String, String, Int, String)] = [
            ("  sort_key: created", "  sort_kee: created", "table.sort_kee", 6, "did you mean sort_key?"),
            ("    type: enum", "    type: enumeration", "attributes.severity.type", 14, "unknown type 'enumeration'"),
            ("  partition_key: alert_id", "  partition_key: alert", "table.partition_key", 5, "'alert' is not a declared attribute"),
            ("    values: [low, high]", "    description: no values", "attributes.severity.values", 14, "an enum lists its values"),
            ("    default: now", "    default: now + 3 years", "attributes.created.default", 12, "a duration is a whole number and a unit"),
            ("    default: now", "    default: \"{missing}\"", "attributes.created", 12, "{missing} names no declared attribute"),
            ("        default: 5", "        default: -5", "commands.recent.options[0].default", 22, "--limit: -5 is not a whole number"),
            ("    run: scan alerts limit $limit", "    run: scan alerts limit $limit filter (a = ", "commands.recent.run", 23, "is not closed"),
            ("plugin: alerts", "plugin: put", "plugin", 1, "is a shell command"),
        ]
        for (old, new, field, line, message) in cases {
            #expect(minimalPlugin.contains(old), "fixture lacks \(old)")
            let text = minimalPlugin.replacingOccurrences(of: old, with: new)
            if field == "plugin" {
                // A reserved name is refused when the set takes the plugin.
                var set = PluginSet()
                set.add(try PluginLoader.parse(text, origin: "alerts.yaml"))
                #expect(set.plugins.isEmpty)
                #expect(set.problems.first?.field == "plugin")
                #expect(set.problems.first?.message.contains(message) == true)
                continue
            }
            let found = try #require(problem(text), "no problem for \(new)")
            #expect(found.file == "alerts.yaml")
            #expect(found.field == field, "\(found)")
            #expect(found.line == line, "\(found)")
            #expect(found.message.contains(message), "\(found)")
        }
    }

    @Test func aSyntaxErrorInABodyPointsIntoThePluginFile() throws {
        let text = minimalPlugin.replacingOccurrences(of: "    run: scan alerts limit $limit", with: """
            run: |
              let x = 1
              scan alerts filter (severity = "high"
        """)
        let found = try #require(problem(text))
        #expect(found.field == "commands.recent.run")
        #expect(found.line == 25, "\(found)")
        #expect(found.column >= 7, "\(found)")
    }

    @Test func yamlSyntaxErrorsAndCyclesAndWhen() throws {
        let bad = try #require(problem("plugin: x\ntable: [unclosed\n"))
        #expect(bad.message.hasPrefix("not valid YAML"))
        #expect(bad.line >= 2)
        let cycle = minimalPlugin.replacingOccurrences(of: "  alert_id:\n    type: string\n",
                                                       with: "  alert_id:\n    type: string\n    default: \"{severity}\"\n")
            .replacingOccurrences(of: "    values: [low, high]", with: "    values: [low, high]\n    default: \"{alert_id}\"")
        let found = try #require(problem(cycle))
        #expect(found.message.contains("derived from itself"), "\(found)")
        let when = minimalPlugin.replacingOccurrences(of: "    run: scan alerts limit $limit", with: """
            run:
              - when: since
                do: scan alerts
        """)
        let whenProblem = try #require(problem(when))
        #expect(whenProblem.field == "commands.recent.run[0].when")
        #expect(whenProblem.message.contains("'since' is not a parameter"))
        #expect(problem("")?.message.contains("empty") == true)
    }

    @Test func aBrokenFileDoesNotStopTheOthers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plugins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try minimalPlugin.write(to: directory.appendingPathComponent("alerts.yaml"), atomically: true, encoding: .utf8)
        try "plugin: broken\ntable: {}\n".write(to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let set = PluginSet.load(directories: [directory.path])
        #expect(set.plugins.map(\.name).sorted() == ["alerts", "insights", "metrics"])
        #expect(set.problems.count == 1)
        #expect(set.problems.first?.file.hasSuffix("broken.yaml") == true)
    }

    @Test func aUserPluginShadowsABuiltinOfTheSameName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plugins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try minimalPlugin.replacingOccurrences(of: "plugin: alerts", with: "plugin: metrics")
            .write(to: directory.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        let set = PluginSet.load(directories: [directory.path])
        #expect(set.plugin(named: "metrics")?.table.name == "iops-dashboard-alerts")
        #expect(set.shadowed.count == 1 && set.shadowed[0].hidden == "built-in:metrics.yaml")
    }

    @Test func searchPathOrder() {
        let directories = PluginSearchPath.directories(flags: ["/a"], environment: ["IOPS_PLUGINS": "/b:/c", "XDG_CONFIG_HOME": "/cfg"])
        #expect(directories == ["/a", "/b", "/c", "/cfg/iops/plugins"])
        #expect(PluginSearchPath.directories(flags: [], environment: ["HOME": "/home/u"]) == ["/home/u/.config/iops/plugins"])
    }
}

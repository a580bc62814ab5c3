import DynamoAPI
import DynamoModel
import EmbeddedEngine
import Foundation
import Testing
import TablePlugins
@testable import Shell

/// `schema deploy|diff|doc|cfn` on a real embedded store with the built-in plugins.
@Suite struct SchemaTests {
    static let metrics = "iops-dashboard-metrics"
    static let insights = "iops-dashboard-insights"

    static func harness(backend: (@Sendable (EmbeddedEngine) -> any DynamoBackend)? = nil) throws -> ShellHarness {
        let shell = try ShellHarness()
        if let backend {
            let wrapped = backend(shell.engine)
            shell.session = ShellSession(backend: wrapped, format: .jsonl,
                                         write: { [unowned shell] in shell.out += $0 }, writeError: { [unowned shell] in shell.err += $0 })
        }
        shell.session.plugins = PluginSet.load(directories: [])
        return shell
    }

    /// The repository's root, found from this file's path (Tests/ShellTests/SchemaTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func keys(_ elements: [KeySchemaElement]?) -> [String] {
        (elements ?? []).map { "\($0.attributeName) \($0.keyType.rawValue)" }
    }

    static func definitions(_ table: TableDescription) -> [String: String] {
        var out: [String: String] = [:]
        for definition in table.attributeDefinitions ?? [] { out[definition.attributeName] = definition.attributeType.rawValue }
        return out
    }

    static func index(_ table: TableDescription, _ name: String) -> GlobalSecondaryIndexDescription? {
        table.globalSecondaryIndexes?.first { $0.indexName == name }
    }

    // MARK: deploy

    @Test func deployCreatesBothTablesExactlyAsThePlanDeclaresThem() async throws {
        let shell = try Self.harness()
        #expect(try await shell.run("schema deploy") == .proceed)
        #expect(shell.out == """
            created iops-dashboard-insights (2 indexes, TTL on ttl, PITR)
            created iops-dashboard-metrics (2 indexes, stream NEW_AND_OLD_IMAGES, PITR)

            """)
        #expect(shell.err == "")

        let metrics = try #require(try shell.engine.describeTable(DescribeTableInput(tableName: Self.metrics)).table)
        #expect(metrics.tableStatus == .active)
        #expect(Self.keys(metrics.keySchema) == ["entity_id HASH", "entity_type RANGE"])
        #expect(Self.definitions(metrics) == ["entity_id": "S", "entity_type": "S", "health_score": "N", "last_updated": "S"])
        #expect(metrics.billingModeSummary?.billingMode == .payPerRequest)
        #expect(metrics.streamSpecification?.streamEnabled == true)
        #expect(metrics.streamSpecification?.streamViewType == .newAndOldImages)
        #expect(metrics.latestStreamArn != nil)
        #expect(metrics.globalSecondaryIndexes?.count == 2)
        let health = try #require(Self.index(metrics, "EntityTypeHealthIndex"))
        #expect(Self.keys(health.keySchema) == ["entity_type HASH", "health_score RANGE"])
        #expect(health.projection?.projectionType == .all)
        #expect(health.indexStatus == .active)
        let updated = try #require(Self.index(metrics, "LastUpdatedIndex"))
        #expect(Self.keys(updated.keySchema) == ["entity_type HASH", "last_updated RANGE"])
        #expect(updated.projection?.projectionType == .all)
        let metricsTTL = try shell.engine.describeTimeToLive(DescribeTimeToLiveInput(tableName: Self.metrics))
        #expect(metricsTTL.timeToLiveDescription?.timeToLiveStatus == .disabled)
        let metricsBackups = try shell.engine.describeContinuousBackups(DescribeContinuousBackupsInput(tableName: Self.metrics))
        #expect(metricsBackups.continuousBackupsDescription?.pointInTimeRecoveryDescription?.pointInTimeRecoveryStatus == .enabled)

        let insights = try #require(try shell.engine.describeTable(DescribeTableInput(tableName: Self.insights)).table)
        #expect(Self.keys(insights.keySchema) == ["pk HASH", "sk RANGE"])
        #expect(Self.definitions(insights) == ["pk": "S", "sk": "S", "prediction_type": "S", "timestamp": "S", "risk_score": "N"])
        #expect(insights.billingModeSummary?.billingMode == .payPerRequest)
        #expect(insights.streamSpecification?.streamEnabled != true)
        let byType = try #require(Self.index(insights, "PredictionTypeIndex"))
        #expect(Self.keys(byType.keySchema) == ["prediction_type HASH", "timestamp RANGE"])
        #expect(byType.projection?.projectionType == .all)
        let byRisk = try #require(Self.index(insights, "RiskScoreIndex"))
        #expect(Self.keys(byRisk.keySchema) == ["prediction_type HASH", "risk_score RANGE"])
        #expect(byRisk.projection?.projectionType == .all)
        let insightsTTL = try shell.engine.describeTimeToLive(DescribeTimeToLiveInput(tableName: Self.insights))
        #expect(insightsTTL.timeToLiveDescription?.timeToLiveStatus == .enabled)
        #expect(insightsTTL.timeToLiveDescription?.attributeName == "ttl")
        let insightsBackups = try shell.engine.describeContinuousBackups(DescribeContinuousBackupsInput(tableName: Self.insights))
        #expect(insightsBackups.continuousBackupsDescription?.pointInTimeRecoveryDescription?.pointInTimeRecoveryStatus == .enabled)

        // A second deploy finds nothing to do and changes nothing.
        let before = try shell.engine.describeTable(DescribeTableInput(tableName: Self.metrics)).json
        #expect(try await shell.run("schema deploy") == .proceed)
        #expect(shell.out == "iops-dashboard-insights: up to date\niops-dashboard-metrics: up to date\n")
        #expect(try shell.engine.describeTable(DescribeTableInput(tableName: Self.metrics)).json == before)
        #expect(try shell.engine.listTables(ListTablesInput()).tableNames == [Self.insights, Self.metrics])
    }

    @Test func deployFillsInWhatAnExistingTableLacks() async throws {
        let shell = try Self.harness()
        try await shell.run(#"""
            create table iops-dashboard-metrics {"KeySchema": [{"AttributeName": "entity_id", "KeyType": "HASH"}, {"AttributeName": "entity_type", "KeyType": "RANGE"}],
              "AttributeDefinitions": [{"AttributeName": "entity_id", "AttributeType": "S"}, {"AttributeName": "entity_type", "AttributeType": "S"},
                                       {"AttributeName": "health_score", "AttributeType": "N"}],
              "GlobalSecondaryIndexes": [{"IndexName": "EntityTypeHealthIndex", "KeySchema": [{"AttributeName": "entity_type", "KeyType": "HASH"},
                                         {"AttributeName": "health_score", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}],
              "BillingMode": "PAY_PER_REQUEST"}
            create table iops-dashboard-insights {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
              "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
              "BillingMode": "PAY_PER_REQUEST"}
            metrics put stu_1 student health_score=50 last_updated=2025-01-15T10:30:00Z
            """#)
        #expect(shell.err == "")
        #expect(try await shell.run("schema deploy") == .proceed)
        #expect(shell.out == """
            iops-dashboard-insights: index PredictionTypeIndex added
            iops-dashboard-insights: index RiskScoreIndex added
            iops-dashboard-insights: TTL enabled on ttl
            iops-dashboard-insights: PITR enabled
            iops-dashboard-metrics: stream NEW_AND_OLD_IMAGES enabled
            iops-dashboard-metrics: index LastUpdatedIndex added
            iops-dashboard-metrics: PITR enabled

            """)
        // The new index holds the item written before it existed.
        try await shell.run("metrics recent --type student")
        #expect(shell.out.contains("\"entity_id\":\"stu_1\""))
        #expect(try await shell.run("schema diff") == .proceed)
        #expect(try await shell.run("schema deploy") == .proceed)
        #expect(shell.out == "iops-dashboard-insights: up to date\niops-dashboard-metrics: up to date\n")
    }

    @Test func deployRefusesWhatCannotChangeInPlace() async throws {
        let shell = try Self.harness()
        try await shell.run(#"""
            create table iops-dashboard-metrics {"KeySchema": [{"AttributeName": "entity_id", "KeyType": "HASH"}],
              "AttributeDefinitions": [{"AttributeName": "entity_id", "AttributeType": "S"}, {"AttributeName": "entity_type", "AttributeType": "S"},
                                       {"AttributeName": "health_score", "AttributeType": "S"}],
              "GlobalSecondaryIndexes": [{"IndexName": "ByHealthText", "KeySchema": [{"AttributeName": "entity_type", "KeyType": "HASH"},
                                         {"AttributeName": "health_score", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}],
              "BillingMode": "PAY_PER_REQUEST"}
            """#)
        let before = try shell.engine.describeTable(DescribeTableInput(tableName: Self.metrics)).json
        let outcome = try await shell.run("schema deploy", file: "d.iops")
        #expect(outcome == .failed)
        // The other table is still deployed; this one is left exactly as it was.
        #expect(shell.out == "created iops-dashboard-insights (2 indexes, TTL on ttl, PITR)\n")
        #expect(shell.err.hasPrefix("d.iops:1:1: schema deploy: iops-dashboard-metrics: key schema is entity_id (HASH), the plugin declares entity_id (HASH), entity_type (RANGE); attribute health_score is S, the plugin declares N;"))
        #expect(shell.err.contains("nothing was changed on this table"))
        #expect(try shell.engine.describeTable(DescribeTableInput(tableName: Self.metrics)).json == before)
        let backups = try shell.engine.describeContinuousBackups(DescribeContinuousBackupsInput(tableName: Self.metrics))
        #expect(backups.continuousBackupsDescription?.pointInTimeRecoveryDescription?.pointInTimeRecoveryStatus == .disabled)
    }

    @Test func deployRefusesAnotherStreamViewType() async throws {
        let shell = try Self.harness()
        try await shell.run("schema deploy metrics")
        try await shell.run(#"""
            api UpdateTable {"TableName": "iops-dashboard-metrics", "StreamSpecification": {"StreamEnabled": false}}
            api UpdateTable {"TableName": "iops-dashboard-metrics", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"}}
            """#)
        #expect(try await shell.run("schema deploy metrics") == .failed)
        #expect(shell.err.contains("stream is NEW_IMAGE, the plugin declares NEW_AND_OLD_IMAGES"))
    }

    /// A real endpoint keeps a new table and its indexes CREATING for a while: deploy polls,
    /// says what it waits for, retries PITR while backups are unavailable, and gives up at
    /// the bound with a clear error.
    @Test func deployWaitsUntilTheTableAndItsIndexesAreActive() async throws {
        let slow = SlowBackendBox()
        let shell = try Self.harness { engine in slow.make(engine, pendingLooks: 3, unavailableBackups: 2) }
        let outcome = try await SchemaTiming.$pollInterval.withValue(.milliseconds(1)) {
            try await shell.run("schema deploy metrics")
        }
        #expect(outcome == .proceed)
        #expect(shell.out == "created iops-dashboard-metrics (2 indexes, stream NEW_AND_OLD_IMAGES, PITR)\n")
        #expect(shell.err.contains("waiting for iops-dashboard-metrics: table CREATING, index EntityTypeHealthIndex CREATING, index LastUpdatedIndex CREATING\n"))
        #expect(shell.err.contains("waiting for iops-dashboard-metrics: continuous backups are not available yet\n"))
        #expect(slow.backend!.looks(Self.metrics) >= 4)
        let backups = try shell.engine.describeContinuousBackups(DescribeContinuousBackupsInput(tableName: Self.metrics))
        #expect(backups.continuousBackupsDescription?.pointInTimeRecoveryDescription?.pointInTimeRecoveryStatus == .enabled)

        let stuck = SlowBackendBox()
        let never = try Self.harness { engine in stuck.make(engine, pendingLooks: .max, unavailableBackups: 0) }
        let gaveUp = try await SchemaTiming.$pollInterval.withValue(.milliseconds(1)) {
            try await SchemaTiming.$maxWait.withValue(.milliseconds(30)) {
                try await never.run("schema deploy insights", file: "w.iops")
            }
        }
        #expect(gaveUp == .failed)
        #expect(never.err.contains("w.iops:1:1: schema deploy: iops-dashboard-insights: still not ACTIVE after waiting"))
        #expect(never.err.contains("(table CREATING, index PredictionTypeIndex CREATING, index RiskScoreIndex CREATING); DynamoDB goes on in the background: run schema deploy again later to finish"))
    }

    @Test func deploySchemaIsCallableWithoutOutput() async throws {
        let shell = try Self.harness()
        let lines = try await shell.session.deploySchema(shell.session.plugins.plugins, quiet: true)
        #expect(lines == ["created iops-dashboard-insights (2 indexes, TTL on ttl, PITR)",
                          "created iops-dashboard-metrics (2 indexes, stream NEW_AND_OLD_IMAGES, PITR)"])
        #expect(shell.out == "" && shell.err == "")
        #expect(try await shell.session.deploySchema(shell.session.plugins.plugins, quiet: true)
                == ["iops-dashboard-insights: up to date", "iops-dashboard-metrics: up to date"])
    }

    // MARK: diff

    @Test func diffIsCleanAfterADeploy() async throws {
        let shell = try Self.harness()
        try await shell.run("schema deploy")
        #expect(try await shell.run("schema diff") == .proceed)
        #expect(shell.out == "iops-dashboard-insights: matches its plugin\niops-dashboard-metrics: matches its plugin\n")
        #expect(shell.err == "")
    }

    @Test func diffReportsEachKindOfDriftAndFails() async throws {
        let shell = try Self.harness()
        try await shell.run("schema deploy")
        try await shell.run(#"""
            api UpdateTable {"TableName": "iops-dashboard-metrics", "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "LastUpdatedIndex"}}]}
            api UpdateTable {"TableName": "iops-dashboard-metrics", "StreamSpecification": {"StreamEnabled": false}}
            api UpdateTable {"TableName": "iops-dashboard-metrics", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"}}
            api UpdateTimeToLive {"TableName": "iops-dashboard-insights", "TimeToLiveSpecification": {"Enabled": false, "AttributeName": "ttl"}}
            """#)
        #expect(shell.err == "")
        #expect(try await shell.run("schema diff", file: "diff.iops") == .failed)
        #expect(shell.out == """
            iops-dashboard-insights: TTL: plugin on ttl, live off
            iops-dashboard-metrics: index LastUpdatedIndex: plugin declares it, live has none
            iops-dashboard-metrics: stream: plugin NEW_AND_OLD_IMAGES, live NEW_IMAGE

            """)
        #expect(shell.err.hasPrefix("diff.iops:1:1: schema diff: 3 differences\n"))

        try await shell.run(#"""
            api UpdateTable {"TableName": "iops-dashboard-metrics", "AttributeDefinitions": [{"AttributeName": "sessions_7d", "AttributeType": "N"}],
              "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "Extra", "KeySchema": [{"AttributeName": "sessions_7d", "KeyType": "HASH"}],
                                                          "Projection": {"ProjectionType": "KEYS_ONLY"}}}]}
            api UpdateContinuousBackups {"TableName": "iops-dashboard-metrics", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": false}}
            drop table iops-dashboard-insights
            """#)
        #expect(shell.err == "")
        #expect(try await shell.run("schema diff") == .failed)
        #expect(shell.out == """
            iops-dashboard-insights: table: plugin insights declares it, live has none (schema deploy creates it)
            iops-dashboard-metrics: index LastUpdatedIndex: plugin declares it, live has none
            iops-dashboard-metrics: index Extra: live only (the plugin does not declare it)
            iops-dashboard-metrics: stream: plugin NEW_AND_OLD_IMAGES, live NEW_IMAGE
            iops-dashboard-metrics: point-in-time recovery: plugin on, live off

            """)
        #expect(shell.err.hasPrefix("test.iops:1:1: schema diff: 5 differences\n"))

        // One plugin at a time, by plugin or table name.
        #expect(try await shell.run("schema diff iops-dashboard-insights") == .failed)
        #expect(shell.err.hasPrefix("test.iops:1:1: schema diff: 1 difference\n"))
    }

    @Test func diffReportsKeyTypeBillingAndProjectionDrift() async throws {
        let shell = try Self.harness()
        try await shell.run(#"""
            create table iops-dashboard-insights {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
              "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                                       {"AttributeName": "prediction_type", "AttributeType": "S"}, {"AttributeName": "risk_score", "AttributeType": "N"}],
              "GlobalSecondaryIndexes": [{"IndexName": "RiskScoreIndex", "KeySchema": [{"AttributeName": "prediction_type", "KeyType": "HASH"},
                                         {"AttributeName": "risk_score", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["explanation"]},
                                         "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}],
              "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}
            """#)
        #expect(shell.err == "")
        #expect(try await shell.run("schema diff insights") == .failed)
        #expect(shell.out == """
            iops-dashboard-insights: attribute sk: plugin S, live N
            iops-dashboard-insights: billing mode: plugin PAY_PER_REQUEST, live PROVISIONED
            iops-dashboard-insights: index PredictionTypeIndex: plugin declares it, live has none
            iops-dashboard-insights: index RiskScoreIndex projection: plugin ALL, live INCLUDE (explanation)
            iops-dashboard-insights: TTL: plugin on ttl, live off
            iops-dashboard-insights: point-in-time recovery: plugin on, live off

            """)
    }

    // MARK: doc

    @Test func theCommittedSchemaDocumentIsWhatSchemaDocWrites() async throws {
        let shell = try Self.harness()
        #expect(try await shell.run("schema doc") == .proceed)
        let generated = shell.out
        let path = Self.root.appendingPathComponent("docs/database-schema.md")
        let committed = (try? String(contentsOf: path, encoding: .utf8)) ?? "(missing)"
        #expect(committed == generated, """
            docs/database-schema.md differs from what `schema doc` writes from the built-in plugins; regenerate it with:
              scripts/schema-doc
            (that is: swift run iops -c 'schema doc --output docs/database-schema.md', with no plugins of your own)
            """)
        #expect(generated.hasPrefix("# DynamoDB Schema Documentation\n"))
        #expect(generated.contains("## Metrics Table\n\n**Table Name:** `iops-dashboard-metrics`\n"))
        #expect(generated.contains("- **Partition Key:** `entity_id` (STRING) - Unique identifier (student_id, tutor_id, subject)\n"))
        #expect(generated.contains("| recommendations | LIST | Array of recommendation strings |\n"))
        #expect(generated.contains("**EntityTypeHealthIndex:**\n- Partition Key: `entity_type`\n- Sort Key: `health_score`\n- Projection: ALL\n- Use Case: Find all students with health_score < 70\n"))

        let file = shell.directory.appendingPathComponent("schema.md").path
        #expect(try await shell.run("schema doc --output \(file)") == .proceed)
        #expect(shell.out == "")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == generated)
    }

    // MARK: cfn

    @Test func cfnHasThePlansResourcesAndOutputsAndPassesCfnLint() async throws {
        let shell = try Self.harness()
        #expect(try await shell.run("schema cfn") == .proceed)
        let template = try JSONValue.parse(shell.out)
        let outputs = try #require(template["Outputs"]?.objectValue)
        let expected: [(String, String, String)] = [
            ("MetricsTableName", "DynamoDB table for operational metrics", "IOpsDashboard-MetricsTableName"),
            ("MetricsTableArn", "ARN of metrics table", "IOpsDashboard-MetricsTableArn"),
            ("InsightsTableName", "DynamoDB table for AI insights", "IOpsDashboard-InsightsTableName"),
            ("InsightsTableArn", "ARN of insights table", "IOpsDashboard-InsightsTableArn"),
            ("MetricsTableStreamArn", "DynamoDB stream ARN for real-time updates", "IOpsDashboard-MetricsTableStreamArn"),
        ]
        #expect(Set(outputs.keys) == Set(expected.map(\.0)))
        for (name, description, export) in expected {
            #expect(outputs[name]?["Description"]?.stringValue == description, "\(name)")
            #expect(outputs[name]?["Export"]?["Name"]?.stringValue == export, "\(name)")
        }
        #expect(outputs["MetricsTableName"]?["Value"] == .object(["Ref": .string("MetricsTable")]))
        #expect(outputs["MetricsTableStreamArn"]?["Value"] == .object(["Fn::GetAtt": .array([.string("MetricsTable"), .string("StreamArn")])]))

        let resources = try #require(template["Resources"]?.objectValue)
        #expect(resources.keys.sorted() == ["InsightsTable", "MetricsTable"])
        let metrics = try #require(resources["MetricsTable"])
        #expect(metrics["Type"]?.stringValue == "AWS::DynamoDB::Table")
        #expect(metrics["DeletionPolicy"]?.stringValue == "Delete")
        #expect(metrics["UpdateReplacePolicy"]?.stringValue == "Delete")
        let properties = try #require(metrics["Properties"])
        #expect(properties["TableName"]?.stringValue == Self.metrics)
        #expect(properties["BillingMode"]?.stringValue == "PAY_PER_REQUEST")
        #expect(properties["StreamSpecification"]?["StreamViewType"]?.stringValue == "NEW_AND_OLD_IMAGES")
        #expect(properties["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"] == .bool(true))
        #expect(properties["TimeToLiveSpecification"] == nil)
        #expect(properties["GlobalSecondaryIndexes"]?.arrayValue?.compactMap { $0["IndexName"]?.stringValue } == ["EntityTypeHealthIndex", "LastUpdatedIndex"])
        let insights = try #require(resources["InsightsTable"]?["Properties"])
        #expect(insights["TimeToLiveSpecification"] == .object(["AttributeName": .string("ttl"), "Enabled": .bool(true)]))
        #expect(insights["StreamSpecification"] == nil)

        try Self.cfnLint(shell.out, in: shell.directory)
    }

    /// Runs cfn-lint ($IOPS_CFN_LINT, else the one on PATH) and requires a clean result.
    static func cfnLint(_ template: String, in directory: URL) throws {
        let environment = ProcessInfo.processInfo.environment
        var linter = environment["IOPS_CFN_LINT"].flatMap { $0.isEmpty ? nil : $0 }
        if linter == nil {
            for directory in (environment["PATH"] ?? "").split(separator: ":") {
                let candidate = "\(directory)/cfn-lint"
                if FileManager.default.isExecutableFile(atPath: candidate) {
                    linter = candidate
                    break
                }
            }
        }
        guard let linter else {
            Issue.record("cfn-lint is not installed: `python3 -m pip install cfn-lint` (scripts/test does it), or set IOPS_CFN_LINT to its path")
            return
        }
        let file = directory.appendingPathComponent("template.json")
        try Data(template.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: linter)
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "cfn-lint (\(linter)) found problems:\n\(output)")
        #expect(output.isEmpty, "cfn-lint said:\n\(output)")
    }

    // MARK: stages, errors, help

    @Test func theStagePrefixAndSuffixAreHonoured() async throws {
        let shell = try Self.harness()
        shell.session.plugins.tablePrefix = "team-"
        shell.session.plugins.tableSuffix = "-dev"
        #expect(try await shell.run("schema deploy") == .proceed)
        #expect(shell.out == """
            created team-iops-dashboard-insights-dev (2 indexes, TTL on ttl, PITR)
            created team-iops-dashboard-metrics-dev (2 indexes, stream NEW_AND_OLD_IMAGES, PITR)

            """)
        #expect(try shell.engine.listTables(ListTablesInput()).tableNames == ["team-iops-dashboard-insights-dev", "team-iops-dashboard-metrics-dev"])
        #expect(try await shell.run("schema diff") == .proceed)
        #expect(shell.out == "team-iops-dashboard-insights-dev: matches its plugin\nteam-iops-dashboard-metrics-dev: matches its plugin\n")

        try await shell.run("schema cfn")
        let template = try JSONValue.parse(shell.out)
        #expect(template["Resources"]?["MetricsTable"]?["Properties"]?["TableName"]?.stringValue == "team-iops-dashboard-metrics-dev")
        #expect(template["Outputs"]?["MetricsTableName"]?["Export"]?["Name"]?.stringValue == "IOpsDashboard-team-dev-MetricsTableName")
        try Self.cfnLint(shell.out, in: shell.directory)

        try await shell.run("schema doc metrics")
        #expect(shell.out.contains("**Table Name:** `team-iops-dashboard-metrics-dev`"))

        // Another stage's tables are not this stage's.
        shell.session.plugins.tablePrefix = ""
        #expect(try await shell.run("schema diff metrics") == .failed)
        #expect(shell.out == "iops-dashboard-metrics-dev: table: plugin metrics declares it, live has none (schema deploy creates it)\n")
    }

    @Test func mistakesGetClearErrors() async throws {
        let shell = try Self.harness()
        #expect(try await shell.run("schema dif", file: "e.iops") == .failed)
        #expect(shell.err.hasPrefix("e.iops:1:1: schema: unknown subcommand 'dif'; did you mean diff?\n"))
        #expect(try await shell.run("schema deploy metrix", file: "e.iops") == .failed)
        #expect(shell.err.hasPrefix("e.iops:1:1: schema deploy: no plugin 'metrix'; did you mean metrics?\n"))
        #expect(try await shell.run("schema doc --outptu x.md", file: "e.iops") == .failed)
        #expect(shell.err.hasPrefix("e.iops:1:1: schema doc: unknown option --outptu; did you mean --output?\n"))
        #expect(try await shell.run("schema") == .proceed)
        #expect(shell.out.hasPrefix("usage: schema deploy [PLUGIN …]"))
        #expect(try await shell.run("help schema") == .proceed)
        #expect(shell.out.hasPrefix("schema: keep tables in step with their plugins"))

        shell.session.plugins = PluginSet.load(directories: [], builtins: false)
        #expect(try await shell.run("schema diff", file: "e.iops") == .failed)
        #expect(shell.err.hasPrefix("e.iops:1:1: schema diff: no table plugins are loaded"))
    }
}

/// Holds the slow backend a harness builds, so the test can ask it how often it was asked.
final class SlowBackendBox: @unchecked Sendable {
    var backend: SlowBackend?

    func make(_ engine: EmbeddedEngine, pendingLooks: Int, unavailableBackups: Int) -> any DynamoBackend {
        let backend = SlowBackend(engine, pendingLooks: pendingLooks, unavailableBackups: unavailableBackups)
        self.backend = backend
        return backend
    }
}

/// The embedded engine as a real endpoint behaves after CreateTable: the first looks at a
/// new table show it and its indexes CREATING, and PITR is unavailable for a moment.
final class SlowBackend: DynamoBackend, @unchecked Sendable {
    let engine: EmbeddedEngine
    let pendingLooks: Int
    private var unavailableBackups: Int
    private var lookCounts: [String: Int] = [:]
    private let lock = NSLock()

    init(_ engine: EmbeddedEngine, pendingLooks: Int, unavailableBackups: Int) {
        self.engine = engine
        self.pendingLooks = pendingLooks
        self.unavailableBackups = unavailableBackups
    }

    func looks(_ table: String) -> Int { lock.withLock { lookCounts[table] ?? 0 } }

    func describeTable(_ input: DescribeTableInput) async throws -> DescribeTableOutput {
        var output = try engine.describeTable(input)
        let count: Int = lock.withLock {
            lookCounts[input.tableName, default: 0] += 1
            return lookCounts[input.tableName]!
        }
        // Deploy's "does it exist?" fails before the table is created, so every look counted
        // here is a wait's: the first `pendingLooks` see the table CREATING.
        if count <= pendingLooks, var table = output.table {
            table.tableStatus = .creating
            if var indexes = table.globalSecondaryIndexes {
                for i in indexes.indices { indexes[i].indexStatus = .creating }
                table.globalSecondaryIndexes = indexes
            }
            output.table = table
        }
        return output
    }

    func updateContinuousBackups(_ input: UpdateContinuousBackupsInput) async throws -> UpdateContinuousBackupsOutput {
        let refuse: Bool = lock.withLock {
            guard unavailableBackups > 0 else { return false }
            unavailableBackups -= 1
            return true
        }
        if refuse { throw DynamoError(DynamoError.Code(rawValue: "ContinuousBackupsUnavailableException"), "Backups are being enabled for the table") }
        return try engine.updateContinuousBackups(input)
    }

    func createTable(_ input: CreateTableInput) async throws -> CreateTableOutput { try engine.createTable(input) }
    func listTables(_ input: ListTablesInput) async throws -> ListTablesOutput { try engine.listTables(input) }
    func deleteTable(_ input: DeleteTableInput) async throws -> DeleteTableOutput { try engine.deleteTable(input) }
    func updateTable(_ input: UpdateTableInput) async throws -> UpdateTableOutput { try engine.updateTable(input) }
    func putItem(_ input: PutItemInput) async throws -> PutItemOutput { try engine.putItem(input) }
    func getItem(_ input: GetItemInput) async throws -> GetItemOutput { try engine.getItem(input) }
    func deleteItem(_ input: DeleteItemInput) async throws -> DeleteItemOutput { try engine.deleteItem(input) }
    func updateItem(_ input: UpdateItemInput) async throws -> UpdateItemOutput { try engine.updateItem(input) }
    func query(_ input: QueryInput) async throws -> QueryOutput { try engine.query(input) }
    func scan(_ input: ScanInput) async throws -> ScanOutput { try engine.scan(input) }
    func batchGetItem(_ input: BatchGetItemInput) async throws -> BatchGetItemOutput { try engine.batchGetItem(input) }
    func batchWriteItem(_ input: BatchWriteItemInput) async throws -> BatchWriteItemOutput { try engine.batchWriteItem(input) }
    func transactWriteItems(_ input: TransactWriteItemsInput) async throws -> TransactWriteItemsOutput { try engine.transactWriteItems(input) }
    func transactGetItems(_ input: TransactGetItemsInput) async throws -> TransactGetItemsOutput { try engine.transactGetItems(input) }
    func updateTimeToLive(_ input: UpdateTimeToLiveInput) async throws -> UpdateTimeToLiveOutput { try engine.updateTimeToLive(input) }
    func describeTimeToLive(_ input: DescribeTimeToLiveInput) async throws -> DescribeTimeToLiveOutput { try engine.describeTimeToLive(input) }
    func describeContinuousBackups(_ input: DescribeContinuousBackupsInput) async throws -> DescribeContinuousBackupsOutput {
        try engine.describeContinuousBackups(input)
    }
    func restoreTableToPointInTime(_ input: RestoreTableToPointInTimeInput) async throws -> RestoreTableToPointInTimeOutput {
        try engine.restoreTableToPointInTime(input)
    }
    func listStreams(_ input: ListStreamsInput) async throws -> ListStreamsOutput { try engine.listStreams(input) }
    func describeStream(_ input: DescribeStreamInput) async throws -> DescribeStreamOutput { try engine.describeStream(input) }
    func getShardIterator(_ input: GetShardIteratorInput) async throws -> GetShardIteratorOutput { try engine.getShardIterator(input) }
    func getRecords(_ input: GetRecordsInput) async throws -> GetRecordsOutput { try engine.getRecords(input) }
}

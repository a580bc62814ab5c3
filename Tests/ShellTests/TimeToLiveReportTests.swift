import DynamoAPI
import DynamoModel
import EmbeddedEngine
import Foundation
import Testing
import TablePlugins
@testable import Shell

/// `ttl`, `sweep` and `set expired` on a real embedded store whose clock and the session's
/// are both fixed, and which does not sweep on open: every count is exact.
@Suite struct TimeToLiveReportTests {
    /// 2024-04-11T08:00:00Z.
    static let now = 1_712_822_400

    /// A store and session at `now`, with `sessions` (TTL on `ttl`, a reserved word) holding
    /// one item of each kind the report tells apart.
    static func fixture(format: OutputFormat = .json, enabled: Bool = true) async throws -> ShellHarness {
        var options = EmbeddedEngine.Options()
        options.sweepOnOpen = false
        options.clock = { Double(now) }
        let shell = try ShellHarness(format: format, options: options)
        shell.session.now = { Date(timeIntervalSince1970: Double(now)) }
        var script = #"""
            create table sessions {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
              "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
              "BillingMode": "PAY_PER_REQUEST"}
            put sessions pk=soon sk=a ttl=\#(now + 1800)
            put sessions pk=today sk=a ttl=\#(now + 5 * 3600)
            put sessions pk=week sk=a ttl=\#(now + 3 * 86_400)
            put sessions pk=month sk=a ttl=\#(now + 30 * 86_400)
            put sessions pk=gone sk=a ttl=\#(now - 3600)
            put sessions pk=gone sk=b ttl=\#(now - 2 * 86_400)
            put sessions pk=bare sk=a note="no ttl"
            put sessions pk=text sk=a ttl="1712822400"
            put sessions pk=millis sk=a ttl=\#((now + 86_400) * 1000)
            put sessions pk=ancient sk=a ttl=\#(now - 6 * 365 * 86_400)
            """#
        if enabled {
            script += "\n" + #"api UpdateTimeToLive {"TableName": "sessions", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "ttl"}}"#
        }
        #expect(try await shell.run(script) == .proceed)
        #expect(shell.err == "")
        return shell
    }

    @Test func theReportCountsAndListsEveryKind() async throws {
        let shell = try await Self.fixture()
        #expect(try await shell.run("ttl sessions") == .proceed)
        let report = try JSONValue.parse(shell.out)
        #expect(report["status"]?.stringValue == "ENABLED")
        #expect(report["attribute"]?.stringValue == "ttl")
        #expect(report["attributeFrom"]?.stringValue == "table")
        #expect(report["now"] == .number("1712822400"))
        #expect(report["itemsScanned"]?.intValue == 10)
        #expect(report["expiring"] == .object(["withinHour": .number("1"), "withinDay": .number("2"),
                                              "withinWeek": .number("3"), "later": .number("1")]))
        #expect(report["withoutAttribute"]?.intValue == 1)

        let expired = try #require(report["expiredNotDeleted"])
        #expect(expired["count"]?.intValue == 2)
        #expect(expired["more"]?.intValue == 0)
        // Longest expired first.
        #expect(expired["items"]?.arrayValue?.map { $0["key"]!.compactText } == [#"{"pk":"gone","sk":"b"}"#, #"{"pk":"gone","sk":"a"}"#])
        #expect(expired["items"]?.arrayValue?.first?["expired"]?.stringValue == "2024-04-09T08:00:00Z")

        let never = try #require(report["neverExpire"])
        #expect(never["count"]?.intValue == 3)
        let items = try #require(never["items"]?.arrayValue)
        #expect(items.map { $0["key"]!.compactText } == [#"{"pk":"text","sk":"a"}"#, #"{"pk":"millis","sk":"a"}"#, #"{"pk":"ancient","sk":"a"}"#])
        #expect(items.map { $0["reason"]?.stringValue } == ["not-a-number", "milliseconds", "too-old"])
        #expect(items.map { $0["value"]!.compactText } == [#""1712822400""#, "1712908800000", "1523606400"])
        #expect(items[0]["detail"]?.stringValue == "a String, not a Number (store it as a Number); DynamoDB ignores it")
        #expect(items[1]["detail"]?.stringValue?.hasPrefix("milliseconds (2024-04-12T08:00:00Z in seconds)") == true)
        #expect(items[2]["detail"]?.stringValue == "2018-04-13T08:00:00Z, more than 5 years in the past; DynamoDB ignores it")
    }

    @Test func theTableFormatReadsAsSections() async throws {
        let shell = try await Self.fixture(format: .table)
        try await shell.run("ttl sessions")
        #expect(shell.err == "")
        #expect(shell.out == #"""
            TTL on sessions: ENABLED, attribute ttl
            as of 2024-04-11T08:00:00Z (1712822400): 10 items scanned

            expiring
              within 1 hour   1
              within 1 day    2
              within 1 week   3
              later           1

            expired, not deleted yet (DynamoDB still returns them): 2
              {"pk":"gone","sk":"b"}  1712649600 = 2024-04-09T08:00:00Z, 2 d ago
              {"pk":"gone","sk":"a"}  1712818800 = 2024-04-11T07:00:00Z, 1 h ago

            without ttl: 1

            never expire: 3
              {"pk":"text","sk":"a"}  "1712822400": a String, not a Number (store it as a Number); DynamoDB ignores it
              {"pk":"millis","sk":"a"}  1712908800000: milliseconds (2024-04-12T08:00:00Z in seconds); DynamoDB reads epoch seconds, so it is thousands of years away
              {"pk":"ancient","sk":"a"}  1523606400: 2018-04-13T08:00:00Z, more than 5 years in the past; DynamoDB ignores it

            """#)
    }

    @Test func listShowsAtMostNKeysAndSaysHowManyMore() async throws {
        let shell = try await Self.fixture(format: .table)
        try await shell.run("ttl sessions --list 1")
        #expect(shell.out.contains("expired, not deleted yet (DynamoDB still returns them): 2\n  {\"pk\":\"gone\",\"sk\":\"b\"}"))
        #expect(!shell.out.contains(#"{"pk":"gone","sk":"a"}"#))
        #expect(shell.out.contains("  … and 1 more\n\nwithout ttl: 1"))
        #expect(shell.out.contains(#"{"pk":"text","sk":"a"}"#))
        #expect(!shell.out.contains(#"{"pk":"millis","sk":"a"}"#))
        #expect(shell.out.hasSuffix("  … and 2 more\n"))

        // JSON lines: the listed keys, then the summary without them.
        shell.session.format = .jsonl
        try await shell.run("ttl sessions --list=0")
        #expect(shell.out.split(separator: "\n").count == 1)
        let summary = try JSONValue.parse(shell.out)
        #expect(summary["expiredNotDeleted"] == .object(["count": .number("2"), "more": .number("2")]))
        #expect(summary["neverExpire"] == .object(["count": .number("3"), "more": .number("3")]))
        try await shell.run("ttl sessions --list 2")
        let lines = shell.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0] == #"{"list":"expired","key":{"pk":"gone","sk":"b"},"value":1712649600,"expired":"2024-04-09T08:00:00Z"}"#)
        #expect(lines[2].hasPrefix(#"{"list":"never","key":{"pk":"text","sk":"a"},"value":"1712822400","reason":"not-a-number""#))
        #expect(lines[3].contains(#""reason":"milliseconds""#))
        #expect(try JSONValue.parse(lines[4])["neverExpire"]?["more"]?.intValue == 1)
    }

    @Test func disabledTTLSaysHowToEnableIt() async throws {
        let shell = try await Self.fixture(format: .table, enabled: false)
        try await shell.run("ttl sessions")
        #expect(shell.err == "")
        #expect(shell.out == """
            TTL on sessions: DISABLED
            enable it with: api UpdateTimeToLive {"TableName":"sessions","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"ATTRIBUTE"}}

            """)
        shell.session.format = .json
        try await shell.run("ttl sessions")
        let report = try JSONValue.parse(shell.out)
        #expect(report["status"]?.stringValue == "DISABLED")
        #expect(report["attribute"] == .null)
        #expect(report["itemsScanned"] == nil)
        // The hint runs as written.
        #expect(try await shell.run(try #require(report["enable"]?.stringValue).replacingOccurrences(of: "ATTRIBUTE", with: "ttl")) == .proceed)
        try await shell.run("ttl sessions")
        #expect(try JSONValue.parse(shell.out)["expiredNotDeleted"]?["count"]?.intValue == 2)
    }

    @Test func disabledTTLStillReportsThePluginsAttribute() async throws {
        var options = EmbeddedEngine.Options()
        options.sweepOnOpen = false
        options.clock = { Double(Self.now) }
        let shell = try ShellHarness(format: .table, options: options)
        shell.session.now = { Date(timeIntervalSince1970: Double(Self.now)) }
        shell.session.plugins = PluginSet.load(directories: [], builtins: true)
        try await shell.run(#"""
            create table insights {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
              "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
              "BillingMode": "PAY_PER_REQUEST"}
            """#)
        try await shell.run("""
            api PutItem {"TableName": "iops-dashboard-insights", "Item": {"pk": {"S": "insight#a"}, "sk": {"S": "1"}, "ttl": {"N": "\(Self.now + 600)"}}}
            api PutItem {"TableName": "iops-dashboard-insights", "Item": {"pk": {"S": "insight#b"}, "sk": {"S": "1"}, "ttl": {"N": "\(Self.now - 600)"}}}
            """)
        #expect(shell.err == "")
        // The plugin's passthrough command: `insights ttl` runs `ttl insights`.
        #expect(try await shell.run("insights ttl --list 1") == .proceed)
        #expect(shell.err == "")
        #expect(shell.out.hasPrefix("""
            TTL on iops-dashboard-insights: DISABLED
            nothing is deleted; enable it with: api UpdateTimeToLive {"TableName":"iops-dashboard-insights","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"ttl"}}
            what the values of ttl (declared by plugin insights) would do once enabled:
            as of 2024-04-11T08:00:00Z (1712822400): 2 items scanned
            """))
        #expect(shell.out.contains("  within 1 hour   1\n"))
        #expect(shell.out.contains("expired, not deleted yet (DynamoDB still returns them): 1\n  {\"pk\":\"insight#b\",\"sk\":\"1\"}  1712821800 = 2024-04-11T07:50:00Z, 10 min ago\n"))
    }

    @Test func badArgumentsAreErrors() async throws {
        let shell = try await Self.fixture()
        try await shell.run("ttl sessions --lst 3", file: "t.iops")
        #expect(shell.err.hasPrefix("t.iops:1:1: ttl: unknown option --lst; did you mean --list?"))
        try await shell.run("ttl sessions --verbose")
        #expect(shell.err.contains("ttl: unknown option --verbose; options: --list"))
        try await shell.run("ttl")
        #expect(shell.err.contains("ttl: which table? usage: ttl TABLE [--list N]"))
        try await shell.run("ttl sessions --list many")
        #expect(shell.err.contains("--list takes how many keys to show"))
        try await shell.run("ttl sessions other")
        #expect(shell.err.contains("ttl: unexpected argument 'other'"))
        try await shell.run("ttl nosuch")
        #expect(shell.err.contains("ResourceNotFoundException"))
        try await shell.run("sweep now")
        #expect(shell.err.contains("sweep: unexpected argument 'now'"))
        #expect(shell.out == "")
    }

    @Test func sweepDeletesExactlyTheExpiredItems() async throws {
        let shell = try await Self.fixture(format: .jsonl)
        try await shell.run("sweep")
        #expect(shell.err == "")
        #expect(shell.out == "2 expired items deleted\n")
        try await shell.run("scan sessions all select pk, sk")
        var left: [String] = []
        for line in shell.out.split(separator: "\n") {
            let item = try JSONValue.parse(String(line))
            left.append(item["pk"]!.stringValue! + "/" + item["sk"]!.stringValue!)
        }
        #expect(left.sorted() == ["ancient/a", "bare/a", "millis/a", "month/a", "soon/a", "text/a", "today/a", "week/a"])
        try await shell.run("sweep")
        #expect(shell.out == "0 expired items deleted\n")
    }

    @Test func sweepNeedsABackendThatSweeps() async throws {
        let shell = try ShellHarness()
        let session = ShellSession(backend: Forwarding(base: shell.engine), format: .jsonl,
                                   write: { shell.out += $0 }, writeError: { shell.err += $0 })
        #expect(try await session.runScript("sweep", file: "s.iops") == .failed)
        #expect(shell.err.hasPrefix("s.iops:1:1: sweep runs the embedded store's TTL deletion; DynamoDB deletes expired items by itself, typically within a few days\n"))
    }

    @Test func setExpiredHideLeavesOutExpiredItems() async throws {
        let shell = try await Self.fixture(format: .jsonl)
        try await shell.run("count sessions")
        #expect(shell.out == "10\n")
        try await shell.run("set expired hide")
        #expect(shell.err == "")
        try await shell.run("count sessions")
        #expect(shell.out == "8\n")
        try await shell.run(#"count sessions where pk = "gone""#)
        #expect(shell.out == "0\n")
        try await shell.run(#"query sessions where pk = "gone" all"#)
        #expect(shell.out == "")
        try await shell.run(#"query sessions where pk = "soon" all select pk"#)
        #expect(shell.out == "{\"pk\":\"soon\"}\n")
        try await shell.run("scan sessions all select pk")
        var seen: [String] = []
        for line in shell.out.split(separator: "\n") { seen.append(try JSONValue.parse(String(line))["pk"]!.stringValue!) }
        #expect(seen.sorted() == ["ancient", "bare", "millis", "month", "soon", "text", "today", "week"])
        // AND-ed with the user's filter.
        try await shell.run(#"count sessions filter sk = "b" or pk = "bare""#)
        #expect(shell.out == "1\n")

        try await shell.run(#"explain scan sessions filter sk = "a""#)
        let request = try JSONValue.parse(String(shell.out.drop { $0 != "{" }))
        #expect(request["FilterExpression"]?.stringValue
            == "sk = :v0 AND (attribute_not_exists(#n0) OR NOT attribute_type(#n0, :v1) OR #n0 > :v2 OR #n0 < :v3)")
        #expect(request["ExpressionAttributeNames"] == .object(["#n0": .string("ttl")]))
        #expect(request["ExpressionAttributeValues"]?[":v1"] == .object(["S": .string("N")]))
        #expect(request["ExpressionAttributeValues"]?[":v2"] == .object(["N": .string("1712822400")]))
        #expect(request["ExpressionAttributeValues"]?[":v3"] == .object(["N": .string("1555142400")]))

        try await shell.run("set expired show")
        try await shell.run(#"count sessions; count sessions where pk = "gone""#)
        #expect(shell.out == "10\n2\n")
        try await shell.run("set expired maybe")
        #expect(shell.err.contains("expired takes hide or show, not 'maybe'"))
        try await shell.run("set colour red")
        #expect(shell.err.contains("options: format, page-size, expired"))
    }

    @Test func hidingNeedsTTLEnabledAndFollowsChanges() async throws {
        let shell = try await Self.fixture(format: .jsonl, enabled: false)
        try await shell.run("set expired hide; count sessions")
        #expect(shell.out == "10\n")
        try await shell.run(#"explain scan sessions"#)
        #expect(!shell.out.contains("FilterExpression"))
        // `api` forgets what the session knew of the table, so the change is seen at once.
        try await shell.run(#"api UpdateTimeToLive {"TableName": "sessions", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "ttl"}}"#)
        try await shell.run("count sessions")
        #expect(shell.out == "8\n")
    }

    @Test func helpListsTheCommands() async throws {
        let shell = try ShellHarness()
        try await shell.run("help ttl; help sweep; help set")
        #expect(shell.out.contains("ttl: a table's TTL"))
        #expect(shell.out.contains("sweep: delete expired items now"))
        #expect(shell.out.contains("expired hide|show"))
    }
}

/// A backend that is not the embedded store: everything forwarded, no `ExpirySweeping`.
private struct Forwarding: DynamoBackend {
    let base: EmbeddedEngine
    func createTable(_ input: CreateTableInput) async throws -> CreateTableOutput { try base.createTable(input) }
    func describeTable(_ input: DescribeTableInput) async throws -> DescribeTableOutput { try base.describeTable(input) }
    func listTables(_ input: ListTablesInput) async throws -> ListTablesOutput { try base.listTables(input) }
    func deleteTable(_ input: DeleteTableInput) async throws -> DeleteTableOutput { try base.deleteTable(input) }
    func updateTable(_ input: UpdateTableInput) async throws -> UpdateTableOutput { try base.updateTable(input) }
    func putItem(_ input: PutItemInput) async throws -> PutItemOutput { try base.putItem(input) }
    func getItem(_ input: GetItemInput) async throws -> GetItemOutput { try base.getItem(input) }
    func deleteItem(_ input: DeleteItemInput) async throws -> DeleteItemOutput { try base.deleteItem(input) }
    func updateItem(_ input: UpdateItemInput) async throws -> UpdateItemOutput { try base.updateItem(input) }
    func query(_ input: QueryInput) async throws -> QueryOutput { try base.query(input) }
    func scan(_ input: ScanInput) async throws -> ScanOutput { try base.scan(input) }
    func batchGetItem(_ input: BatchGetItemInput) async throws -> BatchGetItemOutput { try base.batchGetItem(input) }
    func batchWriteItem(_ input: BatchWriteItemInput) async throws -> BatchWriteItemOutput { try base.batchWriteItem(input) }
    func transactWriteItems(_ input: TransactWriteItemsInput) async throws -> TransactWriteItemsOutput { try base.transactWriteItems(input) }
    func transactGetItems(_ input: TransactGetItemsInput) async throws -> TransactGetItemsOutput { try base.transactGetItems(input) }
    func updateTimeToLive(_ input: UpdateTimeToLiveInput) async throws -> UpdateTimeToLiveOutput { try base.updateTimeToLive(input) }
    func describeTimeToLive(_ input: DescribeTimeToLiveInput) async throws -> DescribeTimeToLiveOutput { try base.describeTimeToLive(input) }
    func updateContinuousBackups(_ input: UpdateContinuousBackupsInput) async throws -> UpdateContinuousBackupsOutput { try base.updateContinuousBackups(input) }
    func describeContinuousBackups(_ input: DescribeContinuousBackupsInput) async throws -> DescribeContinuousBackupsOutput { try base.describeContinuousBackups(input) }
    func restoreTableToPointInTime(_ input: RestoreTableToPointInTimeInput) async throws -> RestoreTableToPointInTimeOutput { try base.restoreTableToPointInTime(input) }
    func listStreams(_ input: ListStreamsInput) async throws -> ListStreamsOutput { try base.listStreams(input) }
    func describeStream(_ input: DescribeStreamInput) async throws -> DescribeStreamOutput { try base.describeStream(input) }
    func getShardIterator(_ input: GetShardIteratorInput) async throws -> GetShardIteratorOutput { try base.getShardIterator(input) }
    func getRecords(_ input: GetRecordsInput) async throws -> GetRecordsOutput { try base.getRecords(input) }
}

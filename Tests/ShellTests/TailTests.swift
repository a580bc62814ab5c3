import DynamoAPI
import DynamoModel
import EmbeddedEngine
import Foundation
import Testing
import TablePlugins
@testable import Shell

/// A shell on a real embedded store whose clock (and so shard rotation, TTL and record
/// times) the test drives, output captured.
final class TailShell: @unchecked Sendable {
    /// Seconds since 1970 that the engine reads; moved by hand.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Double
        init(_ start: Double) { value = start }
        var now: Double { lock.withLock { value } }
        func advance(_ seconds: Double) { lock.withLock { value += seconds } }
    }

    /// 2025-06-15T15:06:40Z.
    static let epoch: Double = 1_750_000_000

    let directory: URL
    let engine: EmbeddedEngine
    let clock = Clock(TailShell.epoch)
    var out = ""
    var err = ""
    var session: ShellSession!

    /// `rotation`: seconds a shard stays open before a write closes it and opens a child.
    init(format: OutputFormat = .table, rotation: Double = 1e9) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-tail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var options = EmbeddedEngine.Options()
        let clock = self.clock
        options.clock = { clock.now }
        options.shardRotationInterval = rotation
        engine = try EmbeddedEngine(path: directory.appendingPathComponent("store.sqlite").path, options: options)
        session = ShellSession(backend: engine, format: format,
                               write: { [unowned self] in self.out += $0 }, writeError: { [unowned self] in self.err += $0 })
        session.streamPollInterval = 0.001
        session.isInterrupted = { false }
        _ = try engine.createTable(CreateTableInput(json: try JSONValue.parse(Self.changesTable)))
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func run(_ script: String, file: String = "tail.iops") async throws -> ShellSession.Outcome {
        out = ""
        err = ""
        return try await session.runScript(script, file: file)
    }

    func put(_ id: String, _ attributes: Item = [:]) throws {
        var item: Item = ["entity_id": .s(id), "entity_type": .s("student")]
        item.merge(attributes) { _, new in new }
        _ = try engine.putItem(PutItemInput(tableName: "changes", item: item))
    }

    /// Runs `actions[n]` when `tail` looks for Ctrl-C the n-th time (once per request it
    /// sends), so writes land at a known point of its reading; a press after `giveUp`
    /// looks, so a broken `tail` fails the test instead of hanging it.
    func onPoll(_ actions: [Int: () throws -> Void], giveUp: Int = 500) {
        var polls = 0
        session.isInterrupted = {
            polls += 1
            if let action = actions[polls] {
                do { try action() } catch { Issue.record(error) }
            }
            return polls > giveUp
        }
    }

    var lines: [String] { out.split(separator: "\n").map(String.init) }

    static let changesTable = #"""
        {"TableName": "changes",
         "KeySchema": [{"AttributeName": "entity_id", "KeyType": "HASH"}, {"AttributeName": "entity_type", "KeyType": "RANGE"}],
         "AttributeDefinitions": [{"AttributeName": "entity_id", "AttributeType": "S"}, {"AttributeName": "entity_type", "AttributeType": "S"}],
         "BillingMode": "PAY_PER_REQUEST",
         "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"}}
        """#
}

@Suite struct TailTests {
    @Test func eachChangeIsOneLineWithWhatChanged() async throws {
        let shell = try TailShell()
        try await shell.run("""
            put changes entity_id=stu_1 entity_type=student health_score=72 explanation="low attendance"
            update changes entity_id=stu_1 entity_type=student set health_score = 65, sessions_7d = 3 remove explanation
            delete changes entity_id=stu_1 entity_type=student
            """)
        #expect(shell.err == "")
        let outcome = try await shell.run("tail changes --from trim-horizon --no-follow")
        #expect(outcome == .proceed)
        #expect(shell.lines == [
            #"2025-06-15T15:06:40Z  INSERT  entity_id=stu_1 entity_type=student  +explanation="low attendance", +health_score=72"#,
            "2025-06-15T15:06:40Z  MODIFY  entity_id=stu_1 entity_type=student  health_score: 72 → 65, +sessions_7d=3, -explanation",
            "2025-06-15T15:06:40Z  REMOVE  entity_id=stu_1 entity_type=student  -health_score, -sessions_7d",
        ])
        #expect(shell.err.contains("following shard shardId-"))
        #expect(shell.err.hasSuffix("read everything there is now: 3 records\n"))
    }

    @Test func maxStopsAfterThatManyRecords() async throws {
        let shell = try TailShell()
        for n in 1...5 { try shell.put("stu_\(n)") }
        #expect(try await shell.run("tail changes --from trim-horizon --max 2") == .proceed)
        #expect(shell.lines.count == 2)
        #expect(shell.lines[0].contains("entity_id=stu_1"))
        #expect(shell.lines[1].contains("entity_id=stu_2"))
        #expect(shell.err.hasSuffix("stopped after 2 records (--max)\n"))
        // `--max=N` and a value that is the whole word work the same.
        #expect(try await shell.run("tail changes --from=trim-horizon --max=3") == .proceed)
        #expect(shell.lines.count == 3)
    }

    @Test func latestShowsOnlyChangesMadeAfterTailStarted() async throws {
        let shell = try TailShell()
        try shell.put("before")
        try await shell.run("tail changes --no-follow")
        #expect(shell.out == "")
        #expect(shell.err.hasSuffix("read everything there is now: 0 records\n"))

        shell.onPoll([3: { try shell.put("after") }])
        #expect(try await shell.run("tail changes --max 1") == .proceed)
        #expect(shell.lines.count == 1)
        #expect(shell.lines.first?.contains("INSERT  entity_id=after") == true)

        // trim-horizon shows both.
        try await shell.run("tail changes --from trim-horizon --no-follow")
        #expect(shell.lines.count == 2)
    }

    @Test func followsAClosedShardIntoItsChild() async throws {
        let shell = try TailShell(rotation: 60)
        shell.onPoll([3: {
            try shell.put("x")
            shell.clock.advance(61)
            try shell.put("y")  // closes the shard holding x and opens its child
        }])
        #expect(try await shell.run("tail changes --max 2") == .proceed)
        #expect(shell.lines.count == 2)
        #expect(shell.lines.first?.contains("entity_id=x ") == true)
        #expect(shell.lines.last?.contains("entity_id=y ") == true)
        #expect(shell.err.contains("is closed; following its child shardId-"))
        let shards = try shell.engine.describeStream(DescribeStreamInput(streamArn: try Self.streamArn(shell))).streamDescription?.shards ?? []
        #expect(shards.count == 2)
    }

    @Test func trimHorizonReadsParentsBeforeChildren() async throws {
        let shell = try TailShell(rotation: 60)
        for id in ["a", "b", "c"] {
            try shell.put(id)
            shell.clock.advance(61)
        }
        try await shell.run("set format jsonl; tail changes --from trim-horizon --no-follow")
        let ids = try shell.lines.map { try JSONValue.parse($0)["keys"]?["entity_id"]?.stringValue }
        #expect(ids == ["a", "b", "c"])
        #expect(shell.err.components(separatedBy: "following its child").count == 3)
    }

    @Test func fromSequenceNumberStartsAtThatRecord() async throws {
        let shell = try TailShell(format: .jsonl, rotation: 60)
        for id in ["a", "b", "c"] {
            try shell.put(id)
            shell.clock.advance(61)
        }
        try await shell.run("tail changes --from trim-horizon --no-follow")
        let sequence = try #require(try JSONValue.parse(shell.lines[1])["sequenceNumber"]?.stringValue)
        try await shell.run("tail changes --from \(sequence) --no-follow")
        let ids = try shell.lines.map { try JSONValue.parse($0)["keys"]?["entity_id"]?.stringValue }
        #expect(ids == ["b", "c"])

        let outcome = try await shell.run("tail changes --from 0 --no-follow", file: "s.iops")
        #expect(outcome == .failed)
        #expect(shell.err.hasPrefix("s.iops:1:1: tail: no shard of the stream holds sequence number 0"))
    }

    @Test func fromTimeSkipsEarlierRecords() async throws {
        let shell = try TailShell(format: .jsonl)
        for id in ["a", "b", "c"] {
            try shell.put(id)
            shell.clock.advance(100)
        }
        try await shell.run(#"tail changes --from "2025-06-15T15:07:30Z" --no-follow"#)
        var ids = try shell.lines.map { try JSONValue.parse($0)["keys"]?["entity_id"]?.stringValue }
        #expect(ids == ["b", "c"])
        #expect(try JSONValue.parse(shell.lines[0])["approximateCreationDateTime"] == .string("2025-06-15T15:08:20Z"))
        try await shell.run("tail changes --from 2025-06-15 --no-follow")
        ids = try shell.lines.map { try JSONValue.parse($0)["keys"]?["entity_id"]?.stringValue }
        #expect(ids == ["a", "b", "c"])
    }

    @Test func ttlDeletionsAreMarked() async throws {
        let shell = try TailShell()
        try await shell.run(#"api UpdateTimeToLive {"TableName": "changes", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "expires"}}"#)
        #expect(shell.err == "")
        try shell.put("old", ["expires": .n(try DynamoNumber(String(Int(TailShell.epoch) - 10)))])
        try shell.put("gone")
        try await shell.run("delete changes entity_id=gone entity_type=student")
        #expect(try shell.engine.sweepExpiredItems() == 1)
        try await shell.run("tail changes --from trim-horizon --no-follow")
        #expect(shell.lines.count == 4)
        #expect(shell.lines[2].contains("  REMOVE  entity_id=gone"))
        #expect(shell.lines[3].contains("  REMOVE (TTL expiry)  entity_id=old entity_type=student  -expires"))
        try await shell.run("set format jsonl; tail changes --from trim-horizon --no-follow")
        #expect(try JSONValue.parse(shell.lines[2])["ttl"] == nil)
        #expect(try JSONValue.parse(shell.lines[3])["ttl"] == .bool(true))
    }

    @Test func forStopsFollowing() async throws {
        let shell = try TailShell()
        // The shell's clock moves a second each time tail reads it.
        var seconds = 0.0
        shell.session.now = {
            seconds += 1
            return Date(timeIntervalSince1970: TailShell.epoch + seconds)
        }
        shell.onPoll([2: { try shell.put("seen") }])
        #expect(try await shell.run("tail changes --for 5s") == .proceed)
        #expect(shell.lines.count == 1)
        #expect(shell.err.hasSuffix("stopped after 5s (--for): 1 record\n"))
        // A real clock and a tiny duration stop too.
        shell.session.now = { Date() }
        #expect(try await shell.run("tail changes --for 0.02") == .proceed)
        #expect(shell.err.hasSuffix("stopped after 0.02 (--for): 0 records\n"))
    }

    @Test func ctrlCEndsTailNormally() async throws {
        let shell = try TailShell()
        var polls = 0
        shell.session.isInterrupted = {
            polls += 1
            if polls == 2 { try? shell.put("one") }
            return polls == 6
        }
        let outcome = try await shell.run("tail changes; echo after")
        #expect(outcome == .proceed)
        #expect(shell.lines.count == 2)
        #expect(shell.lines[0].contains("INSERT  entity_id=one"))
        #expect(shell.lines[1] == "after")
        #expect(shell.err.hasSuffix("stopped (interrupted): 1 record\n"))
        #expect(polls == 6)
    }

    @Test func jsonLinesKeepNumbersExact() async throws {
        let shell = try TailShell(format: .jsonl)
        try await shell.run("""
            put changes entity_id=n1 entity_type=student big=12345678901234567890.123456789 tiny=0.000000000000000000000000000001
            update changes entity_id=n1 entity_type=student set big = 98765432109876543210.5
            """)
        try await shell.run("tail changes --from trim-horizon --no-follow")
        #expect(shell.lines.count == 2)
        let insert = try JSONValue.parse(shell.lines[0])
        #expect(insert["eventName"] == .string("INSERT"))
        #expect(insert["keys"] == (try JSONValue.parse(#"{"entity_id":"n1","entity_type":"student"}"#)))
        #expect(insert["newImage"]?["big"] == .number("12345678901234567890.123456789"))
        #expect(insert["newImage"]?["tiny"] == .number("0.000000000000000000000000000001"))
        #expect(insert["oldImage"] == nil)
        #expect(insert["sequenceNumber"]?.stringValue?.allSatisfy(\.isNumber) == true)
        let modify = try JSONValue.parse(shell.lines[1])
        #expect(modify["eventName"] == .string("MODIFY"))
        #expect(modify["changes"] == (try JSONValue.parse(#"{"big":{"old":12345678901234567890.123456789,"new":98765432109876543210.5}}"#)))
        #expect(modify["oldImage"]?["big"] == .number("12345678901234567890.123456789"))
        #expect(shell.lines[1].contains(#""changes":{"big":{"old":12345678901234567890.123456789,"new":98765432109876543210.5}}"#))
    }

    @Test func ddbJSONKeepsTypedImages() async throws {
        let shell = try TailShell(format: .ddbJSON)
        try await shell.run("put changes entity_id=d1 entity_type=student score=7")
        try await shell.run("tail changes --from trim-horizon --no-follow")
        let record = try JSONValue.parse(try #require(shell.lines.first))
        #expect(record["newImage"]?["score"] == (try JSONValue.parse(#"{"N":"7"}"#)))
        #expect(record["keys"]?["entity_id"] == (try JSONValue.parse(#"{"S":"d1"}"#)))
        #expect(record["changes"]?["score"]?["new"] == (try JSONValue.parse(#"{"N":"7"}"#)))
    }

    @Test func viewsWithoutBothImagesShowWhatTheyHave() async throws {
        let shell = try TailShell()
        for (table, view) in [("newonly", "NEW_IMAGE"), ("keysonly", "KEYS_ONLY")] {
            try await shell.run(#"create table \#(table) {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "\#(view)"}}"#)
            try await shell.run("put \(table) id=k n=1; update \(table) id=k set n = 2")
        }
        try await shell.run("tail newonly --from trim-horizon --no-follow")
        #expect(shell.lines == ["2025-06-15T15:06:40Z  INSERT  id=k  +n=1", "2025-06-15T15:06:40Z  MODIFY  id=k  n=2"])
        try await shell.run("tail keysonly --from trim-horizon --no-follow")
        #expect(shell.lines == ["2025-06-15T15:06:40Z  INSERT  id=k", "2025-06-15T15:06:40Z  MODIFY  id=k"])
        try await shell.run("set format jsonl; tail newonly --from trim-horizon --no-follow")
        #expect(try JSONValue.parse(shell.lines[1])["changes"] == nil)
        #expect(try JSONValue.parse(shell.lines[1])["newImage"] == (try JSONValue.parse(#"{"id":"k","n":2}"#)))
    }

    @Test func pluginTailPassesItsWordsOn() async throws {
        let shell = try TailShell()
        shell.session.plugins = PluginSet.load(directories: [], builtins: true)
        let metrics = try #require(shell.session.plugins.plugin(named: "metrics"))
        _ = try shell.engine.createTable(metrics.table.createTableInput(named: shell.session.plugins.physicalName(of: metrics)))
        try await shell.run("metrics put stu_1 student health_score=72")
        #expect(shell.err == "")
        #expect(try await shell.run("metrics tail --from trim-horizon --max 1") == .proceed)
        #expect(shell.lines.count == 1)
        #expect(shell.lines.first?.contains("INSERT  entity_id=stu_1 entity_type=student") == true)
        // The insights table has no stream.
        let insights = try #require(shell.session.plugins.plugin(named: "insights"))
        _ = try shell.engine.createTable(insights.table.createTableInput(named: shell.session.plugins.physicalName(of: insights)))
        #expect(try await shell.run("insights tail", file: "p.iops") == .failed)
        #expect(shell.err.hasPrefix("p.iops:1:1: iops-dashboard-insights has no stream; enable one with: api UpdateTable"))
    }

    @Test func anExpiredIteratorIsReplacedAfterTheLastRecordSeen() async throws {
        let shell = try TailShell()
        try shell.put("a")
        shell.onPoll([3: {
            shell.clock.advance(1000)  // past the 15 minutes an iterator lives
            try shell.put("b")
        }])
        #expect(try await shell.run("tail changes --from trim-horizon --max 2") == .proceed)
        #expect(shell.lines.count == 2)
        #expect(shell.lines[0].contains("entity_id=a "))
        #expect(shell.lines[1].contains("entity_id=b "))
    }

    @Test func errorsAreOneClearSentence() async throws {
        let shell = try TailShell()
        try await shell.run(#"create table plain {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST"}"#)
        let cases: [(String, String)] = [
            ("tail plain", "plain has no stream; enable one with: api UpdateTable {\"TableName\": \"plain\""),
            ("tail nosuch", "ResourceNotFoundException: Requested resource not found"),
            ("tail changes --mx 5", "tail: unknown option --mx; did you mean --max?"),
            ("tail changes --max 0", "tail: --max must be a positive whole number, not '0'"),
            ("tail changes --max lots", "tail: --max must be a positive whole number, not 'lots'"),
            ("tail changes --for soon", "tail: --for takes a duration such as 30s, 5m or 1h, not 'soon'"),
            ("tail changes --for 0s", "tail: --for must be more than zero"),
            ("tail changes --from yesterday", "tail: --from takes latest, trim-horizon, a sequence number or an ISO 8601 time"),
            ("tail changes --from", "tail: --from needs a value"),
            ("tail changes --no-follow=yes", "tail: --no-follow takes no value"),
            ("tail", "tail: missing TABLE; usage: tail TABLE"),
            ("tail changes extra", "tail: unexpected argument 'extra'"),
        ]
        for (script, message) in cases {
            let outcome = try await shell.run(script, file: "e.iops")
            #expect(outcome == .failed, "\(script)")
            #expect(shell.err.hasPrefix("e.iops:1:1: " + message), "\(script): \(shell.err)")
            #expect(shell.out == "", "\(script)")
        }
        try await shell.run("help tail")
        #expect(shell.out.hasPrefix("tail: follow a table's stream"))
    }

    @Test func optionsParse() throws {
        #expect(try TailOptions.duration("30s") == 30)
        #expect(try TailOptions.duration("5m") == 300)
        #expect(try TailOptions.duration("1.5h") == 5400)
        #expect(try TailOptions.duration("45") == 45)
        #expect(throws: ShellError.self) { try TailOptions.duration("inf") }
        #expect(throws: ShellError.self) { try TailOptions.duration("1e3") }
        #expect(throws: ShellError.self) { try TailOptions.duration("5d") }
        #expect(try TailStart(parsing: "LATEST") == .latest)
        #expect(try TailStart(parsing: "TRIM_HORIZON") == .trimHorizon)
        #expect(try TailStart(parsing: "000000000000000000042") == .sequenceNumber("000000000000000000042"))
        #expect(try TailStart(parsing: "2025-01-15T10:30:00Z") == .time(Date(timeIntervalSince1970: 1_736_937_000)))
        #expect(SequenceNumbers.compare("000042", "42") == 0)
        #expect(SequenceNumbers.compare("9", "10") == -1)
        #expect(SequenceNumbers.compare("44215845000000000174504390910", "4421584500000000017450439091") == 1)
        #expect(SequenceNumbers.compare("123", "124") == -1)
        #expect(SequenceNumbers.range((start: "10", end: nil), holds: "99999999999999999999999"))
        #expect(!SequenceNumbers.range((start: "10", end: "20"), holds: "21"))
    }

    static func streamArn(_ shell: TailShell) throws -> String {
        try #require(try shell.engine.describeTable(DescribeTableInput(tableName: "changes")).table?.latestStreamArn)
    }
}

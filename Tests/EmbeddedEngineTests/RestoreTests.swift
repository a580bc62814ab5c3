import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import EmbeddedEngine

/// Point-in-time recovery: continuous backups settings and RestoreTableToPointInTime.
@Suite struct RestoreTests {
    typealias Kit = EngineTestKit
    static let table = "iops-dashboard-metrics"
    static let day: Double = 86_400

    static func metric(_ id: String, _ type: String, score: Int, updated: String = "2025-01-01") -> Item {
        ["entity_id": .s(id), "entity_type": .s(type), "health_score": .n(DynamoNumber(score)), "last_updated": .s(updated)]
    }

    static func key(_ id: String, _ type: String) -> Item { ["entity_id": .s(id), "entity_type": .s(type)] }

    static func enablePITR(_ engine: EmbeddedEngine, _ table: String = table, _ enabled: Bool = true) throws -> ContinuousBackupsDescription? {
        try engine.updateContinuousBackups(UpdateContinuousBackupsInput(
            tableName: table, pointInTimeRecoverySpecification: PointInTimeRecoverySpecification(pointInTimeRecoveryEnabled: enabled)))
            .continuousBackupsDescription
    }

    static func pitr(_ engine: EmbeddedEngine, _ table: String = table) throws -> PointInTimeRecoveryDescription? {
        try engine.describeContinuousBackups(DescribeContinuousBackupsInput(tableName: table))
            .continuousBackupsDescription?.pointInTimeRecoveryDescription
    }

    /// Every item of a table, by `entity_id`.
    static func contents(_ engine: EmbeddedEngine, _ table: String) throws -> [String: Item] {
        var out: [String: Item] = [:]
        var start: Item?
        repeat {
            let page = try engine.scan(ScanInput(tableName: table, limit: 3, exclusiveStartKey: start))
            for item in page.items ?? [] { out[item["entity_id"]?.stringValue ?? "?"] = item }
            start = page.lastEvaluatedKey
        } while start != nil
        return out
    }

    /// The ids a GSI query returns, in index order.
    static func byHealth(_ engine: EmbeddedEngine, _ table: String, type: String = "student") throws -> [String] {
        try engine.query(QueryInput(
            tableName: table, indexName: "EntityTypeHealthIndex", keyConditionExpression: "entity_type = :t",
            expressionAttributeValues: [":t": .s(type)])).items?.compactMap { $0["entity_id"]?.stringValue } ?? []
    }

    @Test func continuousBackupsBeforeAndAfterEnabling() throws {
        let clock = Kit.Clock()
        let store = try TemporaryStore(options: Kit.options(clock))
        let engine = store.engine
        _ = try engine.createTable(metricsTable())
        let before = try engine.describeContinuousBackups(DescribeContinuousBackupsInput(tableName: Self.table)).continuousBackupsDescription
        #expect(before?.continuousBackupsStatus == .enabled)
        #expect(before?.pointInTimeRecoveryDescription?.pointInTimeRecoveryStatus == .disabled)
        #expect(before?.pointInTimeRecoveryDescription?.earliestRestorableDateTime == nil)
        #expect(before?.pointInTimeRecoveryDescription?.latestRestorableDateTime == nil)

        clock.advance(100)
        let enabledAt = clock.now
        let enabled = try Self.enablePITR(engine)
        #expect(enabled?.pointInTimeRecoveryDescription?.pointInTimeRecoveryStatus == .enabled)
        #expect(enabled?.pointInTimeRecoveryDescription?.earliestRestorableDateTime == enabledAt)
        clock.advance(3600)
        var described = try Self.pitr(engine)
        #expect(described?.pointInTimeRecoveryStatus == .enabled)
        #expect(described?.earliestRestorableDateTime == enabledAt)
        #expect(described?.latestRestorableDateTime == clock.now)
        #expect(described?.recoveryPeriodInDays == 35)
        // Enabling again keeps the window.
        _ = try Self.enablePITR(engine)
        #expect(try Self.pitr(engine)?.earliestRestorableDateTime == enabledAt)
        // The window reaches back at most 35 days.
        clock.advance(40 * Self.day)
        described = try Self.pitr(engine)
        #expect(described?.earliestRestorableDateTime == clock.now - 35 * Self.day)
        // Disabled: no window.
        let disabled = try Self.enablePITR(engine, Self.table, false)
        #expect(disabled?.pointInTimeRecoveryDescription?.pointInTimeRecoveryStatus == .disabled)
        #expect(try Self.pitr(engine)?.earliestRestorableDateTime == nil)
        #expect(Kit.code { _ = try engine.describeContinuousBackups(DescribeContinuousBackupsInput(tableName: "nope")) } == .resourceNotFound)
    }

    /// A restore to a moment between writes gives the table exactly as it was then: later
    /// puts, updates and deletes undone, indexes to match.
    @Test func restoreUndoesEverythingAfterTheMoment() throws {
        let clock = Kit.Clock()
        let store = try TemporaryStore(options: Kit.options(clock))
        let engine = store.engine
        var input = metricsTable()
        input.streamSpecification = nil // the change log must work without a stream
        _ = try engine.createTable(input)
        try Kit.put(engine, Self.table, Self.metric("before-pitr", "student", score: 1))
        clock.advance(10)
        _ = try Self.enablePITR(engine)
        clock.advance(10)
        for (id, score) in [("a", 10), ("b", 20), ("c", 30)] { try Kit.put(engine, Self.table, Self.metric(id, "student", score: score)) }
        try Kit.put(engine, Self.table, Self.metric("t", "teacher", score: 5))
        clock.advance(10)
        let moment = clock.now
        let expected = try Self.contents(engine, Self.table)
        clock.advance(10)
        // After the moment: update a (moves it in the GSI), delete b, add d, replace c, change t's type item.
        _ = try engine.updateItem(UpdateItemInput(tableName: Self.table, key: Self.key("a", "student"),
                                                  updateExpression: "SET health_score = :h, extra = :x",
                                                  expressionAttributeValues: [":h": .n(DynamoNumber(99)), ":x": .s("new")]))
        _ = try engine.deleteItem(DeleteItemInput(tableName: Self.table, key: Self.key("b", "student")))
        try Kit.put(engine, Self.table, Self.metric("d", "student", score: 15))
        try Kit.put(engine, Self.table, Self.metric("c", "student", score: 31, updated: "2025-02-02"))
        _ = try engine.deleteItem(DeleteItemInput(tableName: Self.table, key: Self.key("before-pitr", "student")))
        clock.advance(5)
        _ = try engine.updateItem(UpdateItemInput(tableName: Self.table, key: Self.key("a", "student"),
                                                  updateExpression: "REMOVE extra"))
        clock.advance(5)
        #expect(try Self.byHealth(engine, Self.table) == ["d", "c", "a"])

        let output = try engine.restoreTableToPointInTime(RestoreTableToPointInTimeInput(
            sourceTableName: Self.table, targetTableName: "restored", restoreDateTime: moment))
        let description = try #require(output.tableDescription)
        #expect(description.tableName == "restored")
        #expect(description.restoreSummary?.restoreDateTime == moment)
        #expect(description.restoreSummary?.restoreInProgress == false)
        #expect(description.restoreSummary?.sourceTableArn == (try engine.describeTable(DescribeTableInput(tableName: Self.table)).table?.tableArn))
        #expect(description.itemCount == 5)

        let restored = try Self.contents(engine, "restored")
        #expect(restored == expected)
        #expect(Set(restored.keys) == ["before-pitr", "a", "b", "c", "t"])
        #expect(try Self.byHealth(engine, "restored") == ["before-pitr", "a", "b", "c"])
        #expect(try Self.byHealth(engine, "restored", type: "teacher") == ["t"])
        let byDate = try engine.query(QueryInput(
            tableName: "restored", indexName: "LastUpdatedIndex", keyConditionExpression: "entity_type = :t AND last_updated > :d",
            expressionAttributeValues: [":t": .s("student"), ":d": .s("2025-01-15")]))
        #expect(byDate.items?.isEmpty == true) // c's later update is undone in this index too
        #expect(try engine.checkIntegrity().isSound)

        // The source is untouched; the restored table is independent of it.
        #expect(try Self.byHealth(engine, Self.table) == ["d", "c", "a"])
        try Kit.put(engine, Self.table, Self.metric("e", "student", score: 1))
        #expect(try Self.contents(engine, "restored").count == 5)
        // Restored tables come without stream, TTL and PITR.
        let restoredTable = try #require(try engine.describeTable(DescribeTableInput(tableName: "restored")).table)
        #expect(restoredTable.latestStreamArn == nil)
        #expect(restoredTable.globalSecondaryIndexes?.compactMap(\.indexName).sorted() == ["EntityTypeHealthIndex", "LastUpdatedIndex"])
        #expect(try Self.pitr(engine, "restored")?.pointInTimeRecoveryStatus == .disabled)
        #expect(try engine.describeTimeToLive(DescribeTimeToLiveInput(tableName: "restored")).timeToLiveDescription?.timeToLiveStatus == .disabled)
    }

    @Test func restoreToEveryMomentMatchesTheHistory() throws {
        let clock = Kit.Clock()
        let store = try TemporaryStore(options: Kit.options(clock))
        let engine = store.engine
        _ = try engine.createTable(metricsTable())
        _ = try Self.enablePITR(engine)
        var snapshots: [(Double, [String: Item])] = [(clock.now, [:])]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            clock.advance(Double.random(in: 0.5...30, using: &rng).rounded())
            let id = ["a", "b", "c", "d", "e"].randomElement(using: &rng)!
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: _ = try engine.deleteItem(DeleteItemInput(tableName: Self.table, key: Self.key(id, "student")))
            case 1:
                _ = try engine.updateItem(UpdateItemInput(
                    tableName: Self.table, key: Self.key(id, "student"), updateExpression: "ADD health_score :one",
                    expressionAttributeValues: [":one": .n(DynamoNumber(1))]))
            default: try Kit.put(engine, Self.table, Self.metric(id, "student", score: Int.random(in: 0...100, using: &rng)))
            }
            snapshots.append((clock.now, try Self.contents(engine, Self.table)))
        }
        clock.advance(60)
        for (number, (moment, expected)) in snapshots.enumerated() where number.isMultiple(of: 3) || number == snapshots.count - 1 {
            let name = "restored-\(number)"
            _ = try engine.restoreTableToPointInTime(RestoreTableToPointInTimeInput(
                sourceTableName: Self.table, targetTableName: name, restoreDateTime: moment))
            #expect(try Self.contents(engine, name) == expected, "restore to snapshot \(number)")
            // The index holds every item, in score order (ties in an order DynamoDB leaves open).
            let indexed = try Self.byHealth(engine, name)
            #expect(Set(indexed) == Set(expected.keys) && indexed.count == expected.count, "GSI of snapshot \(number)")
            let scores = indexed.compactMap { expected[$0]?["health_score"]?.numberValue }
            #expect(zip(scores, scores.dropFirst()).allSatisfy { DynamoNumber.compare($0, $1) <= 0 }, "GSI order of snapshot \(number)")
        }
        #expect(try engine.checkIntegrity().isSound)
    }

    @Test func restoreErrors() throws {
        let clock = Kit.Clock()
        let store = try TemporaryStore(options: Kit.options(clock))
        let engine = store.engine
        _ = try engine.createTable(metricsTable())
        try Kit.put(engine, Self.table, Self.metric("a", "student", score: 1))
        func restore(_ target: String, at time: Double? = nil, latest: Bool? = nil, source: String = RestoreTests.table) -> DynamoError? {
            Kit.error {
                _ = try engine.restoreTableToPointInTime(RestoreTableToPointInTimeInput(
                    sourceTableName: source, targetTableName: target, useLatestRestorableTime: latest, restoreDateTime: time))
            }
        }
        #expect(restore("copy", latest: true)?.code.rawValue == "PointInTimeRecoveryUnavailableException")
        #expect(restore("copy", at: clock.now)?.code == .pointInTimeRecoveryUnavailable)
        clock.advance(10)
        let enabledAt = clock.now
        _ = try Self.enablePITR(engine)
        clock.advance(10)
        #expect(restore("copy", at: enabledAt - 1)?.code.rawValue == "InvalidRestoreTimeException")
        #expect(restore("copy", at: clock.now + 1)?.code == .invalidRestoreTime)
        _ = try engine.createTable(Kit.simpleTable("existing"))
        #expect(restore("existing", latest: true)?.code.rawValue == "TableAlreadyExistsException")
        #expect(restore("copy", latest: true, source: "missing")?.code.rawValue == "TableNotFoundException")
        #expect(restore("x", latest: true)?.code == .validation) // target name too short
        #expect(restore("copy")?.code == .validation) // neither a time nor latest
        #expect(try engine.listTables(ListTablesInput()).tableNames?.contains("copy") == false)
        // The window's edges are restorable; disabling PITR closes it.
        #expect(restore("copy-earliest", at: enabledAt) == nil)
        #expect(restore("copy-now", at: clock.now) == nil)
        _ = try Self.enablePITR(engine, Self.table, false)
        #expect(restore("copy-after", latest: true)?.code == .pointInTimeRecoveryUnavailable)
    }

    @Test func useLatestRestorableTimeCopiesTheCurrentTable() throws {
        let clock = Kit.Clock()
        let store = try TemporaryStore(options: Kit.options(clock))
        let engine = store.engine
        _ = try engine.createTable(metricsTable())
        _ = try Self.enablePITR(engine)
        for (id, score) in [("a", 3), ("b", 2), ("c", 1)] {
            clock.advance(1)
            try Kit.put(engine, Self.table, Self.metric(id, "student", score: score))
        }
        clock.advance(1)
        _ = try engine.deleteItem(DeleteItemInput(tableName: Self.table, key: Self.key("b", "student")))
        let arn = try #require(try engine.describeTable(DescribeTableInput(tableName: Self.table)).table?.tableArn)
        let output = try engine.restoreTableToPointInTime(RestoreTableToPointInTimeInput(
            sourceTableArn: arn, targetTableName: "latest", useLatestRestorableTime: true))
        #expect(output.tableDescription?.restoreSummary?.restoreDateTime == clock.now)
        #expect(try Self.contents(engine, "latest") == (try Self.contents(engine, Self.table)))
        #expect(try Self.byHealth(engine, "latest") == ["c", "a"])
        #expect(try engine.checkIntegrity().isSound)
    }

    /// Deletions made by TTL are changes like any other: a restore to before them brings the
    /// items back.
    @Test func restoreBringsBackItemsDeletedByTimeToLive() throws {
        let clock = Kit.Clock()
        let store = try TemporaryStore(options: Kit.options(clock))
        let engine = store.engine
        _ = try engine.createTable(metricsTable())
        _ = try Self.enablePITR(engine)
        _ = try engine.updateTimeToLive(UpdateTimeToLiveInput(
            tableName: Self.table, timeToLiveSpecification: TimeToLiveSpecification(enabled: true, attributeName: "expires")))
        var item = Self.metric("a", "student", score: 1)
        item["expires"] = .n(DynamoNumber(Int(clock.now) + 60))
        try Kit.put(engine, Self.table, item)
        clock.advance(30)
        let moment = clock.now
        clock.advance(60)
        #expect(try engine.sweepExpiredItems() == 1)
        #expect(try Self.contents(engine, Self.table).isEmpty)
        _ = try engine.restoreTableToPointInTime(RestoreTableToPointInTimeInput(
            sourceTableName: Self.table, targetTableName: "before-sweep", restoreDateTime: moment))
        #expect(try Self.contents(engine, "before-sweep") == ["a": item])
        #expect(try Self.byHealth(engine, "before-sweep") == ["a"])
    }
}

/// A store reopened, or shared by two engines, keeps and shows everything.
@Suite struct ReopenTests {
    typealias Kit = EngineTestKit

    /// A directory for stores this suite opens and closes itself.
    final class Directory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iops-reopen-\(UUID().uuidString)")
        var path: String { url.appendingPathComponent("store.sqlite").path }
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    @Test func reopeningKeepsTablesItemsStreamsAndSettings() throws {
        let directory = try Directory()
        let clock = Kit.Clock()
        let arn: String
        let enabledAt = clock.now
        do {
            let engine = try EmbeddedEngine(path: directory.path, options: Kit.options(clock))
            _ = try engine.createTable(metricsTable())
            _ = try engine.createTable(Kit.simpleTable("plain-table", gsi: true))
            _ = try engine.updateTimeToLive(UpdateTimeToLiveInput(
                tableName: "plain-table", timeToLiveSpecification: TimeToLiveSpecification(enabled: true, attributeName: "ttl")))
            _ = try RestoreTests.enablePITR(engine)
            try Kit.put(engine, RestoreTests.table, RestoreTests.metric("a", "student", score: 7))
            try Kit.put(engine, "plain-table", ["id": .s("x"), "group": .s("g"), "rank": .n(DynamoNumber(1)),
                                                "ttl": .n(DynamoNumber(Int(clock.now) + 3600))])
            arn = try Kit.streamArn(engine, RestoreTests.table)
        }
        clock.advance(60)
        let engine = try EmbeddedEngine(path: directory.path, options: Kit.options(clock))
        #expect(try engine.listTables(ListTablesInput()).tableNames == ["iops-dashboard-metrics", "plain-table"])
        let table = try #require(try engine.describeTable(DescribeTableInput(tableName: RestoreTests.table)).table)
        #expect(table.latestStreamArn == arn)
        #expect(table.streamSpecification?.streamViewType == .newAndOldImages)
        #expect(table.globalSecondaryIndexes?.count == 2)
        #expect(try RestoreTests.byHealth(engine, RestoreTests.table) == ["a"])
        #expect(try Kit.get(engine, "plain-table", "x")?["rank"] == .n(DynamoNumber(1)))
        #expect(try engine.describeTimeToLive(DescribeTimeToLiveInput(tableName: "plain-table")).timeToLiveDescription
            == TimeToLiveDescription(timeToLiveStatus: .enabled, attributeName: "ttl"))
        #expect(try RestoreTests.pitr(engine)?.earliestRestorableDateTime == enabledAt)
        // The stream continues: old records readable, new ones appended after them.
        try Kit.put(engine, RestoreTests.table, RestoreTests.metric("b", "student", score: 8))
        let records = try Kit.readStream(engine, arn)
        #expect(records.compactMap { $0.dynamodb?.keys?["entity_id"]?.stringValue } == ["a", "b"])
        #expect(Kit.isStrictlyIncreasing(Kit.sequences(records)))
        // And so does point-in-time recovery, across the reopen.
        _ = try engine.restoreTableToPointInTime(RestoreTableToPointInTimeInput(
            sourceTableName: RestoreTests.table, targetTableName: "before-reopen", restoreDateTime: enabledAt + 30))
        #expect(try RestoreTests.contents(engine, "before-reopen").keys.sorted() == ["a"])
        #expect(try engine.checkIntegrity().isSound)
    }

    /// Two engines writing at the same time from two threads: every write lands, and the
    /// stream has each change exactly once, in one increasing order, across shard rotations.
    @Test func concurrentWritersShareOneStream() throws {
        let directory = try Directory()
        let clock = Kit.Clock()
        let options = Kit.options(clock) { $0.shardRotationInterval = 5 }
        let setup = try EmbeddedEngine(path: directory.path, options: options)
        _ = try setup.createTable(Kit.simpleTable("shared", stream: .keysOnly, gsi: true))
        let engines = [try EmbeddedEngine(path: directory.path, options: options),
                       try EmbeddedEngine(path: directory.path, options: options)]
        let perWriter = 150
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: engines.count) { writer in
            for n in 0..<perWriter {
                do {
                    try Kit.put(engines[writer], "shared", ["id": .s("w\(writer)-\(n)"), "group": .s("g"), "rank": .n(DynamoNumber(n))])
                    if n.isMultiple(of: 10) { clock.advance(1) }
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        #expect(try setup.scan(ScanInput(tableName: "shared")).count == 2 * perWriter)
        let records = try Kit.readStream(setup, try Kit.streamArn(setup, "shared"))
        let ids = records.compactMap { $0.dynamodb?.keys?["id"]?.stringValue }
        #expect(ids.count == 2 * perWriter)
        #expect(Set(ids).count == 2 * perWriter)
        #expect(Kit.isStrictlyIncreasing(Kit.sequences(records)))
        // Each writer's own records are in its order.
        for writer in 0..<engines.count {
            #expect(ids.filter { $0.hasPrefix("w\(writer)-") } == (0..<perWriter).map { "w\(writer)-\($0)" })
        }
        #expect(try Kit.shards(setup, try Kit.streamArn(setup, "shared")).count > 1)
        #expect(try setup.checkIntegrity().isSound)
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func append(_ failure: String) { lock.withLock { list.append(failure) } }
        var all: [String] { lock.withLock { list } }
    }

    /// Two engines on one file (as two processes would be): each sees the other's tables,
    /// schema changes and items.
    @Test func twoEnginesOnOneFileSeeEachOther() throws {
        let directory = try Directory()
        let clock = Kit.Clock()
        let first = try EmbeddedEngine(path: directory.path, options: Kit.options(clock))
        let second = try EmbeddedEngine(path: directory.path, options: Kit.options(clock))
        #expect(try second.listTables(ListTablesInput()).tableNames == [])

        _ = try first.createTable(Kit.simpleTable("shared", stream: .newImage, gsi: true))
        _ = try first.describeTable(DescribeTableInput(tableName: "shared"))
        try Kit.put(first, "shared", ["id": .s("from-first"), "group": .s("g"), "rank": .n(DynamoNumber(2))])
        #expect(try second.listTables(ListTablesInput()).tableNames == ["shared"])
        #expect(try Kit.get(second, "shared", "from-first") != nil)

        try Kit.put(second, "shared", ["id": .s("from-second"), "group": .s("g"), "rank": .n(DynamoNumber(1))])
        #expect(try Kit.get(first, "shared", "from-second") != nil)
        let ranked = try first.query(QueryInput(tableName: "shared", indexName: "ByGroup", keyConditionExpression: "#g = :g",
                                                expressionAttributeNames: ["#g": "group"], expressionAttributeValues: [":g": .s("g")]))
        #expect(ranked.items?.compactMap { $0["id"]?.stringValue } == ["from-second", "from-first"])
        #expect(try first.describeTable(DescribeTableInput(tableName: "shared")).table?.itemCount == 2)

        // Settings changed by one are seen by the other.
        _ = try second.updateTimeToLive(UpdateTimeToLiveInput(
            tableName: "shared", timeToLiveSpecification: TimeToLiveSpecification(enabled: true, attributeName: "ttl")))
        #expect(try first.describeTimeToLive(DescribeTimeToLiveInput(tableName: "shared")).timeToLiveDescription?.timeToLiveStatus == .enabled)
        #expect(Kit.code { _ = try first.updateTimeToLive(UpdateTimeToLiveInput(
            tableName: "shared", timeToLiveSpecification: TimeToLiveSpecification(enabled: true, attributeName: "ttl"))) } == .validation)

        // Both engines' writes are in the one stream, in order.
        let arn = try Kit.streamArn(second, "shared")
        for engine in [first, second] {
            let records = try Kit.readStream(engine, arn)
            #expect(records.compactMap { $0.dynamodb?.keys?["id"]?.stringValue } == ["from-first", "from-second"])
        }

        // A table deleted by one is gone for the other; one recreated with another schema is the new one.
        _ = try first.deleteTable(DeleteTableInput(tableName: "shared"))
        #expect(Kit.code { _ = try Kit.get(second, "shared", "from-first") } == .resourceNotFound)
        _ = try second.createTable(CreateTableInput(
            attributeDefinitions: [AttributeDefinition(attributeName: "id", attributeType: .n)], tableName: "shared",
            keySchema: [KeySchemaElement(attributeName: "id", keyType: .hash)], billingMode: .payPerRequest))
        _ = try first.putItem(PutItemInput(tableName: "shared", item: ["id": .n(DynamoNumber(5))]))
        #expect(try second.getItem(GetItemInput(tableName: "shared", key: ["id": .n(DynamoNumber(5))])).item != nil)
        #expect(try first.scan(ScanInput(tableName: "shared")).count == 1)
        #expect(try first.checkIntegrity().isSound)
        #expect(try second.checkIntegrity().isSound)
    }
}

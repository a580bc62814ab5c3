import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import EmbeddedEngine

// MARK: Shared kit (streams, TTL, restore and reopen tests)

/// Helpers for the time-driven tests; namespaced so they cannot clash with other test files.
enum EngineTestKit {
    /// A clock the test moves by hand; the engine reads it through `Options.clock`.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Double

        init(_ start: Double = EngineTestKit.epoch) { value = start }

        var now: Double {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }

        func advance(_ seconds: Double) { lock.withLock { value += seconds } }
    }

    /// 2025-06-15T15:06:40Z: a fixed start, so every run sees the same times.
    static let epoch: Double = 1_750_000_000

    static func options(_ clock: Clock, _ configure: (inout EmbeddedEngine.Options) -> Void = { _ in }) -> EmbeddedEngine.Options {
        var options = EmbeddedEngine.Options()
        options.clock = { clock.now }
        configure(&options)
        return options
    }

    /// The DynamoDB error `body` threw, or nil when it succeeded or threw something else.
    static func error(_ body: () throws -> Void) -> DynamoError? {
        do {
            try body()
            return nil
        } catch let error as DynamoError {
            return error
        } catch {
            return nil
        }
    }

    static func code(_ body: () throws -> Void) -> DynamoError.Code? { error(body)?.code }

    /// A table keyed by `id` (S), optionally with a GSI on `group` (S) + `rank` (N).
    static func simpleTable(_ name: String, stream: StreamViewType? = nil, gsi: Bool = false) -> CreateTableInput {
        var definitions = [AttributeDefinition(attributeName: "id", attributeType: .s)]
        var indexes: [GlobalSecondaryIndex]?
        if gsi {
            definitions += [AttributeDefinition(attributeName: "group", attributeType: .s),
                            AttributeDefinition(attributeName: "rank", attributeType: .n)]
            indexes = [GlobalSecondaryIndex(indexName: "ByGroup",
                                            keySchema: [KeySchemaElement(attributeName: "group", keyType: .hash),
                                                        KeySchemaElement(attributeName: "rank", keyType: .range)],
                                            projection: Projection(projectionType: .all))]
        }
        return CreateTableInput(
            attributeDefinitions: definitions, tableName: name,
            keySchema: [KeySchemaElement(attributeName: "id", keyType: .hash)],
            globalSecondaryIndexes: indexes, billingMode: .payPerRequest,
            streamSpecification: stream.map { StreamSpecification(streamEnabled: true, streamViewType: $0) })
    }

    static func put(_ engine: EmbeddedEngine, _ table: String, _ item: Item) throws {
        _ = try engine.putItem(PutItemInput(tableName: table, item: item))
    }

    static func get(_ engine: EmbeddedEngine, _ table: String, _ id: String) throws -> Item? {
        try engine.getItem(GetItemInput(tableName: table, key: ["id": .s(id)])).item
    }

    static func streamArn(_ engine: EmbeddedEngine, _ table: String) throws -> String {
        try #require(try engine.describeTable(DescribeTableInput(tableName: table)).table?.latestStreamArn)
    }

    static func shards(_ engine: EmbeddedEngine, _ arn: String) throws -> [Shard] {
        var shards: [Shard] = []
        var start: String?
        repeat {
            let page = try engine.describeStream(DescribeStreamInput(streamArn: arn, limit: 2, exclusiveStartShardId: start))
            shards += page.streamDescription?.shards ?? []
            start = page.streamDescription?.lastEvaluatedShardId
        } while start != nil
        return shards
    }

    static func iterator(_ engine: EmbeddedEngine, _ arn: String, _ shard: String,
                         _ type: ShardIteratorType = .trimHorizon, sequence: String? = nil) throws -> String {
        try #require(try engine.getShardIterator(GetShardIteratorInput(
            streamArn: arn, shardId: shard, shardIteratorType: type, sequenceNumber: sequence)).shardIterator)
    }

    /// Reads a shard from `iterator` until a page is empty while the shard is open, or until
    /// a closed shard ends (no NextShardIterator). Returns the records and the last iterator
    /// (nil when the shard ended).
    static func drain(_ engine: EmbeddedEngine, from iterator: String, limit: Int? = nil) throws -> (records: [Record], next: String?) {
        var records: [Record] = []
        var current: String? = iterator
        while let position = current {
            let page = try engine.getRecords(GetRecordsInput(shardIterator: position, limit: limit))
            let got = page.records ?? []
            records += got
            current = page.nextShardIterator
            if got.isEmpty { break }
        }
        return (records, current)
    }

    /// Every record of a stream, following shards from parents to children.
    static func readStream(_ engine: EmbeddedEngine, _ arn: String, limit: Int? = nil) throws -> [Record] {
        let shards = try shards(engine, arn)
        var ordered: [Shard] = shards.filter { shard in !shards.contains { $0.shardId == shard.parentShardId } }
        var index = 0
        while index < ordered.count {
            let parent = ordered[index].shardId
            ordered += shards.filter { $0.parentShardId == parent }
            index += 1
        }
        var records: [Record] = []
        for shard in ordered {
            records += try drain(engine, from: try iterator(engine, arn, try #require(shard.shardId)), limit: limit).records
        }
        return records
    }

    /// Sequence numbers are decimal strings: compare them as numbers.
    static func sequenceLess(_ a: String, _ b: String) -> Bool {
        let x = a.drop { $0 == "0" }, y = b.drop { $0 == "0" }
        return x.count != y.count ? x.count < y.count : x < y
    }

    /// The single element, or nil when there are none or several.
    static func sole<T>(_ elements: [T]?) -> T? { elements?.count == 1 ? elements?.first : nil }

    static func sequences(_ records: [Record]) -> [String] { records.compactMap { $0.dynamodb?.sequenceNumber } }

    static func isStrictlyIncreasing(_ sequences: [String]) -> Bool {
        zip(sequences, sequences.dropFirst()).allSatisfy { sequenceLess($0, $1) }
    }
}

// MARK: Stream tests

@Suite struct StreamTests {
    typealias Kit = EngineTestKit

    /// A store whose shards never rotate on their own, unless a test asks.
    static func makeStore(_ clock: Kit.Clock, rotation: Double = 1e9) throws -> TemporaryStore {
        try TemporaryStore(options: Kit.options(clock) { $0.shardRotationInterval = rotation })
    }

    @Test(arguments: [StreamViewType.keysOnly, .newImage, .oldImage, .newAndOldImages])
    func insertModifyRemoveCarryTheImagesOfTheViewType(_ viewType: StreamViewType) throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: viewType))
        let v1: Item = ["id": .s("a"), "v": .n(DynamoNumber(1)), "tags": .ss(["x"])]
        try Kit.put(engine, "tbl", v1)
        clock.advance(1.75)
        _ = try engine.updateItem(UpdateItemInput(tableName: "tbl", key: ["id": .s("a")], updateExpression: "SET v = :v REMOVE tags",
                                                  expressionAttributeValues: [":v": .n(DynamoNumber(2))]))
        let v2: Item = ["id": .s("a"), "v": .n(DynamoNumber(2))]
        clock.advance(1)
        _ = try engine.deleteItem(DeleteItemInput(tableName: "tbl", key: ["id": .s("a")]))

        let records = try Kit.readStream(engine, try Kit.streamArn(engine, "tbl"))
        #expect(records.map(\.eventName) == [.insert, .modify, .remove])
        #expect(Kit.isStrictlyIncreasing(Kit.sequences(records)))
        #expect(Set(records.compactMap(\.eventID)).count == 3)
        let withNew = viewType == .newImage || viewType == .newAndOldImages
        let withOld = viewType == .oldImage || viewType == .newAndOldImages
        let expectedNew: [Item?] = withNew ? [v1, v2, nil] : [nil, nil, nil]
        let expectedOld: [Item?] = withOld ? [nil, v1, v2] : [nil, nil, nil]
        for (position, record) in records.enumerated() {
            let body = try #require(record.dynamodb)
            #expect(body.keys == ["id": .s("a")])
            #expect(body.newImage == expectedNew[position], "NewImage of record \(position) for \(viewType)")
            #expect(body.oldImage == expectedOld[position], "OldImage of record \(position) for \(viewType)")
            #expect(body.streamViewType == viewType)
            #expect((body.sizeBytes ?? 0) > 0)
            #expect(record.eventSource == "aws:dynamodb")
            #expect(record.eventVersion == "1.1")
            #expect(record.awsRegion == "local")
            #expect(record.userIdentity == nil)
            #expect(record.json["userIdentity"] == nil)
        }
        // ApproximateCreationDateTime: when the change was made, to the second.
        #expect(records.map { $0.dynamodb?.approximateCreationDateTime } == [Kit.epoch, Kit.epoch + 1, Kit.epoch + 2])
    }

    @Test func describeStreamDescribesTheStream() throws {
        let clock = Kit.Clock(Kit.epoch + 0.25)
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(metricsTable())
        let table = try #require(try engine.describeTable(DescribeTableInput(tableName: "iops-dashboard-metrics")).table)
        let arn = try #require(table.latestStreamArn)
        let label = try #require(table.latestStreamLabel)
        #expect(arn == "\(table.tableArn!)/stream/\(label)")
        #expect(label == "2025-06-15T15:06:40.250")
        #expect(table.streamSpecification == StreamSpecification(streamEnabled: true, streamViewType: .newAndOldImages))
        let description = try #require(try engine.describeStream(DescribeStreamInput(streamArn: arn)).streamDescription)
        #expect(description.streamStatus == .enabled)
        #expect(description.streamViewType == .newAndOldImages)
        #expect(description.tableName == "iops-dashboard-metrics")
        #expect(description.streamLabel == label)
        #expect(description.keySchema == [KeySchemaElement(attributeName: "entity_id", keyType: .hash),
                                          KeySchemaElement(attributeName: "entity_type", keyType: .range)])
        #expect(description.creationRequestDateTime.map { abs($0 - clock.now) < 0.01 } == true)
        let shard = try #require(Kit.sole(description.shards))
        #expect(shard.parentShardId == nil)
        #expect(shard.sequenceNumberRange?.startingSequenceNumber != nil)
        #expect(shard.sequenceNumberRange?.endingSequenceNumber == nil)
        #expect(Kit.code { _ = try engine.describeStream(DescribeStreamInput(streamArn: arn + "x")) } == .resourceNotFound)
        #expect(Kit.code { _ = try engine.getShardIterator(GetShardIteratorInput(
            streamArn: arn, shardId: "shardId-00000000000000000000-00000000", shardIteratorType: .trimHorizon)) } == .resourceNotFound)
    }

    /// DynamoDB writes no stream record for a write that leaves the item as it was.
    @Test func writesThatChangeNothingEmitNoRecord() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .newAndOldImages, gsi: true))
        let item: Item = ["id": .s("a"), "group": .s("g"), "rank": .n(DynamoNumber(1)), "m": .m(["x": .l([.s("y")])])]
        try Kit.put(engine, "tbl", item)
        // The identical item again, with the number spelled differently.
        try Kit.put(engine, "tbl", ["id": .s("a"), "group": .s("g"), "rank": .n(try DynamoNumber("1.000")), "m": .m(["x": .l([.s("y")])])])
        // An update setting the values it already has.
        _ = try engine.updateItem(UpdateItemInput(tableName: "tbl", key: ["id": .s("a")], updateExpression: "SET #r = :r, #g = :g",
                                                  expressionAttributeNames: ["#r": "rank", "#g": "group"],
                                                  expressionAttributeValues: [":r": .n(try DynamoNumber("10E-1")), ":g": .s("g")]))
        // Removing an attribute the item does not have.
        _ = try engine.updateItem(UpdateItemInput(tableName: "tbl", key: ["id": .s("a")], updateExpression: "REMOVE #gone",
                                                  expressionAttributeNames: ["#gone": "not_there"]))
        // Deleting an item that does not exist; a write whose condition fails.
        _ = try engine.deleteItem(DeleteItemInput(tableName: "tbl", key: ["id": .s("nobody")]))
        try Kit.put(engine, "tbl", ["id": .s("a")]) // a real change: MODIFY
        #expect(Kit.code {
            _ = try engine.putItem(PutItemInput(tableName: "tbl", item: ["id": .s("a"), "v": .s("new")],
                                                conditionExpression: "attribute_not_exists(id)"))
        } == .conditionalCheckFailed)
        let records = try Kit.readStream(engine, try Kit.streamArn(engine, "tbl"))
        // Only the INSERT and the put that replaced the item with just its key.
        #expect(records.map(\.eventName) == [.insert, .modify])
        #expect(records.last?.dynamodb?.newImage == ["id": .s("a")])
        #expect(try engine.checkIntegrity().isSound)
    }

    /// Batch writes and transactions emit one record per changed item; a cancelled
    /// transaction emits none. An update that creates the item is an INSERT.
    @Test func batchesAndTransactionsEmitOneRecordPerChange() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .newAndOldImages))
        _ = try engine.batchWriteItem(BatchWriteItemInput(requestItems: ["tbl": [
            WriteRequest(putRequest: PutRequest(item: ["id": .s("a")])),
            WriteRequest(putRequest: PutRequest(item: ["id": .s("b")])),
            WriteRequest(deleteRequest: DeleteRequest(key: ["id": .s("never-there")])),
        ]]))
        _ = try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
            TransactWriteItem(put: Put(item: ["id": .s("c")], tableName: "tbl")),
            TransactWriteItem(update: Update(key: ["id": .s("a")], updateExpression: "SET v = :v", tableName: "tbl",
                                             expressionAttributeValues: [":v": .n(DynamoNumber(1))])),
            TransactWriteItem(delete: Delete(key: ["id": .s("b")], tableName: "tbl")),
        ]))
        #expect(Kit.code {
            _ = try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
                TransactWriteItem(put: Put(item: ["id": .s("d")], tableName: "tbl")),
                TransactWriteItem(conditionCheck: ConditionCheck(key: ["id": .s("a")], tableName: "tbl",
                                                                 conditionExpression: "attribute_not_exists(id)")),
            ]))
        } == .transactionCanceled)
        _ = try engine.updateItem(UpdateItemInput(tableName: "tbl", key: ["id": .s("e")], updateExpression: "SET v = :v",
                                                  expressionAttributeValues: [":v": .n(DynamoNumber(5))]))
        let records = try Kit.readStream(engine, try Kit.streamArn(engine, "tbl"))
        let summary = records.map { "\($0.eventName?.rawValue ?? "?") \($0.dynamodb?.keys?["id"]?.stringValue ?? "?")" }
        #expect(summary.count == 6, "\(summary)")
        #expect(Set(summary.prefix(2)) == ["INSERT a", "INSERT b"])
        #expect(Set(summary.dropFirst(2).prefix(3)) == ["INSERT c", "MODIFY a", "REMOVE b"])
        #expect(summary.last == "INSERT e")
        #expect(records.last?.dynamodb?.newImage == ["id": .s("e"), "v": .n(DynamoNumber(5))])
        #expect(records.last?.dynamodb?.oldImage == nil)
        #expect(Kit.isStrictlyIncreasing(Kit.sequences(records)))
    }

    @Test func latestIteratorSeesOnlyLaterWrites() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .keysOnly))
        _ = try engine.createTable(Kit.simpleTable("other", stream: .keysOnly))
        for id in ["a", "b", "c"] { try Kit.put(engine, "tbl", ["id": .s(id)]) }
        let arn = try Kit.streamArn(engine, "tbl")
        let shard = try #require(try Kit.shards(engine, arn).first?.shardId)
        let latest = try Kit.iterator(engine, arn, shard, .latest)
        let first = try engine.getRecords(GetRecordsInput(shardIterator: latest))
        #expect(first.records?.isEmpty == true)
        let next = try #require(first.nextShardIterator)
        // Writes to another table in between move the global sequence on; they must not show.
        try Kit.put(engine, "other", ["id": .s("z")])
        for id in ["d", "e"] { try Kit.put(engine, "tbl", ["id": .s(id)]) }
        let later = try Kit.drain(engine, from: next)
        #expect(later.records.compactMap { $0.dynamodb?.keys?["id"]?.stringValue } == ["d", "e"])
        #expect(later.next != nil) // the shard is open: the reader keeps an iterator
        // The original LATEST iterator, used after the writes, sees them too.
        #expect(try Kit.drain(engine, from: latest).records.count == 2)
    }

    @Test func atAndAfterSequenceNumber() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .keysOnly))
        for id in ["a", "b", "c", "d", "e"] { try Kit.put(engine, "tbl", ["id": .s(id)]) }
        let arn = try Kit.streamArn(engine, "tbl")
        let shard = try #require(try Kit.shards(engine, arn).first?.shardId)
        let all = try Kit.drain(engine, from: try Kit.iterator(engine, arn, shard)).records
        let sequence = try #require(all[2].dynamodb?.sequenceNumber)
        func ids(_ type: ShardIteratorType) throws -> [String] {
            try Kit.drain(engine, from: try Kit.iterator(engine, arn, shard, type, sequence: sequence)).records
                .compactMap { $0.dynamodb?.keys?["id"]?.stringValue }
        }
        #expect(try ids(.atSequenceNumber) == ["c", "d", "e"])
        #expect(try ids(.afterSequenceNumber) == ["d", "e"])
        #expect(Kit.code { _ = try Kit.iterator(engine, arn, shard, .atSequenceNumber) } == .validation)
        #expect(Kit.code { _ = try Kit.iterator(engine, arn, shard, .afterSequenceNumber, sequence: "not a number") } == .validation)
        #expect(Kit.code { _ = try Kit.iterator(engine, arn, shard, .atSequenceNumber, sequence: "0") } == .validation)
        #expect(Kit.code { _ = try engine.getRecords(GetRecordsInput(shardIterator: "garbage")) } == .validation)
    }

    @Test func limitPagesThroughRecordsInOrder() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .newImage))
        for n in 0..<10 { try Kit.put(engine, "tbl", ["id": .s("k\(n)"), "n": .n(DynamoNumber(n))]) }
        let arn = try Kit.streamArn(engine, "tbl")
        let shard = try #require(try Kit.shards(engine, arn).first?.shardId)
        var position = try Kit.iterator(engine, arn, shard)
        var sizes: [Int] = []
        var numbers: [Int] = []
        for _ in 0..<5 {
            let page = try engine.getRecords(GetRecordsInput(shardIterator: position, limit: 3))
            sizes.append(page.records?.count ?? 0)
            numbers += (page.records ?? []).compactMap { $0.dynamodb?.newImage?["n"]?.numberValue?.intValue }
            position = try #require(page.nextShardIterator)
        }
        #expect(sizes == [3, 3, 3, 1, 0])
        #expect(numbers == Array(0..<10))
        for bad in [0, 1001, -1] {
            #expect(Kit.code { _ = try engine.getRecords(GetRecordsInput(shardIterator: position, limit: bad)) } == .validation)
        }
    }

    @Test func iteratorsExpireAfterFifteenMinutes() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .keysOnly))
        try Kit.put(engine, "tbl", ["id": .s("a")])
        let arn = try Kit.streamArn(engine, "tbl")
        let shard = try #require(try Kit.shards(engine, arn).first?.shardId)
        let original = try Kit.iterator(engine, arn, shard)
        clock.advance(14 * 60 + 59)
        let page = try engine.getRecords(GetRecordsInput(shardIterator: original))
        #expect(page.records?.count == 1)
        let next = try #require(page.nextShardIterator)
        clock.advance(2) // 15 min 1 s after the original was issued, 2 s after `next`
        let expired = Kit.error { _ = try engine.getRecords(GetRecordsInput(shardIterator: original)) }
        #expect(expired?.code == .expiredIterator)
        #expect(expired?.code.rawValue == "ExpiredIteratorException")
        #expect(try engine.getRecords(GetRecordsInput(shardIterator: next)).records?.isEmpty == true)
        clock.advance(15 * 60)
        #expect(Kit.code { _ = try engine.getRecords(GetRecordsInput(shardIterator: next)) } == .expiredIterator)
    }

    @Test func recordsOlderThanADayAreNotReturned() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .keysOnly))
        try Kit.put(engine, "tbl", ["id": .s("old")])
        clock.advance(23 * 3600)
        try Kit.put(engine, "tbl", ["id": .s("new")])
        let arn = try Kit.streamArn(engine, "tbl")
        #expect(try Kit.readStream(engine, arn).count == 2)
        clock.advance(3600 + 1) // "old" is now 24 h 1 s old, "new" 1 h 1 s
        #expect(try Kit.readStream(engine, arn).compactMap { $0.dynamodb?.keys?["id"]?.stringValue } == ["new"])
        // Trimming the change log (done by the sweep) keeps what is still readable.
        try engine.sweepExpiredItems()
        #expect(try Kit.readStream(engine, arn).compactMap { $0.dynamodb?.keys?["id"]?.stringValue } == ["new"])
        clock.advance(24 * 3600)
        #expect(try Kit.readStream(engine, arn).isEmpty)
    }

    /// A shard older than the rotation interval is closed by the next write and a child
    /// continues it.
    @Test func shardsRotateAfterTheInterval() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock, rotation: 3600)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .keysOnly))
        for id in ["a", "b", "c"] { try Kit.put(engine, "tbl", ["id": .s(id)]) }
        let arn = try Kit.streamArn(engine, "tbl")
        let parentID = try #require(Kit.sole(try Kit.shards(engine, arn))?.shardId)
        // A reader that has caught up with the open shard.
        let caughtUp = try Kit.drain(engine, from: try Kit.iterator(engine, arn, parentID))
        #expect(caughtUp.records.count == 3)
        #expect(caughtUp.next != nil)
        let lastRead = try #require(caughtUp.records.last?.dynamodb?.sequenceNumber)

        clock.advance(3599)
        try Kit.put(engine, "tbl", ["id": .s("d")]) // still within the interval: same shard
        #expect(try Kit.shards(engine, arn).count == 1)
        clock.advance(2)
        for id in ["e", "f"] { try Kit.put(engine, "tbl", ["id": .s(id)]) }
        // The reader's iterator has expired meanwhile; it resumes after the last record it read.
        let readerPosition = try Kit.iterator(engine, arn, parentID, .afterSequenceNumber, sequence: lastRead)

        let shards = try Kit.shards(engine, arn)
        #expect(shards.count == 2)
        let parent = try #require(shards.first { $0.shardId == parentID })
        let child = try #require(shards.first { $0.shardId != parentID })
        #expect(child.parentShardId == parentID)
        let parentEnd = try #require(parent.sequenceNumberRange?.endingSequenceNumber)
        let childStart = try #require(child.sequenceNumberRange?.startingSequenceNumber)
        #expect(Kit.sequenceLess(parentEnd, childStart))
        #expect(child.sequenceNumberRange?.endingSequenceNumber == nil)

        // The reader continues in the parent, gets "d", then the parent ends: no iterator.
        let rest = try Kit.drain(engine, from: readerPosition)
        #expect(rest.records.compactMap { $0.dynamodb?.keys?["id"]?.stringValue } == ["d"])
        #expect(rest.next == nil)
        let childRecords = try Kit.drain(engine, from: try Kit.iterator(engine, arn, try #require(child.shardId)))
        #expect(childRecords.records.compactMap { $0.dynamodb?.keys?["id"]?.stringValue } == ["e", "f"])
        #expect(childRecords.next != nil)

        let all = try Kit.readStream(engine, arn)
        #expect(all.compactMap { $0.dynamodb?.keys?["id"]?.stringValue } == ["a", "b", "c", "d", "e", "f"])
        #expect(Kit.isStrictlyIncreasing(Kit.sequences(all)))
        // Records up to the parent's end are the parent's, the rest the child's.
        #expect(all.filter { !Kit.sequenceLess(parentEnd, $0.dynamodb?.sequenceNumber ?? "") }.count == 4)
    }

    @Test func splitClosesTheShardAndReadersSeeEveryRecordOnce() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .newImage))
        _ = try engine.createTable(Kit.simpleTable("plain"))
        #expect(Kit.code { try engine.splitStreamShards(tableName: "plain") } == .validation)
        #expect(Kit.code { try engine.splitStreamShards(tableName: "missing") } == .resourceNotFound)

        var written: [String] = []
        for generation in 0..<4 {
            for n in 0..<5 {
                let id = "g\(generation)-\(n)"
                try Kit.put(engine, "tbl", ["id": .s(id)])
                written.append(id)
            }
            clock.advance(10)
            try engine.splitStreamShards(tableName: "tbl")
        }
        try Kit.put(engine, "tbl", ["id": .s("last")])
        written.append("last")

        let arn = try Kit.streamArn(engine, "tbl")
        let shards = try Kit.shards(engine, arn)
        #expect(shards.count == 5)
        // One chain: each shard but the first has the previous one as parent; all but the
        // last are closed.
        for (previous, shard) in zip(shards, shards.dropFirst()) {
            #expect(shard.parentShardId == previous.shardId)
            #expect(previous.sequenceNumberRange?.endingSequenceNumber != nil)
        }
        #expect(shards.last?.sequenceNumberRange?.endingSequenceNumber == nil)
        #expect(Set(shards.compactMap(\.shardId)).count == 5)

        // ShardFilter CHILD_SHARDS finds the child of a shard.
        let children = try engine.describeStream(DescribeStreamInput(
            streamArn: arn, shardFilter: ShardFilter(type: .childShards, shardId: shards[1].shardId)))
        #expect(children.streamDescription?.shards?.map(\.shardId) == [shards[2].shardId])

        for limit in [nil, 1, 2, 7] {
            let records = try Kit.readStream(engine, arn, limit: limit)
            #expect(records.compactMap { $0.dynamodb?.keys?["id"]?.stringValue } == written, "limit \(String(describing: limit))")
            #expect(Kit.isStrictlyIncreasing(Kit.sequences(records)))
        }

        // Draining a closed shard: the last page has no NextShardIterator at all, not even on the wire.
        var position: String? = try Kit.iterator(engine, arn, try #require(shards[0].shardId))
        var last: GetRecordsOutput?
        while let current = position {
            last = try engine.getRecords(GetRecordsInput(shardIterator: current, limit: 2))
            position = last?.nextShardIterator
        }
        let final = try #require(last)
        #expect(final.nextShardIterator == nil)
        #expect(final.json["NextShardIterator"] == nil)
        #expect(!final.json.compactText.contains("NextShardIterator"))
        // LATEST on a closed shard: nothing, and no iterator.
        let latestOnClosed = try engine.getRecords(GetRecordsInput(shardIterator: try Kit.iterator(engine, arn, try #require(shards[0].shardId), .latest)))
        #expect(latestOnClosed.records?.isEmpty == true)
        #expect(latestOnClosed.nextShardIterator == nil)
    }

    @Test func disablingTheStreamClosesTheShardAndReenablingStartsANewStream() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .keysOnly))
        try Kit.put(engine, "tbl", ["id": .s("a")])
        let oldArn = try Kit.streamArn(engine, "tbl")
        let reader = try Kit.iterator(engine, oldArn, try #require(Kit.sole(try Kit.shards(engine, oldArn))?.shardId))

        clock.advance(60)
        let disabled = try engine.updateTable(UpdateTableInput(tableName: "tbl", streamSpecification: StreamSpecification(streamEnabled: false)))
        #expect(disabled.tableDescription?.streamSpecification == nil)
        #expect(disabled.tableDescription?.latestStreamArn == oldArn)
        try Kit.put(engine, "tbl", ["id": .s("after-disable")])

        let description = try #require(try engine.describeStream(DescribeStreamInput(streamArn: oldArn)).streamDescription)
        #expect(description.streamStatus == .disabled)
        let closed = try #require(Kit.sole(description.shards))
        #expect(closed.sequenceNumberRange?.endingSequenceNumber != nil)
        let drained = try Kit.drain(engine, from: reader)
        #expect(drained.records.compactMap { $0.dynamodb?.keys?["id"]?.stringValue } == ["a"])
        #expect(drained.next == nil)
        #expect(Kit.code {
            _ = try engine.updateTable(UpdateTableInput(tableName: "tbl", streamSpecification: StreamSpecification(streamEnabled: false)))
        } == .validation)

        clock.advance(60)
        let enabled = try engine.updateTable(UpdateTableInput(
            tableName: "tbl", streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .newImage)))
        let newArn = try #require(enabled.tableDescription?.latestStreamArn)
        #expect(newArn != oldArn)
        #expect(enabled.tableDescription?.streamSpecification == StreamSpecification(streamEnabled: true, streamViewType: .newImage))
        #expect(Kit.code {
            _ = try engine.updateTable(UpdateTableInput(
                tableName: "tbl", streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .newImage)))
        } == .validation)
        try Kit.put(engine, "tbl", ["id": .s("b")])
        let newShard = try #require(Kit.sole(try Kit.shards(engine, newArn)))
        #expect(newShard.parentShardId == nil)
        let records = try Kit.readStream(engine, newArn)
        #expect(records.compactMap { $0.dynamodb?.keys?["id"]?.stringValue } == ["b"])
        #expect(records.first?.dynamodb?.newImage == ["id": .s("b")])
        #expect(try engine.listStreams(ListStreamsInput(tableName: "tbl")).streams?.map(\.streamArn).contains(newArn) == true)

        // DynamoDB keeps a disabled stream readable for 24 hours, also after a new one is enabled.
        let old = try engine.describeStream(DescribeStreamInput(streamArn: oldArn))
        #expect(old.streamDescription?.streamStatus == .disabled)
        #expect(try engine.listStreams(ListStreamsInput(tableName: "tbl")).streams?.count == 2)
        // …and forgets it after that.
        clock.advance(24 * 3600 + 1)
        _ = try engine.sweepExpiredItems()
        #expect(Kit.code { _ = try engine.describeStream(DescribeStreamInput(streamArn: oldArn)) } == .resourceNotFound)
        #expect(try engine.listStreams(ListStreamsInput(tableName: "tbl")).streams?.map(\.streamArn) == [newArn])
    }

    @Test func listStreamsListsStreamsAndPages() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        for name in ["alpha", "beta", "gamma"] {
            _ = try engine.createTable(Kit.simpleTable(name, stream: .keysOnly))
            clock.advance(1)
        }
        _ = try engine.createTable(Kit.simpleTable("nostream"))
        let all = try #require(try engine.listStreams(ListStreamsInput()).streams)
        #expect(all.compactMap(\.tableName).sorted() == ["alpha", "beta", "gamma"])
        for stream in all {
            #expect(stream.streamArn == (try Kit.streamArn(engine, stream.tableName!)))
            #expect(stream.streamLabel.map { stream.streamArn!.hasSuffix("/stream/" + $0) } == true)
        }
        #expect(try engine.listStreams(ListStreamsInput(tableName: "beta")).streams?.map(\.tableName) == ["beta"])
        #expect(try engine.listStreams(ListStreamsInput(tableName: "nostream")).streams?.isEmpty == true)

        var paged: [String] = []
        var start: String?
        repeat {
            let page = try engine.listStreams(ListStreamsInput(limit: 1, exclusiveStartStreamArn: start))
            #expect((page.streams?.count ?? 0) <= 1)
            paged += page.streams?.compactMap(\.streamArn) ?? []
            start = page.lastEvaluatedStreamArn
        } while start != nil
        #expect(paged == all.compactMap(\.streamArn))

        // Limit is 1…100 for both ListStreams and DescribeStream.
        let arn = try Kit.streamArn(engine, "alpha")
        for bad in [0, -1, 101] {
            #expect(Kit.code { _ = try engine.listStreams(ListStreamsInput(limit: bad)) } == .validation, "ListStreams limit \(bad)")
            #expect(Kit.code { _ = try engine.describeStream(DescribeStreamInput(streamArn: arn, limit: bad)) } == .validation,
                    "DescribeStream limit \(bad)")
        }
    }

    /// DeleteTable disables the stream; DynamoDB keeps it readable for 24 hours.
    @Test func deletingTheTableKeepsTheStreamReadable() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .keysOnly))
        try Kit.put(engine, "tbl", ["id": .s("a")])
        let arn = try Kit.streamArn(engine, "tbl")
        _ = try engine.deleteTable(DeleteTableInput(tableName: "tbl"))
        let description = try engine.describeStream(DescribeStreamInput(streamArn: arn))
        #expect(description.streamDescription?.streamStatus == .disabled)
        #expect(try Kit.readStream(engine, arn).count == 1)
        #expect(try engine.listStreams(ListStreamsInput()).streams?.map(\.streamArn) == [arn])
    }

    /// Re-enabling within the same millisecond still gives a new, distinct stream.
    @Test func reenablingAtTheSameInstantGivesADistinctStream() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("tbl", stream: .keysOnly))
        let first = try Kit.streamArn(engine, "tbl")
        _ = try engine.updateTable(UpdateTableInput(tableName: "tbl", streamSpecification: StreamSpecification(streamEnabled: false)))
        _ = try engine.updateTable(UpdateTableInput(
            tableName: "tbl", streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .keysOnly)))
        let second = try Kit.streamArn(engine, "tbl")
        #expect(first != second)
        #expect(try engine.listStreams(ListStreamsInput(tableName: "tbl")).streams?.count == 2)
    }

    /// Stream records survive reopening the store; a reader continues with new writes.
    @Test func streamsSurviveReopening() throws {
        let clock = Kit.Clock()
        let store = try Self.makeStore(clock)
        _ = try store.engine.createTable(Kit.simpleTable("tbl", stream: .newAndOldImages))
        try Kit.put(store.engine, "tbl", ["id": .s("a")])
        let arn = try Kit.streamArn(store.engine, "tbl")
        let reopened = try EmbeddedEngine(path: store.engine.path, options: Kit.options(clock) { $0.shardRotationInterval = 1e9 })
        #expect(try Kit.streamArn(reopened, "tbl") == arn)
        try Kit.put(reopened, "tbl", ["id": .s("b")])
        let records = try Kit.readStream(reopened, arn)
        #expect(records.compactMap { $0.dynamodb?.keys?["id"]?.stringValue } == ["a", "b"])
        #expect(try Kit.readStream(store.engine, arn).count == 2)
        // An iterator issued by one engine is understood by the other.
        let shard = try #require(Kit.sole(try Kit.shards(store.engine, arn))?.shardId)
        #expect(try Kit.drain(reopened, from: try Kit.iterator(store.engine, arn, shard)).records.count == 2)
    }
}


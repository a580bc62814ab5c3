import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import EmbeddedEngine

@Suite struct TimeToLiveTests {
    typealias Kit = EngineTestKit
    static let year: Double = 365 * 86_400

    static func setTTL(_ engine: EmbeddedEngine, _ table: String, _ attribute: String, enabled: Bool = true) throws -> UpdateTimeToLiveOutput {
        try engine.updateTimeToLive(UpdateTimeToLiveInput(
            tableName: table, timeToLiveSpecification: TimeToLiveSpecification(enabled: enabled, attributeName: attribute)))
    }

    static func ttlDescription(_ engine: EmbeddedEngine, _ table: String) throws -> TimeToLiveDescription? {
        try engine.describeTimeToLive(DescribeTimeToLiveInput(tableName: table)).timeToLiveDescription
    }

    static func seconds(_ time: Double) -> AttributeValue { .n(DynamoNumber(Int(time))) }

    @Test func updateAndDescribeTimeToLive() throws {
        let store = try TemporaryStore(options: Kit.options(Kit.Clock()))
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("ttl-table"))
        #expect(try Self.ttlDescription(engine, "ttl-table") == TimeToLiveDescription(timeToLiveStatus: .disabled))

        let output = try Self.setTTL(engine, "ttl-table", "expires")
        #expect(output.timeToLiveSpecification == TimeToLiveSpecification(enabled: true, attributeName: "expires"))
        #expect(try Self.ttlDescription(engine, "ttl-table") == TimeToLiveDescription(timeToLiveStatus: .enabled, attributeName: "expires"))

        // Enabling again, with the same or another attribute, is refused.
        let again = Kit.error { _ = try Self.setTTL(engine, "ttl-table", "expires") }
        #expect(again?.code == .validation)
        #expect(again?.message == "TimeToLive is already enabled")
        #expect(Kit.code { _ = try Self.setTTL(engine, "ttl-table", "other") } == .validation)
        // Disabling names the attribute in use.
        #expect(Kit.code { _ = try Self.setTTL(engine, "ttl-table", "other", enabled: false) } == .validation)
        _ = try Self.setTTL(engine, "ttl-table", "expires", enabled: false)
        #expect(try Self.ttlDescription(engine, "ttl-table")?.timeToLiveStatus == .disabled)
        #expect(Kit.code { _ = try Self.setTTL(engine, "ttl-table", "expires", enabled: false) } == .validation)

        #expect(Kit.code { _ = try Self.setTTL(engine, "ttl-table", "") } == .validation)
        #expect(Kit.code { _ = try Self.setTTL(engine, "missing", "expires") } == .resourceNotFound)
        #expect(Kit.code { _ = try Self.ttlDescription(engine, "missing") } == .resourceNotFound)
    }

    /// The sweep deletes exactly the items DynamoDB would: a Number TTL in the past, but not
    /// more than five years past; never a TTL in the future, in milliseconds, or not a Number.
    @Test func sweepDeletesExactlyTheExpiredItems() throws {
        let clock = Kit.Clock()
        let store = try TemporaryStore(options: Kit.options(clock) { $0.shardRotationInterval = 1e9 })
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("ttl-table", stream: .newAndOldImages, gsi: true))
        _ = try Self.setTTL(engine, "ttl-table", "expires")
        let now = clock.now
        let items: [String: AttributeValue?] = [
            "past": Self.seconds(now - 60),
            "just-past": .n(try DynamoNumber("\(Int(now) - 1).5")),
            "four-years-past": Self.seconds(now - 4 * Self.year),
            "future": Self.seconds(now + 60),
            "string": .s(String(Int(now - 60))),
            "milliseconds": Self.seconds((now - 60) * 1000),
            "six-years-past": Self.seconds(now - 6 * Self.year),
            "number-set": .ns([DynamoNumber(Int(now - 60))]),
            "list": .l([Self.seconds(now - 60)]),
            "no-ttl": nil,
        ]
        for (id, ttl) in items {
            var item: Item = ["id": .s(id), "group": .s("g"), "rank": .n(DynamoNumber(id.count))]
            if let ttl { item["expires"] = ttl }
            try Kit.put(engine, "ttl-table", item)
        }
        let expired: Set<String> = ["past", "just-past", "four-years-past"]

        // Expired but not yet swept: still returned by GetItem, Query and Scan, as on DynamoDB.
        for id in expired { #expect(try Kit.get(engine, "ttl-table", id) != nil) }
        #expect(try engine.scan(ScanInput(tableName: "ttl-table")).count == items.count)
        #expect(try Self.groupIDs(engine).count == items.count)

        #expect(try engine.sweepExpiredItems() == expired.count)
        for id in items.keys {
            #expect((try Kit.get(engine, "ttl-table", id) == nil) == expired.contains(id), "\(id)")
        }
        #expect(try Self.groupIDs(engine) == Set(items.keys).subtracting(expired))
        #expect(try engine.checkIntegrity().isSound)
        #expect(try engine.sweepExpiredItems() == 0)

        // Time passes: the item that was in the future expires too.
        clock.advance(61)
        #expect(try engine.sweepExpiredItems() == 1)
        #expect(try Kit.get(engine, "ttl-table", "future") == nil)
        #expect(try engine.checkIntegrity().isSound)
    }

    static func groupIDs(_ engine: EmbeddedEngine) throws -> Set<String> {
        Set(try engine.query(QueryInput(tableName: "ttl-table", indexName: "ByGroup", keyConditionExpression: "#g = :g",
                                        expressionAttributeNames: ["#g": "group"], expressionAttributeValues: [":g": .s("g")]))
            .items?.compactMap { $0["id"]?.stringValue } ?? [])
    }

    /// A TTL deletion is a REMOVE stream record made by the service, and says so.
    @Test func sweepEmitsServiceRemoveRecords() throws {
        let clock = Kit.Clock()
        let store = try TemporaryStore(options: Kit.options(clock) { $0.shardRotationInterval = 1e9 })
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("ttl-table", stream: .newAndOldImages))
        _ = try Self.setTTL(engine, "ttl-table", "expires")
        let expiring: Item = ["id": .s("old"), "expires": Self.seconds(clock.now - 10), "payload": .s("p")]
        try Kit.put(engine, "ttl-table", expiring)
        try Kit.put(engine, "ttl-table", ["id": .s("by-user")])
        _ = try engine.deleteItem(DeleteItemInput(tableName: "ttl-table", key: ["id": .s("by-user")]))
        clock.advance(5)
        #expect(try engine.sweepExpiredItems() == 1)

        let records = try Kit.readStream(engine, try Kit.streamArn(engine, "ttl-table"))
        #expect(records.map(\.eventName) == [.insert, .insert, .remove, .remove])
        let userRemove = records[2]
        #expect(userRemove.userIdentity == nil)
        #expect(userRemove.json["userIdentity"] == nil)

        let ttlRemove = try #require(records.last)
        #expect(ttlRemove.dynamodb?.keys == ["id": .s("old")])
        #expect(ttlRemove.dynamodb?.oldImage == expiring)
        #expect(ttlRemove.dynamodb?.newImage == nil)
        #expect(ttlRemove.dynamodb?.approximateCreationDateTime == clock.now)
        #expect(ttlRemove.userIdentity == Identity(principalId: "dynamodb.amazonaws.com", type: "Service"))
        // On the wire: exactly {"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}.
        let wire = try JSONValue.parse(ttlRemove.json.compactText)
        let identity = try #require(wire["userIdentity"]?.objectValue)
        #expect(identity.keys.sorted() == ["PrincipalId", "Type"])
        #expect(identity["PrincipalId"]?.stringValue == "dynamodb.amazonaws.com")
        #expect(identity["Type"]?.stringValue == "Service")
        #expect(ttlRemove.json.compactText.contains(#""userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}"#))
        #expect(wire["eventName"]?.stringValue == "REMOVE")
    }

    @Test func disabledTimeToLiveDeletesNothing() throws {
        let clock = Kit.Clock()
        let store = try TemporaryStore(options: Kit.options(clock))
        let engine = store.engine
        _ = try engine.createTable(Kit.simpleTable("ttl-table"))
        try Kit.put(engine, "ttl-table", ["id": .s("a"), "expires": Self.seconds(clock.now - 10)])
        #expect(try engine.sweepExpiredItems() == 0)
        _ = try Self.setTTL(engine, "ttl-table", "other")
        #expect(try engine.sweepExpiredItems() == 0) // another attribute
        _ = try Self.setTTL(engine, "ttl-table", "other", enabled: false)
        _ = try Self.setTTL(engine, "ttl-table", "expires")
        _ = try Self.setTTL(engine, "ttl-table", "expires", enabled: false)
        #expect(try engine.sweepExpiredItems() == 0) // enabled, then disabled again
        #expect(try Kit.get(engine, "ttl-table", "a") != nil)
    }

    /// Opening a store sweeps it (unless told not to), with the opening engine's clock.
    @Test func openingTheStoreSweeps() throws {
        let clock = Kit.Clock()
        let store = try TemporaryStore(options: Kit.options(clock))
        _ = try store.engine.createTable(Kit.simpleTable("ttl-table", gsi: true))
        _ = try Self.setTTL(store.engine, "ttl-table", "expires")
        try Kit.put(store.engine, "ttl-table", ["id": .s("soon"), "group": .s("g"), "rank": .n(DynamoNumber(1)),
                                                "expires": Self.seconds(clock.now + 60)])
        try Kit.put(store.engine, "ttl-table", ["id": .s("later"), "group": .s("g"), "rank": .n(DynamoNumber(2)),
                                                "expires": Self.seconds(clock.now + 3600)])
        clock.advance(120)
        let lazy = try EmbeddedEngine(path: store.engine.path, options: Kit.options(clock) { $0.sweepOnOpen = false })
        #expect(try Kit.get(lazy, "ttl-table", "soon") != nil)
        let sweeping = try EmbeddedEngine(path: store.engine.path, options: Kit.options(clock))
        #expect(try Kit.get(sweeping, "ttl-table", "soon") == nil)
        #expect(try Kit.get(sweeping, "ttl-table", "later") != nil)
        // Every engine on the file sees the deletion, and the index agrees.
        #expect(try Kit.get(lazy, "ttl-table", "soon") == nil)
        #expect(try Kit.get(store.engine, "ttl-table", "soon") == nil)
        #expect(try Self.groupIDs(store.engine) == ["later"])
        #expect(try store.engine.checkIntegrity().isSound)
    }

    @Test func isExpiredBoundaries() throws {
        let now = Kit.epoch
        #expect(EmbeddedEngine.isExpired(Self.seconds(now), at: now))
        #expect(!EmbeddedEngine.isExpired(Self.seconds(now + 1), at: now))
        #expect(EmbeddedEngine.isExpired(Self.seconds(now - 5 * Self.year), at: now))
        #expect(!EmbeddedEngine.isExpired(Self.seconds(now - 5 * Self.year - 1), at: now))
        #expect(!EmbeddedEngine.isExpired(Self.seconds(now * 1000), at: now))
        #expect(!EmbeddedEngine.isExpired(.s(String(Int(now - 1))), at: now))
        #expect(!EmbeddedEngine.isExpired(nil, at: now))
        #expect(!EmbeddedEngine.isExpired(.n(try DynamoNumber("-1")), at: now))
        #expect(!EmbeddedEngine.isExpired(.n(try DynamoNumber("9.9E+125")), at: now))
    }
}

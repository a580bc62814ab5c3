import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import EmbeddedEngine

/// A fresh store in a temporary directory, removed when the test ends.
final class TemporaryStore {
    let directory: URL
    let engine: EmbeddedEngine

    init(options: EmbeddedEngine.Options = EmbeddedEngine.Options()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        engine = try EmbeddedEngine(path: directory.appendingPathComponent("store.sqlite").path, options: options)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// The metrics table of the schema plan.
func metricsTable() -> CreateTableInput {
    CreateTableInput(
        attributeDefinitions: [
            AttributeDefinition(attributeName: "entity_id", attributeType: .s),
            AttributeDefinition(attributeName: "entity_type", attributeType: .s),
            AttributeDefinition(attributeName: "health_score", attributeType: .n),
            AttributeDefinition(attributeName: "last_updated", attributeType: .s),
        ],
        tableName: "iops-dashboard-metrics",
        keySchema: [KeySchemaElement(attributeName: "entity_id", keyType: .hash),
                    KeySchemaElement(attributeName: "entity_type", keyType: .range)],
        globalSecondaryIndexes: [
            GlobalSecondaryIndex(indexName: "EntityTypeHealthIndex",
                                 keySchema: [KeySchemaElement(attributeName: "entity_type", keyType: .hash),
                                             KeySchemaElement(attributeName: "health_score", keyType: .range)],
                                 projection: Projection(projectionType: .all)),
            GlobalSecondaryIndex(indexName: "LastUpdatedIndex",
                                 keySchema: [KeySchemaElement(attributeName: "entity_type", keyType: .hash),
                                             KeySchemaElement(attributeName: "last_updated", keyType: .range)],
                                 projection: Projection(projectionType: .all)),
        ],
        billingMode: .payPerRequest,
        streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .newAndOldImages))
}

@Suite struct SmokeTests {
    @Test func putQueryAndStream() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        _ = try engine.createTable(metricsTable())
        for (id, score) in [("a", "9"), ("b", "85"), ("c", "100"), ("d", "70")] {
            _ = try engine.putItem(PutItemInput(tableName: "iops-dashboard-metrics", item: [
                "entity_id": .s(id), "entity_type": .s("student"), "health_score": .n(try DynamoNumber(score)),
                "last_updated": .s("2025-01-15T10:30:00Z"),
            ]))
        }
        let result = try engine.query(QueryInput(
            tableName: "iops-dashboard-metrics", indexName: "EntityTypeHealthIndex",
            keyConditionExpression: "entity_type = :t AND health_score < :h",
            expressionAttributeValues: [":t": .s("student"), ":h": .n(DynamoNumber(90))]))
        #expect(result.items?.compactMap { $0["entity_id"]?.stringValue } == ["a", "d", "b"])

        let description = try engine.describeTable(DescribeTableInput(tableName: "iops-dashboard-metrics"))
        let arn = try #require(description.table?.latestStreamArn)
        let stream = try engine.describeStream(DescribeStreamInput(streamArn: arn))
        let shard = try #require(stream.streamDescription?.shards?.first?.shardId)
        let iterator = try engine.getShardIterator(GetShardIteratorInput(streamArn: arn, shardId: shard, shardIteratorType: .trimHorizon))
        let records = try engine.getRecords(GetRecordsInput(shardIterator: try #require(iterator.shardIterator)))
        #expect(records.records?.count == 4)
        #expect(records.records?.first?.eventName == .insert)
        #expect(try engine.checkIntegrity().isSound)
    }
}

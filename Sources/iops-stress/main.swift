/// A child process for the reliability tests (Tests/EmbeddedEngineTests/ReliabilityTests.swift):
/// it writes to a store so the test can kill it mid-write or run it beside other writers.
///
///     iops-stress load PATH START COUNT    BatchWriteItem in batches of 25; prints `ack <last index>` per batch
///     iops-stress write PATH PREFIX COUNT  one PutItem per item; prints `done` at the end
///
/// Errors go to stderr with exit status 1.
import DynamoAPI
import DynamoModel
import EmbeddedEngine
import Foundation

enum Metrics {
    static let tableName = "iops-dashboard-metrics"
    static let entityTypes = ["student", "tutor", "subject", "region"]
}

/// The metrics table of the schema plan (the same as `metricsTable()` in the tests).
func metricsTable() -> CreateTableInput {
    CreateTableInput(
        attributeDefinitions: [
            AttributeDefinition(attributeName: "entity_id", attributeType: .s),
            AttributeDefinition(attributeName: "entity_type", attributeType: .s),
            AttributeDefinition(attributeName: "health_score", attributeType: .n),
            AttributeDefinition(attributeName: "last_updated", attributeType: .s),
        ],
        tableName: Metrics.tableName,
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

/// Creates the table unless it exists (another process may create it at the same moment).
func ensureTable(_ engine: EmbeddedEngine) throws {
    do {
        _ = try engine.createTable(metricsTable())
    } catch let error as DynamoError where error.code == .resourceInUse {
        // Already there.
    }
}

/// One metrics item: entity types cycle with the index so all four appear.
func item(id: String, index: Int, formatter: ISO8601DateFormatter) -> Item {
    [
        "entity_id": .s(id),
        "entity_type": .s(Metrics.entityTypes[index % Metrics.entityTypes.count]),
        "health_score": .n(DynamoNumber(Int.random(in: 0...100))),
        "last_updated": .s(formatter.string(from: Date())),
    ]
}

/// Writes straight to the file descriptor: nothing stays in a buffer when the process is killed.
func say(_ line: String) throws {
    try FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("iops-stress: \(message)\n".utf8))
    exit(1)
}

func load(path: String, start: Int, count: Int) throws {
    let engine = try EmbeddedEngine(path: path)
    try ensureTable(engine)
    let formatter = ISO8601DateFormatter()
    var offset = 0
    while offset < count {
        let size = min(25, count - offset)
        let requests = (0..<size).map { i -> WriteRequest in
            let index = start + offset + i
            return WriteRequest(putRequest: PutRequest(item: item(id: "s\(index)", index: index, formatter: formatter)))
        }
        let output = try engine.batchWriteItem(BatchWriteItemInput(requestItems: [Metrics.tableName: requests]))
        if let unprocessed = output.unprocessedItems, !unprocessed.isEmpty {
            fail("BatchWriteItem left items unprocessed")
        }
        offset += size
        try say("ack \(start + offset - 1)")
    }
}

func write(path: String, prefix: String, count: Int) throws {
    let engine = try EmbeddedEngine(path: path)
    try ensureTable(engine)
    let formatter = ISO8601DateFormatter()
    for index in 0..<count {
        _ = try engine.putItem(PutItemInput(tableName: Metrics.tableName, item: item(id: "\(prefix)\(index)", index: index, formatter: formatter)))
    }
    try say("done")
}

let arguments = CommandLine.arguments
guard arguments.count == 5, let count = Int(arguments[4]), count >= 0 else {
    fail("usage: iops-stress load PATH START COUNT | iops-stress write PATH PREFIX COUNT")
}
do {
    switch arguments[1] {
    case "load":
        guard let start = Int(arguments[3]), start >= 0 else { fail("START must be a number") }
        try load(path: arguments[2], start: start, count: count)
    case "write":
        try write(path: arguments[2], prefix: arguments[3], count: count)
    default:
        fail("unknown command \(arguments[1]); use load or write")
    }
} catch {
    fail("\(error)")
}

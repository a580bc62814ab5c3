import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import EmbeddedEngine

/// Reads on the reader connections (`Options.readerConnections`, what `iops serve` uses): in
/// parallel with each other and with writes, each a consistent snapshot, the catalog as of it.
@Suite struct ReaderPoolTests {
    func engine(readers: Int) throws -> (EmbeddedEngine, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var options = EmbeddedEngine.Options()
        options.readerConnections = readers
        return (try EmbeddedEngine(path: directory.appendingPathComponent("store.sqlite").path, options: options), directory)
    }

    static let table = #"{"TableName": "pool", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "n", "KeyType": "RANGE"}], "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "n", "AttributeType": "N"}], "BillingMode": "PAY_PER_REQUEST"}"#

    func count(_ engine: EmbeddedEngine) throws -> Int {
        var input = QueryInput(tableName: "pool", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": .s("p")])
        input.select = .count
        return try engine.query(input).count ?? -1
    }

    @Test func readersSeeWholeBatchesWhileAWriterWrites() async throws {
        let (engine, directory) = try engine(readers: 3)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try engine.createTable(CreateTableInput(json: try JSONValue.parse(Self.table)))
        let batches = 40
        let writer = Task.detached {
            for b in 0..<batches {
                var requests: [WriteRequest] = []
                for i in 0..<25 { requests.append(WriteRequest(putRequest: PutRequest(item: ["pk": .s("p"), "n": .n(DynamoNumber(b * 25 + i))]))) }
                _ = try engine.batchWriteItem(BatchWriteItemInput(requestItems: ["pool": requests]))
            }
        }
        // Four readers at once (one more than there are connections): every count they see is
        // a whole number of batches, and never goes back.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var last = 0
                    while last < batches * 25 {
                        let seen = try count(engine)
                        #expect(seen % 25 == 0 && seen >= last, "saw \(seen) after \(last)")
                        last = seen
                    }
                }
            }
            try await group.waitForAll()
        }
        try await writer.value
        #expect(try count(engine) == batches * 25)
    }

    @Test func aReaderFollowsTheCatalog() throws {
        let (engine, directory) = try engine(readers: 2)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Each reader loads the catalog with its first read; later tables reach it too.
        _ = try engine.listTables(ListTablesInput())
        _ = try engine.createTable(CreateTableInput(json: try JSONValue.parse(Self.table)))
        _ = try engine.putItem(PutItemInput(tableName: "pool", item: ["pk": .s("p"), "n": .n(DynamoNumber(1))]))
        for _ in 0..<4 {
            #expect(try engine.getItem(GetItemInput(tableName: "pool", key: ["pk": .s("p"), "n": .n(DynamoNumber(1))])).item != nil)
            #expect(try engine.listTables(ListTablesInput()).tableNames == ["pool"])
        }
        _ = try engine.deleteTable(DeleteTableInput(tableName: "pool"))
        for _ in 0..<4 {
            #expect(throws: DynamoError.self) {
                try engine.getItem(GetItemInput(tableName: "pool", key: ["pk": .s("p"), "n": .n(DynamoNumber(1))]))
            }
        }
    }
}

import DynamoAPI
import DynamoModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import AWSClient

/// A `moto_server` (a DynamoDB-compatible server from PyPI) on a free loopback port, for the
/// end-to-end test: the client against a real implementation of the protocol.
final class MotoServer: @unchecked Sendable {
    let process = Process()
    let port: Int
    let logURL: URL

    /// `IOPS_MOTO_SERVER` (scripts/test sets it), else `moto_server` on PATH.
    static func executable() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["IOPS_MOTO_SERVER"], !path.isEmpty, FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/moto_server"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    init(executable: String) throws {
        port = try unusedLoopbackPort()
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("iops-moto-\(port).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-H", "127.0.0.1", "-p", "\(port)"]
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Polls until the server answers HTTP, failing if it exits or takes too long.
    func waitUntilReady(timeout: Duration = .seconds(30)) async throws {
        let transport = CurlTransport(options: .init(connectTimeout: .milliseconds(500), timeout: .seconds(2)))
        let probe = HTTPRequest(method: "GET", scheme: "http", host: "127.0.0.1", port: port, path: "/moto-api/")
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw ServerError("moto_server exited early:\n\(logText)") }
            if let response = try? await transport.send(probe), response.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServerError("moto_server did not answer on port \(port) within \(timeout):\n\(logText)")
    }

    var logText: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// SIGKILL, not SIGTERM: a child spawned from a dispatch thread inherits its blocked
    /// signals, so moto would never see a SIGTERM. moto keeps nothing worth flushing.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: logURL)
    }
}

@Suite struct MotoServerTests {
    @Test func operationsAgainstARealServer() async throws {
        guard let executable = MotoServer.executable() else {
            Issue.record("moto_server not found: scripts/test installs it (pip install 'moto[server]') and exports IOPS_MOTO_SERVER; set IOPS_MOTO_SERVER or put moto_server on PATH")
            return
        }
        let server = try MotoServer(executable: executable)
        defer { server.stop() }
        try await server.waitUntilReady()

        var configuration = try DynamoDBClient.Configuration(region: "us-east-1", endpointURL: server.url)
        configuration.sleep = { _ in }
        let client = DynamoDBClient(configuration: configuration, signer: FakeSigner())
        let table = "iops-moto"

        let created = try await client.createTable(CreateTableInput(
            attributeDefinitions: [AttributeDefinition(attributeName: "pk", attributeType: .s),
                                   AttributeDefinition(attributeName: "sk", attributeType: .n)],
            tableName: table,
            keySchema: [KeySchemaElement(attributeName: "pk", keyType: .hash), KeySchemaElement(attributeName: "sk", keyType: .range)],
            billingMode: .payPerRequest,
            streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .newAndOldImages)))
        #expect(created.tableDescription?.tableName == table)

        let described = try await client.describeTable(DescribeTableInput(tableName: table))
        #expect(described.table?.tableStatus == .active)
        #expect(described.table?.latestStreamArn != nil)

        _ = try await client.putItem(PutItemInput(tableName: table, item: ["pk": .s("a"), "sk": .n(DynamoNumber(1)), "v": .s("first")]))
        let got = try await client.getItem(GetItemInput(tableName: table, key: ["pk": .s("a"), "sk": .n(DynamoNumber(1))]))
        #expect(got.item?["v"] == .s("first"))

        let updated = try await client.updateItem(UpdateItemInput(
            tableName: table, key: ["pk": .s("a"), "sk": .n(DynamoNumber(1))], returnValues: .allNew,
            updateExpression: "SET v = :v", expressionAttributeValues: [":v": .s("second")]))
        #expect(updated.attributes?["v"] == .s("second"))

        // 30 writes: the helper splits them into two requests.
        var writes: [WriteRequest] = []
        for i in 0..<30 { writes.append(WriteRequest(putRequest: PutRequest(item: ["pk": .s("b"), "sk": .n(DynamoNumber(i))]))) }
        try await client.batchWriteAll(BatchWriteItemInput(requestItems: [table: writes]))
        let direct = try await client.batchWriteItem(BatchWriteItemInput(requestItems: [table: [
            WriteRequest(putRequest: PutRequest(item: ["pk": .s("c"), "sk": .n(DynamoNumber(0))])),
        ]]))
        #expect(direct.unprocessedItems?.isEmpty ?? true)

        let queried = try await client.query(QueryInput(
            tableName: table, keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": .s("b")]))
        #expect(queried.count == 30)
        let scanned = try await client.scan(ScanInput(tableName: table))
        #expect(scanned.count == 32)

        let fetched = try await client.batchGetAll(BatchGetItemInput(requestItems: [
            table: KeysAndAttributes(keys: [["pk": .s("a"), "sk": .n(DynamoNumber(1))], ["pk": .s("b"), "sk": .n(DynamoNumber(7))]]),
        ]))
        #expect(fetched.responses?[table]?.count == 2)

        _ = try await client.deleteItem(DeleteItemInput(tableName: table, key: ["pk": .s("a"), "sk": .n(DynamoNumber(1))]))
        let gone = try await client.getItem(GetItemInput(tableName: table, key: ["pk": .s("a"), "sk": .n(DynamoNumber(1))]))
        #expect(gone.item == nil)

        // A real server's errors come back typed, and are not retried.
        let missing = await #expect(throws: DynamoError.self) { try await client.describeTable(DescribeTableInput(tableName: "no-such-table")) }
        #expect(missing?.code == .resourceNotFound)
        #expect(missing?.message.contains("after") == false)

        // Streams: the same endpoint, the Streams target prefix.
        let streams = try await client.listStreams(ListStreamsInput(tableName: table))
        let streamArn = try #require(streams.streams?.first?.streamArn)
        let stream = try await client.describeStream(DescribeStreamInput(streamArn: streamArn))
        let shardId = try #require(stream.streamDescription?.shards?.first?.shardId)
        let iterator = try await client.getShardIterator(GetShardIteratorInput(streamArn: streamArn, shardId: shardId, shardIteratorType: .trimHorizon))
        let records = try await client.getRecords(GetRecordsInput(shardIterator: try #require(iterator.shardIterator)))
        let events = (records.records ?? []).compactMap(\.eventName)
        #expect(events.first == .insert)
        #expect(events.contains(.modify))
        #expect(events.contains(.remove))
    }
}

import AWSClient
import DynamoAPI
import DynamoModel
import DynamoServer
import EmbeddedEngine
import Foundation
import NIOConcurrencyHelpers
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Holds each request for a while, so a test can stop the server with requests in progress.
final class SlowHandler: JSONRequestHandling {
    let inner: any JSONRequestHandling
    let delay: Double
    let started = NIOLockedValueBox(0)

    init(_ inner: any JSONRequestHandling, delay: Double) {
        self.inner = inner
        self.delay = delay
    }

    func handle(_ operation: DynamoOperation, json: JSONValue) throws -> JSONValue {
        started.withLockedValue { $0 += 1 }
        Thread.sleep(forTimeInterval: delay)
        return try inner.handle(operation, json: json)
    }
}

@Suite struct LifecycleTests {
    /// Stop with requests in progress: each is answered and written, then its connection
    /// closes; idle connections close; new connections are refused.
    @Test(arguments: [false, true]) func gracefulShutdownFinishesRequestsInProgress(offload: Bool) async throws {
        let slow = NIOLockedValueBox<SlowHandler?>(nil)
        try await ServerFixture.with(configure: {
            $0.offloadRequests = offload
            $0.poolThreads = 6
        }, handler: { engine in
            let handler = SlowHandler(SynchronousBackendHandler(engine), delay: 0.3)
            slow.withLockedValue { $0 = handler }
            return handler
        }) { fixture in
            let handler = try #require(slow.withLockedValue { $0 })
            _ = try await onThread { try fixture.connect().call("DynamoDB_20120810.CreateTable", tableDefinition.compactText) }
            let idle = try fixture.connect()
            try idle.send(RawConnection.request(target: "DynamoDB_20120810.ListTables", body: "{}"))
            _ = try await onThread { try idle.readResponse() }
            let baseline = handler.started.withLockedValue { $0 }

            let writers = 6
            let responses = NIOLockedValueBox<[RawResponse]>([])
            var opened: [RawConnection] = []
            for _ in 0..<writers { opened.append(try fixture.connect()) }
            let connections = opened
            async let finished: Void = withThrowingTaskGroup(of: Void.self) { group in
                for (index, connection) in connections.enumerated() {
                    group.addTask {
                        let response = try await onThread {
                            try connection.call("DynamoDB_20120810.PutItem", #"{"TableName": "tab", "Item": {"pk": {"S": "s"}, "sk": {"N": "\#(index)"}}}"#)
                        }
                        responses.withLockedValue { $0.append(response) }
                    }
                }
                try await group.waitForAll()
            }
            // Stop once every request has reached the handler: all six are in progress when
            // offloaded; on the event loops (one request at a time each) the last one or two are.
            while handler.started.withLockedValue({ $0 }) < baseline + writers { try await Task.sleep(for: .milliseconds(5)) }
            await fixture.server.shutdownGracefully()
            try await finished

            let answered = responses.withLockedValue { $0 }
            #expect(answered.count == writers)
            #expect(answered.allSatisfy { $0.status == 200 })
            // Whether an answer carries `Connection: close` depends on whether it was written
            // before or after the stop was seen, a race on a busy machine; what must hold is
            // below: every request answered, every connection closed, nothing lost.
            for connection in connections { #expect(connection.isClosedByPeer()) }
            #expect(idle.isClosedByPeer())
            #expect(fixture.server.openConnections == 0)
            #expect(throws: (any Error).self) { try fixture.connect() }
            // Nothing lost: every acknowledged write is in the store.
            let count = try fixture.engine.callSynchronously(.scan, json: json(#"{"TableName": "tab", "Select": "COUNT"}"#))
            #expect(count["Count"]?.intValue == writers)
        }
    }

    @Test func startingOnABusyPortFails() async throws {
        try await ServerFixture.with { fixture in
            var configuration = DynamoServer.Configuration()
            configuration.port = fixture.port
            await #expect(throws: (any Error).self) {
                _ = try await DynamoServer.start(configuration: configuration, handler: SynchronousBackendHandler(fixture.engine))
            }
        }
    }
}

/// `iops serve` itself: the listening line with the real port, a request, SIGINT, status 0.
@Suite struct ServeCommandTests {
    static func iopsExecutable() throws -> String { try BuiltProducts.iops() }

    @Test func serveListensAnswersAndStopsOnSIGINT() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-serve-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("store.sqlite").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.iopsExecutable())
        process.arguments = ["serve", "--store", store, "--port", "0", "--sweep-every", "1"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let line = try await onThread { () -> String in
            var bytes: [UInt8] = []
            while true {
                let byte = output.fileHandleForReading.readData(ofLength: 1)
                guard let first = byte.first else { throw TestFailure("iops serve exited before listening") }
                if first == 10 { return String(decoding: bytes, as: UTF8.self) }
                bytes.append(first)
            }
        }
        #expect(line.hasPrefix("iops serve: listening on http://127.0.0.1:"))
        #expect(line.hasSuffix("(store \(store))"))
        let portText = line.split(separator: ":").last?.split(separator: " ").first ?? ""
        let port = try #require(Int(portText))
        #expect(port > 0)

        var configuration = try DynamoDBClient.Configuration(region: "us-east-1", endpointURL: "http://127.0.0.1:\(port)")
        configuration.retry.maxAttempts = 1
        let client = DynamoDBClient(configuration: configuration, signer: SigV4Signer(
            credentials: AWSCredentials(accessKeyId: "any", secretAccessKey: "any"), region: "us-east-1", service: "dynamodb"))
        _ = try await client.send(.createTable, body: tableDefinition)
        let listed = try await client.send(.listTables, body: json("{}"))
        #expect(listed["TableNames"]?.arrayValue?.contains(.string("tab")) == true)

        kill(process.processIdentifier, SIGINT)
        try await onThread { process.waitUntilExit() }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("stopped"))
        #expect(!stderr.contains("WARNING"))
    }
}

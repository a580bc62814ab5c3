import Foundation
import Testing
@testable import AWSClient

@Suite struct CurlTransportTests {
    func request(_ server: TestHTTPServer, body: String = "{}", headers: [(name: String, value: String)] = []) -> HTTPRequest {
        var request = HTTPRequest(method: "POST", scheme: "http", host: "127.0.0.1", port: server.port, path: "/",
                                  headers: headers, body: Array(body.utf8))
        request.setHeader("Host", request.hostHeader)
        request.setHeader("Content-Type", "application/x-amz-json-1.0")
        return request
    }

    @Test func sendsMethodHeadersAndBodyAndParsesTheResponse() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 200, body: #"{"ok":true}"#, headers: ["X-Custom-Thing": "Yes", "X-Twice": "a"]))
        let transport = CurlTransport()
        let response = try await transport.send(request(server, body: #"{"TableName":"t"}"#, headers: [("X-Amz-Target", "DynamoDB_20120810.ListTables")]))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        #expect(response.headers["x-custom-thing"] == "Yes")
        #expect(response.headers["content-type"] == "application/x-amz-json-1.0")
        let received = try #require(server.received.first)
        #expect(received.method == "POST")
        #expect(received.path == "/")
        #expect(received.headers["x-amz-target"] == "DynamoDB_20120810.ListTables")
        #expect(received.headers["content-type"] == "application/x-amz-json-1.0")
        #expect(received.headers["host"] == "127.0.0.1:\(server.port)")
        #expect(received.bodyText == #"{"TableName":"t"}"#)
    }

    @Test func largeBodiesGoWithoutExpectContinue() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let big = "{\"x\":\"" + String(repeating: "a", count: 2_000_000) + "\"}"
        let response = try await CurlTransport().send(request(server, body: big))
        #expect(response.status == 200)
        let received = try #require(server.received.first)
        #expect(received.headers["expect"] == nil)
        #expect(received.body.count == big.utf8.count)
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let transport = CurlTransport()
        for _ in 0..<5 {
            let response = try await transport.send(request(server))
            #expect(response.status == 200)
        }
        #expect(server.received.count == 5)
        #expect(server.connections == 1)
    }

    @Test func concurrentRequestsAllComplete() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.setFallback(.respond(status: 200, body: "{}", delay: 0.05))
        let transport = CurlTransport()
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await transport.send(self.request(server)).status } }
            var all: [Int] = []
            for try await status in group { all.append(status) }
            return all
        }
        #expect(statuses == Array(repeating: 200, count: 8))
    }

    @Test func totalTimeoutFiresAndNothingHangs() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        // The answer would come after 60 s. The bound is loose, because the whole suite shares two
        // cores and a busy test process can stall for seconds, but far below the answer's time:
        // passing it means the timeout fired instead of the client waiting for the answer.
        server.enqueue(.respond(status: 200, body: "{}", delay: 60))
        let transport = CurlTransport(options: .init(connectTimeout: .seconds(1), timeout: .milliseconds(300)))
        let started = ContinuousClock.now
        let error = await #expect(throws: TransportError.self) { try await transport.send(request(server)) }
        let elapsed = started.duration(to: .now)
        #expect(error?.kind == .timedOut)
        #expect(error?.isRetryable == true)
        #expect(error?.isTimeout == true)
        #expect(elapsed < .seconds(40))
    }

    @Test func droppedConnectionIsARetryableReset() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.drop)
        let error = await #expect(throws: TransportError.self) { try await CurlTransport().send(request(server)) }
        #expect(error?.kind == .connectionReset)
        #expect(error?.isRetryable == true)
        #expect(error.map { "\($0)" }?.contains("connection reset") == true)
    }

    @Test func refusedConnectionSaysSo() async throws {
        let port = try unusedLoopbackPort()
        let request = HTTPRequest(method: "POST", scheme: "http", host: "127.0.0.1", port: port, path: "/", body: Array("{}".utf8))
        let error = await #expect(throws: TransportError.self) { try await CurlTransport().send(request) }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.isRetryable == true)
    }

    @Test func nonHTTPGarbageIsAnInvalidResponse() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.raw("SSH-2.0-OpenSSH_9.2\r\n"))
        let error = await #expect(throws: TransportError.self) { try await CurlTransport().send(request(server)) }
        #expect(error?.kind == .invalidResponse)
        #expect(error?.isRetryable == false)
    }

    @Test func cancellingTheTaskStopsTheTransfer() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 200, body: "{}", delay: 60))
        let transport = CurlTransport()
        let request = request(server)
        let started = ContinuousClock.now
        let task = Task { try await transport.send(request) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(started.duration(to: .now) < .seconds(40))
    }
}

import AWSClient
import DynamoAPI
import DynamoModel
@testable import DynamoServer
import EmbeddedEngine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A server on an ephemeral loopback port in front of an embedded engine in a temp directory.
final class ServerFixture: Sendable {
    let directory: URL
    let engine: EmbeddedEngine
    let server: DynamoServer

    var port: Int { server.port }
    var url: String { "http://127.0.0.1:\(server.port)" }

    private init(directory: URL, engine: EmbeddedEngine, server: DynamoServer) {
        self.directory = directory
        self.engine = engine
        self.server = server
    }

    /// Runs `body` against a fresh server and always stops it (and removes the store) after.
    static func with<T>(
        configure: (inout DynamoServer.Configuration) -> Void = { _ in },
        handler: (EmbeddedEngine) -> any JSONRequestHandling = { SynchronousBackendHandler($0) },
        maintenance: Bool = false,
        _ body: (ServerFixture) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let engine = try EmbeddedEngine(path: directory.appendingPathComponent("store.sqlite").path)
        var configuration = DynamoServer.Configuration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configure(&configuration)
        var sweep: (@Sendable () throws -> Void)?
        if maintenance { sweep = { _ = try engine.sweepExpiredItems() } }
        let server = try await DynamoServer.start(configuration: configuration, handler: handler(engine), maintenance: sweep)
        let fixture = ServerFixture(directory: directory, engine: engine, server: server)
        do {
            let result = try await body(fixture)
            await server.shutdownGracefully()
            return result
        } catch {
            await server.shutdownGracefully()
            throw error
        }
    }

    /// The repo's own client (SigV4, CRC32 check, retries) pointed at the server.
    func client(accessKey: String = "AKIDLOCAL", secret: String = "local-secret", clockOffset: TimeInterval = 0,
                attempts: Int = 1) throws -> DynamoDBClient {
        var configuration = try DynamoDBClient.Configuration(region: "us-east-1", endpointURL: url)
        configuration.retry.maxAttempts = attempts
        configuration.now = { Date().addingTimeInterval(clockOffset) }
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyId: accessKey, secretAccessKey: secret),
                                 region: "us-east-1", service: "dynamodb")
        return DynamoDBClient(configuration: configuration, signer: signer)
    }

    func connect() throws -> RawConnection { try RawConnection(port: port) }
}

func json(_ text: String) -> JSONValue {
    do { return try JSONValue.parse(text) } catch { fatalError("bad JSON in a test: \(error): \(text)") }
}

/// A table with a stream, used by most tests.
let tableDefinition = json("""
    {"TableName": "tab",
     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
     "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
     "BillingMode": "PAY_PER_REQUEST",
     "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"}}
    """)

/// One HTTP response as read off the socket.
struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    var json: JSONValue? { try? JSONValue.parse(bytes: body) }
    var errorType: String? { json?["__type"]?.stringValue }
    var message: String? { json?["message"]?.stringValue }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking HTTP/1.1 client on a plain socket: the raw protocol, with nothing in between,
/// and control over when each byte is sent (keep-alive, early refusals, half-sent bodies).
final class RawConnection: @unchecked Sendable {
    let fd: Int32
    private var pending: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw TestFailure("connect to port \(port) failed: errno \(errno)")
        }
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw TestFailure("send failed: errno \(errno)") }
            offset += sent
        }
    }

    static func request(method: String = "POST", path: String = "/", target: String?, body: String,
                        contentType: String? = "application/x-amz-json-1.0", extraHeaders: [String] = []) -> [UInt8] {
        var lines = ["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1"]
        if let contentType { lines.append("Content-Type: \(contentType)") }
        if let target { lines.append("X-Amz-Target: \(target)") }
        lines.append("Content-Length: \(body.utf8.count)")
        lines += extraHeaders
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }

    /// Sends a DynamoDB request and reads the answer.
    func call(_ target: String?, _ body: String, contentType: String? = "application/x-amz-json-1.0") throws -> RawResponse {
        try send(Self.request(target: target, body: body, contentType: contentType))
        return try readResponse()
    }

    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw TestFailure("recv failed: errno \(errno)") }
        if count == 0 { return false }
        pending += chunk[0..<count]
        return true
    }

    func readResponse(bodyless: Bool = false) throws -> RawResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            if pending.count >= 4 {
                for index in 0...(pending.count - 4) where Array(pending[index..<index + 4]) == separator {
                    headerEnd = index
                    break
                }
            }
            if headerEnd == nil { guard try fill() else { throw TestFailure("connection closed before a response") } }
        }
        let headText = String(decoding: pending[0..<headerEnd!], as: UTF8.self)
        pending.removeFirst(headerEnd! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TestFailure("bad status line: \(headText)") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = bodyless ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        while pending.count < length {
            guard try fill() else { throw TestFailure("connection closed inside a body") }
        }
        let body = Array(pending[0..<length])
        pending.removeFirst(length)
        return RawResponse(status: status, headers: headers, body: body)
    }

    /// True when the server has closed the connection (read returns end of file) within
    /// `wait` seconds; false while it stays open and silent.
    func isClosedByPeer(wait: Double = 2) -> Bool {
        guard pending.isEmpty else { return false }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(wait * 1000)) > 0 else { return false }
        return (try? fill()) != true
    }
}

/// Runs blocking work on its own thread, so sockets never block the test's cooperative pool
/// (two threads on two cores).
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        thread.start()
    }
}

func dynamoType(_ code: String) -> String { "com.amazonaws.dynamodb.v20120810#" + code }

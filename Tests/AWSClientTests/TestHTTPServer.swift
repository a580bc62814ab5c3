import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for the transport and client tests: answers each
/// request with the next scripted action (then with the fallback), records what it received,
/// and counts accepted connections. One thread accepts, one thread serves each connection
/// (keep-alive: requests in a loop until the peer closes).
final class TestHTTPServer: @unchecked Sendable {
    enum Action: Sendable {
        /// Answers after `delay` seconds, keeping the connection open.
        case respond(status: Int, body: String, headers: [String: String] = [:], delay: Double = 0)
        /// Reads the request and closes the connection without a word.
        case drop
        /// Writes these bytes instead of an HTTP response, then closes.
        case raw(String)
    }

    struct Received: Sendable {
        var method: String
        var path: String
        /// Names lower-cased.
        var headers: [String: String]
        var body: [UInt8]
        /// 1-based index of the connection it came on.
        var connection: Int

        var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var script: [Action] = []
    private var fallback: Action = .respond(status: 200, body: "{}")
    private var receivedRequests: [Received] = []
    private var acceptedConnections = 0
    private var openSockets: Set<Int32> = []
    private var stopped = false

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket failed: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw ServerError("bind/listen failed: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Queues actions for the next requests, in order.
    func enqueue(_ actions: Action...) { lock.withLock { script += actions } }
    /// What to do once the script has run out.
    func setFallback(_ action: Action) { lock.withLock { fallback = action } }
    var received: [Received] { lock.withLock { receivedRequests } }
    var connections: Int { lock.withLock { acceptedConnections } }

    /// Closes the listener and every open connection; serving threads end on their own.
    func stop() {
        let sockets: Set<Int32>? = lock.withLock {
            guard !stopped else { return nil }
            stopped = true
            return openSockets
        }
        guard let sockets else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            let index: Int? = lock.withLock {
                guard !stopped else { return nil }
                acceptedConnections += 1
                openSockets.insert(fd)
                return acceptedConnections
            }
            guard let index else {
                close(fd)
                return
            }
            let thread = Thread { [self] in serve(fd, connection: index) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32, connection: Int) {
        defer {
            lock.withLock { _ = openSockets.remove(fd) }
            close(fd)
        }
        var buffer: [UInt8] = []
        while let request = readRequest(fd, buffer: &buffer, connection: connection) {
            let (action, number): (Action, Int) = lock.withLock {
                receivedRequests.append(request)
                return (script.isEmpty ? fallback : script.removeFirst(), receivedRequests.count)
            }
            switch action {
            case .respond(let status, let body, let headers, let delay):
                if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
                head += "Content-Type: application/x-amz-json-1.0\r\n"
                head += "Content-Length: \(body.utf8.count)\r\n"
                head += "X-Amzn-RequestId: REQ\(number)\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                guard write(fd, Array((head + "\r\n" + body).utf8)) else { return }
            case .drop:
                return
            case .raw(let text):
                _ = write(fd, Array(text.utf8))
                return
            }
        }
    }

    /// Reads one request (head and Content-Length body); nil when the peer closed.
    private func readRequest(_ fd: Int32, buffer: inout [UInt8], connection: Int) -> Received? {
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while true {
            if buffer.count >= 4 {
                for i in 0...(buffer.count - 4) where buffer[i] == 13 && Array(buffer[i..<(i + 4)]) == terminator {
                    headEnd = i
                    break
                }
            }
            if headEnd != nil { break }
            guard readMore(fd, into: &buffer) else { return nil }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            guard readMore(fd, into: &buffer) else { return nil }
        }
        let body = Array(buffer.prefix(length))
        buffer.removeFirst(length)
        return Received(method: requestLine.first.map(String.init) ?? "", path: requestLine.count > 1 ? String(requestLine[1]) : "",
                        headers: headers, body: body, connection: connection)
    }

    private func readMore(_ fd: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer += chunk[..<n]
                return true
            }
            if n < 0 && errno == EINTR { continue }
            return false
        }
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status"
        }
    }
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A port nothing listens on: bound to learn a free number, then closed.
func unusedLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ServerError("socket failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw ServerError("bind failed") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

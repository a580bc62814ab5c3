/// One HTTP request as the client sends it and the signer signs it: method, URL parts,
/// headers in order, body bytes.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// `https` or `http`.
    public var scheme: String
    /// Host name, without the port.
    public var host: String
    /// Nil for the scheme's default port.
    public var port: Int?
    /// The path as sent, percent-encoded (`/`, `/a%20b`).
    public var path: String
    /// The query string as sent, without `?` (empty for none).
    public var query: String
    /// Header fields in the order they are sent; names as given (HTTP names are case-blind).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String = "POST", scheme: String = "https", host: String, port: Int? = nil, path: String = "/",
                query: String = "", headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// `host` or `host:port` when the port is not the scheme's default, as the Host header has it.
    public var hostHeader: String {
        guard let port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) else { return host }
        return "\(host):\(port)"
    }

    public var url: String {
        "\(scheme)://\(hostHeader)\(path)" + (query.isEmpty ? "" : "?\(query)")
    }

    /// The first value of a header, by case-blind name.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Sets a header, replacing any of the same (case-blind) name.
    public mutating func setHeader(_ name: String, _ value: String) {
        let wanted = name.lowercased()
        headers.removeAll { $0.name.lowercased() == wanted }
        headers.append((name: name, value: value))
    }

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.scheme == b.scheme && a.host == b.host && a.port == b.port && a.path == b.path
            && a.query == b.query && a.body == b.body
            && a.headers.map { [$0.name, $0.value] } == b.headers.map { [$0.name, $0.value] }
    }
}

/// A response: status, headers (names lower-cased), body.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends requests. The libcurl transport is the real one; tests may put a fault-injecting
/// server behind it, never a mock in front of it.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// Signs a request (SigV4 for AWS); the client signs every attempt anew, so a retried
/// request carries a fresh date.
public protocol RequestSigner: Sendable {
    func signed(_ request: HTTPRequest, at date: Date) throws -> HTTPRequest
}

import Foundation

import AWSClient
import DynamoAPI
import DynamoModel
import NIOCore
import NIOHTTP1

/// What runs a decoded request: the seam between the HTTP server and a store.
///
/// Synchronous on purpose: the embedded engine's methods are synchronous and thread-safe, so
/// the server calls them on the thread that read the request, with no task or executor hop per
/// request. Errors thrown should be `DynamoError`; anything else becomes a 500.
public protocol JSONRequestHandling: Sendable {
    func handle(_ operation: Operation, json: JSONValue) throws -> JSONValue
}

/// Serves any synchronous backend (the embedded engine) through its wire-level dispatcher.
public struct SynchronousBackendHandler: JSONRequestHandling {
    public let backend: any SynchronousDynamoBackend

    public init(_ backend: any SynchronousDynamoBackend) { self.backend = backend }

    public func handle(_ operation: Operation, json: JSONValue) throws -> JSONValue {
        try backend.callSynchronously(operation, json: json)
    }
}

/// One answer, before the HTTP layer adds the request id and the CRC32.
struct RoutedResponse {
    var status: HTTPResponseStatus
    var contentType: String
    var body: [UInt8]

    static let jsonContentType = "application/x-amz-json-1.0"

    init(status: HTTPResponseStatus, contentType: String = jsonContentType, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// DynamoDB's error body, with DynamoDB's status for the error.
    init(error: DynamoError, status: HTTPResponseStatus? = nil) {
        var out: [UInt8] = []
        error.wireJSON.write(to: &out, indent: nil, level: 0)
        self.init(status: status ?? HTTPResponseStatus(statusCode: error.httpStatus), body: out)
    }
}

/// Routing and error mapping, free of channels so it can be tested and reasoned about alone:
/// `GET /` is the health check; everything else must be a `POST` of
/// `application/x-amz-json-1.0` (or `application/json`) naming an operation of either service
/// in `X-Amz-Target`, as DynamoDB and DynamoDB Local take it.
struct RequestRouter: Sendable {
    let handler: any JSONRequestHandling
    let verifier: SignatureVerifier?

    static let healthBody = Array("healthy: iops serve".utf8)

    func respond(to head: HTTPRequestHead, body: ByteBuffer?) -> RoutedResponse {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if head.method == .GET || head.method == .HEAD {
            guard path == "/" else {
                return RoutedResponse(error: DynamoError(.unknownOperation, "No route for \(head.method.rawValue) \(path): the API takes POST /; GET / is the health check"), status: .notFound)
            }
            return RoutedResponse(status: .ok, contentType: "text/plain; charset=utf-8", body: Self.healthBody)
        }
        guard head.method == .POST else {
            return RoutedResponse(error: DynamoError(.unknownOperation, "DynamoDB takes POST requests, not \(head.method.rawValue)"), status: .methodNotAllowed)
        }
        var bytes: [UInt8] = []
        if var body {
            bytes = body.readBytes(length: body.readableBytes) ?? []
        }
        if let verifier {
            do {
                try verifier.verify(Self.signable(head: head, body: bytes))
            } catch {
                return RoutedResponse(error: error)
            }
        }
        let contentType = head.headers.first(name: "content-type") ?? ""
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaType == "application/x-amz-json-1.0" || mediaType == "application/json" else {
            let shown = contentType.isEmpty ? "no Content-Type" : "Content-Type \(contentType)"
            return RoutedResponse(error: DynamoError(.serialization, "Unsupported \(shown): DynamoDB requests are application/x-amz-json-1.0"))
        }
        guard let target = head.headers.first(name: "x-amz-target") else {
            return RoutedResponse(error: DynamoError(.unknownOperation, "Missing X-Amz-Target header: it names the operation (DynamoDB_20120810.GetItem)"))
        }
        let operation: Operation
        do {
            operation = try Operation(target: target)
        } catch {
            return RoutedResponse(error: error)
        }
        let json: JSONValue
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            json = .object([:])  // an empty body is an empty request, as the SDKs send for ListTables
        } else {
            do {
                json = try JSONValue.parse(bytes: bytes)
            } catch {
                return RoutedResponse(error: DynamoError(.serialization, "Malformed JSON at \(error.description)"))
            }
        }
        guard case .object = json else {
            return RoutedResponse(error: DynamoError(.serialization, "The request body must be a JSON object, not \(json.typeName)"))
        }
        do {
            let result = try handler.handle(operation, json: json)
            var out: [UInt8] = []
            out.reserveCapacity(256)
            result.write(to: &out, indent: nil, level: 0)
            return RoutedResponse(status: .ok, body: out)
        } catch let error as DynamoError {
            return RoutedResponse(error: error)
        } catch {
            return RoutedResponse(error: DynamoError(.internalServerError, "Internal server error: \(error)"))
        }
    }

    /// The request as the signer sees it. Only built when signatures are checked.
    static func signable(head: HTTPRequestHead, body: [UInt8]) -> HTTPRequest {
        let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(head.headers.count)
        for header in head.headers { headers.append((name: header.name, value: header.value)) }
        return HTTPRequest(
            method: head.method.rawValue, scheme: "http", host: head.headers.first(name: "host") ?? "",
            path: parts.first.map(String.init) ?? "/", query: parts.count > 1 ? String(parts[1]) : "",
            headers: headers, body: body)
    }
}

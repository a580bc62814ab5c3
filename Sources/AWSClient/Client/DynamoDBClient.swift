import DynamoAPI
import DynamoModel
import Foundation

extension DynamoError.Code {
    /// No HTTP response: the connection failed, broke or timed out (the message says which).
    public static let networkingError = DynamoError.Code(rawValue: "NetworkingError")
    /// The server answered with a body that is not DynamoDB's JSON (a proxy's HTML page, a
    /// truncated body, a checksum mismatch); the message names the HTTP status.
    public static let invalidResponse = DynamoError.Code(rawValue: "InvalidResponse")
}

/// The remote target: DynamoDB's JSON 1.0 protocol over HTTP, each attempt signed anew, with
/// the SDKs' standard retry mode.
///
/// Every error it throws is a `DynamoError`, as `DynamoBackend` promises, so a script sees
/// the same errors as on the embedded engine; transport failures use `NetworkingError`. Only
/// the signer's own errors and `CancellationError` pass through unchanged.
public final class DynamoDBClient: DynamoBackend, Sendable {
    public struct Configuration: Sendable {
        /// Region for the default endpoints (the signer carries its own for the signature).
        public var region: String
        /// Explicit endpoint (DynamoDB Local, moto, a proxy): both DynamoDB and Streams go
        /// there. Nil for AWS's endpoints of `region`.
        public var endpoint: Endpoint?
        /// Used when the client makes its own `CurlTransport`.
        public var connectTimeout: Duration
        /// Used when the client makes its own `CurlTransport`: the whole attempt.
        public var timeout: Duration
        public var retry: RetryOptions
        /// Receives one line per request, response and retry, with timings. The signature and
        /// security token never appear in them.
        public var debug: (@Sendable (String) -> Void)?
        /// Waits between retries; tests replace it to run instantly.
        public var sleep: @Sendable (Duration) async throws -> Void
        /// A number in `0..<1` for the retry jitter; tests make it fixed.
        public var random: @Sendable () -> Double
        /// The signing time of each attempt.
        public var now: @Sendable () -> Date
        public var userAgent: String

        public init(region: String, endpoint: Endpoint? = nil, connectTimeout: Duration = .seconds(5),
                    timeout: Duration = .seconds(60), retry: RetryOptions = RetryOptions(),
                    debug: (@Sendable (String) -> Void)? = nil) {
            self.region = region
            self.endpoint = endpoint
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.retry = retry
            self.debug = debug
            self.sleep = { duration in try await Task.sleep(for: duration) }
            self.random = { Double.random(in: 0..<1) }
            self.now = { Date() }
            self.userAgent = "iops"
        }

        /// Parses the endpoint URL (`http://localhost:8000`).
        public init(region: String, endpointURL: String, connectTimeout: Duration = .seconds(5),
                    timeout: Duration = .seconds(60), retry: RetryOptions = RetryOptions(),
                    debug: (@Sendable (String) -> Void)? = nil) throws(DynamoError) {
            self.init(region: region, endpoint: try Endpoint(url: endpointURL), connectTimeout: connectTimeout,
                      timeout: timeout, retry: retry, debug: debug)
        }

        /// Attempts per request, the first included.
        public var maxAttempts: Int {
            get { retry.maxAttempts }
            set { retry.maxAttempts = newValue }
        }

        /// Where an operation of `service` is sent.
        public func endpoint(for service: DynamoOperation.Service) -> Endpoint {
            if let endpoint { return endpoint }
            switch service {
            case .dynamoDB: return .aws(service: "dynamodb", region: region)
            case .dynamoDBStreams: return .aws(service: "streams.dynamodb", region: region)
            }
        }
    }

    public let configuration: Configuration
    private let signer: any RequestSigner
    private let transport: any HTTPTransport
    private let quota: RetryQuota

    /// `signer` signs for service `dynamodb` (Streams too). Without a `transport`, the client
    /// makes a `CurlTransport` with the configured timeouts.
    public init(configuration: Configuration, signer: any RequestSigner, transport: (any HTTPTransport)? = nil) {
        self.configuration = configuration
        self.signer = signer
        self.transport = transport ?? CurlTransport(options: .init(
            connectTimeout: configuration.connectTimeout, timeout: configuration.timeout))
        self.quota = RetryQuota(capacity: configuration.retry.quotaCapacity)
    }

    /// Tokens left in the retry quota.
    public var retryQuotaTokens: Int { quota.tokens }

    // MARK: Sending

    /// Sends one operation's JSON body and returns the response's JSON, retrying as the
    /// standard mode does. What `iops api` needs without decoding the shapes twice.
    public func send(_ operation: DynamoOperation, body: JSONValue) async throws -> JSONValue {
        let endpoint = configuration.endpoint(for: operation.service)
        let retry = configuration.retry
        let maxAttempts = max(1, retry.maxAttempts)
        var request = HTTPRequest(method: "POST", scheme: endpoint.scheme, host: endpoint.host, port: endpoint.port,
                                  path: endpoint.path, body: Array(body.compactText.utf8))
        request.setHeader("Host", request.hostHeader)
        request.setHeader("Content-Type", "application/x-amz-json-1.0")
        request.setHeader("X-Amz-Target", operation.target)
        request.setHeader("User-Agent", configuration.userAgent)
        request.setHeader("Accept-Encoding", "identity")

        var lastRetryCost: Int?
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            // A signer's error (no credentials, say) passes through as it is: it says more than
            // any code this client could give it.
            let signed = try signer.signed(request, at: configuration.now())
            log { "→ \(signed.method) \(signed.url) \(operation.target) attempt \(attempt)/\(maxAttempts), \(signed.body.count) bytes; " + Redaction.headerLine(signed.headers) }

            let started = ContinuousClock.now
            let failure: (error: DynamoError, retry: RetryClass)
            do {
                let response = try await transport.send(signed)
                let elapsed = started.duration(to: .now)
                log { "← \(response.status) \(operation.target) in \(Self.format(elapsed)), \(response.body.count) bytes" + Self.requestID(response) }
                switch Self.interpret(response, operation: operation) {
                case .success(let json):
                    quota.release(lastRetryCost ?? retry.noRetryIncrement)
                    return json
                case .failure(let error, let retryClass):
                    failure = (error, retryClass)
                }
            } catch let error as TransportError {
                let elapsed = started.duration(to: .now)
                log { "← \(operation.target) failed in \(Self.format(elapsed)): \(error)" }
                failure = (DynamoError(.networkingError, "\(operation.rawValue) to \(error.url): \(error.kind.rawValue)"
                    + (error.detail.isEmpty ? "" : " (\(error.detail))")), RetryOptions.classify(error))
            }

            var error = failure.error
            guard failure.retry.isRetryable else {
                if attempt > 1 { error.message += " (after \(attempt) attempts)" }
                throw error
            }
            guard attempt < maxAttempts else {
                error.message += " (gave up after \(attempt) attempt\(attempt == 1 ? "" : "s"))"
                throw error
            }
            let cost = failure.retry == .timeout ? retry.timeoutRetryCost : retry.retryCost
            guard quota.acquire(cost) else {
                error.message += " (gave up after \(attempt) attempt\(attempt == 1 ? "" : "s"): the retry quota is exhausted)"
                throw error
            }
            lastRetryCost = cost
            let delay = retry.delay(beforeRetry: attempt - 1, random: configuration.random())
            log { "retrying \(operation.target) in \(Self.format(delay)) (attempt \(attempt + 1)/\(maxAttempts)) after \(error.code.rawValue)" }
            try await configuration.sleep(delay)
        }
    }

    private enum Outcome {
        case success(JSONValue)
        case failure(DynamoError, RetryClass)
    }

    /// Reads a response as the SDKs do: a 2xx body is the output; any other body is an error
    /// whose code follows the last `#` of `__type`. A body that is not JSON is one error that
    /// names the status; a 5xx is retried whatever its body.
    private static func interpret(_ response: HTTPResponse, operation: DynamoOperation) -> Outcome {
        let status = response.status
        let statusRetry: RetryClass = RetryOptions.transientStatuses.contains(status) ? .transient : .none
        if let expected = response.headers["x-amz-crc32"], let value = UInt32(expected), CRC32.checksum(response.body) != value {
            // The body was damaged in transit (botocore retries this for DynamoDB).
            return .failure(DynamoError(.invalidResponse, "HTTP \(status) response to \(operation.rawValue) failed its CRC32 check"), .transient)
        }
        let json = parseObject(response.body)
        if (200..<300).contains(status) {
            if let json { return .success(json) }
            return .failure(DynamoError(.invalidResponse, "HTTP \(status) response to \(operation.rawValue) is not JSON: \(snippet(response.body))"), .none)
        }
        guard let json, json["__type"] != nil || json["message"] != nil || json["Message"] != nil else {
            let what = response.body.isEmpty ? "has no body" : "is not a DynamoDB error: \(snippet(response.body))"
            return .failure(DynamoError(.invalidResponse, "HTTP \(status) response to \(operation.rawValue) \(what)"), statusRetry)
        }
        let error = DynamoError(wireJSON: json, httpStatus: status)
        let retryClass = RetryOptions.classify(code: error.code, httpStatus: status)
        return .failure(error, retryClass)
    }

    private static func parseObject(_ body: [UInt8]) -> JSONValue? {
        guard let text = String(validating: body, as: UTF8.self),
              let json = try? JSONValue.parse(text), json.objectValue != nil else { return nil }
        return json
    }

    /// The start of a body, for an error message about it.
    private static func snippet(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(120), as: UTF8.self)
        let oneLine = text.map { $0.isNewline ? " " : String($0) }.joined()
        return "'" + oneLine + (body.count > 120 ? "…'" : "'")
    }

    private static func requestID(_ response: HTTPResponse) -> String {
        guard let id = response.headers["x-amzn-requestid"] ?? response.headers["x-amz-request-id"] else { return "" }
        return ", request id \(id)"
    }

    static func format(_ duration: Duration) -> String {
        let ms = seconds(duration) * 1000
        return ms < 10 ? String(format: "%.2f ms", ms) : String(format: "%.0f ms", ms)
    }

    private func log(_ line: () -> String) {
        if let debug = configuration.debug { debug(line()) }
    }

    private func perform<Input: OperationInput, Output: OperationOutput>(
        _ operation: DynamoOperation, _ input: Input, as output: Output.Type = Output.self
    ) async throws -> Output {
        let json = try await send(operation, body: input.json)
        return try Output(json: json)
    }

    // MARK: DynamoBackend

    public func createTable(_ input: CreateTableInput) async throws -> CreateTableOutput { try await perform(.createTable, input) }
    public func describeTable(_ input: DescribeTableInput) async throws -> DescribeTableOutput { try await perform(.describeTable, input) }
    public func listTables(_ input: ListTablesInput) async throws -> ListTablesOutput { try await perform(.listTables, input) }
    public func deleteTable(_ input: DeleteTableInput) async throws -> DeleteTableOutput { try await perform(.deleteTable, input) }
    public func updateTable(_ input: UpdateTableInput) async throws -> UpdateTableOutput { try await perform(.updateTable, input) }

    public func putItem(_ input: PutItemInput) async throws -> PutItemOutput { try await perform(.putItem, input) }
    public func getItem(_ input: GetItemInput) async throws -> GetItemOutput { try await perform(.getItem, input) }
    public func deleteItem(_ input: DeleteItemInput) async throws -> DeleteItemOutput { try await perform(.deleteItem, input) }
    public func updateItem(_ input: UpdateItemInput) async throws -> UpdateItemOutput { try await perform(.updateItem, input) }
    public func query(_ input: QueryInput) async throws -> QueryOutput { try await perform(.query, input) }
    public func scan(_ input: ScanInput) async throws -> ScanOutput { try await perform(.scan, input) }
    public func batchGetItem(_ input: BatchGetItemInput) async throws -> BatchGetItemOutput { try await perform(.batchGetItem, input) }
    public func batchWriteItem(_ input: BatchWriteItemInput) async throws -> BatchWriteItemOutput { try await perform(.batchWriteItem, input) }
    public func transactWriteItems(_ input: TransactWriteItemsInput) async throws -> TransactWriteItemsOutput {
        try await perform(.transactWriteItems, input)
    }
    public func transactGetItems(_ input: TransactGetItemsInput) async throws -> TransactGetItemsOutput {
        try await perform(.transactGetItems, input)
    }

    public func updateTimeToLive(_ input: UpdateTimeToLiveInput) async throws -> UpdateTimeToLiveOutput {
        try await perform(.updateTimeToLive, input)
    }
    public func describeTimeToLive(_ input: DescribeTimeToLiveInput) async throws -> DescribeTimeToLiveOutput {
        try await perform(.describeTimeToLive, input)
    }
    public func updateContinuousBackups(_ input: UpdateContinuousBackupsInput) async throws -> UpdateContinuousBackupsOutput {
        try await perform(.updateContinuousBackups, input)
    }
    public func describeContinuousBackups(_ input: DescribeContinuousBackupsInput) async throws -> DescribeContinuousBackupsOutput {
        try await perform(.describeContinuousBackups, input)
    }
    public func restoreTableToPointInTime(_ input: RestoreTableToPointInTimeInput) async throws -> RestoreTableToPointInTimeOutput {
        try await perform(.restoreTableToPointInTime, input)
    }

    public func tagResource(_ input: TagResourceInput) async throws -> TagResourceOutput { try await perform(.tagResource, input) }
    public func untagResource(_ input: UntagResourceInput) async throws -> UntagResourceOutput { try await perform(.untagResource, input) }
    public func listTagsOfResource(_ input: ListTagsOfResourceInput) async throws -> ListTagsOfResourceOutput {
        try await perform(.listTagsOfResource, input)
    }

    public func listStreams(_ input: ListStreamsInput) async throws -> ListStreamsOutput { try await perform(.listStreams, input) }
    public func describeStream(_ input: DescribeStreamInput) async throws -> DescribeStreamOutput { try await perform(.describeStream, input) }
    public func getShardIterator(_ input: GetShardIteratorInput) async throws -> GetShardIteratorOutput {
        try await perform(.getShardIterator, input)
    }
    public func getRecords(_ input: GetRecordsInput) async throws -> GetRecordsOutput { try await perform(.getRecords, input) }
}

/// Header values safe to print: the signature and session token are replaced.
public enum Redaction {
    /// `Authorization` keeps its algorithm, credential scope and signed headers (useful when a
    /// signature is refused) but not the signature; token and cookie headers lose their value.
    public static func value(ofHeader name: String, _ value: String) -> String {
        switch name.lowercased() {
        case "authorization", "proxy-authorization":
            guard let range = value.range(of: "Signature=") else {
                let scheme = value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
                return scheme.isEmpty || scheme == value ? "<redacted>" : "\(scheme) <redacted>"
            }
            let end = value[range.upperBound...].firstIndex(where: { $0 == "," || $0 == " " }) ?? value.endIndex
            return String(value[..<range.upperBound]) + "<redacted>" + String(value[end...])
        case "x-amz-security-token", "cookie", "set-cookie":
            return "<redacted>"
        default:
            return value
        }
    }

    /// All headers on one line, redacted.
    public static func headerLine(_ headers: [(name: String, value: String)]) -> String {
        var parts: [String] = []
        for header in headers { parts.append("\(header.name): \(value(ofHeader: header.name, header.value))") }
        return parts.joined(separator: "; ")
    }
}

/// CRC-32 (IEEE), for DynamoDB's `x-amz-crc32` response header.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index -> UInt32 in
        var c = UInt32(index)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension DynamoDBClient: RawRequestSending {}

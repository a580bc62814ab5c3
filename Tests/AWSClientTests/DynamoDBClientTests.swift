import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import AWSClient

/// Stands in for SigV4 (from another branch): adds the headers a signed request carries, with
/// a recognisable fake signature and token so the tests can check they are never logged.
struct FakeSigner: RequestSigner {
    static let signature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
    static let token = "FQoGZXIvYXdzEXAMPLESESSIONTOKEN"

    func signed(_ request: HTTPRequest, at date: Date) throws -> HTTPRequest {
        var signed = request
        signed.setHeader("X-Amz-Date", "20260101T000000Z")
        signed.setHeader("X-Amz-Security-Token", Self.token)
        signed.setHeader("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=\(Self.signature)")
        return signed
    }
}

/// Collects what the client's injected hooks see.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var _sleeps: [Duration] = []
    private var _lines: [String] = []
    private var _progress: [BatchProgress] = []
    var sleeps: [Duration] { lock.withLock { _sleeps } }
    var lines: [String] { lock.withLock { _lines } }
    var progress: [BatchProgress] { lock.withLock { _progress } }
    func sleep(_ d: Duration) { lock.withLock { _sleeps.append(d) } }
    func log(_ line: String) { lock.withLock { _lines.append(line) } }
    func record(_ p: BatchProgress) { lock.withLock { _progress.append(p) } }
}

func makeClient(_ server: TestHTTPServer, recorder: Recorder, maxAttempts: Int = 3, timeout: Duration = .seconds(10),
                retry: RetryOptions? = nil) throws -> DynamoDBClient {
    var options = retry ?? RetryOptions()
    options.maxAttempts = maxAttempts
    var configuration = try DynamoDBClient.Configuration(region: "us-east-1", endpointURL: server.url, timeout: timeout,
                                                         retry: options, debug: { recorder.log($0) })
    configuration.sleep = { recorder.sleep($0) }
    configuration.random = { 0.5 }
    return DynamoDBClient(configuration: configuration, signer: FakeSigner())
}

let validationBody = #"{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"One or more parameter values were invalid"}"#
let throttleBody = #"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Rate exceeded"}"#

@Suite struct DynamoDBClientTests {
    @Test func sendsTheJSONProtocolRequest() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 200, body: #"{"Item":{"pk":{"S":"a"},"n":{"N":"1.50"}}}"#))
        let recorder = Recorder()
        let client = try makeClient(server, recorder: recorder)
        let output = try await client.getItem(GetItemInput(tableName: "T", key: ["pk": .s("a")]))
        #expect(output.item?["n"] == .n(try DynamoNumber("1.50")))
        let received = try #require(server.received.first)
        #expect(received.method == "POST")
        #expect(received.path == "/")
        #expect(received.headers["x-amz-target"] == "DynamoDB_20120810.GetItem")
        #expect(received.headers["content-type"] == "application/x-amz-json-1.0")
        #expect(received.headers["host"] == "127.0.0.1:\(server.port)")
        #expect(received.headers["authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") == true)
        #expect(try JSONValue.parse(received.bodyText) == GetItemInput(tableName: "T", key: ["pk": .s("a")]).json)
    }

    @Test func streamsOperationsUseTheirTargetPrefix() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 200, body: #"{"Streams":[]}"#))
        let client = try makeClient(server, recorder: Recorder())
        let output = try await client.listStreams(ListStreamsInput(tableName: "T"))
        #expect(output.streams == [])
        #expect(server.received.first?.headers["x-amz-target"] == "DynamoDBStreams_20120810.ListStreams")
    }

    @Test func defaultEndpointsPerService() throws {
        let configuration = DynamoDBClient.Configuration(region: "eu-west-1")
        #expect(configuration.endpoint(for: .dynamoDB).description == "https://dynamodb.eu-west-1.amazonaws.com/")
        #expect(configuration.endpoint(for: .dynamoDBStreams).description == "https://streams.dynamodb.eu-west-1.amazonaws.com/")
        #expect(DynamoDBClient.Configuration(region: "cn-north-1").endpoint(for: .dynamoDB).host == "dynamodb.cn-north-1.amazonaws.com.cn")
        let local = try DynamoDBClient.Configuration(region: "eu-west-1", endpointURL: "http://localhost:8000")
        #expect(local.endpoint(for: .dynamoDBStreams) == Endpoint(scheme: "http", host: "localhost", port: 8000, path: "/"))
    }

    @Test func endpointURLsParse() throws {
        #expect(try Endpoint(url: "HTTPS://Example.com") == Endpoint(scheme: "https", host: "example.com", port: nil, path: "/"))
        #expect(try Endpoint(url: "http://127.0.0.1:4566/dynamo") == Endpoint(scheme: "http", host: "127.0.0.1", port: 4566, path: "/dynamo"))
        #expect(try Endpoint(url: "http://[::1]:8000/") == Endpoint(scheme: "http", host: "[::1]", port: 8000, path: "/"))
        for bad in ["localhost:8000", "ftp://h", "http://:80", "http://h:0", "http://h:99999", "http://h:x", "http://u@h", "http://h/?q=1"] {
            #expect(throws: DynamoError.self, "\(bad)") { try Endpoint(url: bad) }
        }
    }

    @Test func validationErrorsAreParsedAndNotRetried() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 400, body: validationBody))
        let recorder = Recorder()
        let client = try makeClient(server, recorder: recorder)
        let error = await #expect(throws: DynamoError.self) { try await client.putItem(PutItemInput(tableName: "T", item: ["pk": .s("a")])) }
        #expect(error?.code == .validation)
        #expect(error?.message == "One or more parameter values were invalid")
        #expect(server.received.count == 1)
        #expect(recorder.sleeps.isEmpty)
    }

    @Test func conditionalCheckFailedIsNotRetriedAndKeepsTheItem() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 400, body: #"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","Message":"The conditional request failed","Item":{"pk":{"S":"a"}}}"#))
        let client = try makeClient(server, recorder: Recorder())
        let error = await #expect(throws: DynamoError.self) { try await client.deleteItem(DeleteItemInput(tableName: "T", key: ["pk": .s("a")])) }
        #expect(error?.code == .conditionalCheckFailed)
        #expect(error?.message == "The conditional request failed")
        #expect(error?.item == ["pk": .s("a")])
        #expect(server.received.count == 1)
    }

    @Test func resourceNotFoundIsNotRetried() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 400, body: #"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}"#))
        let client = try makeClient(server, recorder: Recorder())
        let error = await #expect(throws: DynamoError.self) { try await client.describeTable(DescribeTableInput(tableName: "T")) }
        #expect(error?.code == .resourceNotFound)
        #expect(server.received.count == 1)
    }

    @Test func throttlingIsRetriedWithJitteredBackoffThenSucceeds() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 400, body: throttleBody),
                       .respond(status: 400, body: #"{"__type":"com.amazon.coral.availability#ThrottlingException","message":"slow down"}"#),
                       .respond(status: 200, body: #"{"TableNames":["a"]}"#))
        let recorder = Recorder()
        let client = try makeClient(server, recorder: recorder)
        let output = try await client.listTables(ListTablesInput())
        #expect(output.tableNames == ["a"])
        #expect(server.received.count == 3)
        // random 0.5 × 50 ms × 2^retry
        #expect(recorder.sleeps == [.milliseconds(25), .milliseconds(50)])
        // Two retries cost 10 tokens; the success refunds the last retry's 5.
        #expect(client.retryQuotaTokens == 495)
    }

    @Test(arguments: ["TransactionInProgressException", "RequestLimitExceeded", "TooManyRequestsException", "LimitExceededException"])
    func otherThrottlingCodesAreRetried(code: String) async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 400, body: #"{"__type":"com.amazonaws.dynamodb.v20120810#\#(code)","message":"busy"}"#))
        let client = try makeClient(server, recorder: Recorder())
        _ = try await client.listTables(ListTablesInput())
        #expect(server.received.count == 2)
    }

    @Test func serverErrorsStopAtMaxAttemptsWithAClearMessage() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.setFallback(.respond(status: 500, body: #"{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal server error"}"#))
        let recorder = Recorder()
        let client = try makeClient(server, recorder: recorder)
        let error = await #expect(throws: DynamoError.self) { try await client.scan(ScanInput(tableName: "T")) }
        #expect(error?.code == .internalServerError)
        #expect(error?.message.contains("gave up after 3 attempts") == true)
        #expect(server.received.count == 3)
        #expect(recorder.sleeps.count == 2)
    }

    @Test func maxAttemptsIsConfigurable() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.setFallback(.respond(status: 503, body: "<html>Service Unavailable</html>"))
        let client = try makeClient(server, recorder: Recorder(), maxAttempts: 5)
        let error = await #expect(throws: DynamoError.self) { try await client.query(QueryInput(tableName: "T")) }
        // A non-JSON 5xx is one error naming the status, and still retried.
        #expect(error?.code == .invalidResponse)
        #expect(error?.message.contains("HTTP 503") == true)
        #expect(error?.message.contains("gave up after 5 attempts") == true)
        #expect(server.received.count == 5)
    }

    @Test func gatewayErrorsThenSuccess() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 502, body: ""), .respond(status: 504, body: "gateway timeout"),
                       .respond(status: 200, body: "{}"))
        let client = try makeClient(server, recorder: Recorder())
        _ = try await client.deleteTable(DeleteTableInput(tableName: "T"))
        #expect(server.received.count == 3)
    }

    @Test func garbageSuccessBodyIsOneClearErrorAndNotRetried() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 200, body: "<html>captive portal</html>"))
        let client = try makeClient(server, recorder: Recorder())
        let error = await #expect(throws: DynamoError.self) { try await client.listTables(ListTablesInput()) }
        #expect(error?.code == .invalidResponse)
        #expect(error?.message.contains("HTTP 200") == true)
        #expect(error?.message.contains("captive portal") == true)
        #expect(server.received.count == 1)
    }

    @Test func nonJSONClientErrorNamesTheStatus() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 413, body: "Request Entity Too Large"))
        let client = try makeClient(server, recorder: Recorder())
        let error = await #expect(throws: DynamoError.self) { try await client.listTables(ListTablesInput()) }
        #expect(error?.code == .invalidResponse)
        #expect(error?.message.contains("HTTP 413") == true)
        #expect(server.received.count == 1)
    }

    @Test func droppedConnectionIsRetried() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.drop, .respond(status: 200, body: #"{"TableNames":[]}"#))
        let client = try makeClient(server, recorder: Recorder())
        _ = try await client.listTables(ListTablesInput())
        #expect(server.received.count == 2)
    }

    @Test func timeoutFiresIsRetriedAndGivesUp() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.setFallback(.respond(status: 200, body: "{}", delay: 60))
        let recorder = Recorder()
        let client = try makeClient(server, recorder: recorder, maxAttempts: 2, timeout: .milliseconds(300))
        let started = ContinuousClock.now
        let error = await #expect(throws: DynamoError.self) { try await client.listTables(ListTablesInput()) }
        // Two 300 ms attempts; loose because the suite shares two cores, far below the 60 s answer.
        #expect(started.duration(to: .now) < .seconds(40))
        #expect(error?.code == .networkingError)
        #expect(error?.message.contains("timed out") == true)
        #expect(error?.message.contains("gave up after 2 attempts") == true)
        #expect(server.received.count == 2)
        // A timeout retry costs 10 tokens and nothing was refunded.
        #expect(client.retryQuotaTokens == 490)
    }

    @Test func connectionRefusedIsRetriedThenReported() async throws {
        let port = try unusedLoopbackPort()
        let recorder = Recorder()
        var configuration = try DynamoDBClient.Configuration(region: "us-east-1", endpointURL: "http://127.0.0.1:\(port)")
        configuration.sleep = { recorder.sleep($0) }
        let client = DynamoDBClient(configuration: configuration, signer: FakeSigner())
        let error = await #expect(throws: DynamoError.self) { try await client.listTables(ListTablesInput()) }
        #expect(error?.code == .networkingError)
        #expect(error?.message.contains("connection refused") == true)
        #expect(error?.message.contains("gave up after 3 attempts") == true)
        #expect(recorder.sleeps.count == 2)
    }

    @Test func exhaustedRetryQuotaStopsRetrying() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.setFallback(.respond(status: 400, body: throttleBody))
        let client = try makeClient(server, recorder: Recorder(), maxAttempts: 10, retry: RetryOptions(quotaCapacity: 12))
        let error = await #expect(throws: DynamoError.self) { try await client.listTables(ListTablesInput()) }
        #expect(error?.code == .provisionedThroughputExceeded)
        #expect(error?.message.contains("retry quota is exhausted") == true)
        #expect(error?.message.contains("after 3 attempts") == true)
        #expect(server.received.count == 3)
    }

    @Test func checksumMismatchIsRetried() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let body = #"{"TableNames":["x"]}"#
        let good = CRC32.checksum(Array(body.utf8))
        server.enqueue(.respond(status: 200, body: body, headers: ["x-amz-crc32": "\(good &+ 1)"]),
                       .respond(status: 200, body: body, headers: ["x-amz-crc32": "\(good)"]))
        let client = try makeClient(server, recorder: Recorder())
        let output = try await client.listTables(ListTablesInput())
        #expect(output.tableNames == ["x"])
        #expect(server.received.count == 2)
    }

    @Test func debugLogHasTimingsButNeverTheSignatureOrToken() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 400, body: throttleBody), .respond(status: 200, body: "{}"))
        let recorder = Recorder()
        let client = try makeClient(server, recorder: recorder)
        _ = try await client.putItem(PutItemInput(tableName: "T", item: ["pk": .s("a")]))
        let lines = recorder.lines
        #expect(lines.count == 5)  // request, response, retry, request, response
        #expect(lines.contains { $0.hasPrefix("→ POST http://127.0.0.1:\(server.port)/ DynamoDB_20120810.PutItem attempt 1/3") })
        #expect(lines.contains { $0.hasPrefix("← 200 DynamoDB_20120810.PutItem in ") && $0.contains(" ms") && $0.contains("request id REQ2") })
        #expect(lines.contains { $0.hasPrefix("retrying DynamoDB_20120810.PutItem in 25 ms") })
        #expect(lines.contains { $0.contains("Signature=<redacted>") && $0.contains("Credential=AKIDEXAMPLE/") })
        for line in lines {
            #expect(!line.contains(FakeSigner.signature))
            #expect(!line.contains(FakeSigner.token))
        }
    }

    @Test func redactionCoversOtherAuthorizationForms() {
        #expect(Redaction.value(ofHeader: "Authorization", "Bearer abc.def") == "Bearer <redacted>")
        #expect(Redaction.value(ofHeader: "authorization", "secret") == "<redacted>")
        #expect(Redaction.value(ofHeader: "X-AMZ-SECURITY-TOKEN", "tok") == "<redacted>")
        #expect(Redaction.value(ofHeader: "X-Amz-Target", "DynamoDB_20120810.Scan") == "DynamoDB_20120810.Scan")
    }

    @Test func backoffIsFullJitterCappedAt20Seconds() {
        let options = RetryOptions()
        #expect(options.delay(beforeRetry: 0, random: 1) == .milliseconds(50))
        #expect(options.delay(beforeRetry: 3, random: 1) == .milliseconds(400))
        #expect(options.delay(beforeRetry: 3, random: 0) == .zero)
        #expect(options.delay(beforeRetry: 20, random: 1) == .seconds(20))
        #expect(options.delay(beforeRetry: 1000, random: 0.5) == .seconds(10))
    }

    @Test func classification() {
        for code in ["ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
                     "TooManyRequestsException", "LimitExceededException", "TransactionInProgressException"] {
            #expect(RetryOptions.classify(code: .init(rawValue: code), httpStatus: 400) == .throttling)
        }
        for code in ["ValidationException", "ConditionalCheckFailedException", "ResourceNotFoundException",
                     "TransactionCanceledException", "ResourceInUseException", "AccessDeniedException"] {
            #expect(RetryOptions.classify(code: .init(rawValue: code), httpStatus: 400) == RetryClass.none)
        }
        #expect(RetryOptions.classify(code: .internalServerError, httpStatus: 500) == .transient)
        #expect(RetryOptions.classify(code: .init(rawValue: "X"), httpStatus: 501) == RetryClass.none)
    }

    @Test func batchWriteAllResendsUnprocessedItemsUntilDone() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let leftover = #"{"UnprocessedItems":{"T":[{"PutRequest":{"Item":{"pk":{"S":"k3"}}}}]}}"#
        server.enqueue(.respond(status: 200, body: leftover), .respond(status: 200, body: #"{"UnprocessedItems":{}}"#))
        let recorder = Recorder()
        let client = try makeClient(server, recorder: recorder)
        var writes: [WriteRequest] = []
        for i in 0..<27 { writes.append(WriteRequest(putRequest: PutRequest(item: ["pk": .s("k\(i)")]))) }
        try await client.batchWriteAll(BatchWriteItemInput(requestItems: ["T": writes]), progress: { recorder.record($0) })
        let received = server.received
        #expect(received.count == 2)
        let first = try BatchWriteItemInput(json: JSONValue.parse(received[0].bodyText))
        #expect(first.requestItems["T"]?.count == 25)
        // The unprocessed write goes first, with the two that did not fit.
        let second = try BatchWriteItemInput(json: JSONValue.parse(received[1].bodyText))
        #expect(second.requestItems["T"]?.map { $0.putRequest?.item["pk"] } == [.s("k3"), .s("k25"), .s("k26")])
        #expect(recorder.progress.map(\.completed) == [24, 27])
        #expect(recorder.progress.last == BatchProgress(completed: 27, total: 27, requests: 2, unprocessed: 0))
        #expect(recorder.sleeps == [.milliseconds(25)])
    }

    @Test func batchWriteAllGivesUpWithWhatIsLeft() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.setFallback(.respond(status: 200, body: #"{"UnprocessedItems":{"T":[{"DeleteRequest":{"Key":{"pk":{"S":"a"}}}}]}}"#))
        let client = try makeClient(server, recorder: Recorder())
        let input = BatchWriteItemInput(requestItems: ["T": [WriteRequest(deleteRequest: DeleteRequest(key: ["pk": .s("a")]))]])
        let error = await #expect(throws: BatchIncompleteError.self) { try await client.batchWriteAll(input, maxRetries: 2) }
        #expect(error?.remaining == 1)
        #expect(error?.rounds == 3)
        #expect(server.received.count == 3)
    }

    @Test func batchGetAllResendsUnprocessedKeysAndMergesResponses() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.enqueue(
            .respond(status: 200, body: #"{"Responses":{"T":[{"pk":{"S":"a"}}]},"UnprocessedKeys":{"T":{"Keys":[{"pk":{"S":"b"}}],"ConsistentRead":true}}}"#),
            .respond(status: 200, body: #"{"Responses":{"T":[{"pk":{"S":"b"}}]}}"#))
        let recorder = Recorder()
        let client = try makeClient(server, recorder: recorder)
        let input = BatchGetItemInput(requestItems: ["T": KeysAndAttributes(keys: [["pk": .s("a")], ["pk": .s("b")]], consistentRead: true)])
        let output = try await client.batchGetAll(input, progress: { recorder.record($0) })
        #expect(output.responses?["T"] == [["pk": .s("a")], ["pk": .s("b")]])
        #expect(output.unprocessedKeys == nil)
        let second = try BatchGetItemInput(json: JSONValue.parse(server.received[1].bodyText))
        #expect(second.requestItems["T"] == KeysAndAttributes(keys: [["pk": .s("b")]], consistentRead: true))
        #expect(recorder.progress.map(\.completed) == [1, 2])
    }
}

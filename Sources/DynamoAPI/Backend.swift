import DynamoModel

/// What every target implements: the embedded engine, the HTTP client to real DynamoDB, and
/// whatever `iops serve` fronts. One method per operation; errors thrown are `DynamoError`.
public protocol DynamoBackend: Sendable {
    func createTable(_ input: CreateTableInput) async throws -> CreateTableOutput
    func describeTable(_ input: DescribeTableInput) async throws -> DescribeTableOutput
    func listTables(_ input: ListTablesInput) async throws -> ListTablesOutput
    func deleteTable(_ input: DeleteTableInput) async throws -> DeleteTableOutput
    func updateTable(_ input: UpdateTableInput) async throws -> UpdateTableOutput

    func putItem(_ input: PutItemInput) async throws -> PutItemOutput
    func getItem(_ input: GetItemInput) async throws -> GetItemOutput
    func deleteItem(_ input: DeleteItemInput) async throws -> DeleteItemOutput
    func updateItem(_ input: UpdateItemInput) async throws -> UpdateItemOutput
    func query(_ input: QueryInput) async throws -> QueryOutput
    func scan(_ input: ScanInput) async throws -> ScanOutput
    func batchGetItem(_ input: BatchGetItemInput) async throws -> BatchGetItemOutput
    func batchWriteItem(_ input: BatchWriteItemInput) async throws -> BatchWriteItemOutput
    func transactWriteItems(_ input: TransactWriteItemsInput) async throws -> TransactWriteItemsOutput
    func transactGetItems(_ input: TransactGetItemsInput) async throws -> TransactGetItemsOutput

    func updateTimeToLive(_ input: UpdateTimeToLiveInput) async throws -> UpdateTimeToLiveOutput
    func describeTimeToLive(_ input: DescribeTimeToLiveInput) async throws -> DescribeTimeToLiveOutput
    func updateContinuousBackups(_ input: UpdateContinuousBackupsInput) async throws -> UpdateContinuousBackupsOutput
    func describeContinuousBackups(_ input: DescribeContinuousBackupsInput) async throws -> DescribeContinuousBackupsOutput
    func restoreTableToPointInTime(_ input: RestoreTableToPointInTimeInput) async throws -> RestoreTableToPointInTimeOutput

    /// Tags are optional for a backend: the default implementations throw
    /// `UnknownOperationException`.
    func tagResource(_ input: TagResourceInput) async throws -> TagResourceOutput
    func untagResource(_ input: UntagResourceInput) async throws -> UntagResourceOutput
    func listTagsOfResource(_ input: ListTagsOfResourceInput) async throws -> ListTagsOfResourceOutput

    // DynamoDB Streams
    func listStreams(_ input: ListStreamsInput) async throws -> ListStreamsOutput
    func describeStream(_ input: DescribeStreamInput) async throws -> DescribeStreamOutput
    func getShardIterator(_ input: GetShardIteratorInput) async throws -> GetShardIteratorOutput
    func getRecords(_ input: GetRecordsInput) async throws -> GetRecordsOutput
}

extension DynamoBackend {
    public func tagResource(_ input: TagResourceInput) async throws -> TagResourceOutput {
        throw Operation.tagResource.unsupported
    }
    public func untagResource(_ input: UntagResourceInput) async throws -> UntagResourceOutput {
        throw Operation.untagResource.unsupported
    }
    public func listTagsOfResource(_ input: ListTagsOfResourceInput) async throws -> ListTagsOfResourceOutput {
        throw Operation.listTagsOfResource.unsupported
    }
}

/// Every operation by its wire name, with the service it belongs to.
///
/// Named as the brief asks; where Foundation is imported too, `DynamoOperation` avoids the
/// clash with Foundation's `Operation`.
public enum Operation: String, CaseIterable, Sendable {
    case createTable = "CreateTable"
    case describeTable = "DescribeTable"
    case listTables = "ListTables"
    case deleteTable = "DeleteTable"
    case updateTable = "UpdateTable"
    case putItem = "PutItem"
    case getItem = "GetItem"
    case deleteItem = "DeleteItem"
    case updateItem = "UpdateItem"
    case query = "Query"
    case scan = "Scan"
    case batchGetItem = "BatchGetItem"
    case batchWriteItem = "BatchWriteItem"
    case transactWriteItems = "TransactWriteItems"
    case transactGetItems = "TransactGetItems"
    case updateTimeToLive = "UpdateTimeToLive"
    case describeTimeToLive = "DescribeTimeToLive"
    case updateContinuousBackups = "UpdateContinuousBackups"
    case describeContinuousBackups = "DescribeContinuousBackups"
    case restoreTableToPointInTime = "RestoreTableToPointInTime"
    case tagResource = "TagResource"
    case untagResource = "UntagResource"
    case listTagsOfResource = "ListTagsOfResource"
    case listStreams = "ListStreams"
    case describeStream = "DescribeStream"
    case getShardIterator = "GetShardIterator"
    case getRecords = "GetRecords"

    /// The two services of the API, by their `X-Amz-Target` prefix.
    public enum Service: String, CaseIterable, Sendable {
        case dynamoDB = "DynamoDB_20120810"
        case dynamoDBStreams = "DynamoDBStreams_20120810"

        public var targetPrefix: String { rawValue }
    }

    public var service: Service {
        switch self {
        case .listStreams, .describeStream, .getShardIterator, .getRecords: .dynamoDBStreams
        default: .dynamoDB
        }
    }

    /// `DynamoDB_20120810` or `DynamoDBStreams_20120810`.
    public var targetPrefix: String { service.targetPrefix }

    /// The `X-Amz-Target` header value: `DynamoDB_20120810.PutItem`.
    public var target: String { "\(targetPrefix).\(rawValue)" }

    /// Reads an `X-Amz-Target` header value; the operation must belong to the named service.
    public init(target: String) throws(DynamoError) {
        let parts = target.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2,
              let operation = Operation(rawValue: String(parts[1])),
              operation.targetPrefix == parts[0]
        else {
            throw DynamoError(.unknownOperation, "Unknown operation: \(target)")
        }
        self = operation
    }

    var unsupported: DynamoError {
        DynamoError(.unknownOperation, "\(rawValue) is not supported by this backend")
    }
}

/// `Operation` under a name that does not clash with Foundation's.
public typealias DynamoOperation = Operation

extension DynamoBackend {
    /// Decodes a wire request for `operation`, calls the typed method, encodes the response:
    /// what `iops api OP JSON` and `iops serve` use.
    public func call(_ operation: Operation, json: JSONValue) async throws -> JSONValue {
        switch operation {
        case .createTable: try await dispatch(json, createTable)
        case .describeTable: try await dispatch(json, describeTable)
        case .listTables: try await dispatch(json, listTables)
        case .deleteTable: try await dispatch(json, deleteTable)
        case .updateTable: try await dispatch(json, updateTable)
        case .putItem: try await dispatch(json, putItem)
        case .getItem: try await dispatch(json, getItem)
        case .deleteItem: try await dispatch(json, deleteItem)
        case .updateItem: try await dispatch(json, updateItem)
        case .query: try await dispatch(json, query)
        case .scan: try await dispatch(json, scan)
        case .batchGetItem: try await dispatch(json, batchGetItem)
        case .batchWriteItem: try await dispatch(json, batchWriteItem)
        case .transactWriteItems: try await dispatch(json, transactWriteItems)
        case .transactGetItems: try await dispatch(json, transactGetItems)
        case .updateTimeToLive: try await dispatch(json, updateTimeToLive)
        case .describeTimeToLive: try await dispatch(json, describeTimeToLive)
        case .updateContinuousBackups: try await dispatch(json, updateContinuousBackups)
        case .describeContinuousBackups: try await dispatch(json, describeContinuousBackups)
        case .restoreTableToPointInTime: try await dispatch(json, restoreTableToPointInTime)
        case .tagResource: try await dispatch(json, tagResource)
        case .untagResource: try await dispatch(json, untagResource)
        case .listTagsOfResource: try await dispatch(json, listTagsOfResource)
        case .listStreams: try await dispatch(json, listStreams)
        case .describeStream: try await dispatch(json, describeStream)
        case .getShardIterator: try await dispatch(json, getShardIterator)
        case .getRecords: try await dispatch(json, getRecords)
        }
    }

    private func dispatch<Input: OperationInput, Output: OperationOutput>(
        _ json: JSONValue, _ method: (Input) async throws -> Output
    ) async throws -> JSONValue {
        let input = try Input(json: json)
        return try await method(input).json
    }
}

/// A backend that can send a request body as it is, without decoding it into the typed
/// shapes first: `api OPERATION JSON` then reaches a remote DynamoDB byte for byte, fields
/// iops does not model included.
public protocol RawRequestSending: Sendable {
    func send(_ operation: Operation, body: JSONValue) async throws -> JSONValue
}

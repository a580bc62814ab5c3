import DynamoModel

/// A backend whose operations finish on the calling thread: the embedded engine, whose
/// methods are synchronous and thread-safe.
///
/// `iops serve` runs requests through this rather than `DynamoBackend`'s async methods, so a
/// request costs no task and no executor hop: the HTTP event loop calls straight into the
/// engine. Tags are not part of it: no synchronous backend keeps them, and
/// `callSynchronously` answers them as `DynamoBackend`'s defaults do.
public protocol SynchronousDynamoBackend: Sendable {
    func createTable(_ input: CreateTableInput) throws -> CreateTableOutput
    func describeTable(_ input: DescribeTableInput) throws -> DescribeTableOutput
    func listTables(_ input: ListTablesInput) throws -> ListTablesOutput
    func deleteTable(_ input: DeleteTableInput) throws -> DeleteTableOutput
    func updateTable(_ input: UpdateTableInput) throws -> UpdateTableOutput

    func putItem(_ input: PutItemInput) throws -> PutItemOutput
    func getItem(_ input: GetItemInput) throws -> GetItemOutput
    func deleteItem(_ input: DeleteItemInput) throws -> DeleteItemOutput
    func updateItem(_ input: UpdateItemInput) throws -> UpdateItemOutput
    func query(_ input: QueryInput) throws -> QueryOutput
    func scan(_ input: ScanInput) throws -> ScanOutput
    func batchGetItem(_ input: BatchGetItemInput) throws -> BatchGetItemOutput
    func batchWriteItem(_ input: BatchWriteItemInput) throws -> BatchWriteItemOutput
    func transactWriteItems(_ input: TransactWriteItemsInput) throws -> TransactWriteItemsOutput
    func transactGetItems(_ input: TransactGetItemsInput) throws -> TransactGetItemsOutput

    func updateTimeToLive(_ input: UpdateTimeToLiveInput) throws -> UpdateTimeToLiveOutput
    func describeTimeToLive(_ input: DescribeTimeToLiveInput) throws -> DescribeTimeToLiveOutput
    func updateContinuousBackups(_ input: UpdateContinuousBackupsInput) throws -> UpdateContinuousBackupsOutput
    func describeContinuousBackups(_ input: DescribeContinuousBackupsInput) throws -> DescribeContinuousBackupsOutput
    func restoreTableToPointInTime(_ input: RestoreTableToPointInTimeInput) throws -> RestoreTableToPointInTimeOutput

    func listStreams(_ input: ListStreamsInput) throws -> ListStreamsOutput
    func describeStream(_ input: DescribeStreamInput) throws -> DescribeStreamOutput
    func getShardIterator(_ input: GetShardIteratorInput) throws -> GetShardIteratorOutput
    func getRecords(_ input: GetRecordsInput) throws -> GetRecordsOutput
}

extension SynchronousDynamoBackend {
    /// `DynamoBackend.call(_:json:)` without suspending: decode, run, encode.
    public func callSynchronously(_ operation: Operation, json: JSONValue) throws -> JSONValue {
        switch operation {
        case .createTable: try run(json, createTable)
        case .describeTable: try run(json, describeTable)
        case .listTables: try run(json, listTables)
        case .deleteTable: try run(json, deleteTable)
        case .updateTable: try run(json, updateTable)
        case .putItem: try run(json, putItem)
        case .getItem: try run(json, getItem)
        case .deleteItem: try run(json, deleteItem)
        case .updateItem: try run(json, updateItem)
        case .query: try run(json, query)
        case .scan: try run(json, scan)
        case .batchGetItem: try run(json, batchGetItem)
        case .batchWriteItem: try run(json, batchWriteItem)
        case .transactWriteItems: try run(json, transactWriteItems)
        case .transactGetItems: try run(json, transactGetItems)
        case .updateTimeToLive: try run(json, updateTimeToLive)
        case .describeTimeToLive: try run(json, describeTimeToLive)
        case .updateContinuousBackups: try run(json, updateContinuousBackups)
        case .describeContinuousBackups: try run(json, describeContinuousBackups)
        case .restoreTableToPointInTime: try run(json, restoreTableToPointInTime)
        case .tagResource, .untagResource, .listTagsOfResource: throw operation.unsupported
        case .listStreams: try run(json, listStreams)
        case .describeStream: try run(json, describeStream)
        case .getShardIterator: try run(json, getShardIterator)
        case .getRecords: try run(json, getRecords)
        }
    }

    private func run<Input: OperationInput, Output: OperationOutput>(
        _ json: JSONValue, _ method: (Input) throws -> Output
    ) throws -> JSONValue {
        try method(Input(json: json)).json
    }
}

import DynamoAPI
import DynamoModel
import Testing

/// A backend that records which method each call reached and answers with empty outputs.
actor RecordingBackend: DynamoBackend {
    private(set) var calls: [String] = []

    private func record(_ function: String) {
        calls.append(String(function.prefix { $0 != "(" }))
    }

    func createTable(_ input: CreateTableInput) async throws -> CreateTableOutput {
        record(#function)
        return CreateTableOutput(tableDescription: TableDescription(tableName: input.tableName, tableStatus: .creating))
    }
    func describeTable(_ input: DescribeTableInput) async throws -> DescribeTableOutput { record(#function); return .init() }
    func listTables(_ input: ListTablesInput) async throws -> ListTablesOutput { record(#function); return .init() }
    func deleteTable(_ input: DeleteTableInput) async throws -> DeleteTableOutput { record(#function); return .init() }
    func updateTable(_ input: UpdateTableInput) async throws -> UpdateTableOutput { record(#function); return .init() }
    func putItem(_ input: PutItemInput) async throws -> PutItemOutput { record(#function); return .init() }
    func getItem(_ input: GetItemInput) async throws -> GetItemOutput {
        record(#function)
        return GetItemOutput(item: input.key.merging(["found": .bool(true)]) { a, _ in a })
    }
    func deleteItem(_ input: DeleteItemInput) async throws -> DeleteItemOutput { record(#function); return .init() }
    func updateItem(_ input: UpdateItemInput) async throws -> UpdateItemOutput { record(#function); return .init() }
    func query(_ input: QueryInput) async throws -> QueryOutput { record(#function); return .init() }
    func scan(_ input: ScanInput) async throws -> ScanOutput { record(#function); return .init() }
    func batchGetItem(_ input: BatchGetItemInput) async throws -> BatchGetItemOutput { record(#function); return .init() }
    func batchWriteItem(_ input: BatchWriteItemInput) async throws -> BatchWriteItemOutput { record(#function); return .init() }
    func transactWriteItems(_ input: TransactWriteItemsInput) async throws -> TransactWriteItemsOutput {
        record(#function); return .init()
    }
    func transactGetItems(_ input: TransactGetItemsInput) async throws -> TransactGetItemsOutput {
        record(#function); return .init()
    }
    func updateTimeToLive(_ input: UpdateTimeToLiveInput) async throws -> UpdateTimeToLiveOutput {
        record(#function); return .init()
    }
    func describeTimeToLive(_ input: DescribeTimeToLiveInput) async throws -> DescribeTimeToLiveOutput {
        record(#function); return .init()
    }
    func updateContinuousBackups(_ input: UpdateContinuousBackupsInput) async throws -> UpdateContinuousBackupsOutput {
        record(#function); return .init()
    }
    func describeContinuousBackups(_ input: DescribeContinuousBackupsInput) async throws -> DescribeContinuousBackupsOutput {
        record(#function); return .init()
    }
    func restoreTableToPointInTime(_ input: RestoreTableToPointInTimeInput) async throws -> RestoreTableToPointInTimeOutput {
        record(#function); return .init()
    }
    func tagResource(_ input: TagResourceInput) async throws -> TagResourceOutput { record(#function); return .init() }
    func untagResource(_ input: UntagResourceInput) async throws -> UntagResourceOutput { record(#function); return .init() }
    func listTagsOfResource(_ input: ListTagsOfResourceInput) async throws -> ListTagsOfResourceOutput {
        record(#function); return .init()
    }
    func listStreams(_ input: ListStreamsInput) async throws -> ListStreamsOutput { record(#function); return .init() }
    func describeStream(_ input: DescribeStreamInput) async throws -> DescribeStreamOutput { record(#function); return .init() }
    func getShardIterator(_ input: GetShardIteratorInput) async throws -> GetShardIteratorOutput {
        record(#function); return .init()
    }
    func getRecords(_ input: GetRecordsInput) async throws -> GetRecordsOutput { record(#function); return .init() }
}

/// A backend that implements only what the protocol requires, relying on the tag defaults.
struct UntaggedBackend: DynamoBackend {
    struct NotHere: Error {}
    func createTable(_ input: CreateTableInput) async throws -> CreateTableOutput { throw NotHere() }
    func describeTable(_ input: DescribeTableInput) async throws -> DescribeTableOutput { throw NotHere() }
    func listTables(_ input: ListTablesInput) async throws -> ListTablesOutput { throw NotHere() }
    func deleteTable(_ input: DeleteTableInput) async throws -> DeleteTableOutput { throw NotHere() }
    func updateTable(_ input: UpdateTableInput) async throws -> UpdateTableOutput { throw NotHere() }
    func putItem(_ input: PutItemInput) async throws -> PutItemOutput { throw NotHere() }
    func getItem(_ input: GetItemInput) async throws -> GetItemOutput { throw NotHere() }
    func deleteItem(_ input: DeleteItemInput) async throws -> DeleteItemOutput { throw NotHere() }
    func updateItem(_ input: UpdateItemInput) async throws -> UpdateItemOutput { throw NotHere() }
    func query(_ input: QueryInput) async throws -> QueryOutput { throw NotHere() }
    func scan(_ input: ScanInput) async throws -> ScanOutput { throw NotHere() }
    func batchGetItem(_ input: BatchGetItemInput) async throws -> BatchGetItemOutput { throw NotHere() }
    func batchWriteItem(_ input: BatchWriteItemInput) async throws -> BatchWriteItemOutput { throw NotHere() }
    func transactWriteItems(_ input: TransactWriteItemsInput) async throws -> TransactWriteItemsOutput { throw NotHere() }
    func transactGetItems(_ input: TransactGetItemsInput) async throws -> TransactGetItemsOutput { throw NotHere() }
    func updateTimeToLive(_ input: UpdateTimeToLiveInput) async throws -> UpdateTimeToLiveOutput { throw NotHere() }
    func describeTimeToLive(_ input: DescribeTimeToLiveInput) async throws -> DescribeTimeToLiveOutput { throw NotHere() }
    func updateContinuousBackups(_ input: UpdateContinuousBackupsInput) async throws -> UpdateContinuousBackupsOutput {
        throw NotHere()
    }
    func describeContinuousBackups(_ input: DescribeContinuousBackupsInput) async throws -> DescribeContinuousBackupsOutput {
        throw NotHere()
    }
    func restoreTableToPointInTime(_ input: RestoreTableToPointInTimeInput) async throws -> RestoreTableToPointInTimeOutput {
        throw NotHere()
    }
    func listStreams(_ input: ListStreamsInput) async throws -> ListStreamsOutput { throw NotHere() }
    func describeStream(_ input: DescribeStreamInput) async throws -> DescribeStreamOutput { throw NotHere() }
    func getShardIterator(_ input: GetShardIteratorInput) async throws -> GetShardIteratorOutput { throw NotHere() }
    func getRecords(_ input: GetRecordsInput) async throws -> GetRecordsOutput { throw NotHere() }
}

/// The smallest valid request of each operation.
func minimalRequest(_ operation: Operation) -> JSONValue {
    let key: Item = ["pk": .s("a")]
    switch operation {
    case .createTable: return CreateTableInput(attributeDefinitions: [], tableName: "t", keySchema: []).json
    case .describeTable: return DescribeTableInput(tableName: "t").json
    case .listTables: return ListTablesInput().json
    case .deleteTable: return DeleteTableInput(tableName: "t").json
    case .updateTable: return UpdateTableInput(tableName: "t").json
    case .putItem: return PutItemInput(tableName: "t", item: key).json
    case .getItem: return GetItemInput(tableName: "t", key: key).json
    case .deleteItem: return DeleteItemInput(tableName: "t", key: key).json
    case .updateItem: return UpdateItemInput(tableName: "t", key: key).json
    case .query: return QueryInput(tableName: "t").json
    case .scan: return ScanInput(tableName: "t").json
    case .batchGetItem: return BatchGetItemInput(requestItems: ["t": KeysAndAttributes(keys: [key])]).json
    case .batchWriteItem: return BatchWriteItemInput(requestItems: ["t": [WriteRequest(deleteRequest: .init(key: key))]]).json
    case .transactWriteItems:
        return TransactWriteItemsInput(transactItems: [TransactWriteItem(delete: Delete(key: key, tableName: "t"))]).json
    case .transactGetItems: return TransactGetItemsInput(transactItems: [TransactGetItem(get: Get(key: key, tableName: "t"))]).json
    case .updateTimeToLive:
        return UpdateTimeToLiveInput(tableName: "t", timeToLiveSpecification: .init(enabled: true, attributeName: "ttl")).json
    case .describeTimeToLive: return DescribeTimeToLiveInput(tableName: "t").json
    case .updateContinuousBackups:
        return UpdateContinuousBackupsInput(
            tableName: "t", pointInTimeRecoverySpecification: .init(pointInTimeRecoveryEnabled: true)).json
    case .describeContinuousBackups: return DescribeContinuousBackupsInput(tableName: "t").json
    case .restoreTableToPointInTime: return RestoreTableToPointInTimeInput(sourceTableName: "s", targetTableName: "t").json
    case .tagResource: return TagResourceInput(resourceArn: "arn", tags: []).json
    case .untagResource: return UntagResourceInput(resourceArn: "arn", tagKeys: []).json
    case .listTagsOfResource: return ListTagsOfResourceInput(resourceArn: "arn").json
    case .listStreams: return ListStreamsInput().json
    case .describeStream: return DescribeStreamInput(streamArn: "arn").json
    case .getShardIterator: return GetShardIteratorInput(streamArn: "arn", shardId: "s", shardIteratorType: .latest).json
    case .getRecords: return GetRecordsInput(shardIterator: "i").json
    }
}

@Suite struct OperationTests {
    /// Every operation reaches the protocol method of the same name, and every method is reached.
    @Test func callReachesTheMethodOfEachOperation() async throws {
        let backend = RecordingBackend()
        for operation in Operation.allCases {
            _ = try await backend.call(operation, json: minimalRequest(operation))
        }
        let expected = Operation.allCases.map { "\($0)" }
        #expect(await backend.calls == expected)
        #expect(Set(expected).count == 27, "one protocol method per operation")
        for (operation, method) in zip(Operation.allCases, expected) {
            #expect(method == operation.rawValue.prefix(1).lowercased() + operation.rawValue.dropFirst())
        }
    }

    @Test func callEncodesTheOutput() async throws {
        let backend = RecordingBackend()
        let output = try await backend.call(.getItem, json: parse(#"{"TableName": "t", "Key": {"pk": {"S": "a"}}}"#))
        #expect(output.compactText == #"{"Item":{"found":{"BOOL":true},"pk":{"S":"a"}}}"#)
        let created = try await backend.call(.createTable, json: minimalRequest(.createTable))
        #expect(created.compactText == #"{"TableDescription":{"TableName":"t","TableStatus":"CREATING"}}"#)
    }

    @Test func callRejectsABadRequestBeforeTheBackendSeesIt() async {
        let backend = RecordingBackend()
        await #expect(throws: DynamoError(.validation,
            "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null")) {
            try await backend.call(.query, json: parse(#"{"KeyConditionExpression": "pk = :v"}"#))
        }
        #expect(await backend.calls.isEmpty)
    }

    @Test func tagOperationsDefaultToUnknownOperation() async {
        for operation in [Operation.tagResource, .untagResource, .listTagsOfResource] {
            await #expect(throws: DynamoError(.unknownOperation, "\(operation.rawValue) is not supported by this backend")) {
                try await UntaggedBackend().call(operation, json: minimalRequest(operation))
            }
        }
    }

    @Test func servicesAndTargets() throws {
        let streams: Set<Operation> = [.listStreams, .describeStream, .getShardIterator, .getRecords]
        for operation in Operation.allCases {
            let prefix = streams.contains(operation) ? "DynamoDBStreams_20120810" : "DynamoDB_20120810"
            #expect(operation.targetPrefix == prefix)
            #expect(operation.service.targetPrefix == prefix)
            #expect(operation.target == "\(prefix).\(operation.rawValue)")
            #expect(try Operation(target: operation.target) == operation)
        }
        #expect(Operation.allCases.count == 27)
    }

    @Test(arguments: ["DynamoDB_20120810.Frobnicate", "DynamoDB_20120810.GetRecords", "DynamoDBStreams_20120810.PutItem",
                      "PutItem", "", "DynamoDB_20111205.PutItem"])
    func unknownTargets(_ target: String) {
        #expect(throws: DynamoError(.unknownOperation, "Unknown operation: \(target)")) {
            try Operation(target: target)
        }
    }
}

import DynamoModel

// PutItem, GetItem, DeleteItem, UpdateItem, Query, Scan.

// MARK: PutItem

public struct PutItemInput: OperationInput {
    public var tableName: String
    public var item: Item
    public var expected: [String: ExpectedAttributeValue]?
    public var returnValues: ReturnValue?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public var returnItemCollectionMetrics: ReturnItemCollectionMetrics?
    public var conditionalOperator: ConditionalOperator?
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: [String: AttributeValue]?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?

    public init(tableName: String, item: Item, expected: [String: ExpectedAttributeValue]? = nil,
                returnValues: ReturnValue? = nil, returnConsumedCapacity: ReturnConsumedCapacity? = nil,
                returnItemCollectionMetrics: ReturnItemCollectionMetrics? = nil,
                conditionalOperator: ConditionalOperator? = nil, conditionExpression: String? = nil,
                expressionAttributeNames: [String: String]? = nil,
                expressionAttributeValues: [String: AttributeValue]? = nil,
                returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil) {
        self.tableName = tableName
        self.item = item
        self.expected = expected
        self.returnValues = returnValues
        self.returnConsumedCapacity = returnConsumedCapacity
        self.returnItemCollectionMetrics = returnItemCollectionMetrics
        self.conditionalOperator = conditionalOperator
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableName = try r.required("TableName")
        item = try r.required("Item")
        expected = try r.optional("Expected")
        returnValues = try r.optional("ReturnValues")
        returnConsumedCapacity = try r.optional("ReturnConsumedCapacity")
        returnItemCollectionMetrics = try r.optional("ReturnItemCollectionMetrics")
        conditionalOperator = try r.optional("ConditionalOperator")
        conditionExpression = try r.optional("ConditionExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
        expressionAttributeValues = try r.optional("ExpressionAttributeValues")
        returnValuesOnConditionCheckFailure = try r.optional("ReturnValuesOnConditionCheckFailure")
    }
    public var json: JSONValue {
        .shape([
            "TableName": tableName,
            "Item": item,
            "Expected": expected,
            "ReturnValues": returnValues,
            "ReturnConsumedCapacity": returnConsumedCapacity,
            "ReturnItemCollectionMetrics": returnItemCollectionMetrics,
            "ConditionalOperator": conditionalOperator,
            "ConditionExpression": conditionExpression,
            "ExpressionAttributeNames": expressionAttributeNames,
            "ExpressionAttributeValues": expressionAttributeValues,
            "ReturnValuesOnConditionCheckFailure": returnValuesOnConditionCheckFailure,
        ])
    }
}

/// The response of PutItem, DeleteItem and UpdateItem: the same three members.
struct WriteItemOutputMembers {
    var attributes: Item?
    var consumedCapacity: ConsumedCapacity?
    var itemCollectionMetrics: ItemCollectionMetrics?

    init(reader r: WireReader) throws(DynamoError) {
        attributes = try r.optional("Attributes")
        consumedCapacity = try r.optional("ConsumedCapacity")
        itemCollectionMetrics = try r.optional("ItemCollectionMetrics")
    }
    init(attributes: Item?, consumedCapacity: ConsumedCapacity?, itemCollectionMetrics: ItemCollectionMetrics?) {
        self.attributes = attributes
        self.consumedCapacity = consumedCapacity
        self.itemCollectionMetrics = itemCollectionMetrics
    }
    var json: JSONValue {
        .shape([
            "Attributes": attributes, "ConsumedCapacity": consumedCapacity,
            "ItemCollectionMetrics": itemCollectionMetrics,
        ])
    }
}

public struct PutItemOutput: OperationOutput {
    /// The old item, when `ReturnValues` is `ALL_OLD` and one was replaced.
    public var attributes: Item?
    public var consumedCapacity: ConsumedCapacity?
    public var itemCollectionMetrics: ItemCollectionMetrics?

    public init(attributes: Item? = nil, consumedCapacity: ConsumedCapacity? = nil,
                itemCollectionMetrics: ItemCollectionMetrics? = nil) {
        self.attributes = attributes
        self.consumedCapacity = consumedCapacity
        self.itemCollectionMetrics = itemCollectionMetrics
    }
    public init(reader r: WireReader) throws(DynamoError) {
        let m = try WriteItemOutputMembers(reader: r)
        self.init(attributes: m.attributes, consumedCapacity: m.consumedCapacity, itemCollectionMetrics: m.itemCollectionMetrics)
    }
    public var json: JSONValue {
        WriteItemOutputMembers(attributes: attributes, consumedCapacity: consumedCapacity,
                               itemCollectionMetrics: itemCollectionMetrics).json
    }
}

// MARK: GetItem

public struct GetItemInput: OperationInput {
    public var tableName: String
    public var key: Item
    public var attributesToGet: [String]?
    public var consistentRead: Bool?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public var projectionExpression: String?
    public var expressionAttributeNames: [String: String]?

    public init(tableName: String, key: Item, attributesToGet: [String]? = nil, consistentRead: Bool? = nil,
                returnConsumedCapacity: ReturnConsumedCapacity? = nil, projectionExpression: String? = nil,
                expressionAttributeNames: [String: String]? = nil) {
        self.tableName = tableName
        self.key = key
        self.attributesToGet = attributesToGet
        self.consistentRead = consistentRead
        self.returnConsumedCapacity = returnConsumedCapacity
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableName = try r.required("TableName")
        key = try r.required("Key")
        attributesToGet = try r.optional("AttributesToGet")
        consistentRead = try r.optional("ConsistentRead")
        returnConsumedCapacity = try r.optional("ReturnConsumedCapacity")
        projectionExpression = try r.optional("ProjectionExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
    }
    public var json: JSONValue {
        .shape([
            "TableName": tableName,
            "Key": key,
            "AttributesToGet": attributesToGet,
            "ConsistentRead": consistentRead,
            "ReturnConsumedCapacity": returnConsumedCapacity,
            "ProjectionExpression": projectionExpression,
            "ExpressionAttributeNames": expressionAttributeNames,
        ])
    }
}

public struct GetItemOutput: OperationOutput {
    /// Absent when no item has the key.
    public var item: Item?
    public var consumedCapacity: ConsumedCapacity?

    public init(item: Item? = nil, consumedCapacity: ConsumedCapacity? = nil) {
        self.item = item
        self.consumedCapacity = consumedCapacity
    }
    public init(reader r: WireReader) throws(DynamoError) {
        item = try r.optional("Item")
        consumedCapacity = try r.optional("ConsumedCapacity")
    }
    public var json: JSONValue { .shape(["Item": item, "ConsumedCapacity": consumedCapacity]) }
}

// MARK: DeleteItem

public struct DeleteItemInput: OperationInput {
    public var tableName: String
    public var key: Item
    public var expected: [String: ExpectedAttributeValue]?
    public var conditionalOperator: ConditionalOperator?
    public var returnValues: ReturnValue?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public var returnItemCollectionMetrics: ReturnItemCollectionMetrics?
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: [String: AttributeValue]?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?

    public init(tableName: String, key: Item, expected: [String: ExpectedAttributeValue]? = nil,
                conditionalOperator: ConditionalOperator? = nil, returnValues: ReturnValue? = nil,
                returnConsumedCapacity: ReturnConsumedCapacity? = nil,
                returnItemCollectionMetrics: ReturnItemCollectionMetrics? = nil,
                conditionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil,
                expressionAttributeValues: [String: AttributeValue]? = nil,
                returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil) {
        self.tableName = tableName
        self.key = key
        self.expected = expected
        self.conditionalOperator = conditionalOperator
        self.returnValues = returnValues
        self.returnConsumedCapacity = returnConsumedCapacity
        self.returnItemCollectionMetrics = returnItemCollectionMetrics
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableName = try r.required("TableName")
        key = try r.required("Key")
        expected = try r.optional("Expected")
        conditionalOperator = try r.optional("ConditionalOperator")
        returnValues = try r.optional("ReturnValues")
        returnConsumedCapacity = try r.optional("ReturnConsumedCapacity")
        returnItemCollectionMetrics = try r.optional("ReturnItemCollectionMetrics")
        conditionExpression = try r.optional("ConditionExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
        expressionAttributeValues = try r.optional("ExpressionAttributeValues")
        returnValuesOnConditionCheckFailure = try r.optional("ReturnValuesOnConditionCheckFailure")
    }
    public var json: JSONValue {
        .shape([
            "TableName": tableName,
            "Key": key,
            "Expected": expected,
            "ConditionalOperator": conditionalOperator,
            "ReturnValues": returnValues,
            "ReturnConsumedCapacity": returnConsumedCapacity,
            "ReturnItemCollectionMetrics": returnItemCollectionMetrics,
            "ConditionExpression": conditionExpression,
            "ExpressionAttributeNames": expressionAttributeNames,
            "ExpressionAttributeValues": expressionAttributeValues,
            "ReturnValuesOnConditionCheckFailure": returnValuesOnConditionCheckFailure,
        ])
    }
}

public struct DeleteItemOutput: OperationOutput {
    /// The deleted item, when `ReturnValues` is `ALL_OLD`.
    public var attributes: Item?
    public var consumedCapacity: ConsumedCapacity?
    public var itemCollectionMetrics: ItemCollectionMetrics?

    public init(attributes: Item? = nil, consumedCapacity: ConsumedCapacity? = nil,
                itemCollectionMetrics: ItemCollectionMetrics? = nil) {
        self.attributes = attributes
        self.consumedCapacity = consumedCapacity
        self.itemCollectionMetrics = itemCollectionMetrics
    }
    public init(reader r: WireReader) throws(DynamoError) {
        let m = try WriteItemOutputMembers(reader: r)
        self.init(attributes: m.attributes, consumedCapacity: m.consumedCapacity, itemCollectionMetrics: m.itemCollectionMetrics)
    }
    public var json: JSONValue {
        WriteItemOutputMembers(attributes: attributes, consumedCapacity: consumedCapacity,
                               itemCollectionMetrics: itemCollectionMetrics).json
    }
}

// MARK: UpdateItem

public struct UpdateItemInput: OperationInput {
    public var tableName: String
    public var key: Item
    public var attributeUpdates: [String: AttributeValueUpdate]?
    public var expected: [String: ExpectedAttributeValue]?
    public var conditionalOperator: ConditionalOperator?
    public var returnValues: ReturnValue?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public var returnItemCollectionMetrics: ReturnItemCollectionMetrics?
    public var updateExpression: String?
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: [String: AttributeValue]?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?

    public init(tableName: String, key: Item, attributeUpdates: [String: AttributeValueUpdate]? = nil,
                expected: [String: ExpectedAttributeValue]? = nil, conditionalOperator: ConditionalOperator? = nil,
                returnValues: ReturnValue? = nil, returnConsumedCapacity: ReturnConsumedCapacity? = nil,
                returnItemCollectionMetrics: ReturnItemCollectionMetrics? = nil,
                updateExpression: String? = nil, conditionExpression: String? = nil,
                expressionAttributeNames: [String: String]? = nil,
                expressionAttributeValues: [String: AttributeValue]? = nil,
                returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil) {
        self.tableName = tableName
        self.key = key
        self.attributeUpdates = attributeUpdates
        self.expected = expected
        self.conditionalOperator = conditionalOperator
        self.returnValues = returnValues
        self.returnConsumedCapacity = returnConsumedCapacity
        self.returnItemCollectionMetrics = returnItemCollectionMetrics
        self.updateExpression = updateExpression
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableName = try r.required("TableName")
        key = try r.required("Key")
        attributeUpdates = try r.optional("AttributeUpdates")
        expected = try r.optional("Expected")
        conditionalOperator = try r.optional("ConditionalOperator")
        returnValues = try r.optional("ReturnValues")
        returnConsumedCapacity = try r.optional("ReturnConsumedCapacity")
        returnItemCollectionMetrics = try r.optional("ReturnItemCollectionMetrics")
        updateExpression = try r.optional("UpdateExpression")
        conditionExpression = try r.optional("ConditionExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
        expressionAttributeValues = try r.optional("ExpressionAttributeValues")
        returnValuesOnConditionCheckFailure = try r.optional("ReturnValuesOnConditionCheckFailure")
    }
    public var json: JSONValue {
        .shape([
            "TableName": tableName,
            "Key": key,
            "AttributeUpdates": attributeUpdates,
            "Expected": expected,
            "ConditionalOperator": conditionalOperator,
            "ReturnValues": returnValues,
            "ReturnConsumedCapacity": returnConsumedCapacity,
            "ReturnItemCollectionMetrics": returnItemCollectionMetrics,
            "UpdateExpression": updateExpression,
            "ConditionExpression": conditionExpression,
            "ExpressionAttributeNames": expressionAttributeNames,
            "ExpressionAttributeValues": expressionAttributeValues,
            "ReturnValuesOnConditionCheckFailure": returnValuesOnConditionCheckFailure,
        ])
    }
}

public struct UpdateItemOutput: OperationOutput {
    /// What `ReturnValues` asked for.
    public var attributes: Item?
    public var consumedCapacity: ConsumedCapacity?
    public var itemCollectionMetrics: ItemCollectionMetrics?

    public init(attributes: Item? = nil, consumedCapacity: ConsumedCapacity? = nil,
                itemCollectionMetrics: ItemCollectionMetrics? = nil) {
        self.attributes = attributes
        self.consumedCapacity = consumedCapacity
        self.itemCollectionMetrics = itemCollectionMetrics
    }
    public init(reader r: WireReader) throws(DynamoError) {
        let m = try WriteItemOutputMembers(reader: r)
        self.init(attributes: m.attributes, consumedCapacity: m.consumedCapacity, itemCollectionMetrics: m.itemCollectionMetrics)
    }
    public var json: JSONValue {
        WriteItemOutputMembers(attributes: attributes, consumedCapacity: consumedCapacity,
                               itemCollectionMetrics: itemCollectionMetrics).json
    }
}

// MARK: Query

public struct QueryInput: OperationInput {
    public var tableName: String
    public var indexName: String?
    public var select: Select?
    public var attributesToGet: [String]?
    public var limit: Int?
    public var consistentRead: Bool?
    public var keyConditions: [String: Condition]?
    public var queryFilter: [String: Condition]?
    public var conditionalOperator: ConditionalOperator?
    public var scanIndexForward: Bool?
    public var exclusiveStartKey: Item?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public var projectionExpression: String?
    public var filterExpression: String?
    public var keyConditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: [String: AttributeValue]?

    public init(tableName: String, indexName: String? = nil, select: Select? = nil, attributesToGet: [String]? = nil,
                limit: Int? = nil, consistentRead: Bool? = nil, keyConditions: [String: Condition]? = nil,
                queryFilter: [String: Condition]? = nil, conditionalOperator: ConditionalOperator? = nil,
                scanIndexForward: Bool? = nil, exclusiveStartKey: Item? = nil,
                returnConsumedCapacity: ReturnConsumedCapacity? = nil, projectionExpression: String? = nil,
                filterExpression: String? = nil, keyConditionExpression: String? = nil,
                expressionAttributeNames: [String: String]? = nil,
                expressionAttributeValues: [String: AttributeValue]? = nil) {
        self.tableName = tableName
        self.indexName = indexName
        self.select = select
        self.attributesToGet = attributesToGet
        self.limit = limit
        self.consistentRead = consistentRead
        self.keyConditions = keyConditions
        self.queryFilter = queryFilter
        self.conditionalOperator = conditionalOperator
        self.scanIndexForward = scanIndexForward
        self.exclusiveStartKey = exclusiveStartKey
        self.returnConsumedCapacity = returnConsumedCapacity
        self.projectionExpression = projectionExpression
        self.filterExpression = filterExpression
        self.keyConditionExpression = keyConditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableName = try r.required("TableName")
        indexName = try r.optional("IndexName")
        select = try r.optional("Select")
        attributesToGet = try r.optional("AttributesToGet")
        limit = try r.optional("Limit")
        consistentRead = try r.optional("ConsistentRead")
        keyConditions = try r.optional("KeyConditions")
        queryFilter = try r.optional("QueryFilter")
        conditionalOperator = try r.optional("ConditionalOperator")
        scanIndexForward = try r.optional("ScanIndexForward")
        exclusiveStartKey = try r.optional("ExclusiveStartKey")
        returnConsumedCapacity = try r.optional("ReturnConsumedCapacity")
        projectionExpression = try r.optional("ProjectionExpression")
        filterExpression = try r.optional("FilterExpression")
        keyConditionExpression = try r.optional("KeyConditionExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
        expressionAttributeValues = try r.optional("ExpressionAttributeValues")
    }
    public var json: JSONValue {
        .shape([
            "TableName": tableName,
            "IndexName": indexName,
            "Select": select,
            "AttributesToGet": attributesToGet,
            "Limit": limit,
            "ConsistentRead": consistentRead,
            "KeyConditions": keyConditions,
            "QueryFilter": queryFilter,
            "ConditionalOperator": conditionalOperator,
            "ScanIndexForward": scanIndexForward,
            "ExclusiveStartKey": exclusiveStartKey,
            "ReturnConsumedCapacity": returnConsumedCapacity,
            "ProjectionExpression": projectionExpression,
            "FilterExpression": filterExpression,
            "KeyConditionExpression": keyConditionExpression,
            "ExpressionAttributeNames": expressionAttributeNames,
            "ExpressionAttributeValues": expressionAttributeValues,
        ])
    }
}

/// The members Query and Scan return.
struct ReadPageMembers {
    var items: [Item]?
    var count: Int?
    var scannedCount: Int?
    var lastEvaluatedKey: Item?
    var consumedCapacity: ConsumedCapacity?

    init(items: [Item]?, count: Int?, scannedCount: Int?, lastEvaluatedKey: Item?, consumedCapacity: ConsumedCapacity?) {
        self.items = items
        self.count = count
        self.scannedCount = scannedCount
        self.lastEvaluatedKey = lastEvaluatedKey
        self.consumedCapacity = consumedCapacity
    }
    init(reader r: WireReader) throws(DynamoError) {
        items = try r.optional("Items")
        count = try r.optional("Count")
        scannedCount = try r.optional("ScannedCount")
        lastEvaluatedKey = try r.optional("LastEvaluatedKey")
        consumedCapacity = try r.optional("ConsumedCapacity")
    }
    var json: JSONValue {
        .shape([
            "Items": items, "Count": count, "ScannedCount": scannedCount,
            "LastEvaluatedKey": lastEvaluatedKey, "ConsumedCapacity": consumedCapacity,
        ])
    }
}

public struct QueryOutput: OperationOutput {
    public var items: [Item]?
    public var count: Int?
    public var scannedCount: Int?
    /// Present when there may be more results: pass it as the next `ExclusiveStartKey`.
    public var lastEvaluatedKey: Item?
    public var consumedCapacity: ConsumedCapacity?

    public init(items: [Item]? = nil, count: Int? = nil, scannedCount: Int? = nil, lastEvaluatedKey: Item? = nil,
                consumedCapacity: ConsumedCapacity? = nil) {
        self.items = items
        self.count = count
        self.scannedCount = scannedCount
        self.lastEvaluatedKey = lastEvaluatedKey
        self.consumedCapacity = consumedCapacity
    }
    public init(reader r: WireReader) throws(DynamoError) {
        let m = try ReadPageMembers(reader: r)
        self.init(items: m.items, count: m.count, scannedCount: m.scannedCount,
                  lastEvaluatedKey: m.lastEvaluatedKey, consumedCapacity: m.consumedCapacity)
    }
    public var json: JSONValue {
        ReadPageMembers(items: items, count: count, scannedCount: scannedCount,
                        lastEvaluatedKey: lastEvaluatedKey, consumedCapacity: consumedCapacity).json
    }
}

// MARK: Scan

public struct ScanInput: OperationInput {
    public var tableName: String
    public var indexName: String?
    public var attributesToGet: [String]?
    public var limit: Int?
    public var select: Select?
    public var scanFilter: [String: Condition]?
    public var conditionalOperator: ConditionalOperator?
    public var exclusiveStartKey: Item?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public var totalSegments: Int?
    public var segment: Int?
    public var projectionExpression: String?
    public var filterExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: [String: AttributeValue]?
    public var consistentRead: Bool?

    public init(tableName: String, indexName: String? = nil, attributesToGet: [String]? = nil, limit: Int? = nil,
                select: Select? = nil, scanFilter: [String: Condition]? = nil,
                conditionalOperator: ConditionalOperator? = nil, exclusiveStartKey: Item? = nil,
                returnConsumedCapacity: ReturnConsumedCapacity? = nil, totalSegments: Int? = nil, segment: Int? = nil,
                projectionExpression: String? = nil, filterExpression: String? = nil,
                expressionAttributeNames: [String: String]? = nil,
                expressionAttributeValues: [String: AttributeValue]? = nil, consistentRead: Bool? = nil) {
        self.tableName = tableName
        self.indexName = indexName
        self.attributesToGet = attributesToGet
        self.limit = limit
        self.select = select
        self.scanFilter = scanFilter
        self.conditionalOperator = conditionalOperator
        self.exclusiveStartKey = exclusiveStartKey
        self.returnConsumedCapacity = returnConsumedCapacity
        self.totalSegments = totalSegments
        self.segment = segment
        self.projectionExpression = projectionExpression
        self.filterExpression = filterExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.consistentRead = consistentRead
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableName = try r.required("TableName")
        indexName = try r.optional("IndexName")
        attributesToGet = try r.optional("AttributesToGet")
        limit = try r.optional("Limit")
        select = try r.optional("Select")
        scanFilter = try r.optional("ScanFilter")
        conditionalOperator = try r.optional("ConditionalOperator")
        exclusiveStartKey = try r.optional("ExclusiveStartKey")
        returnConsumedCapacity = try r.optional("ReturnConsumedCapacity")
        totalSegments = try r.optional("TotalSegments")
        segment = try r.optional("Segment")
        projectionExpression = try r.optional("ProjectionExpression")
        filterExpression = try r.optional("FilterExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
        expressionAttributeValues = try r.optional("ExpressionAttributeValues")
        consistentRead = try r.optional("ConsistentRead")
    }
    public var json: JSONValue {
        .shape([
            "TableName": tableName,
            "IndexName": indexName,
            "AttributesToGet": attributesToGet,
            "Limit": limit,
            "Select": select,
            "ScanFilter": scanFilter,
            "ConditionalOperator": conditionalOperator,
            "ExclusiveStartKey": exclusiveStartKey,
            "ReturnConsumedCapacity": returnConsumedCapacity,
            "TotalSegments": totalSegments,
            "Segment": segment,
            "ProjectionExpression": projectionExpression,
            "FilterExpression": filterExpression,
            "ExpressionAttributeNames": expressionAttributeNames,
            "ExpressionAttributeValues": expressionAttributeValues,
            "ConsistentRead": consistentRead,
        ])
    }
}

public struct ScanOutput: OperationOutput {
    public var items: [Item]?
    public var count: Int?
    public var scannedCount: Int?
    /// Present when there may be more results: pass it as the next `ExclusiveStartKey`.
    public var lastEvaluatedKey: Item?
    public var consumedCapacity: ConsumedCapacity?

    public init(items: [Item]? = nil, count: Int? = nil, scannedCount: Int? = nil, lastEvaluatedKey: Item? = nil,
                consumedCapacity: ConsumedCapacity? = nil) {
        self.items = items
        self.count = count
        self.scannedCount = scannedCount
        self.lastEvaluatedKey = lastEvaluatedKey
        self.consumedCapacity = consumedCapacity
    }
    public init(reader r: WireReader) throws(DynamoError) {
        let m = try ReadPageMembers(reader: r)
        self.init(items: m.items, count: m.count, scannedCount: m.scannedCount,
                  lastEvaluatedKey: m.lastEvaluatedKey, consumedCapacity: m.consumedCapacity)
    }
    public var json: JSONValue {
        ReadPageMembers(items: items, count: count, scannedCount: scannedCount,
                        lastEvaluatedKey: lastEvaluatedKey, consumedCapacity: consumedCapacity).json
    }
}

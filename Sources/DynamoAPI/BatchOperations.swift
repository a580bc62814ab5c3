import DynamoModel

// BatchGetItem, BatchWriteItem, TransactWriteItems, TransactGetItems.

// MARK: BatchGetItem

/// The keys to read from one table, and how.
public struct KeysAndAttributes: WireShape {
    public var keys: [Item]
    public var attributesToGet: [String]?
    public var consistentRead: Bool?
    public var projectionExpression: String?
    public var expressionAttributeNames: [String: String]?

    public init(keys: [Item], attributesToGet: [String]? = nil, consistentRead: Bool? = nil,
                projectionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil) {
        self.keys = keys
        self.attributesToGet = attributesToGet
        self.consistentRead = consistentRead
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
    }
    public init(reader r: WireReader) throws(DynamoError) {
        keys = try r.required("Keys")
        attributesToGet = try r.optional("AttributesToGet")
        consistentRead = try r.optional("ConsistentRead")
        projectionExpression = try r.optional("ProjectionExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
    }
    public var json: JSONValue {
        .shape([
            "Keys": keys, "AttributesToGet": attributesToGet, "ConsistentRead": consistentRead,
            "ProjectionExpression": projectionExpression, "ExpressionAttributeNames": expressionAttributeNames,
        ])
    }
}

public struct BatchGetItemInput: OperationInput {
    /// Table name (or ARN) to the keys to read from it.
    public var requestItems: [String: KeysAndAttributes]
    public var returnConsumedCapacity: ReturnConsumedCapacity?

    public init(requestItems: [String: KeysAndAttributes], returnConsumedCapacity: ReturnConsumedCapacity? = nil) {
        self.requestItems = requestItems
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    public init(reader r: WireReader) throws(DynamoError) {
        requestItems = try r.required("RequestItems")
        returnConsumedCapacity = try r.optional("ReturnConsumedCapacity")
    }
    public var json: JSONValue {
        .shape(["RequestItems": requestItems, "ReturnConsumedCapacity": returnConsumedCapacity])
    }
}

public struct BatchGetItemOutput: OperationOutput {
    /// Table name to the items found.
    public var responses: [String: [Item]]?
    /// Keys not read this time: send them again.
    public var unprocessedKeys: [String: KeysAndAttributes]?
    public var consumedCapacity: [ConsumedCapacity]?

    public init(responses: [String: [Item]]? = nil, unprocessedKeys: [String: KeysAndAttributes]? = nil,
                consumedCapacity: [ConsumedCapacity]? = nil) {
        self.responses = responses
        self.unprocessedKeys = unprocessedKeys
        self.consumedCapacity = consumedCapacity
    }
    public init(reader r: WireReader) throws(DynamoError) {
        responses = try r.optional("Responses")
        unprocessedKeys = try r.optional("UnprocessedKeys")
        consumedCapacity = try r.optional("ConsumedCapacity")
    }
    public var json: JSONValue {
        .shape(["Responses": responses, "UnprocessedKeys": unprocessedKeys, "ConsumedCapacity": consumedCapacity])
    }
}

// MARK: BatchWriteItem

public struct PutRequest: WireShape {
    public var item: Item

    public init(item: Item) { self.item = item }
    public init(reader r: WireReader) throws(DynamoError) { item = try r.required("Item") }
    public var json: JSONValue { .shape(["Item": item]) }
}

public struct DeleteRequest: WireShape {
    public var key: Item

    public init(key: Item) { self.key = key }
    public init(reader r: WireReader) throws(DynamoError) { key = try r.required("Key") }
    public var json: JSONValue { .shape(["Key": key]) }
}

/// One of `PutRequest` or `DeleteRequest`.
public struct WriteRequest: WireShape {
    public var putRequest: PutRequest?
    public var deleteRequest: DeleteRequest?

    public init(putRequest: PutRequest? = nil, deleteRequest: DeleteRequest? = nil) {
        self.putRequest = putRequest
        self.deleteRequest = deleteRequest
    }
    public init(reader r: WireReader) throws(DynamoError) {
        putRequest = try r.optional("PutRequest")
        deleteRequest = try r.optional("DeleteRequest")
    }
    public var json: JSONValue { .shape(["PutRequest": putRequest, "DeleteRequest": deleteRequest]) }
}

public struct BatchWriteItemInput: OperationInput {
    /// Table name (or ARN) to the writes for it.
    public var requestItems: [String: [WriteRequest]]
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public var returnItemCollectionMetrics: ReturnItemCollectionMetrics?

    public init(requestItems: [String: [WriteRequest]], returnConsumedCapacity: ReturnConsumedCapacity? = nil,
                returnItemCollectionMetrics: ReturnItemCollectionMetrics? = nil) {
        self.requestItems = requestItems
        self.returnConsumedCapacity = returnConsumedCapacity
        self.returnItemCollectionMetrics = returnItemCollectionMetrics
    }
    public init(reader r: WireReader) throws(DynamoError) {
        requestItems = try r.required("RequestItems")
        returnConsumedCapacity = try r.optional("ReturnConsumedCapacity")
        returnItemCollectionMetrics = try r.optional("ReturnItemCollectionMetrics")
    }
    public var json: JSONValue {
        .shape([
            "RequestItems": requestItems, "ReturnConsumedCapacity": returnConsumedCapacity,
            "ReturnItemCollectionMetrics": returnItemCollectionMetrics,
        ])
    }
}

public struct BatchWriteItemOutput: OperationOutput {
    /// Writes not done this time: send them again.
    public var unprocessedItems: [String: [WriteRequest]]?
    public var itemCollectionMetrics: [String: [ItemCollectionMetrics]]?
    public var consumedCapacity: [ConsumedCapacity]?

    public init(unprocessedItems: [String: [WriteRequest]]? = nil,
                itemCollectionMetrics: [String: [ItemCollectionMetrics]]? = nil,
                consumedCapacity: [ConsumedCapacity]? = nil) {
        self.unprocessedItems = unprocessedItems
        self.itemCollectionMetrics = itemCollectionMetrics
        self.consumedCapacity = consumedCapacity
    }
    public init(reader r: WireReader) throws(DynamoError) {
        unprocessedItems = try r.optional("UnprocessedItems")
        itemCollectionMetrics = try r.optional("ItemCollectionMetrics")
        consumedCapacity = try r.optional("ConsumedCapacity")
    }
    public var json: JSONValue {
        .shape([
            "UnprocessedItems": unprocessedItems, "ItemCollectionMetrics": itemCollectionMetrics,
            "ConsumedCapacity": consumedCapacity,
        ])
    }
}

// MARK: TransactWriteItems

/// A transaction action that only checks a condition.
public struct ConditionCheck: WireShape {
    public var key: Item
    public var tableName: String
    public var conditionExpression: String
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: [String: AttributeValue]?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?

    public init(key: Item, tableName: String, conditionExpression: String,
                expressionAttributeNames: [String: String]? = nil,
                expressionAttributeValues: [String: AttributeValue]? = nil,
                returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil) {
        self.key = key
        self.tableName = tableName
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
    public init(reader r: WireReader) throws(DynamoError) {
        key = try r.required("Key")
        tableName = try r.required("TableName")
        conditionExpression = try r.required("ConditionExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
        expressionAttributeValues = try r.optional("ExpressionAttributeValues")
        returnValuesOnConditionCheckFailure = try r.optional("ReturnValuesOnConditionCheckFailure")
    }
    public var json: JSONValue {
        .shape([
            "Key": key, "TableName": tableName, "ConditionExpression": conditionExpression,
            "ExpressionAttributeNames": expressionAttributeNames,
            "ExpressionAttributeValues": expressionAttributeValues,
            "ReturnValuesOnConditionCheckFailure": returnValuesOnConditionCheckFailure,
        ])
    }
}

/// A transaction action that puts an item.
public struct Put: WireShape {
    public var item: Item
    public var tableName: String
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: [String: AttributeValue]?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?

    public init(item: Item, tableName: String, conditionExpression: String? = nil,
                expressionAttributeNames: [String: String]? = nil,
                expressionAttributeValues: [String: AttributeValue]? = nil,
                returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil) {
        self.item = item
        self.tableName = tableName
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
    public init(reader r: WireReader) throws(DynamoError) {
        item = try r.required("Item")
        tableName = try r.required("TableName")
        conditionExpression = try r.optional("ConditionExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
        expressionAttributeValues = try r.optional("ExpressionAttributeValues")
        returnValuesOnConditionCheckFailure = try r.optional("ReturnValuesOnConditionCheckFailure")
    }
    public var json: JSONValue {
        .shape([
            "Item": item, "TableName": tableName, "ConditionExpression": conditionExpression,
            "ExpressionAttributeNames": expressionAttributeNames,
            "ExpressionAttributeValues": expressionAttributeValues,
            "ReturnValuesOnConditionCheckFailure": returnValuesOnConditionCheckFailure,
        ])
    }
}

/// A transaction action that deletes an item.
public struct Delete: WireShape {
    public var key: Item
    public var tableName: String
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: [String: AttributeValue]?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?

    public init(key: Item, tableName: String, conditionExpression: String? = nil,
                expressionAttributeNames: [String: String]? = nil,
                expressionAttributeValues: [String: AttributeValue]? = nil,
                returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil) {
        self.key = key
        self.tableName = tableName
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
    public init(reader r: WireReader) throws(DynamoError) {
        key = try r.required("Key")
        tableName = try r.required("TableName")
        conditionExpression = try r.optional("ConditionExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
        expressionAttributeValues = try r.optional("ExpressionAttributeValues")
        returnValuesOnConditionCheckFailure = try r.optional("ReturnValuesOnConditionCheckFailure")
    }
    public var json: JSONValue {
        .shape([
            "Key": key, "TableName": tableName, "ConditionExpression": conditionExpression,
            "ExpressionAttributeNames": expressionAttributeNames,
            "ExpressionAttributeValues": expressionAttributeValues,
            "ReturnValuesOnConditionCheckFailure": returnValuesOnConditionCheckFailure,
        ])
    }
}

/// A transaction action that updates an item.
public struct Update: WireShape {
    public var key: Item
    public var updateExpression: String
    public var tableName: String
    public var conditionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var expressionAttributeValues: [String: AttributeValue]?
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure?

    public init(key: Item, updateExpression: String, tableName: String, conditionExpression: String? = nil,
                expressionAttributeNames: [String: String]? = nil,
                expressionAttributeValues: [String: AttributeValue]? = nil,
                returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure? = nil) {
        self.key = key
        self.updateExpression = updateExpression
        self.tableName = tableName
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
    public init(reader r: WireReader) throws(DynamoError) {
        key = try r.required("Key")
        updateExpression = try r.required("UpdateExpression")
        tableName = try r.required("TableName")
        conditionExpression = try r.optional("ConditionExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
        expressionAttributeValues = try r.optional("ExpressionAttributeValues")
        returnValuesOnConditionCheckFailure = try r.optional("ReturnValuesOnConditionCheckFailure")
    }
    public var json: JSONValue {
        .shape([
            "Key": key, "UpdateExpression": updateExpression, "TableName": tableName,
            "ConditionExpression": conditionExpression,
            "ExpressionAttributeNames": expressionAttributeNames,
            "ExpressionAttributeValues": expressionAttributeValues,
            "ReturnValuesOnConditionCheckFailure": returnValuesOnConditionCheckFailure,
        ])
    }
}

/// One of `ConditionCheck`, `Put`, `Delete` or `Update` (DynamoDB checks that exactly one is set).
public struct TransactWriteItem: WireShape {
    public var conditionCheck: ConditionCheck?
    public var put: Put?
    public var delete: Delete?
    public var update: Update?

    public init(conditionCheck: ConditionCheck? = nil, put: Put? = nil, delete: Delete? = nil, update: Update? = nil) {
        self.conditionCheck = conditionCheck
        self.put = put
        self.delete = delete
        self.update = update
    }
    public init(reader r: WireReader) throws(DynamoError) {
        conditionCheck = try r.optional("ConditionCheck")
        put = try r.optional("Put")
        delete = try r.optional("Delete")
        update = try r.optional("Update")
    }
    public var json: JSONValue {
        .shape(["ConditionCheck": conditionCheck, "Put": put, "Delete": delete, "Update": update])
    }
}

public struct TransactWriteItemsInput: OperationInput {
    public var transactItems: [TransactWriteItem]
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public var returnItemCollectionMetrics: ReturnItemCollectionMetrics?
    /// Makes the call idempotent for 10 minutes.
    public var clientRequestToken: String?

    public init(transactItems: [TransactWriteItem], returnConsumedCapacity: ReturnConsumedCapacity? = nil,
                returnItemCollectionMetrics: ReturnItemCollectionMetrics? = nil, clientRequestToken: String? = nil) {
        self.transactItems = transactItems
        self.returnConsumedCapacity = returnConsumedCapacity
        self.returnItemCollectionMetrics = returnItemCollectionMetrics
        self.clientRequestToken = clientRequestToken
    }
    public init(reader r: WireReader) throws(DynamoError) {
        transactItems = try r.required("TransactItems")
        returnConsumedCapacity = try r.optional("ReturnConsumedCapacity")
        returnItemCollectionMetrics = try r.optional("ReturnItemCollectionMetrics")
        clientRequestToken = try r.optional("ClientRequestToken")
    }
    public var json: JSONValue {
        .shape([
            "TransactItems": transactItems, "ReturnConsumedCapacity": returnConsumedCapacity,
            "ReturnItemCollectionMetrics": returnItemCollectionMetrics, "ClientRequestToken": clientRequestToken,
        ])
    }
}

public struct TransactWriteItemsOutput: OperationOutput {
    public var consumedCapacity: [ConsumedCapacity]?
    public var itemCollectionMetrics: [String: [ItemCollectionMetrics]]?

    public init(consumedCapacity: [ConsumedCapacity]? = nil,
                itemCollectionMetrics: [String: [ItemCollectionMetrics]]? = nil) {
        self.consumedCapacity = consumedCapacity
        self.itemCollectionMetrics = itemCollectionMetrics
    }
    public init(reader r: WireReader) throws(DynamoError) {
        consumedCapacity = try r.optional("ConsumedCapacity")
        itemCollectionMetrics = try r.optional("ItemCollectionMetrics")
    }
    public var json: JSONValue {
        .shape(["ConsumedCapacity": consumedCapacity, "ItemCollectionMetrics": itemCollectionMetrics])
    }
}

// MARK: TransactGetItems

public struct Get: WireShape {
    public var key: Item
    public var tableName: String
    public var projectionExpression: String?
    public var expressionAttributeNames: [String: String]?

    public init(key: Item, tableName: String, projectionExpression: String? = nil,
                expressionAttributeNames: [String: String]? = nil) {
        self.key = key
        self.tableName = tableName
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
    }
    public init(reader r: WireReader) throws(DynamoError) {
        key = try r.required("Key")
        tableName = try r.required("TableName")
        projectionExpression = try r.optional("ProjectionExpression")
        expressionAttributeNames = try r.optional("ExpressionAttributeNames")
    }
    public var json: JSONValue {
        .shape([
            "Key": key, "TableName": tableName, "ProjectionExpression": projectionExpression,
            "ExpressionAttributeNames": expressionAttributeNames,
        ])
    }
}

public struct TransactGetItem: WireShape {
    public var get: Get

    public init(get: Get) { self.get = get }
    public init(reader r: WireReader) throws(DynamoError) { get = try r.required("Get") }
    public var json: JSONValue { .shape(["Get": get]) }
}

public struct TransactGetItemsInput: OperationInput {
    public var transactItems: [TransactGetItem]
    public var returnConsumedCapacity: ReturnConsumedCapacity?

    public init(transactItems: [TransactGetItem], returnConsumedCapacity: ReturnConsumedCapacity? = nil) {
        self.transactItems = transactItems
        self.returnConsumedCapacity = returnConsumedCapacity
    }
    public init(reader r: WireReader) throws(DynamoError) {
        transactItems = try r.required("TransactItems")
        returnConsumedCapacity = try r.optional("ReturnConsumedCapacity")
    }
    public var json: JSONValue {
        .shape(["TransactItems": transactItems, "ReturnConsumedCapacity": returnConsumedCapacity])
    }
}

/// One `TransactGetItems` result, in request order; `item` is absent when there is none.
public struct ItemResponse: WireShape {
    public var item: Item?

    public init(item: Item? = nil) { self.item = item }
    public init(reader r: WireReader) throws(DynamoError) { item = try r.optional("Item") }
    public var json: JSONValue { .shape(["Item": item]) }
}

public struct TransactGetItemsOutput: OperationOutput {
    public var consumedCapacity: [ConsumedCapacity]?
    public var responses: [ItemResponse]?

    public init(consumedCapacity: [ConsumedCapacity]? = nil, responses: [ItemResponse]? = nil) {
        self.consumedCapacity = consumedCapacity
        self.responses = responses
    }
    public init(reader r: WireReader) throws(DynamoError) {
        consumedCapacity = try r.optional("ConsumedCapacity")
        responses = try r.optional("Responses")
    }
    public var json: JSONValue { .shape(["ConsumedCapacity": consumedCapacity, "Responses": responses]) }
}

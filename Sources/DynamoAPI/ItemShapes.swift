import DynamoModel

// Shapes shared by the item operations: consumed capacity, item collection metrics, and the
// legacy (pre-expression) conditions and updates.

/// Capacity units of one table or index.
public struct Capacity: WireShape {
    public var readCapacityUnits: Double?
    public var writeCapacityUnits: Double?
    public var capacityUnits: Double?

    public init(readCapacityUnits: Double? = nil, writeCapacityUnits: Double? = nil, capacityUnits: Double? = nil) {
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
        self.capacityUnits = capacityUnits
    }
    public init(reader r: WireReader) throws(DynamoError) {
        readCapacityUnits = try r.optional("ReadCapacityUnits")
        writeCapacityUnits = try r.optional("WriteCapacityUnits")
        capacityUnits = try r.optional("CapacityUnits")
    }
    public var json: JSONValue {
        .shape([
            "ReadCapacityUnits": readCapacityUnits, "WriteCapacityUnits": writeCapacityUnits,
            "CapacityUnits": capacityUnits,
        ])
    }
}

/// Capacity an operation consumed (returned when `ReturnConsumedCapacity` asks for it).
public struct ConsumedCapacity: WireShape {
    public var tableName: String?
    public var capacityUnits: Double?
    public var readCapacityUnits: Double?
    public var writeCapacityUnits: Double?
    public var table: Capacity?
    public var localSecondaryIndexes: [String: Capacity]?
    public var globalSecondaryIndexes: [String: Capacity]?

    public init(tableName: String? = nil, capacityUnits: Double? = nil, readCapacityUnits: Double? = nil,
                writeCapacityUnits: Double? = nil, table: Capacity? = nil,
                localSecondaryIndexes: [String: Capacity]? = nil, globalSecondaryIndexes: [String: Capacity]? = nil) {
        self.tableName = tableName
        self.capacityUnits = capacityUnits
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
        self.table = table
        self.localSecondaryIndexes = localSecondaryIndexes
        self.globalSecondaryIndexes = globalSecondaryIndexes
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableName = try r.optional("TableName")
        capacityUnits = try r.optional("CapacityUnits")
        readCapacityUnits = try r.optional("ReadCapacityUnits")
        writeCapacityUnits = try r.optional("WriteCapacityUnits")
        table = try r.optional("Table")
        localSecondaryIndexes = try r.optional("LocalSecondaryIndexes")
        globalSecondaryIndexes = try r.optional("GlobalSecondaryIndexes")
    }
    public var json: JSONValue {
        .shape([
            "TableName": tableName, "CapacityUnits": capacityUnits,
            "ReadCapacityUnits": readCapacityUnits, "WriteCapacityUnits": writeCapacityUnits,
            "Table": table, "LocalSecondaryIndexes": localSecondaryIndexes,
            "GlobalSecondaryIndexes": globalSecondaryIndexes,
        ])
    }
}

/// Size of the item collection a write touched (tables with local secondary indexes).
public struct ItemCollectionMetrics: WireShape {
    public var itemCollectionKey: Item?
    public var sizeEstimateRangeGB: [Double]?

    public init(itemCollectionKey: Item? = nil, sizeEstimateRangeGB: [Double]? = nil) {
        self.itemCollectionKey = itemCollectionKey
        self.sizeEstimateRangeGB = sizeEstimateRangeGB
    }
    public init(reader r: WireReader) throws(DynamoError) {
        itemCollectionKey = try r.optional("ItemCollectionKey")
        sizeEstimateRangeGB = try r.optional("SizeEstimateRangeGB")
    }
    public var json: JSONValue {
        .shape(["ItemCollectionKey": itemCollectionKey, "SizeEstimateRangeGB": sizeEstimateRangeGB])
    }
}

// MARK: Legacy conditions and updates

/// A legacy condition (`KeyConditions`, `QueryFilter`, `ScanFilter`).
public struct Condition: WireShape {
    public var attributeValueList: [AttributeValue]?
    public var comparisonOperator: ComparisonOperator

    public init(attributeValueList: [AttributeValue]? = nil, comparisonOperator: ComparisonOperator) {
        self.attributeValueList = attributeValueList
        self.comparisonOperator = comparisonOperator
    }
    public init(reader r: WireReader) throws(DynamoError) {
        attributeValueList = try r.optional("AttributeValueList")
        comparisonOperator = try r.required("ComparisonOperator")
    }
    public var json: JSONValue {
        .shape(["AttributeValueList": attributeValueList, "ComparisonOperator": comparisonOperator])
    }
}

/// A legacy `Expected` condition on one attribute.
public struct ExpectedAttributeValue: WireShape {
    public var value: AttributeValue?
    public var exists: Bool?
    public var comparisonOperator: ComparisonOperator?
    public var attributeValueList: [AttributeValue]?

    public init(value: AttributeValue? = nil, exists: Bool? = nil, comparisonOperator: ComparisonOperator? = nil,
                attributeValueList: [AttributeValue]? = nil) {
        self.value = value
        self.exists = exists
        self.comparisonOperator = comparisonOperator
        self.attributeValueList = attributeValueList
    }
    public init(reader r: WireReader) throws(DynamoError) {
        value = try r.optional("Value")
        exists = try r.optional("Exists")
        comparisonOperator = try r.optional("ComparisonOperator")
        attributeValueList = try r.optional("AttributeValueList")
    }
    public var json: JSONValue {
        .shape([
            "Value": value, "Exists": exists, "ComparisonOperator": comparisonOperator,
            "AttributeValueList": attributeValueList,
        ])
    }
}

/// A legacy `AttributeUpdates` entry.
public struct AttributeValueUpdate: WireShape {
    public var value: AttributeValue?
    public var action: AttributeAction?

    public init(value: AttributeValue? = nil, action: AttributeAction? = nil) {
        self.value = value
        self.action = action
    }
    public init(reader r: WireReader) throws(DynamoError) {
        value = try r.optional("Value")
        action = try r.optional("Action")
    }
    public var json: JSONValue { .shape(["Value": value, "Action": action]) }
}

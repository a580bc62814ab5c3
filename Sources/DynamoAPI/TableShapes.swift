import DynamoModel

// Shapes that describe tables: key schema, indexes, throughput, streams, and the table
// description every control-plane operation returns.

public struct AttributeDefinition: WireShape {
    public var attributeName: String
    public var attributeType: ScalarAttributeType

    public init(attributeName: String, attributeType: ScalarAttributeType) {
        self.attributeName = attributeName
        self.attributeType = attributeType
    }
    public init(reader r: WireReader) throws(DynamoError) {
        attributeName = try r.required("AttributeName")
        attributeType = try r.required("AttributeType")
    }
    public var json: JSONValue {
        .shape(["AttributeName": attributeName, "AttributeType": attributeType])
    }
}

public struct KeySchemaElement: WireShape {
    public var attributeName: String
    public var keyType: KeyType

    public init(attributeName: String, keyType: KeyType) {
        self.attributeName = attributeName
        self.keyType = keyType
    }
    public init(reader r: WireReader) throws(DynamoError) {
        attributeName = try r.required("AttributeName")
        keyType = try r.required("KeyType")
    }
    public var json: JSONValue {
        .shape(["AttributeName": attributeName, "KeyType": keyType])
    }
}

public struct Projection: WireShape {
    public var nonKeyAttributes: [String]?
    public var projectionType: ProjectionType?

    public init(nonKeyAttributes: [String]? = nil, projectionType: ProjectionType? = nil) {
        self.nonKeyAttributes = nonKeyAttributes
        self.projectionType = projectionType
    }
    public init(reader r: WireReader) throws(DynamoError) {
        nonKeyAttributes = try r.optional("NonKeyAttributes")
        projectionType = try r.optional("ProjectionType")
    }
    public var json: JSONValue {
        .shape(["NonKeyAttributes": nonKeyAttributes, "ProjectionType": projectionType])
    }
}

/// Requested throughput for a provisioned table or index.
public struct ProvisionedThroughput: WireShape {
    public var readCapacityUnits: Int64
    public var writeCapacityUnits: Int64

    public init(readCapacityUnits: Int64, writeCapacityUnits: Int64) {
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
    }
    public init(reader r: WireReader) throws(DynamoError) {
        readCapacityUnits = try r.required("ReadCapacityUnits")
        writeCapacityUnits = try r.required("WriteCapacityUnits")
    }
    public var json: JSONValue {
        .shape(["ReadCapacityUnits": readCapacityUnits, "WriteCapacityUnits": writeCapacityUnits])
    }
}

/// Throughput as a table description reports it.
public struct ProvisionedThroughputDescription: WireShape {
    public var lastDecreaseDateTime: Double?
    public var lastIncreaseDateTime: Double?
    public var numberOfDecreasesToday: Int64?
    public var readCapacityUnits: Int64?
    public var writeCapacityUnits: Int64?

    public init(lastDecreaseDateTime: Double? = nil, lastIncreaseDateTime: Double? = nil,
                numberOfDecreasesToday: Int64? = nil, readCapacityUnits: Int64? = nil, writeCapacityUnits: Int64? = nil) {
        self.lastDecreaseDateTime = lastDecreaseDateTime
        self.lastIncreaseDateTime = lastIncreaseDateTime
        self.numberOfDecreasesToday = numberOfDecreasesToday
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
    }
    public init(reader r: WireReader) throws(DynamoError) {
        lastDecreaseDateTime = try r.optional("LastDecreaseDateTime")
        lastIncreaseDateTime = try r.optional("LastIncreaseDateTime")
        numberOfDecreasesToday = try r.optional("NumberOfDecreasesToday")
        readCapacityUnits = try r.optional("ReadCapacityUnits")
        writeCapacityUnits = try r.optional("WriteCapacityUnits")
    }
    public var json: JSONValue {
        .shape([
            "LastDecreaseDateTime": lastDecreaseDateTime,
            "LastIncreaseDateTime": lastIncreaseDateTime,
            "NumberOfDecreasesToday": numberOfDecreasesToday,
            "ReadCapacityUnits": readCapacityUnits,
            "WriteCapacityUnits": writeCapacityUnits,
        ])
    }
}

/// Maximum request units of an on-demand table or index.
public struct OnDemandThroughput: WireShape {
    public var maxReadRequestUnits: Int64?
    public var maxWriteRequestUnits: Int64?

    public init(maxReadRequestUnits: Int64? = nil, maxWriteRequestUnits: Int64? = nil) {
        self.maxReadRequestUnits = maxReadRequestUnits
        self.maxWriteRequestUnits = maxWriteRequestUnits
    }
    public init(reader r: WireReader) throws(DynamoError) {
        maxReadRequestUnits = try r.optional("MaxReadRequestUnits")
        maxWriteRequestUnits = try r.optional("MaxWriteRequestUnits")
    }
    public var json: JSONValue {
        .shape(["MaxReadRequestUnits": maxReadRequestUnits, "MaxWriteRequestUnits": maxWriteRequestUnits])
    }
}

public struct StreamSpecification: WireShape {
    public var streamEnabled: Bool
    public var streamViewType: StreamViewType?

    public init(streamEnabled: Bool, streamViewType: StreamViewType? = nil) {
        self.streamEnabled = streamEnabled
        self.streamViewType = streamViewType
    }
    public init(reader r: WireReader) throws(DynamoError) {
        streamEnabled = try r.required("StreamEnabled")
        streamViewType = try r.optional("StreamViewType")
    }
    public var json: JSONValue {
        .shape(["StreamEnabled": streamEnabled, "StreamViewType": streamViewType])
    }
}

/// Server-side encryption settings (accepted and reported; they do not change results).
public struct SSESpecification: WireShape {
    public var enabled: Bool?
    public var sseType: SSEType?
    public var kmsMasterKeyId: String?

    public init(enabled: Bool? = nil, sseType: SSEType? = nil, kmsMasterKeyId: String? = nil) {
        self.enabled = enabled
        self.sseType = sseType
        self.kmsMasterKeyId = kmsMasterKeyId
    }
    public init(reader r: WireReader) throws(DynamoError) {
        enabled = try r.optional("Enabled")
        sseType = try r.optional("SSEType")
        kmsMasterKeyId = try r.optional("KMSMasterKeyId")
    }
    public var json: JSONValue {
        .shape(["Enabled": enabled, "SSEType": sseType, "KMSMasterKeyId": kmsMasterKeyId])
    }
}

public struct SSEDescription: WireShape {
    public var status: SSEStatus?
    public var sseType: SSEType?
    public var kmsMasterKeyArn: String?
    public var inaccessibleEncryptionDateTime: Double?

    public init(status: SSEStatus? = nil, sseType: SSEType? = nil, kmsMasterKeyArn: String? = nil,
                inaccessibleEncryptionDateTime: Double? = nil) {
        self.status = status
        self.sseType = sseType
        self.kmsMasterKeyArn = kmsMasterKeyArn
        self.inaccessibleEncryptionDateTime = inaccessibleEncryptionDateTime
    }
    public init(reader r: WireReader) throws(DynamoError) {
        status = try r.optional("Status")
        sseType = try r.optional("SSEType")
        kmsMasterKeyArn = try r.optional("KMSMasterKeyArn")
        inaccessibleEncryptionDateTime = try r.optional("InaccessibleEncryptionDateTime")
    }
    public var json: JSONValue {
        .shape([
            "Status": status, "SSEType": sseType, "KMSMasterKeyArn": kmsMasterKeyArn,
            "InaccessibleEncryptionDateTime": inaccessibleEncryptionDateTime,
        ])
    }
}

public struct Tag: WireShape {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
    public init(reader r: WireReader) throws(DynamoError) {
        key = try r.required("Key")
        value = try r.required("Value")
    }
    public var json: JSONValue { .shape(["Key": key, "Value": value]) }
}

// MARK: Secondary indexes

public struct LocalSecondaryIndex: WireShape {
    public var indexName: String
    public var keySchema: [KeySchemaElement]
    public var projection: Projection

    public init(indexName: String, keySchema: [KeySchemaElement], projection: Projection) {
        self.indexName = indexName
        self.keySchema = keySchema
        self.projection = projection
    }
    public init(reader r: WireReader) throws(DynamoError) {
        indexName = try r.required("IndexName")
        keySchema = try r.required("KeySchema")
        projection = try r.required("Projection")
    }
    public var json: JSONValue {
        .shape(["IndexName": indexName, "KeySchema": keySchema, "Projection": projection])
    }
}

public struct GlobalSecondaryIndex: WireShape {
    public var indexName: String
    public var keySchema: [KeySchemaElement]
    public var projection: Projection
    public var provisionedThroughput: ProvisionedThroughput?
    public var onDemandThroughput: OnDemandThroughput?

    public init(indexName: String, keySchema: [KeySchemaElement], projection: Projection,
                provisionedThroughput: ProvisionedThroughput? = nil, onDemandThroughput: OnDemandThroughput? = nil) {
        self.indexName = indexName
        self.keySchema = keySchema
        self.projection = projection
        self.provisionedThroughput = provisionedThroughput
        self.onDemandThroughput = onDemandThroughput
    }
    public init(reader r: WireReader) throws(DynamoError) {
        indexName = try r.required("IndexName")
        keySchema = try r.required("KeySchema")
        projection = try r.required("Projection")
        provisionedThroughput = try r.optional("ProvisionedThroughput")
        onDemandThroughput = try r.optional("OnDemandThroughput")
    }
    public var json: JSONValue {
        .shape([
            "IndexName": indexName, "KeySchema": keySchema, "Projection": projection,
            "ProvisionedThroughput": provisionedThroughput, "OnDemandThroughput": onDemandThroughput,
        ])
    }
}

public struct LocalSecondaryIndexDescription: WireShape {
    public var indexName: String?
    public var keySchema: [KeySchemaElement]?
    public var projection: Projection?
    public var indexSizeBytes: Int64?
    public var itemCount: Int64?
    public var indexArn: String?

    public init(indexName: String? = nil, keySchema: [KeySchemaElement]? = nil, projection: Projection? = nil,
                indexSizeBytes: Int64? = nil, itemCount: Int64? = nil, indexArn: String? = nil) {
        self.indexName = indexName
        self.keySchema = keySchema
        self.projection = projection
        self.indexSizeBytes = indexSizeBytes
        self.itemCount = itemCount
        self.indexArn = indexArn
    }
    public init(reader r: WireReader) throws(DynamoError) {
        indexName = try r.optional("IndexName")
        keySchema = try r.optional("KeySchema")
        projection = try r.optional("Projection")
        indexSizeBytes = try r.optional("IndexSizeBytes")
        itemCount = try r.optional("ItemCount")
        indexArn = try r.optional("IndexArn")
    }
    public var json: JSONValue {
        .shape([
            "IndexName": indexName, "KeySchema": keySchema, "Projection": projection,
            "IndexSizeBytes": indexSizeBytes, "ItemCount": itemCount, "IndexArn": indexArn,
        ])
    }
}

public struct GlobalSecondaryIndexDescription: WireShape {
    public var indexName: String?
    public var keySchema: [KeySchemaElement]?
    public var projection: Projection?
    public var indexStatus: IndexStatus?
    public var backfilling: Bool?
    public var provisionedThroughput: ProvisionedThroughputDescription?
    public var indexSizeBytes: Int64?
    public var itemCount: Int64?
    public var indexArn: String?
    public var onDemandThroughput: OnDemandThroughput?

    public init(indexName: String? = nil, keySchema: [KeySchemaElement]? = nil, projection: Projection? = nil,
                indexStatus: IndexStatus? = nil, backfilling: Bool? = nil,
                provisionedThroughput: ProvisionedThroughputDescription? = nil,
                indexSizeBytes: Int64? = nil, itemCount: Int64? = nil, indexArn: String? = nil,
                onDemandThroughput: OnDemandThroughput? = nil) {
        self.indexName = indexName
        self.keySchema = keySchema
        self.projection = projection
        self.indexStatus = indexStatus
        self.backfilling = backfilling
        self.provisionedThroughput = provisionedThroughput
        self.indexSizeBytes = indexSizeBytes
        self.itemCount = itemCount
        self.indexArn = indexArn
        self.onDemandThroughput = onDemandThroughput
    }
    public init(reader r: WireReader) throws(DynamoError) {
        indexName = try r.optional("IndexName")
        keySchema = try r.optional("KeySchema")
        projection = try r.optional("Projection")
        indexStatus = try r.optional("IndexStatus")
        backfilling = try r.optional("Backfilling")
        provisionedThroughput = try r.optional("ProvisionedThroughput")
        indexSizeBytes = try r.optional("IndexSizeBytes")
        itemCount = try r.optional("ItemCount")
        indexArn = try r.optional("IndexArn")
        onDemandThroughput = try r.optional("OnDemandThroughput")
    }
    public var json: JSONValue {
        .shape([
            "IndexName": indexName, "KeySchema": keySchema, "Projection": projection,
            "IndexStatus": indexStatus, "Backfilling": backfilling,
            "ProvisionedThroughput": provisionedThroughput,
            "IndexSizeBytes": indexSizeBytes, "ItemCount": itemCount, "IndexArn": indexArn,
            "OnDemandThroughput": onDemandThroughput,
        ])
    }
}

// MARK: Table description

public struct BillingModeSummary: WireShape {
    public var billingMode: BillingMode?
    public var lastUpdateToPayPerRequestDateTime: Double?

    public init(billingMode: BillingMode? = nil, lastUpdateToPayPerRequestDateTime: Double? = nil) {
        self.billingMode = billingMode
        self.lastUpdateToPayPerRequestDateTime = lastUpdateToPayPerRequestDateTime
    }
    public init(reader r: WireReader) throws(DynamoError) {
        billingMode = try r.optional("BillingMode")
        lastUpdateToPayPerRequestDateTime = try r.optional("LastUpdateToPayPerRequestDateTime")
    }
    public var json: JSONValue {
        .shape(["BillingMode": billingMode, "LastUpdateToPayPerRequestDateTime": lastUpdateToPayPerRequestDateTime])
    }
}

public struct TableClassSummary: WireShape {
    public var tableClass: TableClass?
    public var lastUpdateDateTime: Double?

    public init(tableClass: TableClass? = nil, lastUpdateDateTime: Double? = nil) {
        self.tableClass = tableClass
        self.lastUpdateDateTime = lastUpdateDateTime
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableClass = try r.optional("TableClass")
        lastUpdateDateTime = try r.optional("LastUpdateDateTime")
    }
    public var json: JSONValue {
        .shape(["TableClass": tableClass, "LastUpdateDateTime": lastUpdateDateTime])
    }
}

/// Where a restored table came from.
public struct RestoreSummary: WireShape {
    public var sourceBackupArn: String?
    public var sourceTableArn: String?
    public var restoreDateTime: Double
    public var restoreInProgress: Bool

    public init(sourceBackupArn: String? = nil, sourceTableArn: String? = nil,
                restoreDateTime: Double, restoreInProgress: Bool) {
        self.sourceBackupArn = sourceBackupArn
        self.sourceTableArn = sourceTableArn
        self.restoreDateTime = restoreDateTime
        self.restoreInProgress = restoreInProgress
    }
    public init(reader r: WireReader) throws(DynamoError) {
        sourceBackupArn = try r.optional("SourceBackupArn")
        sourceTableArn = try r.optional("SourceTableArn")
        restoreDateTime = try r.required("RestoreDateTime")
        restoreInProgress = try r.required("RestoreInProgress")
    }
    public var json: JSONValue {
        .shape([
            "SourceBackupArn": sourceBackupArn, "SourceTableArn": sourceTableArn,
            "RestoreDateTime": restoreDateTime, "RestoreInProgress": restoreInProgress,
        ])
    }
}

public struct TableDescription: WireShape {
    public var attributeDefinitions: [AttributeDefinition]?
    public var tableName: String?
    public var keySchema: [KeySchemaElement]?
    public var tableStatus: TableStatus?
    /// Epoch seconds.
    public var creationDateTime: Double?
    public var provisionedThroughput: ProvisionedThroughputDescription?
    public var tableSizeBytes: Int64?
    public var itemCount: Int64?
    public var tableArn: String?
    public var tableId: String?
    public var billingModeSummary: BillingModeSummary?
    public var localSecondaryIndexes: [LocalSecondaryIndexDescription]?
    public var globalSecondaryIndexes: [GlobalSecondaryIndexDescription]?
    public var streamSpecification: StreamSpecification?
    public var latestStreamLabel: String?
    public var latestStreamArn: String?
    public var restoreSummary: RestoreSummary?
    public var sseDescription: SSEDescription?
    public var tableClassSummary: TableClassSummary?
    public var deletionProtectionEnabled: Bool?
    public var onDemandThroughput: OnDemandThroughput?

    public init(attributeDefinitions: [AttributeDefinition]? = nil, tableName: String? = nil,
                keySchema: [KeySchemaElement]? = nil, tableStatus: TableStatus? = nil,
                creationDateTime: Double? = nil, provisionedThroughput: ProvisionedThroughputDescription? = nil,
                tableSizeBytes: Int64? = nil, itemCount: Int64? = nil, tableArn: String? = nil, tableId: String? = nil,
                billingModeSummary: BillingModeSummary? = nil,
                localSecondaryIndexes: [LocalSecondaryIndexDescription]? = nil,
                globalSecondaryIndexes: [GlobalSecondaryIndexDescription]? = nil,
                streamSpecification: StreamSpecification? = nil, latestStreamLabel: String? = nil,
                latestStreamArn: String? = nil, restoreSummary: RestoreSummary? = nil,
                sseDescription: SSEDescription? = nil, tableClassSummary: TableClassSummary? = nil,
                deletionProtectionEnabled: Bool? = nil, onDemandThroughput: OnDemandThroughput? = nil) {
        self.attributeDefinitions = attributeDefinitions
        self.tableName = tableName
        self.keySchema = keySchema
        self.tableStatus = tableStatus
        self.creationDateTime = creationDateTime
        self.provisionedThroughput = provisionedThroughput
        self.tableSizeBytes = tableSizeBytes
        self.itemCount = itemCount
        self.tableArn = tableArn
        self.tableId = tableId
        self.billingModeSummary = billingModeSummary
        self.localSecondaryIndexes = localSecondaryIndexes
        self.globalSecondaryIndexes = globalSecondaryIndexes
        self.streamSpecification = streamSpecification
        self.latestStreamLabel = latestStreamLabel
        self.latestStreamArn = latestStreamArn
        self.restoreSummary = restoreSummary
        self.sseDescription = sseDescription
        self.tableClassSummary = tableClassSummary
        self.deletionProtectionEnabled = deletionProtectionEnabled
        self.onDemandThroughput = onDemandThroughput
    }
    public init(reader r: WireReader) throws(DynamoError) {
        attributeDefinitions = try r.optional("AttributeDefinitions")
        tableName = try r.optional("TableName")
        keySchema = try r.optional("KeySchema")
        tableStatus = try r.optional("TableStatus")
        creationDateTime = try r.optional("CreationDateTime")
        provisionedThroughput = try r.optional("ProvisionedThroughput")
        tableSizeBytes = try r.optional("TableSizeBytes")
        itemCount = try r.optional("ItemCount")
        tableArn = try r.optional("TableArn")
        tableId = try r.optional("TableId")
        billingModeSummary = try r.optional("BillingModeSummary")
        localSecondaryIndexes = try r.optional("LocalSecondaryIndexes")
        globalSecondaryIndexes = try r.optional("GlobalSecondaryIndexes")
        streamSpecification = try r.optional("StreamSpecification")
        latestStreamLabel = try r.optional("LatestStreamLabel")
        latestStreamArn = try r.optional("LatestStreamArn")
        restoreSummary = try r.optional("RestoreSummary")
        sseDescription = try r.optional("SSEDescription")
        tableClassSummary = try r.optional("TableClassSummary")
        deletionProtectionEnabled = try r.optional("DeletionProtectionEnabled")
        onDemandThroughput = try r.optional("OnDemandThroughput")
    }
    public var json: JSONValue {
        .shape([
            "AttributeDefinitions": attributeDefinitions,
            "TableName": tableName,
            "KeySchema": keySchema,
            "TableStatus": tableStatus,
            "CreationDateTime": creationDateTime,
            "ProvisionedThroughput": provisionedThroughput,
            "TableSizeBytes": tableSizeBytes,
            "ItemCount": itemCount,
            "TableArn": tableArn,
            "TableId": tableId,
            "BillingModeSummary": billingModeSummary,
            "LocalSecondaryIndexes": localSecondaryIndexes,
            "GlobalSecondaryIndexes": globalSecondaryIndexes,
            "StreamSpecification": streamSpecification,
            "LatestStreamLabel": latestStreamLabel,
            "LatestStreamArn": latestStreamArn,
            "RestoreSummary": restoreSummary,
            "SSEDescription": sseDescription,
            "TableClassSummary": tableClassSummary,
            "DeletionProtectionEnabled": deletionProtectionEnabled,
            "OnDemandThroughput": onDemandThroughput,
        ])
    }
}

import DynamoModel

// CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable.

// MARK: CreateTable

public struct CreateTableInput: OperationInput {
    public var attributeDefinitions: [AttributeDefinition]
    public var tableName: String
    public var keySchema: [KeySchemaElement]
    public var localSecondaryIndexes: [LocalSecondaryIndex]?
    public var globalSecondaryIndexes: [GlobalSecondaryIndex]?
    public var billingMode: BillingMode?
    public var provisionedThroughput: ProvisionedThroughput?
    public var streamSpecification: StreamSpecification?
    public var sseSpecification: SSESpecification?
    public var tags: [Tag]?
    public var tableClass: TableClass?
    public var deletionProtectionEnabled: Bool?
    public var onDemandThroughput: OnDemandThroughput?

    public init(attributeDefinitions: [AttributeDefinition], tableName: String, keySchema: [KeySchemaElement],
                localSecondaryIndexes: [LocalSecondaryIndex]? = nil, globalSecondaryIndexes: [GlobalSecondaryIndex]? = nil,
                billingMode: BillingMode? = nil, provisionedThroughput: ProvisionedThroughput? = nil,
                streamSpecification: StreamSpecification? = nil, sseSpecification: SSESpecification? = nil,
                tags: [Tag]? = nil, tableClass: TableClass? = nil, deletionProtectionEnabled: Bool? = nil,
                onDemandThroughput: OnDemandThroughput? = nil) {
        self.attributeDefinitions = attributeDefinitions
        self.tableName = tableName
        self.keySchema = keySchema
        self.localSecondaryIndexes = localSecondaryIndexes
        self.globalSecondaryIndexes = globalSecondaryIndexes
        self.billingMode = billingMode
        self.provisionedThroughput = provisionedThroughput
        self.streamSpecification = streamSpecification
        self.sseSpecification = sseSpecification
        self.tags = tags
        self.tableClass = tableClass
        self.deletionProtectionEnabled = deletionProtectionEnabled
        self.onDemandThroughput = onDemandThroughput
    }
    public init(reader r: WireReader) throws(DynamoError) {
        attributeDefinitions = try r.required("AttributeDefinitions")
        tableName = try r.required("TableName")
        keySchema = try r.required("KeySchema")
        localSecondaryIndexes = try r.optional("LocalSecondaryIndexes")
        globalSecondaryIndexes = try r.optional("GlobalSecondaryIndexes")
        billingMode = try r.optional("BillingMode")
        provisionedThroughput = try r.optional("ProvisionedThroughput")
        streamSpecification = try r.optional("StreamSpecification")
        sseSpecification = try r.optional("SSESpecification")
        tags = try r.optional("Tags")
        tableClass = try r.optional("TableClass")
        deletionProtectionEnabled = try r.optional("DeletionProtectionEnabled")
        onDemandThroughput = try r.optional("OnDemandThroughput")
    }
    public var json: JSONValue {
        .shape([
            "AttributeDefinitions": attributeDefinitions,
            "TableName": tableName,
            "KeySchema": keySchema,
            "LocalSecondaryIndexes": localSecondaryIndexes,
            "GlobalSecondaryIndexes": globalSecondaryIndexes,
            "BillingMode": billingMode,
            "ProvisionedThroughput": provisionedThroughput,
            "StreamSpecification": streamSpecification,
            "SSESpecification": sseSpecification,
            "Tags": tags,
            "TableClass": tableClass,
            "DeletionProtectionEnabled": deletionProtectionEnabled,
            "OnDemandThroughput": onDemandThroughput,
        ])
    }
}

public struct CreateTableOutput: OperationOutput {
    public var tableDescription: TableDescription?

    public init(tableDescription: TableDescription? = nil) { self.tableDescription = tableDescription }
    public init(reader r: WireReader) throws(DynamoError) { tableDescription = try r.optional("TableDescription") }
    public var json: JSONValue { .shape(["TableDescription": tableDescription]) }
}

// MARK: DescribeTable

public struct DescribeTableInput: OperationInput {
    public var tableName: String

    public init(tableName: String) { self.tableName = tableName }
    public init(reader r: WireReader) throws(DynamoError) { tableName = try r.required("TableName") }
    public var json: JSONValue { .shape(["TableName": tableName]) }
}

public struct DescribeTableOutput: OperationOutput {
    public var table: TableDescription?

    public init(table: TableDescription? = nil) { self.table = table }
    public init(reader r: WireReader) throws(DynamoError) { table = try r.optional("Table") }
    public var json: JSONValue { .shape(["Table": table]) }
}

// MARK: ListTables

public struct ListTablesInput: OperationInput {
    public var exclusiveStartTableName: String?
    public var limit: Int?

    public init(exclusiveStartTableName: String? = nil, limit: Int? = nil) {
        self.exclusiveStartTableName = exclusiveStartTableName
        self.limit = limit
    }
    public init(reader r: WireReader) throws(DynamoError) {
        exclusiveStartTableName = try r.optional("ExclusiveStartTableName")
        limit = try r.optional("Limit")
    }
    public var json: JSONValue {
        .shape(["ExclusiveStartTableName": exclusiveStartTableName, "Limit": limit])
    }
}

public struct ListTablesOutput: OperationOutput {
    public var tableNames: [String]?
    public var lastEvaluatedTableName: String?

    public init(tableNames: [String]? = nil, lastEvaluatedTableName: String? = nil) {
        self.tableNames = tableNames
        self.lastEvaluatedTableName = lastEvaluatedTableName
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableNames = try r.optional("TableNames")
        lastEvaluatedTableName = try r.optional("LastEvaluatedTableName")
    }
    public var json: JSONValue {
        .shape(["TableNames": tableNames, "LastEvaluatedTableName": lastEvaluatedTableName])
    }
}

// MARK: DeleteTable

public struct DeleteTableInput: OperationInput {
    public var tableName: String

    public init(tableName: String) { self.tableName = tableName }
    public init(reader r: WireReader) throws(DynamoError) { tableName = try r.required("TableName") }
    public var json: JSONValue { .shape(["TableName": tableName]) }
}

public struct DeleteTableOutput: OperationOutput {
    public var tableDescription: TableDescription?

    public init(tableDescription: TableDescription? = nil) { self.tableDescription = tableDescription }
    public init(reader r: WireReader) throws(DynamoError) { tableDescription = try r.optional("TableDescription") }
    public var json: JSONValue { .shape(["TableDescription": tableDescription]) }
}

// MARK: UpdateTable

public struct CreateGlobalSecondaryIndexAction: WireShape {
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

public struct UpdateGlobalSecondaryIndexAction: WireShape {
    public var indexName: String
    public var provisionedThroughput: ProvisionedThroughput?
    public var onDemandThroughput: OnDemandThroughput?

    public init(indexName: String, provisionedThroughput: ProvisionedThroughput? = nil,
                onDemandThroughput: OnDemandThroughput? = nil) {
        self.indexName = indexName
        self.provisionedThroughput = provisionedThroughput
        self.onDemandThroughput = onDemandThroughput
    }
    public init(reader r: WireReader) throws(DynamoError) {
        indexName = try r.required("IndexName")
        provisionedThroughput = try r.optional("ProvisionedThroughput")
        onDemandThroughput = try r.optional("OnDemandThroughput")
    }
    public var json: JSONValue {
        .shape([
            "IndexName": indexName, "ProvisionedThroughput": provisionedThroughput,
            "OnDemandThroughput": onDemandThroughput,
        ])
    }
}

public struct DeleteGlobalSecondaryIndexAction: WireShape {
    public var indexName: String

    public init(indexName: String) { self.indexName = indexName }
    public init(reader r: WireReader) throws(DynamoError) { indexName = try r.required("IndexName") }
    public var json: JSONValue { .shape(["IndexName": indexName]) }
}

/// One of `Create`, `Update` or `Delete` (DynamoDB checks that exactly one is set).
public struct GlobalSecondaryIndexUpdate: WireShape {
    public var update: UpdateGlobalSecondaryIndexAction?
    public var create: CreateGlobalSecondaryIndexAction?
    public var delete: DeleteGlobalSecondaryIndexAction?

    public init(update: UpdateGlobalSecondaryIndexAction? = nil, create: CreateGlobalSecondaryIndexAction? = nil,
                delete: DeleteGlobalSecondaryIndexAction? = nil) {
        self.update = update
        self.create = create
        self.delete = delete
    }
    public init(reader r: WireReader) throws(DynamoError) {
        update = try r.optional("Update")
        create = try r.optional("Create")
        delete = try r.optional("Delete")
    }
    public var json: JSONValue { .shape(["Update": update, "Create": create, "Delete": delete]) }
}

public struct UpdateTableInput: OperationInput {
    public var attributeDefinitions: [AttributeDefinition]?
    public var tableName: String
    public var billingMode: BillingMode?
    public var provisionedThroughput: ProvisionedThroughput?
    public var globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate]?
    public var streamSpecification: StreamSpecification?
    public var sseSpecification: SSESpecification?
    public var tableClass: TableClass?
    public var deletionProtectionEnabled: Bool?
    public var onDemandThroughput: OnDemandThroughput?

    public init(attributeDefinitions: [AttributeDefinition]? = nil, tableName: String,
                billingMode: BillingMode? = nil, provisionedThroughput: ProvisionedThroughput? = nil,
                globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate]? = nil,
                streamSpecification: StreamSpecification? = nil, sseSpecification: SSESpecification? = nil,
                tableClass: TableClass? = nil, deletionProtectionEnabled: Bool? = nil,
                onDemandThroughput: OnDemandThroughput? = nil) {
        self.attributeDefinitions = attributeDefinitions
        self.tableName = tableName
        self.billingMode = billingMode
        self.provisionedThroughput = provisionedThroughput
        self.globalSecondaryIndexUpdates = globalSecondaryIndexUpdates
        self.streamSpecification = streamSpecification
        self.sseSpecification = sseSpecification
        self.tableClass = tableClass
        self.deletionProtectionEnabled = deletionProtectionEnabled
        self.onDemandThroughput = onDemandThroughput
    }
    public init(reader r: WireReader) throws(DynamoError) {
        attributeDefinitions = try r.optional("AttributeDefinitions")
        tableName = try r.required("TableName")
        billingMode = try r.optional("BillingMode")
        provisionedThroughput = try r.optional("ProvisionedThroughput")
        globalSecondaryIndexUpdates = try r.optional("GlobalSecondaryIndexUpdates")
        streamSpecification = try r.optional("StreamSpecification")
        sseSpecification = try r.optional("SSESpecification")
        tableClass = try r.optional("TableClass")
        deletionProtectionEnabled = try r.optional("DeletionProtectionEnabled")
        onDemandThroughput = try r.optional("OnDemandThroughput")
    }
    public var json: JSONValue {
        .shape([
            "AttributeDefinitions": attributeDefinitions,
            "TableName": tableName,
            "BillingMode": billingMode,
            "ProvisionedThroughput": provisionedThroughput,
            "GlobalSecondaryIndexUpdates": globalSecondaryIndexUpdates,
            "StreamSpecification": streamSpecification,
            "SSESpecification": sseSpecification,
            "TableClass": tableClass,
            "DeletionProtectionEnabled": deletionProtectionEnabled,
            "OnDemandThroughput": onDemandThroughput,
        ])
    }
}

public struct UpdateTableOutput: OperationOutput {
    public var tableDescription: TableDescription?

    public init(tableDescription: TableDescription? = nil) { self.tableDescription = tableDescription }
    public init(reader r: WireReader) throws(DynamoError) { tableDescription = try r.optional("TableDescription") }
    public var json: JSONValue { .shape(["TableDescription": tableDescription]) }
}

import DynamoAPI
import DynamoModel
import Foundation

/// CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable.
extension EmbeddedEngine {
    public func createTable(_ input: CreateTableInput) throws -> CreateTableOutput {
        try Validate.tableName(input.tableName)
        let definitions = try Validate.attributeDefinitions(input.attributeDefinitions)
        let (partitionKey, sortKey) = try Validate.keySchema(input.keySchema, definitions: definitions, context: "table")
        let billing = try Validate.billing(input.billingMode, input.provisionedThroughput)

        return try write {
            if tableIfExists(input.tableName) != nil {
                throw DynamoError(.resourceInUse, "Table already exists: \(input.tableName)")
            }
            let created = now
            var schema = TableSchema(
                storageID: try store.allocateStorageID(), name: input.tableName,
                tableID: UUID().uuidString.lowercased(), arn: tableArn(input.tableName), createdAt: created,
                partitionKey: partitionKey, sortKey: sortKey,
                attributeDefinitions: input.attributeDefinitions.map { KeyAttribute(name: $0.attributeName, type: ScalarType(rawValue: $0.attributeType.rawValue)!) },
                indexes: [], billingMode: billing.mode, readCapacity: billing.read, writeCapacity: billing.write)
            schema.deletionProtection = input.deletionProtectionEnabled ?? false
            for tag in input.tags ?? [] { schema.tags[tag.key] = tag.value }

            var used = Set(schema.keyAttributes.map(\.name))
            var names = Set<String>()
            for gsi in input.globalSecondaryIndexes ?? [] {
                let index = try makeIndex(name: gsi.indexName, kind: .global, keySchema: gsi.keySchema, projection: gsi.projection,
                                          throughput: gsi.provisionedThroughput, billingMode: billing.mode, definitions: definitions)
                guard names.insert(index.name).inserted else {
                    throw DynamoError.validation("One or more parameter values were invalid: Duplicate index name: \(index.name)")
                }
                used.formUnion(index.keyAttributes.map(\.name))
                schema.indexes.append(index)
            }
            if schema.globalIndexes.count > 20 {
                throw DynamoError.validation("One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20")
            }
            for lsi in input.localSecondaryIndexes ?? [] {
                let index = try makeIndex(name: lsi.indexName, kind: .local, keySchema: lsi.keySchema, projection: lsi.projection,
                                          throughput: nil, billingMode: billing.mode, definitions: definitions)
                guard sortKey != nil else {
                    throw DynamoError.validation("One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
                }
                guard index.partitionKey == partitionKey, index.sortKey != nil else {
                    throw DynamoError.validation("One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: \(index.name). index hash key: \(index.partitionKey.name), table hash key: \(partitionKey.name)")
                }
                guard names.insert(index.name).inserted else {
                    throw DynamoError.validation("One or more parameter values were invalid: Duplicate index name: \(index.name)")
                }
                used.formUnion(index.keyAttributes.map(\.name))
                schema.indexes.append(index)
            }
            let defined = Set(definitions.keys)
            if defined != used {
                throw DynamoError.validation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
            }

            try store.createItemTable(schema)
            for index in schema.indexes { try store.createIndexTable(index) }
            if let stream = input.streamSpecification, stream.streamEnabled {
                guard let viewType = stream.streamViewType else {
                    throw DynamoError.validation("One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true")
                }
                try startStream(for: &schema, viewType: viewType.rawValue)
            }
            try saveSchema(schema)
            return CreateTableOutput(tableDescription: try describe(schema))
        }
    }

    private func makeIndex(name: String, kind: IndexSchema.Kind, keySchema: [KeySchemaElement], projection: Projection,
                           throughput: ProvisionedThroughput?, billingMode: String,
                           definitions: [String: ScalarType]) throws -> IndexSchema {
        try Validate.indexName(name)
        let (pk, sk) = try Validate.keySchema(keySchema, definitions: definitions, context: "index \(name)")
        let type = projection.projectionType ?? .all
        let nonKey = projection.nonKeyAttributes ?? []
        if type == .include && nonKey.isEmpty {
            throw DynamoError.validation("One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified")
        }
        if type != .include && !nonKey.isEmpty {
            throw DynamoError.validation("One or more parameter values were invalid: ProjectionType is \(type.rawValue), but NonKeyAttributes is specified")
        }
        if billingMode == "PROVISIONED" && kind == .global && throughput == nil {
            throw DynamoError.validation("One or more parameter values were invalid: ProvisionedThroughput is not specified for index: \(name)")
        }
        return IndexSchema(name: name, kind: kind, storageID: try store.allocateStorageID(), partitionKey: pk, sortKey: sk,
                           projectionType: type.rawValue, nonKeyAttributes: nonKey,
                           readCapacity: throughput.map { Int($0.readCapacityUnits) },
                           writeCapacity: throughput.map { Int($0.writeCapacityUnits) })
    }

    public func describeTable(_ input: DescribeTableInput) throws -> DescribeTableOutput {
        try read { DescribeTableOutput(table: try describe(try table(input.tableName))) }
    }

    public func listTables(_ input: ListTablesInput) throws -> ListTablesOutput {
        if let limit = input.limit, !(1...100).contains(limit) {
            throw DynamoError.validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100")
        }
        return try locked {
            var names = tableNames
            if let start = input.exclusiveStartTableName { names = names.filter { $0 > start } }
            let limit = input.limit ?? 100
            let page = Array(names.prefix(limit))
            return ListTablesOutput(tableNames: page, lastEvaluatedTableName: names.count > limit ? page.last : nil)
        }
    }

    public func deleteTable(_ input: DeleteTableInput) throws -> DeleteTableOutput {
        try write {
            var schema = try table(input.tableName)
            if schema.deletionProtection {
                throw DynamoError.validation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
            }
            var description = try describe(schema)
            description.tableStatus = .deleting
            try stopStream(for: &schema)
            try store.dropTableData(schema)
            try removeSchema(named: schema.name)
            return DeleteTableOutput(tableDescription: description)
        }
    }

    public func updateTable(_ input: UpdateTableInput) throws -> UpdateTableOutput {
        try write {
            var schema = try table(input.tableName)
            var definitions: [String: ScalarType] = [:]
            for key in schema.attributeDefinitions { definitions[key.name] = key.type }
            for (name, type) in try Validate.attributeDefinitions(input.attributeDefinitions ?? []) {
                if let existing = definitions[name], existing != type {
                    throw DynamoError.validation("One or more parameter values were invalid: Attribute \(name) is already defined with type \(existing.rawValue)")
                }
                definitions[name] = type
            }
            if input.billingMode != nil || input.provisionedThroughput != nil {
                let billing = try Validate.billing(input.billingMode ?? BillingMode(rawValue: schema.billingMode),
                                                   input.provisionedThroughput)
                schema.billingMode = billing.mode
                schema.readCapacity = billing.read
                schema.writeCapacity = billing.write
            }
            if let protection = input.deletionProtectionEnabled { schema.deletionProtection = protection }

            for update in input.globalSecondaryIndexUpdates ?? [] {
                if let create = update.create {
                    if schema.index(named: create.indexName) != nil {
                        throw DynamoError.validation("One or more parameter values were invalid: Index with name \(create.indexName) already exists")
                    }
                    let index = try makeIndex(name: create.indexName, kind: .global, keySchema: create.keySchema,
                                              projection: create.projection, throughput: create.provisionedThroughput,
                                              billingMode: schema.billingMode, definitions: definitions)
                    try store.createIndexTable(index)
                    schema.indexes.append(index)
                    for key in index.keyAttributes where !schema.attributeDefinitions.contains(key) {
                        schema.attributeDefinitions.append(key)
                    }
                    try backfill(index, of: schema)
                } else if let delete = update.delete {
                    guard let index = schema.index(named: delete.indexName), index.kind == .global else {
                        throw DynamoError(.resourceNotFound, "Requested resource not found: Index: \(delete.indexName) not found")
                    }
                    try store.dropIndexTable(index)
                    schema.indexes.removeAll { $0.name == index.name }
                    let stillUsed = Set((schema.keyAttributes + schema.indexes.flatMap(\.keyAttributes)).map(\.name))
                    schema.attributeDefinitions.removeAll { !stillUsed.contains($0.name) }
                } else if let change = update.update {
                    guard let position = schema.indexes.firstIndex(where: { $0.name == change.indexName }) else {
                        throw DynamoError(.resourceNotFound, "Requested resource not found: Index: \(change.indexName) not found")
                    }
                    if let throughput = change.provisionedThroughput {
                        schema.indexes[position].readCapacity = Int(throughput.readCapacityUnits)
                        schema.indexes[position].writeCapacity = Int(throughput.writeCapacityUnits)
                    }
                }
            }

            if let stream = input.streamSpecification {
                let current = schema.stream?.enabled == true ? schema.stream : nil
                if stream.streamEnabled {
                    if current != nil {
                        throw DynamoError.validation("Table already has an enabled stream: \(schema.stream!.arn)")
                    }
                    guard let viewType = stream.streamViewType else {
                        throw DynamoError.validation("One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true")
                    }
                    try startStream(for: &schema, viewType: viewType.rawValue)
                } else {
                    if current == nil {
                        throw DynamoError.validation("Table already has no stream enabled")
                    }
                    try stopStream(for: &schema)
                }
            }
            try saveSchema(schema)
            return UpdateTableOutput(tableDescription: try describe(schema))
        }
    }

    /// Fills a new index from the items already in the table, in the same transaction.
    private func backfill(_ index: IndexSchema, of schema: TableSchema) throws {
        var entries: [(StoredKey, StoredKey, [UInt8])] = []
        try store.forEachItem(schema) { key, item in
            // Items whose index key has the wrong type stay out of the index, as DynamoDB
            // reports them as violations rather than failing the backfill.
            if let value = item[index.partitionKey.name], !index.partitionKey.type.matches(value) { return true }
            if let sortKey = index.sortKey, let value = item[sortKey.name], !sortKey.type.matches(value) { return true }
            if let indexKey = try? schema.indexKey(index, of: item) {
                entries.append((indexKey, key, ItemCodec.encode(schema.projected(item, for: index))))
            }
            return true
        }
        for (indexKey, tableKey, encoded) in entries {
            try store.upsertIndexEntry(index, indexKey, table: tableKey, encoded)
        }
        try store.setRowCount("x\(index.storageID)", entries.count)
    }

    // MARK: Describing

    func describe(_ schema: TableSchema) throws -> TableDescription {
        func keySchema(_ pk: KeyAttribute, _ sk: KeyAttribute?) -> [KeySchemaElement] {
            [KeySchemaElement(attributeName: pk.name, keyType: .hash)]
                + (sk.map { [KeySchemaElement(attributeName: $0.name, keyType: .range)] } ?? [])
        }
        func throughput(_ read: Int?, _ write: Int?) -> ProvisionedThroughputDescription {
            ProvisionedThroughputDescription(numberOfDecreasesToday: 0, readCapacityUnits: Int64(read ?? 0),
                                             writeCapacityUnits: Int64(write ?? 0))
        }
        func projection(_ index: IndexSchema) -> Projection {
            Projection(nonKeyAttributes: index.nonKeyAttributes.isEmpty ? nil : index.nonKeyAttributes,
                       projectionType: ProjectionType(rawValue: index.projectionType))
        }
        var description = TableDescription()
        description.tableName = schema.name
        description.tableArn = schema.arn
        description.tableId = schema.tableID
        description.tableStatus = .active
        description.creationDateTime = schema.createdAt
        description.keySchema = keySchema(schema.partitionKey, schema.sortKey)
        description.attributeDefinitions = schema.attributeDefinitions.map {
            AttributeDefinition(attributeName: $0.name, attributeType: ScalarAttributeType(rawValue: $0.type.rawValue)!)
        }
        description.itemCount = Int64(try store.countRows(schema.itemsTable))
        description.tableSizeBytes = Int64(try store.sizeBytes(schema.itemsTable))
        description.provisionedThroughput = throughput(schema.readCapacity, schema.writeCapacity)
        if schema.billingMode == "PAY_PER_REQUEST" {
            description.billingModeSummary = BillingModeSummary(billingMode: .payPerRequest, lastUpdateToPayPerRequestDateTime: schema.createdAt)
        }
        description.deletionProtectionEnabled = schema.deletionProtection
        let globals = try schema.globalIndexes.map { index in
            GlobalSecondaryIndexDescription(
                indexName: index.name, keySchema: keySchema(index.partitionKey, index.sortKey),
                projection: projection(index), indexStatus: IndexStatus(rawValue: index.status) ?? .active,
                provisionedThroughput: throughput(index.readCapacity, index.writeCapacity),
                indexSizeBytes: Int64(try store.sizeBytes("x\(index.storageID)")),
                itemCount: Int64(try store.countRows("x\(index.storageID)")),
                indexArn: "\(schema.arn)/index/\(index.name)")
        }
        if !globals.isEmpty { description.globalSecondaryIndexes = globals }
        let locals = try schema.localIndexes.map { index in
            LocalSecondaryIndexDescription(
                indexName: index.name, keySchema: keySchema(index.partitionKey, index.sortKey),
                projection: projection(index), indexSizeBytes: Int64(try store.sizeBytes("x\(index.storageID)")),
                itemCount: Int64(try store.countRows("x\(index.storageID)")),
                indexArn: "\(schema.arn)/index/\(index.name)")
        }
        if !locals.isEmpty { description.localSecondaryIndexes = locals }
        if let stream = schema.stream {
            if stream.enabled {
                description.streamSpecification = StreamSpecification(streamEnabled: true, streamViewType: StreamViewType(rawValue: stream.viewType))
            }
            description.latestStreamArn = stream.arn
            description.latestStreamLabel = stream.label
        }
        return description
    }
}

/// Request validation shared by the table operations, with DynamoDB's messages.
enum Validate {
    static func tableName(_ name: String, member: String = "tableName") throws(DynamoError) {
        let count = name.utf8.count
        if count < 3 || count > 255 {
            throw .validation("1 validation error detected: Value '\(name)' at '\(member)' failed to satisfy constraint: Member must have length \(count < 3 ? "greater than or equal to 3" : "less than or equal to 255")")
        }
        let allowed = name.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D || c == 0x2E
        }
        if !allowed {
            throw .validation("1 validation error detected: Value '\(name)' at '\(member)' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        }
    }

    static func indexName(_ name: String) throws(DynamoError) {
        try tableName(name, member: "indexName")
    }

    static func attributeDefinitions(_ definitions: [AttributeDefinition]) throws(DynamoError) -> [String: ScalarType] {
        var result: [String: ScalarType] = [:]
        for definition in definitions {
            if result[definition.attributeName] != nil {
                throw .validation("Cannot have two attributes with the same name. Attribute name: \(definition.attributeName)")
            }
            result[definition.attributeName] = ScalarType(rawValue: definition.attributeType.rawValue)
        }
        return result
    }

    static func keySchema(_ schema: [KeySchemaElement], definitions: [String: ScalarType], context: String) throws(DynamoError) -> (KeyAttribute, KeyAttribute?) {
        if schema.isEmpty {
            throw .validation("1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1")
        }
        guard let first = schema.first, first.keyType == .hash else {
            throw .validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
        }
        guard schema.count <= 2 else {
            throw .validation("1 validation error detected: Value '\(schema.count)' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2")
        }
        if schema.count == 2 {
            guard schema[1].keyType == .range else {
                throw .validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
            }
            if schema[1].attributeName == first.attributeName {
                throw .validation("Both the Hash Key and the Range Key element in the KeySchema have the same name")
            }
        }
        func attribute(_ element: KeySchemaElement) throws(DynamoError) -> KeyAttribute {
            guard let type = definitions[element.attributeName] else {
                throw .validation("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [\(element.attributeName)], AttributeDefinitions: [\(definitions.keys.sorted().joined(separator: ", "))]")
            }
            return KeyAttribute(name: element.attributeName, type: type)
        }
        let pk = try attribute(first)
        let sk: KeyAttribute? = schema.count == 2 ? try attribute(schema[1]) : nil
        return (pk, sk)
    }

    static func billing(_ mode: BillingMode?, _ throughput: ProvisionedThroughput?) throws(DynamoError) -> (mode: String, read: Int?, write: Int?) {
        switch mode ?? .provisioned {
        case .payPerRequest:
            if throughput != nil {
                throw .validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
            }
            return ("PAY_PER_REQUEST", nil, nil)
        case .provisioned:
            guard let throughput else {
                throw .validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
            }
            guard throughput.readCapacityUnits >= 1, throughput.writeCapacityUnits >= 1 else {
                throw .validation("1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1")
            }
            return ("PROVISIONED", Int(throughput.readCapacityUnits), Int(throughput.writeCapacityUnits))
        }
    }
}

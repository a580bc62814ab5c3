import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import EmbeddedEngine

/// CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable.
@Suite struct TableOperationTests: EngineFunctionalTesting {
    func tableNames(_ engine: EmbeddedEngine) throws -> [String] {
        try engine.listTables(ListTablesInput()).tableNames ?? []
    }

    func definitions(_ pairs: (String, ScalarAttributeType)...) -> [AttributeDefinition] {
        pairs.map { AttributeDefinition(attributeName: $0.0, attributeType: $0.1) }
    }

    func hashKey(_ name: String) -> KeySchemaElement { KeySchemaElement(attributeName: name, keyType: .hash) }
    func rangeKey(_ name: String) -> KeySchemaElement { KeySchemaElement(attributeName: name, keyType: .range) }

    // MARK: CreateTable validation

    @Test func createTableRejectsBadNames() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        func create(_ name: String) throws -> CreateTableOutput {
            try engine.createTable(simpleTable(name, hash: ("pk", .s)))
        }
        expectError(.validation, "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3") {
            try create("ab")
        }
        let long = String(repeating: "t", count: 256)
        expectError(.validation, "1 validation error detected: Value '\(long)' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255") {
            try create(long)
        }
        for bad in ["has space", "slash/name", "star*", "ünïcode", "colon:name"] {
            expectError(.validation, "1 validation error detected: Value '\(bad)' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+") {
                try create(bad)
            }
        }
        #expect(try tableNames(engine).isEmpty)
        // The edges of what is allowed.
        for good in ["abc", String(repeating: "x", count: 255), "A-Z_a.z-0.9"] {
            _ = try create(good)
        }
        #expect(try tableNames(engine).count == 3)
    }

    @Test func createTableRejectsBadKeySchemas() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        func create(_ defs: [AttributeDefinition], _ keys: [KeySchemaElement], gsis: [GlobalSecondaryIndex]? = nil,
                    lsis: [LocalSecondaryIndex]? = nil) throws -> CreateTableOutput {
            try engine.createTable(CreateTableInput(attributeDefinitions: defs, tableName: "things", keySchema: keys,
                                                    localSecondaryIndexes: lsis, globalSecondaryIndexes: gsis,
                                                    billingMode: .payPerRequest))
        }
        expectError(.validation, "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1") {
            try create(definitions(("pk", .s)), [])
        }
        expectError(.validation, "Invalid KeySchema: The first KeySchemaElement is not a HASH key type") {
            try create(definitions(("pk", .s)), [rangeKey("pk")])
        }
        expectError(.validation, "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type") {
            try create(definitions(("pk", .s), ("sk", .s)), [hashKey("pk"), hashKey("sk")])
        }
        expectError(.validation, "Both the Hash Key and the Range Key element in the KeySchema have the same name") {
            try create(definitions(("pk", .s)), [hashKey("pk"), rangeKey("pk")])
        }
        expectError(.validation, containing: "Member must have length less than or equal to 2") {
            try create(definitions(("a", .s), ("b", .s), ("c", .s)), [hashKey("a"), rangeKey("b"), rangeKey("c")])
        }
        expectError(.validation, containing: "Some index key attributes are not defined in AttributeDefinitions") {
            try create(definitions(("pk", .s)), [hashKey("pk"), rangeKey("sk")])
        }
        // AttributeDefinitions must be exactly the key attributes (of the table and its indexes).
        expectError(.validation, "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions") {
            try create(definitions(("pk", .s), ("unused", .n)), [hashKey("pk")])
        }
        expectError(.validation, containing: "pk") {
            try create(definitions(("pk", .s), ("pk", .n)), [hashKey("pk")])
        }
        // Index schemas are checked the same way.
        expectError(.validation, containing: "Some index key attributes are not defined in AttributeDefinitions") {
            try create(definitions(("pk", .s)), [hashKey("pk")],
                       gsis: [GlobalSecondaryIndex(indexName: "ByScore", keySchema: [hashKey("score")], projection: Projection(projectionType: .all))])
        }
        expectError(.validation, "One or more parameter values were invalid: Duplicate index name: Twice") {
            try create(definitions(("pk", .s), ("g", .s)), [hashKey("pk")], gsis: [
                GlobalSecondaryIndex(indexName: "Twice", keySchema: [hashKey("g")], projection: Projection(projectionType: .keysOnly)),
                GlobalSecondaryIndex(indexName: "Twice", keySchema: [hashKey("g")], projection: Projection(projectionType: .keysOnly)),
            ])
        }
        expectError(.validation, "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified") {
            try create(definitions(("pk", .s), ("g", .s)), [hashKey("pk")],
                       gsis: [GlobalSecondaryIndex(indexName: "Inc", keySchema: [hashKey("g")], projection: Projection(projectionType: .include))])
        }
        expectError(.validation, "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex") {
            try create(definitions(("pk", .s), ("l", .s)), [hashKey("pk")],
                       lsis: [LocalSecondaryIndex(indexName: "Local", keySchema: [hashKey("pk"), rangeKey("l")], projection: Projection(projectionType: .all))])
        }
        #expect(try tableNames(engine).isEmpty)
    }

    @Test func createTableBillingAndDuplicates() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        var provisioned = simpleTable("prov", hash: ("pk", .s))
        provisioned.billingMode = nil
        expectError(.validation, "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED") {
            try engine.createTable(provisioned)
        }
        provisioned.billingMode = .provisioned
        expectError(.validation, "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED") {
            try engine.createTable(provisioned)
        }
        var onDemand = simpleTable("ondemand", hash: ("pk", .s))
        onDemand.provisionedThroughput = ProvisionedThroughput(readCapacityUnits: 5, writeCapacityUnits: 5)
        expectError(.validation, "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST") {
            try engine.createTable(onDemand)
        }
        // A provisioned table's GSI needs throughput too.
        provisioned.provisionedThroughput = ProvisionedThroughput(readCapacityUnits: 5, writeCapacityUnits: 7)
        provisioned.attributeDefinitions.append(AttributeDefinition(attributeName: "g", attributeType: .s))
        provisioned.globalSecondaryIndexes = [GlobalSecondaryIndex(indexName: "Gsi", keySchema: [hashKey("g")], projection: Projection(projectionType: .all))]
        expectError(.validation, "One or more parameter values were invalid: ProvisionedThroughput is not specified for index: Gsi") {
            try engine.createTable(provisioned)
        }
        #expect(try tableNames(engine).isEmpty)

        provisioned.globalSecondaryIndexes?[0].provisionedThroughput = ProvisionedThroughput(readCapacityUnits: 1, writeCapacityUnits: 2)
        let created = try #require(try engine.createTable(provisioned).tableDescription)
        #expect(created.provisionedThroughput?.readCapacityUnits == 5)
        #expect(created.provisionedThroughput?.writeCapacityUnits == 7)
        #expect(created.billingModeSummary?.billingMode != .payPerRequest)
        #expect(created.globalSecondaryIndexes?.first?.provisionedThroughput?.writeCapacityUnits == 2)

        _ = try engine.createTable(metricsTable())
        expectError(.resourceInUse, "Table already exists: iops-dashboard-metrics") {
            try engine.createTable(metricsTable())
        }
        // The first table is untouched by the refused duplicate.
        try put(engine, metric("a", score: "1"))
        expectError(.resourceInUse) { try engine.createTable(metricsTable()) }
        #expect(try scanAll(engine).count == 1)
        #expect(try tableNames(engine) == ["iops-dashboard-metrics", "prov"])
    }

    // MARK: DescribeTable

    @Test func describeTableReportsTheSchemaAndCounts() throws {
        let store = try metricsStore()
        let engine = store.engine
        try put(engine, metric("a", score: "10", updated: "2025-01-01T00:00:00Z"))
        try put(engine, metric("b", score: "20"))
        try put(engine, metric("c", updated: "2025-01-02T00:00:00Z"))
        try put(engine, metric("d"))

        let table = try #require(try engine.describeTable(DescribeTableInput(tableName: metrics)).table)
        #expect(table.tableName == metrics)
        #expect(table.tableStatus == .active)
        #expect(table.tableArn == "arn:aws:dynamodb:local:000000000000:table/iops-dashboard-metrics")
        #expect(table.tableId?.isEmpty == false)
        #expect(table.creationDateTime != nil)
        #expect(table.keySchema == [hashKey("entity_id"), rangeKey("entity_type")])
        #expect(Set((table.attributeDefinitions ?? []).map { "\($0.attributeName):\($0.attributeType.rawValue)" })
                == ["entity_id:S", "entity_type:S", "health_score:N", "last_updated:S"])
        #expect(table.itemCount == 4)
        #expect((table.tableSizeBytes ?? 0) > 0)
        #expect(table.billingModeSummary?.billingMode == .payPerRequest)
        #expect(table.provisionedThroughput?.readCapacityUnits == 0)
        #expect(table.deletionProtectionEnabled == false)
        #expect(table.localSecondaryIndexes == nil)

        let indexes = table.globalSecondaryIndexes ?? []
        #expect(indexes.compactMap(\.indexName).sorted() == [healthIndex, updatedIndex])
        let health = try #require(indexes.first { $0.indexName == healthIndex })
        #expect(health.keySchema == [hashKey("entity_type"), rangeKey("health_score")])
        #expect(health.projection?.projectionType == .all)
        #expect(health.indexStatus == .active)
        #expect(health.itemCount == 2)
        #expect(health.indexArn == "arn:aws:dynamodb:local:000000000000:table/iops-dashboard-metrics/index/EntityTypeHealthIndex")
        let updated = try #require(indexes.first { $0.indexName == updatedIndex })
        #expect(updated.keySchema == [hashKey("entity_type"), rangeKey("last_updated")])
        #expect(updated.itemCount == 2)

        #expect(table.streamSpecification?.streamEnabled == true)
        #expect(table.streamSpecification?.streamViewType == .newAndOldImages)
        let label = try #require(table.latestStreamLabel)
        #expect(table.latestStreamArn == "arn:aws:dynamodb:local:000000000000:table/iops-dashboard-metrics/stream/\(label)")

        // Counts follow deletes.
        _ = try engine.deleteItem(DeleteItemInput(tableName: metrics, key: key("a")))
        let after = try #require(try engine.describeTable(DescribeTableInput(tableName: metrics)).table)
        #expect(after.itemCount == 3)
        #expect(after.globalSecondaryIndexes?.first { $0.indexName == healthIndex }?.itemCount == 1)
        // CreateTable returned the same description.
        let other = try #require(try engine.createTable(simpleTable("plain", hash: ("id", .n))).tableDescription)
        #expect(other.keySchema == [hashKey("id")])
        #expect(other.itemCount == 0)
        #expect(other.globalSecondaryIndexes == nil)
        #expect(other.latestStreamArn == nil)
        #expect(other.streamSpecification == nil)

        expectError(.resourceNotFound, "Requested resource not found: Table: nope not found") {
            try engine.describeTable(DescribeTableInput(tableName: "nope"))
        }
    }

    // MARK: ListTables

    @Test func listTablesPages() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        let names = ["t-e", "t-a", "T-Z", "t-c", "t-b", "t-d"]
        for name in names { _ = try engine.createTable(simpleTable(name, hash: ("pk", .s))) }
        let sorted = ["T-Z", "t-a", "t-b", "t-c", "t-d", "t-e"]
        #expect(try tableNames(engine) == sorted)

        var collected: [String] = []
        var start: String?
        var pages = 0
        repeat {
            let page = try engine.listTables(ListTablesInput(exclusiveStartTableName: start, limit: 4))
            collected += page.tableNames ?? []
            #expect((page.tableNames ?? []).count <= 4)
            start = page.lastEvaluatedTableName
            pages += 1
        } while start != nil && pages < 10
        #expect(collected == sorted)
        #expect(pages == 2)

        let first = try engine.listTables(ListTablesInput(limit: 2))
        #expect(first.tableNames == ["T-Z", "t-a"])
        #expect(first.lastEvaluatedTableName == "t-a")
        let middle = try engine.listTables(ListTablesInput(exclusiveStartTableName: "t-a", limit: 2))
        #expect(middle.tableNames == ["t-b", "t-c"])
        #expect(middle.lastEvaluatedTableName == "t-c")
        // A start name that is not a table: the tables after it.
        let between = try engine.listTables(ListTablesInput(exclusiveStartTableName: "t-bb"))
        #expect(between.tableNames == ["t-c", "t-d", "t-e"])
        #expect(between.lastEvaluatedTableName == nil)
        let past = try engine.listTables(ListTablesInput(exclusiveStartTableName: "t-e"))
        #expect(past.tableNames == [])
        #expect(past.lastEvaluatedTableName == nil)

        expectError(.validation, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100") {
            try engine.listTables(ListTablesInput(limit: 0))
        }
        expectError(.validation, "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100") {
            try engine.listTables(ListTablesInput(limit: 101))
        }
    }

    // MARK: DeleteTable

    @Test func deletedTableIsGone() throws {
        let store = try metricsStore()
        let engine = store.engine
        try put(engine, metric("a", score: "1"))
        _ = try engine.createTable(simpleTable("keep", hash: ("pk", .s)))
        try put(engine, ["pk": str("x")], into: "keep")

        let deleted = try #require(try engine.deleteTable(DeleteTableInput(tableName: metrics)).tableDescription)
        #expect(deleted.tableName == metrics)
        #expect(deleted.tableStatus == .deleting)
        #expect(deleted.itemCount == 1)

        let notFound = "Requested resource not found: Table: iops-dashboard-metrics not found"
        expectError(.resourceNotFound, notFound) { try engine.describeTable(DescribeTableInput(tableName: metrics)) }
        expectError(.resourceNotFound, containing: "Requested resource not found") { try engine.deleteTable(DeleteTableInput(tableName: metrics)) }
        expectError(.resourceNotFound, containing: "Requested resource not found") { try put(engine, metric("b")) }
        expectError(.resourceNotFound, containing: "Requested resource not found") { try get(engine, key("a")) }
        expectError(.resourceNotFound, containing: "Requested resource not found") { try engine.scan(ScanInput(tableName: metrics)) }
        expectError(.resourceNotFound, containing: "Requested resource not found") {
            try engine.query(QueryInput(tableName: metrics, indexName: healthIndex, keyConditionExpression: "entity_type = :t",
                                        expressionAttributeValues: [":t": str("student")]))
        }
        expectError(.resourceNotFound, containing: "Requested resource not found") {
            try engine.updateTable(UpdateTableInput(tableName: metrics, deletionProtectionEnabled: true))
        }
        #expect(try tableNames(engine) == ["keep"])
        #expect(try scanAll(engine, "keep") == [["pk": str("x")]])

        // The name can be used again, and the new table starts empty.
        _ = try engine.createTable(metricsTable())
        #expect(try scanAll(engine).isEmpty)
        #expect(try scanAll(engine, index: healthIndex).isEmpty)
        #expect(try engine.describeTable(DescribeTableInput(tableName: metrics)).table?.itemCount == 0)
        try expectSound(engine)
    }

    @Test func deletionProtectionBlocksDeleteTable() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        var input = simpleTable("guarded", hash: ("pk", .s))
        input.deletionProtectionEnabled = true
        _ = try engine.createTable(input)
        expectError(.validation, "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.") {
            try engine.deleteTable(DeleteTableInput(tableName: "guarded"))
        }
        #expect(try tableNames(engine) == ["guarded"])
        let updated = try engine.updateTable(UpdateTableInput(tableName: "guarded", deletionProtectionEnabled: false))
        #expect(updated.tableDescription?.deletionProtectionEnabled == false)
        _ = try engine.deleteTable(DeleteTableInput(tableName: "guarded"))
        #expect(try tableNames(engine).isEmpty)
    }

    // MARK: UpdateTable

    @Test func addingAnIndexBackfillsAndDroppingOneRemovesIt() throws {
        let store = try metricsStore()
        let engine = store.engine
        for (id, state) in [("a", "ok"), ("b", "at-risk"), ("c", "ok"), ("d", "ok")] {
            try put(engine, metric(id, score: "10", ["state": str(state)]))
        }
        try put(engine, metric("e", score: "11"))                      // no state: stays out of the index
        try put(engine, metric("f", score: "12", ["state": num("3")])) // wrong type: stays out too
        try put(engine, metric("g", type: "teacher", ["state": str("ok")]))

        let created = try engine.updateTable(UpdateTableInput(
            attributeDefinitions: definitions(("state", .s)), tableName: metrics,
            globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate(create: CreateGlobalSecondaryIndexAction(
                indexName: "StateIndex", keySchema: [hashKey("state"), rangeKey("entity_id")],
                projection: Projection(nonKeyAttributes: ["health_score"], projectionType: .include)))]))
        let description = try #require(created.tableDescription)
        let stateIndex = try #require(description.globalSecondaryIndexes?.first { $0.indexName == "StateIndex" })
        #expect(stateIndex.keySchema == [hashKey("state"), rangeKey("entity_id")])
        #expect(stateIndex.projection?.projectionType == .include)
        #expect(stateIndex.projection?.nonKeyAttributes == ["health_score"])
        #expect(stateIndex.itemCount == 5)
        #expect(description.attributeDefinitions?.contains { $0.attributeName == "state" && $0.attributeType == .s } == true)
        try expectSound(engine)

        func inState(_ state: String) throws -> QueryOutput {
            try engine.query(QueryInput(tableName: metrics, indexName: "StateIndex", keyConditionExpression: "#s = :s",
                                        expressionAttributeNames: ["#s": "state"], expressionAttributeValues: [":s": str(state)]))
        }
        let ok = try inState("ok")
        #expect(ids(ok.items) == ["a", "c", "d", "g"])
        // INCLUDE: table key, index key and the listed attribute only.
        #expect(ok.items?.first == ["entity_id": str("a"), "entity_type": str("student"), "state": str("ok"), "health_score": num("10")])
        #expect(ok.items?.last == ["entity_id": str("g"), "entity_type": str("teacher"), "state": str("ok")])
        #expect(ids(try inState("at-risk").items) == ["b"])
        expectError(.validation, "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index StateIndex because its projection type is not ALL") {
            try engine.query(QueryInput(tableName: metrics, indexName: "StateIndex", select: .allAttributes,
                                        keyConditionExpression: "#s = :s", expressionAttributeNames: ["#s": "state"],
                                        expressionAttributeValues: [":s": str("ok")]))
        }

        // Writes after the change maintain the new index and are checked against its key type.
        try put(engine, metric("h", score: "1", ["state": str("at-risk")]))
        _ = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("a"), updateExpression: "SET #s = :s",
                                                  expressionAttributeNames: ["#s": "state"], expressionAttributeValues: [":s": str("at-risk")]))
        #expect(ids(try inState("at-risk").items) == ["a", "b", "h"])
        expectError(.validation, "One or more parameter values were invalid: Type mismatch for Index Key state Expected: S Actual: N IndexName: StateIndex") {
            try put(engine, metric("i", ["state": num("1")]))
        }
        try expectSound(engine)

        // Adding an index that exists, or redefining an attribute with another type, is refused.
        expectError(.validation, containing: "StateIndex") {
            try engine.updateTable(UpdateTableInput(
                attributeDefinitions: definitions(("state", .s)), tableName: metrics,
                globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate(create: CreateGlobalSecondaryIndexAction(
                    indexName: "StateIndex", keySchema: [hashKey("state")], projection: Projection(projectionType: .keysOnly)))]))
        }
        expectError(.validation, containing: "health_score") {
            try engine.updateTable(UpdateTableInput(
                attributeDefinitions: definitions(("health_score", .s)), tableName: metrics,
                globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate(create: CreateGlobalSecondaryIndexAction(
                    indexName: "Other", keySchema: [hashKey("health_score")], projection: Projection(projectionType: .keysOnly)))]))
        }

        // Dropping an index.
        let dropped = try engine.updateTable(UpdateTableInput(
            tableName: metrics, globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate(delete: DeleteGlobalSecondaryIndexAction(indexName: updatedIndex))]))
        let remaining = dropped.tableDescription?.globalSecondaryIndexes?.compactMap(\.indexName).sorted()
        #expect(remaining == [healthIndex, "StateIndex"])
        #expect(dropped.tableDescription?.attributeDefinitions?.contains { $0.attributeName == "last_updated" } == false)
        expectError(.validation, "The table does not have the specified index: LastUpdatedIndex") {
            try engine.query(QueryInput(tableName: metrics, indexName: updatedIndex, keyConditionExpression: "entity_type = :t",
                                        expressionAttributeValues: [":t": str("student")]))
        }
        expectError(.resourceNotFound) {
            try engine.updateTable(UpdateTableInput(
                tableName: metrics, globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate(delete: DeleteGlobalSecondaryIndexAction(indexName: updatedIndex))]))
        }
        // last_updated is an ordinary attribute now: any type goes.
        try put(engine, metric("j", ["last_updated": num("5")]))
        #expect(try get(engine, key("j"))?["last_updated"] == num("5"))
        // The other indexes still work.
        let scored = try engine.query(QueryInput(tableName: metrics, indexName: healthIndex, keyConditionExpression: "entity_type = :t",
                                                 expressionAttributeValues: [":t": str("student")]))
        // a…d tie at 10: DynamoDB leaves the order of ties unspecified.
        let scoredIDs = ids(scored.items)
        #expect(scoredIDs.first == "h")
        #expect(Set(scoredIDs.dropFirst().prefix(4)) == ["a", "b", "c", "d"])
        #expect(scoredIDs.suffix(2) == ["e", "f"])
        try expectSound(engine)
    }

    @Test func updateTableChangesBillingAndStreams() throws {
        let store = try metricsStore()
        let engine = store.engine
        let toProvisioned = try engine.updateTable(UpdateTableInput(
            tableName: metrics, billingMode: .provisioned, provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 3, writeCapacityUnits: 4)))
        #expect(toProvisioned.tableDescription?.provisionedThroughput?.readCapacityUnits == 3)
        #expect(toProvisioned.tableDescription?.provisionedThroughput?.writeCapacityUnits == 4)
        #expect(toProvisioned.tableDescription?.billingModeSummary?.billingMode != .payPerRequest)

        let before = try #require(try engine.describeTable(DescribeTableInput(tableName: metrics)).table?.latestStreamArn)
        expectError(.validation, containing: "Table already has an enabled stream") {
            try engine.updateTable(UpdateTableInput(tableName: metrics, streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .keysOnly)))
        }
        let off = try engine.updateTable(UpdateTableInput(tableName: metrics, streamSpecification: StreamSpecification(streamEnabled: false)))
        #expect(off.tableDescription?.streamSpecification == nil)
        #expect(off.tableDescription?.latestStreamArn == before)
        let on = try engine.updateTable(UpdateTableInput(tableName: metrics, streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .keysOnly)))
        #expect(on.tableDescription?.streamSpecification?.streamViewType == .keysOnly)
        #expect(on.tableDescription?.latestStreamArn?.hasPrefix("arn:aws:dynamodb:local:000000000000:table/iops-dashboard-metrics/stream/") == true)
    }
}

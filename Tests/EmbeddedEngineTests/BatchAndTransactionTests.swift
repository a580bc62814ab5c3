import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import EmbeddedEngine

/// BatchWriteItem, BatchGetItem, TransactWriteItems, TransactGetItems.
@Suite struct BatchAndTransactionTests: EngineFunctionalTesting {
    /// The metrics table plus a second table `audit` (id: S).
    func twoTables() throws -> TemporaryStore {
        let store = try metricsStore()
        _ = try store.engine.createTable(simpleTable("audit", hash: ("id", .s)))
        return store
    }

    func putRequest(_ item: Item) -> WriteRequest { WriteRequest(putRequest: PutRequest(item: item)) }
    func deleteRequest(_ key: Item) -> WriteRequest { WriteRequest(deleteRequest: DeleteRequest(key: key)) }

    /// Every item of both tables, to show a refused request changed nothing.
    func contents(_ engine: EmbeddedEngine) throws -> [[Item]] {
        [try scanAll(engine), try scanAll(engine, "audit"), try scanAll(engine, index: healthIndex)]
    }

    // MARK: BatchWriteItem

    @Test func batchWritePutsAndDeletesAcrossTables() throws {
        let store = try twoTables()
        let engine = store.engine
        try put(engine, metric("old", score: "5"))
        try put(engine, ["id": str("gone")], into: "audit")

        let output = try engine.batchWriteItem(BatchWriteItemInput(requestItems: [
            metrics: [putRequest(metric("a", score: "10")), putRequest(metric("b", score: "20")), deleteRequest(key("old")),
                      deleteRequest(key("never-existed"))],
            "audit": [putRequest(["id": str("e1"), "what": str("created a")]), deleteRequest(["id": str("gone")])],
        ]))
        #expect(output.unprocessedItems?.isEmpty ?? true)
        #expect(Set(ids(try scanAll(engine))) == ["a", "b"])
        #expect(try scanAll(engine, "audit") == [["id": str("e1"), "what": str("created a")]])
        let scored = try engine.query(QueryInput(tableName: metrics, indexName: healthIndex, keyConditionExpression: "entity_type = :t",
                                                 expressionAttributeValues: [":t": str("student")]))
        #expect(ids(scored.items) == ["a", "b"])
        // A put replaces a whole item.
        _ = try engine.batchWriteItem(BatchWriteItemInput(requestItems: [metrics: [putRequest(metric("a"))]]))
        #expect(try get(engine, key("a")) == metric("a"))
        try expectSound(engine)
    }

    @Test func invalidBatchWritesChangeNothing() throws {
        let store = try twoTables()
        let engine = store.engine
        try put(engine, metric("keep", score: "1"))
        let before = try contents(engine)

        // 26 requests, in one table or split over two.
        let many = (0..<26).map { putRequest(metric("m\($0)")) }
        expectError(.validation, containing: "Member must have length less than or equal to 25") {
            try engine.batchWriteItem(BatchWriteItemInput(requestItems: [metrics: many]))
        }
        expectError(.validation) {
            try engine.batchWriteItem(BatchWriteItemInput(requestItems: [
                metrics: Array(many.prefix(13)), "audit": (0..<13).map { putRequest(["id": str("x\($0)")]) },
            ]))
        }
        // So is an empty batch.
        expectError(.validation) {
            try engine.batchWriteItem(BatchWriteItemInput(requestItems: [:]))
        }
        // Two requests for one item: refused whole.
        expectError(.validation, "Provided list of item keys contains duplicates") {
            try engine.batchWriteItem(BatchWriteItemInput(requestItems: [
                "audit": [putRequest(["id": str("fine")])],
                metrics: [putRequest(metric("new1")), putRequest(metric("dup", score: "1")), deleteRequest(key("dup"))],
            ]))
        }
        expectError(.validation, "Provided list of item keys contains duplicates") {
            try engine.batchWriteItem(BatchWriteItemInput(requestItems: [
                metrics: [putRequest(metric("dup", score: "1")), putRequest(metric("dup", score: "2"))],
            ]))
        }
        // One invalid item refuses the whole batch.
        expectError(.validation, "One or more parameter values were invalid: Type mismatch for Index Key health_score Expected: N Actual: S IndexName: EntityTypeHealthIndex") {
            try engine.batchWriteItem(BatchWriteItemInput(requestItems: [
                "audit": [putRequest(["id": str("fine")])],
                metrics: [putRequest(metric("new2")), putRequest(metric("bad", ["health_score": str("x")]))],
            ]))
        }
        expectError(.validation, "One or more parameter values were invalid: Missing the key entity_type in the item") {
            try engine.batchWriteItem(BatchWriteItemInput(requestItems: [
                metrics: [putRequest(metric("new3")), putRequest(["entity_id": str("half")])],
            ]))
        }
        expectError(.validation, "The provided key element does not match the schema") {
            try engine.batchWriteItem(BatchWriteItemInput(requestItems: [
                metrics: [putRequest(metric("new4")), deleteRequest(["entity_id": str("keep")])],
            ]))
        }
        expectError(.resourceNotFound, containing: "Requested resource not found") {
            try engine.batchWriteItem(BatchWriteItemInput(requestItems: [
                metrics: [putRequest(metric("new5"))], "no-such-table": [putRequest(["id": str("x")])],
            ]))
        }
        let size = 409_601 - (9 + 3 + 11 + 7 + 7)
        expectError(.validation, "Item size has exceeded the maximum allowed size") {
            try engine.batchWriteItem(BatchWriteItemInput(requestItems: [
                metrics: [putRequest(metric("new6")), putRequest(metric("big", ["payload": str(String(repeating: "z", count: size))]))],
            ]))
        }
        #expect(try contents(engine) == before)
        try expectSound(engine)

        let exactly25 = (0..<25).map { putRequest(metric("m\($0)")) }
        _ = try engine.batchWriteItem(BatchWriteItemInput(requestItems: [metrics: exactly25]))
        #expect(try scanAll(engine).count == 26)
    }

    // MARK: BatchGetItem

    @Test func batchGetReturnsFoundItemsOnly() throws {
        let store = try twoTables()
        let engine = store.engine
        for id in ["a", "b", "c"] { try put(engine, metric(id, score: "1", ["note": str("n-\(id)")])) }
        try put(engine, ["id": str("x"), "what": str("thing")], into: "audit")

        let output = try engine.batchGetItem(BatchGetItemInput(requestItems: [
            metrics: KeysAndAttributes(keys: [key("a"), key("missing"), key("c"), key("a", "teacher")]),
            "audit": KeysAndAttributes(keys: [["id": str("x")], ["id": str("y")]], projectionExpression: "#w",
                                       expressionAttributeNames: ["#w": "what"]),
        ]))
        let responses = try #require(output.responses)
        #expect(Set(ids(responses[metrics])) == ["a", "c"])
        #expect(responses[metrics]?.first { $0["entity_id"] == str("a") } == metric("a", score: "1", ["note": str("n-a")]))
        #expect(responses["audit"] == [["what": str("thing")]])
        #expect(output.unprocessedKeys?.isEmpty ?? true)

        // Nothing found: an empty list for the table.
        let none = try engine.batchGetItem(BatchGetItemInput(requestItems: [metrics: KeysAndAttributes(keys: [key("zz")])]))
        #expect(none.responses?[metrics] ?? [] == [])

        let hundredAndOne = (0..<101).map { key("k\($0)") }
        expectError(.validation, "Too many items requested for the BatchGetItem call") {
            try engine.batchGetItem(BatchGetItemInput(requestItems: [metrics: KeysAndAttributes(keys: hundredAndOne)]))
        }
        expectError(.validation, "Too many items requested for the BatchGetItem call") {
            try engine.batchGetItem(BatchGetItemInput(requestItems: [
                metrics: KeysAndAttributes(keys: Array(hundredAndOne.prefix(60))),
                "audit": KeysAndAttributes(keys: (0..<41).map { ["id": str("i\($0)")] }),
            ]))
        }
        let hundred = try engine.batchGetItem(BatchGetItemInput(requestItems: [metrics: KeysAndAttributes(keys: Array(hundredAndOne.prefix(100)))]))
        #expect(hundred.responses?[metrics] ?? [] == [])
        expectError(.validation, "Provided list of item keys contains duplicates") {
            try engine.batchGetItem(BatchGetItemInput(requestItems: [metrics: KeysAndAttributes(keys: [key("a"), key("a")])]))
        }
        expectError(.validation, "The provided key element does not match the schema") {
            try engine.batchGetItem(BatchGetItemInput(requestItems: [metrics: KeysAndAttributes(keys: [["entity_id": str("a")]])]))
        }
        expectError(.resourceNotFound, containing: "Requested resource not found") {
            try engine.batchGetItem(BatchGetItemInput(requestItems: ["no-such-table": KeysAndAttributes(keys: [["id": str("a")]])]))
        }
    }

    // MARK: TransactWriteItems

    @Test func transactionAppliesEveryActionAcrossTables() throws {
        let store = try twoTables()
        let engine = store.engine
        try put(engine, metric("a", score: "10", ["visits": num("1")]))
        try put(engine, metric("b", score: "20"))
        try put(engine, ["id": str("lock"), "owner": str("me")], into: "audit")

        _ = try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
            TransactWriteItem(conditionCheck: ConditionCheck(key: ["id": str("lock")], tableName: "audit",
                                                             conditionExpression: "#o = :me", expressionAttributeNames: ["#o": "owner"],
                                                             expressionAttributeValues: [":me": str("me")])),
            TransactWriteItem(put: Put(item: metric("c", score: "30"), tableName: metrics, conditionExpression: "attribute_not_exists(entity_id)")),
            TransactWriteItem(update: Update(key: key("a"), updateExpression: "SET visits = visits + :one, health_score = :h", tableName: metrics,
                                             expressionAttributeValues: [":one": num("1"), ":h": num("11")])),
            TransactWriteItem(delete: Delete(key: key("b"), tableName: metrics, conditionExpression: "health_score = :s",
                                             expressionAttributeValues: [":s": num("20")])),
            TransactWriteItem(put: Put(item: ["id": str("log-1")], tableName: "audit")),
        ]))
        #expect(try get(engine, key("a")) == metric("a", score: "11", ["visits": num("2")]))
        #expect(try get(engine, key("b")) == nil)
        #expect(try get(engine, key("c")) == metric("c", score: "30"))
        #expect(try get(engine, ["id": str("log-1")], from: "audit") == ["id": str("log-1")])
        #expect(try get(engine, ["id": str("lock")], from: "audit") == ["id": str("lock"), "owner": str("me")])
        let scored = try engine.query(QueryInput(tableName: metrics, indexName: healthIndex, keyConditionExpression: "entity_type = :t",
                                                 expressionAttributeValues: [":t": str("student")]))
        #expect(ids(scored.items) == ["a", "c"])
        try expectSound(engine)
    }

    @Test func oneFailingConditionCancelsEveryWrite() throws {
        let store = try twoTables()
        let engine = store.engine
        try put(engine, metric("a", score: "10"))
        try put(engine, metric("b", score: "20"))
        try put(engine, ["id": str("lock"), "owner": str("someone-else")], into: "audit")
        let before = try contents(engine)

        let error = expectError(.transactionCanceled,
                                "Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed, None, ConditionalCheckFailed]") {
            try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
                TransactWriteItem(put: Put(item: metric("c", score: "30"), tableName: metrics)),
                TransactWriteItem(update: Update(key: key("a"), updateExpression: "SET health_score = :h", tableName: metrics,
                                                 expressionAttributeValues: [":h": num("99")])),
                TransactWriteItem(conditionCheck: ConditionCheck(key: ["id": str("lock")], tableName: "audit",
                                                                 conditionExpression: "#o = :me", expressionAttributeNames: ["#o": "owner"],
                                                                 expressionAttributeValues: [":me": str("me")],
                                                                 returnValuesOnConditionCheckFailure: .allOld)),
                TransactWriteItem(delete: Delete(key: key("b"), tableName: metrics)),
                TransactWriteItem(put: Put(item: metric("a2"), tableName: metrics, conditionExpression: "attribute_exists(entity_id)")),
            ]))
        }
        let reasons = try #require(error?.cancellationReasons)
        #expect(reasons.map(\.code) == ["None", "None", "ConditionalCheckFailed", "None", "ConditionalCheckFailed"])
        #expect(reasons[2].message == "The conditional request failed")
        #expect(reasons[2].item == ["id": str("lock"), "owner": str("someone-else")])
        #expect(reasons[4].item == nil)
        #expect(reasons[0].message == nil)
        #expect(try contents(engine) == before)

        // A failing update (index key of the wrong type) cancels the transaction with a ValidationError reason.
        let invalid = expectError(.transactionCanceled) {
            try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
                TransactWriteItem(put: Put(item: metric("c", score: "30"), tableName: metrics)),
                TransactWriteItem(update: Update(key: key("a"), updateExpression: "SET health_score = :h", tableName: metrics,
                                                 expressionAttributeValues: [":h": str("high")])),
            ]))
        }
        #expect(invalid?.cancellationReasons?.map(\.code) == ["None", "ValidationError"])
        #expect(invalid?.cancellationReasons?.last?.message?.contains("health_score") == true)
        #expect(try contents(engine) == before)
        try expectSound(engine)
    }

    @Test func invalidTransactionsAreRefusedWhole() throws {
        let store = try twoTables()
        let engine = store.engine
        try put(engine, metric("a", score: "10"))
        let before = try contents(engine)

        expectError(.validation, "Transaction request cannot include multiple operations on one item") {
            try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
                TransactWriteItem(conditionCheck: ConditionCheck(key: key("a"), tableName: metrics, conditionExpression: "attribute_exists(entity_id)")),
                TransactWriteItem(update: Update(key: key("a"), updateExpression: "SET health_score = :h", tableName: metrics,
                                                 expressionAttributeValues: [":h": num("1")])),
            ]))
        }
        expectError(.validation, "Transaction request cannot include multiple operations on one item") {
            try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
                TransactWriteItem(put: Put(item: metric("n", score: "1"), tableName: metrics)),
                TransactWriteItem(delete: Delete(key: key("n"), tableName: metrics)),
            ]))
        }
        // One action per entry.
        expectError(.validation, "TransactItems can only contain one of Check, Put, Update or Delete") {
            try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
                TransactWriteItem(put: Put(item: metric("n"), tableName: metrics), delete: Delete(key: key("a"), tableName: metrics)),
            ]))
        }
        expectError(.validation, containing: "Member must have length greater than or equal to 1") {
            try engine.transactWriteItems(TransactWriteItemsInput(transactItems: []))
        }
        expectError(.validation, containing: "Member must have length less than or equal to 100") {
            try engine.transactWriteItems(TransactWriteItemsInput(transactItems: (0..<101).map {
                TransactWriteItem(put: Put(item: metric("t\($0)"), tableName: metrics))
            }))
        }
        expectError(.resourceNotFound, containing: "Requested resource not found") {
            try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
                TransactWriteItem(put: Put(item: metric("n"), tableName: metrics)),
                TransactWriteItem(put: Put(item: ["id": str("x")], tableName: "no-such-table")),
            ]))
        }
        expectError(.validation, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}") {
            try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
                TransactWriteItem(put: Put(item: metric("n"), tableName: metrics)),
                TransactWriteItem(delete: Delete(key: key("a"), tableName: metrics, conditionExpression: "attribute_exists(entity_id)",
                                                 expressionAttributeValues: [":x": num("1")])),
            ]))
        }
        expectError(.validation, "One or more parameter values were invalid: Cannot update attribute entity_type. This attribute is part of the key") {
            try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
                TransactWriteItem(put: Put(item: metric("n"), tableName: metrics)),
                TransactWriteItem(update: Update(key: key("a"), updateExpression: "SET entity_type = :t", tableName: metrics,
                                                 expressionAttributeValues: [":t": str("x")])),
            ]))
        }
        #expect(try contents(engine) == before)

        // Exactly 100 actions, and equal key values in different tables, are fine.
        _ = try engine.transactWriteItems(TransactWriteItemsInput(transactItems: (0..<100).map {
            TransactWriteItem(put: Put(item: metric("t\($0)"), tableName: metrics))
        }))
        _ = try engine.createTable(simpleTable("pairs", hash: ("entity_id", .s), range: ("entity_type", .s)))
        _ = try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
            TransactWriteItem(put: Put(item: metric("same"), tableName: metrics)),
            TransactWriteItem(put: Put(item: metric("same"), tableName: "pairs")),
        ]))
        #expect(try scanAll(engine).count == 102)
        #expect(try scanAll(engine, "pairs") == [metric("same")])
        try expectSound(engine)
    }

    // MARK: TransactGetItems

    @Test func transactGetReturnsOneResponsePerActionInOrder() throws {
        let store = try twoTables()
        let engine = store.engine
        try put(engine, metric("a", score: "10", ["note": str("x")]))
        try put(engine, ["id": str("e1"), "what": str("thing")], into: "audit")

        let output = try engine.transactGetItems(TransactGetItemsInput(transactItems: [
            TransactGetItem(get: Get(key: ["id": str("e1")], tableName: "audit")),
            TransactGetItem(get: Get(key: key("missing"), tableName: metrics)),
            TransactGetItem(get: Get(key: key("a"), tableName: metrics, projectionExpression: "health_score, #n",
                                     expressionAttributeNames: ["#n": "note"])),
        ]))
        let responses = try #require(output.responses)
        #expect(responses.count == 3)
        #expect(responses[0].item == ["id": str("e1"), "what": str("thing")])
        #expect(responses[1].item == nil)
        #expect(responses[2].item == ["health_score": num("10"), "note": str("x")])

        expectError(.validation, "The provided key element does not match the schema") {
            try engine.transactGetItems(TransactGetItemsInput(transactItems: [
                TransactGetItem(get: Get(key: ["entity_id": str("a")], tableName: metrics)),
            ]))
        }
        expectError(.resourceNotFound, containing: "Requested resource not found") {
            try engine.transactGetItems(TransactGetItemsInput(transactItems: [
                TransactGetItem(get: Get(key: ["id": str("a")], tableName: "no-such-table")),
            ]))
        }
        expectError(.validation, containing: "Member must have length less than or equal to 100") {
            try engine.transactGetItems(TransactGetItemsInput(transactItems: (0..<101).map {
                TransactGetItem(get: Get(key: key("k\($0)"), tableName: metrics))
            }))
        }
    }
}

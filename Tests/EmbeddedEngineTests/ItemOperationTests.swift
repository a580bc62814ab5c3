import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import EmbeddedEngine

// MARK: - Helpers shared by the functional tests

/// Helpers of the functional engine tests (tables, items, reads, batches and transactions).
/// They are protocol members rather than top-level functions so that they never clash with
/// helpers other test files of this target declare.
protocol EngineFunctionalTesting {}

extension EngineFunctionalTesting {
    var metrics: String { "iops-dashboard-metrics" }
    var healthIndex: String { "EntityTypeHealthIndex" }
    var updatedIndex: String { "LastUpdatedIndex" }

    func str(_ text: String) -> AttributeValue { .s(text) }

    /// A number attribute from DynamoDB's number syntax (test literals are always valid).
    func num(_ text: String) -> AttributeValue {
        (try? DynamoNumber(text)).map(AttributeValue.n) ?? .null
    }

    func numbers(_ texts: String...) -> AttributeValue {
        .ns(texts.compactMap { try? DynamoNumber($0) })
    }

    /// An item of the metrics table.
    func metric(_ id: String, type: String = "student", score: String? = nil, updated: String? = nil,
                _ extra: Item = [:]) -> Item {
        var item: Item = ["entity_id": .s(id), "entity_type": .s(type)]
        if let score { item["health_score"] = num(score) }
        if let updated { item["last_updated"] = .s(updated) }
        item.merge(extra) { _, new in new }
        return item
    }

    func key(_ id: String, _ type: String = "student") -> Item {
        ["entity_id": .s(id), "entity_type": .s(type)]
    }

    /// A fresh store holding the metrics table of the schema plan.
    func metricsStore() throws -> TemporaryStore {
        let store = try TemporaryStore()
        _ = try store.engine.createTable(metricsTable())
        return store
    }

    /// A table with the given key, on demand, without indexes.
    func simpleTable(_ name: String, hash: (String, ScalarAttributeType),
                     range: (String, ScalarAttributeType)? = nil) -> CreateTableInput {
        var definitions = [AttributeDefinition(attributeName: hash.0, attributeType: hash.1)]
        var schema = [KeySchemaElement(attributeName: hash.0, keyType: .hash)]
        if let range {
            definitions.append(AttributeDefinition(attributeName: range.0, attributeType: range.1))
            schema.append(KeySchemaElement(attributeName: range.0, keyType: .range))
        }
        return CreateTableInput(attributeDefinitions: definitions, tableName: name, keySchema: schema,
                                billingMode: .payPerRequest)
    }

    func put(_ engine: EmbeddedEngine, _ item: Item, into table: String? = nil) throws {
        _ = try engine.putItem(PutItemInput(tableName: table ?? metrics, item: item))
    }

    func get(_ engine: EmbeddedEngine, _ key: Item, from table: String? = nil) throws -> Item? {
        try engine.getItem(GetItemInput(tableName: table ?? metrics, key: key, consistentRead: true)).item
    }

    /// Every item of a table or index, following LastEvaluatedKey to the end.
    func scanAll(_ engine: EmbeddedEngine, _ table: String? = nil, index: String? = nil, limit: Int? = nil) throws -> [Item] {
        var items: [Item] = []
        var start: Item?
        repeat {
            let page = try engine.scan(ScanInput(tableName: table ?? metrics, indexName: index, limit: limit,
                                                 exclusiveStartKey: start))
            items += page.items ?? []
            start = page.lastEvaluatedKey
        } while start != nil
        return items
    }

    /// Runs a query page after page; returns the items and the pages' LastEvaluatedKeys.
    func queryAll(_ engine: EmbeddedEngine, _ input: QueryInput) throws -> (items: [Item], pages: [QueryOutput]) {
        var items: [Item] = []
        var pages: [QueryOutput] = []
        var request = input
        while true {
            let page = try engine.query(request)
            pages.append(page)
            items += page.items ?? []
            guard let next = page.lastEvaluatedKey else { break }
            request.exclusiveStartKey = next
            if pages.count > 10_000 { break }
        }
        return (items, pages)
    }

    /// The `entity_id`s of metrics items, in order.
    func ids(_ items: [Item]?) -> [String] {
        (items ?? []).map { $0["entity_id"]?.stringValue ?? "?" }
    }

    /// The store's soundness, recording the problems when there are any.
    func expectSound(_ engine: EmbeddedEngine, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let report = try engine.checkIntegrity()
        #expect(report.isSound, "integrity problems: \(report.problems)", sourceLocation: sourceLocation)
    }

    /// Runs `body`, which must fail with a `DynamoError` of `code` and, when given, exactly
    /// `message` or a message containing `fragment`. Returns the error for further checks.
    @discardableResult
    func expectError<R>(_ code: DynamoError.Code, _ message: String? = nil, containing fragment: String? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> R) -> DynamoError? {
        do {
            let result = try body()
            Issue.record("expected \(code.rawValue), but the call succeeded: \(result)", sourceLocation: sourceLocation)
            return nil
        } catch let error as DynamoError {
            #expect(error.code == code, "unexpected error: \(error)", sourceLocation: sourceLocation)
            if let message {
                #expect(error.message == message, sourceLocation: sourceLocation)
            }
            if let fragment {
                #expect(error.message.contains(fragment), "message was: \(error.message)", sourceLocation: sourceLocation)
            }
            return error
        } catch {
            Issue.record("expected DynamoError \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}

// MARK: - PutItem, GetItem, DeleteItem, UpdateItem

@Suite struct ItemOperationTests: EngineFunctionalTesting {
    // MARK: Round trips and numbers

    @Test func numbersAreNormalisedAndComeBackExactly() throws {
        let store = try metricsStore()
        let engine = store.engine
        try put(engine, metric("n1", score: "1.50", [
            "big": num("001000.0"), "tiny": num("1e-5"), "negativeZero": num("-0.0"), "exponent": num("15E-1"),
            "precise": num("12345678901234567890123456789012345678"),
            "set": numbers("1.0", "2.50", "-3"),
        ]))
        let item = try #require(try get(engine, key("n1")))
        #expect(item["health_score"]?.numberValue?.description == "1.5")
        #expect(item["big"]?.numberValue?.description == "1000")
        #expect(item["tiny"]?.numberValue?.description == "0.00001")
        #expect(item["negativeZero"]?.numberValue?.description == "0")
        #expect(item["exponent"]?.numberValue?.description == "1.5")
        #expect(item["precise"]?.numberValue?.description == "12345678901234567890123456789012345678")
        if case .ns(let set)? = item["set"] {
            #expect(Set(set.map(\.description)) == ["1", "2.5", "-3"])
        } else {
            Issue.record("the number set did not come back as a number set: \(String(describing: item["set"]))")
        }
        // 1.5 written as 15E-1 finds it in the index, and equality is by value.
        let found = try engine.query(QueryInput(
            tableName: metrics, indexName: healthIndex,
            keyConditionExpression: "entity_type = :t AND health_score = :h",
            expressionAttributeValues: [":t": str("student"), ":h": num("15E-1")]))
        #expect(ids(found.items) == ["n1"])
        try expectSound(engine)
    }

    @Test func numberSortKeysWrittenDifferentlyAreTheSameKey() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        _ = try engine.createTable(simpleTable("numbers", hash: ("pk", .s), range: ("sk", .n)))
        try put(engine, ["pk": str("p"), "sk": num("1.50"), "v": str("first")], into: "numbers")
        try put(engine, ["pk": str("p"), "sk": num("15e-1"), "v": str("second")], into: "numbers")
        let all = try scanAll(engine, "numbers")
        #expect(all.count == 1)
        let item = try #require(try get(engine, ["pk": str("p"), "sk": num("1.5")], from: "numbers"))
        #expect(item["v"] == str("second"))
        #expect(item["sk"]?.numberValue?.description == "1.5")
    }

    // MARK: Conditions

    @Test func createOnlyPutFailsOnExistingItemAndLeavesItUnchanged() throws {
        let store = try metricsStore()
        let engine = store.engine
        let original = metric("s1", score: "70", updated: "2025-01-15T10:30:00Z")
        _ = try engine.putItem(PutItemInput(tableName: metrics, item: original,
                                            conditionExpression: "attribute_not_exists(entity_id)"))
        let error = expectError(.conditionalCheckFailed, "The conditional request failed") {
            try engine.putItem(PutItemInput(tableName: metrics, item: metric("s1", score: "5"),
                                            conditionExpression: "attribute_not_exists(entity_id)"))
        }
        #expect(error?.item == nil)
        #expect(try get(engine, key("s1")) == original)

        // ALL_OLD on failure carries the stored item in the error.
        let withOld = expectError(.conditionalCheckFailed, "The conditional request failed") {
            try engine.putItem(PutItemInput(tableName: metrics, item: metric("s1", score: "5"),
                                            conditionExpression: "attribute_not_exists(entity_id)",
                                            returnValuesOnConditionCheckFailure: .allOld))
        }
        #expect(withOld?.item == original)
        // NONE: no item.
        let withNone = expectError(.conditionalCheckFailed) {
            try engine.putItem(PutItemInput(tableName: metrics, item: metric("s1", score: "5"),
                                            conditionExpression: "attribute_not_exists(entity_id)",
                                            returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure.none))
        }
        #expect(withNone?.item == nil)
        // A failed condition on an item that does not exist returns no item, even with ALL_OLD.
        let missing = expectError(.conditionalCheckFailed) {
            try engine.putItem(PutItemInput(tableName: metrics, item: metric("s2"),
                                            conditionExpression: "attribute_exists(entity_id)",
                                            returnValuesOnConditionCheckFailure: .allOld))
        }
        #expect(missing?.item == nil)
        #expect(try get(engine, key("s2")) == nil)
        // The index still holds the original score only.
        let indexed = try engine.query(QueryInput(tableName: metrics, indexName: healthIndex,
                                                  keyConditionExpression: "entity_type = :t",
                                                  expressionAttributeValues: [":t": str("student")]))
        #expect(indexed.items == [original])
        try expectSound(engine)
    }

    @Test func conditionsOnValuesGuardEveryWrite() throws {
        let store = try metricsStore()
        let engine = store.engine
        let original = metric("c1", score: "70", ["status": str("active"), "tags": .ss(["x", "y"])])
        try put(engine, original)

        // UpdateItem with a failing condition: unchanged, ALL_OLD in the error.
        let update = expectError(.conditionalCheckFailed, "The conditional request failed") {
            try engine.updateItem(UpdateItemInput(
                tableName: metrics, key: key("c1"), updateExpression: "SET health_score = :h",
                conditionExpression: "health_score > :min AND #s = :s",
                expressionAttributeNames: ["#s": "status"],
                expressionAttributeValues: [":h": num("1"), ":min": num("80"), ":s": str("active")],
                returnValuesOnConditionCheckFailure: .allOld))
        }
        #expect(update?.item == original)
        #expect(try get(engine, key("c1")) == original)

        // DeleteItem with a failing condition: still there.
        let delete = expectError(.conditionalCheckFailed) {
            try engine.deleteItem(DeleteItemInput(
                tableName: metrics, key: key("c1"), conditionExpression: "contains(tags, :t)",
                expressionAttributeValues: [":t": str("z")], returnValuesOnConditionCheckFailure: .allOld))
        }
        #expect(delete?.item == original)
        #expect(try get(engine, key("c1")) == original)

        // Passing conditions write.
        _ = try engine.updateItem(UpdateItemInput(
            tableName: metrics, key: key("c1"), updateExpression: "SET health_score = :h",
            conditionExpression: "health_score BETWEEN :lo AND :hi AND size(tags) = :two AND begins_with(#s, :a)",
            expressionAttributeNames: ["#s": "status"],
            expressionAttributeValues: [":h": num("71"), ":lo": num("69.5"), ":hi": num("70"), ":two": num("2"), ":a": str("act")]))
        #expect(try get(engine, key("c1"))?["health_score"] == num("71"))
        let deleted = try engine.deleteItem(DeleteItemInput(
            tableName: metrics, key: key("c1"), returnValues: .allOld, conditionExpression: "attribute_exists(tags)"))
        #expect(deleted.attributes?["health_score"] == num("71"))
        #expect(try get(engine, key("c1")) == nil)
        try expectSound(engine)
    }

    // MARK: ReturnValues

    @Test func putAndDeleteReturnValues() throws {
        let store = try metricsStore()
        let engine = store.engine
        let first = metric("r1", score: "10")
        let created = try engine.putItem(PutItemInput(tableName: metrics, item: first, returnValues: .allOld))
        #expect(created.attributes == nil)
        let replaced = try engine.putItem(PutItemInput(tableName: metrics, item: metric("r1", score: "20"), returnValues: .allOld))
        #expect(replaced.attributes == first)
        let plain = try engine.putItem(PutItemInput(tableName: metrics, item: metric("r1", score: "30"), returnValues: ReturnValue.none))
        #expect(plain.attributes == nil)
        for invalid in [ReturnValue.allNew, .updatedOld, .updatedNew] {
            expectError(.validation, "Return values set to invalid value") {
                try engine.putItem(PutItemInput(tableName: metrics, item: metric("r1", score: "40"), returnValues: invalid))
            }
            expectError(.validation, "Return values set to invalid value") {
                try engine.deleteItem(DeleteItemInput(tableName: metrics, key: key("r1"), returnValues: invalid))
            }
        }
        #expect(try get(engine, key("r1"))?["health_score"] == num("30"))
        let deleted = try engine.deleteItem(DeleteItemInput(tableName: metrics, key: key("r1"), returnValues: .allOld))
        #expect(deleted.attributes == metric("r1", score: "30"))
        let again = try engine.deleteItem(DeleteItemInput(tableName: metrics, key: key("r1"), returnValues: .allOld))
        #expect(again.attributes == nil)
        try expectSound(engine)
    }

    @Test func updateReturnValuesForEveryMode() throws {
        let store = try metricsStore()
        let engine = store.engine
        try put(engine, metric("u1", ["a": str("hi"), "b": str("dog")]))

        func update(_ expression: String, _ values: [String: AttributeValue]? = nil, _ mode: ReturnValue?) throws -> Item? {
            try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("u1"), returnValues: mode,
                                                  updateExpression: expression, expressionAttributeValues: values)).attributes
        }
        #expect(try update("SET b = :v", [":v": str("cat")], nil) == nil)
        #expect(try update("SET b = :v", [":v": str("cow")], ReturnValue.none) == nil)
        #expect(try update("SET b = :v", [":v": str("owl")], .allOld) == metric("u1", ["a": str("hi"), "b": str("cow")]))
        #expect(try update("SET b = :v", [":v": str("ant")], .allNew) == metric("u1", ["a": str("hi"), "b": str("ant")]))
        // UPDATED_OLD: only attributes that existed before; a new one is left out.
        #expect(try update("SET b = :v, c = :w", [":v": str("bee"), ":w": str("new")], .updatedOld) == ["b": str("ant")])
        // UPDATED_NEW: every written attribute, never the key.
        #expect(try update("SET b = :v, d = :w", [":v": str("elk"), ":w": str("x")], .updatedNew) == ["b": str("elk"), "d": str("x")])
        // REMOVE: the old value in UPDATED_OLD, nothing in UPDATED_NEW.
        #expect(try update("REMOVE d", nil, .updatedOld) == ["d": str("x")])
        #expect(try update("REMOVE c", nil, .updatedNew) == nil)
        // Setting a value to itself still counts as an update.
        #expect(try update("SET b = :v", [":v": str("elk")], .updatedOld) == ["b": str("elk")])
        // A read-modify-write returns the computed value.
        #expect(try update("SET n = :one", [":one": num("1")], .updatedNew) == ["n": num("1")])
        #expect(try update("SET n = n + :one", [":one": num("1")], .updatedNew) == ["n": num("2")])
        #expect(try get(engine, key("u1")) == metric("u1", ["a": str("hi"), "b": str("elk"), "n": num("2")]))
    }

    @Test func updatedValuesOfNestedPathsHoldOnlyThosePaths() throws {
        // DynamoDB returns only the updated nested parts, inside their hierarchy.
        let store = try metricsStore()
        let engine = store.engine
        try put(engine, metric("nest", ["a": .m(["b": str("dog"), "c": .l([num("1"), num("2"), num("3")])]), "d": str("cat")]))
        func update(_ expression: String, _ values: [String: AttributeValue]?, _ mode: ReturnValue) throws -> Item? {
            try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("nest"), returnValues: mode,
                                                  updateExpression: expression, expressionAttributeValues: values)).attributes
        }
        #expect(try update("SET a.b = :v", [":v": str("hi")], .updatedOld) == ["a": .m(["b": str("dog")])])
        #expect(try update("SET a.c[1] = :v", [":v": num("7")], .updatedOld) == ["a": .m(["c": .l([num("2")])])])
        #expect(try update("SET a.b = :v", [":v": str("yo")], .updatedNew) == ["a": .m(["b": str("yo")])])
        #expect(try update("SET a.x = :v", [":v": num("8")], .updatedOld) == nil)
        #expect(try update("SET a.y = :v", [":v": num("9")], .updatedNew) == ["a": .m(["y": num("9")])])
        #expect(try update("SET a.b = :v", [":v": str("hey")], .allNew)
                == metric("nest", ["a": .m(["b": str("hey"), "c": .l([num("1"), num("7"), num("3")]), "x": num("8"), "y": num("9")]),
                                   "d": str("cat")]))
        // Several paths come back together; a list index past the end is no updated value.
        #expect(try update("SET a.c[1] = :v, a.b = :w", [":v": num("8"), ":w": str("dog")], .updatedOld)
                == ["a": .m(["b": str("hey"), "c": .l([num("7")])])])
        #expect(try update("SET a.c[100] = :v", [":v": num("70")], .updatedNew) == nil)
        // REMOVE of list elements: the old values of those that existed (a.c[9] did not).
        #expect(try update("REMOVE a.c[1], a.c[9]", nil, .updatedOld) == ["a": .m(["c": .l([num("8")])])])
        #expect(try get(engine, key("nest"))?["a"]?.mapValue?["c"] == .l([num("1"), num("3"), num("70")]))
    }

    // MARK: UpdateItem semantics

    @Test func updateCreatesAMissingItem() throws {
        let store = try metricsStore()
        let engine = store.engine
        let created = try engine.updateItem(UpdateItemInput(
            tableName: metrics, key: key("new"), returnValues: .allNew,
            updateExpression: "SET health_score = :h, last_updated = :u",
            expressionAttributeValues: [":h": num("42"), ":u": str("2025-02-01T00:00:00Z")]))
        let expected = metric("new", score: "42", updated: "2025-02-01T00:00:00Z")
        #expect(created.attributes == expected)
        #expect(try get(engine, key("new")) == expected)
        // Both indexes picked it up.
        for index in [healthIndex, updatedIndex] {
            let page = try engine.query(QueryInput(tableName: metrics, indexName: index, keyConditionExpression: "entity_type = :t",
                                                   expressionAttributeValues: [":t": str("student")]))
            #expect(ids(page.items) == ["new"])
        }
        // UPDATED_NEW on a created item: the written attributes, not the key.
        let second = try engine.updateItem(UpdateItemInput(
            tableName: metrics, key: key("other"), returnValues: .updatedNew,
            updateExpression: "SET a = :a", expressionAttributeValues: [":a": str("x")]))
        #expect(second.attributes == ["a": str("x")])
        // UPDATED_OLD on a created item: nothing.
        let third = try engine.updateItem(UpdateItemInput(
            tableName: metrics, key: key("third"), returnValues: .updatedOld,
            updateExpression: "ADD visits :one", expressionAttributeValues: [":one": num("1")]))
        #expect(third.attributes == nil)
        #expect(try get(engine, key("third")) == metric("third", ["visits": num("1")]))
        try expectSound(engine)
    }

    @Test func updateThatOnlyRemovesDoesNotCreateAnItem() throws {
        // DynamoDB: an update that only deletes attributes of a missing item creates nothing.
        let store = try metricsStore()
        let engine = store.engine
        let result = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("ghost"), returnValues: .allNew,
                                                           updateExpression: "REMOVE a"))
        #expect(result.attributes == nil)
        #expect(try get(engine, key("ghost")) == nil)
        // Nor does removing a nested path of a missing item fail.
        _ = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("ghost"), updateExpression: "REMOVE a.b[2], c"))
        #expect(try get(engine, key("ghost")) == nil)
        _ = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("ghost"), updateExpression: "DELETE tags :t",
                                                  expressionAttributeValues: [":t": .ss(["x"])]))
        #expect(try get(engine, key("ghost")) == nil)
        #expect(try scanAll(engine).isEmpty)
        // Without an UpdateExpression the key alone is written.
        _ = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("bare")))
        #expect(try get(engine, key("bare")) == key("bare"))
        try expectSound(engine)
    }

    @Test func arithmeticIsExactDecimal() throws {
        let store = try metricsStore()
        let engine = store.engine
        try put(engine, metric("m1", ["a": num("0.1"), "big": num("12345678901234567890123456789012345678"), "neg": num("-0.5")]))
        let result = try engine.updateItem(UpdateItemInput(
            tableName: metrics, key: key("m1"), returnValues: .updatedNew,
            updateExpression: "SET a = a + :a, big = big + :one, neg = neg - :q, fresh = if_not_exists(fresh, :zero) + :one",
            expressionAttributeValues: [":a": num("0.2"), ":one": num("1"), ":q": num("0.25"), ":zero": num("0")]))
        #expect(result.attributes?["a"]?.numberValue?.description == "0.3")
        #expect(result.attributes?["big"]?.numberValue?.description == "12345678901234567890123456789012345679")
        #expect(result.attributes?["neg"]?.numberValue?.description == "-0.75")
        #expect(result.attributes?["fresh"]?.numberValue?.description == "1")
        let item = try #require(try get(engine, key("m1")))
        #expect(item["a"]?.numberValue?.description == "0.3")
        // ADD on numbers: also exact, and a missing attribute counts as 0.
        _ = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("m1"), updateExpression: "ADD a :x, tally :x",
                                                  expressionAttributeValues: [":x": num("-0.3")]))
        let after = try #require(try get(engine, key("m1")))
        #expect(after["a"]?.numberValue?.description == "0")
        #expect(after["tally"]?.numberValue?.description == "-0.3")
        // Arithmetic on a missing attribute is an error and changes nothing.
        expectError(.validation, "The provided expression refers to an attribute that does not exist in the item") {
            try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("m1"), updateExpression: "SET a = nothing + :x",
                                                  expressionAttributeValues: [":x": num("1")]))
        }
        #expect(try get(engine, key("m1")) == after)
    }

    @Test func setsGrowAndShrinkAndRemoveDropsAttributes() throws {
        let store = try metricsStore()
        let engine = store.engine
        try put(engine, metric("set", ["scores": numbers("1", "2"), "people": .ss(["ann", "bob"]), "note": str("x")]))
        func update(_ expression: String, _ values: [String: AttributeValue]? = nil) throws {
            _ = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("set"), updateExpression: expression,
                                                      expressionAttributeValues: values))
        }
        try update("ADD scores :s", [":s": numbers("2", "3", "4.0")])
        #expect(try get(engine, key("set"))?["scores"] == numbers("1", "2", "3", "4"))
        try update("ADD created :s", [":s": numbers("7")])
        #expect(try get(engine, key("set"))?["created"] == numbers("7"))
        try update("DELETE people :n", [":n": .ss(["bob", "zed"])])
        #expect(try get(engine, key("set"))?["people"] == .ss(["ann"]))
        // Deleting the last element removes the attribute (sets are never empty).
        try update("DELETE people :n", [":n": .ss(["ann"])])
        #expect(try get(engine, key("set"))?["people"] == nil)
        try update("REMOVE note, created")
        #expect(try get(engine, key("set")) == metric("set", ["scores": numbers("1", "2", "3", "4")]))
        // A set of another type is an error and changes nothing.
        let before = try get(engine, key("set"))
        expectError(.validation, "An operand in the update expression has an incorrect data type") {
            try update("ADD scores :s", [":s": .ss(["a"])])
        }
        #expect(try get(engine, key("set")) == before)
        try expectSound(engine)
    }

    @Test func keyAttributesCannotBeUpdated() throws {
        let store = try metricsStore()
        let engine = store.engine
        let original = metric("k1", score: "5")
        try put(engine, original)
        expectError(.validation, "One or more parameter values were invalid: Cannot update attribute entity_type. This attribute is part of the key") {
            try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("k1"), updateExpression: "SET entity_type = :t",
                                                  expressionAttributeValues: [":t": str("teacher")]))
        }
        expectError(.validation, "One or more parameter values were invalid: Cannot update attribute entity_id. This attribute is part of the key") {
            try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("k1"), updateExpression: "REMOVE entity_id"))
        }
        // The request is invalid whatever the item: validation comes before the condition.
        expectError(.validation, "One or more parameter values were invalid: Cannot update attribute entity_id. This attribute is part of the key") {
            try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("missing"), updateExpression: "SET entity_id = :i",
                                                  conditionExpression: "attribute_exists(entity_id)",
                                                  expressionAttributeValues: [":i": str("x")]))
        }
        #expect(try scanAll(engine) == [original])
    }

    // MARK: Validation leaves the store unchanged

    @Test func invalidWritesChangeNothing() throws {
        let store = try metricsStore()
        let engine = store.engine
        try put(engine, metric("keep", score: "50", updated: "2025-01-01T00:00:00Z"))
        let before = try scanAll(engine)
        let keyBefore = try scanAll(engine, index: healthIndex)

        expectError(.validation, "One or more parameter values were invalid: Missing the key entity_type in the item") {
            try put(engine, ["entity_id": str("x"), "health_score": num("1")])
        }
        expectError(.validation, "One or more parameter values were invalid: Missing the key entity_id in the item") {
            try put(engine, ["entity_type": str("student")])
        }
        expectError(.validation, "One or more parameter values were invalid: Type mismatch for key entity_id expected: S actual: N") {
            try put(engine, ["entity_id": num("1"), "entity_type": str("student")])
        }
        expectError(.validation, "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: entity_id") {
            try put(engine, metric(""))
        }
        expectError(.validation, "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: entity_type") {
            try put(engine, metric("x", type: ""))
        }
        // GetItem/DeleteItem/UpdateItem keys must be exactly the key.
        for bad in [["entity_id": str("keep")], key("keep").merging(["extra": str("x")]) { a, _ in a }] {
            expectError(.validation, "The provided key element does not match the schema") { try get(engine, bad) }
            expectError(.validation, "The provided key element does not match the schema") {
                try engine.deleteItem(DeleteItemInput(tableName: metrics, key: bad))
            }
            expectError(.validation, "The provided key element does not match the schema") {
                try engine.updateItem(UpdateItemInput(tableName: metrics, key: bad, updateExpression: "SET a = :a",
                                                      expressionAttributeValues: [":a": num("1")]))
            }
        }
        // Index keys: wrong type, empty string.
        expectError(.validation, "One or more parameter values were invalid: Type mismatch for Index Key health_score Expected: N Actual: S IndexName: EntityTypeHealthIndex") {
            try put(engine, metric("bad-index", ["health_score": str("high")]))
        }
        expectError(.validation, "One or more parameter values were invalid: Type mismatch for Index Key health_score Expected: N Actual: S IndexName: EntityTypeHealthIndex") {
            try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("keep"), updateExpression: "SET health_score = :h",
                                                  expressionAttributeValues: [":h": str("high")]))
        }
        expectError(.validation, "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: LastUpdatedIndex, IndexKey: last_updated") {
            try put(engine, metric("empty-index", updated: ""))
        }
        expectError(.validation, "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: LastUpdatedIndex, IndexKey: last_updated") {
            try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("keep"), updateExpression: "SET last_updated = :u",
                                                  expressionAttributeValues: [":u": str("")]))
        }
        // Expression attribute maps.
        expectError(.validation, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}") {
            try engine.putItem(PutItemInput(tableName: metrics, item: metric("x"), conditionExpression: "attribute_not_exists(entity_id)",
                                            expressionAttributeValues: [":unused": num("1")]))
        }
        expectError(.validation, "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}") {
            try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("keep"), updateExpression: "SET a = :a",
                                                  expressionAttributeNames: ["#n": "name"], expressionAttributeValues: [":a": num("1")]))
        }
        expectError(.validation, "ExpressionAttributeValues can only be specified when using expressions") {
            try engine.putItem(PutItemInput(tableName: metrics, item: metric("x"), expressionAttributeValues: [":a": num("1")]))
        }
        expectError(.validation, "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: timestamp") {
            try engine.putItem(PutItemInput(tableName: metrics, item: metric("x"), conditionExpression: "attribute_not_exists(timestamp)"))
        }
        expectError(.validation, "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: timestamp") {
            try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("keep"), updateExpression: "SET timestamp = :t",
                                                  expressionAttributeValues: [":t": str("now")]))
        }
        // Through a placeholder the same name is fine (on another item, checked below).
        _ = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("named"), updateExpression: "SET #ts = :t",
                                                  expressionAttributeNames: ["#ts": "timestamp"], expressionAttributeValues: [":t": str("now")]))
        #expect(try get(engine, key("named"))?["timestamp"] == str("now"))
        _ = try engine.deleteItem(DeleteItemInput(tableName: metrics, key: key("named")))

        #expect(try scanAll(engine) == before)
        #expect(try scanAll(engine, index: healthIndex) == keyBefore)
        try expectSound(engine)
    }

    @Test func unknownTableIsResourceNotFound() throws {
        let store = try metricsStore()
        let engine = store.engine
        let missing = "no-such-table"
        expectError(.resourceNotFound, containing: "Requested resource not found") { try put(engine, metric("x"), into: missing) }
        expectError(.resourceNotFound, containing: "Requested resource not found") { try get(engine, key("x"), from: missing) }
        expectError(.resourceNotFound, containing: "Requested resource not found") {
            try engine.deleteItem(DeleteItemInput(tableName: missing, key: key("x")))
        }
        expectError(.resourceNotFound, containing: "Requested resource not found") {
            try engine.updateItem(UpdateItemInput(tableName: missing, key: key("x"), updateExpression: "SET a = :a",
                                                  expressionAttributeValues: [":a": num("1")]))
        }
        expectError(.resourceNotFound, containing: "Requested resource not found") {
            try engine.query(QueryInput(tableName: missing, keyConditionExpression: "entity_id = :i",
                                        expressionAttributeValues: [":i": str("x")]))
        }
        expectError(.resourceNotFound, containing: "Requested resource not found") { try engine.scan(ScanInput(tableName: missing)) }
        #expect(try scanAll(engine).isEmpty)
    }

    @Test func itemSizeLimitIs400KB() throws {
        let store = try metricsStore()
        let engine = store.engine
        // Names and values count: "entity_id"(9) + "at-limit"(8) + "entity_type"(11) + "student"(7) + "payload"(7).
        let overhead = 9 + 8 + 11 + 7 + 7
        let atLimit = metric("at-limit", ["payload": str(String(repeating: "a", count: 409_600 - overhead))])
        #expect(atLimit.itemSize == 409_600)
        try put(engine, atLimit)
        #expect(try get(engine, key("at-limit")) == atLimit)

        let underLimit = metric("under", ["payload": str(String(repeating: "c", count: 409_599 - overhead + 3))])
        #expect(underLimit.itemSize == 409_599)
        try put(engine, underLimit)
        #expect(try get(engine, key("under")) == underLimit)

        let overLimit = metric("at-limit", ["payload": str(String(repeating: "b", count: 409_601 - overhead))])
        #expect(overLimit.itemSize == 409_601)
        expectError(.validation, "Item size has exceeded the maximum allowed size") { try put(engine, overLimit) }
        #expect(try get(engine, key("at-limit")) == atLimit)

        // An update that would push the item over the limit fails and changes nothing.
        expectError(.validation, "Item size to update has exceeded the maximum allowed size") {
            try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("at-limit"), updateExpression: "SET x = :x",
                                                  expressionAttributeValues: [":x": str("y")]))
        }
        #expect(try get(engine, key("at-limit")) == atLimit)
        #expect(try scanAll(engine).count == 2)
        try expectSound(engine)
    }

    // MARK: Sparse index maintenance

    @Test func sparseIndexFollowsTheScoreAttribute() throws {
        let store = try metricsStore()
        let engine = store.engine
        func scored() throws -> [String] {
            let page = try engine.query(QueryInput(tableName: metrics, indexName: healthIndex,
                                                   keyConditionExpression: "entity_type = :t",
                                                   expressionAttributeValues: [":t": str("student")]))
            return ids(page.items)
        }
        func healthCount() throws -> Int64? {
            try engine.describeTable(DescribeTableInput(tableName: metrics)).table?.globalSecondaryIndexes?
                .first { $0.indexName == healthIndex }?.itemCount
        }

        try put(engine, metric("a", score: "30"))
        try put(engine, metric("b"))
        try put(engine, metric("c", score: "10"))
        #expect(try scored() == ["c", "a"])
        #expect(try healthCount() == 2)
        #expect(try scanAll(engine, index: healthIndex).count == 2)
        try expectSound(engine)

        // Gaining the attribute adds the entry.
        _ = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("b"), updateExpression: "SET health_score = :h",
                                                  expressionAttributeValues: [":h": num("20")]))
        #expect(try scored() == ["c", "b", "a"])
        try expectSound(engine)

        // Changing it moves the entry.
        _ = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("c"), updateExpression: "SET health_score = :h",
                                                  expressionAttributeValues: [":h": num("99")]))
        #expect(try scored() == ["b", "a", "c"])
        let high = try engine.query(QueryInput(tableName: metrics, indexName: healthIndex,
                                               keyConditionExpression: "entity_type = :t AND health_score > :h",
                                               expressionAttributeValues: [":t": str("student"), ":h": num("50")]))
        #expect(ids(high.items) == ["c"])
        #expect(high.items?.first?["health_score"] == num("99"))
        try expectSound(engine)

        // Losing it removes the entry.
        _ = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("a"), updateExpression: "REMOVE health_score"))
        #expect(try scored() == ["b", "c"])
        #expect(try healthCount() == 2)
        try expectSound(engine)

        // Replacing the item without the attribute removes it; changing another attribute updates the projection.
        try put(engine, metric("b", ["note": str("no score")]))
        _ = try engine.updateItem(UpdateItemInput(tableName: metrics, key: key("c"), updateExpression: "SET note = :n",
                                                  expressionAttributeValues: [":n": str("hello")]))
        let remaining = try engine.query(QueryInput(tableName: metrics, indexName: healthIndex, keyConditionExpression: "entity_type = :t",
                                                    expressionAttributeValues: [":t": str("student")]))
        #expect(remaining.items == [metric("c", score: "99", ["note": str("hello")])])
        // Deleting the item removes the entry.
        _ = try engine.deleteItem(DeleteItemInput(tableName: metrics, key: key("c")))
        #expect(try scored().isEmpty)
        #expect(try healthCount() == 0)
        try expectSound(engine)
    }
}

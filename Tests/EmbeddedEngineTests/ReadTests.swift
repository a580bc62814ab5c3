import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import EmbeddedEngine

/// Query and Scan: key order, key conditions, filters, Limit, paging, segments, the 1 MB page.
@Suite struct ReadTests: EngineFunctionalTesting {
    // MARK: Fixtures

    /// A table `name` with key (pk: S, sk: `type`) holding one item per sort key value in partition "p".
    func sortedTable(_ engine: EmbeddedEngine, _ name: String, _ type: ScalarAttributeType, _ values: [AttributeValue]) throws {
        _ = try engine.createTable(simpleTable(name, hash: ("pk", .s), range: ("sk", type)))
        for value in values { try put(engine, ["pk": str("p"), "sk": value], into: name) }
        // A neighbouring partition that no query of "p" may see.
        try put(engine, ["pk": str("q"), "sk": values[0]], into: name)
    }

    func sortKeys(_ engine: EmbeddedEngine, _ table: String, forward: Bool = true, condition: String = "pk = :p",
                  values: [String: AttributeValue] = [:]) throws -> [AttributeValue] {
        let page = try engine.query(QueryInput(tableName: table, scanIndexForward: forward, keyConditionExpression: condition,
                                               expressionAttributeValues: [":p": str("p")].merging(values) { a, _ in a }))
        #expect(page.lastEvaluatedKey == nil)
        return (page.items ?? []).compactMap { $0["sk"] }
    }

    /// Forty students in partition "student" with scores from a small set (many ties), and a
    /// few teachers and items without a score.
    func classroom(_ engine: EmbeddedEngine) throws -> [Item] {
        var items: [Item] = []
        let scores = ["-5", "0", "12.5", "40", "100"]
        for i in 0..<40 {
            let item = metric(String(format: "s%02d", i), score: scores[(i * 7) % scores.count],
                              updated: "2025-01-\(String(format: "%02d", 1 + i % 28))T00:00:00Z",
                              ["kind": str(i % 3 == 0 ? "odd-one" : "regular"), "rank": num(String(i))])
            items.append(item)
            try put(engine, item)
        }
        for i in 0..<3 { try put(engine, metric("t\(i)", type: "teacher", score: "50")) }
        for i in 0..<2 { try put(engine, metric("u\(i)")) }
        return items
    }

    // MARK: Key order

    @Test func numberSortKeysOrderByValue() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        let ascending = ["-1E+3", "-100", "-85", "-9", "-0.5", "-0.25", "-0.123", "-0.12", "0", "1e-5", "0.001", "0.12", "0.123",
                         "1", "1.05", "1.5", "9", "10", "85", "99.99", "100", "1000", "9.9E+125", "1E-129"]
        // Stored shuffled; "1E-129" is tiny, so its place is after 0.
        let expected = ["-1000", "-100", "-85", "-9", "-0.5", "-0.25", "-0.123", "-0.12", "0"]
            + ["0." + String(repeating: "0", count: 128) + "1", "0.00001", "0.001", "0.12", "0.123", "1", "1.05", "1.5",
               "9", "10", "85", "99.99", "100", "1000", "99" + String(repeating: "0", count: 124)]
        try sortedTable(engine, "numbers", .n, ascending.shuffled().map(num))
        let forward = try sortKeys(engine, "numbers").compactMap { $0.numberValue?.description }
        #expect(forward == expected)
        let backward = try sortKeys(engine, "numbers", forward: false).compactMap { $0.numberValue?.description }
        #expect(backward == expected.reversed())
        // Ranges use the same order.
        let between = try sortKeys(engine, "numbers", condition: "pk = :p AND sk BETWEEN :lo AND :hi",
                                   values: [":lo": num("-0.5"), ":hi": num("1e-5")]).compactMap { $0.numberValue?.description }
        #expect(between == ["-0.5", "-0.25", "-0.123", "-0.12", "0", "0." + String(repeating: "0", count: 128) + "1", "0.00001"])
        let below = try sortKeys(engine, "numbers", condition: "pk = :p AND sk < :v", values: [":v": num("9")]).count
        #expect(below == 17)
    }

    @Test func stringSortKeysOrderByUTF8Bytes() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        // UTF-8 byte order; UTF-16 order would put the emoji (D83D) before U+FFFD.
        let expected = ["A", "Z", "a", "ab", "abc", "b", "z", "é", "\u{FFFD}", "😀"]
        try sortedTable(engine, "strings", .s, expected.shuffled().map(str))
        #expect(try sortKeys(engine, "strings").compactMap(\.stringValue) == expected)
        #expect(try sortKeys(engine, "strings", forward: false).compactMap(\.stringValue) == expected.reversed())
        #expect(try sortKeys(engine, "strings", condition: "pk = :p AND begins_with(sk, :a)", values: [":a": str("a")])
            .compactMap(\.stringValue) == ["a", "ab", "abc"])
        #expect(try sortKeys(engine, "strings", condition: "pk = :p AND sk > :z", values: [":z": str("Z")])
            .compactMap(\.stringValue) == ["a", "ab", "abc", "b", "z", "é", "\u{FFFD}", "😀"])
        #expect(try sortKeys(engine, "strings", condition: "pk = :p AND begins_with(sk, :e)", values: [":e": str("é")])
            .compactMap(\.stringValue) == ["é"])
    }

    @Test func binarySortKeysOrderByUnsignedBytes() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        let expected: [[UInt8]] = [[0x00], [0x00, 0x00], [0x01], [0x7F], [0x80], [0xFE, 0xFF], [0xFF], [0xFF, 0x00], [0xFF, 0xFF]]
        try sortedTable(engine, "binary", .b, expected.shuffled().map { AttributeValue.b($0) })
        #expect(try sortKeys(engine, "binary") == expected.map { AttributeValue.b($0) })
        #expect(try sortKeys(engine, "binary", forward: false) == expected.reversed().map { AttributeValue.b($0) })
        #expect(try sortKeys(engine, "binary", condition: "pk = :p AND begins_with(sk, :f)", values: [":f": .b([0xFF])])
            == [[0xFF], [0xFF, 0x00], [0xFF, 0xFF]].map { AttributeValue.b($0) })
        #expect(try sortKeys(engine, "binary", condition: "pk = :p AND sk >= :m", values: [":m": .b([0x80])]).count == 5)
    }

    @Test func indexSortKeyOrdersNumbersByValue() throws {
        let store = try metricsStore()
        let engine = store.engine
        for (id, score) in [("a", "9"), ("b", "85"), ("c", "100"), ("d", "-0.5"), ("e", "-0.25"), ("f", "0"), ("g", "1e-5"), ("h", "-12")] {
            try put(engine, metric(id, score: score))
        }
        let query = QueryInput(tableName: metrics, indexName: healthIndex, keyConditionExpression: "entity_type = :t",
                               expressionAttributeValues: [":t": str("student")])
        #expect(ids(try engine.query(query).items) == ["h", "d", "e", "f", "g", "a", "b", "c"])
        var backward = query
        backward.scanIndexForward = false
        #expect(ids(try engine.query(backward).items) == ["c", "b", "a", "g", "f", "e", "d", "h"])
    }

    // MARK: Key conditions

    @Test func everySortKeyOperator() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        try sortedTable(engine, "ops", .n, (1...10).map { num(String($0)) })
        func keys(_ condition: String, _ values: [String: AttributeValue]) throws -> [String] {
            try sortKeys(engine, "ops", condition: condition, values: values).compactMap { $0.numberValue?.description }
        }
        let five = [":v": num("5")]
        #expect(try keys("pk = :p AND sk = :v", five) == ["5"])
        #expect(try keys("pk = :p AND sk < :v", five) == ["1", "2", "3", "4"])
        #expect(try keys("pk = :p AND sk <= :v", five) == ["1", "2", "3", "4", "5"])
        #expect(try keys("pk = :p AND sk > :v", five) == ["6", "7", "8", "9", "10"])
        #expect(try keys("pk = :p AND sk >= :v", five) == ["5", "6", "7", "8", "9", "10"])
        #expect(try keys("pk = :p AND sk BETWEEN :a AND :b", [":a": num("3"), ":b": num("6")]) == ["3", "4", "5", "6"])
        #expect(try keys("pk = :p AND sk BETWEEN :a AND :a", [":a": num("3")]) == ["3"])
        #expect(try keys("pk = :p AND sk = :v", [":v": num("5.5")]).isEmpty)
        // The key may be on the right, and the conditions in any order.
        #expect(try keys(":v > sk AND pk = :p", five) == ["1", "2", "3", "4"])
        #expect(try keys("pk = :p", [:]).count == 10)

        let strings = "strs"
        try sortedTable(engine, strings, .s, ["2025-01-01", "2025-01-15", "2025-02-01", "2026-01-01"].map(str))
        let january = try sortKeys(engine, strings, condition: "pk = :p AND begins_with(sk, :m)", values: [":m": str("2025-01")])
        #expect(january.compactMap(\.stringValue) == ["2025-01-01", "2025-01-15"])
    }

    @Test func invalidKeyConditions() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        try sortedTable(engine, "ops", .n, (1...3).map { num(String($0)) })
        func query(_ condition: String, _ values: [String: AttributeValue], filter: String? = nil,
                   names: [String: String]? = nil) throws -> QueryOutput {
            try engine.query(QueryInput(tableName: "ops", filterExpression: filter, keyConditionExpression: condition,
                                        expressionAttributeNames: names, expressionAttributeValues: values))
        }
        expectError(.validation, "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N") {
            try query("pk = :p AND begins_with(sk, :v)", [":p": str("p"), ":v": num("1")])
        }
        expectError(.validation, "Query condition missed key schema element: pk") {
            try query("sk = :v", [":v": num("1")])
        }
        expectError(.validation, "One or more parameter values were invalid: Condition parameter type does not match schema type") {
            try query("pk = :p", [":p": num("1")])
        }
        expectError(.validation, "One or more parameter values were invalid: Condition parameter type does not match schema type") {
            try query("pk = :p AND sk > :v", [":p": str("p"), ":v": str("1")])
        }
        expectError(.validation, "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:6}, upper bound operand: AttributeValue: {N:3}") {
            try query("pk = :p AND sk BETWEEN :a AND :b", [":p": str("p"), ":a": num("6"), ":b": num("3")])
        }
        expectError(.validation, "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk") {
            try query("pk = :p", [":p": str("p"), ":v": num("1")], filter: "sk > :v")
        }
        expectError(.validation, "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk") {
            try query("pk = :p", [":p": str("p")], filter: "attribute_exists(#k)", names: ["#k": "pk"])
        }
        expectError(.validation, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}") {
            try query("pk = :p", [":p": str("p"), ":x": num("1")])
        }
        expectError(.validation, "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: timestamp") {
            try query("pk = :p AND timestamp > :v", [":p": str("p"), ":v": num("1")])
        }
        expectError(.validation, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1") {
            try engine.query(QueryInput(tableName: "ops", limit: 0, keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": str("p")]))
        }
    }

    @Test func indexQueryRules() throws {
        let store = try metricsStore()
        let engine = store.engine
        _ = try classroom(engine)
        expectError(.validation, "Consistent reads are not supported on global secondary indexes") {
            try engine.query(QueryInput(tableName: metrics, indexName: healthIndex, consistentRead: true,
                                        keyConditionExpression: "entity_type = :t", expressionAttributeValues: [":t": str("student")]))
        }
        expectError(.validation, "Consistent reads are not supported on global secondary indexes") {
            try engine.scan(ScanInput(tableName: metrics, indexName: healthIndex, consistentRead: true))
        }
        expectError(.validation, "The table does not have the specified index: NoSuchIndex") {
            try engine.query(QueryInput(tableName: metrics, indexName: "NoSuchIndex",
                                        keyConditionExpression: "entity_type = :t", expressionAttributeValues: [":t": str("student")]))
        }
        // The index's key attributes may not be filtered on; the table's sort key may (it is not the index key).
        expectError(.validation, "Filter Expression can only contain non-primary key attributes: Primary key attribute: health_score") {
            try engine.query(QueryInput(tableName: metrics, indexName: healthIndex, filterExpression: "health_score > :h",
                                        keyConditionExpression: "entity_type = :t",
                                        expressionAttributeValues: [":t": str("student"), ":h": num("1")]))
        }
        let filtered = try engine.query(QueryInput(tableName: metrics, indexName: healthIndex, filterExpression: "entity_id = :i",
                                                   keyConditionExpression: "entity_type = :t",
                                                   expressionAttributeValues: [":t": str("student"), ":i": str("s03")]))
        #expect(ids(filtered.items) == ["s03"])
        #expect(filtered.scannedCount == 40)
        // A query on the table's partition key alone works too.
        let one = try engine.query(QueryInput(tableName: metrics, keyConditionExpression: "entity_id = :i",
                                              expressionAttributeValues: [":i": str("t1")]))
        #expect(one.items == [metric("t1", type: "teacher", score: "50")])
    }

    // MARK: Limit, filters, Select, projections

    @Test func limitCountsItemsReadBeforeTheFilter() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        _ = try engine.createTable(simpleTable("events", hash: ("pk", .s), range: ("sk", .n)))
        for i in 1...6 {
            try put(engine, ["pk": str("p"), "sk": num(String(i)), "colour": str(i == 2 || i == 5 ? "red" : "blue")], into: "events")
        }
        let first = try engine.query(QueryInput(tableName: "events", limit: 3, filterExpression: "colour = :c",
                                                keyConditionExpression: "pk = :p",
                                                expressionAttributeValues: [":p": str("p"), ":c": str("red")]))
        #expect(first.count == 1)
        #expect(first.scannedCount == 3)
        #expect(first.items?.compactMap { $0["sk"] } == [num("2")])
        #expect(first.lastEvaluatedKey == ["pk": str("p"), "sk": num("3")])

        let second = try engine.query(QueryInput(tableName: "events", limit: 3, exclusiveStartKey: first.lastEvaluatedKey,
                                                 filterExpression: "colour = :c", keyConditionExpression: "pk = :p",
                                                 expressionAttributeValues: [":p": str("p"), ":c": str("red")]))
        #expect(second.count == 1)
        #expect(second.scannedCount == 3)
        #expect(second.items?.compactMap { $0["sk"] } == [num("5")])
        // Limit reached exactly at the end: DynamoDB still returns a LastEvaluatedKey.
        #expect(second.lastEvaluatedKey == ["pk": str("p"), "sk": num("6")])
        let third = try engine.query(QueryInput(tableName: "events", limit: 3, exclusiveStartKey: second.lastEvaluatedKey,
                                                filterExpression: "colour = :c", keyConditionExpression: "pk = :p",
                                                expressionAttributeValues: [":p": str("p"), ":c": str("red")]))
        #expect(third.count == 0)
        #expect(third.scannedCount == 0)
        #expect(third.items == [])
        #expect(third.lastEvaluatedKey == nil)

        // A filter matching nothing on a page still returns its LastEvaluatedKey.
        let none = try engine.query(QueryInput(tableName: "events", limit: 2, filterExpression: "colour = :c",
                                               keyConditionExpression: "pk = :p",
                                               expressionAttributeValues: [":p": str("p"), ":c": str("green")]))
        #expect(none.count == 0)
        #expect(none.scannedCount == 2)
        #expect(none.lastEvaluatedKey == ["pk": str("p"), "sk": num("2")])
        // Without a Limit everything is read and no key is returned.
        let all = try engine.query(QueryInput(tableName: "events", filterExpression: "colour <> :c", keyConditionExpression: "pk = :p",
                                              expressionAttributeValues: [":p": str("p"), ":c": str("red")]))
        #expect(all.count == 4)
        #expect(all.scannedCount == 6)
        #expect(all.lastEvaluatedKey == nil)
    }

    @Test func selectCountAndProjections() throws {
        let store = try metricsStore()
        let engine = store.engine
        let profile: AttributeValue = .m(["name": str("Ann"), "tags": .l([str("a"), str("b"), str("c")]),
                                          "address": .m(["city": str("Oslo"), "zip": str("0150")])])
        try put(engine, metric("p1", score: "80", ["profile": profile, "scores": .l([num("1"), num("2"), num("3")]), "note": str("x")]))
        try put(engine, metric("p2", score: "60", ["note": str("y")]))

        let counted = try engine.query(QueryInput(tableName: metrics, indexName: healthIndex, select: .count,
                                                  keyConditionExpression: "entity_type = :t",
                                                  expressionAttributeValues: [":t": str("student")]))
        #expect(counted.items == nil)
        #expect(counted.count == 2)
        #expect(counted.scannedCount == 2)
        let countedFiltered = try engine.scan(ScanInput(tableName: metrics, select: .count, filterExpression: "note = :n",
                                                        expressionAttributeValues: [":n": str("y")]))
        #expect(countedFiltered.items == nil)
        #expect(countedFiltered.count == 1)
        #expect(countedFiltered.scannedCount == 2)
        expectError(.validation, "Cannot specify the AttributesToGet when choosing to get only the Count") {
            try engine.scan(ScanInput(tableName: metrics, select: .count, projectionExpression: "note"))
        }

        let projected = try engine.query(QueryInput(
            tableName: metrics,
            projectionExpression: "profile.#n, profile.tags[2], profile.address.city, scores[0], scores[2], absent, #note",
            keyConditionExpression: "entity_id = :i",
            expressionAttributeNames: ["#n": "name", "#note": "note"], expressionAttributeValues: [":i": str("p1")]))
        #expect(projected.items == [[
            "profile": .m(["name": str("Ann"), "tags": .l([str("c")]), "address": .m(["city": str("Oslo")])]),
            "scores": .l([num("1"), num("3")]),
            "note": str("x"),
        ]])
        let got = try engine.getItem(GetItemInput(tableName: metrics, key: key("p1"), projectionExpression: "entity_id, profile.address"))
        #expect(got.item == ["entity_id": str("p1"), "profile": .m(["address": .m(["city": str("Oslo"), "zip": str("0150")])])])
        expectError(.validation, containing: "Two document paths overlap with each other") {
            try engine.getItem(GetItemInput(tableName: metrics, key: key("p1"), projectionExpression: "profile, profile.#n",
                                            expressionAttributeNames: ["#n": "name"]))
        }
        expectError(.validation, "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name") {
            try engine.getItem(GetItemInput(tableName: metrics, key: key("p1"), projectionExpression: "profile.name"))
        }
    }

    // MARK: Paging

    @Test func pagingVisitsEveryTableItemOnceInOrder() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        _ = try engine.createTable(simpleTable("events", hash: ("pk", .s), range: ("sk", .n)))
        let values = (0..<37).map { String(Double($0) / 4 - 3) } // -3 … 6, negatives and decimals
        for value in values { try put(engine, ["pk": str("p"), "sk": num(value)], into: "events") }
        try put(engine, ["pk": str("other"), "sk": num("0")], into: "events")
        let expected = values.map { num($0) }
        for limit in [1, 4, 36, 37, 100] {
            for forward in [true, false] {
                let (items, pages) = try queryAll(engine, QueryInput(tableName: "events", limit: limit, scanIndexForward: forward,
                                                                     keyConditionExpression: "pk = :p",
                                                                     expressionAttributeValues: [":p": str("p")]))
                #expect(items.compactMap { $0["sk"] } == (forward ? expected : expected.reversed()), "limit \(limit) forward \(forward)")
                #expect(pages.dropLast().allSatisfy { $0.count == limit && $0.lastEvaluatedKey?.count == 2 })
                #expect(pages.count == (limit >= 37 ? (limit == 37 ? 2 : 1) : (37 + limit - 1) / limit + (37 % limit == 0 ? 1 : 0)))
            }
        }
        // Paging a range condition stays inside the range.
        let (ranged, _) = try queryAll(engine, QueryInput(tableName: "events", limit: 3, scanIndexForward: false,
                                                          keyConditionExpression: "pk = :p AND sk BETWEEN :a AND :b",
                                                          expressionAttributeValues: [":p": str("p"), ":a": num("-1"), ":b": num("1.5")]))
        #expect(ranged.compactMap { $0["sk"]?.numberValue?.description }
                == ["1.5", "1.25", "1", "0.75", "0.5", "0.25", "0", "-0.25", "-0.5", "-0.75", "-1"])
        // A start key of the wrong shape is refused.
        expectError(.validation, "The provided starting key is invalid: The provided key element does not match the schema") {
            try engine.query(QueryInput(tableName: "events", exclusiveStartKey: ["pk": str("p")], keyConditionExpression: "pk = :p",
                                        expressionAttributeValues: [":p": str("p")]))
        }
    }

    @Test func pagingAnIndexWithTiesVisitsEveryItemOnce() throws {
        let store = try metricsStore()
        let engine = store.engine
        let students = try classroom(engine)
        let full = try engine.query(QueryInput(tableName: metrics, indexName: healthIndex, keyConditionExpression: "entity_type = :t",
                                               expressionAttributeValues: [":t": str("student")]))
        #expect(full.count == 40)
        let fullIDs = ids(full.items)
        #expect(Set(fullIDs).count == 40)
        // Scores never go down along the index.
        let scores = (full.items ?? []).compactMap { $0["health_score"]?.numberValue }
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 <= $1 })

        for limit in [1, 3, 7, 40] {
            for forward in [true, false] {
                let (items, pages) = try queryAll(engine, QueryInput(
                    tableName: metrics, indexName: healthIndex, limit: limit, scanIndexForward: forward,
                    keyConditionExpression: "entity_type = :t", expressionAttributeValues: [":t": str("student")]))
                #expect(ids(items) == (forward ? fullIDs : fullIDs.reversed()), "limit \(limit) forward \(forward)")
                // LastEvaluatedKey holds the table key and the index key.
                for page in pages.dropLast() {
                    let last = try #require(page.lastEvaluatedKey)
                    #expect(Set(last.keys) == ["entity_id", "entity_type", "health_score"])
                    #expect(last == metric(ids(page.items).last ?? "?", score: last["health_score"]?.numberValue?.description))
                }
            }
        }
        // With a filter and a range condition, paging still sees each matching item once.
        let (filtered, _) = try queryAll(engine, QueryInput(
            tableName: metrics, indexName: healthIndex, limit: 4, filterExpression: "kind = :k",
            keyConditionExpression: "entity_type = :t AND health_score >= :h",
            expressionAttributeValues: [":t": str("student"), ":h": num("0"), ":k": str("odd-one")]))
        let expectedFiltered = students.filter {
            $0["kind"] == str("odd-one") && $0["health_score"]!.numberValue! >= DynamoNumber(0)
        }.count
        #expect(filtered.count == expectedFiltered)
        #expect(Set(ids(filtered)).count == expectedFiltered)

        // Paging the LastUpdatedIndex (string sort key) too.
        let (byDate, _) = try queryAll(engine, QueryInput(tableName: metrics, indexName: updatedIndex, limit: 6,
                                                         keyConditionExpression: "entity_type = :t",
                                                         expressionAttributeValues: [":t": str("student")]))
        let dates = byDate.compactMap { $0["last_updated"]?.stringValue }
        #expect(dates.count == 40)
        #expect(dates == dates.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(Set(ids(byDate)).count == 40)

        // A start key for an index must carry the index key too.
        expectError(.validation, "The provided starting key is invalid: The provided key element does not match the schema") {
            try engine.query(QueryInput(tableName: metrics, indexName: healthIndex, exclusiveStartKey: key("s01"),
                                        keyConditionExpression: "entity_type = :t", expressionAttributeValues: [":t": str("student")]))
        }
    }

    // MARK: Scan

    @Test func scanFiltersLimitsAndPagesToTheEnd() throws {
        let store = try metricsStore()
        let engine = store.engine
        let students = try classroom(engine)
        let all = try engine.scan(ScanInput(tableName: metrics))
        #expect(all.count == 45)
        #expect(all.lastEvaluatedKey == nil)
        #expect(Set(ids(all.items)).count == 45)

        let filtered = try engine.scan(ScanInput(tableName: metrics, filterExpression: "kind = :k AND health_score > :h",
                                                 expressionAttributeValues: [":k": str("odd-one"), ":h": num("10")]))
        let expected = students.filter { $0["kind"] == str("odd-one") && $0["health_score"]!.numberValue! > DynamoNumber(10) }
        #expect(Set(ids(filtered.items)) == Set(ids(expected)))
        #expect(filtered.scannedCount == 45)

        let limited = try engine.scan(ScanInput(tableName: metrics, limit: 5))
        #expect(limited.count == 5)
        #expect(limited.items?.count == 5)
        #expect(limited.lastEvaluatedKey.map { Set($0.keys) } == ["entity_id", "entity_type"])
        #expect(ids(limited.items) == Array(ids(all.items).prefix(5)))

        for limit in [1, 7, 45] {
            let paged = try scanAll(engine, limit: limit)
            #expect(ids(paged) == ids(all.items), "limit \(limit)")
        }
        // Filtered paging.
        var seen: [String] = []
        var start: Item?
        repeat {
            let page = try engine.scan(ScanInput(tableName: metrics, limit: 4, exclusiveStartKey: start, filterExpression: "kind = :k",
                                                 expressionAttributeValues: [":k": str("odd-one")]))
            #expect((page.scannedCount ?? 0) <= 4)
            seen += ids(page.items)
            start = page.lastEvaluatedKey
        } while start != nil
        #expect(seen.sorted() == ids(students.filter { $0["kind"] == str("odd-one") }).sorted())

        // An index scan returns only the items that have the index key, with table and index keys in LastEvaluatedKey.
        let index = try engine.scan(ScanInput(tableName: metrics, indexName: healthIndex, limit: 2))
        #expect(index.lastEvaluatedKey.map { Set($0.keys) } == ["entity_id", "entity_type", "health_score"])
        #expect(try scanAll(engine, index: healthIndex, limit: 6).count == 43)
    }

    @Test func parallelScanSegmentsPartitionTheTable() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        _ = try engine.createTable(simpleTable("wide", hash: ("pk", .s), range: ("sk", .n)))
        for i in 0..<120 {
            try put(engine, ["pk": str("key-\(i)"), "sk": num("1")], into: "wide")
            if i % 10 == 0 { try put(engine, ["pk": str("key-\(i)"), "sk": num("2")], into: "wide") }
        }
        let full = try scanAll(engine, "wide")
        #expect(full.count == 132)
        func fingerprint(_ item: Item) -> String { "\(item["pk"]!.stringValue!)/\(item["sk"]!.numberValue!)" }
        let everything = Set(full.map(fingerprint))

        for total in [1, 2, 3, 4, 7, 16] {
            var union: [String] = []
            var nonEmpty = 0
            for segment in 0..<total {
                var start: Item?
                var pages = 0
                var segmentItems: [String] = []
                repeat {
                    let page = try engine.scan(ScanInput(tableName: "wide", limit: 9, exclusiveStartKey: start,
                                                         totalSegments: total, segment: segment))
                    segmentItems += (page.items ?? []).map(fingerprint)
                    start = page.lastEvaluatedKey
                    pages += 1
                } while start != nil && pages < 1000
                // Every item of one partition lands in the same segment.
                let partitions = Set(segmentItems.map { $0.split(separator: "/")[0] })
                for partition in partitions where partition.hasSuffix("0") {
                    #expect(segmentItems.filter { $0.hasPrefix("\(partition)/") }.count == 2)
                }
                if !segmentItems.isEmpty { nonEmpty += 1 }
                union += segmentItems
            }
            #expect(union.count == 132, "total segments \(total)")
            #expect(Set(union) == everything, "total segments \(total)")
            if total <= 4 { #expect(nonEmpty == total, "each of \(total) segments should hold items") }
        }

        expectError(.validation, containing: "Segment") {
            try engine.scan(ScanInput(tableName: "wide", totalSegments: 4, segment: 4))
        }
        expectError(.validation, "1 validation error detected: Value '-1' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0") {
            try engine.scan(ScanInput(tableName: "wide", totalSegments: 4, segment: -1))
        }
        expectError(.validation, "1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint: Member must have value greater than or equal to 1") {
            try engine.scan(ScanInput(tableName: "wide", totalSegments: 0, segment: 0))
        }
        expectError(.validation, "1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000") {
            try engine.scan(ScanInput(tableName: "wide", totalSegments: 1_000_001, segment: 0))
        }
        expectError(.validation, "The TotalSegments parameter is specified but the Segment parameter is not provided") {
            try engine.scan(ScanInput(tableName: "wide", totalSegments: 2))
        }
        expectError(.validation, "The Segment parameter is specified but the TotalSegments parameter is not provided") {
            try engine.scan(ScanInput(tableName: "wide", segment: 0))
        }
    }

    // MARK: The 1 MB page

    @Test func aPageStopsAtAboutOneMegabyte() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        _ = try engine.createTable(simpleTable("blobs", hash: ("pk", .s), range: ("sk", .n)))
        let payload = String(repeating: "x", count: 100_000)
        for i in 0..<30 {
            try put(engine, ["pk": str("one"), "sk": num(String(i)), "payload": str(payload)], into: "blobs")
        }
        let itemSize = 2 + 3 + 2 + 1 + 7 + 100_000 // names and values of one item, about 100 KB

        let first = try engine.query(QueryInput(tableName: "blobs", keyConditionExpression: "pk = :p",
                                                expressionAttributeValues: [":p": str("one")]))
        let count = try #require(first.count)
        // About 1 MB: ten or eleven items of 100 KB, never the whole partition.
        #expect((9...11).contains(count))
        #expect(count * itemSize >= 900_000 && count * itemSize <= 1_048_576 + itemSize)
        #expect(first.scannedCount == count)
        #expect(first.lastEvaluatedKey == ["pk": str("one"), "sk": num(String(count - 1))])

        let (items, pages) = try queryAll(engine, QueryInput(tableName: "blobs", keyConditionExpression: "pk = :p",
                                                             expressionAttributeValues: [":p": str("one")]))
        #expect(items.compactMap { $0["sk"]?.numberValue?.description } == (0..<30).map(String.init))
        #expect(pages.count >= 3)
        #expect(pages.allSatisfy { ($0.count ?? 0) <= 11 })

        // Backwards, with a filter that drops everything, and with a projection: the page is
        // still measured on the items read.
        let backward = try engine.query(QueryInput(tableName: "blobs", scanIndexForward: false, filterExpression: "attribute_not_exists(payload)",
                                                   keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": str("one")]))
        #expect(backward.count == 0)
        #expect((9...11).contains(backward.scannedCount ?? 0))
        #expect(backward.lastEvaluatedKey?["sk"] == num(String(30 - (backward.scannedCount ?? 0))))
        let projected = try engine.query(QueryInput(tableName: "blobs", projectionExpression: "sk", keyConditionExpression: "pk = :p",
                                                    expressionAttributeValues: [":p": str("one")]))
        #expect(projected.count == count)

        // Scan pages the same way.
        let scanned = try engine.scan(ScanInput(tableName: "blobs"))
        #expect((9...11).contains(scanned.count ?? 0))
        #expect(scanned.lastEvaluatedKey != nil)
        #expect(try scanAll(engine, "blobs").count == 30)
    }
}

import DynamoAPI
import DynamoModel
import EmbeddedEngine
import Foundation
import ShellLanguage
import Testing
@testable import Shell

// Round trips through the embedded engine: every expression the builder emits must be
// accepted by DynamoDB's expression parser (DynamoExpressions) and mean what the shell
// statement says.

/// A fresh store in a temporary directory, removed when the test ends, holding the metrics
/// table (and an events table keyed by two reserved words).
private final class ExpressionTestStore {
    let directory: URL
    let engine: EmbeddedEngine

    static let metricsTypes = ["entity_id": "S", "entity_type": "S", "health_score": "N"]
    static let eventsTypes = ["status": "S", "timestamp": "N"]

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-eb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        engine = try EmbeddedEngine(path: directory.appendingPathComponent("store.sqlite").path)
        _ = try engine.createTable(CreateTableInput(
            attributeDefinitions: [
                AttributeDefinition(attributeName: "entity_id", attributeType: .s),
                AttributeDefinition(attributeName: "entity_type", attributeType: .s),
                AttributeDefinition(attributeName: "health_score", attributeType: .n),
            ],
            tableName: "metrics",
            keySchema: [KeySchemaElement(attributeName: "entity_id", keyType: .hash),
                        KeySchemaElement(attributeName: "entity_type", keyType: .range)],
            globalSecondaryIndexes: [
                GlobalSecondaryIndex(indexName: "EntityTypeHealthIndex",
                                     keySchema: [KeySchemaElement(attributeName: "entity_type", keyType: .hash),
                                                 KeySchemaElement(attributeName: "health_score", keyType: .range)],
                                     projection: Projection(projectionType: .all)),
            ],
            billingMode: .payPerRequest))
        _ = try engine.createTable(CreateTableInput(
            attributeDefinitions: [
                AttributeDefinition(attributeName: "status", attributeType: .s),
                AttributeDefinition(attributeName: "timestamp", attributeType: .n),
            ],
            tableName: "events",
            keySchema: [KeySchemaElement(attributeName: "status", keyType: .hash),
                        KeySchemaElement(attributeName: "timestamp", keyType: .range)],
            billingMode: .payPerRequest))

        let items: [Item] = [
            [
                "entity_id": .s("stu_1"), "entity_type": .s("student"), "health_score": Self.number("72"),
                "status": .s("active"), "timestamp": Self.number("1700000000"), "ttl": Self.number("4102444800"),
                "my-attr": .s("dash"), "a.b": .s("dotted"), "größe": Self.number("5"), "with space": .s("spaced"),
                "info": .m(["status": .s("nested"), "list": .l([Self.number("10"), Self.number("20"), Self.number("30")])]),
                "tags": .ss(["red", "blue"]), "note": .s(") OR attribute_exists(x"), "name": .s("Ada"),
            ],
            [
                "entity_id": .s("stu_2"), "entity_type": .s("student"), "health_score": Self.number("45"),
                "status": .s("at_risk"), "timestamp": Self.number("1600000000"), "tags": .ss(["green"]), "name": .s("Bob"),
            ],
            [
                "entity_id": .s("stu_3"), "entity_type": .s("student"), "health_score": Self.number("90"),
                "status": .s("active"), "name": .s("Cy"),
            ],
            [
                "entity_id": .s("123"), "entity_type": .s("course"), "health_score": Self.number("60"), "status": .s("open"),
            ],
        ]
        for item in items { _ = try engine.putItem(PutItemInput(tableName: "metrics", item: item)) }
        for (status, time) in [("open", "100"), ("open", "150"), ("open", "250"), ("closed", "120")] {
            _ = try engine.putItem(PutItemInput(tableName: "events", item: ["status": .s(status), "timestamp": Self.number(time)]))
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static func number(_ text: String) -> AttributeValue {
        // swiftlint:disable:next force_try
        .n(try! DynamoNumber(text))
    }

    static func resolve(_ reference: VariableReference) throws -> ShellValue {
        throw ShellError("\(reference) is not set")
    }

    func builder(for table: String) -> ExpressionBuilder {
        ExpressionBuilder(attributeTypes: table == "events" ? Self.eventsTypes : Self.metricsTypes, resolve: Self.resolve)
    }

    func command(_ text: String) throws -> Command {
        try ExpressionBuilderFixture.command(text)
    }

    static func name(_ string: ShellString) throws -> String {
        try ExpressionBuilder.text(string, resolve: resolve)
    }

    /// Runs a `query` or `scan` statement (one page: the tables are small) and returns its
    /// items, a scan's sorted by entity_id.
    func read(_ text: String) throws -> [Item] {
        switch try command(text) {
        case .query(let query):
            var builder = self.builder(for: try Self.name(query.source.table))
            let key = try builder.condition(query.keyCondition)
            var filter: String?
            if let condition = query.filter { filter = try builder.condition(condition) }
            var projection: String?
            if let items = query.projection { projection = builder.projection(items) }
            var index: String?
            if let name = query.source.index { index = try Self.name(name) }
            let output = try engine.query(QueryInput(
                tableName: try Self.name(query.source.table), indexName: index, scanIndexForward: !query.descending,
                projectionExpression: projection, filterExpression: filter, keyConditionExpression: key,
                expressionAttributeNames: builder.expressionAttributeNames,
                expressionAttributeValues: builder.expressionAttributeValues))
            return output.items ?? []
        case .scan(let scan):
            var builder = self.builder(for: try Self.name(scan.source.table))
            var filter: String?
            if let condition = scan.filter { filter = try builder.condition(condition) }
            var projection: String?
            if let items = scan.projection { projection = builder.projection(items) }
            let output = try engine.scan(ScanInput(
                tableName: try Self.name(scan.source.table), projectionExpression: projection, filterExpression: filter,
                expressionAttributeNames: builder.expressionAttributeNames,
                expressionAttributeValues: builder.expressionAttributeValues))
            return (output.items ?? []).sorted { ($0["entity_id"]?.stringValue ?? "") < ($1["entity_id"]?.stringValue ?? "") }
        default:
            throw ShellError("not a read: \(text)")
        }
    }

    /// The entity_ids a scan's filter selects, sorted.
    func ids(_ filter: String) throws -> [String] {
        var ids: [String] = []
        for item in try read("scan metrics filter \(filter)") { ids.append(item["entity_id"]?.stringValue ?? "?") }
        return ids
    }

    /// Runs an `update` statement and returns the item after it.
    func update(_ text: String) throws -> Item {
        guard case .update(let update) = try command(text) else { throw ShellError("not an update: \(text)") }
        return try self.update(table: try Self.name(update.table), key: try key(update.key), actions: update.actions,
                               condition: update.condition)
    }

    func update(table: String, key: Item, actions: UpdateActions, condition: ShellCondition? = nil) throws -> Item {
        var builder = self.builder(for: table)
        let expression = try builder.update(actions)
        var conditionText: String?
        if let condition { conditionText = try builder.condition(condition) }
        let output = try engine.updateItem(UpdateItemInput(
            tableName: table, key: key, returnValues: .allNew, updateExpression: expression,
            conditionExpression: conditionText, expressionAttributeNames: builder.expressionAttributeNames,
            expressionAttributeValues: builder.expressionAttributeValues))
        return output.attributes ?? [:]
    }

    func key(_ spec: ItemSpec) throws -> Item {
        guard case .assignments(let assignments) = spec else { throw ShellError("write keys as name=value") }
        var key: Item = [:]
        for assignment in assignments {
            key[assignment.name] = try ExpressionBuilder.attributeValue(assignment.value, resolve: Self.resolve)
        }
        return key
    }

    func item(_ id: String, _ type: String) throws -> Item? {
        try engine.getItem(GetItemInput(tableName: "metrics", key: ["entity_id": .s(id), "entity_type": .s(type)])).item
    }
}

@Suite struct ExpressionBuilderEngineTests {
    @Test func scanFiltersMeanWhatTheySay() throws {
        let store = try ExpressionTestStore()
        let cases: [(String, [String])] = [
            (#"status = "active""#, ["stu_1", "stu_3"]),
            ("timestamp between 1650000000 and 1800000000", ["stu_1"]),
            (#"ttl > 0 and my-attr = "dash""#, ["stu_1"]),
            (#"info.status = "nested" and info.list[1] = 20"#, ["stu_1"]),
            ("size(tags) = 2", ["stu_1"]),
            ("size(name) > 2", ["stu_1", "stu_2"]),
            (#"contains(tags, "green")"#, ["stu_2"]),
            (#"attribute_type(info, "M") and attribute_type(tags, "SS")"#, ["stu_1"]),
            (#"begins_with(name, "B")"#, ["stu_2"]),
            (#"not (status = "active" or health_score < 50)"#, ["123"]),
            (#"status = "active" or health_score < 50 and name = "Bob""#, ["stu_1", "stu_2", "stu_3"]),
            (#"(status = "active" or health_score < 50) and name = "Bob""#, ["stu_2"]),
            (#"(status = "active" or health_score < 50) and (name = "Bob" or name = "Cy")"#, ["stu_2", "stu_3"]),
            (#"status <> "active" and not (health_score >= 60 and health_score <= 60)"#, ["stu_2"]),
            (#"entity_id in ("stu_1", "stu_3", 123)"#, ["123", "stu_1", "stu_3"]),
            (#"note = ") OR attribute_exists(x""#, ["stu_1"]),
            (#"status = ") OR attribute_exists(status""#, []),
            (#"health_score < "50""#, ["stu_2"]),
            ("entity_id = 123", ["123"]),
            ("attribute_not_exists(info) and not attribute_exists(tags)", ["123", "stu_3"]),
            (#"not not status = "open""#, ["123"]),
            ("TTL = 4102444800", []),
            ("a = 1 and (b = 2 and c = 3)", []),
            (#"name > "B" and name < "C""#, ["stu_2"]),
        ]
        for (filter, expected) in cases {
            #expect(try store.ids(filter) == expected, "\(filter)")
        }
    }

    @Test func unusualNamesRoundTrip() throws {
        let store = try ExpressionTestStore()
        var builder = store.builder(for: "metrics")
        let condition = ShellCondition.and([
            .compare(.path(DocumentPath([.name("größe")])), .equal, .value(.number("5"))),
            .compare(.path(DocumentPath([.name("a.b")])), .equal, .value(.string("dotted"))),
            .compare(.path(DocumentPath([.name("with space")])), .equal, .value(.string("spaced"))),
            .compare(.path(DocumentPath([.name("my-attr")])), .notEqual, .value(.string("x = :v0"))),
        ])
        let filter = try builder.condition(condition)
        #expect(filter == "#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 <> :v3")
        let projection = builder.projection([ProjectionItem(DocumentPath([.name("a.b")])), ProjectionItem(DocumentPath([.name("größe")]))])
        #expect(projection == "#n1, #n0")
        let output = try store.engine.scan(ScanInput(
            tableName: "metrics", projectionExpression: projection, filterExpression: filter,
            expressionAttributeNames: builder.expressionAttributeNames,
            expressionAttributeValues: builder.expressionAttributeValues))
        #expect(output.items == [["a.b": .s("dotted"), "größe": ExpressionTestStore.number("5")]])
    }

    @Test func projectionsReadTheNamedPaths() throws {
        let store = try ExpressionTestStore()
        let items = try store.read(#"scan metrics filter entity_id = "stu_1" select status, info.list[2], my-attr, ttl, name, status as again"#)
        #expect(items == [[
            "status": .s("active"), "info": .m(["list": .l([ExpressionTestStore.number("30")])]), "my-attr": .s("dash"),
            "ttl": ExpressionTestStore.number("4102444800"), "name": .s("Ada"),
        ]])
    }

    @Test func queriesWithTypedKeyConditions() throws {
        let store = try ExpressionTestStore()
        func ids(_ items: [Item]) -> [String] {
            var ids: [String] = []
            for item in items { ids.append(item["entity_id"]?.stringValue ?? "?") }
            return ids
        }
        #expect(ids(try store.read(#"query metrics.EntityTypeHealthIndex where entity_type = "student" and health_score < "80" filter status = "active""#)) == ["stu_1"])
        #expect(ids(try store.read(#"query metrics.EntityTypeHealthIndex where entity_type = "student" and health_score between 40 and "80""#)) == ["stu_2", "stu_1"])
        #expect(ids(try store.read(#"query metrics.EntityTypeHealthIndex where entity_type = "student" and health_score > 50 desc"#)) == ["stu_3", "stu_1"])
        #expect(ids(try store.read("query metrics where entity_id = 123")) == ["123"])
        #expect(try store.read(#"query metrics where entity_id = "stu_1" and begins_with(entity_type, "stu") select status, timestamp"#)
            == [["status": .s("active"), "timestamp": ExpressionTestStore.number("1700000000")]])

        // Both key attributes are reserved words.
        var times: [String] = []
        for item in try store.read(#"query events where status = "open" and timestamp between "100" and 200"#) {
            times.append(item["timestamp"]?.numberValue?.description ?? "?")
        }
        #expect(times == ["100", "150"])
        #expect(try store.read(#"query events where (status = "open") and timestamp > 200"#).count == 1)
        #expect(try store.read(#"query events where timestamp >= 100 and status = "closed""#).count == 1)
    }

    @Test func updatesApplyEveryClause() throws {
        let store = try ExpressionTestStore()
        let statement = #"""
            update metrics entity_id="stu_2" entity_type=student set status = "recovering", health_score = health_score + 10, timestamp = 1, info = {"status": "x", "list": [1]}, remove = true remove ttl, name add visits 1, tags ["yellow"] if status = "at_risk" and attribute_not_exists(deleted)
            """#
        let item = try store.update(statement)
        #expect(item == [
            "entity_id": .s("stu_2"), "entity_type": .s("student"), "health_score": ExpressionTestStore.number("55"),
            "status": .s("recovering"), "timestamp": ExpressionTestStore.number("1"),
            "info": .m(["status": .s("x"), "list": .l([ExpressionTestStore.number("1")])]), "remove": .bool(true),
            "visits": ExpressionTestStore.number("1"), "tags": .ss(["green", "yellow"]),
        ])
        // The condition no longer holds.
        do {
            _ = try store.update(statement)
            Issue.record("the second update should fail its condition")
        } catch let error as DynamoError {
            #expect(error.code == .conditionalCheckFailed)
        }
        // The GSI still finds it under its new score.
        #expect(try store.read(#"query metrics.EntityTypeHealthIndex where entity_type = "student" and health_score = "55""#).count == 1)
    }

    @Test func updateFunctionsAndSets() throws {
        let store = try ExpressionTestStore()
        var item = try store.update(#"update metrics entity_id="stu_1" entity_type=student delete tags ["red"] set info.list = list_append(info.list, [40]), count = if_not_exists(count, 0) + 1, health_score = "73""#)
        #expect(item["tags"] == .ss(["blue"]))
        #expect(item["info"] == .m(["status": .s("nested"), "list": .l([
            ExpressionTestStore.number("10"), ExpressionTestStore.number("20"), ExpressionTestStore.number("30"), ExpressionTestStore.number("40"),
        ])]))
        #expect(item["count"] == ExpressionTestStore.number("1"))
        #expect(item["health_score"] == ExpressionTestStore.number("73"))

        item = try store.update(#"update metrics entity_id="stu_1" entity_type=student delete tags "blue" add scores [1, 2], count 5"#)
        #expect(item["tags"] == nil)
        #expect(item["scores"] == .ns([ExpressionBuilderFixture.decimal("1"), ExpressionBuilderFixture.decimal("2")]))
        #expect(item["count"] == ExpressionTestStore.number("6"))

        item = try store.update(#"update metrics entity_id="stu_1" entity_type=student delete scores 2 add labels "new" set info.list[0] = info.list[2] - 1"#)
        #expect(item["scores"] == .ns([ExpressionBuilderFixture.decimal("1")]))
        #expect(item["labels"] == .ss(["new"]))
        #expect(item["info"]?.mapValue?["list"]?.listValue?.first == ExpressionTestStore.number("29"))
    }

    @Test func updatesOfUnusualNames() throws {
        let store = try ExpressionTestStore()
        let actions = UpdateActions(
            set: [SetAssignment(DocumentPath([.name("with space")]), .term(.value(.string(") REMOVE entity_id"))))],
            remove: [DocumentPath([.name("a.b")])],
            add: [PathValue(DocumentPath([.name("größe")]), .number("2"))])
        let condition = ShellCondition.compare(.path(DocumentPath([.name("my-attr")])), .equal, .value(.string("dash")))
        let item = try store.update(table: "metrics", key: ["entity_id": .s("stu_1"), "entity_type": .s("student")],
                                    actions: actions, condition: condition)
        #expect(item["with space"] == .s(") REMOVE entity_id"))
        #expect(item["a.b"] == nil)
        #expect(item["größe"] == ExpressionTestStore.number("7"))
        #expect(item["entity_id"] == .s("stu_1"))
        #expect(try store.item("stu_1", "student")?["with space"] == .s(") REMOVE entity_id"))
    }

    @Test func typedLiteralErrorsStopBeforeTheRequest() throws {
        let store = try ExpressionTestStore()
        #expect(throws: ShellError("health_score is a Number; \"high\" is not a number")) {
            _ = try store.read(#"query metrics.EntityTypeHealthIndex where entity_type = "student" and health_score > "high""#)
        }
        #expect(throws: ShellError("add tags: a set cannot be empty; give at least one member")) {
            _ = try store.update(#"update metrics entity_id="stu_1" entity_type=student add tags []"#)
        }
        #expect(try store.item("stu_1", "student")?["tags"] == .ss(["red", "blue"]))
    }
}

import DynamoModel
import ShellLanguage
import Testing
@testable import Shell

/// Helpers for the ExpressionBuilder tests: real syntax trees from `parseScript`, and a
/// variable table.
enum ExpressionBuilderFixture {
    struct ParseFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The metrics table's AttributeDefinitions.
    static let metricsTypes: [String: String] = ["entity_id": "S", "entity_type": "S", "health_score": "N"]

    /// `$id` = "stu_1", `$score` = 70, `$n` = "42" (text), `$ids` = ["a", "b"], `$loop` refers to
    /// itself; every other variable is unset.
    static func resolve(_ reference: VariableReference) throws -> ShellValue {
        switch reference {
        case .named("id", _): return .string("stu_1")
        case .named("score", _): return .number("70")
        case .named("n", _): return .string("42")
        case .named("ids", _): return .json(.array([.string("a"), .string("b")]))
        case .named("flag", _): return .bool(true)
        case .named("loop", _): return .variable(.named("loop", default: nil))
        case .named("greeting", _): return .string(ShellString(parts: [.text("hi "), .variable(.named("id", default: nil))]))
        case .positional(1): return .string("first")
        default: throw ShellError("\(reference) is not set")
        }
    }

    static func builder(types: [String: String] = [:]) -> ExpressionBuilder {
        ExpressionBuilder(attributeTypes: types, resolve: resolve)
    }

    static func command(_ text: String) throws -> Command {
        let statements = try parseScript(text, file: "test.iops")
        guard statements.count == 1 else { throw ParseFailure(description: "expected one statement in \(text)") }
        return statements[0].command
    }

    /// The condition of `scan t filter TEXT`.
    static func filter(_ text: String) throws -> ShellCondition {
        guard case .scan(let scan) = try command("scan t filter \(text)"), let filter = scan.filter else {
            throw ParseFailure(description: "no filter in \(text)")
        }
        return filter
    }

    /// The key condition of `query t where TEXT`.
    static func keyCondition(_ text: String) throws -> ShellCondition {
        guard case .query(let query) = try command("query t where \(text)") else {
            throw ParseFailure(description: "no query in \(text)")
        }
        return query.keyCondition
    }

    /// The actions of `update t id=1 TEXT`.
    static func actions(_ text: String) throws -> UpdateActions {
        guard case .update(let update) = try command("update t id=1 \(text)") else {
            throw ParseFailure(description: "no update in \(text)")
        }
        return update.actions
    }

    /// The projection of `scan t select TEXT`.
    static func projection(_ text: String) throws -> [ProjectionItem] {
        guard case .scan(let scan) = try command("scan t select \(text)"), let items = scan.projection else {
            throw ParseFailure(description: "no projection in \(text)")
        }
        return items
    }

    static func number(_ text: String) -> AttributeValue { .n(decimal(text)) }

    static func decimal(_ text: String) -> DynamoNumber {
        // swiftlint:disable:next force_try
        try! DynamoNumber(text)
    }
}

@Suite struct ExpressionBuilderTests {
    typealias F = ExpressionBuilderFixture

    /// Builds a filter and returns its text with the builder (for the maps).
    func built(_ filter: String, types: [String: String] = [:]) throws -> (String, ExpressionBuilder) {
        var builder = F.builder(types: types)
        let text = try builder.condition(try F.filter(filter))
        return (text, builder)
    }

    // MARK: Names

    @Test func plainNamesStayBareAndLiteralsBecomeValues() throws {
        let (text, builder) = try built(#"health_score > 70 and entity_type = "student""#)
        #expect(text == "health_score > :v0 AND entity_type = :v1")
        #expect(builder.expressionAttributeNames == nil)
        #expect(builder.expressionAttributeValues == [":v0": F.number("70"), ":v1": .s("student")])
    }

    @Test func reservedWordsAreAlwaysPlaceholders() throws {
        let (text, builder) = try built(#"timestamp > 5 and TTL < 10 and Status = "ok""#)
        #expect(text == "#n0 > :v0 AND #n1 < :v1 AND #n2 = :v2")
        #expect(builder.expressionAttributeNames == ["#n0": "timestamp", "#n1": "TTL", "#n2": "Status"])
        #expect(builder.expressionAttributeValues == [":v0": F.number("5"), ":v1": F.number("10"), ":v2": .s("ok")])
    }

    @Test func aNameKeepsOnePlaceholder() throws {
        let (text, builder) = try built(#"status = "a" or status = "b" or info.status = "c""#)
        #expect(text == "#n0 = :v0 OR #n0 = :v1 OR info.#n0 = :v2")
        #expect(builder.expressionAttributeNames == ["#n0": "status"])
        // Names differing only in case are different attributes.
        let (other, otherBuilder) = try built(#"status = "a" and STATUS = "b""#)
        #expect(other == "#n0 = :v0 AND #n1 = :v1")
        #expect(otherBuilder.expressionAttributeNames == ["#n0": "status", "#n1": "STATUS"])
    }

    @Test func unusualNamesArePlaceholders() throws {
        var builder = F.builder()
        #expect(builder.path(DocumentPath([.name("my-attr")])) == "#n0")
        #expect(builder.path(DocumentPath([.name("a.b")])) == "#n1")
        #expect(builder.path(DocumentPath([.name("with space")])) == "#n2")
        #expect(builder.path(DocumentPath([.name("größe")])) == "#n3")
        #expect(builder.path(DocumentPath([.name("#x")])) == "#n4")
        #expect(builder.path(DocumentPath([.name("_private")])) == "#n5")
        #expect(builder.path(DocumentPath([.name("9lives")])) == "#n6")
        #expect(builder.path(DocumentPath([.name("")])) == "#n7")
        // `remove` is not a reserved word but is a keyword of update expressions.
        #expect(builder.path(DocumentPath([.name("remove")])) == "#n8")
        #expect(builder.path(DocumentPath([.name("x1_y2")])) == "x1_y2")
        #expect(builder.path(DocumentPath([.name("contains")])) == "contains")
        #expect(builder.expressionAttributeNames == [
            "#n0": "my-attr", "#n1": "a.b", "#n2": "with space", "#n3": "größe", "#n4": "#x", "#n5": "_private",
            "#n6": "9lives", "#n7": "", "#n8": "remove",
        ])
        #expect(builder.expressionAttributeValues == nil)
    }

    @Test func namesAreComparedAsBytes() {
        var builder = F.builder()
        // "é" precomposed and decomposed: equal Swift strings, different DynamoDB names.
        #expect(builder.path(DocumentPath([.name("caf\u{E9}")])) == "#n0")
        #expect(builder.path(DocumentPath([.name("cafe\u{301}")])) == "#n1")
        #expect(builder.expressionAttributeNames?.count == 2)
    }

    @Test func paths() throws {
        var builder = F.builder()
        #expect(builder.path("a.b.c") == "a.b.c")
        #expect(builder.path(DocumentPath([.name("a"), .index(0), .name("c"), .index(12), .index(3)])) == "a[0].c[12][3]")
        #expect(builder.path(DocumentPath([.name("info"), .name("status"), .index(2)])) == "info.#n0[2]")
        let (text, _) = try built("my-attr.items[1].ttl = 1")
        #expect(text == "#n0.#n1[1].#n2 = :v0")
    }

    // MARK: Conditions

    @Test func comparators() throws {
        for comparator in Comparator.allCases {
            let (text, _) = try built("a \(comparator.rawValue) 1")
            #expect(text == "a \(comparator.rawValue) :v0")
        }
        let (both, _) = try built("a < b")
        #expect(both == "a < b")
    }

    @Test func functionsAndSize() throws {
        let (text, builder) = try built(
            #"attribute_exists(a) and attribute_not_exists(status) and attribute_type(info, "M") and begins_with(name, "stu") and contains(tags, "red") and size(tags) > 2"#)
        #expect(text == "attribute_exists(a) AND attribute_not_exists(#n0) AND attribute_type(info, :v0) AND begins_with(#n1, :v1) AND contains(tags, :v2) AND size(tags) > :v3")
        #expect(builder.expressionAttributeNames == ["#n0": "status", "#n1": "name"])
        #expect(builder.expressionAttributeValues == [":v0": .s("M"), ":v1": .s("stu"), ":v2": .s("red"), ":v3": F.number("2")])
        let (sizes, _) = try built("size(a) = size(b)")
        #expect(sizes == "size(a) = size(b)")
    }

    @Test func attributeTypeNeedsATypeName() throws {
        for type in ["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"] {
            let (text, builder) = try built("attribute_type(a, \"\(type)\")")
            #expect(text == "attribute_type(a, :v0)")
            #expect(builder.expressionAttributeValues == [":v0": .s(type)])
        }
        #expect(throws: ShellError("attribute_type takes one of S, N, B, BOOL, NULL, L, M, SS, NS, BS; found \"X\"")) {
            _ = try built(#"attribute_type(a, "X")"#)
        }
        #expect(throws: ShellError("attribute_type takes one of S, N, B, BOOL, NULL, L, M, SS, NS, BS; found \"s\"")) {
            _ = try built(#"attribute_type(a, "s")"#)
        }
        #expect(throws: ShellError("attribute_type takes one of S, N, B, BOOL, NULL, L, M, SS, NS, BS; found 5 (N)")) {
            _ = try built("attribute_type(a, 5)")
        }
    }

    @Test func betweenAndIn() throws {
        let (between, builder) = try built("score between 10 and 20")
        #expect(between == "score BETWEEN :v0 AND :v1")
        #expect(builder.expressionAttributeValues == [":v0": F.number("10"), ":v1": F.number("20")])
        let (list, listBuilder) = try built(#"status in ("a", "b", 3)"#)
        #expect(list == "#n0 IN (:v0, :v1, :v2)")
        #expect(listBuilder.expressionAttributeValues == [":v0": .s("a"), ":v1": .s("b"), ":v2": F.number("3")])
        var builder2 = F.builder()
        #expect(throws: ShellError("in needs at least one value")) {
            _ = try builder2.condition(.in(.path("a"), []))
        }
    }

    @Test func everyNestedGroupIsParenthesised() throws {
        let cases: [(String, String)] = [
            ("a = 1 or b = 2 and c = 3", "a = :v0 OR (b = :v1 AND c = :v2)"),
            ("(a = 1 or b = 2) and c = 3", "(a = :v0 OR b = :v1) AND c = :v2"),
            ("a = 1 and (b = 2 and c = 3)", "a = :v0 AND (b = :v1 AND c = :v2)"),
            ("a = 1 and b = 2 and c = 3", "a = :v0 AND b = :v1 AND c = :v2"),
            ("not (a = 1 and b = 2)", "NOT (a = :v0 AND b = :v1)"),
            ("not a = 1", "NOT a = :v0"),
            ("not not attribute_exists(a)", "NOT NOT attribute_exists(a)"),
            ("(a = 1)", "a = :v0"),
            ("((a = 1 or b = 2))", "a = :v0 OR b = :v1"),
            ("not (a = 1) and b = 2", "NOT a = :v0 AND b = :v1"),
            ("(a = 1 and (b = 2 or (c = 3 and not d = 4)))", "a = :v0 AND (b = :v1 OR (c = :v2 AND NOT d = :v3))"),
        ]
        for (source, expected) in cases {
            let (text, _) = try built(source)
            #expect(text == expected, "\(source)")
        }
        // One-element groups (never produced by the parser) print their element.
        var builder = F.builder()
        #expect(try builder.condition(.and([.or([.attributeExists("a")])])) == "attribute_exists(a)")
        #expect(throws: ShellError.self) { _ = try builder.condition(.or([])) }
    }

    // MARK: Literals

    @Test func literalTypes() throws {
        let (text, builder) = try built(#"a = "x" and b = 1.50 and c = true and d = false and e = null and f = {"k": [1, "two"]} and g = [1, 2]"#)
        #expect(text == "a = :v0 AND b = :v1 AND c = :v2 AND d = :v3 AND e = :v4 AND f = :v5 AND g = :v6")
        #expect(builder.expressionAttributeValues == [
            ":v0": .s("x"), ":v1": F.number("1.5"), ":v2": .bool(true), ":v3": .bool(false), ":v4": .null,
            ":v5": .m(["k": .l([F.number("1"), .s("two")])]), ":v6": .l([F.number("1"), F.number("2")]),
        ])
    }

    @Test func numbersAreExact() throws {
        let value = try ExpressionBuilder.attributeValue(.number("12345678901234567890.123456789"), resolve: F.resolve)
        guard case .n(let number) = value else {
            Issue.record("expected a number, got \(value)")
            return
        }
        #expect(number.description == "12345678901234567890.123456789")
        let json = try ExpressionBuilder.attributeValue(.json(.array([.number("0.10000000000000000000000000000000000001")])), resolve: F.resolve)
        #expect(json == .l([F.number("0.10000000000000000000000000000000000001")]))
    }

    @Test func invalidNumbersAreNamed() {
        #expect(throws: ShellError("abc is not a number")) {
            _ = try ExpressionBuilder.attributeValue(.number("abc"), resolve: F.resolve)
        }
        #expect(throws: ShellError("1e999 is not a valid number: Number overflow. Attempting to store a number with magnitude larger than supported range")) {
            _ = try ExpressionBuilder.attributeValue(.number("1e999"), resolve: F.resolve)
        }
        #expect(throws: ShellError("123456789012345678901234567890123456789 is not a valid number: Attempting to store more than 38 significant digits in a Number")) {
            _ = try ExpressionBuilder.attributeValue(.number("123456789012345678901234567890123456789"), resolve: F.resolve)
        }
        #expect(throws: ShellError.self) {
            _ = try ExpressionBuilder.attributeValue(.json(.object(["n": .number("1e999")])), resolve: F.resolve)
        }
    }

    @Test func variables() throws {
        let resolve = F.resolve
        #expect(try ExpressionBuilder.attributeValue(.variable(.named("id", default: nil)), resolve: resolve) == .s("stu_1"))
        #expect(try ExpressionBuilder.attributeValue(.variable(.named("score", default: nil)), resolve: resolve) == F.number("70"))
        #expect(try ExpressionBuilder.attributeValue(.variable(.named("flag", default: nil)), resolve: resolve) == .bool(true))
        #expect(try ExpressionBuilder.attributeValue(.variable(.named("ids", default: nil)), resolve: resolve) == .l([.s("a"), .s("b")]))
        #expect(try ExpressionBuilder.attributeValue(.variable(.positional(1)), resolve: resolve) == .s("first"))
        let interpolated = ShellString(parts: [.text("stu_"), .variable(.named("score", default: nil)), .text("/"), .variable(.named("ids", default: nil))])
        #expect(try ExpressionBuilder.attributeValue(.string(interpolated), resolve: resolve) == .s("stu_70/[\"a\",\"b\"]"))
        #expect(try ExpressionBuilder.text(ShellString(parts: [.variable(.named("greeting", default: nil)), .text("!")]), resolve: resolve) == "hi stu_1!")
        #expect(try ExpressionBuilder.text(ShellString(parts: [.variable(.named("flag", default: nil))]), resolve: resolve) == "true")
        #expect(try ExpressionBuilder.text("plain", resolve: resolve) == "plain")
        #expect(throws: ShellError("$missing is not set")) {
            _ = try ExpressionBuilder.attributeValue(.variable(.named("missing", default: nil)), resolve: resolve)
        }
        #expect(throws: ShellError("$loop refers to itself")) {
            _ = try ExpressionBuilder.attributeValue(.variable(.named("loop", default: nil)), resolve: resolve)
        }
        #expect(throws: ShellError("$loop refers to itself")) {
            _ = try ExpressionBuilder.text(ShellString(parts: [.variable(.named("loop", default: nil))]), resolve: resolve)
        }

        let (text, builder) = try built(#"entity_id = $id and label = "item-$score""#)
        #expect(text == "entity_id = :v0 AND label = :v1")
        #expect(builder.expressionAttributeValues == [":v0": .s("stu_1"), ":v1": .s("item-70")])
        #expect(throws: ShellError("$missing is not set")) { _ = try built("a = $missing") }
    }

    // MARK: Typing against attribute definitions

    @Test func numberAgainstStringKeyBecomesString() throws {
        let (text, builder) = try built("entity_id = 123", types: F.metricsTypes)
        #expect(text == "entity_id = :v0")
        #expect(builder.expressionAttributeValues == [":v0": .s("123")])
        // The number's text is kept as written.
        let (_, written) = try built("entity_id = 007", types: F.metricsTypes)
        #expect(written.expressionAttributeValues == [":v0": .s("007")])
        // Either side.
        let (reversed, reversedBuilder) = try built("123 = entity_id", types: F.metricsTypes)
        #expect(reversed == ":v0 = entity_id")
        #expect(reversedBuilder.expressionAttributeValues == [":v0": .s("123")])
    }

    @Test func numericStringAgainstNumberKeyBecomesNumber() throws {
        let (text, builder) = try built(#"health_score < "70""#, types: F.metricsTypes)
        #expect(text == "health_score < :v0")
        #expect(builder.expressionAttributeValues == [":v0": F.number("70")])
        let (_, decimal) = try built(#"health_score >= "72.50""#, types: F.metricsTypes)
        #expect(decimal.expressionAttributeValues == [":v0": F.number("72.5")])
    }

    @Test func nonNumericStringAgainstNumberKeyIsAnError() {
        #expect(throws: ShellError("health_score is a Number; \"abc\" is not a number")) {
            _ = try built(#"health_score < "abc""#, types: F.metricsTypes)
        }
        #expect(throws: ShellError("health_score is a Number; \"\" is not a number")) {
            _ = try built(#"health_score = """#, types: F.metricsTypes)
        }
    }

    @Test func typingAppliesToBetweenInAndBeginsWith() throws {
        let (between, betweenBuilder) = try built(#"health_score between "10" and 20"#, types: F.metricsTypes)
        #expect(between == "health_score BETWEEN :v0 AND :v1")
        #expect(betweenBuilder.expressionAttributeValues == [":v0": F.number("10"), ":v1": F.number("20")])
        let (list, listBuilder) = try built(#"entity_id in (1, "b", 2.5)"#, types: F.metricsTypes)
        #expect(list == "entity_id IN (:v0, :v1, :v2)")
        #expect(listBuilder.expressionAttributeValues == [":v0": .s("1"), ":v1": .s("b"), ":v2": .s("2.5")])
        let (prefix, prefixBuilder) = try built("begins_with(entity_id, 12)", types: F.metricsTypes)
        #expect(prefix == "begins_with(entity_id, :v0)")
        #expect(prefixBuilder.expressionAttributeValues == [":v0": .s("12")])
        #expect(throws: ShellError("health_score is a Number; \"x\" is not a number")) {
            _ = try built(#"health_score in (1, "x")"#, types: F.metricsTypes)
        }
    }

    @Test func typingAppliesToVariablesOnceResolved() throws {
        let (_, builder) = try built("entity_id = $score and health_score = $n", types: F.metricsTypes)
        #expect(builder.expressionAttributeValues == [":v0": .s("70"), ":v1": F.number("42")])
        #expect(throws: ShellError("health_score is a Number; \"stu_1\" is not a number")) {
            _ = try built("health_score = $id", types: F.metricsTypes)
        }
    }

    @Test func unknownAndNestedAttributesKeepTheLiteralsType() throws {
        let (_, builder) = try built(#"other = 123 and other2 = "70" and info.entity_id = 5 and entity_type = true"#, types: F.metricsTypes)
        #expect(builder.expressionAttributeValues == [
            ":v0": F.number("123"), ":v1": .s("70"), ":v2": F.number("5"), ":v3": .bool(true),
        ])
        // Without attribute definitions nothing is retyped.
        let (_, untyped) = try built(#"entity_id = 123 and health_score = "abc""#)
        #expect(untyped.expressionAttributeValues == [":v0": F.number("123"), ":v1": .s("abc")])
        // size() is a number whatever the attribute's type.
        let (_, sized) = try built("size(entity_id) = 3", types: F.metricsTypes)
        #expect(sized.expressionAttributeValues == [":v0": F.number("3")])
    }

    // MARK: Projection

    @Test func projection() throws {
        var builder = F.builder()
        let text = builder.projection(try F.projection("a, status, b.c[1], ttl as expires, a as again"))
        #expect(text == "a, #n0, b.c[1], #n1")
        #expect(builder.expressionAttributeNames == ["#n0": "status", "#n1": "ttl"])
        #expect(builder.expressionAttributeValues == nil)
    }

    // MARK: Updates

    @Test func updateClausesInOrder() throws {
        var builder = F.builder()
        let text = try builder.update(try F.actions(#"delete t ["r"] add s ["p", "q"] remove c set a = a + 1, b = "x""#))
        #expect(text == "SET a = a + :v0, b = :v1 REMOVE c ADD s :v2 DELETE t :v3")
        #expect(builder.expressionAttributeNames == nil)
        #expect(builder.expressionAttributeValues == [
            ":v0": F.number("1"), ":v1": .s("x"), ":v2": .ss(["p", "q"]), ":v3": .ss(["r"]),
        ])
    }

    @Test func updateFunctionsAndArithmetic() throws {
        var builder = F.builder()
        let text = try builder.update(try F.actions("set n = if_not_exists(n, 0) + 1, l = list_append(l, [1, 2]), m = count - 2, status = {\"k\": 1}, ttl = x -3"))
        #expect(text == "SET n = if_not_exists(n, :v0) + :v1, l = list_append(l, :v2), m = #n0 - :v3, #n1 = :v4, #n2 = x - :v5")
        #expect(builder.expressionAttributeNames == ["#n0": "count", "#n1": "status", "#n2": "ttl"])
        #expect(builder.expressionAttributeValues == [
            ":v0": F.number("0"), ":v1": F.number("1"), ":v2": .l([F.number("1"), F.number("2")]), ":v3": F.number("2"),
            ":v4": .m(["k": F.number("1")]), ":v5": F.number("3"),
        ])
    }

    @Test func removeOnlyNeedsNoValues() throws {
        var builder = F.builder()
        #expect(try builder.update(try F.actions("remove a, timestamp, b[2]")) == "REMOVE a, #n0, b[2]")
        #expect(builder.expressionAttributeValues == nil)
        #expect(builder.expressionAttributeNames == ["#n0": "timestamp"])
        var empty = F.builder()
        #expect(throws: ShellError.self) { _ = try empty.update(UpdateActions()) }
    }

    @Test func addAndDeleteValues() throws {
        var builder = F.builder()
        let text = try builder.update(try F.actions(#"add visits 1, scores [1, 2.50], tags "solo", ids $ids delete gone [3], labels "x", nums 4"#))
        #expect(text == "ADD visits :v0, scores :v1, tags :v2, ids :v3 DELETE gone :v4, labels :v5, nums :v6")
        #expect(builder.expressionAttributeValues == [
            ":v0": F.number("1"), ":v1": .ns([F.decimal("1"), F.decimal("2.5")]), ":v2": .ss(["solo"]), ":v3": .ss(["a", "b"]),
            ":v4": .ns([F.decimal("3")]), ":v5": .ss(["x"]), ":v6": .ns([F.decimal("4")]),
        ])
    }

    @Test func setsCannotBeEmptyOrMixed() throws {
        #expect(throws: ShellError("add tags: a set cannot be empty; give at least one member")) {
            var builder = F.builder()
            _ = try builder.update(try F.actions("add tags []"))
        }
        #expect(throws: ShellError("delete tags: a set cannot be empty; give at least one member")) {
            var builder = F.builder()
            _ = try builder.update(try F.actions("delete tags []"))
        }
        #expect(throws: ShellError("add tags: a set holds strings or numbers, not both")) {
            var builder = F.builder()
            _ = try builder.update(try F.actions(#"add tags ["a", 1]"#))
        }
        #expect(throws: ShellError("add tags: a set holds strings or numbers, not boolean")) {
            var builder = F.builder()
            _ = try builder.update(try F.actions("add tags [true]"))
        }
        #expect(throws: ShellError("1e999 is not a valid number: Number overflow. Attempting to store a number with magnitude larger than supported range")) {
            var builder = F.builder()
            _ = try builder.update(try F.actions("add nums [1, 1e999]"))
        }
    }

    @Test func setTypesLiteralsAssignedToDefinedAttributes() throws {
        var builder = F.builder(types: F.metricsTypes)
        let text = try builder.update(try F.actions(#"set health_score = "70", entity_type = 5, extra = "70", health_score2 = if_not_exists(health_score, "1")"#))
        #expect(text == "SET health_score = :v0, entity_type = :v1, extra = :v2, health_score2 = if_not_exists(health_score, :v3)")
        #expect(builder.expressionAttributeValues == [
            ":v0": F.number("70"), ":v1": .s("5"), ":v2": .s("70"), ":v3": F.number("1"),
        ])
        #expect(throws: ShellError("health_score is a Number; \"high\" is not a number")) {
            var other = F.builder(types: F.metricsTypes)
            _ = try other.update(try F.actions(#"set health_score = "high""#))
        }
    }

    // MARK: Injection

    @Test func valuesCannotChangeTheExpression() throws {
        let hostile = ") OR attribute_exists(x"
        var builder = F.builder()
        let text = try builder.condition(.compare(.path("a"), .equal, .value(.string(ShellString(hostile)))))
        #expect(text == "a = :v0")
        #expect(builder.expressionAttributeValues == [":v0": .s(hostile)])

        let (parsed, parsedBuilder) = try built(#"status = ") OR attribute_exists(x" and note = ":v0 OR #n0""#)
        #expect(parsed == "#n0 = :v0 AND note = :v1")
        #expect(parsedBuilder.expressionAttributeValues == [":v0": .s(hostile), ":v1": .s(":v0 OR #n0")])

        var updates = F.builder()
        let update = try updates.update(UpdateActions(set: [SetAssignment("a", .term(.value(.string("x REMOVE b"))))]))
        #expect(update == "SET a = :v0")
        #expect(updates.expressionAttributeValues == [":v0": .s("x REMOVE b")])
    }

    @Test func namesCannotChangeTheExpression() throws {
        var builder = F.builder()
        let hostile = DocumentPath([.name("x = :v0 OR attribute_exists(y)")])
        let text = try builder.condition(.compare(.path(hostile), .equal, .value(.number("1"))))
        #expect(text == "#n0 = :v0")
        #expect(builder.expressionAttributeNames == ["#n0": "x = :v0 OR attribute_exists(y)"])
        #expect(builder.projection([ProjectionItem(DocumentPath([.name("a, b")]))]) == "#n1")
    }

    // MARK: One request, several expressions

    @Test func placeholdersNumberOnAcrossExpressions() throws {
        var builder = F.builder(types: F.metricsTypes)
        let key = try builder.condition(try F.keyCondition(#"entity_type = "student" and health_score < "80""#))
        let filter = try builder.condition(try F.filter(#"status = "active" and ttl > 5"#))
        let projection = builder.projection(try F.projection("entity_id, status, ttl"))
        #expect(key == "entity_type = :v0 AND health_score < :v1")
        #expect(filter == "#n0 = :v2 AND #n1 > :v3")
        #expect(projection == "entity_id, #n0, #n1")
        #expect(builder.expressionAttributeNames == ["#n0": "status", "#n1": "ttl"])
        #expect(builder.expressionAttributeValues == [
            ":v0": .s("student"), ":v1": F.number("80"), ":v2": .s("active"), ":v3": F.number("5"),
        ])
    }

    @Test func noMapsWhenNothingNeedsThem() throws {
        let (text, builder) = try built("attribute_exists(a) and not attribute_not_exists(b.c)")
        #expect(text == "attribute_exists(a) AND NOT attribute_not_exists(b.c)")
        #expect(builder.expressionAttributeNames == nil)
        #expect(builder.expressionAttributeValues == nil)
    }
}

import DynamoExpressions
import DynamoModel
import Testing

@Suite("Projection expressions")
struct ProjectionTests {
    let item: Item = [
        "p": s("key"),
        "a": .m(["b": .l([n(2), n(4), .m(["x": s("hi"), "y": s("yo")])]), "c": n(5)]),
        "b": s("hello"),
        "a.b": s("dotted"),
    ]

    @Test func topLevelAttributes() throws {
        #expect(try project("p, b", item) == ["p": s("key"), "b": s("hello")])
        #expect(try project("nonexistent", item) == [:])
        #expect(try project("a", item) == ["a": item["a"] ?? .null])
        #expect(try project("#n", item, names: ["#n": "a.b"]) == ["a.b": s("dotted")])
    }

    @Test func nestedPathsKeepTheDocumentShape() throws {
        #expect(try project("a.b", item) == ["a": .m(["b": .l([n(2), n(4), .m(["x": s("hi"), "y": s("yo")])])])])
        #expect(try project("a.b[0]", item) == ["a": .m(["b": .l([n(2)])])])
        #expect(try project("a.b[2].y", item) == ["a": .m(["b": .l([.m(["y": s("yo")])])])])
        #expect(try project("a.b[0],a.b[1]", item) == ["a": .m(["b": .l([n(2), n(4)])])])
        // List elements close up in index order, whatever the order written.
        #expect(try project("a.b[2].x, a.b[0]", item) == ["a": .m(["b": .l([n(2), .m(["x": s("hi")])])])])
        #expect(try project("a.b[0],a.c", item) == ["a": .m(["b": .l([n(2)]), "c": n(5)])])
        #expect(try project("a.c,b", item) == ["a": .m(["c": n(5)]), "b": s("hello")])
        #expect(try project("#a.#b[1]", item, names: ["#a": "a", "#b": "b"]) == ["a": .m(["b": .l([n(4)])])])
    }

    @Test func pathsThatLeadNowhereAreLeftOut() throws {
        for text in ["x", "a.b[3]", "a.x", "a.x.y", "a.b[3].x", "a.b.x", "a[0]", "a.b[0].x", "a.b[0][0]", "b.c", "b[0]"] {
            #expect(try project(text, item) == [:], "\(text)")
        }
        #expect(try project("a.x, a.b[0], x, a.b[3].x", item) == ["a": .m(["b": .l([n(2)])])])
    }

    @Test func overlapsAndConflicts() {
        for text in ["a, a", "a.b, a.b", "a[1], a[1]", "a, a.b", "a.b, a", "a.b, a.b[2]", "a.b, a.b.c", "a, a.b[2].c", "a.b.d.e, a.b"] {
            expectValidation(containing: "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths;") {
                _ = try project(text, item)
            }
        }
        expectValidation("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b, [0]], path two: [a, b, [0]]") {
            _ = try project("a.b[0],a.b[0]", item)
        }
        expectValidation("Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]") {
            _ = try project("a.b, a[1]", item)
        }
        for text in ["a, b", "a.b, a.c", "a.b.d, a.b.e", "a[1], a[2]", "a.b, a.c[2]"] {
            #expect(throws: Never.self) { _ = try project(text, item) }
        }
    }

    @Test func errors() {
        expectValidation("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name") {
            _ = try project("a, name", item)
        }
        expectValidation("Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #n2") {
            _ = try project("a.#n2", item, names: ["#wrong": "b"])
        }
        expectValidation("Invalid ProjectionExpression: The expression can not be empty;") {
            _ = try project("", item)
        }
        for text in ["a,", ",a", "a b", "(a)", "a.", "a[", "a[x]", "a[-1]", ":v", "size(a)"] {
            expectValidation(containing: "Invalid ProjectionExpression: Syntax error; token:") {
                _ = try project(text, item)
            }
        }
    }

    @Test func topLevelNames() throws {
        var attributes = ExpressionAttributes(names: ["#x": "ex"], values: nil)
        let projection = try ProjectionExpression.parse("a.b, #x[1], c", attributes: &attributes)
        #expect(projection.topLevelNames == ["a", "ex", "c"])
        #expect(projection.paths.map(\.description) == ["a.b", "ex[1]", "c"])
    }
}

@Suite("Key conditions")
struct KeyConditionTests {
    @Test func partitionOnly() throws {
        let condition = try keyCondition(" pk  =   :p ", values: [":p": s("x")])
        #expect(condition.partitionKeyName == "pk")
        #expect(condition.partitionKeyValue == s("x"))
        #expect(condition.sortKeyName == nil)
        #expect(condition.sortCondition == nil)
        #expect(condition.matches(["pk": s("x"), "sk": n(1)]))
        #expect(!condition.matches(["pk": s("y")]))
    }

    @Test func sortKeyForms() throws {
        let values: [String: AttributeValue] = [":p": s("x"), ":a": n(3), ":b": n(7), ":s": s("ab")]
        let cases: [(String, KeyCondition.SortCondition)] = [
            ("pk = :p AND sk = :a", .equal(n(3))),
            ("pk = :p AND sk < :a", .less(n(3))),
            ("pk = :p AND sk <= :a", .lessOrEqual(n(3))),
            ("pk = :p AND sk > :a", .greater(n(3))),
            ("pk = :p AND sk >= :a", .greaterOrEqual(n(3))),
            ("pk = :p AND sk BETWEEN :a AND :b", .between(n(3), n(7))),
            ("pk = :p AND begins_with(sk, :s)", .beginsWith(s("ab"))),
            // The value may come first: the operator turns around.
            (":p = pk AND :a < sk", .greater(n(3))),
            (":a >= sk AND :p = pk", .lessOrEqual(n(3))),
            ("((sk = :a) AND (pk = :p))", .equal(n(3))),
            ("pk = :p aNd sk bEtWeEn :a AnD :b", .between(n(3), n(7))),
        ]
        for (text, expected) in cases {
            var attributes = ExpressionAttributes(names: nil, values: values)
            let condition = try KeyCondition.parse(text, partitionKey: "pk", sortKey: "sk", attributes: &attributes)
            #expect(condition.partitionKeyValue == s("x"), "\(text)")
            #expect(condition.sortKeyName == "sk", "\(text)")
            #expect(condition.sortCondition == expected, "\(text)")
        }
        let placeholders = try keyCondition("#a = :p AND #b < :a", names: ["#a": "pk", "#b": "sk"], values: values)
        #expect(placeholders.sortCondition == .less(n(3)))
    }

    @Test func sortConditionMatching() {
        #expect(KeyCondition.SortCondition.less(n(3)).matches(n(2)))
        #expect(!KeyCondition.SortCondition.less(n(3)).matches(s("2")))
        #expect(KeyCondition.SortCondition.between(s("a"), s("c")).matches(s("b")))
        #expect(KeyCondition.SortCondition.between(b(0x7F), b(0x80)).matches(b(0x80)))
        #expect(KeyCondition.SortCondition.beginsWith(s("ab")).matches(s("abc")))
        #expect(!KeyCondition.SortCondition.beginsWith(s("ab")).matches(s("a")))
        #expect(KeyCondition.SortCondition.greaterOrEqual(s("é")).matches(s("é")))
        #expect(!KeyCondition.SortCondition.greaterOrEqual(s("\u{E9}")).matches(s("e\u{301}")))
        let condition = KeyCondition(partitionKeyName: "pk", partitionKeyValue: s("x"), sortKeyName: "sk", sortCondition: .greater(n(1)))
        #expect(condition.matches(["pk": s("x"), "sk": n(2)]))
        #expect(!condition.matches(["pk": s("x")]))
    }

    @Test func schemaErrors() {
        let values: [String: AttributeValue] = [":p": s("x"), ":a": n(3), ":c": n(1)]
        expectValidation("Query condition missed key schema element: pk") {
            _ = try keyCondition("sk = :a", values: values)
        }
        expectValidation("Query key condition not supported") {
            _ = try keyCondition("pk < :p", values: values)
        }
        expectValidation("Query key condition not supported") {
            _ = try keyCondition("begins_with(pk, :p)", values: values)
        }
        expectValidation("Query condition missed key schema element: sk") {
            _ = try keyCondition("pk = :p AND gone < :a", values: values)
        }
        expectValidation("Query key condition not supported") {
            _ = try keyCondition("pk = :p AND gone < :a", sortKey: nil, values: values)
        }
        expectValidation("Conditions can be of length 1 or 2 only") {
            _ = try keyCondition("pk = :p AND sk < :a AND c < :c", values: values)
        }
        expectValidation("KeyConditionExpressions must only contain one condition per key") {
            _ = try keyCondition("pk = :p AND pk = :p", values: values)
        }
        expectValidation("KeyConditionExpressions must only contain one condition per key") {
            _ = try keyCondition("pk = :p AND sk >= :a AND sk <= :c", values: values)
        }
    }

    @Test func operatorErrors() {
        let values: [String: AttributeValue] = [":p": s("x"), ":a": n(3), ":s": s("a")]
        expectValidation("Invalid operator used in KeyConditionExpression: OR") {
            _ = try keyCondition("sk = :a OR pk = :p", values: values)
        }
        expectValidation("Invalid operator used in KeyConditionExpression: NOT") {
            _ = try keyCondition("NOT sk = :a AND pk = :p", values: values)
        }
        expectValidation("Invalid operator used in KeyConditionExpression: <>") {
            _ = try keyCondition("pk = :p AND sk <> :a", values: values)
        }
        expectValidation("Invalid operator used in KeyConditionExpression: IN") {
            _ = try keyCondition("pk = :p AND sk IN (:a)", values: values)
        }
        expectValidation("Invalid operator used in KeyConditionExpression: attribute_exists") {
            _ = try keyCondition("pk = :p AND attribute_exists(sk)", values: values)
        }
        expectValidation("Invalid operator used in KeyConditionExpression: contains") {
            _ = try keyCondition("pk = :p AND contains(sk, :s)", values: values)
        }
        expectValidation("Invalid KeyConditionExpression: Invalid function name; function: dog") {
            _ = try keyCondition("pk = :p AND dog(sk, :a)", values: values)
        }
        expectValidation("Invalid KeyConditionExpression: Invalid function name; function: BEGINS_WITH") {
            _ = try keyCondition("pk = :p AND BEGINS_WITH(sk, :s)", values: values)
        }
        expectValidation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N") {
            _ = try keyCondition("pk = :p AND begins_with(sk, :a)", values: values)
        }
        expectValidation("KeyConditionExpressions cannot have conditions on nested attributes") {
            _ = try keyCondition("pk = :p AND sk.b < :a", values: values)
        }
        expectValidation("KeyConditionExpressions cannot contain nested operations") {
            _ = try keyCondition("pk = :p AND size(sk) < :a", values: values)
        }
        expectValidation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition") {
            _ = try keyCondition("pk = sk")
        }
        expectValidation("Invalid condition in KeyConditionExpression: No key attribute specified") {
            _ = try keyCondition(":p = :a", values: values)
        }
        expectValidation("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand") {
            _ = try keyCondition("pk = :p AND :a BETWEEN sk AND :a", values: values)
        }
        expectValidation(containing: "Invalid KeyConditionExpression: Syntax error") {
            _ = try keyCondition("pk = :p AND sk != :a", values: values)
        }
        for text in ["pk", ":p"] {
            expectValidation(containing: "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\"") {
                _ = try keyCondition(text, values: values)
            }
        }
        expectValidation("Invalid KeyConditionExpression: The expression can not be empty;") {
            _ = try keyCondition("", values: values)
        }
        expectValidation("Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :p") {
            _ = try keyCondition("pk = :p")
        }
        expectValidation("Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: key") {
            _ = try keyCondition("key = :p", partitionKey: "key", values: values)
        }
    }
}

import DynamoExpressions
import DynamoModel
import Testing

@Suite("Condition validation errors")
struct ConditionErrorTests {
    @Test func emptyExpression() {
        expectValidation("Invalid ConditionExpression: The expression can not be empty;") {
            _ = try condition("")
        }
        expectValidation("Invalid FilterExpression: The expression can not be empty;") {
            _ = try condition("  \n\t ", kind: "FilterExpression")
        }
    }

    @Test func reservedWords() {
        expectValidation("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: timestamp") {
            _ = try condition("timestamp > :v", values: [":v": n(1)])
        }
        expectValidation("Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: Status") {
            _ = try condition("a.Status = :v", values: [":v": n(1)], kind: "FilterExpression")
        }
        // size is reserved as a name but fine as a function.
        #expect(holds("size(a) = :v", ["a": s("x")], values: [":v": n(1)]))
        // The reserved word is reported before an undefined placeholder.
        expectValidation("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: ttl") {
            _ = try condition("#x = :v AND ttl = :w")
        }
    }

    @Test func undefinedPlaceholders() {
        expectValidation("Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x") {
            _ = try condition("#x = :v", values: [":v": n(1)])
        }
        expectValidation("Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x") {
            _ = try condition("a = :x", values: [":v": n(1)])
        }
        expectValidation("Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x") {
            _ = try condition("a = :x AND #y = :v", values: [":v": n(1)])
        }
    }

    @Test func syntaxErrors() {
        expectValidation("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"foo\"") {
            _ = try condition("foo")
        }
        expectValidation("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"") {
            _ = try condition("a =")
        }
        expectValidation("Invalid ConditionExpression: Syntax error; token: \"!\", near: \"a !=\"") {
            _ = try condition("a != :v", values: [":v": n(1)])
        }
        // `==` is not a token: the second `=` is reported.
        expectValidation("Invalid FilterExpression: Syntax error; token: \"=\", near: \"== :v\"") {
            _ = try condition("a == :v", values: [":v": n(1)], kind: "FilterExpression")
        }
        expectValidation(containing: "Syntax error; token: \")\", near: \"( )\"") {
            _ = try condition("a IN ( )")
        }
        expectValidation(containing: "Syntax error; token: \"<\"") {
            _ = try condition("a < b < c")
        }
        expectValidation(containing: "Syntax error; token: \"AND\"") {
            _ = try condition("a AND b = :v", values: [":v": n(1)])
        }
        expectValidation(containing: "Syntax error") {
            _ = try condition("(a = :v) = :v", values: [":v": n(1)])
        }
        expectValidation(containing: "Syntax error") {
            _ = try condition("a[:v] = :v", values: [":v": n(1)])
        }
        expectValidation(containing: "Syntax error") {
            _ = try condition("a.1 = :v", values: [":v": n(1)])
        }
        expectValidation(containing: "Syntax error") {
            _ = try condition("a BETWEEN :v", values: [":v": n(1)])
        }
        expectValidation(containing: "Syntax error") {
            _ = try condition("NOT a", values: [":v": n(1)])
        }
        expectValidation(containing: "Syntax error") {
            _ = try condition("(NOT a)")
        }
        expectValidation(containing: "Syntax error") {
            _ = try condition("a = :v)", values: [":v": n(1)])
        }
        expectValidation(containing: "Syntax error") {
            _ = try condition("begins_with(a, :v", values: [":v": s("x")])
        }
        expectValidation(containing: "Syntax error") {
            _ = try condition("contains((a = :v), :v)", values: [":v": s("x")])
        }
    }

    @Test func syntaxErrorFormatMatchesDynamoDB() {
        // The offending token, and the text from the token before it to the token after it.
        expectValidation("Invalid ConditionExpression: Syntax error; token: \"b\", near: \":v b =\"") {
            _ = try condition("a = :v b = :w", values: [":v": n(1), ":w": n(2)])
        }
    }

    /// Names must be letters, digits and `_`, starting with a letter; others need placeholders.
    @Test func invalidBareNames() {
        for text in ["_a = :v", "1a = :v", "a-b = :v", "a$b = :v", "\"a\" = :v", "é = :v", "a b = :v", "# = :v", "a = :"] {
            expectValidation(containing: "Invalid ConditionExpression: Syntax error; token:") {
                _ = try condition(text, names: ["#a": "x"], values: [":v": n(1)])
            }
        }
        #expect(holds("A_1b = :v", ["A_1b": n(1)], values: [":v": n(1)]))
        #expect(holds("#_ = :_", ["-": n(1)], names: ["#_": "-"], values: [":_": n(1)]))
        #expect(holds("#1 = :2", ["x": n(1)], names: ["#1": "x"], values: [":2": n(1)]))
    }

    @Test func functionErrors() {
        expectValidation("Invalid ConditionExpression: Invalid function name; function: dog") {
            _ = try condition("dog(a) = :v", values: [":v": n(1)])
        }
        expectValidation("Invalid ConditionExpression: Invalid function name; function: dog") {
            _ = try condition("dog(a)")
        }
        expectValidation("Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size") {
            _ = try condition("size(a)")
        }
        expectValidation("Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists") {
            _ = try condition("attribute_exists(a) < :v", values: [":v": n(1)])
        }
        expectValidation("Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: contains") {
            _ = try condition("begins_with(contains(a, :v), :v)", values: [":v": s("x")])
        }
        expectValidation(containing: "not allowed") {
            _ = try condition("if_not_exists(a, a) = :v", values: [":v": n(1)])
        }
        expectValidation(containing: "not allowed") {
            _ = try condition("list_append(a, b) = :v", values: [":v": n(1)])
        }
        expectValidation("Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2") {
            _ = try condition("attribute_exists(a, b)")
        }
        expectValidation("Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: size, number of operands: 2") {
            _ = try condition("size(a, a) = :v", values: [":v": n(1)])
        }
        expectValidation("Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists") {
            _ = try condition("attribute_exists(:v)", values: [":v": n(1)])
        }
        expectValidation("Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_not_exists") {
            _ = try condition("attribute_not_exists(size(a))")
        }
        expectValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N") {
            _ = try condition("begins_with(a, :v)", values: [":v": n(1)])
        }
        expectValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N") {
            _ = try condition("size(:v) = :v", values: [":v": n(1)])
        }
        expectValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N") {
            _ = try condition("size(size(a)) = :v", values: [":v": n(1)])
        }
    }

    @Test func attributeTypeValidation() {
        expectValidation("Invalid ConditionExpression: Invalid attribute type name found; type: DOG, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}") {
            _ = try condition("attribute_type(a, :t)", values: [":t": s("DOG")])
        }
        expectValidation("Invalid ConditionExpression: Invalid attribute type name found; type: s, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}") {
            _ = try condition("attribute_type(a, :t)", values: [":t": s("s")])
        }
        expectValidation(containing: "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N") {
            _ = try condition("attribute_type(a, :t)", values: [":t": n(1)])
        }
        expectValidation(containing: "operator or function: attribute_type") {
            _ = try condition("attribute_type(a, b)")
        }
    }

    @Test func orderingOperandsMustBeScalarConstants() {
        expectValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: L") {
            _ = try condition("a < :v", values: [":v": .l([n(1)])])
        }
        expectValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: >=, operand type: BOOL") {
            _ = try condition(":v >= a", values: [":v": .bool(true)])
        }
        expectValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: SS") {
            _ = try condition("a BETWEEN :x AND :y", values: [":x": .ss(["a"]), ":y": .ss(["b"])])
        }
        // = and <> accept every type.
        #expect(holds("a = :v", ["a": .l([n(1)])], values: [":v": .l([n(1)])]))
    }

    @Test func betweenBounds() {
        expectValidation("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}") {
            _ = try condition("a BETWEEN :x AND :y", values: [":x": n(2), ":y": n(1)])
        }
        expectValidation("Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {S:dog}") {
            _ = try condition("a BETWEEN :x AND :y", values: [":x": n(2), ":y": s("dog")])
        }
        expectValidation(containing: "lower bound operand: AttributeValue: {B:AQI=}") {
            _ = try condition("a BETWEEN :x AND :y", values: [":x": b(1, 2), ":y": b(1)])
        }
    }

    @Test func distinctOperands() {
        expectValidation("Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a, b, [0]]") {
            _ = try condition("a.b[0] = a.b[0]")
        }
        expectValidation("Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [data]") {
            _ = try condition("contains(#a, #a)", names: ["#a": "data"])
        }
        #expect(holds("a = #b", ["a": n(1), "b": n(1)], names: ["#b": "b"]))
    }

    @Test func redundantParentheses() {
        expectValidation("Invalid ConditionExpression: The expression has redundant parentheses;") {
            _ = try condition("((a = :v))", values: [":v": n(1)])
        }
        expectValidation("Invalid ConditionExpression: The expression has redundant parentheses;") {
            _ = try condition("a = ((:v))", values: [":v": n(1)])
        }
        #expect(holds("(a = :v) AND ((a = :v) OR a = :v)", ["a": n(1)], values: [":v": n(1)]))
    }

    @Test func inOperandLimit() {
        var values: [String: AttributeValue] = [:]
        for index in 0..<100 { values[":v\(index)"] = n(index) }
        let list = (0..<100).map { ":v\($0)" }.joined(separator: ",")
        expectValidation("Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: IN, number of operands: 101") {
            _ = try condition("a IN (\(list))", values: values)
        }
    }

    @Test func expressionSizeLimit() throws {
        // 4 KB is accepted, one byte more is not.
        let padding = String(repeating: " ", count: 4096 - 5)
        _ = try condition("a = b" + padding)
        expectValidation("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097") {
            _ = try condition("a = b" + padding + " ")
        }
        expectValidation("Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;") {
            _ = try update("SET a = b" + String(repeating: " ", count: 5000), [:])
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for count in [65, 1000, 2000, 100_000] {
            let text = String(repeating: "(", count: count) + "a = b" + String(repeating: ")", count: count)
            expectValidation(containing: "Invalid ConditionExpression:") { _ = try condition(text) }
            let nots = String(repeating: "NOT ", count: count) + "a = b"
            expectValidation(containing: "Invalid ConditionExpression:") { _ = try condition(nots) }
            let calls = String(repeating: "size(", count: count) + "a" + String(repeating: ")", count: count) + " = b"
            expectValidation(containing: "Invalid ConditionExpression:") { _ = try condition(calls) }
            expectValidation(containing: "Invalid UpdateExpression:") {
                _ = try update("SET a = " + String(repeating: "(", count: count) + "b" + String(repeating: ")", count: count), [:])
            }
        }
        // Moderate nesting is fine.
        let text = "(a = b AND (a = b OR (a = b AND (a = b))))"
        #expect(holds(text, ["a": n(1), "b": n(1)]))
    }
}

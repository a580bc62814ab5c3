import DynamoExpressions
import DynamoModel
import Testing

func s(_ string: String) -> AttributeValue { .s(string) }

func n(_ text: String) -> AttributeValue {
    // Test literals are always valid numbers.
    (try? DynamoNumber(text)).map(AttributeValue.n) ?? .null
}

func n(_ value: Int) -> AttributeValue { .n(DynamoNumber(value)) }

func ns(_ values: Int...) -> AttributeValue { .ns(values.map { DynamoNumber($0) }) }

func b(_ bytes: UInt8...) -> AttributeValue { .b(bytes) }

/// Parses a condition with the given placeholders.
func condition(
    _ text: String, names: [String: String]? = nil, values: [String: AttributeValue]? = nil,
    kind: String = "ConditionExpression"
) throws(DynamoError) -> ConditionExpression {
    var attributes = ExpressionAttributes(names: names, values: values)
    return try ConditionExpression.parse(text, kind: kind, attributes: &attributes)
}

/// Evaluates `text` against `item`.
func holds(
    _ text: String, _ item: Item, names: [String: String]? = nil, values: [String: AttributeValue]? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    do {
        return try condition(text, names: names, values: values).evaluate(item)
    } catch {
        Issue.record("unexpected error for \(text): \(error)", sourceLocation: sourceLocation)
        return false
    }
}

func update(
    _ text: String, _ item: Item, names: [String: String]? = nil, values: [String: AttributeValue]? = nil
) throws(DynamoError) -> Item {
    var attributes = ExpressionAttributes(names: names, values: values)
    let expression = try UpdateExpression.parse(text, attributes: &attributes)
    return try expression.apply(to: item)
}

func project(_ text: String, _ item: Item, names: [String: String]? = nil) throws(DynamoError) -> Item {
    var attributes = ExpressionAttributes(names: names, values: nil)
    return try ProjectionExpression.parse(text, attributes: &attributes).project(item)
}

func keyCondition(
    _ text: String, partitionKey: String = "pk", sortKey: String? = "sk",
    names: [String: String]? = nil, values: [String: AttributeValue]? = nil
) throws(DynamoError) -> KeyCondition {
    var attributes = ExpressionAttributes(names: names, values: values)
    return try KeyCondition.parse(text, partitionKey: partitionKey, sortKey: sortKey, attributes: &attributes)
}

/// Expects `body` to throw a ValidationException with exactly `message`.
func expectValidation(
    _ message: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected error: \(message)", sourceLocation: sourceLocation)
    } catch let error as DynamoError {
        #expect(error.code == .validation, sourceLocation: sourceLocation)
        #expect(error.message == message, sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
    }
}

/// Expects `body` to throw a ValidationException whose message contains `fragment`.
func expectValidation(
    containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected error containing: \(fragment)", sourceLocation: sourceLocation)
    } catch let error as DynamoError {
        #expect(error.code == .validation, sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "message: \(error.message)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
    }
}

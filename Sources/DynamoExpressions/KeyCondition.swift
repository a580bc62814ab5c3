import DynamoModel

/// A parsed `KeyConditionExpression`, checked against the key schema of the table or index
/// queried: an equality on the partition key, and optionally one condition on the sort key.
public struct KeyCondition: Sendable {
    public enum SortCondition: Sendable, Equatable {
        case equal(AttributeValue)
        case less(AttributeValue)
        case lessOrEqual(AttributeValue)
        case greater(AttributeValue)
        case greaterOrEqual(AttributeValue)
        case between(AttributeValue, AttributeValue)
        case beginsWith(AttributeValue)

        /// Whether a sort key value satisfies the condition (same type required; strings and
        /// binaries in byte order, numbers by value).
        public func matches(_ value: AttributeValue) -> Bool {
            let resolved = Resolved.value(value)
            switch self {
            case .equal(let bound): return CompiledCondition.equal(resolved, .value(bound)) ?? false
            case .less(let bound): return (CompiledCondition.order(resolved, .value(bound)) ?? 0) < 0
            case .lessOrEqual(let bound):
                guard let order = CompiledCondition.order(resolved, .value(bound)) else { return false }
                return order <= 0
            case .greater(let bound): return (CompiledCondition.order(resolved, .value(bound)) ?? 0) > 0
            case .greaterOrEqual(let bound):
                guard let order = CompiledCondition.order(resolved, .value(bound)) else { return false }
                return order >= 0
            case .between(let low, let high):
                guard let lower = CompiledCondition.order(.value(low), resolved), lower <= 0,
                      let upper = CompiledCondition.order(resolved, .value(high)), upper <= 0 else { return false }
                return true
            case .beginsWith(let prefix):
                switch (value, prefix) {
                case (.s(let string), .s(let start)): return Values.hasPrefix(string.utf8, start.utf8)
                case (.b(let bytes), .b(let start)): return Values.hasPrefix(bytes, start)
                default: return false
                }
            }
        }
    }

    public var partitionKeyName: String
    public var partitionKeyValue: AttributeValue
    public var sortKeyName: String?
    public var sortCondition: SortCondition?

    public init(partitionKeyName: String, partitionKeyValue: AttributeValue, sortKeyName: String? = nil, sortCondition: SortCondition? = nil) {
        self.partitionKeyName = partitionKeyName
        self.partitionKeyValue = partitionKeyValue
        self.sortKeyName = sortKeyName
        self.sortCondition = sortCondition
    }

    /// Parses `text` with the condition grammar, then checks it against the key schema
    /// (`partitionKey`, `sortKey`): the partition key must be compared with `=`; only the sort
    /// key may take `<`, `<=`, `>`, `>=`, `BETWEEN` or `begins_with`. Errors are DynamoDB's:
    /// `Query condition missed key schema element: x`, `Query key condition not supported`,
    /// `Invalid operator used in KeyConditionExpression: OR`, …
    public static func parse(
        _ text: String, partitionKey: String, sortKey: String?, attributes: inout ExpressionAttributes
    ) throws(DynamoError) -> KeyCondition {
        var parser = try Parser(text: text, kind: "KeyConditionExpression", keywords: Parser.conditionKeywords, attributes: attributes)
        let node = try parser.parseConditionRoot()
        _ = parser.compileCondition(node)
        try parser.throwDiagnostics(Parser.conditionDiagnosticOrder)

        var conditions: [(name: String, condition: SortCondition)] = []
        try collect(node, into: &conditions)

        guard conditions.count <= 2 else {
            throw .validation("Conditions can be of length 1 or 2 only")
        }
        guard let partition = conditions.first(where: { $0.name == partitionKey }) else {
            throw .validation("Query condition missed key schema element: \(partitionKey)")
        }
        guard case .equal(let partitionValue) = partition.condition else {
            throw .validation("Query key condition not supported")
        }
        var result = KeyCondition(partitionKeyName: partitionKey, partitionKeyValue: partitionValue)
        for entry in conditions where entry.name != partitionKey {
            guard let sortKey else { throw .validation("Query key condition not supported") }
            guard entry.name == sortKey else {
                throw .validation("Query condition missed key schema element: \(sortKey)")
            }
            result.sortKeyName = sortKey
            result.sortCondition = entry.condition
        }
        attributes = parser.attributes
        return result
    }

    /// Whether `item` has the partition key value and satisfies the sort key condition.
    public func matches(_ item: Item) -> Bool {
        guard let partition = item[partitionKeyName], partition == partitionKeyValue else { return false }
        guard let sortKeyName, let sortCondition else { return true }
        guard let sort = item[sortKeyName] else { return false }
        return sortCondition.matches(sort)
    }

    // MARK: Shape checks

    private static func invalidOperator(_ name: String) -> DynamoError {
        .validation("Invalid operator used in KeyConditionExpression: \(name)")
    }

    private static func collect(_ node: ConditionNode, into conditions: inout [(name: String, condition: SortCondition)]) throws(DynamoError) {
        switch node.unwrapped {
        case .and(let items):
            for item in items { try collect(item, into: &conditions) }
        case .or: throw invalidOperator("OR")
        case .not: throw invalidOperator("NOT")
        case .inList: throw invalidOperator("IN")
        case .compare(.notEqual, _, _): throw invalidOperator("<>")
        case .compare(let comparator, let left, let right):
            let (name, value, keyOnLeft) = try keyAndValue(left, right)
            let condition: SortCondition
            switch (comparator, keyOnLeft) {
            case (.equal, _): condition = .equal(value)
            case (.less, true), (.greater, false): condition = .less(value)
            case (.lessOrEqual, true), (.greaterOrEqual, false): condition = .lessOrEqual(value)
            case (.greater, true), (.less, false): condition = .greater(value)
            default: condition = .greaterOrEqual(value)
            }
            try add(name, condition, to: &conditions)
        case .between(let key, let low, let high):
            guard let name = try keyName(key) else {
                throw .validation("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand")
            }
            let lower = try constant(low)
            let upper = try constant(high)
            try add(name, .between(lower, upper), to: &conditions)
        case .call(let function, let arguments):
            if function == "size" {
                throw .validation("KeyConditionExpressions cannot contain nested operations")
            }
            guard function == "begins_with", arguments.count == 2 else { throw invalidOperator(function) }
            guard let name = try keyName(arguments[0]) else {
                throw .validation("Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand")
            }
            try add(name, .beginsWith(try constant(arguments[1])), to: &conditions)
        case .path, .value, .parenthesized:
            throw .validation("Invalid condition in KeyConditionExpression: No key attribute specified")
        }
    }

    private static func add(_ name: String, _ condition: SortCondition, to conditions: inout [(name: String, condition: SortCondition)]) throws(DynamoError) {
        if conditions.contains(where: { $0.name == name }) {
            throw .validation("KeyConditionExpressions must only contain one condition per key")
        }
        conditions.append((name, condition))
    }

    /// The attribute name when `node` is a top-level path; nil for a constant.
    private static func keyName(_ node: ConditionNode) throws(DynamoError) -> String? {
        switch node.unwrapped {
        case .path(let path):
            guard path.elements.count == 1, case .name(let name) = path.elements[0] else {
                throw .validation("KeyConditionExpressions cannot have conditions on nested attributes")
            }
            return name
        case .call:
            throw .validation("KeyConditionExpressions cannot contain nested operations")
        default:
            return nil
        }
    }

    private static func constant(_ node: ConditionNode) throws(DynamoError) -> AttributeValue {
        switch node.unwrapped {
        case .value(let value): return value
        case .path: throw .validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition")
        default: throw .validation("KeyConditionExpressions cannot contain nested operations")
        }
    }

    private static func keyAndValue(_ left: ConditionNode, _ right: ConditionNode) throws(DynamoError) -> (String, AttributeValue, Bool) {
        let leftName = try keyName(left)
        let rightName = try keyName(right)
        switch (leftName, rightName) {
        case (let name?, nil): return (name, try constant(right), true)
        case (nil, let name?): return (name, try constant(left), false)
        case (.some, .some):
            throw .validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition")
        case (nil, nil):
            throw .validation("Invalid condition in KeyConditionExpression: No key attribute specified")
        }
    }
}

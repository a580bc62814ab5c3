import DynamoModel

/// A parsed `ConditionExpression` or `FilterExpression`, placeholders resolved, ready to be
/// evaluated against many items.
public struct ConditionExpression: Sendable {
    let root: CompiledCondition
    /// Top-level attribute names the expression reads (so the engine can reject a Query
    /// filter on key attributes).
    public let referencedTopLevelNames: Set<String>

    /// Parses and validates `text`. `kind` names the request parameter in error messages:
    /// `"ConditionExpression"` or `"FilterExpression"`.
    public static func parse(
        _ text: String, kind: String = "ConditionExpression", attributes: inout ExpressionAttributes
    ) throws(DynamoError) -> ConditionExpression {
        var parser = try Parser(text: text, kind: kind, keywords: Parser.conditionKeywords, attributes: attributes)
        let node = try parser.parseConditionRoot()
        let root = parser.compileCondition(node)
        try parser.throwDiagnostics(Parser.conditionDiagnosticOrder)
        attributes = parser.attributes
        return ConditionExpression(root: root, referencedTopLevelNames: parser.pathHeads)
    }

    /// Whether `item` satisfies the condition. As in DynamoDB, a missing attribute or a type
    /// mismatch makes a comparison false (but `<>` true), never an error.
    public func evaluate(_ item: Item) -> Bool {
        root.evaluate(item)
    }
}

// MARK: - Compiled form

indirect enum CompiledOperand: Sendable {
    case path(CompiledPath)
    case value(AttributeValue)
    case size(CompiledOperand)

    /// The type an operand is known to have before any item is read (constants and `size`).
    var immediateType: String? {
        switch self {
        case .path: nil
        case .value(let value): value.typeDescriptor
        case .size: "N"
        }
    }
}

/// An operand's value for one item.
enum Resolved {
    case missing
    case value(AttributeValue)
    /// A `size()` result (kept as an integer to avoid building a number).
    case size(Int)
}

indirect enum CompiledCondition: Sendable {
    case compare(CompareOperator, CompiledOperand, CompiledOperand)
    case between(CompiledOperand, CompiledOperand, CompiledOperand)
    case inList(CompiledOperand, [CompiledOperand])
    case exists(CompiledPath)
    case notExists(CompiledPath)
    case attributeType(CompiledOperand, String)
    case beginsWith(CompiledOperand, CompiledOperand)
    case contains(CompiledOperand, CompiledOperand)
    case and([CompiledCondition])
    case or([CompiledCondition])
    case not(CompiledCondition)
    case constant(Bool)
}

// MARK: - Semantic checks

extension Parser {
    static let conditionDiagnosticOrder: [[Diagnostics.Kind]] = [
        [.redundantParentheses], [.unknownFunction], [.misusedFunction], [.reserved],
        [.attributeName, .attributeValue], [.operandCount], [.distinct], [.function],
    ]

    /// Boolean functions of condition expressions and their number of operands.
    static let conditionFunctions: [String: Int] = [
        "attribute_exists": 1, "attribute_not_exists": 1, "attribute_type": 2, "begins_with": 2, "contains": 2,
    ]
    static let updateFunctions: Set<String> = ["if_not_exists", "list_append"]

    mutating func compileCondition(_ node: ConditionNode) -> CompiledCondition {
        switch node {
        case .parenthesized(let inner):
            checkRedundantParentheses(inner)
            return compileCondition(inner)
        case .and(let items):
            var compiled: [CompiledCondition] = []
            compiled.reserveCapacity(items.count)
            for item in items { compiled.append(compileCondition(item)) }
            return .and(compiled)
        case .or(let items):
            var compiled: [CompiledCondition] = []
            compiled.reserveCapacity(items.count)
            for item in items { compiled.append(compileCondition(item)) }
            return .or(compiled)
        case .not(let inner):
            return .not(compileCondition(inner))
        case .compare(let comparator, let left, let right):
            checkDistinct(comparator.symbol, [left, right])
            let a = compileOperand(left)
            let b = compileOperand(right)
            if comparator != .equal && comparator != .notEqual {
                checkOrderable(comparator.symbol, a)
                checkOrderable(comparator.symbol, b)
            }
            return .compare(comparator, a, b)
        case .between(let value, let low, let high):
            let a = compileOperand(value)
            let b = compileOperand(low)
            let c = compileOperand(high)
            checkOrderable("BETWEEN", a)
            checkOrderable("BETWEEN", b)
            checkOrderable("BETWEEN", c)
            if case .value(let lower) = b, case .value(let upper) = c {
                checkBetweenBounds(lower, upper)
            }
            return .between(a, b, c)
        case .inList(let value, let list):
            if list.count + 1 > 100 {
                diagnostics.record(.operandCount, "Incorrect number of operands for operator or function; operator or function: IN, number of operands: \(list.count + 1)")
            }
            let a = compileOperand(value)
            var compiled: [CompiledOperand] = []
            compiled.reserveCapacity(list.count)
            for item in list { compiled.append(compileOperand(item)) }
            return .inList(a, compiled)
        case .call(let name, let arguments):
            return compileFunctionCondition(name, arguments)
        case .path, .value:
            // The parser never leaves a bare operand in condition position.
            return .constant(false)
        }
    }

    mutating func compileOperand(_ node: ConditionNode) -> CompiledOperand {
        switch node {
        case .parenthesized(let inner):
            checkRedundantParentheses(inner)
            return compileOperand(inner)
        case .path(let path):
            return .path(CompiledPath(path))
        case .value(let value):
            return .value(value)
        case .call("size", let arguments):
            guard arguments.count == 1 else {
                diagnostics.record(.operandCount, "Incorrect number of operands for operator or function; operator or function: size, number of operands: \(arguments.count)")
                return .value(.null)
            }
            let argument = compileOperand(arguments[0])
            if let type = argument.immediateType, type == "N" || type == "BOOL" || type == "NULL" {
                diagnostics.record(.function, "Incorrect operand type for operator or function; operator or function: size, operand type: \(type)")
            }
            return .size(argument)
        case .call(let name, let arguments):
            recordMisplacedFunction(name, inConditionPosition: false)
            for argument in arguments { _ = compileOperand(argument) }
            return .value(.null)
        case .compare, .between, .inList, .and, .or, .not:
            // The parser never puts a condition where an operand is expected.
            return .value(.null)
        }
    }

    private mutating func compileFunctionCondition(_ name: String, _ arguments: [ConditionNode]) -> CompiledCondition {
        guard let arity = Self.conditionFunctions[name] else {
            recordMisplacedFunction(name, inConditionPosition: true)
            for argument in arguments { _ = compileOperand(argument) }
            return .constant(false)
        }
        guard arguments.count == arity else {
            diagnostics.record(.operandCount, "Incorrect number of operands for operator or function; operator or function: \(name), number of operands: \(arguments.count)")
            return .constant(false)
        }
        if arity == 2 { checkDistinct(name, arguments) }
        var operands: [CompiledOperand] = []
        for argument in arguments { operands.append(compileOperand(argument)) }
        switch name {
        case "attribute_exists", "attribute_not_exists":
            guard case .path(let path) = operands[0] else {
                diagnostics.record(.function, "Operator or function requires a document path; operator or function: \(name)")
                return .constant(false)
            }
            return name == "attribute_exists" ? .exists(path) : .notExists(path)
        case "attribute_type":
            guard case .value(.s(let typeName)) = operands[1] else {
                let type = operands[1].immediateType ?? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"
                diagnostics.record(.function, "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: \(type)")
                return .constant(false)
            }
            guard AttributeValue.typeDescriptors.contains(typeName) else {
                diagnostics.record(.function, "Invalid attribute type name found; type: \(typeName), valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}")
                return .constant(false)
            }
            return .attributeType(operands[0], typeName)
        case "begins_with":
            for operand in operands {
                if let type = operand.immediateType, type != "S" && type != "B" {
                    diagnostics.record(.function, "Incorrect operand type for operator or function; operator or function: begins_with, operand type: \(type)")
                    return .constant(false)
                }
            }
            return .beginsWith(operands[0], operands[1])
        default:
            return .contains(operands[0], operands[1])
        }
    }

    private mutating func recordMisplacedFunction(_ name: String, inConditionPosition: Bool) {
        if name == "size" || Self.conditionFunctions[name] != nil {
            // A boolean function used as a value, or size() used as a condition.
            diagnostics.record(.misusedFunction, "The function is not allowed to be used this way in an expression; function: \(name)")
        } else if Self.updateFunctions.contains(name) {
            diagnostics.record(.misusedFunction, "The function is not allowed in a condition expression; function: \(name)")
        } else {
            diagnostics.record(.unknownFunction, "Invalid function name; function: \(name)")
        }
    }

    private mutating func checkRedundantParentheses(_ inner: ConditionNode) {
        if case .parenthesized = inner {
            diagnostics.record(.redundantParentheses, "The expression has redundant parentheses;")
        }
    }

    /// DynamoDB refuses `a = a`, `contains(a, a)`: both operands the same document path.
    private mutating func checkDistinct(_ name: String, _ operands: [ConditionNode]) {
        guard operands.count == 2,
              case .path(let first) = operands[0].unwrapped,
              case .path(let second) = operands[1].unwrapped,
              first == second else { return }
        diagnostics.record(.distinct, "The first operand must be distinct from the remaining operands for this operator or function; operator: \(name), first operand: \(first.bracketDescription)")
    }

    /// `<`, `<=`, `>`, `>=` and BETWEEN are defined on N, S and B only; a constant of another
    /// type is an error (an item attribute of another type just fails the comparison).
    private mutating func checkOrderable(_ name: String, _ operand: CompiledOperand) {
        guard let type = operand.immediateType, type != "N" && type != "S" && type != "B" else { return }
        diagnostics.record(.function, "Incorrect operand type for operator or function; operator or function: \(name), operand type: \(type)")
    }

    private mutating func checkBetweenBounds(_ lower: AttributeValue, _ upper: AttributeValue) {
        let bounds = "lower bound operand: AttributeValue: \(Values.brief(lower)), upper bound operand: AttributeValue: \(Values.brief(upper))"
        guard lower.typeDescriptor == upper.typeDescriptor else {
            diagnostics.record(.function, "The BETWEEN operator requires same data type for lower and upper bounds; \(bounds)")
            return
        }
        if let order = CompiledCondition.order(.value(lower), .value(upper)), order > 0 {
            diagnostics.record(.function, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; \(bounds)")
        }
    }
}

// MARK: - Evaluation

extension CompiledOperand {
    @inline(__always)
    func resolve(_ item: Item) -> Resolved {
        switch self {
        case .path(let path):
            if let value = path.resolve(item) { return .value(value) }
            return .missing
        case .value(let value):
            return .value(value)
        case .size(let inner):
            guard case .value(let value) = inner.resolve(item), let size = Self.size(of: value) else { return .missing }
            return .size(size)
        }
    }

    /// DynamoDB's `size()`: UTF-16 code units of a string (as DynamoDB counts), bytes of a
    /// binary, members of a set, list or map; undefined for other types.
    static func size(of value: AttributeValue) -> Int? {
        switch value {
        case .s(let string): string.utf16.count
        case .b(let bytes): bytes.count
        case .ss(let members): members.count
        case .ns(let members): members.count
        case .bs(let members): members.count
        case .l(let list): list.count
        case .m(let map): map.count
        case .n, .bool, .null: nil
        }
    }
}

extension CompiledCondition {
    /// Equality of two resolved operands; nil when either is missing.
    @inline(__always)
    static func equal(_ a: Resolved, _ b: Resolved) -> Bool? {
        switch (a, b) {
        case (.missing, _), (_, .missing): return nil
        case (.value(let x), .value(let y)): return x == y
        case (.size(let x), .size(let y)): return x == y
        case (.size(let size), .value(.n(let number))), (.value(.n(let number)), .size(let size)):
            return Values.compare(size, number) == 0
        default: return false
        }
    }

    /// -1, 0, 1 for two operands of the same orderable type (N, S, B); nil otherwise.
    @inline(__always)
    static func order(_ a: Resolved, _ b: Resolved) -> Int? {
        switch (a, b) {
        case (.value(.n(let x)), .value(.n(let y))): return DynamoNumber.compare(x, y)
        case (.value(.s(let x)), .value(.s(let y))): return Values.compareStrings(x, y)
        case (.value(.b(let x)), .value(.b(let y))): return Values.compareBytes(x, y)
        case (.size(let x), .size(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.size(let size), .value(.n(let number))): return Values.compare(size, number)
        case (.value(.n(let number)), .size(let size)): return -Values.compare(size, number)
        default: return nil
        }
    }

    func evaluate(_ item: Item) -> Bool {
        switch self {
        case .compare(let comparator, let left, let right):
            let a = left.resolve(item)
            let b = right.resolve(item)
            switch comparator {
            case .equal: return Self.equal(a, b) ?? false
            // A missing attribute is "not equal" to anything, even another missing one.
            case .notEqual: return !(Self.equal(a, b) ?? false)
            case .less: return (Self.order(a, b) ?? 0) < 0
            case .lessOrEqual: guard let order = Self.order(a, b) else { return false }; return order <= 0
            case .greater: return (Self.order(a, b) ?? 0) > 0
            case .greaterOrEqual: guard let order = Self.order(a, b) else { return false }; return order >= 0
            }
        case .between(let operand, let low, let high):
            let value = operand.resolve(item)
            guard let lower = Self.order(low.resolve(item), value), lower <= 0,
                  let upper = Self.order(value, high.resolve(item)), upper <= 0 else { return false }
            return true
        case .inList(let operand, let list):
            let value = operand.resolve(item)
            if case .missing = value { return false }
            for candidate in list where Self.equal(value, candidate.resolve(item)) == true {
                return true
            }
            return false
        case .exists(let path):
            return path.resolve(item) != nil
        case .notExists(let path):
            return path.resolve(item) == nil
        case .attributeType(let operand, let type):
            guard case .value(let value) = operand.resolve(item) else { return false }
            return value.typeDescriptor == type
        case .beginsWith(let operand, let prefix):
            switch (operand.resolve(item), prefix.resolve(item)) {
            case (.value(.s(let string)), .value(.s(let start))): return Values.hasPrefix(string.utf8, start.utf8)
            case (.value(.b(let bytes)), .value(.b(let start))): return Values.hasPrefix(bytes, start)
            default: return false
            }
        case .contains(let container, let member):
            return Self.contains(container.resolve(item), member.resolve(item))
        case .and(let conditions):
            for condition in conditions where !condition.evaluate(item) { return false }
            return true
        case .or(let conditions):
            for condition in conditions where condition.evaluate(item) { return true }
            return false
        case .not(let condition):
            return !condition.evaluate(item)
        case .constant(let value):
            return value
        }
    }

    /// `contains`: a substring of a string, a byte run of a binary, a member of a set (of the
    /// matching type) or an element of a list.
    static func contains(_ container: Resolved, _ member: Resolved) -> Bool {
        guard case .value(let whole) = container else { return false }
        switch (whole, member) {
        case (.s(let string), .value(.s(let part))):
            var string = string
            var part = part
            return string.withUTF8 { haystack in
                part.withUTF8 { needle in Values.containsBytes(haystack, needle) }
            }
        case (.b(let bytes), .value(.b(let part))):
            return Values.containsBytes(bytes, part)
        case (.ss(let members), .value(.s(let part))):
            return members.contains { Values.compareStrings($0, part) == 0 }
        case (.ns(let members), .value(.n(let part))):
            return members.contains(part)
        case (.ns(let members), .size(let size)):
            return members.contains { Values.compare(size, $0) == 0 }
        case (.bs(let members), .value(.b(let part))):
            return members.contains(part)
        case (.l(let list), .value(let part)):
            return list.contains(part)
        case (.l(let list), .size(let size)):
            return list.contains { if case .n(let number) = $0 { Values.compare(size, number) == 0 } else { false } }
        default:
            return false
        }
    }
}

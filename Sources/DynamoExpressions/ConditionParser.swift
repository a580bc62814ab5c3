import DynamoModel

/// Comparison operators of condition expressions.
enum CompareOperator: Sendable, Equatable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

    var symbol: String {
        switch self {
        case .equal: "="
        case .notEqual: "<>"
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        }
    }

    init?(_ kind: Token.Kind) {
        switch kind {
        case .eq: self = .equal
        case .ne: self = .notEqual
        case .lt: self = .less
        case .le: self = .lessOrEqual
        case .gt: self = .greater
        case .ge: self = .greaterOrEqual
        default: return nil
        }
    }
}

/// The syntax tree of the condition grammar (ConditionExpression, FilterExpression,
/// KeyConditionExpression), placeholders resolved, before semantic checks.
indirect enum ConditionNode: Sendable {
    case path(AttributePath)
    case value(AttributeValue)
    case call(String, [ConditionNode])
    case parenthesized(ConditionNode)
    case compare(CompareOperator, ConditionNode, ConditionNode)
    case between(ConditionNode, ConditionNode, ConditionNode)
    case inList(ConditionNode, [ConditionNode])
    case and([ConditionNode])
    case or([ConditionNode])
    case not(ConditionNode)

    /// A path or value, possibly in parentheses: usable only as an operand.
    var isOperandOnly: Bool {
        switch self {
        case .path, .value: true
        case .parenthesized(let inner): inner.isOperandOnly
        default: false
        }
    }

    /// A comparison or boolean combination, possibly in parentheses: usable only as a condition.
    var isConditionOnly: Bool {
        switch self {
        case .compare, .between, .inList, .and, .or, .not: true
        case .parenthesized(let inner): inner.isConditionOnly
        default: false
        }
    }

    /// The node with any enclosing parentheses removed.
    var unwrapped: ConditionNode {
        var node = self
        while case .parenthesized(let inner) = node { node = inner }
        return node
    }
}

extension Parser {
    static let conditionKeywords: Set<String> = ["AND", "OR", "NOT", "BETWEEN", "IN"]

    /// Grammar, highest precedence first: comparators, IN, BETWEEN, functions, parentheses,
    /// NOT, AND, OR.
    ///
    ///     or         := and ( OR and )*
    ///     and        := not ( AND not )*
    ///     not        := NOT not | comparison
    ///     comparison := term ( comparator operand | BETWEEN operand AND operand
    ///                        | IN '(' operand ( ',' operand )* ')' )?
    ///     term       := '(' or ')' | function | path | :value
    ///     operand    := '(' operand ')' | function | path | :value
    ///     function   := identifier '(' operand ( ',' operand )* ')'
    mutating func parseConditionRoot() throws(DynamoError) -> ConditionNode {
        let node = try parseOr()
        guard current.kind == .eof else { throw syntaxError() }
        return node
    }

    private mutating func parseOr() throws(DynamoError) -> ConditionNode {
        var items = [try parseAnd()]
        while isWord(current, "OR") {
            advance()
            let next = try parseAnd()
            if next.isOperandOnly { throw syntaxError() }
            items.append(next)
        }
        return items.count == 1 ? items[0] : .or(items)
    }

    private mutating func parseAnd() throws(DynamoError) -> ConditionNode {
        var items = [try parseNot()]
        while isWord(current, "AND") {
            advance()
            let next = try parseNot()
            if next.isOperandOnly { throw syntaxError() }
            items.append(next)
        }
        return items.count == 1 ? items[0] : .and(items)
    }

    private mutating func parseNot() throws(DynamoError) -> ConditionNode {
        guard isWord(current, "NOT") else { return try parseComparison() }
        advance()
        try enterNesting()
        let inner = try parseNot()
        leaveNesting()
        if inner.isOperandOnly { throw syntaxError() }
        return .not(inner)
    }

    private mutating func parseComparison() throws(DynamoError) -> ConditionNode {
        let left = try parseTerm()
        let token = current
        if let comparator = CompareOperator(token.kind) {
            if left.isConditionOnly { throw syntaxError() }
            advance()
            let right = try parseOperand()
            return .compare(comparator, left, right)
        }
        if isWord(token, "BETWEEN") {
            if left.isConditionOnly { throw syntaxError() }
            advance()
            let low = try parseOperand()
            guard isWord(current, "AND") else { throw syntaxError() }
            advance()
            let high = try parseOperand()
            return .between(left, low, high)
        }
        if isWord(token, "IN") {
            if left.isConditionOnly { throw syntaxError() }
            advance()
            try expect(.lparen)
            var list = [try parseOperand()]
            while current.kind == .comma {
                advance()
                list.append(try parseOperand())
            }
            try expect(.rparen)
            return .inList(left, list)
        }
        if left.isOperandOnly {
            // A bare operand is only allowed as the whole content of parentheses, `(a) = :v`.
            if token.kind == .rparen && depth > 0 { return left }
            throw syntaxError()
        }
        return left
    }

    /// The left side of a comparison: parentheses may hold a condition or an operand.
    private mutating func parseTerm() throws(DynamoError) -> ConditionNode {
        guard current.kind == .lparen else { return try parseOperand() }
        advance()
        try enterNesting()
        let inner = try parseOr()
        try expect(.rparen)
        leaveNesting()
        return .parenthesized(inner)
    }

    private mutating func parseOperand() throws(DynamoError) -> ConditionNode {
        let token = current
        switch token.kind {
        case .lparen:
            advance()
            try enterNesting()
            let inner = try parseOperand()
            try expect(.rparen)
            leaveNesting()
            return .parenthesized(inner)
        case .valueRef:
            advance()
            return .value(resolveValue(token))
        case .nameRef:
            return .path(try parsePath())
        case .identifier:
            if isKeyword(token) { throw syntaxError() }
            if lookahead(1).kind == .lparen {
                let name = text(of: token)
                advance()
                advance()
                try enterNesting()
                var arguments = [try parseOperand()]
                while current.kind == .comma {
                    advance()
                    arguments.append(try parseOperand())
                }
                try expect(.rparen)
                leaveNesting()
                return .call(name, arguments)
            }
            return .path(try parsePath())
        default:
            throw syntaxError()
        }
    }
}

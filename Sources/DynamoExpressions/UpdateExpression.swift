import DynamoModel

/// A parsed `UpdateExpression`: `SET`, `REMOVE`, `ADD` and `DELETE` clauses, each at most once,
/// in any order.
public struct UpdateExpression: Sendable {
    let sets: [SetAction]
    let removes: [AttributePath]
    let adds: [ValueAction]
    let deletes: [ValueAction]
    /// Every document path the expression writes, in the order written.
    public let updatedPaths: [AttributePath]
    /// Top-level attributes the expression writes (the engine rejects updates of key attributes).
    public let updatedTopLevelNames: Set<String>

    public static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoError) -> UpdateExpression {
        var parser = try Parser(text: text, kind: "UpdateExpression", keywords: Parser.updateKeywords, attributes: attributes)
        let expression = try parser.parseUpdate()
        try parser.throwDiagnostics(Parser.updateDiagnosticOrder)
        attributes = parser.attributes
        return expression
    }

    /// Applies the actions to `item` (empty for an item that does not exist yet) and returns the
    /// new item. Every operand reads the item as it was before the update, and list indexes refer
    /// to positions before the update (`REMOVE a[1] SET a[3] = :v` sets the old fourth element).
    public func apply(to item: Item) throws(DynamoError) -> Item {
        // An existing item always holds its key, so an empty one does not exist (yet).
        try apply(to: item, itemExists: !item.isEmpty)
    }

    /// As `apply(to:)`, saying whether the item exists (for a caller that passes a new item
    /// already holding its key). DynamoDB ignores a REMOVE of a nested path whose parent is
    /// missing when the item does not exist, and rejects it when it does.
    public func apply(to item: Item, itemExists: Bool) throws(DynamoError) -> Item {
        var result = item

        // SET: evaluate everything against the original item first.
        var assignments: [(path: AttributePath, value: AttributeValue)] = []
        assignments.reserveCapacity(sets.count)
        for action in sets {
            assignments.append((action.path, try action.value.evaluate(in: item)))
        }
        // Index order, so several elements set past the end of a list append in index order.
        assignments.sort { AttributePath.precedes($0.path, $1.path) }
        for assignment in assignments {
            _ = try Self.modify(&result, assignment.path, .set(assignment.value), ignoreInvalidPath: false)
        }

        for action in adds {
            _ = try Self.modify(&result, action.path, .add(action.value), ignoreInvalidPath: false)
        }

        var removals = removes
        for action in deletes {
            if try Self.modify(&result, action.path, .delete(action.value), ignoreInvalidPath: false) {
                // The set became empty: the attribute goes, with the other removals below.
                removals.append(action.path)
            }
        }

        // Highest index first, so every index still means its position before the update.
        removals.sort { AttributePath.precedes($1, $0) }
        for path in removals {
            _ = try Self.modify(&result, path, .remove, ignoreInvalidPath: !itemExists)
        }
        return result
    }
}

// MARK: - Actions

struct SetAction: Sendable {
    let path: AttributePath
    let value: SetValue
}

struct ValueAction: Sendable {
    let path: AttributePath
    let value: AttributeValue
}

indirect enum UpdateOperand: Sendable {
    case path(AttributePath)
    case value(AttributeValue)
    case ifNotExists(AttributePath, UpdateOperand)
    case listAppend(UpdateOperand, UpdateOperand)

    func evaluate(in item: Item) throws(DynamoError) -> AttributeValue {
        switch self {
        case .path(let path):
            guard let value = path.value(in: item) else { throw UpdateErrors.missingAttribute }
            return value
        case .value(let value):
            return value
        case .ifNotExists(let path, let fallback):
            if let value = path.value(in: item) { return value }
            return try fallback.evaluate(in: item)
        case .listAppend(let first, let second):
            let a = try first.evaluate(in: item)
            let b = try second.evaluate(in: item)
            guard case .l(let head) = a, case .l(let tail) = b else { throw UpdateErrors.incorrectType }
            return .l(head + tail)
        }
    }
}

enum SetValue: Sendable {
    case operand(UpdateOperand)
    case add(UpdateOperand, UpdateOperand)
    case subtract(UpdateOperand, UpdateOperand)

    func evaluate(in item: Item) throws(DynamoError) -> AttributeValue {
        switch self {
        case .operand(let operand):
            return try operand.evaluate(in: item)
        case .add(let first, let second), .subtract(let first, let second):
            let a = try first.evaluate(in: item)
            let b = try second.evaluate(in: item)
            guard case .n(let x) = a, case .n(let y) = b else { throw UpdateErrors.incorrectType }
            if case .add = self { return .n(try x + y) }
            return .n(try x - y)
        }
    }
}

enum UpdateErrors {
    static let missingAttribute = DynamoError.validation("The provided expression refers to an attribute that does not exist in the item")
    static let incorrectType = DynamoError.validation("An operand in the update expression has an incorrect data type")
    static let invalidPath = DynamoError.validation("The document path provided in the update expression is invalid for update")
}

// MARK: - Applying one action at one path

extension UpdateExpression {
    enum SlotOperation {
        case set(AttributeValue)
        case remove
        case add(AttributeValue)
        case delete(AttributeValue)
    }

    /// Performs `operation` on the slot `path` names in `item`. Returns true when a DELETE left
    /// an empty set (the caller removes the attribute). A missing parent, or a parent of the
    /// wrong type, is DynamoDB's "invalid for update" error (or nothing, when told to ignore it).
    static func modify(
        _ item: inout Item, _ path: AttributePath, _ operation: SlotOperation, ignoreInvalidPath: Bool
    ) throws(DynamoError) -> Bool {
        guard case .name(let head)? = path.elements.first else { return false }
        let tail = path.elements.dropFirst()
        if tail.isEmpty {
            var slot = item[head]
            let emptied = try perform(operation, on: &slot)
            item[head] = slot
            return emptied
        }
        guard var container = item[head] else {
            if ignoreInvalidPath { return false }
            throw UpdateErrors.invalidPath
        }
        item[head] = .null // drop the item's reference so the nested update does not copy
        let emptied: Bool
        do {
            emptied = try modifyNested(&container, tail, operation, ignoreInvalidPath: ignoreInvalidPath)
        } catch {
            item[head] = container
            throw error
        }
        item[head] = container
        return emptied
    }

    private static func modifyNested(
        _ value: inout AttributeValue, _ path: ArraySlice<PathElement>, _ operation: SlotOperation,
        ignoreInvalidPath: Bool
    ) throws(DynamoError) -> Bool {
        guard let step = path.first else { return false }
        let rest = path.dropFirst()
        switch (step, value) {
        case (.name(let key), .m(var map)):
            value = .null
            defer { value = .m(map) }
            if rest.isEmpty {
                var slot = map[key]
                let emptied = try perform(operation, on: &slot)
                map[key] = slot
                return emptied
            }
            guard var child = map[key] else {
                if ignoreInvalidPath { return false }
                throw UpdateErrors.invalidPath
            }
            map[key] = .null
            defer { map[key] = child }
            return try modifyNested(&child, rest, operation, ignoreInvalidPath: ignoreInvalidPath)
        case (.index(let index), .l(var list)):
            value = .null
            defer { value = .l(list) }
            if rest.isEmpty {
                let exists = index >= 0 && index < list.count
                var slot: AttributeValue? = exists ? list[index] : nil
                let emptied = try perform(operation, on: &slot)
                if let newValue = slot {
                    // Setting past the end appends.
                    if exists { list[index] = newValue } else { list.append(newValue) }
                } else if exists {
                    list.remove(at: index)
                }
                return emptied
            }
            guard index >= 0, index < list.count else {
                if ignoreInvalidPath { return false }
                throw UpdateErrors.invalidPath
            }
            var child = list[index]
            list[index] = .null
            defer { list[index] = child }
            return try modifyNested(&child, rest, operation, ignoreInvalidPath: ignoreInvalidPath)
        default:
            if ignoreInvalidPath { return false }
            throw UpdateErrors.invalidPath
        }
    }

    private static func perform(_ operation: SlotOperation, on slot: inout AttributeValue?) throws(DynamoError) -> Bool {
        switch operation {
        case .set(let value):
            slot = value
        case .remove:
            slot = nil
        case .add(let value):
            guard let existing = slot else {
                // A missing number counts as 0; a missing set as empty.
                slot = value
                return false
            }
            if case .n(let a) = existing, case .n(let b) = value {
                slot = .n(try a + b)
            } else if let union = Values.union(existing, value) {
                slot = union
            } else {
                throw UpdateErrors.incorrectType
            }
        case .delete(let value):
            guard let existing = slot else { return false }
            guard let remaining = Values.difference(existing, value) else { throw UpdateErrors.incorrectType }
            if Values.isEmptySet(remaining) { return true }
            slot = remaining
        }
        return false
    }
}

// MARK: - Parsing

indirect enum UpdateNode: Sendable {
    case path(AttributePath)
    case value(AttributeValue)
    case call(String, [UpdateNode])
}

enum SetValueNode: Sendable {
    case operand(UpdateNode)
    case arithmetic(plus: Bool, UpdateNode, UpdateNode)
}

extension Parser {
    static let updateKeywords: Set<String> = ["SET", "REMOVE", "ADD", "DELETE"]

    static let updateDiagnosticOrder: [[Diagnostics.Kind]] = [
        [.reserved], [.unknownFunction], [.section], [.attributeName], [.attributeValue],
        [.overlap], [.conflict], [.operand], [.function, .misusedFunction, .operandCount],
    ]

    ///     update  := clause+
    ///     clause  := SET set (',' set)* | REMOVE path (',' path)*
    ///              | ADD path :value (',' path :value)* | DELETE path :value (',' path :value)*
    ///     set     := path '=' value
    ///     value   := '(' value ')' | operand ( ('+' | '-') operand )?
    ///     operand := '(' operand ')' | function '(' operand (',' operand)* ')' | path | :value
    mutating func parseUpdate() throws(DynamoError) -> UpdateExpression {
        var seen: Set<String> = []
        var sets: [SetAction] = []
        var removes: [AttributePath] = []
        var adds: [ValueAction] = []
        var deletes: [ValueAction] = []
        var targets: [AttributePath] = []
        repeat {
            let token = current
            guard token.kind == .identifier, isKeyword(token) else { throw syntaxError() }
            let clause = text(of: token).uppercased()
            if !seen.insert(clause).inserted {
                diagnostics.record(.section, "The \"\(clause)\" section can only be used once in an update expression;")
            }
            advance()
            while true {
                let path = try parsePath()
                targets.append(path)
                switch clause {
                case "SET":
                    try expect(.eq)
                    let value = try parseSetValue()
                    sets.append(SetAction(path: path, value: compileSetValue(value)))
                case "REMOVE":
                    removes.append(path)
                default:
                    let valueToken = current
                    guard valueToken.kind == .valueRef else { throw syntaxError() }
                    advance()
                    let value = resolveValue(valueToken)
                    if clause == "ADD" {
                        switch value {
                        case .n, .ss, .ns, .bs: break
                        default:
                            diagnostics.record(.operand, "Incorrect operand type for operator or function; operator: ADD, operand type: \(Values.updateTypeName(value))")
                        }
                        adds.append(ValueAction(path: path, value: value))
                    } else {
                        switch value {
                        case .ss, .ns, .bs: break
                        default:
                            diagnostics.record(.operand, "Incorrect operand type for operator or function; operator: DELETE, operand type: \(Values.updateTypeName(value))")
                        }
                        deletes.append(ValueAction(path: path, value: value))
                    }
                }
                guard current.kind == .comma else { break }
                advance()
            }
        } while current.kind != .eof
        PathOverlap.check(targets, into: &diagnostics)
        var heads: Set<String> = []
        for path in targets { if let head = path.topLevelName { heads.insert(head) } }
        return UpdateExpression(
            sets: sets, removes: removes, adds: adds, deletes: deletes,
            updatedPaths: targets, updatedTopLevelNames: heads)
    }

    private mutating func parseSetValue() throws(DynamoError) -> SetValueNode {
        if current.kind == .lparen {
            advance()
            try enterNesting()
            let inner = try parseSetValue()
            try expect(.rparen)
            leaveNesting()
            if case .operand(let left) = inner, current.kind == .plus || current.kind == .minus {
                let plus = current.kind == .plus
                advance()
                return .arithmetic(plus: plus, left, try parseUpdateOperand())
            }
            return inner
        }
        let left = try parseUpdateOperand()
        if current.kind == .plus || current.kind == .minus {
            let plus = current.kind == .plus
            advance()
            return .arithmetic(plus: plus, left, try parseUpdateOperand())
        }
        return .operand(left)
    }

    private mutating func parseUpdateOperand() throws(DynamoError) -> UpdateNode {
        let token = current
        switch token.kind {
        case .lparen:
            advance()
            try enterNesting()
            let inner = try parseUpdateOperand()
            try expect(.rparen)
            leaveNesting()
            return inner
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
                var arguments = [try parseUpdateOperand()]
                while current.kind == .comma {
                    advance()
                    arguments.append(try parseUpdateOperand())
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

    private mutating func compileSetValue(_ node: SetValueNode) -> SetValue {
        switch node {
        case .operand(let operand):
            return .operand(compileUpdateOperand(operand, insideListAppend: false))
        case .arithmetic(let plus, let left, let right):
            for side in [left, right] {
                if case .value(let value) = side, value.typeDescriptor != "N" {
                    diagnostics.record(.function, "Incorrect operand type for operator or function; operator or function: \(plus ? "+" : "-"), operand type: \(value.typeDescriptor)")
                }
            }
            let a = compileUpdateOperand(left, insideListAppend: false)
            let b = compileUpdateOperand(right, insideListAppend: false)
            return plus ? .add(a, b) : .subtract(a, b)
        }
    }

    private mutating func compileUpdateOperand(_ node: UpdateNode, insideListAppend: Bool) -> UpdateOperand {
        switch node {
        case .path(let path):
            return .path(path)
        case .value(let value):
            return .value(value)
        case .call("if_not_exists", let arguments):
            guard arguments.count == 2 else {
                diagnostics.record(.operandCount, "Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: \(arguments.count)")
                return .value(.null)
            }
            guard case .path(let path) = arguments[0] else {
                diagnostics.record(.function, "Operator or function requires a document path; operator or function: if_not_exists")
                return .value(.null)
            }
            return .ifNotExists(path, compileUpdateOperand(arguments[1], insideListAppend: false))
        case .call("list_append", let arguments):
            if insideListAppend {
                diagnostics.record(.misusedFunction, "The function is not allowed to be used this way in an expression; function: list_append")
            }
            guard arguments.count == 2 else {
                diagnostics.record(.operandCount, "Incorrect number of operands for operator or function; operator or function: list_append, number of operands: \(arguments.count)")
                return .value(.null)
            }
            for argument in arguments {
                if case .value(let value) = argument, value.typeDescriptor != "L" {
                    diagnostics.record(.function, "Incorrect operand type for operator or function; operator or function: list_append, operand type: \(value.typeDescriptor)")
                }
            }
            return .listAppend(
                compileUpdateOperand(arguments[0], insideListAppend: true),
                compileUpdateOperand(arguments[1], insideListAppend: true))
        case .call(let name, let arguments):
            diagnostics.record(.unknownFunction, "Invalid function name; function: \(name)")
            for argument in arguments { _ = compileUpdateOperand(argument, insideListAppend: false) }
            return .value(.null)
        }
    }
}

import DynamoExpressions
import DynamoModel
import ShellLanguage

/// Turns the shell's condition, projection and update trees into DynamoDB expression text with
/// placeholders, collecting the `ExpressionAttributeNames` / `ExpressionAttributeValues` of one
/// request.
///
/// Every literal becomes a `:vN` placeholder and every name that is not a plain identifier
/// (`[A-Za-z][A-Za-z0-9_]*`) or that DynamoDB reserves (`timestamp`, `ttl`, `status`, …) or
/// uses as a keyword (`remove`) becomes a `#nN` placeholder, so no value or name a user writes
/// can change the structure of a request. Plain names stay bare for readable `explain` output.
///
/// Use one builder per request: its placeholders number on across every expression built with
/// it (key condition, filter, projection), and the maps hold what all of them need.
///
/// Literals compared with a top-level attribute whose type the table defines
/// (`attributeTypes`, from its AttributeDefinitions) take that type where the text allows:
/// `entity_id = 123` compares with the string `"123"` when `entity_id` is S, and
/// `health_score < "70"` with the number 70 when `health_score` is N. The same holds for a
/// literal assigned with `set` to such an attribute.
public struct ExpressionBuilder {
    /// Attribute name → `S`, `N` or `B`.
    public let attributeTypes: [String: String]
    private let resolve: (VariableReference) throws -> ShellValue

    /// Placeholder for each name, keyed by the name's UTF-8 bytes (DynamoDB names are bytes,
    /// while `String` equality would merge canonically equivalent spellings).
    private var namePlaceholders: [[UInt8]: String] = [:]
    private var names: [String: String] = [:]
    private var values: [String: AttributeValue] = [:]
    private var valueCount = 0

    /// How many variable lookups one value may chain through (`$a` holding `$b` …) before it
    /// is taken as a cycle.
    static let maxResolutionDepth = 32

    /// Names the expression grammar treats as keywords although DynamoDB does not list them as
    /// reserved words: bare, they would be read as the keyword.
    private static let grammarKeywords: Set<String> = ["REMOVE"]

    /// - Parameters:
    ///   - attributeTypes: a table's AttributeDefinitions (name → "S"/"N"/"B"), used to type
    ///     literals compared with key attributes.
    ///   - resolve: looks up a variable's value at run time (`$name`, `$1`, `${x:-d}`); throws
    ///     ShellError for an unset one without default.
    public init(attributeTypes: [String: String] = [:], resolve: @escaping (VariableReference) throws -> ShellValue) {
        self.attributeTypes = attributeTypes
        self.resolve = resolve
    }

    // MARK: Maps

    /// `#nN` → attribute name; nil when no expression needed a name placeholder.
    public var expressionAttributeNames: [String: String]? { names.isEmpty ? nil : names }

    /// `:vN` → value; nil when no expression held a literal.
    public var expressionAttributeValues: [String: AttributeValue]? { values.isEmpty ? nil : values }

    // MARK: Paths and projections

    /// The path as expression text (`a.b[0]`, `#n0.c`), with placeholders where needed.
    public mutating func path(_ path: DocumentPath) -> String {
        var text = ""
        for step in path.steps {
            switch step {
            case .name(let name):
                if !text.isEmpty { text += "." }
                text += self.name(name)
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// `a, #n0, b.c[1]`. Aliases are not part of DynamoDB's projection; the caller applies them
    /// after the read. A path listed twice (`a as x, a as y`) is projected once, since DynamoDB
    /// refuses a projection whose paths repeat.
    public mutating func projection(_ items: [ProjectionItem]) -> String {
        var seen: Set<DocumentPath> = []
        var parts: [String] = []
        for item in items where seen.insert(item.path).inserted {
            parts.append(path(item.path))
        }
        return parts.joined(separator: ", ")
    }

    /// The bare name when it is a plain identifier and not a reserved word, otherwise its `#nN`
    /// placeholder (the same one for every use of the name).
    private mutating func name(_ name: String) -> String {
        if Self.isPlainName(name) { return name }
        let key = Array(name.utf8)
        if let placeholder = namePlaceholders[key] { return placeholder }
        let placeholder = "#n\(namePlaceholders.count)"
        namePlaceholders[key] = placeholder
        names[placeholder] = name
        return placeholder
    }

    /// `[A-Za-z][A-Za-z0-9_]*`, not a DynamoDB reserved word nor an expression keyword.
    static func isPlainName(_ name: String) -> Bool {
        var first = true
        for byte in name.utf8 {
            let letter = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            let digit = byte >= 48 && byte <= 57
            if first {
                guard letter else { return false }
                first = false
            } else {
                guard letter || digit || byte == UInt8(ascii: "_") else { return false }
            }
        }
        if first { return false }
        if ReservedWords.contains(name) { return false }
        return !grammarKeywords.contains(name.uppercased())
    }

    private mutating func placeholder(for value: AttributeValue) -> String {
        let placeholder = ":v\(valueCount)"
        valueCount += 1
        values[placeholder] = value
        return placeholder
    }

    // MARK: Conditions

    /// A condition, filter or key condition as expression text. `and`/`or` groups nested in
    /// another group (or under `not`) are parenthesised, so the text never relies on precedence.
    public mutating func condition(_ condition: ShellCondition) throws -> String {
        try render(condition, nested: false)
    }

    private mutating func render(_ condition: ShellCondition, nested: Bool) throws -> String {
        switch condition {
        case .compare(let left, let comparator, let right):
            let typing = keyType(of: left) ?? keyType(of: right)
            let a = try operand(left, typing: typing)
            let b = try operand(right, typing: typing)
            return "\(a) \(comparator.rawValue) \(b)"
        case .between(let subject, let low, let high):
            let typing = keyType(of: subject)
            let a = try operand(subject, typing: nil)
            let b = try operand(low, typing: typing)
            let c = try operand(high, typing: typing)
            return "\(a) BETWEEN \(b) AND \(c)"
        case .in(let subject, let list):
            guard !list.isEmpty else { throw ShellError("in needs at least one value") }
            let typing = keyType(of: subject)
            let a = try operand(subject, typing: nil)
            var members: [String] = []
            for member in list { members.append(try operand(member, typing: typing)) }
            return "\(a) IN (\(members.joined(separator: ", ")))"
        case .attributeExists(let target):
            return "attribute_exists(\(path(target)))"
        case .attributeNotExists(let target):
            return "attribute_not_exists(\(path(target)))"
        case .attributeType(let target, let type):
            let value = try Self.attributeValue(type, resolve: resolve)
            guard case .s(let name) = value, AttributeValue.typeDescriptors.contains(name) else {
                let shown = value.stringValue.map { "\"\($0)\"" } ?? Self.describe(value)
                throw ShellError("attribute_type takes one of S, N, B, BOOL, NULL, L, M, SS, NS, BS; found \(shown)")
            }
            let a = path(target)
            return "attribute_type(\(a), \(placeholder(for: value)))"
        case .beginsWith(let target, let prefix):
            let a = path(target)
            let b = try operand(prefix, typing: keyType(of: .path(target)))
            return "begins_with(\(a), \(b))"
        case .contains(let target, let member):
            let a = path(target)
            let b = try operand(member, typing: keyType(of: .path(target)))
            return "contains(\(a), \(b))"
        case .and(let items):
            return try group(items, separator: " AND ", nested: nested)
        case .or(let items):
            return try group(items, separator: " OR ", nested: nested)
        case .not(let inner):
            return "NOT \(try render(inner, nested: true))"
        }
    }

    private mutating func group(_ items: [ShellCondition], separator: String, nested: Bool) throws -> String {
        guard !items.isEmpty else { throw ShellError("an and/or group needs at least one condition") }
        if items.count == 1 { return try render(items[0], nested: nested) }
        var parts: [String] = []
        for item in items { parts.append(try render(item, nested: true)) }
        let text = parts.joined(separator: separator)
        return nested ? "(\(text))" : text
    }

    private mutating func operand(_ operand: ShellOperand, typing: KeyType?) throws -> String {
        switch operand {
        case .path(let target): return path(target)
        case .size(let target): return "size(\(path(target)))"
        case .value(let value): return placeholder(for: try typed(value, typing))
        }
    }

    // MARK: Updates

    /// `SET a = a + :v0, b = :v1 REMOVE c ADD s :v2 DELETE t :v3`: clauses in that order,
    /// placeholders numbered as they appear.
    ///
    /// ADD and DELETE values: a JSON array of strings is a string set (SS), of numbers a number
    /// set (NS); an empty or mixed array is an error (DynamoDB sets are never empty and hold one
    /// type). A single string is a one-member SS; a single number is N for ADD (adds to a
    /// number) and a one-member NS for DELETE.
    public mutating func update(_ actions: UpdateActions) throws -> String {
        var clauses: [String] = []
        if !actions.set.isEmpty {
            var parts: [String] = []
            for assignment in actions.set {
                let target = path(assignment.path)
                let typing = keyType(of: .path(assignment.path))
                let value: String
                switch assignment.value {
                case .term(let term):
                    value = try updateTerm(term, typing: typing)
                case .plus(let left, let right):
                    value = "\(try updateTerm(left, typing: nil)) + \(try updateTerm(right, typing: nil))"
                case .minus(let left, let right):
                    value = "\(try updateTerm(left, typing: nil)) - \(try updateTerm(right, typing: nil))"
                }
                parts.append("\(target) = \(value)")
            }
            clauses.append("SET " + parts.joined(separator: ", "))
        }
        if !actions.remove.isEmpty {
            var parts: [String] = []
            for target in actions.remove { parts.append(path(target)) }
            clauses.append("REMOVE " + parts.joined(separator: ", "))
        }
        if !actions.add.isEmpty {
            var parts: [String] = []
            for action in actions.add {
                let target = path(action.path)
                let value = try Self.setOperand(action.value, clause: "add", path: action.path, resolve: resolve)
                parts.append("\(target) \(placeholder(for: value))")
            }
            clauses.append("ADD " + parts.joined(separator: ", "))
        }
        if !actions.delete.isEmpty {
            var parts: [String] = []
            for action in actions.delete {
                let target = path(action.path)
                let value = try Self.setOperand(action.value, clause: "delete", path: action.path, resolve: resolve)
                parts.append("\(target) \(placeholder(for: value))")
            }
            clauses.append("DELETE " + parts.joined(separator: ", "))
        }
        guard !clauses.isEmpty else {
            throw ShellError("update needs at least one of set, remove, add or delete")
        }
        return clauses.joined(separator: " ")
    }

    private mutating func updateTerm(_ term: UpdateTerm, typing: KeyType?) throws -> String {
        switch term {
        case .path(let target):
            return path(target)
        case .value(let value):
            return placeholder(for: try typed(value, typing))
        case .ifNotExists(let target, let fallback):
            let a = path(target)
            let b = try updateTerm(fallback, typing: keyType(of: .path(target)))
            return "if_not_exists(\(a), \(b))"
        case .listAppend(let first, let second):
            let a = try updateTerm(first, typing: nil)
            let b = try updateTerm(second, typing: nil)
            return "list_append(\(a), \(b))"
        }
    }

    /// The value of an ADD or DELETE action.
    static func setOperand(_ value: ShellValue, clause: String, path: DocumentPath,
                           resolve: (VariableReference) throws -> ShellValue) throws -> AttributeValue {
        switch try resolved(value, resolve: resolve) {
        case .json(.array(let elements)):
            guard !elements.isEmpty else {
                throw ShellError("\(clause) \(path): a set cannot be empty; give at least one member")
            }
            var strings: [String] = []
            var numbers: [DynamoNumber] = []
            for element in elements {
                switch element {
                case .string(let text): strings.append(text)
                case .number(let text): numbers.append(try number(text))
                default:
                    throw ShellError("\(clause) \(path): a set holds strings or numbers, not \(element.typeName)")
                }
            }
            if !strings.isEmpty && !numbers.isEmpty {
                throw ShellError("\(clause) \(path): a set holds strings or numbers, not both")
            }
            return strings.isEmpty ? .ns(numbers) : .ss(strings)
        case .string(let string):
            return .ss([try text(string, resolve: resolve)])
        case .number(let text):
            let amount = try number(text)
            return clause == "add" ? .n(amount) : .ns([amount])
        case let other:
            // Not a set: DynamoDB reports the operand type.
            return try attributeValue(other, resolve: resolve)
        }
    }

    // MARK: Typing against the table's attribute definitions

    private struct KeyType {
        var name: String
        var type: String
    }

    /// The defined type of a top-level attribute, when the operand is one.
    private func keyType(of operand: ShellOperand) -> KeyType? {
        guard case .path(let target) = operand, target.steps.count == 1, case .name(let name) = target.steps[0] else {
            return nil
        }
        for (defined, type) in attributeTypes where defined.utf8.elementsEqual(name.utf8) {
            return KeyType(name: name, type: type)
        }
        return nil
    }

    private func typed(_ value: ShellValue, _ typing: KeyType?) throws -> AttributeValue {
        guard let typing else { return try Self.attributeValue(value, resolve: resolve) }
        let value = try Self.resolved(value, resolve: resolve)
        switch (typing.type, value) {
        case ("S", .number(let text)):
            return .s(text)
        case ("N", .string(let string)):
            let text = try Self.text(string, resolve: resolve)
            guard let number = try? DynamoNumber(text) else {
                throw ShellError("\(typing.name) is a Number; \"\(text)\" is not a number")
            }
            return .n(number)
        default:
            return try Self.attributeValue(value, resolve: resolve)
        }
    }

    // MARK: Literals

    /// Converts a literal: string → S, number → N (exact), true/false → BOOL, null → NULL,
    /// JSON → its plain-JSON value (objects → M, arrays → L), variable → its value converted
    /// the same way. Strings with variables are expanded.
    public static func attributeValue(_ value: ShellValue, resolve: (VariableReference) throws -> ShellValue) throws -> AttributeValue {
        switch try resolved(value, resolve: resolve) {
        case .string(let string):
            return .s(try text(string, resolve: resolve))
        case .number(let text):
            return .n(try number(text))
        case .bool(let flag):
            return .bool(flag)
        case .null:
            return .null
        case .json(let json):
            do {
                return try AttributeValue(plainJSON: json)
            } catch {
                throw ShellError("invalid value \(json.compactText): \(error.message)")
            }
        case .variable(let reference):
            // `resolved` never returns a variable.
            throw ShellError("\(reference) could not be resolved")
        }
    }

    /// Expands a string's variables to their text.
    public static func text(_ string: ShellString, resolve: (VariableReference) throws -> ShellValue) throws -> String {
        try text(string, depth: 0, resolve: resolve)
    }

    private static func text(_ string: ShellString, depth: Int, resolve: (VariableReference) throws -> ShellValue) throws -> String {
        var result = ""
        for part in string.parts {
            switch part {
            case .text(let text):
                result += text
            case .variable(let reference):
                guard depth < maxResolutionDepth else {
                    throw ShellError("\(reference) refers to itself")
                }
                result += try text(of: try resolve(reference), depth: depth + 1, resolve: resolve)
            }
        }
        return result
    }

    /// A value's text, as `echo` would show it.
    private static func text(of value: ShellValue, depth: Int, resolve: (VariableReference) throws -> ShellValue) throws -> String {
        switch value {
        case .string(let string): return try text(string, depth: depth, resolve: resolve)
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .json(let json): return json.compactText
        case .variable(let reference):
            guard depth < maxResolutionDepth else { throw ShellError("\(reference) refers to itself") }
            return try text(of: try resolve(reference), depth: depth + 1, resolve: resolve)
        }
    }

    /// Follows variables until a value that is not one.
    static func resolved(_ value: ShellValue, resolve: (VariableReference) throws -> ShellValue) throws -> ShellValue {
        var current = value
        var depth = 0
        while case .variable(let reference) = current {
            guard depth < maxResolutionDepth else { throw ShellError("\(reference) refers to itself") }
            depth += 1
            current = try resolve(reference)
        }
        return current
    }

    /// An exact number, or a ShellError naming the text.
    static func number(_ text: String) throws -> DynamoNumber {
        do {
            return try DynamoNumber(text)
        } catch {
            if error.message.hasPrefix("The parameter cannot be converted") {
                throw ShellError("\(text) is not a number")
            }
            throw ShellError("\(text) is not a valid number: \(error.message)")
        }
    }

    private static func describe(_ value: AttributeValue) -> String {
        "\(value.plainJSON.compactText) (\(value.typeDescriptor))"
    }
}

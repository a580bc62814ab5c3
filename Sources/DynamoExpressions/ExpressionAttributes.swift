import DynamoModel

/// The `#name` / `:value` maps of one request (`ExpressionAttributeNames`,
/// `ExpressionAttributeValues`), tracking which entries the request's expressions used so the
/// unused ones can be reported, as DynamoDB does.
///
/// Pass the same value (`inout`) to every `parse` of one request, then call `checkAllUsed()`.
public struct ExpressionAttributes: Sendable {
    public let names: [String: String]
    public let values: [String: AttributeValue]
    /// Whether the request carried the map at all (an empty map is an error of its own).
    public let namesProvided: Bool
    public let valuesProvided: Bool
    /// Placeholders resolved so far by the expressions parsed with this value.
    public private(set) var usedNames: Set<String> = []
    public private(set) var usedValues: Set<String> = []

    public init(names: [String: String]?, values: [String: AttributeValue]?) {
        self.names = names ?? [:]
        self.values = values ?? [:]
        self.namesProvided = names != nil
        self.valuesProvided = values != nil
    }

    /// Placeholders defined but not used by any expression parsed so far, sorted.
    public var unusedNames: [String] { names.keys.filter { !usedNames.contains($0) }.sorted() }
    public var unusedValues: [String] { values.keys.filter { !usedValues.contains($0) }.sorted() }

    /// Throws DynamoDB's errors for placeholders no expression used:
    /// `Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}` (names are
    /// checked first), then `Value provided in ExpressionAttributeValues unused in expressions:
    /// keys: {:a, :b}`. Call after parsing all expressions of a request.
    public func checkAllUsed() throws(DynamoError) {
        let names = unusedNames
        if !names.isEmpty {
            throw .validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {\(names.joined(separator: ", "))}")
        }
        let values = unusedValues
        if !values.isEmpty {
            throw .validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {\(values.joined(separator: ", "))}")
        }
    }

    /// Checks the maps themselves, as DynamoDB does before parsing any expression: a map given
    /// must not be empty, and every key must be `#` or `:` followed by letters, digits or `_`.
    public func validateKeys() throws(DynamoError) {
        if namesProvided && names.isEmpty {
            throw .validation("ExpressionAttributeNames must not be empty")
        }
        for key in names.keys.sorted() where !Self.isValidKey(key, sigil: UInt8(ascii: "#")) {
            throw .validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"\(key)\"")
        }
        if valuesProvided && values.isEmpty {
            throw .validation("ExpressionAttributeValues must not be empty")
        }
        for key in values.keys.sorted() where !Self.isValidKey(key, sigil: UInt8(ascii: ":")) {
            throw .validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"\(key)\"")
        }
    }

    static func isValidKey(_ key: String, sigil: UInt8) -> Bool {
        var iterator = key.utf8.makeIterator()
        guard iterator.next() == sigil else { return false }
        var count = 0
        while let byte = iterator.next() {
            guard Lexer.isIdentifierPart(byte) else { return false }
            count += 1
        }
        return count > 0
    }

    mutating func resolveName(_ placeholder: String) -> String? {
        guard let name = names[placeholder] else { return nil }
        usedNames.insert(placeholder)
        return name
    }

    mutating func resolveValue(_ placeholder: String) -> AttributeValue? {
        guard let value = values[placeholder] else { return nil }
        usedValues.insert(placeholder)
        return value
    }
}

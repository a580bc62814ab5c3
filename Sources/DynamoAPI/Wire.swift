import DynamoModel

// The codec's machinery: how one value of the DynamoDB JSON 1.0 wire format becomes a Swift
// value and back. Every shape's codec is a few `required`/`optional` reads and one
// `JSONValue.shape([...])` write built on what is here.

/// Which way a document travels: a request (written by a client) or a response (written by a
/// server). It decides the error an unknown enum value raises: DynamoDB's `ValidationException`
/// for a request, `SerializationException` for a response.
public enum WireDirection: Sendable, Equatable {
    case request
    case response
}

/// Where the codec is in a document, for error messages.
public struct WireContext: Sendable, Equatable {
    public enum Component: Sendable, Equatable {
        /// A member of a structure, by its wire name (`TableName`).
        case member(String)
        /// An element of a list, 0-based.
        case index(Int)
        /// A value of a map, by its key.
        case key(String)
    }

    public var direction: WireDirection
    public var path: [Component]

    public init(direction: WireDirection = .request, path: [Component] = []) {
        self.direction = direction
        self.path = path
    }

    public func member(_ name: String) -> WireContext { appending(.member(name)) }
    public func index(_ index: Int) -> WireContext { appending(.index(index)) }
    public func key(_ key: String) -> WireContext { appending(.key(key)) }

    private func appending(_ component: Component) -> WireContext {
        var copy = self
        copy.path.append(component)
        return copy
    }

    /// The path as DynamoDB's validation messages write it: members in lowerCamel case, list
    /// elements 1-based and followed by `member` (`transactItems.1.member.put.tableName`).
    public var validationPath: String {
        path.map { component in
            switch component {
            case .member(let name): name.prefix(1).lowercased() + name.dropFirst()
            case .index(let i): "\(i + 1).member"
            case .key(let k): "\(k).member"
            }
        }.joined(separator: ".")
    }

    /// The path with wire names, for other messages (`TransactItems[0].Put.TableName`).
    public var wirePath: String {
        var out = ""
        for component in path {
            switch component {
            case .member(let name): out += out.isEmpty ? name : "." + name
            case .index(let i): out += "[\(i)]"
            case .key(let k): out += "[\"\(k)\"]"
            }
        }
        return out
    }

    var describedPath: String { path.isEmpty ? "the document" : "'\(wirePath)'" }

    /// A required member is absent or `null`: DynamoDB's wording.
    public func missing() -> DynamoError {
        .validation("1 validation error detected: Value null at '\(validationPath)' failed to satisfy constraint: Member must not be null")
    }

    /// A member holds the wrong kind of JSON value.
    public func wrongType(expected: String, found: JSONValue) -> DynamoError {
        DynamoError(.serialization, "Unexpected value type at \(describedPath): expected \(expected), found \(found.typeName)")
    }

    /// A string that is not one of an enumeration's values.
    public func unknownEnumValue(_ value: String, allowed: [String]) -> DynamoError {
        switch direction {
        case .request:
            return .validation("1 validation error detected: Value '\(value)' at '\(validationPath)' failed to satisfy constraint: Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
        case .response:
            return DynamoError(.serialization, "Unknown value '\(value)' at \(describedPath) in the response; expected one of \(allowed.joined(separator: ", "))")
        }
    }
}

/// A value that has a form on the wire: strings, numbers, booleans, attribute values, lists
/// and maps of those, enumerations and shapes.
public protocol WireCodable: Sendable {
    /// Decodes the wire form; `context` says where it is, for error messages.
    static func decode(wire json: JSONValue, at context: WireContext) throws(DynamoError) -> Self
    /// The wire form.
    var wireJSON: JSONValue { get }
}

// MARK: Scalars

extension String: WireCodable {
    public static func decode(wire json: JSONValue, at context: WireContext) throws(DynamoError) -> String {
        guard case .string(let s) = json else { throw context.wrongType(expected: "a string", found: json) }
        return s
    }
    public var wireJSON: JSONValue { .string(self) }
}

extension Bool: WireCodable {
    public static func decode(wire json: JSONValue, at context: WireContext) throws(DynamoError) -> Bool {
        guard case .bool(let b) = json else { throw context.wrongType(expected: "a boolean", found: json) }
        return b
    }
    public var wireJSON: JSONValue { .bool(self) }
}

/// Integers accept any JSON number with an integral value (`3`, `3.0`, `3E0`).
enum WireInteger {
    static func decode<T: FixedWidthInteger>(_ json: JSONValue, at context: WireContext, as: T.Type) throws(DynamoError) -> T {
        guard case .number(let text) = json else { throw context.wrongType(expected: "an integer", found: json) }
        if let value = T(text) { return value }
        if let double = Double(text), double.rounded() == double, let value = T(exactly: double) { return value }
        throw DynamoError(.serialization, "Value \(text) at \(context.describedPath) is not an integer in range")
    }
}

extension Int: WireCodable {
    public static func decode(wire json: JSONValue, at context: WireContext) throws(DynamoError) -> Int {
        try WireInteger.decode(json, at: context, as: Int.self)
    }
    public var wireJSON: JSONValue { .number(String(self)) }
}

extension Int64: WireCodable {
    public static func decode(wire json: JSONValue, at context: WireContext) throws(DynamoError) -> Int64 {
        try WireInteger.decode(json, at: context, as: Int64.self)
    }
    public var wireJSON: JSONValue { .number(String(self)) }
}

/// Doubles carry capacity units and timestamps (epoch seconds): metadata, never item data.
extension Double: WireCodable {
    public static func decode(wire json: JSONValue, at context: WireContext) throws(DynamoError) -> Double {
        guard case .number(let text) = json, let value = Double(text) else {
            throw context.wrongType(expected: "a number", found: json)
        }
        return value
    }
    /// Shortest text that reads back as the same `Double`; integral values print without a
    /// fraction (`5`, `1363728080.07`). Non-finite values, which JSON cannot carry, print as 0.
    public var wireJSON: JSONValue {
        guard isFinite else { return .number("0") }
        if rounded() == self, abs(self) < 1e15 { return .number(String(Int64(self))) }
        return .number(description)
    }
}

// MARK: Attribute values

extension AttributeValue: WireCodable {
    public static func decode(wire json: JSONValue, at context: WireContext) throws(DynamoError) -> AttributeValue {
        try AttributeValue(dynamoJSON: json)
    }
    public var wireJSON: JSONValue { dynamoJSON }
}

// MARK: Collections

extension Array: WireCodable where Element: WireCodable {
    public static func decode(wire json: JSONValue, at context: WireContext) throws(DynamoError) -> [Element] {
        guard case .array(let elements) = json else { throw context.wrongType(expected: "a list", found: json) }
        var out: [Element] = []
        out.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            out.append(try Element.decode(wire: element, at: context.index(i)))
        }
        return out
    }
    public var wireJSON: JSONValue { .array(map(\.wireJSON)) }
}

/// Maps keep their keys exactly as written (attribute names are never transformed); they are
/// written in key order so output is stable.
extension Dictionary: WireCodable where Key == String, Value: WireCodable {
    public static func decode(wire json: JSONValue, at context: WireContext) throws(DynamoError) -> [String: Value] {
        guard case .object(let object) = json else { throw context.wrongType(expected: "a map", found: json) }
        var out: [String: Value] = [:]
        out.reserveCapacity(object.count)
        for (key, value) in object {
            out[key] = try Value.decode(wire: value, at: context.key(key))
        }
        return out
    }
    public var wireJSON: JSONValue {
        .object(JSONObject(keys.sorted().map { (key: $0, value: self[$0]!.wireJSON) }))
    }
}

// MARK: Enumerations

/// An enumeration whose cases are strings on the wire.
public protocol WireEnum: WireCodable, RawRepresentable, CaseIterable, Hashable where RawValue == String {}

extension WireEnum {
    public static func decode(wire json: JSONValue, at context: WireContext) throws(DynamoError) -> Self {
        let raw = try String.decode(wire: json, at: context)
        guard let value = Self(rawValue: raw) else {
            throw context.unknownEnumValue(raw, allowed: allCases.map(\.rawValue))
        }
        return value
    }
    public var wireJSON: JSONValue { .string(rawValue) }
}

// MARK: Shapes

/// A structure of the API: a JSON object whose members have PascalCase wire names.
///
/// A shape implements `init(reader:)` and `json`; `init(json:)` comes with the protocol.
public protocol WireShape: WireCodable, Equatable {
    /// Reads the members from a decoded object.
    init(reader: WireReader) throws(DynamoError)
    /// The wire form, without members that are nil.
    var json: JSONValue { get }
    /// Which way this shape travels when it is decoded on its own: `.request` unless it is an
    /// operation's output. Nested shapes inherit the direction of the document they are in.
    static var wireDirection: WireDirection { get }
}

extension WireShape {
    public static var wireDirection: WireDirection { .request }

    /// Decodes the shape from its wire form. A missing required member is a
    /// `ValidationException` in DynamoDB's words; a member of the wrong JSON type is a
    /// `SerializationException` naming the member.
    public init(json: JSONValue) throws(DynamoError) {
        self = try Self.decode(wire: json, at: WireContext(direction: Self.wireDirection))
    }

    public static func decode(wire json: JSONValue, at context: WireContext) throws(DynamoError) -> Self {
        try Self(reader: WireReader(json, at: context))
    }

    public var wireJSON: JSONValue { json }
}

/// Reads the members of one JSON object as typed values.
public struct WireReader: Sendable {
    public let object: JSONObject
    public let context: WireContext

    public init(_ json: JSONValue, at context: WireContext) throws(DynamoError) {
        guard case .object(let object) = json else { throw context.wrongType(expected: "an object", found: json) }
        self.object = object
        self.context = context
    }

    /// The member `name`, or nil when it is absent or `null`.
    public func optional<T: WireCodable>(_ name: String, as type: T.Type = T.self) throws(DynamoError) -> T? {
        guard let value = object[name], value != .null else { return nil }
        return try T.decode(wire: value, at: context.member(name))
    }

    /// The member `name`; absent or `null` is DynamoDB's "Member must not be null".
    public func required<T: WireCodable>(_ name: String, as type: T.Type = T.self) throws(DynamoError) -> T {
        guard let value = try optional(name, as: T.self) else { throw context.member(name).missing() }
        return value
    }
}

extension JSONValue {
    /// A shape's wire form: the members in the order given, nil ones left out.
    public static func shape(_ members: KeyValuePairs<String, (any WireCodable)?>) -> JSONValue {
        .object(JSONObject(members.compactMap { member in
            member.value.map { (key: member.key, value: $0.wireJSON) }
        }))
    }
}

/// An operation's request shape (`<Op>Input`).
public protocol OperationInput: WireShape {}

/// An operation's response shape (`<Op>Output`): decoded on its own, it is a response.
public protocol OperationOutput: WireShape {}

extension OperationOutput {
    public static var wireDirection: WireDirection { .response }
}

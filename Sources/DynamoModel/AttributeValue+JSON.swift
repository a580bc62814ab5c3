import Foundation

// Two JSON forms of attribute values:
// - DynamoDB JSON (`{"N": "1.5"}`): typed and lossless, the wire format;
// - plain JSON (`1.5`): what people write and read; numbers keep every digit.

extension AttributeValue {
    /// Decodes DynamoDB JSON, with DynamoDB's validation messages.
    public init(dynamoJSON json: JSONValue) throws(DynamoError) {
        self = try Self.decode(json)
    }

    // The decoder recurses once per nesting level through `decode`, `decodeList` and
    // `decodeMap` only; they are kept small (the rest lives in `decodeScalar`, which never
    // recurses) so deep documents don't use much stack, even in debug builds.

    static func decode(_ json: JSONValue) throws(DynamoError) -> AttributeValue {
        let (type, value) = try typeAndValue(json)
        switch type {
        case "L": return .l(try decodeList(value))
        case "M": return .m(try decodeMap(value))
        default: return try decodeScalar(type, value)
        }
    }

    static func decodeList(_ value: JSONValue) throws(DynamoError) -> [AttributeValue] {
        guard case .array(let elements) = value else {
            throw DynamoError(.serialization, "Unexpected value type for L: expected an array, found \(value.typeName)")
        }
        var list: [AttributeValue] = []
        list.reserveCapacity(elements.count)
        for element in elements { list.append(try decode(element)) }
        return list
    }

    static func decodeMap(_ value: JSONValue) throws(DynamoError) -> [String: AttributeValue] {
        guard case .object(let object) = value else {
            throw DynamoError(.serialization, "Expected a map of attribute values, found \(value.typeName)")
        }
        var map: [String: AttributeValue] = [:]
        map.reserveCapacity(object.count)
        for member in object.members { map[member.key] = try decode(member.value) }
        return map
    }

    /// The one `"TYPE": value` member of an attribute value object.
    private static func typeAndValue(_ json: JSONValue) throws(DynamoError) -> (String, JSONValue) {
        guard case .object(let object) = json else {
            throw .validation("Supplied AttributeValue is not a JSON object: found \(json.typeName)")
        }
        if object.isEmpty {
            throw .validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        }
        if object.count > 1 {
            throw .validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        }
        return (object.members[0].key, object.members[0].value)
    }

    private static func decodeScalar(_ type: String, _ value: JSONValue) throws(DynamoError) -> AttributeValue {
        func string(_ v: JSONValue) throws(DynamoError) -> String {
            guard case .string(let s) = v else {
                throw DynamoError(.serialization, "Unexpected value type for \(type): expected a string, found \(v.typeName)")
            }
            return s
        }
        func strings(_ v: JSONValue) throws(DynamoError) -> [String] {
            guard case .array(let a) = v else {
                throw DynamoError(.serialization, "Unexpected value type for \(type): expected an array, found \(v.typeName)")
            }
            var out: [String] = []
            out.reserveCapacity(a.count)
            for element in a { out.append(try string(element)) }
            return out
        }
        switch type {
        case "S": return .s(try string(value))
        case "N": return .n(try DynamoNumber(try string(value)))
        case "B": return .b(try decodeBase64(try string(value)))
        case "BOOL":
            switch value {
            case .bool(let b): return .bool(b)
            case .string("true"): return .bool(true)
            case .string("false"): return .bool(false)
            default: throw DynamoError(.serialization, "Unexpected value type for BOOL: expected a boolean, found \(value.typeName)")
            }
        case "NULL":
            switch value {
            case .bool(true), .string("true"): return .null
            case .bool(false), .string("false"):
                throw .validation("One or more parameter values were invalid: Null attribute value types must have the value of true")
            default: throw DynamoError(.serialization, "Unexpected value type for NULL: expected true, found \(value.typeName)")
            }
        case "SS":
            let set = try strings(value)
            if set.isEmpty { throw .validation("One or more parameter values were invalid: An string set  may not be empty") }
            if hasDuplicates(set.map { Array($0.utf8) }) {
                throw .validation("One or more parameter values were invalid: Input collection [\(set.joined(separator: ", "))] contains duplicates.")
            }
            return .ss(set)
        case "NS":
            let texts = try strings(value)
            if texts.isEmpty { throw .validation("One or more parameter values were invalid: An number set  may not be empty") }
            var set: [DynamoNumber] = []
            set.reserveCapacity(texts.count)
            for text in texts { set.append(try DynamoNumber(text)) }
            // By value: ["1", "1.0"] are duplicates. DynamoDB's message here has no prefix and no list.
            if hasDuplicates(set) { throw .validation("Input collection contains duplicates") }
            return .ns(set)
        case "BS":
            let texts = try strings(value)
            if texts.isEmpty { throw .validation("One or more parameter values were invalid: Binary sets should not be empty") }
            var set: [[UInt8]] = []
            set.reserveCapacity(texts.count)
            for text in texts { set.append(try decodeBase64(text)) }
            if hasDuplicates(set) {
                throw .validation("One or more parameter values were invalid: Input collection [\(texts.joined(separator: ", "))]of type BS contains duplicates.")
            }
            return .bs(set)
        case "L": return .l(try decodeList(value))
        case "M": return .m(try decodeMap(value))
        default:
            throw .validation("Supplied AttributeValue has an unknown datatype \(type), must contain exactly one of the supported datatypes")
        }
    }

    static func hasDuplicates<T: Hashable>(_ members: [T]) -> Bool {
        var seen = Set<T>()
        seen.reserveCapacity(members.count)
        for m in members where !seen.insert(m).inserted { return true }
        return false
    }

    /// Encodes as DynamoDB JSON.
    public var dynamoJSON: JSONValue {
        switch self {
        case .s(let s): return .object(["S": .string(s)])
        case .n(let n): return .object(["N": .string(n.description)])
        case .b(let b): return .object(["B": .string(Self.encodeBase64(b))])
        case .bool(let b): return .object(["BOOL": .bool(b)])
        case .null: return .object(["NULL": .bool(true)])
        case .l(let l):
            var elements: [JSONValue] = []
            elements.reserveCapacity(l.count)
            for element in l { elements.append(element.dynamoJSON) }
            return .object(["L": .array(elements)])
        case .m(let m): return .object(["M": m.dynamoJSON])
        case .ss(let set): return .object(["SS": .array(set.map { .string($0) })])
        case .ns(let set): return .object(["NS": .array(set.map { .string($0.description) })])
        case .bs(let set): return .object(["BS": .array(set.map { .string(Self.encodeBase64($0)) })])
        }
    }

    // MARK: Plain JSON

    /// Converts plain JSON: strings → S, numbers → N (exact), booleans → BOOL, null → NULL,
    /// arrays → L, objects → M.
    public init(plainJSON json: JSONValue) throws(DynamoError) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .n(try DynamoNumber(n))
        case .string(let s): self = .s(s)
        case .array(let a):
            var list: [AttributeValue] = []
            list.reserveCapacity(a.count)
            for element in a { list.append(try AttributeValue(plainJSON: element)) }
            self = .l(list)
        case .object(let o):
            var map: Item = [:]
            for (key, value) in o { map[key] = try AttributeValue(plainJSON: value) }
            self = .m(map)
        }
    }

    /// Plain JSON for people and `jq`: numbers keep every digit; sets become arrays and binary
    /// becomes base64 text (what the AWS SDKs' unmarshall does).
    public var plainJSON: JSONValue {
        switch self {
        case .s(let s): return .string(s)
        case .n(let n): return .number(n.description)
        case .b(let b): return .string(Self.encodeBase64(b))
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .l(let l): return .array(l.map(\.plainJSON))
        case .m(let m): return m.plainJSON
        case .ss(let set): return .array(set.map { .string($0) })
        case .ns(let set): return .array(set.map { .number($0.description) })
        case .bs(let set): return .array(set.map { .string(Self.encodeBase64($0)) })
        }
    }

    // MARK: Base64

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in base64Alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// Standard base64 (RFC 4648 §4) with padding.
    public static func encodeBase64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            out.append(base64Alphabet[Int(triple >> 18 & 0x3F)])
            out.append(base64Alphabet[Int(triple >> 12 & 0x3F)])
            out.append(i + 1 < bytes.count ? base64Alphabet[Int(triple >> 6 & 0x3F)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? base64Alphabet[Int(triple & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Strict standard base64, as DynamoDB reads `B` and `BS` values: length a multiple of 4,
    /// only the alphabet, `=` only as one or two final padding characters, and unused bits of
    /// the last character zero (`QUJ=` is refused; `QUI=` is the canonical form of "AB").
    /// Failures are `SerializationException`s with DynamoDB's wording.
    public static func decodeBase64(_ text: String) throws(DynamoError) -> [UInt8] {
        // DynamoDB counts Java chars (UTF-16 code units).
        let length = text.utf16.count
        guard length % 4 == 0 else {
            throw DynamoError(.serialization, "Base64 encoded length is expected a multiple of 4 bytes but found: \(length)")
        }
        let input = Array(text.utf8)
        var padding = 0
        if input.count >= 4, input[input.count - 1] == UInt8(ascii: "=") {
            padding = input[input.count - 2] == UInt8(ascii: "=") ? 2 : 1
        }
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 4 * 3)
        var accumulator: UInt32 = 0
        var bits = 0
        for i in 0..<(input.count - padding) {
            let value = base64Values[Int(input[i])]
            guard value != 0xFF else {
                throw DynamoError(.serialization, "Invalid Base64 character: '\(firstInvalidBase64Character(text))'")
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        if bits > 0 && accumulator & ((1 << UInt32(bits)) - 1) != 0 {
            throw DynamoError(.serialization, "Invalid last non-pad Base64 character dectected")
        }
        return out
    }

    private static func firstInvalidBase64Character(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var end = scalars.count
        while end > 0 && scalars.count - end < 2 && scalars[end - 1] == "=" { end -= 1 }
        for scalar in scalars[..<end] where !(scalar.isASCII && base64Values[Int(scalar.value)] != 0xFF) {
            return String(scalar)
        }
        return "="
    }
}

extension Dictionary where Key == String, Value == AttributeValue {
    /// Decodes an item (or a key, or a map) in DynamoDB JSON.
    ///
    /// Swift dictionaries treat canonically equivalent names ("é" and "e" + U+0301) as one
    /// key, DynamoDB does not: an input holding both keeps only the last.
    public init(dynamoJSON json: JSONValue) throws(DynamoError) {
        self = try AttributeValue.decodeMap(json)
    }

    /// DynamoDB JSON, attributes in name order so output is stable.
    public var dynamoJSON: JSONValue {
        var object = JSONObject()
        for (key, value) in sorted(by: { $0.key < $1.key }) { object.append(key: key, value: value.dynamoJSON) }
        return .object(object)
    }

    /// Decodes an item written as a plain JSON object.
    public init(plainJSON json: JSONValue) throws(DynamoError) {
        guard case .object = json, case .m(let map) = try AttributeValue(plainJSON: json) else {
            throw .validation("An item must be a JSON object, found \(json.typeName)")
        }
        self = map
    }

    /// Plain JSON, attributes in name order.
    public var plainJSON: JSONValue {
        var object = JSONObject()
        for (key, value) in sorted(by: { $0.key < $1.key }) { object.append(key: key, value: value.plainJSON) }
        return .object(object)
    }
}

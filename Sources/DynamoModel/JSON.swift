/// A JSON document that keeps numbers as their exact text and objects in their written order.
///
/// Foundation's `JSONSerialization` turns numbers into `Double` (so `12345678901234567890.1`
/// would lose digits) and forgets key order; iops needs neither to happen, for plain-JSON items
/// and for printing responses the way they were built.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written (already checked to be valid JSON number syntax).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var intValue: Int? { if case .number(let n) = self { Int(n) } else { nil } }

    /// A short name of the JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: Equatable {
    /// Structural equality. Strings compare by UTF-8 bytes (not Unicode canonical equivalence),
    /// numbers by their text (`1.0` and `1` differ: they are different JSON texts), objects by
    /// their members in order. Iterative, so any depth is safe.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        var pending: [(JSONValue, JSONValue)] = [(lhs, rhs)]
        while let (a, b) = pending.popLast() {
            switch (a, b) {
            case (.null, .null):
                continue
            case (.bool(let x), .bool(let y)):
                if x != y { return false }
            case (.number(let x), .number(let y)), (.string(let x), .string(let y)):
                if !x.utf8.elementsEqual(y.utf8) { return false }
            case (.array(let x), .array(let y)):
                guard x.count == y.count else { return false }
                for pair in zip(x, y) { pending.append(pair) }
            case (.object(let x), .object(let y)):
                guard x.count == y.count else { return false }
                for (p, q) in zip(x.members, y.members) {
                    guard JSONObject.sameKey(p.key, q.key) else { return false }
                    pending.append((p.value, q.value))
                }
            default:
                return false
            }
        }
        return true
    }
}

/// A JSON object: ordered members, looked up by key.
///
/// Keys are compared by their UTF-8 bytes, as RFC 8259 compares names (by code points): the
/// precomposed "é" and "e" + U+0301 are two different keys, although Swift's `String ==`
/// calls them equal.
public struct JSONObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var members: [(key: String, value: JSONValue)]

    public init() { members = [] }
    public init(_ members: [(key: String, value: JSONValue)]) { self.members = members }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = elements.map { (key: $0.0, value: $0.1) }
    }

    public subscript(key: String) -> JSONValue? {
        get { members.last(where: { Self.sameKey($0.key, key) })?.value }
        set {
            if let index = members.lastIndex(where: { Self.sameKey($0.key, key) }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key: key, value: newValue))
            }
        }
    }

    /// Adds a member at the end, without looking for an existing one with that key.
    public mutating func append(key: String, value: JSONValue) {
        members.append((key: key, value: value))
    }

    public var keys: [String] { members.map(\.key) }
    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    /// Same members in the same order, keys and strings compared byte for byte.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        JSONValue.object(lhs) == JSONValue.object(rhs)
    }

    static func sameKey(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
}

/// Where a JSON text went wrong: a message and the 1-based line and column.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var line: Int
    public var column: Int
    public var description: String { "\(line):\(column): \(message)" }
}

extension JSONValue {
    /// Parses one JSON document (RFC 8259). Trailing text other than white space is an error.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(Array(text.utf8))
        return try parser.parseDocument()
    }

    /// Parses one JSON document from UTF-8 bytes, as a request body arrives: no `String` made.
    public static func parse(bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        return try parser.parseDocument()
    }

    /// Parses one JSON value at the start of `bytes` and returns it with the number of bytes
    /// it used; for readers that embed JSON in a larger text (the shell).
    public static func parsePrefix(_ bytes: [UInt8]) throws(JSONSyntaxError) -> (JSONValue, Int) {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        return (value, parser.index)
    }
}

struct JSONParser {
    let bytes: [UInt8]
    var index = 0
    /// Containers may nest this deep. Parsing itself uses no recursion (an explicit stack), so
    /// any input fails cleanly; the limit protects the recursive code that consumes values
    /// (writing, comparing, converting, releasing) from exhausting a thread's stack.
    static let maxDepth = 1024

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let position = min(offset ?? index, bytes.count)
        var line = 1
        var column = 1
        var i = 0
        while i < position {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return JSONSyntaxError(message: message, offset: position, line: line, column: column)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if index < bytes.count { throw error("unexpected text after the JSON value") }
        return value
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    /// A container being filled while its members are parsed.
    private enum Open {
        case array([JSONValue])
        /// The object so far, the keys it holds (as UTF-8, JSON compares names by code
        /// points) and the key whose value is being parsed.
        case object(JSONObject, Set<[UInt8]>, String)
    }

    /// Parses one value at `index` (no leading white space) with `depth` containers around it.
    /// Iterative: nesting costs heap, not stack.
    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        var stack: [Open] = []
        while true {
            // Read one value, or open a container and go round for its first member.
            guard index < bytes.count else { throw error("unexpected end of JSON, expected a value") }
            var value: JSONValue
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth + stack.count < Self.maxDepth else {
                    throw error("JSON nested too deeply (more than \(Self.maxDepth) levels)")
                }
                let isObject = bytes[index] == UInt8(ascii: "{")
                index += 1
                skipWhitespace()
                if isObject {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                        index += 1
                        value = .object(JSONObject())
                    } else {
                        var seen = Set<[UInt8]>()
                        let key = try parseKey(seen: &seen)
                        stack.append(.object(JSONObject(), seen, key))
                        continue
                    }
                } else {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                        index += 1
                        value = .array([])
                    } else {
                        stack.append(.array([]))
                        continue
                    }
                }
            case UInt8(ascii: "\""): value = .string(try parseString())
            case UInt8(ascii: "t"): try expectWord("true"); value = .bool(true)
            case UInt8(ascii: "f"): try expectWord("false"); value = .bool(false)
            case UInt8(ascii: "n"): try expectWord("null"); value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try parseNumber())
            default: throw error("unexpected \(describe(bytes[index])), expected a JSON value")
            }
            // Hand the finished value to the containers, closing those that end here.
            closing: while true {
                guard let open = stack.popLast() else { return value }
                skipWhitespace()
                switch open {
                case .array(var array):
                    array.append(value)
                    guard index < bytes.count else { throw error("unexpected end of JSON, expected ',' or ']'") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        skipWhitespace()
                        stack.append(.array(array))
                        break closing
                    }
                    guard bytes[index] == UInt8(ascii: "]") else {
                        throw error("expected ',' or ']' in the array, found \(describe(bytes[index]))")
                    }
                    index += 1
                    value = .array(array)
                case .object(var object, var seen, let key):
                    object.append(key: key, value: value)
                    guard index < bytes.count else { throw error("unexpected end of JSON, expected ',' or '}'") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        let next = try parseKey(seen: &seen)
                        stack.append(.object(object, seen, next))
                        break closing
                    }
                    guard bytes[index] == UInt8(ascii: "}") else {
                        throw error("expected ',' or '}' in the object, found \(describe(bytes[index]))")
                    }
                    index += 1
                    value = .object(object)
                }
            }
        }
    }

    /// Reads `"key" :` and the white space after it; rejects a key already in `seen`.
    private mutating func parseKey(seen: inout Set<[UInt8]>) throws(JSONSyntaxError) -> String {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of JSON inside an object") }
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw error("expected a string key in the object, found \(describe(bytes[index]))")
        }
        let keyStart = index
        let key = try parseString()
        if !seen.insert(Array(key.utf8)).inserted {
            throw error("duplicate key \"\(key)\" in the object", at: keyStart)
        }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
            throw error("expected ':' after the key \"\(key)\"")
        }
        index += 1
        skipWhitespace()
        return key
    }

    mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        let start = index
        let wordBytes = Array(word.utf8)
        let count = wordBytes.count
        guard index + count <= bytes.count, bytes[index..<index + count].elementsEqual(wordBytes) else {
            throw error("invalid literal, expected '\(word)'", at: start)
        }
        index += count
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 }
        guard isDigit(index) else { throw error("invalid number", at: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { throw error("invalid number: leading zero", at: start) }
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw error("invalid number: digits expected after '.'", at: start) }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { throw error("invalid number: digits expected in the exponent", at: start) }
            while isDigit(index) { index += 1 }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("unexpected end of JSON in a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let digit: UInt32
            switch c {
            case 48...57: digit = UInt32(c - 48)
            case 65...70: digit = UInt32(c - 55)
            case 97...102: digit = UInt32(c - 87)
            default: throw error("invalid \\u escape: \(describe(c)) is not a hex digit")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw error("unterminated string", at: start) }
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                index += 1
                break
            }
            if c < 0x20 { throw error("control character in a string must be escaped") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { throw error("unterminated string", at: start) }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error("unpaired surrogate in a \\u escape")
                    }
                    index += 2
                    let low = try parseHex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw error("invalid low surrogate in a \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw error("unpaired surrogate in a \\u escape")
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: index - 2)
            }
        }
        guard let string = String(validating: out, as: UTF8.self) else {
            throw error("string is not valid UTF-8", at: start)
        }
        return string
    }
}

// MARK: Writing

extension JSONValue {
    /// Compact JSON text (no spaces), as sent on the wire.
    public var compactText: String {
        var out: [UInt8] = []
        write(to: &out, indent: nil, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Indented JSON text, for people.
    public func prettyText(indent: Int = 2) -> String {
        var out: [UInt8] = []
        write(to: &out, indent: indent, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends this value's JSON text to `out`: compact when `indent` is nil, else indented by
    /// `indent` spaces per level, starting at `level`. Iterative, so any depth is safe.
    public func write(to out: inout [UInt8], indent: Int?, level: Int) {
        enum Piece {
            case value(JSONValue, Int)
            case byte(UInt8)
            case newline(Int)
            case key(String)
        }
        var pending: [Piece] = [.value(self, level)]
        while let piece = pending.popLast() {
            switch piece {
            case .byte(let byte):
                out.append(byte)
            case .newline(let level):
                guard let indent else { continue }
                out.append(0x0A)
                out.append(contentsOf: repeatElement(0x20, count: indent * level))
            case .key(let key):
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(0x20) }
            case .value(let value, let level):
                switch value {
                case .null: out.append(contentsOf: Array("null".utf8))
                case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
                case .number(let n): out.append(contentsOf: Array(n.utf8))
                case .string(let s): Self.writeString(s, to: &out)
                case .array(let items):
                    out.append(UInt8(ascii: "["))
                    // Pushed in reverse: the last piece pushed is written first.
                    pending.append(.byte(UInt8(ascii: "]")))
                    if !items.isEmpty { pending.append(.newline(level)) }
                    for (i, item) in items.enumerated().reversed() {
                        pending.append(.value(item, level + 1))
                        pending.append(.newline(level + 1))
                        if i > 0 { pending.append(.byte(UInt8(ascii: ","))) }
                    }
                case .object(let object):
                    out.append(UInt8(ascii: "{"))
                    pending.append(.byte(UInt8(ascii: "}")))
                    if !object.isEmpty { pending.append(.newline(level)) }
                    for (i, member) in object.members.enumerated().reversed() {
                        pending.append(.value(member.value, level + 1))
                        pending.append(.key(member.key))
                        pending.append(.newline(level + 1))
                        if i > 0 { pending.append(.byte(UInt8(ascii: ","))) }
                    }
                }
            }
        }
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    public static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        for byte in s.utf8 {
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}

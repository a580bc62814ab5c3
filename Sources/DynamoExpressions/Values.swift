import DynamoModel

/// Value semantics shared by the expression kinds: DynamoDB's ordering, `size`, `contains`,
/// `begins_with`. Strings and binaries compare byte by byte (UTF-8 for strings), numbers by
/// value; nothing here allocates for the common cases.
enum Values {
    // MARK: Byte order

    @inline(__always)
    static func compareBytes<A: Collection, B: Collection>(_ a: A, _ b: B) -> Int
    where A.Element == UInt8, B.Element == UInt8 {
        var left = a.makeIterator()
        var right = b.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?):
                if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    /// Compares two strings by their UTF-8 bytes (DynamoDB's order; not Swift's `<`, which
    /// normalises and so calls `"é"` and `"e\u{301}"` equal).
    @inline(__always)
    static func compareStrings(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        // Fast path: contiguous UTF-8 storage (native strings).
        let result = a.withUTF8 { x in
            b.withUTF8 { y -> Int in
                let count = min(x.count, y.count)
                var index = 0
                while index < count {
                    let p = x[index]
                    let q = y[index]
                    if p != q { return p < q ? -1 : 1 }
                    index += 1
                }
                return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
            }
        }
        return result
    }

    static func hasPrefix<C: Collection>(_ value: C, _ prefix: C) -> Bool where C.Element == UInt8 {
        guard prefix.count <= value.count else { return false }
        return value.prefix(prefix.count).elementsEqual(prefix)
    }

    static func containsBytes<H: RandomAccessCollection, N: RandomAccessCollection>(_ haystack: H, _ needle: N) -> Bool
    where H.Element == UInt8, N.Element == UInt8, H.Index == Int, N.Index == Int {
        if needle.isEmpty { return true }
        if needle.count > haystack.count { return false }
        let base = haystack.startIndex
        let needleBase = needle.startIndex
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[base + start] == needle[needleBase] {
                var matched = true
                var offset = 1
                while offset < needle.count {
                    if haystack[base + start + offset] != needle[needleBase + offset] { matched = false; break }
                    offset += 1
                }
                if matched { return true }
            }
            start += 1
        }
        return false
    }

    // MARK: Numbers against sizes

    /// Compares an integer (a `size()` result) with a number, exactly and without allocating.
    static func compare(_ integer: Int, _ number: DynamoNumber) -> Int {
        if let value = number.intValue {
            return integer == value ? 0 : (integer < value ? -1 : 1)
        }
        // Not an Int: either too large in magnitude or it has a fractional part.
        if number.exponent > 18 {
            return number.isNegative ? 1 : -1
        }
        // |number| = whole + fraction with 0 < fraction < 1.
        var whole = 0
        var index = 0
        while index < number.exponent && index < number.digits.count {
            whole = whole * 10 + Int(number.digits[index])
            index += 1
        }
        while index < number.exponent {
            whole *= 10
            index += 1
        }
        if number.isNegative {
            // number = -(whole + fraction): integer > number iff integer >= -whole.
            return integer >= -whole ? 1 : -1
        }
        return integer <= whole ? -1 : 1
    }

    // MARK: Type names in messages

    /// The type names DynamoDB uses in ADD / DELETE operand errors.
    static func updateTypeName(_ value: AttributeValue) -> String {
        switch value {
        case .s: "STRING"
        case .n: "NUMBER"
        case .b: "BINARY"
        case .null: "NULL"
        case .bool: "BOOLEAN"
        case .l: "LIST"
        case .m: "MAP"
        case .ss, .ns, .bs: value.typeDescriptor
        }
    }

    /// `{N:2}`-style rendering used in BETWEEN errors.
    static func brief(_ value: AttributeValue) -> String {
        switch value {
        case .s(let string): "{S:\(string)}"
        case .n(let number): "{N:\(number)}"
        case .b(let bytes): "{B:\(base64(bytes))}"
        default: "{\(value.typeDescriptor)}"
        }
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = Int(bytes[index])
            let b1 = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[((b0 & 0x03) << 4) | (b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[((b1 & 0x0F) << 2) | (b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[b2 & 0x3F] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Sets

    static func stringKey(_ string: String) -> [UInt8] { Array(string.utf8) }

    /// Union of two sets of the same type, keeping `base`'s order and appending new members.
    static func union(_ base: AttributeValue, _ added: AttributeValue) -> AttributeValue? {
        switch (base, added) {
        case (.ss(let a), .ss(let b)):
            var seen = Set(a.map(stringKey))
            var result = a
            for member in b where seen.insert(stringKey(member)).inserted { result.append(member) }
            return .ss(result)
        case (.ns(let a), .ns(let b)):
            var seen = Set(a)
            var result = a
            for member in b where seen.insert(member).inserted { result.append(member) }
            return .ns(result)
        case (.bs(let a), .bs(let b)):
            var seen = Set(a)
            var result = a
            for member in b where seen.insert(member).inserted { result.append(member) }
            return .bs(result)
        default:
            return nil
        }
    }

    /// `base` without the members of `removed` (same set type), or nil on a type mismatch.
    static func difference(_ base: AttributeValue, _ removed: AttributeValue) -> AttributeValue? {
        switch (base, removed) {
        case (.ss(let a), .ss(let b)):
            let drop = Set(b.map(stringKey))
            return .ss(a.filter { !drop.contains(stringKey($0)) })
        case (.ns(let a), .ns(let b)):
            let drop = Set(b)
            return .ns(a.filter { !drop.contains($0) })
        case (.bs(let a), .bs(let b)):
            let drop = Set(b)
            return .bs(a.filter { !drop.contains($0) })
        default:
            return nil
        }
    }

    static func isEmptySet(_ value: AttributeValue) -> Bool {
        switch value {
        case .ss(let members): members.isEmpty
        case .ns(let members): members.isEmpty
        case .bs(let members): members.isEmpty
        default: false
        }
    }
}

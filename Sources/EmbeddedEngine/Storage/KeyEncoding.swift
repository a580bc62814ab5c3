import DynamoModel

/// Order-preserving bytes for key attribute values, so that SQLite's BLOB order (memcmp, then
/// length) is DynamoDB's order and a key condition is an index range scan.
///
/// Each key component lives in its own SQLite column, so no escaping between components is
/// needed: `"a"` + `"b"` can never sort as `"ab"`.
enum KeyEncoding {
    /// Strings and binary: the bytes as they are (DynamoDB compares UTF-8 bytes, unsigned).
    /// Numbers: a class byte (negative 0x01 < zero 0x02 < positive 0x03); a positive number
    /// then has its exponent biased into one byte and its digits packed two per byte (each
    /// byte 1…100, so shorter prefixes sort first); a negative number is the byte-wise
    /// complement of its magnitude's encoding followed by 0xFF, which sorts after every
    /// complemented digit byte so that -0.12 > -0.123.
    static func encode(_ value: AttributeValue) -> [UInt8] {
        switch value {
        case .s(let s): return Array(s.utf8)
        case .b(let b): return b
        case .n(let n): return encode(n)
        default: return [] // never a key type: validated before encoding
        }
    }

    static func encode(_ n: DynamoNumber) -> [UInt8] {
        if n.isZero { return [0x02] }
        var out: [UInt8] = []
        out.reserveCapacity(3 + (n.digits.count + 1) / 2)
        out.append(n.isNegative ? 0x01 : 0x03)
        var magnitude: [UInt8] = [UInt8(n.exponent - DynamoNumber.minExponent)]
        var i = 0
        while i < n.digits.count {
            let high = n.digits[i]
            let low = i + 1 < n.digits.count ? n.digits[i + 1] : 0
            magnitude.append(high * 10 + low + 1)
            i += 2
        }
        if n.isNegative {
            for byte in magnitude { out.append(~byte) }
            out.append(0xFF)
        } else {
            out.append(contentsOf: magnitude)
        }
        return out
    }

    static func decodeNumber(_ bytes: [UInt8]) -> DynamoNumber? {
        guard let first = bytes.first else { return nil }
        if first == 0x02 { return .zero }
        let negative = first == 0x01
        var body = Array(bytes.dropFirst())
        if negative {
            guard body.last == 0xFF else { return nil }
            body.removeLast()
            body = body.map { ~$0 }
        }
        guard let exponentByte = body.first else { return nil }
        var digits: [UInt8] = []
        for packed in body.dropFirst() {
            guard packed >= 1 && packed <= 100 else { return nil }
            digits.append((packed - 1) / 10)
            digits.append((packed - 1) % 10)
        }
        return try? DynamoNumber(negative: negative, digits: digits, exponent: Int(exponentByte) + DynamoNumber.minExponent)
    }

    static func decode(_ bytes: [UInt8], type: ScalarType) -> AttributeValue? {
        switch type {
        case .s: return String(validating: bytes, as: UTF8.self).map { .s($0) }
        case .b: return .b(bytes)
        case .n: return decodeNumber(bytes).map { .n($0) }
        }
    }

    /// The smallest byte string greater than every string that starts with `prefix`, or nil
    /// when there is none (the prefix is all 0xFF): the upper bound of a `begins_with` range.
    static func prefixSuccessor(_ prefix: [UInt8]) -> [UInt8]? {
        var bytes = prefix
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return bytes
            }
            bytes.removeLast()
        }
        return nil
    }

    /// Two bytes of a stable hash of the partition key, stored before it: Scan order then
    /// follows the hash as DynamoDB's does, and `Segment`/`TotalSegments` are hash ranges.
    static func hashPrefix(_ encodedPartitionKey: [UInt8]) -> (UInt8, UInt8) {
        var hash: UInt32 = 2_166_136_261 // FNV-1a
        for byte in encodedPartitionKey {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        hash ^= hash >> 16
        return (UInt8(truncatingIfNeeded: hash >> 8), UInt8(truncatingIfNeeded: hash))
    }

    /// The stored partition key column: hash prefix, then the encoded value.
    static func partitionColumn(_ value: AttributeValue) -> [UInt8] {
        let encoded = encode(value)
        let (h1, h2) = hashPrefix(encoded)
        var out: [UInt8] = [h1, h2]
        out.append(contentsOf: encoded)
        return out
    }
}

/// The three types a key attribute may have.
enum ScalarType: String, Codable, Sendable {
    case s = "S", n = "N", b = "B"

    func matches(_ value: AttributeValue) -> Bool {
        switch (self, value) {
        case (.s, .s), (.n, .n), (.b, .b): true
        default: false
        }
    }
}

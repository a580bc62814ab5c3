import DynamoModel

/// The compact binary form items are stored in: a type tag per value, varint lengths, numbers
/// as packed decimal digits (exact, never through a Double). Decoding checks every length, so
/// a damaged row is an error, never a crash.
enum ItemCodec {
    struct CorruptData: Error {}

    /// Exponents (-129…126) are stored biased so the varint is never negative.
    static let exponentBias = 1000

    private enum Tag: UInt8 {
        case s = 1, n, b, boolFalse, boolTrue, null, l, m, ss, ns, bs
    }

    static func encode(_ item: Item) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + item.count * 16)
        writeMap(item, to: &out)
        return out
    }

    static func decode(_ bytes: [UInt8]) throws -> Item {
        try bytes.withUnsafeBytes { raw in try decode(raw) }
    }

    static func decode(_ raw: UnsafeRawBufferPointer) throws -> Item {
        var reader = Reader(bytes: raw)
        let item = try reader.readMap(depth: 0)
        guard reader.offset == raw.count else { throw CorruptData() }
        return item
    }

    // MARK: Writing

    private static func writeVarint(_ value: Int, to out: inout [UInt8]) {
        var v = UInt64(value)
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func writeBytes<C: Collection>(_ bytes: C, to out: inout [UInt8]) where C.Element == UInt8 {
        writeVarint(bytes.count, to: &out)
        out.append(contentsOf: bytes)
    }

    private static func writeMap(_ map: Item, to out: inout [UInt8]) {
        writeVarint(map.count, to: &out)
        for (name, value) in map {
            writeBytes(name.utf8, to: &out)
            writeValue(value, to: &out)
        }
    }

    private static func writeNumber(_ n: DynamoNumber, to out: inout [UInt8]) {
        if n.isZero {
            out.append(0)
            return
        }
        out.append(n.isNegative ? 2 : 1)
        writeVarint(n.exponent + exponentBias, to: &out)
        writeVarint(n.digits.count, to: &out)
        var i = 0
        while i < n.digits.count {
            let low = i + 1 < n.digits.count ? n.digits[i + 1] : 0
            out.append(n.digits[i] << 4 | low)
            i += 2
        }
    }

    private static func writeValue(_ value: AttributeValue, to out: inout [UInt8]) {
        switch value {
        case .s(let s):
            out.append(Tag.s.rawValue)
            writeBytes(s.utf8, to: &out)
        case .n(let n):
            out.append(Tag.n.rawValue)
            writeNumber(n, to: &out)
        case .b(let b):
            out.append(Tag.b.rawValue)
            writeBytes(b, to: &out)
        case .bool(let b):
            out.append(b ? Tag.boolTrue.rawValue : Tag.boolFalse.rawValue)
        case .null:
            out.append(Tag.null.rawValue)
        case .l(let list):
            out.append(Tag.l.rawValue)
            writeVarint(list.count, to: &out)
            for element in list { writeValue(element, to: &out) }
        case .m(let map):
            out.append(Tag.m.rawValue)
            writeMap(map, to: &out)
        case .ss(let set):
            out.append(Tag.ss.rawValue)
            writeVarint(set.count, to: &out)
            for s in set { writeBytes(s.utf8, to: &out) }
        case .ns(let set):
            out.append(Tag.ns.rawValue)
            writeVarint(set.count, to: &out)
            for n in set { writeNumber(n, to: &out) }
        case .bs(let set):
            out.append(Tag.bs.rawValue)
            writeVarint(set.count, to: &out)
            for b in set { writeBytes(b, to: &out) }
        }
    }

    // MARK: Reading

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw CorruptData() }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() throws -> Int {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                result |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { break }
                shift += 7
                guard shift < 64 else { throw CorruptData() }
            }
            guard result <= UInt64(Int.max) else { throw CorruptData() }
            return Int(result)
        }

        mutating func count() throws -> Int {
            let n = try varint()
            guard n <= bytes.count - offset else { throw CorruptData() }
            return n
        }

        mutating func rawBytes() throws -> [UInt8] {
            let n = try count()
            defer { offset += n }
            return [UInt8](UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]))
        }

        mutating func string() throws -> String {
            let n = try count()
            defer { offset += n }
            let raw = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n])
            // ASCII (names, ids, timestamps: nearly every string) is valid UTF-8 as it stands.
            // `String(validating:)` looks up generic metadata on every call (about 8 % of a
            // GSI Query's time in iops-bench), so only the other strings go through it.
            if raw.allSatisfy({ $0 < 0x80 }) { return String(decoding: raw, as: UTF8.self) }
            // Invalid UTF-8 is damage: never repaired into U+FFFD behind the caller's back.
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw CorruptData()
            }
            return text
        }

        mutating func number() throws -> DynamoNumber {
            let flag = try byte()
            if flag == 0 { return .zero }
            guard flag == 1 || flag == 2 else { throw CorruptData() }
            let exponent = try varint() - ItemCodec.exponentBias
            let digitCount = try varint()
            guard digitCount <= 2 * (bytes.count - offset) else { throw CorruptData() }
            var digits: [UInt8] = []
            digits.reserveCapacity(digitCount)
            var i = 0
            while i < digitCount {
                let packed = try byte()
                digits.append(packed >> 4)
                if i + 1 < digitCount { digits.append(packed & 0x0F) }
                i += 2
            }
            guard digits.allSatisfy({ $0 <= 9 }),
                  let number = try? DynamoNumber(negative: flag == 2, digits: digits, exponent: exponent) else { throw CorruptData() }
            return number
        }

        mutating func readMap(depth: Int) throws -> Item {
            guard depth <= 64 else { throw CorruptData() }
            let n = try count()
            var map: Item = Dictionary(minimumCapacity: n)
            for _ in 0..<n {
                let name = try string()
                map[name] = try value(depth: depth)
            }
            return map
        }

        mutating func value(depth: Int) throws -> AttributeValue {
            guard depth <= 64 else { throw CorruptData() }
            guard let tag = Tag(rawValue: try byte()) else { throw CorruptData() }
            switch tag {
            case .s: return .s(try string())
            case .n: return .n(try number())
            case .b: return .b(try rawBytes())
            case .boolFalse: return .bool(false)
            case .boolTrue: return .bool(true)
            case .null: return .null
            case .l:
                let n = try count()
                var list: [AttributeValue] = []
                list.reserveCapacity(n)
                for _ in 0..<n { list.append(try value(depth: depth + 1)) }
                return .l(list)
            case .m: return .m(try readMap(depth: depth + 1))
            case .ss:
                let n = try count()
                var set: [String] = []
                set.reserveCapacity(n)
                for _ in 0..<n { set.append(try string()) }
                return .ss(set)
            case .ns:
                let n = try count()
                var set: [DynamoNumber] = []
                set.reserveCapacity(n)
                for _ in 0..<n { set.append(try number()) }
                return .ns(set)
            case .bs:
                let n = try count()
                var set: [[UInt8]] = []
                set.reserveCapacity(n)
                for _ in 0..<n { set.append(try rawBytes()) }
                return .bs(set)
            }
        }
    }
}

import DynamoAPI
import DynamoModel
import Foundation
import PropertyBased
import Testing
@testable import EmbeddedEngine

@Suite struct ItemCodecTests {
    typealias A = EngineArbitrary

    /// Exact structural equality: `==` on AttributeValue is DynamoDB's (sets as sets), this
    /// also checks set order, number digits and the bytes of every string and name.
    static func identical(_ a: AttributeValue, _ b: AttributeValue) -> Bool {
        switch (a, b) {
        case (.s(let x), .s(let y)): return Array(x.utf8) == Array(y.utf8)
        case (.n(let x), .n(let y)): return x.isNegative == y.isNegative && x.digits == y.digits && x.exponent == y.exponent
        case (.b(let x), .b(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.l(let x), .l(let y)): return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
        case (.m(let x), .m(let y)): return identical(x, y)
        case (.ss(let x), .ss(let y)): return x.map { Array($0.utf8) } == y.map { Array($0.utf8) }
        case (.ns(let x), .ns(let y)): return x.count == y.count && zip(x, y).allSatisfy { identical(.n($0), .n($1)) }
        case (.bs(let x), .bs(let y)): return x == y
        default: return false
        }
    }

    static func identical(_ a: Item, _ b: Item) -> Bool {
        guard a.count == b.count else { return false }
        for (name, value) in a {
            guard let index = b.index(forKey: name), Array(b[index].key.utf8) == Array(name.utf8),
                  identical(value, b[index].value) else { return false }
        }
        return true
    }

    static let items = A.gen { A.item(using: &$0) }

    @Test func randomItemsRoundTrip() async {
        await propertyCheck(count: 1500, input: Self.items) { item throws in
            let encoded = ItemCodec.encode(item)
            let decoded = try ItemCodec.decode(encoded)
            #expect(Self.identical(decoded, item), "\(item)")
            #expect(decoded == item)
            // Decoding from a raw buffer (how rows are read from SQLite) agrees.
            let viaBuffer = try encoded.withUnsafeBytes { try ItemCodec.decode($0) }
            #expect(Self.identical(viaBuffer, item))
        }
    }

    @Test func everyTypeRoundTrips() throws {
        let item: Item = [
            "s": .s("héllo 😀 \u{0}"), "empty": .s(""), "n": .n(try DynamoNumber("-123.456E-7")), "zero": .n(.zero),
            "b": .b([0, 1, 0xFF]), "emptyB": .b([]), "t": .bool(true), "f": .bool(false), "null": .null,
            "l": .l([.s("a"), .n(DynamoNumber(1)), .l([]), .m([:])]),
            "m": .m(["nested": .m(["deeper": .ss(["x", "y"])])]),
            "ss": .ss(["b", "a", "c"]), "ns": .ns([DynamoNumber(3), DynamoNumber(-1)]), "bs": .bs([[1], [0xFF, 0]]),
            "": .s("empty name"),
        ]
        let decoded = try ItemCodec.decode(ItemCodec.encode(item))
        #expect(Self.identical(decoded, item))
        #expect(try ItemCodec.decode(ItemCodec.encode([:])).isEmpty)
    }

    /// Numbers come back digit for digit, never through a Double.
    @Test func numbersAreExact() throws {
        let texts = [
            "1E-130", "-1E-130", "9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125",
            "12345678901234567890123456789012345678", "0.1", "0.30000000000000000000000000000000000001",
            "9007199254740993", "-0.000000000000000000000000000000000000000000000001", "100", "1E+125",
        ]
        for text in texts {
            let n = try DynamoNumber(text)
            let decoded = try ItemCodec.decode(ItemCodec.encode(["n": .n(n), "set": .ns([n])]))
            #expect(Self.identical(decoded["n"]!, .n(n)), "\(text)")
            #expect(decoded["n"]?.numberValue?.description == n.description)
            #expect(Self.identical(decoded["set"]!, .ns([n])))
        }
        #expect(try ItemCodec.decode(ItemCodec.encode(["n": .n(try DynamoNumber("9007199254740993"))]))["n"]?.numberValue?.description
            == "9007199254740993")
    }

    @Test func truncatedEncodingsThrow() async {
        await propertyCheck(count: 300, input: Self.items) { item in
            let encoded = ItemCodec.encode(item)
            for length in 0..<encoded.count {
                #expect(throws: (any Error).self, "prefix of \(length) of \(encoded.count) bytes") {
                    try ItemCodec.decode(Array(encoded.prefix(length)))
                }
            }
            // Trailing garbage is damage too.
            #expect(throws: (any Error).self) { try ItemCodec.decode(encoded + [0]) }
        }
    }

    /// Random bytes, and valid encodings with random bytes flipped, decode or throw: never crash.
    @Test func damagedBytesNeverCrash() async {
        await propertyCheck(count: 3000, input: A.gen { A.bytes(maxLength: 64, using: &$0) }) { bytes in
            if let item = try? ItemCodec.decode(bytes) {
                // Whatever decodes re-encodes and decodes to the same item.
                #expect((try? ItemCodec.decode(ItemCodec.encode(item))) == item)
            }
        }
        let mutated = A.gen { rng -> [UInt8] in
            var bytes = ItemCodec.encode(A.item(using: &rng))
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            return bytes
        }
        await propertyCheck(count: 3000, input: mutated) { bytes in
            _ = try? ItemCodec.decode(bytes)
        }
    }

    @Test func hostileLengthsThrow() {
        // A map claiming 2^62 attributes, a string longer than the buffer, an overlong varint.
        #expect(throws: ItemCodec.CorruptData.self) { try ItemCodec.decode([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]) }
        #expect(throws: ItemCodec.CorruptData.self) { try ItemCodec.decode([0x01, 0x01, 0x61, 0x01, 0x7F]) }
        #expect(throws: ItemCodec.CorruptData.self) { try ItemCodec.decode([UInt8](repeating: 0xFF, count: 12)) }
        // An unknown type tag.
        #expect(throws: ItemCodec.CorruptData.self) { try ItemCodec.decode([0x01, 0x01, 0x61, 0x63]) }
        // A string (or a name) that is not valid UTF-8: damage, not silently repaired.
        #expect(throws: ItemCodec.CorruptData.self) { try ItemCodec.decode([0x01, 0x01, 0x61, 0x01, 0x02, 0xC3, 0x28]) }
        #expect(throws: ItemCodec.CorruptData.self) { try ItemCodec.decode([0x01, 0x01, 0xFF, 0x06]) }
        #expect(throws: ItemCodec.CorruptData.self) { try ItemCodec.decode([0x01, 0x01, 0x61, 0x09, 0x01, 0x03, 0xED, 0xA0, 0x80]) }
        // A number with a digit nibble above 9.
        #expect(throws: ItemCodec.CorruptData.self) { try ItemCodec.decode([0x01, 0x01, 0x61, 0x02, 0x01, 0xE9, 0x07, 0x02, 0xAF]) }
        // A number whose exponent is out of DynamoDB's range: damage, not a ValidationException.
        #expect(throws: ItemCodec.CorruptData.self) { try ItemCodec.decode([0x01, 0x01, 0x61, 0x02, 0x01, 0x00, 0x01, 0x10]) }
    }

    /// Nesting far deeper than any stored item (lists in lists, maps in maps) is refused as
    /// damage rather than overflowing the stack.
    @Test func deepNestingThrows() {
        let depth = 200_000
        var lists: [UInt8] = [0x01, 0x01, 0x61] // one attribute "a"
        for _ in 0..<depth { lists += [0x07, 0x01] } // L with one element
        lists.append(0x06) // NULL
        #expect(throws: ItemCodec.CorruptData.self) { try ItemCodec.decode(lists) }

        var maps: [UInt8] = [0x01, 0x01, 0x61]
        for _ in 0..<depth { maps += [0x08, 0x01, 0x01, 0x61] } // M with one attribute "a"
        maps.append(0x06)
        #expect(throws: ItemCodec.CorruptData.self) { try ItemCodec.decode(maps) }

        // DynamoDB's own limit (32 levels) round-trips.
        var value: AttributeValue = .null
        for level in 0..<32 { value = level.isMultiple(of: 2) ? .l([value]) : .m(["x": value]) }
        #expect((try? ItemCodec.decode(ItemCodec.encode(["deep": value]))) == ["deep": value])
    }

    /// A damaged row in a real store surfaces as an error from the engine and from the
    /// integrity check, never as a crash.
    @Test func damagedStoredItemIsReported() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        _ = try engine.createTable(metricsTable())
        _ = try engine.putItem(PutItemInput(tableName: "iops-dashboard-metrics", item: [
            "entity_id": .s("a"), "entity_type": .s("student"), "health_score": .n(DynamoNumber(5)),
        ]))
        let table = try #require(engine.tableIfExists("iops-dashboard-metrics"))
        try engine.primary.db.execute("UPDATE \(table.itemsTable) SET item = x'0101610799'")
        #expect(throws: DynamoError.self) {
            try engine.getItem(GetItemInput(tableName: "iops-dashboard-metrics",
                                            key: ["entity_id": .s("a"), "entity_type": .s("student")]))
        }
        let report = try engine.checkIntegrity()
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.contains("does not decode") })
    }
}

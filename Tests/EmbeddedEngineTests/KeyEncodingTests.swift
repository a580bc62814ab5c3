import DynamoAPI
import DynamoModel
import Foundation
import PropertyBased
import Testing
@testable import EmbeddedEngine

// Random values for the storage-layer property tests (KeyEncoding, ItemCodec). Everything is
// namespaced under `EngineArbitrary` so it cannot clash with helpers of other test files.

enum EngineArbitrary {
    /// A small generator seeded from PropertyBased's, so `.fixedSeed` reproduces a failure.
    struct RNG: RandomNumberGenerator {
        var state: UInt64

        init(from rng: inout any SeededRandomNumberGenerator) { state = rng.next() }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A generator (no shrinking) whose values come from `build`.
    static func gen<T>(_ build: @escaping @Sendable (inout RNG) -> T) -> Generator<T, Shrink.None<T>> {
        Generator { rng in
            var local = RNG(from: &rng)
            return build(&local)
        }
    }

    /// A number DynamoDB would store, built from parts (the init normalises and checks range).
    static func number(negative: Bool, digits: [UInt8], exponent: Int) -> DynamoNumber {
        (try? DynamoNumber(negative: negative, digits: digits, exponent: exponent)) ?? .zero
    }

    static let thirtyEightNines = [UInt8](repeating: 9, count: 38)

    /// The extremes of DynamoDB's range and other values where the encoding has edges.
    static let edgeNumbers: [DynamoNumber] = {
        var out: [DynamoNumber] = [.zero]
        for negative in [false, true] {
            out.append(number(negative: negative, digits: [1], exponent: DynamoNumber.minExponent)) // 1E-130
            out.append(number(negative: negative, digits: thirtyEightNines, exponent: DynamoNumber.maxExponent)) // 9.99…E+125
            out.append(number(negative: negative, digits: [1], exponent: DynamoNumber.maxExponent)) // 1E+125
            out.append(number(negative: negative, digits: thirtyEightNines, exponent: DynamoNumber.minExponent))
            out.append(number(negative: negative, digits: [1], exponent: 1)) // 1
            out.append(number(negative: negative, digits: [9, 9], exponent: 0)) // 0.99
            out.append(number(negative: negative, digits: [1, 0, 1], exponent: 1)) // 1.01
            out.append(number(negative: negative, digits: [1, 2], exponent: 0)) // 0.12
            out.append(number(negative: negative, digits: [1, 2, 3], exponent: 0)) // 0.123
        }
        return out
    }()

    /// Any number in DynamoDB's range: 1…38 random digits, random sign, exponent anywhere from
    /// 1E-130 to 9.99…E+125, sometimes one of the edges, sometimes digits that hit the packed
    /// byte's extremes (00 and 99).
    static func number(using rng: inout some RandomNumberGenerator) -> DynamoNumber {
        switch Int.random(in: 0..<20, using: &rng) {
        case 0: return .zero
        case 1, 2: return edgeNumbers.randomElement(using: &rng)!
        default: break
        }
        let count = Int.random(in: 1...38, using: &rng)
        let palette: [UInt8] = switch Int.random(in: 0..<4, using: &rng) {
        case 0: [0, 9]
        case 1: [0, 0, 0, 1]
        default: Array(0...9)
        }
        var digits = (0..<count).map { _ in palette.randomElement(using: &rng)! }
        digits[0] = UInt8.random(in: 1...9, using: &rng)
        let exponent: Int = switch Int.random(in: 0..<6, using: &rng) {
        case 0: DynamoNumber.minExponent + Int.random(in: 0...3, using: &rng)
        case 1: DynamoNumber.maxExponent - Int.random(in: 0...3, using: &rng)
        case 2: Int.random(in: -3...3, using: &rng)
        default: Int.random(in: DynamoNumber.minExponent...DynamoNumber.maxExponent, using: &rng)
        }
        return number(negative: Bool.random(using: &rng), digits: digits, exponent: exponent)
    }

    /// A second number related to `a` so that the interesting comparisons (same sign, same
    /// exponent, shared leading digits, one a prefix of the other) happen often.
    static func neighbour(of a: DynamoNumber, using rng: inout some RandomNumberGenerator) -> DynamoNumber {
        if a.isZero { return number(using: &rng) }
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return a
        case 1: return -a
        case 2: // a prefix of a's digits
            return number(negative: a.isNegative, digits: Array(a.digits.prefix(Int.random(in: 1...a.digits.count, using: &rng))),
                          exponent: a.exponent)
        case 3: // a's digits with more appended
            let extra = (0..<Int.random(in: 1...4, using: &rng)).map { _ in UInt8.random(in: 0...9, using: &rng) }
            return number(negative: a.isNegative, digits: Array((a.digits + extra).prefix(38)), exponent: a.exponent)
        case 4: // one digit changed
            var digits = a.digits
            let position = Int.random(in: 0..<digits.count, using: &rng)
            digits[position] = UInt8.random(in: (position == 0 ? 1 : 0)...9, using: &rng)
            return number(negative: a.isNegative, digits: digits, exponent: a.exponent)
        case 5: // neighbouring exponent
            let exponent = min(DynamoNumber.maxExponent, max(DynamoNumber.minExponent, a.exponent + Int.random(in: -1...1, using: &rng)))
            return number(negative: a.isNegative, digits: a.digits, exponent: exponent)
        default:
            return number(using: &rng)
        }
    }

    static let interestingScalars: [Unicode.Scalar] = [
        "\u{0}", "\u{1}", "a", "b", "z", "A", " ", "\u{7F}", "\u{80}", "é", "\u{301}", "ß", "\u{7FF}", "\u{800}",
        "\u{D7FF}", "\u{E000}", "\u{FEFF}", "\u{FFFD}", "\u{FFFF}", "中", "😀", "\u{10000}", "\u{10FFFF}",
    ]

    static func scalar(using rng: inout some RandomNumberGenerator) -> Unicode.Scalar {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return interestingScalars.randomElement(using: &rng)!
        case 1: return Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng))
        default:
            let planes: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x800...0xFFFF, 0x10000...0x10FFFF]
            while true {
                if let scalar = Unicode.Scalar(UInt32.random(in: planes.randomElement(using: &rng)!, using: &rng)) {
                    return scalar
                }
            }
        }
    }

    static func string(maxLength: Int = 10, using rng: inout some RandomNumberGenerator) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxLength, using: &rng) { scalars.append(scalar(using: &rng)) }
        return String(scalars)
    }

    static func bytes(maxLength: Int = 10, using rng: inout some RandomNumberGenerator) -> [UInt8] {
        let palette: [UInt8]? = Bool.random(using: &rng) ? [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF] : nil
        return (0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in
            palette?.randomElement(using: &rng) ?? UInt8.random(in: 0...255, using: &rng)
        }
    }

    /// A value of any of the ten types, nested up to `depth`. Sets hold distinct members.
    static func attributeValue(depth: Int, using rng: inout some RandomNumberGenerator) -> AttributeValue {
        var kinds = ["S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS"]
        if depth > 0 { kinds += ["L", "M", "L", "M"] }
        switch kinds.randomElement(using: &rng)! {
        case "S": return .s(string(using: &rng))
        case "N": return .n(number(using: &rng))
        case "B": return .b(bytes(using: &rng))
        case "BOOL": return .bool(Bool.random(using: &rng))
        case "NULL": return .null
        case "SS":
            var seen = Set<[UInt8]>()
            return .ss((0..<Int.random(in: 1...5, using: &rng)).map { _ in string(maxLength: 4, using: &rng) }
                .filter { seen.insert(Array($0.utf8)).inserted })
        case "NS":
            var seen = Set<DynamoNumber>()
            return .ns((0..<Int.random(in: 1...5, using: &rng)).map { _ in number(using: &rng) }
                .filter { seen.insert($0).inserted })
        case "BS":
            var seen = Set<[UInt8]>()
            return .bs((0..<Int.random(in: 1...5, using: &rng)).map { _ in bytes(maxLength: 4, using: &rng) }
                .filter { seen.insert($0).inserted })
        case "L":
            return .l((0..<Int.random(in: 0...4, using: &rng)).map { _ in attributeValue(depth: depth - 1, using: &rng) })
        default:
            return .m(item(maxAttributes: 4, depth: depth - 1, using: &rng))
        }
    }

    static func item(maxAttributes: Int = 8, depth: Int = 3, using rng: inout some RandomNumberGenerator) -> Item {
        var item: Item = [:]
        for _ in 0..<Int.random(in: 0...maxAttributes, using: &rng) {
            item[string(maxLength: 6, using: &rng)] = attributeValue(depth: depth, using: &rng)
        }
        return item
    }

    /// Unsigned lexicographic order with the shorter string first on a common prefix: what
    /// SQLite does for BLOBs (memcmp, then length) and what DynamoDB does for S and B.
    static func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// DynamoDB's order for two key values of the same type.
    static func dynamoOrder(_ a: AttributeValue, _ b: AttributeValue) -> Int {
        switch (a, b) {
        case (.n(let x), .n(let y)): DynamoNumber.compare(x, y)
        case (.s(let x), .s(let y)): compareBytes(Array(x.utf8), Array(y.utf8))
        case (.b(let x), .b(let y)): compareBytes(x, y)
        default: 0
        }
    }
}

/// Compares two blobs with SQLite itself, so the tests check the order the store really uses.
final class SQLiteBlobOrder {
    let db: SQLiteConnection

    init() throws { db = try SQLiteConnection(path: ":memory:") }

    func compare(_ a: [UInt8], _ b: [UInt8]) throws -> Int {
        let stmt = try db.statement("SELECT ?1 < ?2, ?1 = ?2")
        stmt.bind(1, a)
        stmt.bind(2, b)
        _ = try stmt.step()
        return stmt.int(0) == 1 ? -1 : (stmt.int(1) == 1 ? 0 : 1)
    }
}

@Suite struct KeyEncodingTests {
    typealias A = EngineArbitrary

    static let numberPairs = A.gen { rng -> (DynamoNumber, DynamoNumber) in
        let a = A.number(using: &rng)
        return (a, A.neighbour(of: a, using: &rng))
    }

    @Test func numberOrderIsDynamoOrder() async throws {
        let sqlite = try SQLiteBlobOrder()
        await propertyCheck(count: 3000, input: Self.numberPairs) { pair throws in
            let (a, b) = pair
            let ea = KeyEncoding.encode(a), eb = KeyEncoding.encode(b)
            let expected = DynamoNumber.compare(a, b)
            #expect(A.compareBytes(ea, eb) == expected, "\(a) vs \(b): \(ea) vs \(eb)")
            #expect(try sqlite.compare(ea, eb) == expected, "SQLite order of \(a) vs \(b)")
            #expect((ea == eb) == (a == b))
        }
    }

    @Test func numberRoundTrip() async {
        await propertyCheck(count: 3000, input: A.gen { A.number(using: &$0) }) { n in
            let decoded = KeyEncoding.decodeNumber(KeyEncoding.encode(n))
            #expect(decoded == n)
            #expect(decoded?.digits == n.digits && decoded?.exponent == n.exponent && decoded?.isNegative == n.isNegative)
            #expect(KeyEncoding.decode(KeyEncoding.encode(.n(n)), type: .n) == .n(n))
        }
    }

    /// Every edge value against every other: the extremes of the range sort correctly.
    @Test func edgeNumbersSortInValueOrder() throws {
        let sorted = A.edgeNumbers.sorted { DynamoNumber.compare($0, $1) < 0 }
        let byBytes = A.edgeNumbers.sorted { A.compareBytes(KeyEncoding.encode($0), KeyEncoding.encode($1)) < 0 }
        #expect(sorted.map(\.description) == byBytes.map(\.description))
        let smallest = try DynamoNumber("-9.9999999999999999999999999999999999999E+125")
        let largest = try DynamoNumber("9.9999999999999999999999999999999999999E+125")
        let tiny = try DynamoNumber("1E-130")
        #expect(sorted.first == smallest)
        #expect(sorted.last == largest)
        for (x, y) in zip(sorted, sorted.dropFirst()) {
            #expect(A.compareBytes(KeyEncoding.encode(x), KeyEncoding.encode(y)) < 0, "\(x) < \(y)")
        }
        #expect(KeyEncoding.decodeNumber(KeyEncoding.encode(tiny)) == tiny)
        #expect(KeyEncoding.decodeNumber(KeyEncoding.encode(-tiny)) == -tiny)
        #expect(KeyEncoding.encode(DynamoNumber.zero) == [0x02])
        // Equal values spelled differently encode identically (the key is the value).
        #expect(KeyEncoding.encode(try DynamoNumber("1.50")) == KeyEncoding.encode(try DynamoNumber("15E-1")))
        #expect(KeyEncoding.encode(try DynamoNumber("-0")) == KeyEncoding.encode(.zero))
    }

    static let stringPairs = A.gen { rng -> (String, String) in
        let a = A.string(using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return (a, a + A.string(maxLength: 3, using: &rng))
        case 1: return (a, String(a.unicodeScalars.prefix(Int.random(in: 0...a.unicodeScalars.count, using: &rng))))
        default: return (a, A.string(using: &rng))
        }
    }

    @Test func stringOrderIsUTF8ByteOrder() async throws {
        let sqlite = try SQLiteBlobOrder()
        await propertyCheck(count: 2000, input: Self.stringPairs) { pair throws in
            let (a, b) = pair
            let ea = KeyEncoding.encode(.s(a)), eb = KeyEncoding.encode(.s(b))
            let expected = A.dynamoOrder(.s(a), .s(b))
            #expect(A.compareBytes(ea, eb) == expected)
            #expect(try sqlite.compare(ea, eb) == expected)
            #expect(KeyEncoding.decode(ea, type: .s) == .s(a))
        }
    }

    /// Code points above U+FFFF sort after U+E000…U+FFFF in UTF-8 (not in UTF-16): DynamoDB
    /// compares UTF-8 bytes.
    @Test func supplementaryCharactersSortAfterBMPPrivateUse() {
        let emoji = KeyEncoding.encode(.s("😀"))
        let privateUse = KeyEncoding.encode(.s("\u{FF21}"))
        #expect(A.compareBytes(privateUse, emoji) < 0)
        #expect("\u{FF21}".utf16.lexicographicallyPrecedes("😀".utf16) == false) // UTF-16 would disagree
    }

    static let binaryPairs = A.gen { rng -> ([UInt8], [UInt8]) in
        let a = A.bytes(using: &rng)
        return Bool.random(using: &rng) ? (a, a + A.bytes(maxLength: 2, using: &rng)) : (a, A.bytes(using: &rng))
    }

    @Test func binaryOrderIsUnsignedByteOrder() async throws {
        let sqlite = try SQLiteBlobOrder()
        await propertyCheck(count: 2000, input: Self.binaryPairs) { pair throws in
            let (a, b) = pair
            let ea = KeyEncoding.encode(.b(a)), eb = KeyEncoding.encode(.b(b))
            #expect(A.compareBytes(ea, eb) == A.dynamoOrder(.b(a), .b(b)))
            #expect(try sqlite.compare(ea, eb) == A.dynamoOrder(.b(a), .b(b)))
            #expect(KeyEncoding.decode(ea, type: .b) == .b(a))
        }
    }

    static let prefixCases = A.gen { rng -> ([UInt8], [UInt8]) in
        var prefix = A.bytes(maxLength: 4, using: &rng)
        if Int.random(in: 0..<4, using: &rng) == 0 { prefix += [UInt8](repeating: 0xFF, count: Int.random(in: 1...3, using: &rng)) }
        let candidate: [UInt8]
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: candidate = prefix + A.bytes(maxLength: 3, using: &rng)
        case 1: candidate = Array(prefix.prefix(Int.random(in: 0...prefix.count, using: &rng))) + A.bytes(maxLength: 3, using: &rng)
        case 2: candidate = (KeyEncoding.prefixSuccessor(prefix) ?? prefix) + A.bytes(maxLength: 2, using: &rng)
        case 3:
            var changed = prefix
            if !changed.isEmpty { changed[Int.random(in: 0..<changed.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            candidate = changed + A.bytes(maxLength: 2, using: &rng)
        default: candidate = A.bytes(maxLength: 6, using: &rng)
        }
        return (prefix, candidate)
    }

    /// `s` starts with `p` exactly when `p <= s < prefixSuccessor(p)` (no upper bound when nil):
    /// the successor is an exact upper bound for a `begins_with` range scan.
    @Test func prefixSuccessorBoundsExactlyThePrefixedStrings() async {
        await propertyCheck(count: 4000, input: Self.prefixCases) { pair in
            let (prefix, candidate) = pair
            let startsWith = candidate.starts(with: prefix)
            let successor = KeyEncoding.prefixSuccessor(prefix)
            let inRange = A.compareBytes(prefix, candidate) <= 0 && (successor.map { A.compareBytes(candidate, $0) < 0 } ?? true)
            #expect(startsWith == inRange, "prefix \(prefix) candidate \(candidate) successor \(String(describing: successor))")
            if let successor {
                #expect(A.compareBytes(prefix, successor) < 0)
                #expect(!successor.starts(with: prefix))
                #expect(successor.count <= prefix.count)
            }
        }
    }

    @Test func prefixSuccessorExamples() {
        #expect(KeyEncoding.prefixSuccessor([]) == nil)
        #expect(KeyEncoding.prefixSuccessor([0xFF, 0xFF]) == nil)
        #expect(KeyEncoding.prefixSuccessor([0x61]) == [0x62])
        #expect(KeyEncoding.prefixSuccessor([0x61, 0xFF]) == [0x62])
        #expect(KeyEncoding.prefixSuccessor([0x00, 0xFE, 0xFF, 0xFF]) == [0x00, 0xFF])
    }

    @Test func decodeNumberRejectsGarbageWithoutCrashing() async {
        #expect(KeyEncoding.decodeNumber([]) == nil)
        #expect(KeyEncoding.decodeNumber([0x03]) == nil) // positive without an exponent byte
        #expect(KeyEncoding.decodeNumber([0x01, 0x10, 0x20]) == nil) // negative without terminator
        #expect(KeyEncoding.decodeNumber([0x03, 0x80, 0xC8]) == nil) // digit byte above 100
        await propertyCheck(count: 2000, input: A.gen { A.bytes(maxLength: 24, using: &$0) }) { bytes in
            if let n = KeyEncoding.decodeNumber(bytes) {
                // Whatever it decodes to is a valid number that encodes back to a canonical form.
                #expect(KeyEncoding.decodeNumber(KeyEncoding.encode(n)) == n)
            }
        }
    }

    /// End to end: a table whose sort key is a Number returns a partition in numeric order,
    /// and one whose sort key is a String in UTF-8 byte order, both ways.
    @Test func queryReturnsSortKeysInDynamoOrder() throws {
        let store = try TemporaryStore()
        let engine = store.engine
        for (name, type) in [("numbers", ScalarAttributeType.n), ("strings", .s), ("binaries", .b)] {
            _ = try engine.createTable(CreateTableInput(
                attributeDefinitions: [AttributeDefinition(attributeName: "pk", attributeType: .s),
                                       AttributeDefinition(attributeName: "sk", attributeType: type)],
                tableName: name,
                keySchema: [KeySchemaElement(attributeName: "pk", keyType: .hash),
                            KeySchemaElement(attributeName: "sk", keyType: .range)],
                billingMode: .payPerRequest))
        }
        var rng = SystemRandomNumberGenerator()
        var values: [String: [AttributeValue]] = ["numbers": A.edgeNumbers.map { .n($0) }, "strings": [], "binaries": []]
        for _ in 0..<150 {
            values["numbers"]!.append(.n(A.number(using: &rng)))
            let s = A.string(using: &rng)
            if !s.isEmpty { values["strings"]!.append(.s(s)) }
            let b = A.bytes(using: &rng)
            if !b.isEmpty { values["binaries"]!.append(.b(b)) }
        }
        for (table, list) in values {
            for value in list {
                _ = try engine.putItem(PutItemInput(tableName: table, item: ["pk": .s("p"), "sk": value]))
            }
            var distinct: [AttributeValue] = []
            for value in list.sorted(by: { A.dynamoOrder($0, $1) < 0 })
            where distinct.last.map({ A.dynamoOrder($0, value) != 0 }) ?? true {
                distinct.append(value)
            }
            for forward in [true, false] {
                var seen: [AttributeValue] = []
                var start: Item?
                repeat {
                    let page = try engine.query(QueryInput(
                        tableName: table, limit: 37, scanIndexForward: forward, exclusiveStartKey: start,
                        keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": .s("p")]))
                    seen += (page.items ?? []).compactMap { $0["sk"] }
                    start = page.lastEvaluatedKey
                } while start != nil
                #expect(seen == (forward ? distinct : distinct.reversed()), "\(table) forward=\(forward)")
            }
        }
        #expect(try engine.checkIntegrity().isSound)
    }
}

import DynamoModel
import PropertyBased
import Testing

// Shared helpers and random-value builders for the DynamoModel tests.

/// Runs `body` and returns the `DynamoError` it threw, or nil when it succeeded.
func dynamoError<T>(_ body: () throws(DynamoError) -> T) -> DynamoError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// Runs `body` and returns the `JSONSyntaxError` it threw, or nil when it succeeded.
func syntaxError<T>(_ body: () throws(JSONSyntaxError) -> T) -> JSONSyntaxError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// A number from text the test knows to be valid.
func num(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> DynamoNumber {
    do {
        return try DynamoNumber(text)
    } catch {
        Issue.record("\(text) should be a valid number: \(error)", sourceLocation: sourceLocation)
        return .zero
    }
}

/// Parses JSON the test knows to be valid.
func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    do {
        return try JSONValue.parse(text)
    } catch {
        Issue.record("\(text.debugDescription) should parse: \(error)", sourceLocation: sourceLocation)
        return .null
    }
}

/// Decodes DynamoDB JSON text the test knows to be valid.
func dynamo(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> AttributeValue {
    do {
        return try AttributeValue(dynamoJSON: JSONValue.parse(text))
    } catch {
        Issue.record("\(text) should decode: \(error)", sourceLocation: sourceLocation)
        return .null
    }
}

/// The error from decoding DynamoDB JSON text (which must itself be valid JSON).
func dynamoDecodeError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> DynamoError? {
    let value = json(text, sourceLocation: sourceLocation)
    return dynamoError { () throws(DynamoError) in try AttributeValue(dynamoJSON: value) }
}

func hashOf<T: Hashable>(_ value: T) -> Int {
    var hasher = Hasher()
    hasher.combine(value)
    return hasher.finalize()
}

// MARK: Random building blocks

enum Random {
    static func digits(_ count: Int, using rng: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...9, using: &rng) }
    }

    /// A valid DynamoDB number: 1…`maxDigits` significant digits, exponent anywhere in range
    /// (or within `exponents`), sometimes zero.
    static func number(
        maxDigits: Int = 38, exponents: ClosedRange<Int> = DynamoNumber.minExponent...DynamoNumber.maxExponent,
        using rng: inout some RandomNumberGenerator
    ) -> DynamoNumber {
        if Int.random(in: 0..<20, using: &rng) == 0 { return .zero }
        let count = Int.random(in: 1...maxDigits, using: &rng)
        var ds = digits(count, using: &rng)
        ds[0] = UInt8.random(in: 1...9, using: &rng)
        let exponent = Int.random(in: exponents, using: &rng)
        // Valid by construction: ≤ 38 digits, first digit non-zero, exponent in range.
        return (try? DynamoNumber(negative: Bool.random(using: &rng), digits: ds, exponent: exponent)) ?? .zero
    }

    /// One of several spellings DynamoDB accepts for `n`: plain, scientific, padded with
    /// zeros, with a plus sign, a leading or trailing point.
    static func spelling(of n: DynamoNumber, using rng: inout some RandomNumberGenerator) -> String {
        if n.isZero {
            return ["0", "-0", "+0", "0.000", "000", "0e10", "-0.0E-5", ".0", "0."].randomElement(using: &rng)!
        }
        let sign = n.isNegative ? "-" : (Bool.random(using: &rng) ? "+" : "")
        let ds = String(n.digits.map { Character(Unicode.Scalar($0 + 48)) })
        let leading = String(repeating: "0", count: Int.random(in: 0...3, using: &rng))
        let trailing = String(repeating: "0", count: Int.random(in: 0...3, using: &rng))
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            // 0.ddd × 10^exponent, written as `0.ddde<exponent>`.
            let e = Bool.random(using: &rng) ? "e" : "E"
            return "\(sign)\(leading)0.\(ds)\(trailing)\(e)\(n.exponent)"
        case 1:
            // d.dd × 10^(exponent-1), with an explicit `+` on positive exponents sometimes.
            let exp = n.exponent - 1
            let expText = exp >= 0 && Bool.random(using: &rng) ? "+\(exp)" : "\(exp)"
            let rest = ds.dropFirst()
            let mantissa = rest.isEmpty && Bool.random(using: &rng) ? String(ds.prefix(1)) : "\(ds.prefix(1)).\(rest)\(trailing)"
            return "\(sign)\(leading)\(mantissa)E\(expText)"
        case 2:
            // All digits as an integer, scaled by a negative/positive exponent.
            let exp = n.exponent - n.digits.count
            return "\(sign)\(leading)\(ds)\(trailing)e\(exp - trailing.count)"
        default:
            // Plain notation (description), padded with zeros.
            var plain = n.description
            if plain.hasPrefix("-") { plain.removeFirst() }
            if plain.contains(".") { plain += trailing } else if Bool.random(using: &rng) { plain += ".0" }
            return sign + leading + plain
        }
    }

    static let interestingScalars: [Unicode.Scalar] = [
        "a", "z", "A", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{8}", "\u{C}", "\u{1F}", "\u{7F}",
        "é", "e", "\u{301}", "ß", "\u{FEFF}", "\u{2028}", "\u{FFFF}", "中", "😀", "\u{10FFFF}", "{", "}", "[", "]", ":", ",",
    ]

    static func scalar(using rng: inout some RandomNumberGenerator) -> Unicode.Scalar {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return interestingScalars.randomElement(using: &rng)!
        case 1: return Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng))
        default:
            while true {
                let planes: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x800...0xFFFF, 0x10000...0x10FFFF]
                let value = UInt32.random(in: planes.randomElement(using: &rng)!, using: &rng)
                if let scalar = Unicode.Scalar(value) { return scalar }
            }
        }
    }

    static func string(maxLength: Int = 12, using rng: inout some RandomNumberGenerator) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxLength, using: &rng) { s.append(scalar(using: &rng)) }
        return String(s)
    }

    static func bytes(maxLength: Int = 12, using rng: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    /// Text matching JSON's number grammar.
    static func jsonNumberText(using rng: inout some RandomNumberGenerator) -> String {
        var text = Bool.random(using: &rng) ? "-" : ""
        if Int.random(in: 0..<4, using: &rng) == 0 {
            text += "0"
        } else {
            text += String(Int.random(in: 1...9, using: &rng))
            text += String(digits(Int.random(in: 0...45, using: &rng), using: &rng).map { Character(Unicode.Scalar($0 + 48)) })
        }
        if Bool.random(using: &rng) {
            text += "." + String(digits(Int.random(in: 1...25, using: &rng), using: &rng).map { Character(Unicode.Scalar($0 + 48)) })
        }
        if Bool.random(using: &rng) {
            text += ["e", "E", "e+", "E-", "e-"].randomElement(using: &rng)!
            text += String(Int.random(in: 0...400, using: &rng))
        }
        return text
    }

    /// A JSON document: scalars at the leaves, arrays and objects (distinct keys) above.
    static func jsonValue(depth: Int, using rng: inout some RandomNumberGenerator) -> JSONValue {
        let choice = Int.random(in: 0..<(depth > 0 ? 8 : 5), using: &rng)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(jsonNumberText(using: &rng))
        case 3, 4: return .string(string(using: &rng))
        case 5: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in jsonValue(depth: depth - 1, using: &rng) })
        default:
            var object = JSONObject()
            var keys = Set<[UInt8]>()
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                let key = string(maxLength: 6, using: &rng)
                if keys.insert(Array(key.utf8)).inserted {
                    object.append(key: key, value: jsonValue(depth: depth - 1, using: &rng))
                }
            }
            return .object(object)
        }
    }

    /// An attribute value of any type. Sets hold distinct members; map keys are distinct as
    /// Swift strings (a dictionary cannot hold two canonically equivalent keys).
    static func attributeValue(depth: Int, sets: Bool = true, binary: Bool = true, using rng: inout some RandomNumberGenerator) -> AttributeValue {
        var kinds = ["S", "N", "BOOL", "NULL"]
        if binary { kinds.append("B") }
        if sets { kinds += binary ? ["SS", "NS", "BS"] : ["SS", "NS"] }
        if depth > 0 { kinds += ["L", "M", "L", "M"] }
        switch kinds.randomElement(using: &rng)! {
        case "S": return .s(string(using: &rng))
        case "N": return .n(number(using: &rng))
        case "B": return .b(bytes(using: &rng))
        case "BOOL": return .bool(Bool.random(using: &rng))
        case "NULL": return .null
        case "SS":
            var seen = Set<[UInt8]>()
            let members = (0..<Int.random(in: 1...5, using: &rng)).map { _ in string(maxLength: 4, using: &rng) }
                .filter { seen.insert(Array($0.utf8)).inserted }
            return .ss(members)
        case "NS":
            var seen = Set<DynamoNumber>()
            let members = (0..<Int.random(in: 1...5, using: &rng)).map { _ in number(maxDigits: 6, using: &rng) }
                .filter { seen.insert($0).inserted }
            return .ns(members)
        case "BS":
            var seen = Set<[UInt8]>()
            let members = (0..<Int.random(in: 1...5, using: &rng)).map { _ in bytes(maxLength: 4, using: &rng) }
                .filter { seen.insert($0).inserted }
            return .bs(members)
        case "L":
            return .l((0..<Int.random(in: 0...4, using: &rng)).map { _ in
                attributeValue(depth: depth - 1, sets: sets, binary: binary, using: &rng)
            })
        default:
            var map: [String: AttributeValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                map[string(maxLength: 5, using: &rng)] = attributeValue(depth: depth - 1, sets: sets, binary: binary, using: &rng)
            }
            return .m(map)
        }
    }
}

// MARK: Generators (PropertyBased)

/// A small concrete generator seeded from PropertyBased's, so that results stay reproducible
/// with `.fixedSeed` while the builders above work on a concrete type.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    init(from rng: inout any SeededRandomNumberGenerator) { state = rng.next() }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A generator without shrinking whose values come from `build`.
func generator<T>(_ build: @escaping @Sendable (inout SplitMix64) -> T) -> Generator<T, Shrink.None<T>> {
    Generator { rng in
        var local = SplitMix64(from: &rng)
        return build(&local)
    }
}

enum Gens {
    static let number = generator { (rng: inout SplitMix64) -> DynamoNumber in Random.number(using: &rng) }

    /// Numbers with few digits in a narrow exponent window, so sums usually stay exact.
    static let smallNumber = generator { (rng: inout SplitMix64) -> DynamoNumber in
        Random.number(maxDigits: 12, exponents: -10...10, using: &rng)
    }

    static let jsonDocument = generator { (rng: inout SplitMix64) -> JSONValue in Random.jsonValue(depth: 4, using: &rng) }

    static let attributeValue = generator { (rng: inout SplitMix64) -> AttributeValue in
        Random.attributeValue(depth: 3, using: &rng)
    }

    /// Values plain JSON can carry without loss (no sets, no binary).
    static let plainAttributeValue = generator { (rng: inout SplitMix64) -> AttributeValue in
        Random.attributeValue(depth: 3, sets: false, binary: false, using: &rng)
    }

    static let bytes = generator { (rng: inout SplitMix64) -> [UInt8] in Random.bytes(maxLength: 40, using: &rng) }
}

import DynamoModel
import PropertyBased
import Testing

@Suite("DynamoNumber: parsing and printing")
struct DynamoNumberParsingTests {
    @Test("Spellings of one thousand are one value and print as 1000",
          arguments: ["1e3", "1E+3", "1E3", "1e+3", "1000.0", "001000", "+1000", "1000", "1000.", "10e2", "0.1e4", ".1e4", "10000e-1", "+0001000.000e0"])
    func spellingsOfOneThousand(text: String) throws {
        let n = try DynamoNumber(text)
        #expect(n.description == "1000")
        #expect(n == DynamoNumber(1000))
        #expect(hashOf(n) == hashOf(DynamoNumber(1000)))
        #expect(n.digits == [1])
        #expect(n.exponent == 4)
        #expect(!n.isNegative)
    }

    @Test("Canonical printing", arguments: [
        ("1.50", "1.5"), ("-0", "0"), ("-0.000", "0"), ("+0", "0"), ("0e99", "0"), ("0.0", "0"),
        ("-1.5", "-1.5"), ("0.001", "0.001"), ("123.456", "123.456"), ("-0.00012", "-0.00012"),
        ("1e-5", "0.00001"), ("1.23e2", "123"), ("1.234e2", "123.4"), ("12345e-2", "123.45"),
        ("-12e-1", "-1.2"), (".5", "0.5"), ("-.5", "-0.5"), ("5.", "5"), ("0.10", "0.1"), ("100", "100"),
        ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("1" + String(repeating: "0", count: 50), "1" + String(repeating: "0", count: 50)),
        ("1E+38", "1" + String(repeating: "0", count: 38)),
    ])
    func canonicalPrinting(text: String, expected: String) throws {
        #expect(try DynamoNumber(text).description == expected)
    }

    @Test("Negative zero is zero, not negative")
    func negativeZero() throws {
        let n = try DynamoNumber("-0")
        #expect(n.isZero)
        #expect(!n.isNegative)
        #expect(n == .zero)
        #expect(hashOf(n) == hashOf(DynamoNumber.zero))
        #expect(n.digits.isEmpty)
        #expect(n.exponent == 0)
        #expect(-DynamoNumber.zero == .zero)
        #expect(!(-DynamoNumber.zero).isNegative)
    }

    @Test("Text that is not a number is a ValidationException", arguments: [
        "NaN", "nan", "Infinity", "-Infinity", "inf", " 1", "1 ", "\t1", "1\n", "0x10", "1e", "1e+", "1E-", "e5", ".", "-", "+",
        "1.2.3", "1,000", "1_000", "--1", "+-1", "-+1", "1e1.5", "1e1e1", "١", "１", "abc", "1a", "0b1", "1..2", "..1", "1-", "1+1",
        "e", "E10", ".e1", "-.e1", "∞", "1 000", "\u{0}1",
    ])
    func notANumber(text: String) throws {
        let error = try #require(dynamoError { () throws(DynamoError) in try DynamoNumber(text) })
        #expect(error.code == .validation)
        #expect(error.message == "The parameter cannot be converted to a numeric value: \(text)")
    }

    @Test("Empty text is a ValidationException without the value")
    func emptyText() throws {
        let error = try #require(dynamoError { () throws(DynamoError) in try DynamoNumber("") })
        #expect(error.code == .validation)
        #expect(error.message == "The parameter cannot be converted to a numeric value")
    }

    @Test("38 significant digits are fine; 39 are not, wherever the point is")
    func significantDigits() throws {
        let thirtyEight = "12345678901234567890123456789012345678"
        #expect(try DynamoNumber(thirtyEight).digits.count == 38)
        #expect(try DynamoNumber("-" + thirtyEight).description == "-" + thirtyEight)
        #expect(try DynamoNumber("0.000" + thirtyEight).digits.count == 38)
        #expect(try DynamoNumber("1234567890123456789.0123456789012345678").digits.count == 38)
        // Leading and trailing zeros are not significant.
        #expect(try DynamoNumber("000" + thirtyEight + "000000").digits.count == 38)
        #expect(try DynamoNumber("1" + String(repeating: "0", count: 50)).digits == [1])
        #expect(try DynamoNumber("1" + String(repeating: "0", count: 50) + ".00000").digits == [1])
        #expect(try DynamoNumber("9.9999999999999999999999999999999999999").digits.count == 38)

        for text in [
            "123456789012345678901234567890123456789",
            "-123456789012345678901234567890123456789",
            "1.23456789012345678901234567890123456789",
            "0.000123456789012345678901234567890123456789",
            "1.0000000000000000000000000000000000000001",
            "10000000000000000000000000000000000000001",
        ] {
            let error = try #require(dynamoError { () throws(DynamoError) in try DynamoNumber(text) })
            #expect(error.code == .validation)
            #expect(error.message == "Attempting to store more than 38 significant digits in a Number", "\(text)")
        }
    }

    @Test("Magnitude limits: 1E-130 … 9.99…E+125")
    func magnitudeLimits() throws {
        let smallest = try DynamoNumber("1E-130")
        #expect(smallest.description == "0." + String(repeating: "0", count: 129) + "1")
        #expect(try DynamoNumber("-1E-130").isNegative)
        let largest = try DynamoNumber("9.9999999999999999999999999999999999999E+125")
        #expect(largest.description == String(repeating: "9", count: 38) + String(repeating: "0", count: 88))
        #expect(largest.description.count == 126)
        #expect(try DynamoNumber("-9.9999999999999999999999999999999999999E+125").isNegative)
        #expect(try DynamoNumber("1E+125").description == "1" + String(repeating: "0", count: 125))
        // Zero has no magnitude limit.
        #expect(try DynamoNumber("0E+1000").isZero)
        #expect(try DynamoNumber("0E-1000").isZero)
        #expect(try DynamoNumber("0e999999999999999999999999999").isZero)

        let overflow = "Number overflow. Attempting to store a number with magnitude larger than supported range"
        let underflow = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
        let cases: [(String, String)] = [
            ("1E+126", overflow), ("-1E+126", overflow), ("10E+125", overflow), ("1" + String(repeating: "0", count: 126), overflow),
            ("1E+999999999999999999999999", overflow), ("1e2147483648", overflow), ("1e9223372036854775808", overflow),
            ("1E-131", underflow), ("-1E-131", underflow), ("0.99999E-130", underflow), ("9.9E-131", underflow),
            ("1e-999999999999999999999999", underflow),
            // Range is checked before precision, as DynamoDB does.
            ("1234567890123456789012345678901234567890E200", overflow),
        ]
        for (text, message) in cases {
            let error = try #require(dynamoError { () throws(DynamoError) in try DynamoNumber(text) })
            #expect(error.code == .validation)
            #expect(error.message == message, "\(text)")
        }
    }

    @Test("A huge exponent is not silently truncated")
    func hugeExponentWithManyDigits() throws {
        // 0.000…0001 × 10^1000001 with a million zeros after the point is exactly 1.
        let zeros = String(repeating: "0", count: 1_000_000)
        #expect(try DynamoNumber("0.\(zeros)1e1000001").description == "1")
        #expect(try DynamoNumber("0.\(zeros)15E+1000002").description == "15")
        #expect(try DynamoNumber("1\(zeros)e-1000000").description == "1")
        #expect(try DynamoNumber("1\(zeros)e-1000129").description == "0." + String(repeating: "0", count: 128) + "1")
        #expect(dynamoError { () throws(DynamoError) in try DynamoNumber("0.\(zeros)1e1000128") }?.message.hasPrefix("Number overflow") == true)
        #expect(dynamoError { () throws(DynamoError) in try DynamoNumber("1\(zeros)e-1000131") }?.message.hasPrefix("Number underflow") == true)
    }

    @Test("Building from parts normalises and validates")
    func fromParts() throws {
        let n = try DynamoNumber(negative: false, digits: [0, 0, 1, 2, 0], exponent: 3)
        #expect(n.description == "1.2")
        #expect(n.digits == [1, 2])
        #expect(n.exponent == 1)
        #expect(try DynamoNumber(negative: true, digits: [0, 0], exponent: 7) == .zero)
        #expect(try DynamoNumber(negative: true, digits: [], exponent: 7).isNegative == false)
        #expect(try DynamoNumber(negative: true, digits: [5], exponent: 0).description == "-0.5")
        #expect(dynamoError { () throws(DynamoError) in try DynamoNumber(negative: false, digits: [1, 10], exponent: 2) }?.code == .validation)
        #expect(dynamoError { () throws(DynamoError) in try DynamoNumber(negative: false, digits: [1], exponent: 127) }?.message.hasPrefix("Number overflow") == true)
        #expect(dynamoError { () throws(DynamoError) in try DynamoNumber(negative: false, digits: [1], exponent: -130) }?.message.hasPrefix("Number underflow") == true)
        #expect(try DynamoNumber(negative: false, digits: [1], exponent: DynamoNumber.maxExponent).description.count == 126)
        #expect(try DynamoNumber(negative: false, digits: [1], exponent: DynamoNumber.minExponent) == DynamoNumber("1E-130"))
    }

    @Test("Int conversions both ways", arguments: [0, 1, -1, 7, 10, -10, 1000, 123_456_789, Int.max, Int.min, Int.max - 1, Int.min + 1, 1_000_000_000_000_000_000])
    func intConversions(value: Int) throws {
        let n = DynamoNumber(value)
        #expect(n.description == String(value))
        #expect(n.intValue == value)
        #expect(try DynamoNumber(String(value)) == n)
    }

    @Test("intValue is nil for fractions and for whole numbers that don't fit")
    func intValueLimits() throws {
        #expect(try DynamoNumber("1.5").intValue == nil)
        #expect(try DynamoNumber("0.001").intValue == nil)
        #expect(try DynamoNumber("1e3").intValue == 1000)
        #expect(try DynamoNumber("-4.2e1").intValue == -42)
        #expect(try DynamoNumber("1e18").intValue == 1_000_000_000_000_000_000)
        #expect(try DynamoNumber("9223372036854775807").intValue == Int.max)
        #expect(try DynamoNumber("-9223372036854775808").intValue == Int.min)
        #expect(try DynamoNumber("9223372036854775808").intValue == nil)
        #expect(try DynamoNumber("-9223372036854775809").intValue == nil)
        #expect(try DynamoNumber("1e19").intValue == nil)
        #expect(try DynamoNumber("99999999999999999999").intValue == nil)
        #expect(try DynamoNumber("1e100").intValue == nil)
        #expect(DynamoNumber.zero.intValue == 0)
    }

    @Test("approximateDouble is close")
    func approximateDouble() throws {
        #expect(try DynamoNumber("1.5").approximateDouble == 1.5)
        #expect(try DynamoNumber("-2e3").approximateDouble == -2000)
        #expect(DynamoNumber.zero.approximateDouble == 0)
        #expect(try DynamoNumber("1E+125").approximateDouble == 1e125)
    }

    @Test("Storage size: 1 byte per two significant digits, plus 1, plus 1 when negative", arguments: [
        ("0", 1), ("1", 2), ("12", 2), ("123", 3), ("1234", 3), ("1000", 2), ("0.001", 2), ("-1", 3), ("-12", 3), ("-123", 4),
        ("1.5", 2), ("12345678901234567890123456789012345678", 20), ("-12345678901234567890123456789012345678", 21),
        ("1E+125", 2), ("1E-130", 2),
    ])
    func storageSize(text: String, size: Int) throws {
        #expect(try DynamoNumber(text).storageSize == size)
    }

    @Test("Property: printing then parsing gives the same number, and printing is canonical")
    func descriptionRoundTrip() async {
        await propertyCheck(count: 500, input: Gens.number) { n throws in
            let text = n.description
            #expect(try DynamoNumber(text) == n)
            #expect(try DynamoNumber(text).description == text)
            // Canonical: no exponent, no plus, no leading zeros, no trailing zeros after the point.
            #expect(!text.contains("e") && !text.contains("E") && !text.contains("+"))
            let unsigned = text.hasPrefix("-") ? String(text.dropFirst()) : text
            if unsigned.contains(".") {
                #expect(unsigned.hasPrefix("0.") || !unsigned.hasPrefix("0"))
                #expect(!unsigned.hasSuffix("0") && !unsigned.hasSuffix("."))
            } else {
                #expect(unsigned == "0" || !unsigned.hasPrefix("0"))
            }
        }
    }

    @Test("Property: every accepted spelling of a number parses to it, with the same hash")
    func spellingsParseToTheSameValue() async {
        let gen = generator { (rng: inout SplitMix64) -> (DynamoNumber, String) in
            let n = Random.number(using: &rng)
            return (n, Random.spelling(of: n, using: &rng))
        }
        await propertyCheck(count: 1000, input: gen) { n, text throws in
            let parsed = try DynamoNumber(text)
            #expect(parsed == n, "\(text)")
            #expect(hashOf(parsed) == hashOf(n))
            #expect(parsed.description == n.description)
            #expect(DynamoNumber.compare(parsed, n) == 0)
        }
    }
}

@Suite("DynamoNumber: comparison")
struct DynamoNumberComparisonTests {
    @Test("Comparison is by value, not by text")
    func byValue() throws {
        let ordered = ["-1E+125", "-100", "-85", "-9", "-5", "-0.5", "-1E-130", "0", "1E-130", "0.5", "9", "85", "100", "1E+125"].map { num($0) }
        for i in ordered.indices {
            for j in ordered.indices {
                let expected = i < j ? -1 : (i == j ? 0 : 1)
                #expect(DynamoNumber.compare(ordered[i], ordered[j]) == expected, "\(ordered[i]) vs \(ordered[j])")
                #expect((ordered[i] < ordered[j]) == (i < j))
                #expect((ordered[i] == ordered[j]) == (i == j))
            }
        }
        #expect(num("9") < num("85"))
        #expect(num("85") < num("100"))
        #expect(num("-5") < num("-0.5"))
        #expect(num("-0.5") < num("0"))
        #expect(num("0") < num("1E-130"))
        #expect(num("1.0") == num("1"))
        #expect(num("0.1") < num("0.11"))
        #expect(num("0.11") < num("0.2"))
        #expect(num("-0.11") < num("-0.1"))
        #expect(num("99") < num("100"))
        #expect(num("-100") < num("-99"))
        #expect(num("12345678901234567890123456789012345677") < num("12345678901234567890123456789012345678"))
    }

    @Test("Sorting agrees with Int sorting")
    func sortingMatchesInt() {
        var rng = SystemRandomNumberGenerator()
        let ints = (0..<300).map { _ in Int.random(in: -1_000_000...1_000_000, using: &rng) }
        #expect(ints.map(DynamoNumber.init).sorted() == ints.sorted().map(DynamoNumber.init))
    }

    @Test("Property: comparison agrees with comparing Ints")
    func compareMatchesInt() async {
        await propertyCheck(count: 1000, input: Gen.int(in: Int.min...Int.max), Gen.int(in: -1000...1000)) { a, small throws in
            // Half the time compare with a nearby value so that equal and close values occur.
            let b = small % 2 == 0 ? a &+ small : small
            let expected = a < b ? -1 : (a == b ? 0 : 1)
            #expect(DynamoNumber.compare(DynamoNumber(a), DynamoNumber(b)) == expected)
            #expect((DynamoNumber(a) < DynamoNumber(b)) == (a < b))
            #expect((DynamoNumber(a) == DynamoNumber(b)) == (a == b))
        }
    }

    /// Fixed-width decimal text: sign, 20 integer digits, point, 18 fraction digits. Two such
    /// strings with the same sign compare like their digit strings, which gives an oracle that
    /// shares nothing with DynamoNumber's own comparison.
    static let fixedWidthDecimal = generator { (rng: inout SplitMix64) -> String in
        func digits(_ count: Int, _ rng: inout some RandomNumberGenerator) -> String {
            // Mostly zeros at the edges so magnitudes vary widely.
            let used = Int.random(in: 0...count, using: &rng)
            let body = (0..<used).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            return body
        }
        let integer = digits(20, &rng)
        let fraction = digits(18, &rng)
        let intPart = String(repeating: "0", count: 20 - integer.count) + integer
        let fracPart = fraction + String(repeating: "0", count: 18 - fraction.count)
        return (Bool.random(using: &rng) ? "-" : "") + intPart + "." + fracPart
    }

    static func oracleCompare(_ a: String, _ b: String) -> Int {
        func parts(_ s: String) -> (sign: Int, digits: String) {
            let negative = s.hasPrefix("-")
            let digits = s.filter { $0 != "-" && $0 != "." }
            if digits.allSatisfy({ $0 == "0" }) { return (0, digits) }
            return (negative ? -1 : 1, digits)
        }
        let (sa, da) = parts(a)
        let (sb, db) = parts(b)
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 || da == db { return 0 }
        let magnitude = da < db ? -1 : 1
        return sa * magnitude
    }

    @Test("Property: comparison agrees with comparing constructed decimal strings")
    func compareMatchesDecimalStrings() async {
        await propertyCheck(count: 1000, input: Self.fixedWidthDecimal, Self.fixedWidthDecimal, Gen.bool) { a, b, sameMagnitude throws in
            // Sometimes compare a with itself negated or re-signed to hit the equal/sign cases.
            let other = sameMagnitude ? (b.hasPrefix("-") ? "-" : "") + a.filter { $0 != "-" } : b
            let expected = Self.oracleCompare(a, other)
            let x = try DynamoNumber(a)
            let y = try DynamoNumber(other)
            #expect(DynamoNumber.compare(x, y) == expected, "\(a) vs \(other)")
            #expect((x == y) == (expected == 0))
            #expect((x < y) == (expected < 0))
        }
    }

    @Test("Property: compare(a, b) == -compare(b, a), and consistent with == and <")
    func antisymmetry() async {
        await propertyCheck(count: 1000, input: Gens.number, Gens.number) { a, b throws in
            #expect(DynamoNumber.compare(a, b) == -DynamoNumber.compare(b, a))
            #expect(DynamoNumber.compare(a, a) == 0)
            #expect((DynamoNumber.compare(a, b) == 0) == (a == b))
            #expect((a < b) != (b < a) || a == b)
            // Negation reverses the order.
            #expect(DynamoNumber.compare(-a, -b) == DynamoNumber.compare(b, a))
        }
    }

    @Test("Property: comparison is transitive")
    func transitivity() async {
        await propertyCheck(count: 300, input: Gens.smallNumber, Gens.smallNumber, Gens.smallNumber) { a, b, c throws in
            let sorted = [a, b, c].sorted()
            #expect(sorted[0] <= sorted[1] && sorted[1] <= sorted[2] && sorted[0] <= sorted[2])
        }
    }

    @Test("Property: hashes are equal exactly when numbers are equal")
    func hashIffEqual() async {
        let gen = generator { (rng: inout SplitMix64) -> (String, String) in
            // Pairs that are often equal: two spellings of one number, or of two close numbers.
            let a = Random.number(maxDigits: 4, exponents: -2...3, using: &rng)
            let b = Bool.random(using: &rng) ? a : Random.number(maxDigits: 4, exponents: -2...3, using: &rng)
            return (Random.spelling(of: a, using: &rng), Random.spelling(of: b, using: &rng))
        }
        await propertyCheck(count: 1000, input: gen) { textA, textB throws in
            let a = try DynamoNumber(textA)
            let b = try DynamoNumber(textB)
            #expect((hashOf(a) == hashOf(b)) == (a == b), "\(textA) vs \(textB)")
            #expect(Set([a, b]).count == (a == b ? 1 : 2))
        }
    }
}

@Suite("DynamoNumber: arithmetic")
struct DynamoNumberArithmeticTests {
    @Test("Exact decimal sums and differences", arguments: [
        ("0.1", "0.2", "0.3"), ("1", "2", "3"), ("5", "-7", "-2"), ("-5", "5", "0"), ("1", "-0.001", "0.999"),
        ("99999999999999999999999999999999999999", "1", "1E+38"), ("0.5", "0.5", "1"), ("-0.5", "-0.5", "-1"),
        ("1E-130", "1E-130", "2E-130"), ("1E-130", "-1E-130", "0"), ("9.5", "0.5", "10"), ("1000", "-1", "999"),
        ("1E+100", "1E+100", "2E+100"), ("123.456", "-23.456", "100"), ("-0.001", "0.0001", "-0.0009"),
        ("12345678901234567890123456789012345678", "-12345678901234567890123456789012345678", "0"),
        ("0", "-3.5", "-3.5"), ("-3.5", "0", "-3.5"), ("1E+125", "-1E+125", "0"),
        ("9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125", "0"),
    ])
    func sums(a: String, b: String, sum: String) throws {
        let x = try DynamoNumber(a)
        let y = try DynamoNumber(b)
        let expected = try DynamoNumber(sum)
        #expect(try x + y == expected)
        #expect(try y + x == expected)
        #expect(try expected - y == x)
        #expect(try expected - x == y)
    }

    @Test("0.1 + 0.2 is exactly 0.3 and prints so")
    func pointOnePlusPointTwo() throws {
        #expect(try (num("0.1") + num("0.2")).description == "0.3")
        #expect(try (num("99999999999999999999999999999999999999") + num("1")).description == "1" + String(repeating: "0", count: 38))
        #expect(try (num("99999999999999999999999999999999999999") + num("1")).digits == [1])
    }

    @Test("Results needing more than 38 significant digits, or out of range, throw")
    func inexactResultsThrow() throws {
        let digits = "Attempting to store more than 38 significant digits in a Number"
        let cases: [(String, String, String)] = [
            ("99999999999999999999999999999999999999", "0.1", digits),
            ("1E+30", "1E-10", digits),
            ("12345678901234567890123456789012345678", "0.5", digits),
            ("9.9999999999999999999999999999999999999E+125", "9.9999999999999999999999999999999999999E+125", "Number overflow"),
            ("9.9999999999999999999999999999999999999E+125", "1E+88", "Number overflow"),
            ("-9.9999999999999999999999999999999999999E+125", "-1E+88", "Number overflow"),
            ("1.001E-128", "-1E-128", "Number underflow"),
        ]
        for (a, b, message) in cases {
            let x = try DynamoNumber(a)
            let y = try DynamoNumber(b)
            let error = try #require(dynamoError { () throws(DynamoError) in try x + y }, "\(a) + \(b)")
            #expect(error.code == .validation)
            #expect(error.message.hasPrefix(message), "\(a) + \(b): \(error.message)")
        }
    }

    @Test("Negation")
    func negation() throws {
        #expect((-num("1.5")).description == "-1.5")
        #expect((-num("-1.5")).description == "1.5")
        #expect(-(-num("42")) == num("42"))
        #expect(try num("3") - num("5") == num("-2"))
        #expect(try DynamoNumber.zero - num("5") == num("-5"))
        #expect(try num("5") - DynamoNumber.zero == num("5"))
        #expect(try !(num("5") - num("5")).isNegative)
    }

    @Test("Property: sums agree with Int sums")
    func sumsMatchInt() async {
        let half = Int.max / 2
        await propertyCheck(count: 1000, input: Gen.int(in: -half...half), Gen.int(in: -half...half)) { a, b throws in
            #expect(try DynamoNumber(a) + DynamoNumber(b) == DynamoNumber(a + b))
            #expect(try DynamoNumber(a) - DynamoNumber(b) == DynamoNumber(a - b))
            #expect(try (DynamoNumber(a) + DynamoNumber(b)).intValue == a + b)
        }
    }

    @Test("Property: scaled decimal sums agree with Int sums")
    func scaledSumsMatchInt() async {
        let limit = 1_000_000_000_000
        await propertyCheck(count: 1000, input: Gen.int(in: -limit...limit), Gen.int(in: -limit...limit), Gen.int(in: -120...110)) { a, b, scale throws in
            // a×10^scale + b×10^scale == (a+b)×10^scale
            let x = try DynamoNumber("\(a)e\(scale)")
            let y = try DynamoNumber("\(b)e\(scale)")
            let expected = try DynamoNumber("\(a + b)e\(scale)")
            #expect(try x + y == expected, "\(a)e\(scale) + \(b)e\(scale)")
        }
    }

    @Test("Property: a + b - b == a whenever the sum is representable")
    func addThenSubtract() async {
        await propertyCheck(count: 1000, input: Gens.smallNumber, Gens.smallNumber) { a, b throws in
            guard let sum = try? a + b else { return }
            #expect(try sum - b == a, "\(a) + \(b) = \(sum)")
            #expect(try sum - a == b)
            #expect(try a + b == b + a)
        }
    }

    @Test("Property: a + b - b == a over the whole range, when in range")
    func addThenSubtractWide() async {
        await propertyCheck(count: 1000, input: Gens.number, Gens.number) { a, b throws in
            // Wide-ranging operands rarely have an exact sum; when they do it must invert.
            guard let sum = try? a + b, let back = try? sum - b else { return }
            #expect(back == a, "\(a) + \(b) = \(sum)")
        }
    }

    @Test("Property: a - a == 0 and a + (-a) == 0")
    func selfCancels() async {
        await propertyCheck(count: 500, input: Gens.number) { a throws in
            #expect(try a - a == .zero)
            #expect(try a + (-a) == .zero)
            #expect(try a + .zero == a)
        }
    }
}

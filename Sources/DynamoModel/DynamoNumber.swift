/// A DynamoDB Number: an exact decimal of at most 38 significant digits, magnitude
/// 1E-130 … 9.99…E+125, or zero.
///
/// Stored normalised (no leading or trailing zeros in the significand), so `1.50`, `01.5` and
/// `15E-1` are the same value, compare equal, hash equal and print as `1.5`. No `Double` is
/// ever involved: a stored number comes back digit for digit.
public struct DynamoNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// True for values below zero; never true for zero.
    public let isNegative: Bool
    /// Significant digits (each 0…9), first and last non-zero; empty for zero.
    public let digits: [UInt8]
    /// Decimal exponent such that the value is `0.d₁d₂d₃… × 10^exponent`; 0 for zero.
    public let exponent: Int

    public static let maxSignificantDigits = 38
    /// Largest allowed `exponent` (9.99…E+125 is `0.999… × 10^126`).
    public static let maxExponent = 126
    /// Smallest allowed `exponent` (1E-130 is `0.1 × 10^-129`).
    public static let minExponent = -129

    public static let zero = DynamoNumber(unchecked: false, [], 0)

    init(unchecked negative: Bool, _ digits: [UInt8], _ exponent: Int) {
        self.isNegative = negative && !digits.isEmpty
        self.digits = digits
        self.exponent = digits.isEmpty ? 0 : exponent
    }

    /// Builds a number from raw parts, normalising and checking DynamoDB's limits.
    ///
    /// `digits` must each be 0…9. Range is checked before precision, as DynamoDB does: a
    /// 40-digit number above 1E+126 is reported as an overflow.
    public init(negative: Bool, digits raw: [UInt8], exponent: Int) throws(DynamoError) {
        guard raw.allSatisfy({ $0 <= 9 }) else {
            throw .validation("A number's digits must each be between 0 and 9")
        }
        var start = 0
        var end = raw.count
        while start < end && raw[start] == 0 { start += 1 }
        while end > start && raw[end - 1] == 0 { end -= 1 }
        let significant = Array(raw[start..<end])
        let exp = exponent - start
        if significant.isEmpty {
            self = .zero
            return
        }
        if exp > Self.maxExponent {
            throw .validation("Number overflow. Attempting to store a number with magnitude larger than supported range")
        }
        if exp < Self.minExponent {
            throw .validation("Number underflow. Attempting to store a number with magnitude smaller than supported range")
        }
        if significant.count > Self.maxSignificantDigits {
            throw .validation("Attempting to store more than 38 significant digits in a Number")
        }
        self.init(unchecked: negative, significant, exp)
    }

    /// Parses DynamoDB's number syntax: optional sign, digits with an optional point, optional
    /// exponent (`1e3`, `+1000`, `.5`, `001000.0`). `NaN`, `Infinity`, spaces and empty text are
    /// rejected with DynamoDB's message.
    public init(_ text: String) throws(DynamoError) {
        guard let parsed = Self.parse(Array(text.utf8)) else {
            throw .validation(text.isEmpty
                ? "The parameter cannot be converted to a numeric value"
                : "The parameter cannot be converted to a numeric value: \(text)")
        }
        try self.init(negative: parsed.negative, digits: parsed.digits, exponent: parsed.exponent)
    }

    public init(_ value: Int) {
        // Int has at most 19 digits: always within range.
        // swiftlint:disable:next force_try
        self = try! DynamoNumber(String(value))
    }

    private static func parse(_ bytes: [UInt8]) -> (negative: Bool, digits: [UInt8], exponent: Int)? {
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var pointSeen = false
        var integerDigits = 0
        var anyDigit = false
        while i < bytes.count {
            let c = bytes[i]
            if c >= 48 && c <= 57 {
                anyDigit = true
                digits.append(c - 48)
                if !pointSeen { integerDigits += 1 }
            } else if c == UInt8(ascii: ".") && !pointSeen {
                pointSeen = true
            } else {
                break
            }
            i += 1
        }
        guard anyDigit else { return nil }
        var exponent = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var expDigits = 0
            // Saturate to avoid overflow. The point can move the value at most `bytes.count`
            // places, so an exponent beyond this cap is out of range whatever the digits are.
            let cap = bytes.count + 1_000
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                if exponent <= cap { exponent = exponent * 10 + Int(bytes[i] - 48) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == bytes.count else { return nil }
        return (negative, digits, integerDigits + exponent)
    }

    public var isZero: Bool { digits.isEmpty }

    /// The value in plain notation, as DynamoDB returns it: `1000`, `1.5`, `-0.00012`.
    public var description: String {
        if digits.isEmpty { return "0" }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + max(0, exponent) + max(0, -exponent) + 3)
        if isNegative { out.append(UInt8(ascii: "-")) }
        if exponent <= 0 {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "."))
            for _ in 0..<(-exponent) { out.append(UInt8(ascii: "0")) }
            for d in digits { out.append(d + 48) }
        } else if exponent >= digits.count {
            for d in digits { out.append(d + 48) }
            for _ in 0..<(exponent - digits.count) { out.append(UInt8(ascii: "0")) }
        } else {
            for (index, d) in digits.enumerated() {
                if index == exponent { out.append(UInt8(ascii: ".")) }
                out.append(d + 48)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value as an `Int` when it is a whole number that fits (`Int.min` and `Int.max` included).
    public var intValue: Int? {
        if digits.isEmpty { return 0 }
        guard exponent >= digits.count, exponent <= 19 else { return nil }
        var magnitude: UInt = 0
        for index in 0..<exponent {
            let digit = index < digits.count ? UInt(digits[index]) : 0
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            magnitude = sum
        }
        if isNegative {
            if magnitude == UInt(Int.max) + 1 { return Int.min }
            return magnitude <= UInt(Int.max) ? -Int(magnitude) : nil
        }
        return magnitude <= UInt(Int.max) ? Int(magnitude) : nil
    }

    /// Approximate value, for display and statistics only (never for storage or comparison).
    public var approximateDouble: Double { Double(description) ?? 0 }

    // MARK: Comparison

    private static func compareMagnitude(_ a: DynamoNumber, _ b: DynamoNumber) -> Int {
        if a.digits.isEmpty || b.digits.isEmpty {
            return (a.digits.isEmpty ? 0 : 1) - (b.digits.isEmpty ? 0 : 1)
        }
        if a.exponent != b.exponent { return a.exponent < b.exponent ? -1 : 1 }
        let n = min(a.digits.count, b.digits.count)
        for i in 0..<n where a.digits[i] != b.digits[i] {
            return a.digits[i] < b.digits[i] ? -1 : 1
        }
        if a.digits.count == b.digits.count { return 0 }
        return a.digits.count < b.digits.count ? -1 : 1
    }

    /// -1, 0 or 1 as `a` is less than, equal to or greater than `b`, by value.
    public static func compare(_ a: DynamoNumber, _ b: DynamoNumber) -> Int {
        let signA = a.isZero ? 0 : (a.isNegative ? -1 : 1)
        let signB = b.isZero ? 0 : (b.isNegative ? -1 : 1)
        if signA != signB { return signA < signB ? -1 : 1 }
        if signA == 0 { return 0 }
        let magnitude = compareMagnitude(a, b)
        return signA < 0 ? -magnitude : magnitude
    }

    public static func < (a: DynamoNumber, b: DynamoNumber) -> Bool { compare(a, b) < 0 }

    // MARK: Arithmetic (for ADD and SET a = a + :n)

    public static func + (a: DynamoNumber, b: DynamoNumber) throws(DynamoError) -> DynamoNumber {
        if a.isZero { return b }
        if b.isZero { return a }
        // Align both significands on the smallest exponent position.
        let lowA = a.exponent - a.digits.count
        let lowB = b.exponent - b.digits.count
        let low = min(lowA, lowB)
        let high = max(a.exponent, b.exponent)
        let width = high - low
        func aligned(_ n: DynamoNumber) -> [Int] {
            var result = [Int](repeating: 0, count: width)
            let offset = high - n.exponent
            for (i, d) in n.digits.enumerated() { result[offset + i] = Int(d) }
            return result
        }
        let x = aligned(a)
        let y = aligned(b)
        var resultNegative: Bool
        var sum = [Int](repeating: 0, count: width + 1) // sum[0] is the carry position
        if a.isNegative == b.isNegative {
            resultNegative = a.isNegative
            var carry = 0
            for i in stride(from: width - 1, through: 0, by: -1) {
                let s = x[i] + y[i] + carry
                sum[i + 1] = s % 10
                carry = s / 10
            }
            sum[0] = carry
        } else {
            let magnitude = compareMagnitude(a, b)
            if magnitude == 0 { return .zero }
            let (big, small) = magnitude > 0 ? (x, y) : (y, x)
            resultNegative = magnitude > 0 ? a.isNegative : b.isNegative
            var borrow = 0
            for i in stride(from: width - 1, through: 0, by: -1) {
                var s = big[i] - small[i] - borrow
                if s < 0 { s += 10; borrow = 1 } else { borrow = 0 }
                sum[i + 1] = s
            }
        }
        return try DynamoNumber(negative: resultNegative, digits: sum.map { UInt8($0) }, exponent: high + 1)
    }

    public static prefix func - (a: DynamoNumber) -> DynamoNumber {
        DynamoNumber(unchecked: !a.isNegative, a.digits, a.exponent)
    }

    public static func - (a: DynamoNumber, b: DynamoNumber) throws(DynamoError) -> DynamoNumber {
        try a + (-b)
    }

    /// Bytes DynamoDB counts for this number in an item's size: one byte per two significant
    /// digits, plus one (plus one more when negative), as the developer guide gives it.
    public var storageSize: Int {
        1 + (digits.count + 1) / 2 + (isNegative ? 1 : 0)
    }
}

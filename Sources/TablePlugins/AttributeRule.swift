import DynamoAPI
import DynamoModel
import Foundation
import ShellLanguage

/// What an attribute may hold, and how its value is filled in when a command leaves it out.
public struct AttributeRule: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Any string (optionally matching `pattern`).
        case string
        /// One of `values`.
        case `enum`
        /// A number (optionally within `range`).
        case number
        /// A whole number ≥ 0 (session counts, limits).
        case count
        /// ISO 8601: `2025-01-15`, `2025-01-15T10:30:00Z`, with fractions or an offset.
        case timestamp
        /// Unix time in whole seconds, as DynamoDB's TTL reads it.
        case epochSeconds = "epoch_seconds"
        /// A list of strings (`L` of `S`, as the plan's `recommendations`).
        case stringList = "string_list"
        case boolean
        /// Any JSON value (a map, a list of anything).
        case json

        /// The DynamoDB scalar type a key attribute of this kind has.
        public var scalarType: ScalarAttributeType? {
            switch self {
            case .string, .enum, .timestamp: .s
            case .number, .count, .epochSeconds: .n
            default: nil
            }
        }

        var placeholder: String {
            switch self {
            case .string, .json: "TEXT"
            case .enum: "VALUE"
            case .number, .count: "NUMBER"
            case .timestamp: "TIME"
            case .epochSeconds: "SECONDS"
            case .stringList: "[TEXT, …]"
            case .boolean: ""
            }
        }
    }

    public var name: String
    public var kind: Kind
    public var description: String
    /// The description of the attribute as a key (the plan's "Primary Key" lines), if it differs.
    public var keyDescription: String?
    /// For `enum`.
    public var values: [String]
    /// Inclusive bounds for numbers.
    public var range: ClosedRange<Decimal>?
    /// A regular expression the whole string must match.
    public var pattern: String?
    public var required: Bool
    /// Filled in when absent (`now`, `now + 90d`, `{sk}`, `insight#{entity_id}`).
    public var defaultValue: Derivation?
    /// Always computed; a given value must equal it.
    public var derivedValue: Derivation?

    public init(name: String, kind: Kind, description: String = "", keyDescription: String? = nil, values: [String] = [],
                range: ClosedRange<Decimal>? = nil, pattern: String? = nil, required: Bool = false,
                defaultValue: Derivation? = nil, derivedValue: Derivation? = nil) {
        self.name = name
        self.kind = kind
        self.description = description
        self.keyDescription = keyDescription
        self.values = values
        self.range = range
        self.pattern = pattern
        self.required = required
        self.defaultValue = defaultValue
        self.derivedValue = derivedValue
    }

    /// The rule in words, for errors and help: "a number from 0 to 100".
    public var ruleDescription: String {
        switch kind {
        case .string: pattern.map { "a string matching \($0)" } ?? "a string"
        case .enum: "one of " + values.joined(separator: ", ")
        case .number: range.map { "a number from \(Self.text($0.lowerBound)) to \(Self.text($0.upperBound))" } ?? "a number"
        case .count: range.map { "a whole number from \(Self.text($0.lowerBound)) to \(Self.text($0.upperBound))" } ?? "a whole number ≥ 0"
        case .timestamp: "an ISO 8601 timestamp such as 2025-01-15T10:30:00Z"
        case .epochSeconds: "Unix time in whole seconds (such as 1712822400)"
        case .stringList: "a list of strings, such as [\"a\", \"b\"]"
        case .boolean: "true or false"
        case .json: "a JSON value"
        }
    }

    static func text(_ d: Decimal) -> String { NSDecimalNumber(decimal: d).stringValue }

    // MARK: Checking values

    /// The attribute value for `text` as a user wrote it (a word, a number, JSON), or an
    /// error naming the attribute, the value and the rule.
    public func value(fromText text: String) throws(PluginValueError) -> AttributeValue {
        switch kind {
        case .string, .enum, .timestamp:
            return try checked(.s(text))
        case .number, .count, .epochSeconds:
            guard let number = try? DynamoNumber(text) else { throw failure(text) }
            return try checked(.n(number))
        case .boolean:
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw failure(text)
            }
        case .stringList, .json:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if kind == .stringList, !trimmed.hasPrefix("[") { return try checked(.l([.s(text)])) }
            guard let json = try? JSONValue.parse(trimmed), let value = try? AttributeValue(plainJSON: json) else {
                throw failure(text)
            }
            return try checked(value)
        }
    }

    /// As `value(fromText:)`, and a time attribute also takes `now`, `now - 3d`, `now + 2h`
    /// (relative to `now`), so scripts can write data that stays recent.
    public func value(fromText text: String, now: Date) throws(PluginValueError) -> AttributeValue {
        guard kind == .timestamp || kind == .epochSeconds, text.hasPrefix("now"),
              case .success(let derivation) = Derivation.parse(text), case .now(let offset) = derivation else {
            return try value(fromText: text)
        }
        let instant = now.addingTimeInterval(TimeInterval(offset))
        if kind == .timestamp { return try checked(.s(Timestamp.text(instant))) }
        return try value(fromText: String(Int(instant.timeIntervalSince1970.rounded(.down))))
    }

    /// `value` if it follows the rule, else an error naming the attribute, the value and the rule.
    public func checked(_ value: AttributeValue) throws(PluginValueError) -> AttributeValue {
        switch (kind, value) {
        case (.string, .s(let s)):
            if let pattern, !Self.matches(s, pattern) { throw failure(s) }
        case (.enum, .s(let s)):
            if !values.contains(s) { throw failure(s, hint: Self.closest(s, among: values).map { "did you mean \($0)?" }) }
        case (.timestamp, .s(let s)):
            if !Timestamp.isValid(s) { throw failure(s) }
        case (.number, .n(let n)):
            try checkRange(n)
        case (.count, .n(let n)):
            guard n.isWhole, !n.isNegative else { throw failure(n.description) }
            try checkRange(n)
        case (.epochSeconds, .n(let n)):
            guard n.isWhole, !n.isNegative else { throw failure(n.description) }
            if let seconds = Decimal(string: n.description), seconds >= 100_000_000_000 {
                throw failure(n.description, hint: "that looks like milliseconds; DynamoDB's TTL reads seconds, and would never expire it")
            }
        case (.stringList, .l(let elements)):
            for element in elements {
                guard case .s = element else { throw failure(value.plainJSON.compactText) }
            }
        case (.boolean, .bool), (.json, _):
            break
        default:
            throw failure(value.plainJSON.compactText)
        }
        return value
    }

    private func checkRange(_ n: DynamoNumber) throws(PluginValueError) {
        guard let range, let d = Decimal(string: n.description) else { return }
        if !range.contains(d) { throw failure(n.description) }
    }

    func failure(_ value: String, hint: String? = nil) -> PluginValueError {
        PluginValueError(attribute: name, value: value, rule: ruleDescription, hint: hint)
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func closest(_ word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lowered }) { return exact }
        return candidates.first { $0.lowercased().hasPrefix(lowered) || lowered.hasPrefix($0.lowercased()) }
            ?? Diagnostic.suggestion(for: word, among: candidates)
    }
}

/// A value that breaks an attribute's rule: "health_score: 120 is not a number from 0 to 100".
public struct PluginValueError: Error, Sendable, Equatable, CustomStringConvertible {
    public var attribute: String
    public var value: String
    public var rule: String
    public var hint: String?

    public var description: String {
        "\(attribute): \(value.isEmpty ? "\"\"" : value) is not \(rule)" + (hint.map { " (\($0))" } ?? "")
    }
}

/// ISO 8601 timestamps as the plan writes them.
public enum Timestamp {
    /// `2025-01-15`, `2025-01-15T10:30`, `2025-01-15T10:30:00Z`, `…:00.123+01:00`: a real date
    /// and time, in the forms that sort as text in time order within one offset.
    public static func isValid(_ text: String) -> Bool {
        let pattern = #"(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?"#
        guard let regex = try? NSRegularExpression(pattern: "^" + pattern + "$"),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return false }
        func group(_ i: Int) -> Int? {
            let range = match.range(at: i)
            guard range.location != NSNotFound, let r = Range(range, in: text) else { return nil }
            return Int(text[r])
        }
        guard let year = group(1), let month = group(2), let day = group(3), (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return false }
        if let hour = group(5), hour > 23 { return false }
        if let minute = group(6), minute > 59 { return false }
        if let second = group(8), second > 59 { return false }
        return true
    }

    /// `2025-01-15T10:30:00Z` for `date` (whole seconds, UTC), as `date -u +%Y-%m-%dT%H:%M:%SZ`.
    public static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// The instant a valid timestamp stands for (a date alone is its midnight UTC).
    public static func date(_ text: String) -> Date? {
        guard isValid(text) else { return nil }
        var full = text
        if full.count == 10 { full += "T00:00:00Z" }
        if full.count == 16 { full += ":00" }
        if !(full.hasSuffix("Z") || full.dropLast(6).count + 6 == full.count && (full.suffix(6).first == "+" || full.suffix(6).first == "-")) {
            full += "Z"
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = full.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.date(from: full)
    }
}

extension DynamoNumber {
    /// True for 0, 1, 42, -7; false for 4.5.
    var isWhole: Bool { digits.isEmpty || digits.count <= exponent }
}

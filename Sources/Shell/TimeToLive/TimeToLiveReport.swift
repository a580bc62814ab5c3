import DynamoModel
import Foundation

/// What one table's TTL values do at one moment: collected item by item from a scan, so the
/// report never holds more than its counts and the few keys it lists.
///
/// The rules are DynamoDB's: the value must be a Number of epoch seconds; an item expires once
/// that time is reached (`value <= now`); values more than five years in the past are ignored.
struct TimeToLiveReport {
    /// DynamoDB never deletes an item whose TTL is more than five years in the past (the
    /// embedded store applies the same rule with the same 5 × 365 days).
    static let lookback: Double = 5 * 365 * 86_400

    /// Values at or above this are taken as milliseconds (or finer), not seconds: 1e11 seconds
    /// is the year 5138, which no real expiry means, while 1e11 milliseconds is 1973-03-03, so
    /// every millisecond timestamp since then is above it and every plausible seconds one
    /// below. DynamoDB reads such a value as seconds, thousands of years away: never.
    static let millisecondsThreshold: Double = 1e11

    /// Why a value never makes DynamoDB delete its item.
    enum NeverReason: String, CaseIterable {
        case notANumber = "not-a-number"
        case milliseconds
        case tooOld = "too-old"
    }

    /// How DynamoDB treats one item's TTL value at `now`.
    enum Verdict: Equatable {
        case missing
        case never(NeverReason)
        /// Expired (and within the lookback) but not deleted yet: DynamoDB still returns it.
        case expired
        /// Expires this many seconds from now.
        case expires(in: Double)
    }

    struct Expired {
        var key: JSONObject
        var keyText: String
        var value: AttributeValue
        var seconds: Double
    }

    struct Never {
        var key: JSONObject
        var keyText: String
        var value: AttributeValue
        var reason: NeverReason
        var detail: String
    }

    let keyNames: [String]
    let attribute: String
    /// Epoch seconds the report is relative to (`session.now()`).
    let now: Double
    /// How many keys each list keeps.
    let listLimit: Int

    private(set) var scanned = 0
    /// Cumulative windows: an item within the hour counts in the day and the week too.
    private(set) var withinHour = 0
    private(set) var withinDay = 0
    private(set) var withinWeek = 0
    private(set) var later = 0
    private(set) var expiredCount = 0
    /// The longest-expired first, at most `listLimit`.
    private(set) var expired: [Expired] = []
    private(set) var withoutAttribute = 0
    private(set) var neverCount = 0
    /// By reason, then key; at most `listLimit`.
    private(set) var never: [Never] = []

    init(keyNames: [String], attribute: String, now: Double, listLimit: Int) {
        self.keyNames = keyNames
        self.attribute = attribute
        self.now = now
        self.listLimit = listLimit
    }

    static func verdict(_ value: AttributeValue?, now: Double) -> Verdict {
        guard let value else { return .missing }
        guard case .n(let number) = value else { return .never(.notANumber) }
        let seconds = number.approximateDouble
        if seconds >= millisecondsThreshold { return .never(.milliseconds) }
        if seconds < now - lookback { return .never(.tooOld) }
        if seconds <= now { return .expired }
        return .expires(in: seconds - now)
    }

    mutating func add(_ item: Item) {
        scanned += 1
        let value = item[attribute]
        switch Self.verdict(value, now: now) {
        case .missing:
            withoutAttribute += 1
        case .expires(let seconds):
            if seconds <= 3600 { withinHour += 1 }
            if seconds <= 86_400 { withinDay += 1 }
            if seconds <= 7 * 86_400 { withinWeek += 1 } else { later += 1 }
        case .expired:
            expiredCount += 1
            guard case .n(let number)? = value else { return }
            let key = keyObject(item)
            let entry = Expired(key: key, keyText: JSONValue.object(key).compactText, value: value!, seconds: number.approximateDouble)
            Self.keep(entry, in: &expired, limit: listLimit) { ($0.seconds, $0.keyText) < ($1.seconds, $1.keyText) }
        case .never(let reason):
            neverCount += 1
            let key = keyObject(item)
            let entry = Never(key: key, keyText: JSONValue.object(key).compactText, value: value!, reason: reason,
                              detail: Self.detail(value!, reason: reason, now: now))
            Self.keep(entry, in: &never, limit: listLimit) { a, b in
                let ra = NeverReason.allCases.firstIndex(of: a.reason)!
                let rb = NeverReason.allCases.firstIndex(of: b.reason)!
                return (ra, a.keyText) < (rb, b.keyText)
            }
        }
    }

    /// The key attributes in key order (hash first), as a person reads a key.
    private func keyObject(_ item: Item) -> JSONObject {
        var key = JSONObject()
        for name in keyNames {
            if let value = item[name] { key.append(key: name, value: value.plainJSON) }
        }
        return key
    }

    /// Inserts in order and drops the last beyond `limit`: the lists stay small and their
    /// content does not depend on the order the scan returns items in.
    private static func keep<T>(_ entry: T, in list: inout [T], limit: Int, by less: (T, T) -> Bool) {
        guard limit > 0 else { return }
        if list.count == limit, let last = list.last, !less(entry, last) { return }
        var index = list.count
        while index > 0 && less(entry, list[index - 1]) { index -= 1 }
        list.insert(entry, at: index)
        if list.count > limit { list.removeLast() }
    }

    // MARK: Wording

    static func detail(_ value: AttributeValue, reason: NeverReason, now: Double) -> String {
        switch reason {
        case .notANumber:
            var text = "a \(typeName(value)), not a Number"
            if case .s(let string) = value, (try? DynamoNumber(string)) != nil { text += " (store it as a Number)" }
            return text + "; DynamoDB ignores it"
        case .milliseconds:
            guard case .n(let number) = value else { return "" }
            let seconds = number.approximateDouble / 1000
            if seconds < millisecondsThreshold {
                return "milliseconds (\(date(seconds)) in seconds); DynamoDB reads epoch seconds, so it is thousands of years away"
            }
            return "far beyond any date in epoch seconds (finer than milliseconds?); DynamoDB reads epoch seconds"
        case .tooOld:
            guard case .n(let number) = value else { return "" }
            return "\(date(number.approximateDouble)), more than 5 years in the past; DynamoDB ignores it"
        }
    }

    static func typeName(_ value: AttributeValue) -> String {
        switch value {
        case .s: "String"
        case .n: "Number"
        case .b: "Binary"
        case .bool: "Boolean"
        case .null: "Null"
        case .l: "List"
        case .m: "Map"
        case .ss: "String Set"
        case .ns: "Number Set"
        case .bs: "Binary Set"
        }
    }

    static func date(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).ISO8601Format()
    }

    /// `45 min`, `5 h`, `3 d`: how long ago an item expired, to a useful precision.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.down))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min" }
        if s < 86_400 { return "\(s / 3600) h" }
        return "\(s / 86_400) d"
    }

    /// Epoch seconds as a DynamoDB number: whole seconds without a fraction.
    static func epochText(_ seconds: Double) -> String {
        seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int64(seconds)) : String(seconds)
    }
}

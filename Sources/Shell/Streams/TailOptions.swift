import Foundation
import TablePlugins

/// Where `tail` starts reading a stream (`--from`).
enum TailStart: Equatable, CustomStringConvertible {
    /// Only changes made after `tail` started (a `LATEST` iterator on each open shard).
    case latest
    /// Every record the stream still holds (24 hours on DynamoDB).
    case trimHorizon
    /// At this record: `AT_SEQUENCE_NUMBER` on the shard whose range holds it.
    case sequenceNumber(String)
    /// DynamoDB Streams has no `AT_TIMESTAMP` iterator, so this reads from `TRIM_HORIZON` and
    /// skips records whose `ApproximateCreationDateTime` is earlier.
    case time(Date)

    /// `latest`, `trim-horizon`, a sequence number (decimal digits) or an ISO 8601 time.
    init(parsing text: String) throws {
        switch text.lowercased() {
        case "latest":
            self = .latest
        case "trim-horizon", "trim_horizon":
            self = .trimHorizon
        default:
            if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                self = .sequenceNumber(text)
            } else if let date = Timestamp.date(text) {
                self = .time(date)
            } else {
                throw ShellError("tail: --from takes latest, trim-horizon, a sequence number or an ISO 8601 time (2025-01-15T10:30:00Z, 2025-01-15), not '\(text)'")
            }
        }
    }

    var description: String {
        switch self {
        case .latest: "latest"
        case .trimHorizon: "trim-horizon"
        case .sequenceNumber(let number): "sequence number \(number)"
        case .time(let date): Timestamp.text(date)
        }
    }
}

enum TailOptions {
    /// `30s`, `5m`, `1h`, `1.5m` or plain seconds (`45`), as seconds; must be more than zero.
    static func duration(_ text: String) throws -> Double {
        let invalid = ShellError("tail: --for takes a duration such as 30s, 5m or 1h, not '\(text)'")
        var number = Substring(text.lowercased())
        var scale = 1.0
        switch number.last {
        case "s": number = number.dropLast()
        case "m": (number, scale) = (number.dropLast(), 60)
        case "h": (number, scale) = (number.dropLast(), 3600)
        default: break
        }
        // Digits with at most one dot: Double() alone would also take "inf", "nan" and "1e3".
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              number.filter({ $0 == "." }).count <= 1, let value = Double(number) else { throw invalid }
        guard value > 0 else { throw ShellError("tail: --for must be more than zero, not '\(text)'") }
        return value * scale
    }

    /// A positive whole number of records.
    static func maxRecords(_ text: String) throws -> Int {
        guard let n = Int(text), n > 0 else { throw ShellError("tail: --max must be a positive whole number, not '\(text)'") }
        return n
    }
}

/// Sequence numbers are decimal strings of any length (DynamoDB's run to 20 or more digits,
/// past `Int64`), so they are compared as text: by length once leading zeros are gone, then
/// character by character.
enum SequenceNumbers {
    static func compare(_ a: String, _ b: String) -> Int {
        let x = a.drop { $0 == "0" }
        let y = b.drop { $0 == "0" }
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        if x == y { return 0 }
        return x.lexicographicallyPrecedes(y) ? -1 : 1
    }

    /// Whether a shard's `SequenceNumberRange` holds `number` (an open shard has no end).
    static func range(_ range: (start: String?, end: String?), holds number: String) -> Bool {
        if let start = range.start, compare(number, start) < 0 { return false }
        if let end = range.end, compare(number, end) > 0 { return false }
        return true
    }
}

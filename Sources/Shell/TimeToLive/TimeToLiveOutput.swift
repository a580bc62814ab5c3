import DynamoModel

/// The printed forms of `ttl TABLE`, one per output format.
///
/// - `table`: readable sections (status, expiring, expired not deleted, without the attribute,
///   never expire), lists ending with "… and K more".
/// - `json`: one document: `table`, `status`, `attribute`, `attributeFrom` (`table` or
///   `plugin NAME`), `enable` (the `api UpdateTimeToLive` to run, when TTL is off), `now`,
///   `itemsScanned`, `expiring` {`withinHour`, `withinDay`, `withinWeek`, `later`} (windows
///   are cumulative), `expiredNotDeleted` and `neverExpire` {`count`, `items`, `more`},
///   `withoutAttribute`.
/// - `jsonl`, `csv`, `ddb-json`: one object per listed item (`{"list": "expired"|"never",
///   "key", "value", …}`) then the summary (the `json` document without `items`) as the last
///   line, so a stream reader gets the keys first and the totals at the end. CSV and
///   DynamoDB JSON have no shape for a report, so they take the JSON-lines form.
struct TimeToLiveOutput {
    var table: String
    /// `ENABLED`, `DISABLED`, `ENABLING`, `DISABLING`.
    var status: String
    /// The attribute the report reads; nil when TTL is off and no plugin declares one.
    var attribute: String?
    /// Where the attribute comes from: `table` (its TTL setting) or `plugin NAME`.
    var attributeFrom: String?
    /// The statement that enables TTL, when it is not on.
    var enable: String?
    /// A remark worth a line (a plugin declaring another attribute, a change in progress).
    var notes: [String] = []
    var report: TimeToLiveReport?

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: return text()
        case .json: return JSONValue.object(summary(withItems: true)).prettyText() + "\n"
        case .jsonl, .csv, .ddbJSON: return lines()
        }
    }

    // MARK: Text

    func text() -> String {
        var out = "TTL on \(table): \(status)"
        if let attribute, status != "DISABLED" { out += ", attribute \(attribute)" }
        out += "\n"
        for note in notes { out += note + "\n" }
        if let enable {
            out += status == "DISABLED" && report != nil ? "nothing is deleted; " : ""
            out += "enable it with: \(enable)\n"
        }
        guard let report else { return out }
        if status == "DISABLED", let attribute {
            out += "what the values of \(attribute) (declared by \(attributeFrom ?? "a plugin")) would do once enabled:\n"
        }
        out += "as of \(TimeToLiveReport.date(report.now)) (\(TimeToLiveReport.epochText(report.now))): "
        out += "\(report.scanned) item\(report.scanned == 1 ? "" : "s") scanned\n\n"
        out += "expiring\n"
        out += "  within 1 hour   \(report.withinHour)\n"
        out += "  within 1 day    \(report.withinDay)\n"
        out += "  within 1 week   \(report.withinWeek)\n"
        out += "  later           \(report.later)\n\n"
        out += "expired, not deleted yet (DynamoDB still returns them): \(report.expiredCount)\n"
        for entry in report.expired {
            out += "  \(entry.keyText)  \(entry.value.plainJSON.compactText) = \(TimeToLiveReport.date(entry.seconds)), "
            out += "\(TimeToLiveReport.duration(report.now - entry.seconds)) ago\n"
        }
        out += Self.more(report.expiredCount - report.expired.count)
        out += "\nwithout \(report.attribute): \(report.withoutAttribute)\n\n"
        out += "never expire: \(report.neverCount)\n"
        for entry in report.never {
            out += "  \(entry.keyText)  \(entry.value.plainJSON.compactText): \(entry.detail)\n"
        }
        out += Self.more(report.neverCount - report.never.count)
        return out
    }

    private static func more(_ count: Int) -> String {
        count > 0 ? "  … and \(count) more\n" : ""
    }

    // MARK: JSON

    func summary(withItems: Bool) -> JSONObject {
        var object: JSONObject = ["table": .string(table), "status": .string(status),
                                  "attribute": attribute.map { .string($0) } ?? .null]
        if let attributeFrom { object.append(key: "attributeFrom", value: .string(attributeFrom)) }
        if let enable { object.append(key: "enable", value: .string(enable)) }
        if !notes.isEmpty { object.append(key: "notes", value: .array(notes.map { .string($0) })) }
        guard let report else { return object }
        object.append(key: "now", value: .number(TimeToLiveReport.epochText(report.now)))
        object.append(key: "itemsScanned", value: Self.number(report.scanned))
        object.append(key: "expiring", value: .object([
            "withinHour": Self.number(report.withinHour), "withinDay": Self.number(report.withinDay),
            "withinWeek": Self.number(report.withinWeek), "later": Self.number(report.later),
        ]))
        var expired: JSONObject = ["count": Self.number(report.expiredCount)]
        if withItems { expired.append(key: "items", value: .array(report.expired.map { .object(Self.object($0)) })) }
        expired.append(key: "more", value: Self.number(report.expiredCount - report.expired.count))
        object.append(key: "expiredNotDeleted", value: .object(expired))
        object.append(key: "withoutAttribute", value: Self.number(report.withoutAttribute))
        var never: JSONObject = ["count": Self.number(report.neverCount)]
        if withItems { never.append(key: "items", value: .array(report.never.map { .object(Self.object($0)) })) }
        never.append(key: "more", value: Self.number(report.neverCount - report.never.count))
        object.append(key: "neverExpire", value: .object(never))
        return object
    }

    func lines() -> String {
        var out = ""
        if let report {
            for entry in report.expired {
                var object = Self.object(entry)
                object = ["list": .string("expired")] + object
                out += JSONValue.object(object).compactText + "\n"
            }
            for entry in report.never {
                var object = Self.object(entry)
                object = ["list": .string("never")] + object
                out += JSONValue.object(object).compactText + "\n"
            }
        }
        return out + JSONValue.object(summary(withItems: false)).compactText + "\n"
    }

    private static func object(_ entry: TimeToLiveReport.Expired) -> JSONObject {
        ["key": .object(entry.key), "value": entry.value.plainJSON,
         "expired": .string(TimeToLiveReport.date(entry.seconds))]
    }

    private static func object(_ entry: TimeToLiveReport.Never) -> JSONObject {
        ["key": .object(entry.key), "value": entry.value.plainJSON,
         "reason": .string(entry.reason.rawValue), "detail": .string(entry.detail)]
    }

    private static func number(_ n: Int) -> JSONValue { .number(String(n)) }
}

extension JSONObject {
    /// `lhs`'s members, then `rhs`'s.
    fileprivate static func + (lhs: JSONObject, rhs: JSONObject) -> JSONObject {
        var out = lhs
        for (key, value) in rhs { out.append(key: key, value: value) }
        return out
    }
}

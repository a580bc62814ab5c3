import DynamoAPI
import DynamoModel
import Foundation
import TablePlugins

/// One attribute's change between a record's OldImage and NewImage.
struct AttributeChange: Equatable {
    var attribute: String
    /// Nil when the attribute was added.
    var old: AttributeValue?
    /// Nil when the attribute was removed.
    var new: AttributeValue?

    /// The non-key attributes that differ, by name. Nil when the stream's view type leaves
    /// out an image the comparison needs (KEYS_ONLY, or NEW_IMAGE for a MODIFY).
    static func between(_ record: Record, keyNames: Set<String>) -> [AttributeChange]? {
        // An INSERT has nothing before it and a REMOVE nothing after it, whatever the view.
        let old: Item? = record.eventName == .insert ? [:] : record.dynamodb?.oldImage
        let new: Item? = record.eventName == .remove ? [:] : record.dynamodb?.newImage
        guard let old, let new else { return nil }
        var names = Set(old.keys)
        names.formUnion(new.keys)
        names.subtract(keyNames)
        var changes: [AttributeChange] = []
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) where old[name] != new[name] {
            changes.append(AttributeChange(attribute: name, old: old[name], new: new[name]))
        }
        return changes
    }
}

/// Stream records as `tail` prints them: one line each on a terminal, one JSON object each
/// for programs.
struct StreamRecordFormatter {
    var format: OutputFormat
    /// The table's key attributes, partition key first: they name the item on each line.
    var keyNames: [String]
    /// Event names in color (INSERT green, MODIFY yellow, REMOVE red) in `table` lines.
    var color = false
    private var wroteHeader = false

    /// A value longer than this is cut in a `table` line, so one big map cannot flood the
    /// terminal; JSON output always has it whole.
    static let valueWidth = 60

    init(format: OutputFormat, keyNames: [String]) {
        self.format = format
        self.keyNames = keyNames
    }

    /// Whether DynamoDB itself deleted the item because its time to live passed.
    static func isTTLDeletion(_ record: Record) -> Bool {
        record.eventName == .remove && record.userIdentity?.type == "Service"
            && record.userIdentity?.principalId == "dynamodb.amazonaws.com"
    }

    /// The text for one record; every line ends with a newline.
    mutating func text(_ record: Record) -> String {
        switch format {
        case .table:
            return line(record) + "\n"
        case .csv:
            let row = StreamRecordFormatter.csvRow(record, self)
            defer { wroteHeader = true }
            return (wroteHeader ? "" : ItemFormatter.csvRow(["time", "event", "key", "changes"]) + "\r\n") + row
        case .jsonl:
            return object(record, typed: false).compactText + "\n"
        case .json:
            return object(record, typed: false).prettyText() + "\n"
        case .ddbJSON:
            return object(record, typed: true).compactText + "\n"
        }
    }

    private static func csvRow(_ record: Record, _ formatter: StreamRecordFormatter) -> String {
        let fields = [formatter.time(record), formatter.event(record), formatter.key(record, cut: false),
                      formatter.changes(record, cut: false)]
        return ItemFormatter.csvRow(fields) + "\r\n"
    }

    // MARK: Lines

    /// `2025-01-15T10:30:00Z  MODIFY  entity_id=stu_1 entity_type=student  health_score: 72 → 65, +sessions_7d=3`
    func line(_ record: Record) -> String {
        let event = self.event(record)
        var shownEvent = event.padding(toLength: max(event.count, 6), withPad: " ", startingAt: 0)
        if color {
            let style = switch record.eventName { case .insert?: ANSI.green; case .modify?: ANSI.yellow; default: ANSI.red }
            shownEvent = style + shownEvent + ANSI.reset
        }
        var parts = [time(record), shownEvent, key(record, cut: true)]
        let changes = self.changes(record, cut: true)
        if !changes.isEmpty { parts.append(changes) }
        return parts.joined(separator: "  ")
    }

    func time(_ record: Record) -> String {
        guard let seconds = record.dynamodb?.approximateCreationDateTime else { return "-" }
        return Timestamp.text(Date(timeIntervalSince1970: seconds))
    }

    func event(_ record: Record) -> String {
        let name = record.eventName?.rawValue ?? "?"
        return Self.isTTLDeletion(record) ? name + " (TTL expiry)" : name
    }

    /// `entity_id=stu_1 entity_type=student`: key attributes in key order.
    func key(_ record: Record, cut: Bool) -> String {
        let keys = record.dynamodb?.keys ?? [:]
        var words: [String] = []
        for name in ordered(Array(keys.keys)) {
            if let value = keys[name] { words.append(name + "=" + Self.shown(value, cut: cut)) }
        }
        return words.joined(separator: " ")
    }

    /// `health_score: 72 → 65, +sessions_7d=3, -explanation`; with only a NewImage to show
    /// (a NEW_IMAGE stream's MODIFY), its attributes as `name=value`.
    func changes(_ record: Record, cut: Bool) -> String {
        let keySet = keyAttributes(record)
        guard let changes = AttributeChange.between(record, keyNames: keySet) else {
            guard let new = record.dynamodb?.newImage else { return "" }
            var words: [String] = []
            for name in ordered(Array(new.keys)) where !keySet.contains(name) {
                if let value = new[name] { words.append(name + "=" + Self.shown(value, cut: cut)) }
            }
            return words.joined(separator: " ")
        }
        // Changed values first, then added, then removed attributes: the first are what a
        // reader of a MODIFY usually looks for.
        var changed: [String] = []
        var added: [String] = []
        var removed: [String] = []
        for change in changes {
            switch (change.old, change.new) {
            case (let old?, let new?): changed.append("\(change.attribute): \(Self.shown(old, cut: cut)) → \(Self.shown(new, cut: cut))")
            case (nil, let new?): added.append("+\(change.attribute)=\(Self.shown(new, cut: cut))")
            case (_?, nil): removed.append("-\(change.attribute)")
            case (nil, nil): break
            }
        }
        return (changed + added + removed).joined(separator: ", ")
    }

    /// The attributes that name the item: never shown as changed (a key cannot change).
    private func keyAttributes(_ record: Record) -> Set<String> {
        var names = Set(keyNames)
        for name in (record.dynamodb?.keys ?? [:]).keys { names.insert(name) }
        return names
    }

    /// Key attributes first, in key order, then the rest by name.
    private func ordered(_ names: [String]) -> [String] {
        let first = keyNames.filter { names.contains($0) }
        let rest = names.filter { !keyNames.contains($0) }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return first + rest
    }

    /// A value as a person reads it: strings bare unless they would blur the line (empty,
    /// spaces, `=`, `,`), then quoted; control characters escaped; long values cut.
    static func shown(_ value: AttributeValue, cut: Bool) -> String {
        var text: String
        if case .s(let s) = value, s.isEmpty || s.contains(where: { $0 == " " || $0 == "=" || $0 == "," || $0 == "\"" }) {
            text = JSONValue.string(s).compactText
        } else {
            text = ItemFormatter.displayText(ItemFormatter.cellText(value))
        }
        if cut, text.count > valueWidth { text = String(text.prefix(valueWidth - 1)) + "…" }
        return text
    }

    // MARK: JSON

    /// `{"eventName", "sequenceNumber", "approximateCreationDateTime", "keys", "oldImage",
    /// "newImage", "changes", "ttl"}`: images in plain JSON (numbers exact) or, `typed`, in
    /// DynamoDB JSON.
    func object(_ record: Record, typed: Bool) -> JSONValue {
        func item(_ item: Item) -> JSONValue { typed ? item.dynamoJSON : item.plainJSON }
        func value(_ value: AttributeValue) -> JSONValue { typed ? value.dynamoJSON : value.plainJSON }
        var object = JSONObject()
        object.append(key: "eventName", value: record.eventName.map { .string($0.rawValue) } ?? .null)
        if Self.isTTLDeletion(record) { object.append(key: "ttl", value: .bool(true)) }
        let body = record.dynamodb
        if let sequence = body?.sequenceNumber { object.append(key: "sequenceNumber", value: .string(sequence)) }
        if body?.approximateCreationDateTime != nil {
            object.append(key: "approximateCreationDateTime", value: .string(time(record)))
        }
        object.append(key: "keys", value: item(body?.keys ?? [:]))
        if let old = body?.oldImage { object.append(key: "oldImage", value: item(old)) }
        if let new = body?.newImage { object.append(key: "newImage", value: item(new)) }
        if let changes = AttributeChange.between(record, keyNames: keyAttributes(record)) {
            var summary = JSONObject()
            for change in changes {
                var entry = JSONObject()
                if let old = change.old { entry.append(key: "old", value: value(old)) }
                if let new = change.new { entry.append(key: "new", value: value(new)) }
                summary.append(key: change.attribute, value: .object(entry))
            }
            object.append(key: "changes", value: .object(summary))
        }
        return .object(object)
    }
}

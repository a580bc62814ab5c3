import DynamoModel

/// How results are printed.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns, key attributes first; the default on a terminal.
    case table
    /// One JSON document per command result (plain JSON: numbers exact).
    case json
    /// One plain-JSON item per line; the default when output is not a terminal.
    case jsonl
    /// RFC 4180, with a header row.
    case csv
    /// One DynamoDB-JSON (typed) item per line: lossless, what `export` writes.
    case ddbJSON = "ddb-json"
}

/// Renders pages of items in one format. Columns are fixed by the first page (key attributes
/// first, then the rest by name), so a streamed result stays one table / one CSV; attributes
/// first seen later are appended to the right in `table`, and dropped from `csv` (whose header
/// is already out), which the caller can avoid with `select`.
public struct ItemFormatter: Sendable {
    public var format: OutputFormat
    /// Attribute names to put first, in this order (the table's or index's key).
    public var keyNames: [String]
    /// Cut table cells so a row fits this many columns; nil for no limit.
    public var width: Int?
    /// Fixed columns (from `select`), in order; nil to derive them from the items.
    public var columns: [String]?
    /// Bold table headers (ANSI), for a terminal that shows color.
    public var color = false

    private var started = false
    private var itemsWritten = 0

    public init(format: OutputFormat, keyNames: [String] = [], width: Int? = nil, columns: [String]? = nil, color: Bool = false) {
        self.color = color
        self.format = format
        self.keyNames = keyNames
        self.width = width
        self.columns = columns
    }

    /// The text for one page of items (every line ends with a newline).
    public mutating func page(_ items: [Item]) -> String {
        defer {
            started = true
            itemsWritten += items.count
        }
        switch format {
        case .jsonl:
            return items.map { ordered($0, \.plainJSON).compactText + "\n" }.joined()
        case .ddbJSON:
            return items.map { ordered($0, \.dynamoJSON).compactText + "\n" }.joined()
        case .json:
            // Opened here, closed by `finish()`, so a streamed result is one array.
            var out = started ? "" : "["
            for (offset, item) in items.enumerated() {
                if itemsWritten + offset > 0 { out += "," }
                out += "\n  " + ordered(item, \.plainJSON).compactText
            }
            return out
        case .csv:
            if columns == nil { columns = Self.columns(for: items, keys: keyNames) }
            var out = started ? "" : Self.csvRow(columns!) + "\r\n"
            for item in items {
                out += Self.csvRow(columns!.map { item[$0].map(Self.cellText) ?? "" }) + "\r\n"
            }
            return out
        case .table:
            var known = columns ?? []
            for name in Self.columns(for: items, keys: keyNames) where !known.contains(name) { known.append(name) }
            columns = known
            return Self.table(items, columns: known, width: width, header: !started, color: color)
        }
    }

    /// An item as a JSON object: the selected columns first, in `select` order (as jq's
    /// `{a: .a, b: .b}` would print them), then the other attributes by name.
    func ordered(_ item: Item, _ encode: (AttributeValue) -> JSONValue) -> JSONValue {
        var object = JSONObject()
        for name in columns ?? [] {
            if let value = item[name] { object.append(key: name, value: encode(value)) }
        }
        for (name, value) in item.sorted(by: { $0.key < $1.key }) where !(columns ?? []).contains(name) {
            object.append(key: name, value: encode(value))
        }
        return .object(object)
    }

    /// Closing text after the last page (the end of a JSON array).
    public func finish() -> String {
        switch format {
        case .json: return started ? (itemsWritten > 0 ? "\n]\n" : "]\n") : "[]\n"
        default: return ""
        }
    }

    /// Key attributes first (in key order), then every other attribute by name.
    static func columns(for items: [Item], keys: [String]) -> [String] {
        var present = Set<String>()
        for item in items { present.formUnion(item.keys) }
        let first = keys.filter { present.contains($0) }
        let rest = present.subtracting(first).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return first + rest
    }

    /// A value as a person reads it in a cell: strings bare, numbers exact, the rest as JSON.
    public static func cellText(_ value: AttributeValue) -> String {
        switch value {
        case .s(let s): return s
        case .n(let n): return n.description
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        default: return value.plainJSON.compactText
        }
    }

    static func csvRow(_ fields: [String]) -> String {
        fields.map { field in
            if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
            }
            return field
        }.joined(separator: ",")
    }

    /// A cell's text with control characters escaped (`\n`, `\u{1b}`), so a value can never
    /// break the table's layout or send escape sequences to the terminal.
    static func displayText(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static func table(_ items: [Item], columns: [String], width: Int?, header: Bool, color: Bool = false) -> String {
        guard !columns.isEmpty else { return "" }
        var rows: [[String]] = items.map { item in columns.map { item[$0].map { displayText(cellText($0)) } ?? "" } }
        var widths = columns.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        // Shrink the widest columns until the row fits the terminal; never below 8 characters.
        if let width {
            let separators = 2 * (columns.count - 1)
            while widths.reduce(0, +) + separators > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                  widths[widest] > 8 {
                widths[widest] -= 1
            }
            rows = rows.map { row in
                row.enumerated().map { i, cell in cell.count > widths[i] ? String(cell.prefix(widths[i] - 1)) + "…" : cell }
            }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() {
                let shown = cell.count > widths[i] ? String(cell.prefix(widths[i] - 1)) + "…" : cell
                out += shown
                if i < cells.count - 1 { out += String(repeating: " ", count: widths[i] - shown.count + 2) }
            }
            return out + "\n"
        }
        var out = ""
        if header {
            // Escapes go around the padded line, so they never count toward a width.
            out += color ? ANSI.bold + line(columns).dropLast() + ANSI.reset + "\n" : line(columns)
            out += line(widths.map { String(repeating: "-", count: $0) })
        }
        for row in rows { out += line(row) }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// ANSI styles for `set color on`; never used when color is off, so piped output stays clean.
enum ANSI {
    static let bold = "\u{1b}[1m"
    static let green = "\u{1b}[32m"
    static let yellow = "\u{1b}[33m"
    static let red = "\u{1b}[31m"
    static let reset = "\u{1b}[0m"
}

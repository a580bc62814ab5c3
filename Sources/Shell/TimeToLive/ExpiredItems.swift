import DynamoAPI
import ShellLanguage

/// The session's TTL state: whether reads hide expired items (`set expired hide|show`) and
/// what each table's TTL setting is, asked once per table since every query, scan and count
/// would otherwise cost a DescribeTimeToLive.
struct TimeToLiveSettings {
    /// `set expired hide`: reads leave out items DynamoDB would delete but still returns.
    /// Off by default, so reads show what DynamoDB returns.
    var hidesExpired = false

    enum Known {
        case enabled(attribute: String)
        case notEnabled
    }

    private var tables: [String: Known] = [:]

    func known(_ table: String) -> Known? { tables[table] }

    /// Keeps what a DescribeTimeToLive said; only ENABLED tables get the filter.
    mutating func remember(_ table: String, _ description: TimeToLiveDescription?) {
        if description?.timeToLiveStatus == .enabled, let attribute = description?.attributeName {
            tables[table] = .enabled(attribute: attribute)
        } else {
            tables[table] = .notEnabled
        }
    }

    /// Forgets the tables' settings (after statements that may change them).
    mutating func forget() { tables.removeAll() }
}

extension ShellSession {
    /// `set expired hide|show`.
    func setExpired(_ text: String) throws {
        switch text.lowercased() {
        case "hide": ttlSettings.hidesExpired = true
        case "show": ttlSettings.hidesExpired = false
        default: throw ShellError("expired takes hide or show, not '\(text)'")
        }
    }

    /// A read's filter, with expired items left out when `set expired hide` is on and the
    /// table's TTL is ENABLED; otherwise `filter` as it is.
    ///
    /// Kept are items without the attribute, items whose attribute is not a Number, items
    /// whose TTL is after now, and items whose TTL is more than five years in the past (which
    /// DynamoDB never deletes): so a read shows what the table holds once DynamoDB's TTL (or
    /// `sweep`) has run. It is a condition tree, AND-ed with the user's filter, so the request
    /// builder gives it placeholders and `explain` shows it. On an index that does not project
    /// the attribute every item lacks it, and nothing is hidden.
    func filterHidingExpired(_ filter: ShellCondition?, table: String) async -> ShellCondition? {
        guard ttlSettings.hidesExpired, let attribute = await enabledTimeToLiveAttribute(table) else { return filter }
        let path = DocumentPath([.name(attribute)])
        let now = timeToLiveNow()
        let visible = ShellCondition.or([
            .attributeNotExists(path),
            .not(.attributeType(path, .string(ShellString(stringLiteral: "N")))),
            .compare(.path(path), .greater, .value(.number(TimeToLiveReport.epochText(now)))),
            .compare(.path(path), .less, .value(.number(TimeToLiveReport.epochText(now - TimeToLiveReport.lookback)))),
        ])
        guard let filter else { return visible }
        return .and([filter, visible])
    }

    /// The TTL attribute of a table whose TTL is ENABLED, asked once per session; nil when it
    /// is not, or when the backend cannot say (the read itself then reports any problem).
    func enabledTimeToLiveAttribute(_ table: String) async -> String? {
        if ttlSettings.known(table) == nil {
            guard let output = try? await backend.describeTimeToLive(DescribeTimeToLiveInput(tableName: table)) else { return nil }
            ttlSettings.remember(table, output.timeToLiveDescription)
        }
        if case .enabled(let attribute)? = ttlSettings.known(table) { return attribute }
        return nil
    }
}

import DynamoModel

/// TTL emulation. DynamoDB deletes an expired item some time after its TTL passes; the
/// embedded store does it when the store is opened and on demand (`sweepExpiredItems`), and
/// until then the item is still returned, as on DynamoDB.
extension EmbeddedEngine {
    /// DynamoDB never expires items whose TTL is more than five years in the past.
    static let ttlLookback: Double = 5 * 365 * 86_400

    /// The expiry time a TTL attribute value stands for: a Number, read as epoch seconds.
    static func expiry(_ value: AttributeValue?) -> Double? {
        guard case .n(let number)? = value else { return nil }
        return number.approximateDouble
    }

    /// Fills the TTL index from the items already stored (when TTL is enabled).
    func backfillTTLIndex(_ table: TableSchema) throws {
        guard let attribute = table.ttlAttribute else { return }
        try store.createTTLIndex(table)
        var entries: [(Double, StoredKey)] = []
        try store.forEachItem(table) { key, item in
            if let expires = Self.expiry(item[attribute]) { entries.append((expires, key)) }
            return true
        }
        for (expires, key) in entries { try store.insertTTLEntry(table, expires, key) }
    }

    /// True when DynamoDB would delete an item with this TTL value at `time`.
    static func isExpired(_ value: AttributeValue?, at time: Double) -> Bool {
        guard case .n(let number)? = value else { return false }
        let seconds = number.approximateDouble
        return seconds <= time && seconds >= time - ttlLookback
    }

    /// Deletes every expired item of every table with TTL enabled, each as a REMOVE stream
    /// record by the DynamoDB service; also trims change-log rows past retention.
    /// Returns how many items were deleted.
    @discardableResult
    public func sweepExpiredItems() throws -> Int {
        try write { try store.dropStreams(disabledBefore: now - options.streamRetention) }
        let names = try locked { tableNames }
        var deleted = 0
        for name in names {
            deleted += try write {
                guard let table = tableIfExists(name) else { return 0 }
                try trimChangeLog(table)
                guard table.ttlEnabled, let attribute = table.ttlAttribute else { return 0 }
                let time = now
                var deleted = 0
                for key in try store.ttlKeys(table, expiringIn: (time - Self.ttlLookback)...time) {
                    guard let item = try store.readItem(table, key), Self.isExpired(item[attribute], at: time) else { continue }
                    try commitWrite(table, key: key, old: item, new: nil, byService: true)
                    deleted += 1
                }
                return deleted
            }
        }
        return deleted
    }

    /// Keeps the change log for as long as a stream reader (24 h) or a restore (35 days
    /// while point-in-time recovery is on) can ask for it.
    func trimChangeLog(_ table: TableSchema) throws {
        let keep = table.pitrEnabledAt != nil ? max(options.recoveryWindow, options.streamRetention) : options.streamRetention
        try store.trimChanges(olderThan: now - keep, table: table)
    }
}

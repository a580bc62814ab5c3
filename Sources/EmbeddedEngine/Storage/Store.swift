import DynamoModel
import Foundation

/// A row's key in storage: the encoded partition key column (hash prefix + value) and the
/// encoded sort key column (empty for tables without a sort key).
struct StoredKey: Hashable, Sendable {
    var hk: [UInt8]
    var rk: [UInt8]
}

/// What kind of change a change-log row records (the stream's eventName).
enum ChangeEvent: Int, Sendable {
    case insert = 1, modify = 2, remove = 3

    var name: String {
        switch self {
        case .insert: "INSERT"
        case .modify: "MODIFY"
        case .remove: "REMOVE"
        }
    }
}

/// The SQLite layout and every statement the engine runs. Nothing above this file writes SQL.
///
/// Layout:
/// - `catalog(name, storage_id, schema)`: one JSON `TableSchema` per table;
/// - `t<N>(hk, rk, item)`: a table's items, primary key (hk, rk), WITHOUT ROWID so the key
///   order is the storage order;
/// - `x<N>(hk, rk, thk, trk, item)`: a secondary index's entries with their projected item;
///   the table key breaks ties, and is what a LastEvaluatedKey on an index carries;
/// - `changes`: the change log, written in the same transaction as the item: stream records
///   and the history point-in-time restore replays;
/// - `shards`: stream shards as ranges of change sequence numbers.
final class Store {
    let db: SQLiteConnection

    static let formatVersion = 1

    init(path: String) throws {
        db = try SQLiteConnection(path: path)
        try db.writeTransaction {
            try db.execute("""
                CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS catalog(
                    name TEXT PRIMARY KEY, storage_id INTEGER NOT NULL UNIQUE, schema TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS changes(
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    table_id INTEGER NOT NULL,
                    stream_id INTEGER,
                    event INTEGER NOT NULL,
                    keys BLOB NOT NULL,
                    old BLOB,
                    new BLOB,
                    at REAL NOT NULL,
                    by_service INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX IF NOT EXISTS changes_by_table ON changes(table_id, seq);
                CREATE INDEX IF NOT EXISTS changes_by_stream ON changes(stream_id, seq) WHERE stream_id IS NOT NULL;
                CREATE TABLE IF NOT EXISTS counts(object TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS streams(
                    stream_id INTEGER PRIMARY KEY,
                    arn TEXT NOT NULL UNIQUE,
                    label TEXT NOT NULL,
                    table_name TEXT NOT NULL,
                    view_type TEXT NOT NULL,
                    partition_key TEXT NOT NULL,
                    sort_key TEXT,
                    created REAL NOT NULL,
                    disabled_at REAL);
                CREATE TABLE IF NOT EXISTS shards(
                    stream_id INTEGER NOT NULL,
                    shard_id TEXT NOT NULL,
                    parent_shard_id TEXT,
                    start_seq INTEGER NOT NULL,
                    end_seq INTEGER,
                    created REAL NOT NULL,
                    PRIMARY KEY(stream_id, shard_id));
                INSERT OR IGNORE INTO meta VALUES('format', \(Self.formatVersion));
                INSERT OR IGNORE INTO meta VALUES('catalog_version', 0);
                INSERT OR IGNORE INTO meta VALUES('next_storage_id', 1);
                """)
        }
        let format = try metaValue("format")
        guard format == Self.formatVersion else {
            throw DynamoError(.internalServerError, "the store at \(path) has format \(format); this iops reads format \(Self.formatVersion)")
        }
    }

    // MARK: Meta and catalog

    func metaValue(_ key: String) throws -> Int {
        let stmt = try db.statement("SELECT value FROM meta WHERE key = ?")
        stmt.bind(1, key)
        guard try stmt.step() else { return 0 }
        return stmt.int(0)
    }

    func setMetaValue(_ key: String, _ value: Int) throws {
        let stmt = try db.statement("INSERT OR REPLACE INTO meta VALUES(?, ?)")
        stmt.bind(1, key)
        stmt.bind(2, value)
        try stmt.run()
    }

    /// Bumped on every schema change, so other processes sharing the file reload the catalog.
    func catalogVersion() throws -> Int { try metaValue("catalog_version") }

    func allocateStorageID() throws -> Int64 {
        let id = try metaValue("next_storage_id")
        try setMetaValue("next_storage_id", id + 1)
        return Int64(id)
    }

    func loadCatalog() throws -> [String: TableSchema] {
        let stmt = try db.statement("SELECT schema FROM catalog")
        var tables: [String: TableSchema] = [:]
        let decoder = JSONDecoder()
        while try stmt.step() {
            let schema = try decoder.decode(TableSchema.self, from: Data(stmt.text(0).utf8))
            tables[schema.name] = schema
        }
        return tables
    }

    func saveSchema(_ schema: TableSchema) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(schema), as: UTF8.self)
        let stmt = try db.statement("INSERT OR REPLACE INTO catalog(name, storage_id, schema) VALUES(?, ?, ?)")
        stmt.bind(1, schema.name)
        stmt.bind(2, schema.storageID)
        stmt.bind(3, json)
        try stmt.run()
        try setMetaValue("catalog_version", try catalogVersion() + 1)
    }

    func removeSchema(named name: String) throws {
        let stmt = try db.statement("DELETE FROM catalog WHERE name = ?")
        stmt.bind(1, name)
        try stmt.run()
        try setMetaValue("catalog_version", try catalogVersion() + 1)
    }

    // MARK: Item and index tables

    func createItemTable(_ schema: TableSchema) throws {
        try db.execute("""
            CREATE TABLE t\(schema.storageID)(
                hk BLOB NOT NULL, rk BLOB NOT NULL, item BLOB NOT NULL, PRIMARY KEY(hk, rk)) WITHOUT ROWID
            """)
        try setRowCount("t\(schema.storageID)", 0)
    }

    func createIndexTable(_ index: IndexSchema) throws {
        try db.execute("""
            CREATE TABLE x\(index.storageID)(
                hk BLOB NOT NULL, rk BLOB NOT NULL, thk BLOB NOT NULL, trk BLOB NOT NULL, item BLOB NOT NULL,
                PRIMARY KEY(hk, rk, thk, trk)) WITHOUT ROWID
            """)
        try setRowCount("x\(index.storageID)", 0)
    }

    func dropIndexTable(_ index: IndexSchema) throws {
        db.clearStatementCache()
        try db.execute("DROP TABLE IF EXISTS x\(index.storageID)")
        try db.execute("DELETE FROM counts WHERE object = 'x\(index.storageID)'")
    }

    func dropTableData(_ schema: TableSchema) throws {
        db.clearStatementCache()
        try db.execute("DROP TABLE IF EXISTS t\(schema.storageID)")
        for index in schema.indexes { try db.execute("DROP TABLE IF EXISTS x\(index.storageID)") }
        try db.execute("DROP TABLE IF EXISTS ttl\(schema.storageID)")
        try db.execute("DELETE FROM counts WHERE object = 't\(schema.storageID)'")
        for index in schema.indexes { try db.execute("DELETE FROM counts WHERE object = 'x\(index.storageID)'") }
        // Stream records stay: a deleted table's stream is readable for 24 hours.
        let stmt = try db.statement("DELETE FROM changes WHERE table_id = ? AND stream_id IS NULL")
        stmt.bind(1, schema.storageID)
        try stmt.run()
    }

    // MARK: TTL index

    /// `ttl<N>(expires, hk, rk)`: the expiry time of every item of a TTL-enabled table whose
    /// TTL attribute is a Number, so a sweep reads only what may have expired instead of
    /// walking the table (and opening a store stays fast however large it is).
    func createTTLIndex(_ table: TableSchema) throws {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS ttl\(table.storageID)(
                expires REAL NOT NULL, hk BLOB NOT NULL, rk BLOB NOT NULL, PRIMARY KEY(expires, hk, rk)) WITHOUT ROWID
            """)
    }

    func dropTTLIndex(_ table: TableSchema) throws {
        db.clearStatementCache()
        try db.execute("DROP TABLE IF EXISTS ttl\(table.storageID)")
    }

    func insertTTLEntry(_ table: TableSchema, _ expires: Double, _ key: StoredKey) throws {
        let stmt = try db.statement("INSERT OR REPLACE INTO ttl\(table.storageID)(expires, hk, rk) VALUES(?, ?, ?)")
        stmt.bind(1, expires)
        stmt.bind(2, key.hk)
        stmt.bind(3, key.rk)
        try stmt.run()
    }

    func deleteTTLEntry(_ table: TableSchema, _ expires: Double, _ key: StoredKey) throws {
        let stmt = try db.statement("DELETE FROM ttl\(table.storageID) WHERE expires = ? AND hk = ? AND rk = ?")
        stmt.bind(1, expires)
        stmt.bind(2, key.hk)
        stmt.bind(3, key.rk)
        try stmt.run()
    }

    /// Keys whose expiry lies in `range`, soonest first.
    func ttlKeys(_ table: TableSchema, expiringIn range: ClosedRange<Double>) throws -> [StoredKey] {
        let stmt = try db.statement("SELECT hk, rk FROM ttl\(table.storageID) WHERE expires >= ? AND expires <= ? ORDER BY expires")
        stmt.bind(1, range.lowerBound)
        stmt.bind(2, range.upperBound)
        var keys: [StoredKey] = []
        while try stmt.step() { keys.append(StoredKey(hk: stmt.blob(0), rk: stmt.blob(1))) }
        return keys
    }

    func readItem(_ table: TableSchema, _ key: StoredKey) throws -> Item? {
        let stmt = try db.statement("SELECT item FROM t\(table.storageID) WHERE hk = ? AND rk = ?")
        stmt.bind(1, key.hk)
        stmt.bind(2, key.rk)
        guard try stmt.step() else { return nil }
        return try stmt.withBlob(0) { try ItemCodec.decode($0) }
    }

    func upsertItem(_ table: TableSchema, _ key: StoredKey, _ encoded: [UInt8]) throws {
        let stmt = try db.statement("INSERT OR REPLACE INTO t\(table.storageID)(hk, rk, item) VALUES(?, ?, ?)")
        stmt.bind(1, key.hk)
        stmt.bind(2, key.rk)
        stmt.bind(3, encoded)
        try stmt.run()
    }

    func deleteItem(_ table: TableSchema, _ key: StoredKey) throws {
        let stmt = try db.statement("DELETE FROM t\(table.storageID) WHERE hk = ? AND rk = ?")
        stmt.bind(1, key.hk)
        stmt.bind(2, key.rk)
        try stmt.run()
    }

    func upsertIndexEntry(_ index: IndexSchema, _ key: StoredKey, table tableKey: StoredKey, _ encoded: [UInt8]) throws {
        let stmt = try db.statement("INSERT OR REPLACE INTO x\(index.storageID)(hk, rk, thk, trk, item) VALUES(?, ?, ?, ?, ?)")
        stmt.bind(1, key.hk)
        stmt.bind(2, key.rk)
        stmt.bind(3, tableKey.hk)
        stmt.bind(4, tableKey.rk)
        stmt.bind(5, encoded)
        try stmt.run()
    }

    func deleteIndexEntry(_ index: IndexSchema, _ key: StoredKey, table tableKey: StoredKey) throws {
        let stmt = try db.statement("DELETE FROM x\(index.storageID) WHERE hk = ? AND rk = ? AND thk = ? AND trk = ?")
        stmt.bind(1, key.hk)
        stmt.bind(2, key.rk)
        stmt.bind(3, tableKey.hk)
        stmt.bind(4, tableKey.rk)
        try stmt.run()
    }

    /// Rows of an item or index table, exact: kept as a counter that every insert and delete
    /// adjusts in its own transaction, so DescribeTable costs no walk of a large table. A
    /// counter that is missing (a store from before counters) is counted once and kept.
    func countRows(_ sqliteTable: String) throws -> Int {
        let read = try db.statement("SELECT n FROM counts WHERE object = ?")
        read.bind(1, sqliteTable)
        if try read.step() { return read.int(0) }
        let count = try db.statement("SELECT count(*) FROM \(sqliteTable)")
        _ = try count.step()
        let n = count.int(0)
        try setRowCount(sqliteTable, n)
        return n
    }

    func setRowCount(_ sqliteTable: String, _ n: Int) throws {
        let stmt = try db.statement("INSERT OR REPLACE INTO counts VALUES(?, ?)")
        stmt.bind(1, sqliteTable)
        stmt.bind(2, n)
        try stmt.run()
    }

    func adjustRowCount(_ sqliteTable: String, by delta: Int) throws {
        let stmt = try db.statement("UPDATE counts SET n = n + ? WHERE object = ?")
        stmt.bind(1, delta)
        stmt.bind(2, sqliteTable)
        try stmt.run()
    }

    /// Bytes of an item or index table, estimated as DynamoDB's TableSizeBytes is (it is
    /// refreshed about every six hours there): rows × the average size of up to 1,000 rows.
    func sizeBytes(_ sqliteTable: String) throws -> Int {
        let stmt = try db.statement("""
            SELECT coalesce(avg(size), 0) FROM (SELECT length(item) + length(hk) + length(rk) AS size FROM \(sqliteTable) LIMIT 1000)
            """)
        _ = try stmt.step()
        return Int((stmt.double(0) * Double(try countRows(sqliteTable))).rounded())
    }

    // MARK: Change log

    /// Appends a change; returns its sequence number.
    @discardableResult
    func appendChange(table: TableSchema, streamID: Int64?, event: ChangeEvent, keys: Item,
                      old: Item?, new: Item?, at time: Double, byService: Bool) throws -> Int64 {
        let stmt = try db.statement("""
            INSERT INTO changes(table_id, stream_id, event, keys, old, new, at, by_service)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?)
            """)
        stmt.bind(1, table.storageID)
        if let streamID { stmt.bind(2, streamID) } else { stmt.bindNull(2) }
        stmt.bind(3, event.rawValue)
        stmt.bind(4, ItemCodec.encode(keys))
        if let old { stmt.bind(5, ItemCodec.encode(old)) } else { stmt.bindNull(5) }
        if let new { stmt.bind(6, ItemCodec.encode(new)) } else { stmt.bindNull(6) }
        stmt.bind(7, time)
        stmt.bind(8, byService ? 1 : 0)
        try stmt.run()
        return db.lastInsertRowID
    }

    /// Drops change-log rows no stream or restore can need any more. Changes are appended in
    /// time order, so this deletes the prefix before the first row to keep: work in proportion
    /// to what is dropped, not to the size of the log (it runs every time a store opens).
    func trimChanges(olderThan cutoff: Double, table: TableSchema) throws {
        let stmt = try db.statement("""
            DELETE FROM changes WHERE table_id = ?1 AND seq < coalesce(
                (SELECT seq FROM changes WHERE table_id = ?1 AND at >= ?2 ORDER BY seq LIMIT 1), 9223372036854775807)
            """)
        stmt.bind(1, table.storageID)
        stmt.bind(2, cutoff)
        try stmt.run()
    }

    /// The highest change sequence number ever assigned (0 before the first).
    func maxSequence() throws -> Int64 {
        let stmt = try db.statement("SELECT seq FROM sqlite_sequence WHERE name = 'changes'")
        guard try stmt.step() else { return 0 }
        return stmt.int64(0)
    }

    /// One change-log row, as streams and restore read it.
    struct ChangeRow {
        var seq: Int64
        var tableID: Int64
        var event: ChangeEvent
        var keys: Item
        var old: Item?
        var new: Item?
        var at: Double
        var byService: Bool
    }

    private func changeRow(_ stmt: SQLiteStatement) throws -> ChangeRow {
        ChangeRow(
            seq: stmt.int64(0),
            tableID: stmt.int64(1),
            event: ChangeEvent(rawValue: stmt.int(2)) ?? .modify,
            keys: try stmt.withBlob(3) { try ItemCodec.decode($0) },
            old: stmt.isNull(4) ? nil : try stmt.withBlob(4) { try ItemCodec.decode($0) },
            new: stmt.isNull(5) ? nil : try stmt.withBlob(5) { try ItemCodec.decode($0) },
            at: stmt.double(6),
            byService: stmt.int(7) != 0)
    }

    /// Stream records after `afterSeq`, up to `lastSeq` (inclusive), at most `limit`.
    func streamRecords(streamID: Int64, after afterSeq: Int64, through lastSeq: Int64?, notBefore: Double, limit: Int) throws -> [ChangeRow] {
        let stmt = try db.statement("""
            SELECT seq, table_id, event, keys, old, new, at, by_service FROM changes
            WHERE stream_id = ? AND seq > ? AND seq <= ? AND at >= ? ORDER BY seq LIMIT ?
            """)
        stmt.bind(1, streamID)
        stmt.bind(2, afterSeq)
        stmt.bind(3, lastSeq ?? Int64.max)
        stmt.bind(4, notBefore)
        stmt.bind(5, limit)
        var rows: [ChangeRow] = []
        while try stmt.step() { rows.append(try changeRow(stmt)) }
        return rows
    }

    /// A table's changes made after `time`, newest first: what restore undoes.
    func changes(table: TableSchema, after time: Double) throws -> [ChangeRow] {
        let stmt = try db.statement("""
            SELECT seq, table_id, event, keys, old, new, at, by_service FROM changes
            WHERE table_id = ? AND at > ? ORDER BY seq DESC
            """)
        stmt.bind(1, table.storageID)
        stmt.bind(2, time)
        var rows: [ChangeRow] = []
        while try stmt.step() { rows.append(try changeRow(stmt)) }
        return rows
    }

    // MARK: Shards

    struct ShardRow: Sendable, Equatable {
        var streamID: Int64
        var shardID: String
        var parentShardID: String?
        var startSeq: Int64
        var endSeq: Int64?
        var created: Double
    }

    private func shardRow(_ stmt: SQLiteStatement) -> ShardRow {
        ShardRow(streamID: stmt.int64(0), shardID: stmt.text(1), parentShardID: stmt.isNull(2) ? nil : stmt.text(2),
                 startSeq: stmt.int64(3), endSeq: stmt.isNull(4) ? nil : stmt.int64(4), created: stmt.double(5))
    }

    func shards(streamID: Int64) throws -> [ShardRow] {
        let stmt = try db.statement("""
            SELECT stream_id, shard_id, parent_shard_id, start_seq, end_seq, created FROM shards
            WHERE stream_id = ? ORDER BY start_seq, shard_id
            """)
        stmt.bind(1, streamID)
        var rows: [ShardRow] = []
        while try stmt.step() { rows.append(shardRow(stmt)) }
        return rows
    }

    func openShard(streamID: Int64) throws -> ShardRow? {
        let stmt = try db.statement("""
            SELECT stream_id, shard_id, parent_shard_id, start_seq, end_seq, created FROM shards
            WHERE stream_id = ? AND end_seq IS NULL
            """)
        stmt.bind(1, streamID)
        guard try stmt.step() else { return nil }
        return shardRow(stmt)
    }

    func insertShard(_ shard: ShardRow) throws {
        let stmt = try db.statement("INSERT INTO shards VALUES(?, ?, ?, ?, NULL, ?)")
        stmt.bind(1, shard.streamID)
        stmt.bind(2, shard.shardID)
        if let parent = shard.parentShardID { stmt.bind(3, parent) } else { stmt.bindNull(3) }
        stmt.bind(4, shard.startSeq)
        stmt.bind(5, shard.created)
        try stmt.run()
    }

    func closeShard(streamID: Int64, shardID: String, endSeq: Int64) throws {
        let stmt = try db.statement("UPDATE shards SET end_seq = ? WHERE stream_id = ? AND shard_id = ?")
        stmt.bind(1, endSeq)
        stmt.bind(2, streamID)
        stmt.bind(3, shardID)
        try stmt.run()
    }

    // MARK: Walks

    /// Calls `body` for every item of a table in key order (TTL sweep, index backfill).
    /// `body` returns false to stop. A damaged row throws.
    func forEachItem(_ table: TableSchema, _ body: (StoredKey, Item) throws -> Bool) throws {
        try forEachRow(table) { key, decoded in try body(key, try decoded.get()) }
    }

    /// Like `forEachItem`, but hands over a row that does not decode instead of throwing, so
    /// the integrity check can report it and go on.
    func forEachRow(_ table: TableSchema, _ body: (StoredKey, Result<Item, any Error>) throws -> Bool) throws {
        let stmt = try db.statement("SELECT hk, rk, item FROM t\(table.storageID) ORDER BY hk, rk")
        while try stmt.step() {
            let key = StoredKey(hk: stmt.blob(0), rk: stmt.blob(1))
            let item = Result { try stmt.withBlob(2) { try ItemCodec.decode($0) } }
            if try !body(key, item) { break }
        }
    }

    /// Calls `body` for every entry of an index: index key, table key, projected item.
    func forEachIndexEntry(_ index: IndexSchema, _ body: (StoredKey, StoredKey, Item) throws -> Void) throws {
        let stmt = try db.statement("SELECT hk, rk, thk, trk, item FROM x\(index.storageID)")
        while try stmt.step() {
            let item = try stmt.withBlob(4) { try ItemCodec.decode($0) }
            try body(StoredKey(hk: stmt.blob(0), rk: stmt.blob(1)), StoredKey(hk: stmt.blob(2), rk: stmt.blob(3)), item)
        }
    }

    // MARK: Streams

    /// A stream as the Streams API sees it: it outlives its enablement (and its table) by
    /// 24 hours, so it is kept here rather than only in the table's schema.
    struct StreamRow: Sendable, Equatable {
        var streamID: Int64
        var arn: String
        var label: String
        var tableName: String
        var viewType: String
        var partitionKey: String
        var sortKey: String?
        var created: Double
        var disabledAt: Double?
    }

    func insertStream(_ row: StreamRow) throws {
        let stmt = try db.statement("INSERT INTO streams VALUES(?, ?, ?, ?, ?, ?, ?, ?, NULL)")
        stmt.bind(1, row.streamID)
        stmt.bind(2, row.arn)
        stmt.bind(3, row.label)
        stmt.bind(4, row.tableName)
        stmt.bind(5, row.viewType)
        stmt.bind(6, row.partitionKey)
        if let sortKey = row.sortKey { stmt.bind(7, sortKey) } else { stmt.bindNull(7) }
        stmt.bind(8, row.created)
        try stmt.run()
    }

    func disableStream(_ streamID: Int64, at time: Double) throws {
        let stmt = try db.statement("UPDATE streams SET disabled_at = ? WHERE stream_id = ? AND disabled_at IS NULL")
        stmt.bind(1, time)
        stmt.bind(2, streamID)
        try stmt.run()
    }

    private static let streamColumns = "stream_id, arn, label, table_name, view_type, partition_key, sort_key, created, disabled_at"

    private func streamRow(_ stmt: SQLiteStatement) -> StreamRow {
        StreamRow(streamID: stmt.int64(0), arn: stmt.text(1), label: stmt.text(2), tableName: stmt.text(3),
                  viewType: stmt.text(4), partitionKey: stmt.text(5), sortKey: stmt.isNull(6) ? nil : stmt.text(6),
                  created: stmt.double(7), disabledAt: stmt.isNull(8) ? nil : stmt.double(8))
    }

    func stream(arn: String) throws -> StreamRow? {
        let stmt = try db.statement("SELECT \(Self.streamColumns) FROM streams WHERE arn = ?")
        stmt.bind(1, arn)
        return try stmt.step() ? streamRow(stmt) : nil
    }

    func stream(id: Int64) throws -> StreamRow? {
        let stmt = try db.statement("SELECT \(Self.streamColumns) FROM streams WHERE stream_id = ?")
        stmt.bind(1, id)
        return try stmt.step() ? streamRow(stmt) : nil
    }

    /// Streams enabled now or disabled after `cutoff`, oldest first.
    func streams(disabledAfter cutoff: Double) throws -> [StreamRow] {
        let stmt = try db.statement("SELECT \(Self.streamColumns) FROM streams WHERE disabled_at IS NULL OR disabled_at >= ? ORDER BY stream_id")
        stmt.bind(1, cutoff)
        var rows: [StreamRow] = []
        while try stmt.step() { rows.append(streamRow(stmt)) }
        return rows
    }

    /// Forgets streams disabled before `cutoff`, with their shards and records.
    func dropStreams(disabledBefore cutoff: Double) throws {
        for sql in [
            "DELETE FROM changes WHERE stream_id IN (SELECT stream_id FROM streams WHERE disabled_at < ?)",
            "DELETE FROM shards WHERE stream_id IN (SELECT stream_id FROM streams WHERE disabled_at < ?)",
            "DELETE FROM streams WHERE disabled_at < ?",
        ] {
            let stmt = try db.statement(sql)
            stmt.bind(1, cutoff)
            try stmt.run()
        }
    }
}

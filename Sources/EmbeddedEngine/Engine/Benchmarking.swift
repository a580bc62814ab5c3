import DynamoModel

/// Where a table lives in the SQLite file: what a benchmark needs to run hand-written SQL
/// against the same rows the engine reads and writes. Not for applications: the layout is
/// an implementation detail and may change with the store format.
public struct StorageLayout: Sendable {
    /// The SQLite table holding the items (`t<N>`).
    public var itemsTable: String
    /// Index name to the SQLite table holding its entries (`x<N>`).
    public var indexTables: [String: String]
    /// The `table_id` of the table's change-log rows.
    public var tableStorageID: Int64
    /// The `stream_id` of its change-log rows while a stream is enabled.
    public var streamID: Int64?
    /// Whether writes append change-log rows (stream or point-in-time recovery enabled).
    public var logsChanges: Bool
}

/// The rows the engine writes when `item` is put where no item was stored: the bytes of
/// every column, so a baseline can insert exactly what the engine stores.
public struct StoredRows: Sendable {
    public struct IndexRow: Sendable {
        public var indexName: String
        /// The SQLite table (`x<N>`).
        public var sqliteTable: String
        public var hk: [UInt8]
        public var rk: [UInt8]
        public var item: [UInt8]
    }

    public var hk: [UInt8]
    public var rk: [UInt8]
    public var item: [UInt8]
    /// One row per index the item appears in (indexes are sparse).
    public var indexRows: [IndexRow]
    /// The `keys` and `new` columns of the INSERT change-log row (`old` is NULL).
    public var changeKeys: [UInt8]
    public var changeNew: [UInt8]
}

extension EmbeddedEngine {
    /// The SQLite tables of `tableName`.
    public func storageLayout(tableName: String) throws -> StorageLayout {
        try locked {
            let table = try table(tableName)
            var indexTables: [String: String] = [:]
            for index in table.indexes { indexTables[index.name] = "x\(index.storageID)" }
            return StorageLayout(itemsTable: table.itemsTable, indexTables: indexTables, tableStorageID: table.storageID,
                                 streamID: (table.stream?.enabled ?? false) ? table.stream?.streamID : nil,
                                 logsChanges: table.logsChanges)
        }
    }

    /// The rows `commitWrite` stores for a put of `item` into an empty slot, computed the same
    /// way (same key encoding, same item codec, same index projection). Writes nothing.
    public func storedRows(tableName: String, item: Item) throws -> StoredRows {
        try locked {
            let table = try table(tableName)
            let key = try table.storedKey(item)
            var indexRows: [StoredRows.IndexRow] = []
            for index in table.indexes {
                guard let indexKey = try table.indexKey(index, of: item) else { continue }
                indexRows.append(.init(indexName: index.name, sqliteTable: "x\(index.storageID)", hk: indexKey.hk, rk: indexKey.rk,
                                       item: ItemCodec.encode(table.projected(item, for: index))))
            }
            return StoredRows(hk: key.hk, rk: key.rk, item: ItemCodec.encode(item), indexRows: indexRows,
                              changeKeys: ItemCodec.encode(table.keyItem(of: item)), changeNew: ItemCodec.encode(item))
        }
    }

    /// The stored `hk` column for a partition key value (hash prefix, then the encoded value).
    public static func partitionKeyColumn(_ value: AttributeValue) -> [UInt8] {
        KeyEncoding.partitionColumn(value)
    }

    /// The stored `rk` column for a sort key value (order-preserving bytes).
    public static func sortKeyColumn(_ value: AttributeValue) -> [UInt8] {
        KeyEncoding.encode(value)
    }

    /// Decodes an `item` column as the engine does.
    public static func decodeStoredItem(_ bytes: UnsafeRawBufferPointer) throws -> Item {
        try ItemCodec.decode(bytes)
    }
}

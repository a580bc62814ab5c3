import DynamoModel

extension EmbeddedEngine {
    /// Stores `new` at `key` (deletes when nil), given the item stored there now (`old`).
    /// Every index entry and the change-log row are written in the caller's transaction, so
    /// a crash leaves either all of them or none.
    ///
    /// A write that changes nothing touches nothing and emits no stream record, as DynamoDB.
    func commitWrite(_ table: TableSchema, key: StoredKey, old: Item?, new: Item?, byService: Bool = false) throws {
        if old == nil && new == nil { return }
        if let old, let new, old == new { return }

        if let new {
            try store.upsertItem(table, key, ItemCodec.encode(new))
        } else {
            try store.deleteItem(table, key)
        }
        if (old == nil) != (new == nil) { try store.adjustRowCount(table.itemsTable, by: new == nil ? -1 : 1) }

        for index in table.indexes {
            var oldKey: StoredKey?
            var newKey: StoredKey?
            if let old { oldKey = try table.indexKey(index, of: old) }
            if let new { newKey = try table.indexKey(index, of: new) }
            if let oldKey, oldKey != newKey {
                try store.deleteIndexEntry(index, oldKey, table: key)
            }
            if (oldKey == nil) != (newKey == nil) { try store.adjustRowCount("x\(index.storageID)", by: newKey == nil ? -1 : 1) }
            if let newKey, let new {
                let projection = table.projected(new, for: index)
                if oldKey == newKey, let old, table.projected(old, for: index) == projection { continue }
                try store.upsertIndexEntry(index, newKey, table: key, ItemCodec.encode(projection))
            }
        }

        if table.ttlEnabled, let attribute = table.ttlAttribute {
            let oldExpiry = old.flatMap { Self.expiry($0[attribute]) }
            let newExpiry = new.flatMap { Self.expiry($0[attribute]) }
            if oldExpiry != newExpiry || new == nil {
                if let oldExpiry { try store.deleteTTLEntry(table, oldExpiry, key) }
                if let newExpiry { try store.insertTTLEntry(table, newExpiry, key) }
            }
        }

        guard table.logsChanges else { return }
        let event: ChangeEvent = old == nil ? .insert : (new == nil ? .remove : .modify)
        var streamID: Int64?
        if let stream = table.stream, stream.enabled {
            try rotateShardIfDue(stream)
            streamID = stream.streamID
        }
        try store.appendChange(table: table, streamID: streamID, event: event,
                               keys: table.keyItem(of: new ?? old ?? [:]), old: old, new: new,
                               at: now, byService: byService)
    }
}

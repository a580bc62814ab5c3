import DynamoAPI
import DynamoModel

/// A full consistency check of the store: what a crash or a bug could have broken.
extension EmbeddedEngine {
    public struct IntegrityReport: Sendable {
        public var tablesChecked = 0
        public var itemsChecked = 0
        public var indexEntriesChecked = 0
        /// One line per problem found; empty when the store is sound.
        public var problems: [String] = []
        public var isSound: Bool { problems.isEmpty }
    }

    /// Checks SQLite's own integrity, that every item decodes and sits under its own key,
    /// and that every index holds exactly the entries its table's items call for.
    public func checkIntegrity() throws -> IntegrityReport {
        try read {
            var report = IntegrityReport()
            let stmt = try store.db.statement("PRAGMA integrity_check")
            while try stmt.step() {
                let line = stmt.text(0)
                if line != "ok" { report.problems.append("sqlite: \(line)") }
            }
            for name in tableNames {
                guard let table = tableIfExists(name) else { continue }
                report.tablesChecked += 1
                let itemsBefore = report.itemsChecked
                var expected: [String: Set<[UInt8]>] = [:]
                for index in table.indexes { expected[index.name] = [] }
                try store.forEachRow(table) { key, decoded in
                    report.itemsChecked += 1
                    guard case .success(let item) = decoded else {
                        report.problems.append("\(name): a stored item does not decode (damaged row)")
                        return true
                    }
                    do {
                        if try table.storedKey(item) != key {
                            report.problems.append("\(name): an item is stored under a key that is not its own: \(table.keyItem(of: item).dynamoJSON.compactText)")
                        }
                        for index in table.indexes {
                            if let indexKey = try table.indexKey(index, of: item) {
                                expected[index.name]!.insert(Self.entryFingerprint(indexKey, key, ItemCodec.encode(table.projected(item, for: index))))
                            }
                        }
                    } catch {
                        report.problems.append("\(name): item \(table.keyItem(of: item).dynamoJSON.compactText) is invalid: \(error)")
                    }
                    return true
                }
                let itemsCounted = try store.countRows(table.itemsTable)
                if itemsCounted != Int(report.itemsChecked) - itemsBefore {
                    report.problems.append("\(name): the item counter says \(itemsCounted), the table holds \(report.itemsChecked - itemsBefore)")
                }
                for index in table.indexes {
                    var actual = Set<[UInt8]>()
                    try store.forEachIndexEntry(index) { indexKey, tableKey, item in
                        report.indexEntriesChecked += 1
                        actual.insert(Self.entryFingerprint(indexKey, tableKey, ItemCodec.encode(item)))
                    }
                    if try store.countRows("x\(index.storageID)") != actual.count {
                        report.problems.append("\(name).\(index.name): the entry counter says \(try store.countRows("x\(index.storageID)")), the index holds \(actual.count)")
                    }
                    let missing = expected[index.name]!.subtracting(actual).count
                    let extra = actual.subtracting(expected[index.name]!).count
                    if missing > 0 { report.problems.append("\(name).\(index.name): \(missing) entries missing from the index") }
                    if extra > 0 { report.problems.append("\(name).\(index.name): \(extra) entries in the index match no item") }
                }
            }
            return report
        }
    }

    private static func entryFingerprint(_ indexKey: StoredKey, _ tableKey: StoredKey, _ item: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for part in [indexKey.hk, indexKey.rk, tableKey.hk, tableKey.rk] {
            out.append(contentsOf: withUnsafeBytes(of: UInt32(part.count).bigEndian, Array.init))
            out.append(contentsOf: part)
        }
        // Maps encode in dictionary order, which varies: compare decoded items instead.
        if let decoded = try? ItemCodec.decode(item) {
            out.append(contentsOf: Array(decoded.dynamoJSON.compactText.utf8))
        }
        return out
    }
}

extension EmbeddedEngine: DynamoBackend {}

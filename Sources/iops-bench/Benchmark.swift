import CSQLite
import DynamoAPI
import DynamoModel
import EmbeddedEngine
import Foundation

/// The metrics table of the schema plan: two GSIs and a NEW_AND_OLD_IMAGES stream, so every
/// write also writes two index rows and a change-log row, as in production.
func metricsTable() -> CreateTableInput {
    CreateTableInput(
        attributeDefinitions: [
            AttributeDefinition(attributeName: "entity_id", attributeType: .s),
            AttributeDefinition(attributeName: "entity_type", attributeType: .s),
            AttributeDefinition(attributeName: "health_score", attributeType: .n),
            AttributeDefinition(attributeName: "last_updated", attributeType: .s),
        ],
        tableName: MetricsWorkload.tableName,
        keySchema: [KeySchemaElement(attributeName: "entity_id", keyType: .hash),
                    KeySchemaElement(attributeName: "entity_type", keyType: .range)],
        globalSecondaryIndexes: [
            GlobalSecondaryIndex(indexName: MetricsWorkload.healthIndex,
                                 keySchema: [KeySchemaElement(attributeName: "entity_type", keyType: .hash),
                                             KeySchemaElement(attributeName: "health_score", keyType: .range)],
                                 projection: Projection(projectionType: .all)),
            GlobalSecondaryIndex(indexName: MetricsWorkload.updatedIndex,
                                 keySchema: [KeySchemaElement(attributeName: "entity_type", keyType: .hash),
                                             KeySchemaElement(attributeName: "last_updated", keyType: .range)],
                                 projection: Projection(projectionType: .all)),
        ],
        billingMode: .payPerRequest,
        streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .newAndOldImages))
}

/// The query of figure 3: `entity_type = student AND health_score < 5`.
enum LowHealthQuery {
    static let entityType = "student"
    static let healthBelow = 5
}

final class Benchmark {
    static let batchSize = 25

    let options: BenchOptions
    let workload: MetricsWorkload
    let directory: URL
    let removeDirectory: Bool
    var enginePath: String { directory.appendingPathComponent("engine.sqlite").path }
    var rawPath: String { directory.appendingPathComponent("raw-baseline.sqlite").path }
    var report = Report()
    /// Items the low-health query must return, counted while generating.
    var expectedLowHealth = 0

    init(_ options: BenchOptions) {
        self.options = options
        workload = MetricsWorkload(count: options.items)
        if let store = options.store {
            directory = URL(fileURLWithPath: store)
            removeDirectory = false
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-bench-\(UUID().uuidString)")
            removeDirectory = true
        }
    }

    func run() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if removeDirectory { try? FileManager.default.removeItem(at: directory) } }
        let started = monotonicNanos()
        report.header = "iops-bench: \(grouped(options.items)) metrics items, batches of \(Self.batchSize), store \(directory.path)"
        progress(report.header)

        let engine = try loadEngine()
        if options.loadOnly {
            print("loaded \(grouped(options.items)) items into \(enginePath)")
            return
        }
        try loadRaw(engine)
        try queryPhase(engine)
        try ScanPhase.run(enginePath: enginePath, items: options.items, report: &report)
        try StartupPhase.run(enginePath: enginePath, workload: workload, report: &report)
        try runScriptPhase(engine)

        report.footer = "total wall time \(duration(Double(monotonicNanos() - started) / 1e9))"
        print(report.render())
    }

    // MARK: 1. Load through batchWriteItem

    func loadEngine() throws -> EmbeddedEngine {
        removeDatabase(enginePath)
        let engine = try EmbeddedEngine(path: enginePath)
        _ = try engine.createTable(metricsTable())
        let n = options.items
        var watch = Stopwatch()
        let wallStart = monotonicNanos()
        let ioStart = IOStatus.current()
        var next = 0
        var reported = 0
        while next < n {
            let end = min(next + Self.batchSize, n)
            var requests: [WriteRequest] = []
            requests.reserveCapacity(end - next)
            for i in next..<end {
                let item = workload.item(i)
                if item["entity_type"] == .s(LowHealthQuery.entityType),
                   let score = item["health_score"]?.numberValue?.intValue, score < LowHealthQuery.healthBelow {
                    expectedLowHealth += 1
                }
                requests.append(WriteRequest(putRequest: PutRequest(item: item)))
            }
            let input = BatchWriteItemInput(requestItems: [MetricsWorkload.tableName: requests])
            let output = try watch.time { try engine.batchWriteItem(input) }
            if let unprocessed = output.unprocessedItems, !unprocessed.isEmpty {
                throw BenchError("batchWriteItem left items unprocessed")
            }
            next = end
            reported = progressStep(next, n, reported, "engine load", watch)
        }
        let wall = Double(monotonicNanos() - wallStart) / 1e9
        report.engineLoadRate = Double(n) / watch.seconds
        report.add("load", "engine batchWriteItem", "\(grouped(Int(Double(n) / watch.seconds))) items/s",
                   note: "\(duration(watch.seconds)) in calls, \(duration(wall)) wall incl. item generation"
                       + IOStatus.perItem(from: ioStart, to: IOStatus.current(), items: n))
        return engine
    }

    // MARK: 2. Raw SQLite baseline

    func loadRaw(_ engine: EmbeddedEngine) throws {
        removeDatabase(rawPath)
        // The same SQLite schema as the engine's: let an engine create it, then close it.
        let layout: StorageLayout
        do {
            let shaper = try EmbeddedEngine(path: rawPath)
            _ = try shaper.createTable(metricsTable())
            layout = try shaper.storageLayout(tableName: MetricsWorkload.tableName)
        }
        guard let streamID = layout.streamID else { throw BenchError("the metrics table has no stream") }
        let raw = try RawDatabase(path: rawPath)
        let begin = try raw.prepare("BEGIN IMMEDIATE")
        let commit = try raw.prepare("COMMIT")
        let insertItem = try raw.prepare("INSERT OR REPLACE INTO \(layout.itemsTable)(hk, rk, item) VALUES(?, ?, ?)")
        var insertIndex: [String: RawStatement] = [:]
        for (name, sqliteTable) in layout.indexTables {
            insertIndex[name] = try raw.prepare("INSERT OR REPLACE INTO \(sqliteTable)(hk, rk, thk, trk, item) VALUES(?, ?, ?, ?, ?)")
        }
        let insertChange = try raw.prepare("""
            INSERT INTO changes(table_id, stream_id, event, keys, old, new, at, by_service) VALUES(?, ?, ?, ?, ?, ?, ?, ?)
            """)

        let n = options.items
        var watch = Stopwatch()
        var encodeWatch = Stopwatch()
        // Only SQLite writes in this loop: computing the bytes reads the engine's catalog.
        let ioStart = IOStatus.current()
        var next = 0
        var reported = 0
        var rows: [StoredRows] = []
        rows.reserveCapacity(Self.batchSize)
        while next < n {
            let end = min(next + Self.batchSize, n)
            // The exact bytes the engine stores, computed outside the measured time: the
            // baseline is the SQLite work alone.
            rows.removeAll(keepingCapacity: true)
            try encodeWatch.time {
                for i in next..<end { rows.append(try engine.storedRows(tableName: MetricsWorkload.tableName, item: workload.item(i))) }
            }
            let at = Date().timeIntervalSince1970
            try watch.time {
                try begin.run()
                for row in rows {
                    insertItem.bind(1, row.hk)
                    insertItem.bind(2, row.rk)
                    insertItem.bind(3, row.item)
                    try insertItem.run()
                    for entry in row.indexRows {
                        guard let stmt = insertIndex[entry.indexName] else { throw BenchError("no index \(entry.indexName)") }
                        stmt.bind(1, entry.hk)
                        stmt.bind(2, entry.rk)
                        stmt.bind(3, row.hk)
                        stmt.bind(4, row.rk)
                        stmt.bind(5, entry.item)
                        try stmt.run()
                    }
                    insertChange.bind(1, layout.tableStorageID)
                    insertChange.bind(2, streamID)
                    insertChange.bind(3, Int64(1)) // INSERT
                    insertChange.bind(4, row.changeKeys)
                    insertChange.bindNull(5)
                    insertChange.bind(6, row.changeNew)
                    insertChange.bind(7, at)
                    insertChange.bind(8, Int64(0))
                    try insertChange.run()
                }
                try commit.run()
            }
            next = end
            reported = progressStep(next, n, reported, "raw load", watch)
        }
        let rate = Double(n) / watch.seconds
        report.rawLoadRate = rate
        report.add("load", "raw SQLite, same rows, 1 txn per 25", "\(grouped(Int(rate))) items/s",
                   note: "\(duration(watch.seconds)) in SQLite (bytes computed beforehand, \(duration(encodeWatch.seconds)))"
                       + IOStatus.perItem(from: ioStart, to: IOStatus.current(), items: n))
        let ratio = report.engineLoadRate / rate
        report.add("load", "ratio engine / raw", fixed(ratio, 2), target: "≥ 0.5", meets: ratio >= 0.5)

        // Same rows, same bytes: compare the two files table by table.
        let engineShape = try shape(path: enginePath, layout: try engine.storageLayout(tableName: MetricsWorkload.tableName))
        let rawShape = try shape(path: rawPath, layout: layout)
        report.add("load", "rows/bytes engine vs raw", engineShape == rawShape ? "identical" : "DIFFERENT",
                   note: engineShape.map { "\($0.table) \(grouped($0.rows)) rows, \(grouped($0.bytes)) B" }.joined(separator: "; "))
        if engineShape != rawShape {
            report.add("load", "raw baseline shape", "", note: rawShape.map { "\($0.table) \(grouped($0.rows)) rows, \(grouped($0.bytes)) B" }.joined(separator: "; "))
        }
        if removeDirectory { removeDatabase(rawPath) }
    }

    struct TableShape: Equatable {
        var table: String
        var rows: Int
        var bytes: Int
    }

    /// Row count and stored bytes (keys and items) of each table the load writes.
    func shape(path: String, layout: StorageLayout) throws -> [TableShape] {
        let db = try RawDatabase(path: path)
        var out: [TableShape] = []
        let tables = [("items", layout.itemsTable, "length(hk) + length(rk) + length(item)")]
            + layout.indexTables.sorted { $0.key < $1.key }.map { ($0.key, $0.value, "length(hk) + length(rk) + length(item)") }
            + [("changes", "changes", "length(keys) + length(new)")]
        for (label, table, bytes) in tables {
            let stmt = try db.prepare("SELECT count(*), coalesce(sum(\(bytes)), 0) FROM \(table)")
            _ = try stmt.step()
            out.append(TableShape(table: label, rows: Int(sqlite3_column_int64(stmt.handle, 0)),
                                  bytes: Int(sqlite3_column_int64(stmt.handle, 1))))
        }
        return out
    }

    // MARK: 3. GSI query

    func queryPhase(_ engine: EmbeddedEngine) throws {
        let layout = try engine.storageLayout(tableName: MetricsWorkload.tableName)
        guard let indexTable = layout.indexTables[MetricsWorkload.healthIndex] else { throw BenchError("no health index") }
        let raw = try RawDatabase(path: enginePath)
        let sql = "SELECT item FROM \(indexTable) WHERE hk = ? AND rk < ? ORDER BY rk"
        let stmt = try raw.prepare(sql)
        let hk = EmbeddedEngine.partitionKeyColumn(.s(LowHealthQuery.entityType))
        let rk = EmbeddedEngine.sortKeyColumn(.n(DynamoNumber(LowHealthQuery.healthBelow)))

        var engineTimes: [Double] = []
        var plainTimes: [Double] = []
        var decodeTimes: [Double] = []
        var engineRows = 0
        var pages = 0
        var plainRows = 0
        var decodedRows = 0
        // Rounds interleave the three, so drift (page cache, CPU frequency) hits all alike.
        for _ in 0..<options.queryRuns {
            var start = monotonicNanos()
            (engineRows, pages) = try engineQuery(engine)
            engineTimes.append(Double(monotonicNanos() - start) / 1e9)

            start = monotonicNanos()
            var bytes = 0
            plainRows = 0
            stmt.bind(1, hk)
            stmt.bind(2, rk)
            while try stmt.step() {
                plainRows += 1
                bytes &+= stmt.withBlob(0) { $0.count }
            }
            stmt.reset()
            plainTimes.append(Double(monotonicNanos() - start) / 1e9)
            _ = bytes

            start = monotonicNanos()
            decodedRows = try rawDecodedQuery(stmt, hk, rk)
            decodeTimes.append(Double(monotonicNanos() - start) / 1e9)
        }
        let engineTime = median(engineTimes)
        let plainTime = median(plainTimes)
        let decodeTime = median(decodeTimes)
        let countsAgree = engineRows == expectedLowHealth && plainRows == expectedLowHealth && decodedRows == expectedLowHealth
        let q = "\(MetricsWorkload.healthIndex): entity_type = \(LowHealthQuery.entityType) AND health_score < \(LowHealthQuery.healthBelow)"
        report.add("query", "engine Query, all pages", duration(engineTime),
                   note: "\(grouped(engineRows)) rows in \(pages) pages; median of \(options.queryRuns); \(q)")
        report.add("query", "raw SQL, rows only (no decode)", duration(plainTime),
                   note: "\(grouped(plainRows)) rows; \(sql)")
        report.add("query", "raw SQL + decode items", duration(decodeTime),
                   note: "\(grouped(decodedRows)) items decoded with the engine's codec")
        let ratio = engineTime / decodeTime
        report.add("query", "ratio engine / raw+decode", fixed(ratio, 2) + "×", target: "≤ 1.5×", meets: ratio <= 1.5,
                   note: "vs rows only: \(fixed(engineTime / plainTime, 2))×")
        if !countsAgree {
            report.add("query", "ROW COUNTS DISAGREE", "expected \(grouped(expectedLowHealth))",
                       note: "engine \(engineRows), raw \(plainRows), decoded \(decodedRows)")
        }
    }

    /// The hand-written query producing items: every row decoded with the engine's codec into
    /// one array, freed before returning, as the engine's pages are freed in `engineQuery`.
    func rawDecodedQuery(_ stmt: RawStatement, _ hk: [UInt8], _ rk: [UInt8]) throws -> Int {
        var items: [Item] = []
        stmt.bind(1, hk)
        stmt.bind(2, rk)
        while try stmt.step() {
            items.append(try stmt.withBlob(0) { try EmbeddedEngine.decodeStoredItem($0) })
        }
        stmt.reset()
        return items.count
    }

    /// Runs the query to the end, feeding LastEvaluatedKey back; returns rows and pages.
    func engineQuery(_ engine: EmbeddedEngine) throws -> (rows: Int, pages: Int) {
        var start: Item?
        var rows = 0
        var pages = 0
        repeat {
            let output = try engine.query(QueryInput(
                tableName: MetricsWorkload.tableName, indexName: MetricsWorkload.healthIndex, exclusiveStartKey: start,
                keyConditionExpression: "entity_type = :t AND health_score < :h",
                expressionAttributeValues: [":t": .s(LowHealthQuery.entityType),
                                            ":h": .n(DynamoNumber(LowHealthQuery.healthBelow))]))
            rows += output.items?.count ?? 0
            pages += 1
            start = output.lastEvaluatedKey
        } while start != nil
        return (rows, pages)
    }

    // MARK: Helpers

    func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Prints a progress line every 10 %; returns the last decile printed.
    func progressStep(_ done: Int, _ total: Int, _ reported: Int, _ label: String, _ watch: Stopwatch) -> Int {
        let decile = done * 10 / total
        guard decile > reported else { return reported }
        progress("  \(label): \(decile * 10)% (\(grouped(done)) items, \(grouped(Int(Double(done) / watch.seconds))) items/s)")
        return decile
    }

    /// The script phase is async (the shell is); the benchmark is not: wait for it here.
    private func runScriptPhase(_ engine: EmbeddedEngine) throws {
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        let phaseReport = ReportBox(report)
        Task {
            do {
                try await ScriptPhase.run(engine: engine, report: &phaseReport.report)
            } catch {
                box.error = error
            }
            semaphore.signal()
        }
        semaphore.wait()
        if let error = box.error { throw error }
        report = phaseReport.report
    }
}

final class ResultBox: @unchecked Sendable { var error: (any Error)? }
final class ReportBox: @unchecked Sendable {
    var report: Report
    init(_ report: Report) { self.report = report }
}

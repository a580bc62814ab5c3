import DynamoModel
import Foundation

/// DynamoDB's semantics on one SQLite file, in process.
///
/// One connection for writes, guarded by a lock: SQLite serialises writers anyway, and a
/// second process on the same file is kept consistent by SQLite's locking (WAL) plus the
/// catalog version check at the start of every operation. With `readerConnections`, reads
/// run on a pool of read-only connections instead, in parallel with each other and with the
/// write in progress, each in its own snapshot, as WAL allows.
public final class EmbeddedEngine: @unchecked Sendable {
    /// Settings a test or `iops serve` may change; the defaults are DynamoDB's.
    public struct Options: Sendable {
        /// Region and account shown in ARNs.
        public var region = "local"
        public var accountID = "000000000000"
        /// How long a stream shard stays open before it is closed and a child opened.
        public var shardRotationInterval: Double = 4 * 3600
        /// How long stream records stay readable.
        public var streamRetention: Double = 24 * 3600
        /// How far back point-in-time restore reaches.
        public var recoveryWindow: Double = 35 * 86_400
        /// Shard iterators expire after this long.
        public var iteratorLifetime: Double = 15 * 60
        /// Sweep expired TTL items when the store is opened.
        public var sweepOnOpen = true
        /// The time in seconds since 1970; tests drive it.
        public var clock: @Sendable () -> Double = { Date().timeIntervalSince1970 }
        /// Connections for reads (GetItem, Query, Scan, Describe…, GetRecords), beside the
        /// writer's; 0 runs reads on the writer's connection. `iops serve` uses one per core.
        public var readerConnections = 0

        public init() {}
    }

    /// The writer's connection (and every read's when there are no readers).
    let primary: Store
    /// The connection of the operation running on this thread: a reader's inside a pooled
    /// read, else the writer's.
    var store: Store { ReaderContext.current?.store ?? primary }
    private let readers: [ReaderContext]
    private let readerTurn = NSLock()
    private var nextReader = 0
    public let path: String
    let options: Options
    private let lock = NSLock()
    private var tables: [String: TableSchema] = [:]
    private var loadedCatalogVersion = -1

    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        do {
            primary = try Store(path: path)
            var readers: [ReaderContext] = []
            for _ in 0..<max(0, options.readerConnections) { readers.append(ReaderContext(store: try Store(path: path))) }
            self.readers = readers
        } catch let error as SQLiteError {
            throw DynamoError(.internalServerError, "cannot open the store at \(path): \(error.message)")
        }
        if options.sweepOnOpen { _ = try sweepExpiredItems() }
    }

    var now: Double { options.clock() }

    /// Runs `body` under the engine lock with an up-to-date catalog, mapping SQLite failures
    /// to DynamoDB errors.
    func locked<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer {
            // Hold no read snapshot between operations (see `SQLiteConnection.resetStatements`).
            store.db.resetStatements()
            lock.unlock()
        }
        do {
            try refreshCatalogIfNeeded()
            return try body()
        } catch let error as SQLiteError {
            throw DynamoError(.internalServerError, "storage failure: \(error.message)")
        } catch let error as ItemCodec.CorruptData {
            _ = error
            throw DynamoError(.internalServerError, "storage failure: a stored item is damaged; run the integrity check")
        }
    }

    /// Runs `body` in one SQLite write transaction (all or nothing).
    func write<T>(_ body: () throws -> T) throws -> T {
        try locked {
            try store.db.writeTransaction {
                // Another process may have changed the catalog since the check above.
                try refreshCatalogIfNeeded()
                return try body()
            }
        }
    }

    /// Runs `body` in one SQLite read snapshot: on a reader connection when the engine has
    /// them (the catalog checked against that snapshot), else on the writer's under its lock.
    func read<T>(_ body: () throws -> T) throws -> T {
        if readers.isEmpty || ReaderContext.current != nil {
            if ReaderContext.current != nil { return try body() }
            return try locked { try store.db.readTransaction(body) }
        }
        let reader = acquireReader()
        ReaderContext.current = reader
        defer {
            ReaderContext.current = nil
            reader.store.db.resetStatements()
            reader.lock.unlock()
        }
        do {
            return try reader.store.db.readTransaction {
                let version = try reader.store.catalogVersion()
                if version != reader.catalogVersion {
                    reader.tables = try reader.store.loadCatalog()
                    reader.catalogVersion = version
                    reader.store.db.clearStatementCache()
                }
                return try body()
            }
        } catch let error as SQLiteError {
            throw DynamoError(.internalServerError, "storage failure: \(error.message)")
        } catch let error as ItemCodec.CorruptData {
            _ = error
            throw DynamoError(.internalServerError, "storage failure: a stored item is damaged; run the integrity check")
        }
    }

    /// A free reader, else the next in turn (waiting for it).
    private func acquireReader() -> ReaderContext {
        for reader in readers where reader.lock.try() { return reader }
        readerTurn.lock()
        let reader = readers[nextReader % readers.count]
        nextReader &+= 1
        readerTurn.unlock()
        reader.lock.lock()
        return reader
    }

    /// The catalog the running operation sees: its reader's snapshot, else the writer's.
    private var catalog: [String: TableSchema] { ReaderContext.current?.tables ?? tables }

    private func refreshCatalogIfNeeded() throws {
        let version = try store.catalogVersion()
        if version != loadedCatalogVersion {
            tables = try store.loadCatalog()
            loadedCatalogVersion = version
            store.db.clearStatementCache()
        }
    }

    /// Records a schema change made inside the current write transaction.
    func saveSchema(_ schema: TableSchema) throws {
        try store.saveSchema(schema)
        tables[schema.name] = schema
        loadedCatalogVersion = try store.catalogVersion()
    }

    func removeSchema(named name: String) throws {
        try store.removeSchema(named: name)
        tables[name] = nil
        loadedCatalogVersion = try store.catalogVersion()
    }

    var tableNames: [String] { catalog.keys.sorted() }

    /// The table, or DynamoDB's ResourceNotFoundException.
    func table(_ name: String) throws(DynamoError) -> TableSchema {
        guard let schema = catalog[name] else {
            throw DynamoError(.resourceNotFound, "Requested resource not found: Table: \(name) not found")
        }
        return schema
    }

    /// The table of a data operation (items, queries): DynamoDB's message there does not
    /// name the table, unlike DescribeTable's.
    func dataTable(_ name: String) throws(DynamoError) -> TableSchema {
        guard let schema = catalog[name] else {
            throw DynamoError(.resourceNotFound, "Requested resource not found")
        }
        return schema
    }

    func tableIfExists(_ name: String) -> TableSchema? { catalog[name] }

    func tableArn(_ name: String) -> String {
        "arn:aws:dynamodb:\(options.region):\(options.accountID):table/\(name)"
    }
}

/// One reader connection with the catalog as of its last snapshot; `lock` is held while an
/// operation uses it. `current` is per thread: engine operations are synchronous, so the
/// thread that runs a read is the one that reads `store`.
final class ReaderContext: @unchecked Sendable {
    let store: Store
    let lock = NSLock()
    var tables: [String: TableSchema] = [:]
    var catalogVersion = -1

    init(store: Store) { self.store = store }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static var current: ReaderContext? {
        get { pthread_getspecific(key).map { Unmanaged<ReaderContext>.fromOpaque($0).takeUnretainedValue() } }
        set { pthread_setspecific(key, newValue.map { Unmanaged.passUnretained($0).toOpaque() }) }
    }
}

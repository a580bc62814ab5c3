import DynamoModel
import Foundation

/// DynamoDB's semantics on one SQLite file, in process.
///
/// One connection per engine, guarded by a lock: SQLite serialises writers anyway, and a
/// second process on the same file is kept consistent by SQLite's locking (WAL) plus the
/// catalog version check at the start of every operation.
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

        public init() {}
    }

    let store: Store
    public let path: String
    let options: Options
    private let lock = NSLock()
    private var tables: [String: TableSchema] = [:]
    private var loadedCatalogVersion = -1

    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        do {
            store = try Store(path: path)
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

    /// Runs `body` in one SQLite read snapshot.
    func read<T>(_ body: () throws -> T) throws -> T {
        try locked {
            try store.db.readTransaction(body)
        }
    }

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

    var tableNames: [String] { tables.keys.sorted() }

    /// The table, or DynamoDB's ResourceNotFoundException.
    func table(_ name: String) throws(DynamoError) -> TableSchema {
        guard let schema = tables[name] else {
            throw DynamoError(.resourceNotFound, "Requested resource not found: Table: \(name) not found")
        }
        return schema
    }

    /// The table of a data operation (items, queries): DynamoDB's message there does not
    /// name the table, unlike DescribeTable's.
    func dataTable(_ name: String) throws(DynamoError) -> TableSchema {
        guard let schema = tables[name] else {
            throw DynamoError(.resourceNotFound, "Requested resource not found")
        }
        return schema
    }

    func tableIfExists(_ name: String) -> TableSchema? { tables[name] }

    func tableArn(_ name: String) -> String {
        "arn:aws:dynamodb:\(options.region):\(options.accountID):table/\(name)"
    }
}

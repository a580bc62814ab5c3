import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure reported by SQLite: its result code and message.
struct SQLiteError: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var sql: String?

    var isBusy: Bool { code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED }
    var description: String { "SQLite error \(code): \(message)" + (sql.map { " (in \($0))" } ?? "") }
}

/// One SQLite connection, as GRDB's `Database` wraps it: prepared statements cached by SQL text,
/// transactions that take the write lock up front (`BEGIN IMMEDIATE`) so two processes never
/// deadlock on a lock upgrade, and SQLITE_BUSY waited out rather than shown to the user.
///
/// Not thread-safe: the engine owns it behind a lock.
final class SQLiteConnection {
    private(set) var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    let path: String

    init(path: String) throws(SQLiteError) {
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        // Another process holding the write lock: wait up to 10 s inside SQLite before
        // reporting BUSY; `transaction` retries beyond that.
        sqlite3_busy_timeout(db, 10_000)
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = NORMAL")
        try execute("PRAGMA foreign_keys = OFF")
        // 16 MB of page cache: enough for index interior pages; a full Scan streams through it
        // without growing the process past it (measured in iops-bench).
        try execute("PRAGMA cache_size = -16384")
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    func close() {
        statements.removeAll()
        sqlite3_close_v2(handle)
        handle = nil
    }

    var lastErrorMessage: String { handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed" }

    func check(_ rc: Int32, sql: String? = nil) throws(SQLiteError) {
        guard rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE else {
            throw SQLiteError(code: rc, message: lastErrorMessage, sql: sql)
        }
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(message)
            throw SQLiteError(code: rc, message: text, sql: sql)
        }
    }

    /// A prepared statement for `sql`, reset and ready to bind; cached for reuse.
    func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw SQLiteError(code: rc, message: lastErrorMessage, sql: sql) }
        let statement = SQLiteStatement(stmt, connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Forgets cached statements (after tables they use were dropped).
    func clearStatementCache() { statements.removeAll() }

    /// Resets every cached statement. A statement stepped to a row and never finished (a
    /// lookup that read its one row) keeps its read transaction, and so an old WAL snapshot,
    /// open even after COMMIT: the connection then never sees other processes' writes,
    /// `BEGIN IMMEDIATE` fails with SQLITE_BUSY_SNAPSHOT however long it retries, and the
    /// WAL cannot be checkpointed. Called at every transaction boundary.
    func resetStatements() {
        for statement in statements.values { statement.reset() }
    }

    var changes: Int { Int(sqlite3_changes(handle)) }
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`). Rolls back when it throws.
    /// A busy database (another process writing) is retried with backoff; the caller never
    /// sees "database is locked" unless it lasts far beyond any real write.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        // No statement may still hold a snapshot older than the write lock (see `resetStatements`).
        resetStatements()
        try retryingBusy { () throws(SQLiteError) in try execute("BEGIN IMMEDIATE") }
        defer { resetStatements() }
        do {
            let result = try body()
            resetStatements()
            try retryingBusy { () throws(SQLiteError) in try execute("COMMIT") }
            return result
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` in a read transaction, so every read sees one snapshot.
    func readTransaction<T>(_ body: () throws -> T) throws -> T {
        // Start from the newest snapshot, not one a pending statement kept open.
        resetStatements()
        try execute("BEGIN DEFERRED")
        defer { resetStatements() }
        do {
            let result = try body()
            resetStatements()
            try execute("COMMIT")
            return result
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body`, retrying with backoff while another connection holds the lock.
    private func retryingBusy(_ body: () throws(SQLiteError) -> Void) throws(SQLiteError) {
        var attempt = 0
        while true {
            let failure: SQLiteError
            do {
                try body()
                return
            } catch {
                failure = error
            }
            guard failure.isBusy, attempt < 50 else { throw failure }
            attempt += 1
            usleep(useconds_t(min(100_000, 1000 << min(attempt, 7))))
        }
    }
}

/// A prepared statement: bind by 1-based index, step, read columns by 0-based index.
final class SQLiteStatement {
    let handle: OpaquePointer
    unowned let connection: SQLiteConnection
    let sql: String

    init(_ handle: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(handle, index, value)
    }

    func bind(_ index: Int32, _ value: String) {
        sqlite3_bind_text(handle, index, value, -1, csqlite_transient())
    }

    func bind(_ index: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            // A zero-length blob must still bind as a blob, not NULL.
            let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
            _ = sqlite3_bind_blob(handle, index, base, Int32(raw.count), csqlite_transient())
        }
    }

    func bindNull(_ index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Advances to the next row: true when a row is available, false when done.
    func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw SQLiteError(code: rc, message: connection.lastErrorMessage, sql: sql)
    }

    /// Runs a statement that returns no rows.
    func run() throws(SQLiteError) {
        while try step() {}
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Calls `body` with the column's bytes without copying them.
    func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

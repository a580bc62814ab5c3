import DynamoAPI
import DynamoModel

/// How far a `batchWriteAll` or `batchGetAll` has got, after each response.
public struct BatchProgress: Sendable, Equatable {
    /// Writes done or keys read so far.
    public var completed: Int
    /// All writes or keys of the call.
    public var total: Int
    /// Requests sent so far.
    public var requests: Int
    /// Writes or keys the last response left unprocessed (they will be sent again).
    public var unprocessed: Int

    public init(completed: Int, total: Int, requests: Int, unprocessed: Int) {
        self.completed = completed
        self.total = total
        self.requests = requests
        self.unprocessed = unprocessed
    }
}

/// A batch that could not finish: DynamoDB kept leaving writes or keys unprocessed for more
/// rounds than allowed. What is left is here, so a caller can carry on later.
public struct BatchIncompleteError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    /// Consecutive responses that left something unprocessed.
    public var rounds: Int
    /// Writes not done, by table (BatchWriteItem).
    public var unprocessedItems: [String: [WriteRequest]]
    /// Keys not read, by table (BatchGetItem).
    public var unprocessedKeys: [String: KeysAndAttributes]
    /// What was done before giving up (responses read, capacity consumed).
    public var partialGet: BatchGetItemOutput?

    public var remaining: Int {
        var count = 0
        for (_, writes) in unprocessedItems { count += writes.count }
        for (_, keys) in unprocessedKeys { count += keys.keys.count }
        return count
    }

    public var description: String {
        let what = unprocessedItems.isEmpty ? "keys" : "writes"
        return "\(operation): \(remaining) \(what) still unprocessed; \(rounds) responses in a row left some unprocessed"
    }
}

extension DynamoDBClient {
    /// The most writes one BatchWriteItem may carry.
    public static let batchWriteLimit = 25
    /// The most keys one BatchGetItem may carry.
    public static let batchGetLimit = 100

    /// Performs every write of `input`, whatever its size: sends them 25 at a time and sends
    /// `UnprocessedItems` again, with the retry backoff, until all are done. Gives up with
    /// `BatchIncompleteError` when `maxRetries` resends in a row still leave writes
    /// unprocessed (DynamoDB does that under throttling; each request still has its own retries).
    /// Returns the consumed capacity and item collection metrics of all requests.
    @discardableResult
    public func batchWriteAll(_ input: BatchWriteItemInput, maxRetries: Int = 10,
                              progress: (@Sendable (BatchProgress) -> Void)? = nil) async throws -> BatchWriteItemOutput {
        var pending: [(table: String, write: WriteRequest)] = []
        for table in input.requestItems.keys.sorted() {
            for write in input.requestItems[table] ?? [] { pending.append((table, write)) }
        }
        let total = pending.count
        var completed = 0
        var requests = 0
        var stalledRounds = 0
        var result = BatchWriteItemOutput()

        while !pending.isEmpty {
            let chunk = pending.prefix(Self.batchWriteLimit)
            var requestItems: [String: [WriteRequest]] = [:]
            for entry in chunk { requestItems[entry.table, default: []].append(entry.write) }
            var request = input
            request.requestItems = requestItems
            let output = try await batchWriteItem(request)
            requests += 1
            if let capacity = output.consumedCapacity { result.consumedCapacity = (result.consumedCapacity ?? []) + capacity }
            if let metrics = output.itemCollectionMetrics {
                var merged = result.itemCollectionMetrics ?? [:]
                for (table, entries) in metrics { merged[table, default: []] += entries }
                result.itemCollectionMetrics = merged
            }

            var unprocessed: [(table: String, write: WriteRequest)] = []
            for table in (output.unprocessedItems ?? [:]).keys.sorted() {
                for write in output.unprocessedItems?[table] ?? [] { unprocessed.append((table, write)) }
            }
            completed += chunk.count - unprocessed.count
            pending = unprocessed + pending.dropFirst(chunk.count)
            progress?(BatchProgress(completed: completed, total: total, requests: requests, unprocessed: unprocessed.count))

            if unprocessed.isEmpty {
                stalledRounds = 0
                continue
            }
            stalledRounds += 1
            if stalledRounds > maxRetries {
                var left: [String: [WriteRequest]] = [:]
                for entry in pending { left[entry.table, default: []].append(entry.write) }
                throw BatchIncompleteError(operation: "BatchWriteItem", rounds: stalledRounds, unprocessedItems: left,
                                           unprocessedKeys: [:], partialGet: nil)
            }
            try await configuration.sleep(configuration.retry.delay(beforeRetry: stalledRounds - 1, random: configuration.random()))
        }
        return result
    }

    /// Reads every key of `input`, whatever the count: sends them 100 at a time (each table's
    /// projection and consistency kept) and sends `UnprocessedKeys` again with backoff until
    /// all are read. Gives up with `BatchIncompleteError` when `maxRetries`
    /// resends in a row still leave keys unprocessed. Returns all items found, by table.
    public func batchGetAll(_ input: BatchGetItemInput, maxRetries: Int = 10,
                            progress: (@Sendable (BatchProgress) -> Void)? = nil) async throws -> BatchGetItemOutput {
        var settings: [String: KeysAndAttributes] = [:]
        var pending: [(table: String, key: Item)] = []
        for table in input.requestItems.keys.sorted() {
            guard let entry = input.requestItems[table] else { continue }
            settings[table] = entry
            for key in entry.keys { pending.append((table, key)) }
        }
        let total = pending.count
        var completed = 0
        var requests = 0
        var stalledRounds = 0
        var result = BatchGetItemOutput(responses: [:])

        func grouped(_ entries: some Sequence<(table: String, key: Item)>) -> [String: KeysAndAttributes] {
            var items: [String: KeysAndAttributes] = [:]
            for entry in entries {
                if items[entry.table] == nil {
                    var keys = settings[entry.table] ?? KeysAndAttributes(keys: [])
                    keys.keys = []
                    items[entry.table] = keys
                }
                items[entry.table]?.keys.append(entry.key)
            }
            return items
        }

        while !pending.isEmpty {
            let chunk = pending.prefix(Self.batchGetLimit)
            var request = input
            request.requestItems = grouped(chunk)
            let output = try await batchGetItem(request)
            requests += 1
            for (table, items) in output.responses ?? [:] { result.responses?[table, default: []] += items }
            if let capacity = output.consumedCapacity { result.consumedCapacity = (result.consumedCapacity ?? []) + capacity }

            var unprocessed: [(table: String, key: Item)] = []
            for table in (output.unprocessedKeys ?? [:]).keys.sorted() {
                for key in output.unprocessedKeys?[table]?.keys ?? [] { unprocessed.append((table, key)) }
            }
            completed += chunk.count - unprocessed.count
            pending = unprocessed + pending.dropFirst(chunk.count)
            progress?(BatchProgress(completed: completed, total: total, requests: requests, unprocessed: unprocessed.count))

            if unprocessed.isEmpty {
                stalledRounds = 0
                continue
            }
            stalledRounds += 1
            if stalledRounds > maxRetries {
                throw BatchIncompleteError(operation: "BatchGetItem", rounds: stalledRounds, unprocessedItems: [:],
                                           unprocessedKeys: grouped(pending), partialGet: result)
            }
            try await configuration.sleep(configuration.retry.delay(beforeRetry: stalledRounds - 1, random: configuration.random()))
        }
        return result
    }
}

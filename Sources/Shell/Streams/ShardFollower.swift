import DynamoAPI
import DynamoModel

/// Reads one stream's shards in order, one GetRecords request per step, through the
/// `DynamoBackend` protocol only (so the same code follows a real DynamoDB stream).
///
/// DynamoDB closes a stream's shards every few hours and continues each in a child shard;
/// a reader must finish a parent before its children to see a key's changes in order. So a
/// shard is read only once its parent has been read to its end (or lies before the start),
/// and when a shard's iterator runs out, the stream is described again to find its children.
struct ShardFollower {
    /// One shard being read.
    struct Cursor {
        var shardId: String
        var iterator: String?
        /// How to get an iterator before any record of the shard has been seen.
        var startType: ShardIteratorType
        var startSequence: String?
        /// The last record seen: a new iterator starts after it.
        var lastSequence: String?
        /// Iterator errors in a row; a shard that keeps failing is an error, not a loop.
        var failures = 0
    }

    /// What one step read.
    struct Step {
        var records: [Record] = []
        /// For standard error: shards followed, trimmed data skipped.
        var notes: [String] = []
        /// A whole round over the shards read nothing new (or there is no shard to read):
        /// everything there is now has been read, so a follower may sleep (or stop).
        var caughtUp = false
    }

    let backend: any DynamoBackend
    let streamArn: String
    let start: TailStart
    private var cursors: [Cursor] = []
    private var nextCursor = 0
    /// Shards read to their end, or lying wholly before the start position.
    private var finished: Set<String> = []
    private var started = false
    /// Whether the current round over the shards read a record or changed the shards.
    private var roundActive = true

    init(backend: any DynamoBackend, streamArn: String, start: TailStart) {
        self.backend = backend
        self.streamArn = streamArn
        self.start = start
    }

    /// Reads the next shard in turn (one GetRecords request, plus the iterator or
    /// DescribeStream requests it needs).
    mutating func step() async throws -> Step {
        var step = Step()
        if !started {
            try await discover(initial: true, notes: &step.notes)
            started = true
        }
        if cursors.isEmpty {
            // Every shard read to its end (a disabled stream, or children not listed yet).
            try await discover(initial: false, notes: &step.notes)
            if cursors.isEmpty {
                step.caughtUp = true
                return step
            }
        }
        if nextCursor >= cursors.count { nextCursor = 0 }
        let index = nextCursor
        var cursor = cursors[index]
        do {
            let iterator: String
            if let current = cursor.iterator {
                iterator = current
            } else {
                iterator = try await newIterator(for: cursor, notes: &step.notes)
            }
            let output = try await backend.getRecords(GetRecordsInput(shardIterator: iterator))
            cursor.failures = 0
            let records = output.records ?? []
            if let last = records.last?.dynamodb?.sequenceNumber { cursor.lastSequence = last }
            if !records.isEmpty { roundActive = true }
            step.records = records
            if let next = output.nextShardIterator {
                cursor.iterator = next
                cursors[index] = cursor
                nextCursor = index + 1
            } else {
                // The shard is closed and read to its end: its children come next.
                cursors.remove(at: index)
                finished.insert(cursor.shardId)
                roundActive = true
                var children: [String] = []
                for shard in try await discover(initial: false, notes: &step.notes) where shard.parentShardId == cursor.shardId {
                    children.append(shard.shardId ?? "")
                }
                if !children.isEmpty {
                    step.notes.append("shard \(cursor.shardId) is closed; following its child\(children.count == 1 ? "" : "ren") \(children.joined(separator: ", "))")
                }
                nextCursor = index
            }
        } catch let error as DynamoError where error.code == .expiredIterator || error.code == .trimmedDataAccess {
            // Start again after the last record seen; `newIterator` falls back to the oldest
            // record when that one is trimmed too.
            cursor.failures += 1
            if cursor.failures > 3 { throw error }
            cursor.iterator = nil
            cursors[index] = cursor
            roundActive = true
            nextCursor = index
        }
        if nextCursor >= cursors.count {
            nextCursor = 0
            step.caughtUp = !roundActive
            roundActive = false
        }
        return step
    }

    /// An iterator after the last record seen on the shard, or at the shard's start position.
    private func newIterator(for cursor: Cursor, notes: inout [String]) async throws -> String {
        var type = cursor.startType
        var sequence = cursor.startSequence
        if let last = cursor.lastSequence {
            type = .afterSequenceNumber
            sequence = last
        }
        do {
            return try await iterator(cursor.shardId, type, sequence)
        } catch let error as DynamoError where error.code == .trimmedDataAccess && type != .trimHorizon && type != .latest {
            notes.append("records of shard \(cursor.shardId) were trimmed before they were read; going on from its oldest record")
            return try await iterator(cursor.shardId, .trimHorizon, nil)
        }
    }

    private func iterator(_ shardId: String, _ type: ShardIteratorType, _ sequence: String?) async throws -> String {
        let output = try await backend.getShardIterator(GetShardIteratorInput(
            streamArn: streamArn, shardId: shardId, shardIteratorType: type, sequenceNumber: sequence))
        guard let iterator = output.shardIterator else {
            throw ShellError("tail: DynamoDB returned no shard iterator for shard \(shardId)")
        }
        return iterator
    }

    /// Every shard of the stream, all pages of DescribeStream.
    private func describeShards() async throws -> [Shard] {
        var shards: [Shard] = []
        var startAfter: String?
        repeat {
            let page = try await backend.describeStream(DescribeStreamInput(streamArn: streamArn, exclusiveStartShardId: startAfter))
            shards += page.streamDescription?.shards ?? []
            startAfter = page.streamDescription?.lastEvaluatedShardId
        } while startAfter != nil
        return shards
    }

    /// Starts reading every shard that may be read now: not yet read, and its parent read to
    /// its end, skipped, or no longer listed (trimmed). The first time, shards before the
    /// start position are skipped and the start shards get the start position's iterator;
    /// shards found later are new, so they are read from their oldest record.
    @discardableResult
    private mutating func discover(initial: Bool, notes: inout [String]) async throws -> [Shard] {
        let shards = try await describeShards()
        var listed = Set<String>()
        var parents = Set<String>()
        for shard in shards {
            if let id = shard.shardId { listed.insert(id) }
            if let parent = shard.parentShardId { parents.insert(parent) }
        }
        if initial {
            switch start {
            case .latest:
                // Only the newest shard of each lineage matters: older ones hold the past.
                for id in listed where parents.contains(id) { finished.insert(id) }
            case .sequenceNumber(let number):
                var holder = false
                for shard in shards {
                    guard let id = shard.shardId else { continue }
                    let range = (start: shard.sequenceNumberRange?.startingSequenceNumber, end: shard.sequenceNumberRange?.endingSequenceNumber)
                    if SequenceNumbers.range(range, holds: number) { holder = true }
                    if let end = range.end, SequenceNumbers.compare(end, number) < 0 { finished.insert(id) }
                }
                guard holder else {
                    throw ShellError("tail: no shard of the stream holds sequence number \(number): it is older than the stream's oldest record (records are kept 24 hours) or not from this stream")
                }
            case .trimHorizon, .time:
                break
            }
        }
        var active = Set<String>()
        for cursor in cursors { active.insert(cursor.shardId) }
        var startedNow: [Shard] = []
        for shard in shards {
            guard let id = shard.shardId, !finished.contains(id), !active.contains(id) else { continue }
            if let parent = shard.parentShardId, listed.contains(parent), !finished.contains(parent) { continue }
            var cursor = Cursor(shardId: id, startType: .trimHorizon)
            if initial {
                switch start {
                case .latest:
                    cursor.startType = .latest
                case .sequenceNumber(let number):
                    let range = (start: shard.sequenceNumberRange?.startingSequenceNumber, end: shard.sequenceNumberRange?.endingSequenceNumber)
                    if SequenceNumbers.range(range, holds: number) {
                        cursor.startType = .atSequenceNumber
                        cursor.startSequence = number
                    }
                case .trimHorizon, .time:
                    break
                }
            }
            cursors.append(cursor)
            active.insert(id)
            startedNow.append(shard)
        }
        if initial {
            switch startedNow.count {
            case 0: notes.append("the stream has no shard to read yet")
            case 1: notes.append("following shard \(startedNow[0].shardId ?? "") from \(start)")
            default: notes.append("following \(startedNow.count) shards from \(start)")
            }
        }
        return startedNow
    }
}

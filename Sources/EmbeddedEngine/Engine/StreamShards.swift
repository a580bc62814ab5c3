import DynamoModel
import Foundation

/// Stream lifecycle and shard rotation. Like DynamoDB, a stream's open shard is closed after
/// a while and a child shard continues it, so readers must follow parent → child.
extension EmbeddedEngine {
    func startStream(for table: inout TableSchema, viewType: String) throws {
        let streamID = try store.allocateStorageID()
        // A label is the creation time in milliseconds; a stream re-enabled within the same
        // millisecond (a driven clock, a script) takes the next free one, so ARNs stay unique.
        var created = now
        var label = Self.streamLabel(created)
        while try store.stream(arn: "\(table.arn)/stream/\(label)") != nil {
            created += 0.001
            label = Self.streamLabel(created)
        }
        let arn = "\(table.arn)/stream/\(label)"
        table.stream = StreamSettings(streamID: streamID, viewType: viewType, label: label, arn: arn, enabled: true)
        try store.insertStream(.init(streamID: streamID, arn: arn, label: label, tableName: table.name, viewType: viewType,
                                     partitionKey: table.partitionKey.name, sortKey: table.sortKey?.name,
                                     created: created, disabledAt: nil))
        try store.insertShard(.init(streamID: streamID, shardID: newShardID(created: created), parentShardID: nil,
                                    startSeq: try store.maxSequence() + 1, endSeq: nil, created: created))
    }

    func stopStream(for table: inout TableSchema) throws {
        guard var stream = table.stream, stream.enabled else { return }
        if let open = try store.openShard(streamID: stream.streamID) {
            try store.closeShard(streamID: stream.streamID, shardID: open.shardID, endSeq: try store.maxSequence())
        }
        stream.enabled = false
        table.stream = stream
        try store.disableStream(stream.streamID, at: now)
    }

    /// Closes the open shard and opens its child when the shard is older than the rotation
    /// interval; called before each stream record is written.
    func rotateShardIfDue(_ stream: StreamSettings) throws {
        let time = now
        if let open = try store.openShard(streamID: stream.streamID) {
            guard time - open.created >= options.shardRotationInterval else { return }
            try rotate(stream, open: open, at: time)
        } else {
            try store.insertShard(.init(streamID: stream.streamID, shardID: newShardID(created: time), parentShardID: nil,
                                        startSeq: try store.maxSequence() + 1, endSeq: nil, created: time))
        }
    }

    private func rotate(_ stream: StreamSettings, open: Store.ShardRow, at time: Double) throws {
        let last = try store.maxSequence()
        try store.closeShard(streamID: stream.streamID, shardID: open.shardID, endSeq: last)
        try store.insertShard(.init(streamID: stream.streamID, shardID: newShardID(created: time), parentShardID: open.shardID,
                                    startSeq: last + 1, endSeq: nil, created: time))
    }

    /// Closes every open shard now and opens children: what DynamoDB does on its own schedule,
    /// exposed so tests and `tail` can be checked across a split.
    public func splitStreamShards(tableName: String) throws {
        try write {
            let table = try table(tableName)
            guard let stream = table.stream, stream.enabled, let open = try store.openShard(streamID: stream.streamID) else {
                throw DynamoError.validation("Table \(tableName) has no enabled stream")
            }
            try rotate(stream, open: open, at: now)
        }
    }

    func newShardID(created: Double) -> String {
        let millis = String(Int64(created * 1000))
        let padded = String(repeating: "0", count: max(0, 20 - millis.count)) + millis
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "shardId-\(padded)-\(String(repeating: "0", count: 8 - suffix.count))\(suffix)"
    }

    /// A stream label: the creation time with milliseconds, as DynamoDB writes it.
    static func streamLabel(_ time: Double) -> String {
        let date = Date(timeIntervalSince1970: time)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        func pad(_ v: Int?, _ n: Int) -> String {
            let s = String(v ?? 0)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)).\(pad((c.nanosecond ?? 0) / 1_000_000, 3))"
    }

    /// Sequence numbers on the wire: 21 decimal digits, so text order is numeric order.
    static func sequenceNumber(_ seq: Int64) -> String {
        let digits = String(seq)
        return String(repeating: "0", count: max(0, 21 - digits.count)) + digits
    }
}

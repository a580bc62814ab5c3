import DynamoAPI
import DynamoModel
import Foundation

/// The DynamoDB Streams operations, read from the change log.
extension EmbeddedEngine {
    /// A shard iterator: where in which shard a reader is, and when the iterator was issued
    /// (iterators expire after 15 minutes, as DynamoDB's do).
    struct ShardIterator {
        var streamID: Int64
        var shardID: String
        var position: Int64
        var issuedAt: Double

        var token: String {
            let text = "v1|\(streamID)|\(shardID)|\(position)|\(issuedAt)"
            return AttributeValue.encodeBase64(Array(text.utf8))
        }

        init(streamID: Int64, shardID: String, position: Int64, issuedAt: Double) {
            self.streamID = streamID
            self.shardID = shardID
            self.position = position
            self.issuedAt = issuedAt
        }

        init(token: String) throws(DynamoError) {
            let invalid = DynamoError.validation("Invalid ShardIterator")
            guard let bytes = try? AttributeValue.decodeBase64(token),
                  let text = String(validating: bytes, as: UTF8.self) else { throw invalid }
            let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 5, parts[0] == "v1", let stream = Int64(parts[1]), let position = Int64(parts[3]),
                  let issued = Double(parts[4]) else { throw invalid }
            self.init(streamID: stream, shardID: parts[2], position: position, issuedAt: issued)
        }
    }

    /// A stream by ARN: live, or disabled less than 24 hours ago (also after its table is gone).
    private func stream(arn: String) throws -> Store.StreamRow {
        guard let row = try store.stream(arn: arn), row.disabledAt.map({ $0 >= now - options.streamRetention }) ?? true else {
            throw DynamoError(.resourceNotFound, "Requested resource not found: Stream: \(arn) not found")
        }
        return row
    }

    private static func validateLimit(_ limit: Int?) throws(DynamoError) {
        guard let limit, !(1...100).contains(limit) else { return }
        throw DynamoError.validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value \(limit < 1 ? "greater than or equal to 1" : "less than or equal to 100")")
    }

    public func listStreams(_ input: ListStreamsInput) throws -> ListStreamsOutput {
        try Self.validateLimit(input.limit)
        return try read {
            var streams: [DynamoAPI.Stream] = []
            for row in try store.streams(disabledAfter: now - options.streamRetention) {
                if let wanted = input.tableName, wanted != row.tableName { continue }
                streams.append(DynamoAPI.Stream(streamArn: row.arn, tableName: row.tableName, streamLabel: row.label))
            }
            if let start = input.exclusiveStartStreamArn, let position = streams.firstIndex(where: { $0.streamArn == start }) {
                streams.removeFirst(position + 1)
            }
            let limit = input.limit ?? 100
            let page = Array(streams.prefix(limit))
            return ListStreamsOutput(streams: page, lastEvaluatedStreamArn: streams.count > limit ? page.last?.streamArn : nil)
        }
    }

    public func describeStream(_ input: DescribeStreamInput) throws -> DescribeStreamOutput {
        try Self.validateLimit(input.limit)
        return try read {
            let stream = try stream(arn: input.streamArn)
            var shards = try store.shards(streamID: stream.streamID)
            if let filter = input.shardFilter, filter.type == .childShards, let parent = filter.shardId {
                shards = shards.filter { $0.parentShardID == parent }
            }
            if let start = input.exclusiveStartShardId, let position = shards.firstIndex(where: { $0.shardID == start }) {
                shards.removeFirst(position + 1)
            }
            let limit = input.limit ?? 100
            let page = Array(shards.prefix(limit))
            var description = StreamDescription()
            description.streamArn = stream.arn
            description.streamLabel = stream.label
            description.streamStatus = stream.disabledAt == nil ? .enabled : .disabled
            description.streamViewType = StreamViewType(rawValue: stream.viewType)
            description.creationRequestDateTime = stream.created
            description.tableName = stream.tableName
            description.keySchema = [KeySchemaElement(attributeName: stream.partitionKey, keyType: .hash)]
                + (stream.sortKey.map { [KeySchemaElement(attributeName: $0, keyType: .range)] } ?? [])
            description.shards = page.map { shard in
                Shard(shardId: shard.shardID,
                      sequenceNumberRange: SequenceNumberRange(
                        startingSequenceNumber: Self.sequenceNumber(shard.startSeq),
                        endingSequenceNumber: shard.endSeq.map(Self.sequenceNumber)),
                      parentShardId: shard.parentShardID)
            }
            if shards.count > limit { description.lastEvaluatedShardId = page.last?.shardID }
            return DescribeStreamOutput(streamDescription: description)
        }
    }

    public func getShardIterator(_ input: GetShardIteratorInput) throws -> GetShardIteratorOutput {
        try read {
            let stream = try stream(arn: input.streamArn)
            guard let shard = try store.shards(streamID: stream.streamID).first(where: { $0.shardID == input.shardId }) else {
                throw DynamoError(.resourceNotFound, "Requested resource not found: Shard does not exist")
            }
            let position: Int64
            switch input.shardIteratorType {
            case .trimHorizon:
                position = shard.startSeq - 1
            case .latest:
                let newest = try store.maxSequence()
                position = shard.endSeq ?? max(shard.startSeq - 1, newest)
            case .atSequenceNumber, .afterSequenceNumber:
                guard let text = input.sequenceNumber else {
                    throw DynamoError.validation("Must specify SequenceNumber when the ShardIteratorType is \(input.shardIteratorType.rawValue)")
                }
                guard let sequence = Int64(text), sequence >= shard.startSeq, sequence <= (shard.endSeq ?? Int64.max) else {
                    throw DynamoError.validation("Invalid SequenceNumber for shard: \(text)")
                }
                position = input.shardIteratorType == .atSequenceNumber ? sequence - 1 : sequence
            }
            if input.shardIteratorType != .atSequenceNumber && input.shardIteratorType != .afterSequenceNumber,
               input.sequenceNumber != nil {
                throw DynamoError.validation("SequenceNumber may only be given with AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER")
            }
            let iterator = ShardIterator(streamID: stream.streamID, shardID: shard.shardID, position: position, issuedAt: now)
            return GetShardIteratorOutput(shardIterator: iterator.token)
        }
    }

    public func getRecords(_ input: GetRecordsInput) throws -> GetRecordsOutput {
        let iterator = try ShardIterator(token: input.shardIterator)
        if let limit = input.limit, !(1...1000).contains(limit) {
            throw DynamoError.validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000")
        }
        return try read {
            let time = now
            if time - iterator.issuedAt > options.iteratorLifetime {
                throw DynamoError(.expiredIterator, "Iterator expired. The iterator was created at time \(Date(timeIntervalSince1970: iterator.issuedAt)) while right now it is \(Date(timeIntervalSince1970: time)) which is further in the future than the tolerated delay of 900000 milliseconds.")
            }
            guard let stream = try store.stream(id: iterator.streamID),
                  let shard = try store.shards(streamID: iterator.streamID).first(where: { $0.shardID == iterator.shardID }) else {
                throw DynamoError(.resourceNotFound, "Requested resource not found: Shard does not exist")
            }
            let limit = input.limit ?? 1000
            let rows = try store.streamRecords(streamID: iterator.streamID, after: iterator.position, through: shard.endSeq,
                                               notBefore: time - options.streamRetention, limit: limit)
            var records: [Record] = []
            var size = 0
            var position = iterator.position
            for row in rows {
                let record = makeRecord(row, viewType: stream.viewType)
                size += Int(record.dynamodb?.sizeBytes ?? 0)
                records.append(record)
                position = row.seq
                if size >= Self.pageSizeLimit { break }
            }
            let drained = shard.endSeq != nil && records.count == rows.count && rows.count < limit
            let next = drained ? nil
                : ShardIterator(streamID: iterator.streamID, shardID: iterator.shardID, position: position, issuedAt: time).token
            return GetRecordsOutput(records: records, nextShardIterator: next)
        }
    }

    func makeRecord(_ row: Store.ChangeRow, viewType: String) -> Record {
        var body = StreamRecord()
        body.approximateCreationDateTime = row.at.rounded(.down)
        body.keys = row.keys
        body.sequenceNumber = Self.sequenceNumber(row.seq)
        body.streamViewType = StreamViewType(rawValue: viewType)
        switch viewType {
        case "NEW_IMAGE": body.newImage = row.new
        case "OLD_IMAGE": body.oldImage = row.old
        case "NEW_AND_OLD_IMAGES":
            body.newImage = row.new
            body.oldImage = row.old
        default: break
        }
        body.sizeBytes = Int64(row.keys.itemSize + (body.newImage?.itemSize ?? 0) + (body.oldImage?.itemSize ?? 0))
        var record = Record()
        record.eventID = String(row.seq, radix: 16)
        record.eventName = OperationType(rawValue: row.event.name)
        record.eventVersion = "1.1"
        record.eventSource = "aws:dynamodb"
        record.awsRegion = options.region
        record.dynamodb = body
        if row.byService {
            record.userIdentity = Identity(principalId: "dynamodb.amazonaws.com", type: "Service")
        }
        return record
    }
}

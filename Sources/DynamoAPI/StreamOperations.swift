import DynamoModel

// DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator, GetRecords.
// Stream records use lowerCamel wire names (`eventName`, `dynamodb`, `userIdentity`) where the
// rest of the API uses PascalCase; the names here follow the API reference exactly.

// MARK: ListStreams

public struct Stream: WireShape {
    public var streamArn: String?
    public var tableName: String?
    public var streamLabel: String?

    public init(streamArn: String? = nil, tableName: String? = nil, streamLabel: String? = nil) {
        self.streamArn = streamArn
        self.tableName = tableName
        self.streamLabel = streamLabel
    }
    public init(reader r: WireReader) throws(DynamoError) {
        streamArn = try r.optional("StreamArn")
        tableName = try r.optional("TableName")
        streamLabel = try r.optional("StreamLabel")
    }
    public var json: JSONValue {
        .shape(["StreamArn": streamArn, "TableName": tableName, "StreamLabel": streamLabel])
    }
}

public struct ListStreamsInput: OperationInput {
    public var tableName: String?
    public var limit: Int?
    public var exclusiveStartStreamArn: String?

    public init(tableName: String? = nil, limit: Int? = nil, exclusiveStartStreamArn: String? = nil) {
        self.tableName = tableName
        self.limit = limit
        self.exclusiveStartStreamArn = exclusiveStartStreamArn
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableName = try r.optional("TableName")
        limit = try r.optional("Limit")
        exclusiveStartStreamArn = try r.optional("ExclusiveStartStreamArn")
    }
    public var json: JSONValue {
        .shape(["TableName": tableName, "Limit": limit, "ExclusiveStartStreamArn": exclusiveStartStreamArn])
    }
}

public struct ListStreamsOutput: OperationOutput {
    public var streams: [Stream]?
    public var lastEvaluatedStreamArn: String?

    public init(streams: [Stream]? = nil, lastEvaluatedStreamArn: String? = nil) {
        self.streams = streams
        self.lastEvaluatedStreamArn = lastEvaluatedStreamArn
    }
    public init(reader r: WireReader) throws(DynamoError) {
        streams = try r.optional("Streams")
        lastEvaluatedStreamArn = try r.optional("LastEvaluatedStreamArn")
    }
    public var json: JSONValue {
        .shape(["Streams": streams, "LastEvaluatedStreamArn": lastEvaluatedStreamArn])
    }
}

// MARK: DescribeStream

public struct SequenceNumberRange: WireShape {
    public var startingSequenceNumber: String?
    /// Absent while the shard is open.
    public var endingSequenceNumber: String?

    public init(startingSequenceNumber: String? = nil, endingSequenceNumber: String? = nil) {
        self.startingSequenceNumber = startingSequenceNumber
        self.endingSequenceNumber = endingSequenceNumber
    }
    public init(reader r: WireReader) throws(DynamoError) {
        startingSequenceNumber = try r.optional("StartingSequenceNumber")
        endingSequenceNumber = try r.optional("EndingSequenceNumber")
    }
    public var json: JSONValue {
        .shape(["StartingSequenceNumber": startingSequenceNumber, "EndingSequenceNumber": endingSequenceNumber])
    }
}

public struct Shard: WireShape {
    public var shardId: String?
    public var sequenceNumberRange: SequenceNumberRange?
    public var parentShardId: String?

    public init(shardId: String? = nil, sequenceNumberRange: SequenceNumberRange? = nil, parentShardId: String? = nil) {
        self.shardId = shardId
        self.sequenceNumberRange = sequenceNumberRange
        self.parentShardId = parentShardId
    }
    public init(reader r: WireReader) throws(DynamoError) {
        shardId = try r.optional("ShardId")
        sequenceNumberRange = try r.optional("SequenceNumberRange")
        parentShardId = try r.optional("ParentShardId")
    }
    public var json: JSONValue {
        .shape(["ShardId": shardId, "SequenceNumberRange": sequenceNumberRange, "ParentShardId": parentShardId])
    }
}

public struct StreamDescription: WireShape {
    public var streamArn: String?
    public var streamLabel: String?
    public var streamStatus: StreamStatus?
    public var streamViewType: StreamViewType?
    /// Epoch seconds.
    public var creationRequestDateTime: Double?
    public var tableName: String?
    public var keySchema: [KeySchemaElement]?
    public var shards: [Shard]?
    /// Present when there are more shards: pass it as the next `ExclusiveStartShardId`.
    public var lastEvaluatedShardId: String?

    public init(streamArn: String? = nil, streamLabel: String? = nil, streamStatus: StreamStatus? = nil,
                streamViewType: StreamViewType? = nil, creationRequestDateTime: Double? = nil,
                tableName: String? = nil, keySchema: [KeySchemaElement]? = nil, shards: [Shard]? = nil,
                lastEvaluatedShardId: String? = nil) {
        self.streamArn = streamArn
        self.streamLabel = streamLabel
        self.streamStatus = streamStatus
        self.streamViewType = streamViewType
        self.creationRequestDateTime = creationRequestDateTime
        self.tableName = tableName
        self.keySchema = keySchema
        self.shards = shards
        self.lastEvaluatedShardId = lastEvaluatedShardId
    }
    public init(reader r: WireReader) throws(DynamoError) {
        streamArn = try r.optional("StreamArn")
        streamLabel = try r.optional("StreamLabel")
        streamStatus = try r.optional("StreamStatus")
        streamViewType = try r.optional("StreamViewType")
        creationRequestDateTime = try r.optional("CreationRequestDateTime")
        tableName = try r.optional("TableName")
        keySchema = try r.optional("KeySchema")
        shards = try r.optional("Shards")
        lastEvaluatedShardId = try r.optional("LastEvaluatedShardId")
    }
    public var json: JSONValue {
        .shape([
            "StreamArn": streamArn,
            "StreamLabel": streamLabel,
            "StreamStatus": streamStatus,
            "StreamViewType": streamViewType,
            "CreationRequestDateTime": creationRequestDateTime,
            "TableName": tableName,
            "KeySchema": keySchema,
            "Shards": shards,
            "LastEvaluatedShardId": lastEvaluatedShardId,
        ])
    }
}

/// Restricts DescribeStream to the children of one shard.
public struct ShardFilter: WireShape {
    public var type: ShardFilterType?
    public var shardId: String?

    public init(type: ShardFilterType? = nil, shardId: String? = nil) {
        self.type = type
        self.shardId = shardId
    }
    public init(reader r: WireReader) throws(DynamoError) {
        type = try r.optional("Type")
        shardId = try r.optional("ShardId")
    }
    public var json: JSONValue { .shape(["Type": type, "ShardId": shardId]) }
}

public struct DescribeStreamInput: OperationInput {
    public var streamArn: String
    public var limit: Int?
    public var exclusiveStartShardId: String?
    public var shardFilter: ShardFilter?

    public init(streamArn: String, limit: Int? = nil, exclusiveStartShardId: String? = nil,
                shardFilter: ShardFilter? = nil) {
        self.streamArn = streamArn
        self.limit = limit
        self.exclusiveStartShardId = exclusiveStartShardId
        self.shardFilter = shardFilter
    }
    public init(reader r: WireReader) throws(DynamoError) {
        streamArn = try r.required("StreamArn")
        limit = try r.optional("Limit")
        exclusiveStartShardId = try r.optional("ExclusiveStartShardId")
        shardFilter = try r.optional("ShardFilter")
    }
    public var json: JSONValue {
        .shape([
            "StreamArn": streamArn, "Limit": limit, "ExclusiveStartShardId": exclusiveStartShardId,
            "ShardFilter": shardFilter,
        ])
    }
}

public struct DescribeStreamOutput: OperationOutput {
    public var streamDescription: StreamDescription?

    public init(streamDescription: StreamDescription? = nil) { self.streamDescription = streamDescription }
    public init(reader r: WireReader) throws(DynamoError) { streamDescription = try r.optional("StreamDescription") }
    public var json: JSONValue { .shape(["StreamDescription": streamDescription]) }
}

// MARK: GetShardIterator

public struct GetShardIteratorInput: OperationInput {
    public var streamArn: String
    public var shardId: String
    public var shardIteratorType: ShardIteratorType
    /// Required for `AT_SEQUENCE_NUMBER` and `AFTER_SEQUENCE_NUMBER`.
    public var sequenceNumber: String?

    public init(streamArn: String, shardId: String, shardIteratorType: ShardIteratorType,
                sequenceNumber: String? = nil) {
        self.streamArn = streamArn
        self.shardId = shardId
        self.shardIteratorType = shardIteratorType
        self.sequenceNumber = sequenceNumber
    }
    public init(reader r: WireReader) throws(DynamoError) {
        streamArn = try r.required("StreamArn")
        shardId = try r.required("ShardId")
        shardIteratorType = try r.required("ShardIteratorType")
        sequenceNumber = try r.optional("SequenceNumber")
    }
    public var json: JSONValue {
        .shape([
            "StreamArn": streamArn, "ShardId": shardId, "ShardIteratorType": shardIteratorType,
            "SequenceNumber": sequenceNumber,
        ])
    }
}

public struct GetShardIteratorOutput: OperationOutput {
    public var shardIterator: String?

    public init(shardIterator: String? = nil) { self.shardIterator = shardIterator }
    public init(reader r: WireReader) throws(DynamoError) { shardIterator = try r.optional("ShardIterator") }
    public var json: JSONValue { .shape(["ShardIterator": shardIterator]) }
}

// MARK: GetRecords

/// Who made a change: set for deletions by time to live (`Service`, `dynamodb.amazonaws.com`).
public struct Identity: WireShape {
    public var principalId: String?
    public var type: String?

    public init(principalId: String? = nil, type: String? = nil) {
        self.principalId = principalId
        self.type = type
    }
    public init(reader r: WireReader) throws(DynamoError) {
        principalId = try r.optional("PrincipalId")
        type = try r.optional("Type")
    }
    public var json: JSONValue { .shape(["PrincipalId": principalId, "Type": type]) }
}

/// The change itself: keys and the images the stream's view type includes.
public struct StreamRecord: WireShape {
    /// Epoch seconds.
    public var approximateCreationDateTime: Double?
    public var keys: Item?
    public var newImage: Item?
    public var oldImage: Item?
    public var sequenceNumber: String?
    public var sizeBytes: Int64?
    public var streamViewType: StreamViewType?

    public init(approximateCreationDateTime: Double? = nil, keys: Item? = nil, newImage: Item? = nil,
                oldImage: Item? = nil, sequenceNumber: String? = nil, sizeBytes: Int64? = nil,
                streamViewType: StreamViewType? = nil) {
        self.approximateCreationDateTime = approximateCreationDateTime
        self.keys = keys
        self.newImage = newImage
        self.oldImage = oldImage
        self.sequenceNumber = sequenceNumber
        self.sizeBytes = sizeBytes
        self.streamViewType = streamViewType
    }
    public init(reader r: WireReader) throws(DynamoError) {
        approximateCreationDateTime = try r.optional("ApproximateCreationDateTime")
        keys = try r.optional("Keys")
        newImage = try r.optional("NewImage")
        oldImage = try r.optional("OldImage")
        sequenceNumber = try r.optional("SequenceNumber")
        sizeBytes = try r.optional("SizeBytes")
        streamViewType = try r.optional("StreamViewType")
    }
    public var json: JSONValue {
        .shape([
            "ApproximateCreationDateTime": approximateCreationDateTime,
            "Keys": keys,
            "NewImage": newImage,
            "OldImage": oldImage,
            "SequenceNumber": sequenceNumber,
            "SizeBytes": sizeBytes,
            "StreamViewType": streamViewType,
        ])
    }
}

/// One stream record (wire names in lowerCamel case, as in the API reference).
public struct Record: WireShape {
    public var eventID: String?
    public var eventName: OperationType?
    public var eventVersion: String?
    public var eventSource: String?
    public var awsRegion: String?
    public var dynamodb: StreamRecord?
    public var userIdentity: Identity?

    public init(eventID: String? = nil, eventName: OperationType? = nil, eventVersion: String? = nil,
                eventSource: String? = nil, awsRegion: String? = nil, dynamodb: StreamRecord? = nil,
                userIdentity: Identity? = nil) {
        self.eventID = eventID
        self.eventName = eventName
        self.eventVersion = eventVersion
        self.eventSource = eventSource
        self.awsRegion = awsRegion
        self.dynamodb = dynamodb
        self.userIdentity = userIdentity
    }
    public init(reader r: WireReader) throws(DynamoError) {
        eventID = try r.optional("eventID")
        eventName = try r.optional("eventName")
        eventVersion = try r.optional("eventVersion")
        eventSource = try r.optional("eventSource")
        awsRegion = try r.optional("awsRegion")
        dynamodb = try r.optional("dynamodb")
        userIdentity = try r.optional("userIdentity")
    }
    public var json: JSONValue {
        .shape([
            "eventID": eventID,
            "eventName": eventName,
            "eventVersion": eventVersion,
            "eventSource": eventSource,
            "awsRegion": awsRegion,
            "dynamodb": dynamodb,
            "userIdentity": userIdentity,
        ])
    }
}

public struct GetRecordsInput: OperationInput {
    public var shardIterator: String
    public var limit: Int?

    public init(shardIterator: String, limit: Int? = nil) {
        self.shardIterator = shardIterator
        self.limit = limit
    }
    public init(reader r: WireReader) throws(DynamoError) {
        shardIterator = try r.required("ShardIterator")
        limit = try r.optional("Limit")
    }
    public var json: JSONValue { .shape(["ShardIterator": shardIterator, "Limit": limit]) }
}

public struct GetRecordsOutput: OperationOutput {
    public var records: [Record]?
    /// Absent once a closed shard has been read to its end.
    public var nextShardIterator: String?

    public init(records: [Record]? = nil, nextShardIterator: String? = nil) {
        self.records = records
        self.nextShardIterator = nextShardIterator
    }
    public init(reader r: WireReader) throws(DynamoError) {
        records = try r.optional("Records")
        nextShardIterator = try r.optional("NextShardIterator")
    }
    public var json: JSONValue { .shape(["Records": records, "NextShardIterator": nextShardIterator]) }
}

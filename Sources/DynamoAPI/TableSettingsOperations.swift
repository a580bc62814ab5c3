import DynamoModel

// Time to live, continuous backups and point-in-time restore, tags.

// MARK: Time to live

public struct TimeToLiveSpecification: WireShape {
    public var enabled: Bool
    public var attributeName: String

    public init(enabled: Bool, attributeName: String) {
        self.enabled = enabled
        self.attributeName = attributeName
    }
    public init(reader r: WireReader) throws(DynamoError) {
        enabled = try r.required("Enabled")
        attributeName = try r.required("AttributeName")
    }
    public var json: JSONValue { .shape(["Enabled": enabled, "AttributeName": attributeName]) }
}

public struct TimeToLiveDescription: WireShape {
    public var timeToLiveStatus: TimeToLiveStatus?
    public var attributeName: String?

    public init(timeToLiveStatus: TimeToLiveStatus? = nil, attributeName: String? = nil) {
        self.timeToLiveStatus = timeToLiveStatus
        self.attributeName = attributeName
    }
    public init(reader r: WireReader) throws(DynamoError) {
        timeToLiveStatus = try r.optional("TimeToLiveStatus")
        attributeName = try r.optional("AttributeName")
    }
    public var json: JSONValue { .shape(["TimeToLiveStatus": timeToLiveStatus, "AttributeName": attributeName]) }
}

public struct UpdateTimeToLiveInput: OperationInput {
    public var tableName: String
    public var timeToLiveSpecification: TimeToLiveSpecification

    public init(tableName: String, timeToLiveSpecification: TimeToLiveSpecification) {
        self.tableName = tableName
        self.timeToLiveSpecification = timeToLiveSpecification
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableName = try r.required("TableName")
        timeToLiveSpecification = try r.required("TimeToLiveSpecification")
    }
    public var json: JSONValue {
        .shape(["TableName": tableName, "TimeToLiveSpecification": timeToLiveSpecification])
    }
}

public struct UpdateTimeToLiveOutput: OperationOutput {
    public var timeToLiveSpecification: TimeToLiveSpecification?

    public init(timeToLiveSpecification: TimeToLiveSpecification? = nil) {
        self.timeToLiveSpecification = timeToLiveSpecification
    }
    public init(reader r: WireReader) throws(DynamoError) {
        timeToLiveSpecification = try r.optional("TimeToLiveSpecification")
    }
    public var json: JSONValue { .shape(["TimeToLiveSpecification": timeToLiveSpecification]) }
}

public struct DescribeTimeToLiveInput: OperationInput {
    public var tableName: String

    public init(tableName: String) { self.tableName = tableName }
    public init(reader r: WireReader) throws(DynamoError) { tableName = try r.required("TableName") }
    public var json: JSONValue { .shape(["TableName": tableName]) }
}

public struct DescribeTimeToLiveOutput: OperationOutput {
    public var timeToLiveDescription: TimeToLiveDescription?

    public init(timeToLiveDescription: TimeToLiveDescription? = nil) {
        self.timeToLiveDescription = timeToLiveDescription
    }
    public init(reader r: WireReader) throws(DynamoError) {
        timeToLiveDescription = try r.optional("TimeToLiveDescription")
    }
    public var json: JSONValue { .shape(["TimeToLiveDescription": timeToLiveDescription]) }
}

// MARK: Continuous backups

public struct PointInTimeRecoverySpecification: WireShape {
    public var pointInTimeRecoveryEnabled: Bool
    /// Days of recovery history, 1…35 (35 when absent).
    public var recoveryPeriodInDays: Int?

    public init(pointInTimeRecoveryEnabled: Bool, recoveryPeriodInDays: Int? = nil) {
        self.pointInTimeRecoveryEnabled = pointInTimeRecoveryEnabled
        self.recoveryPeriodInDays = recoveryPeriodInDays
    }
    public init(reader r: WireReader) throws(DynamoError) {
        pointInTimeRecoveryEnabled = try r.required("PointInTimeRecoveryEnabled")
        recoveryPeriodInDays = try r.optional("RecoveryPeriodInDays")
    }
    public var json: JSONValue {
        .shape(["PointInTimeRecoveryEnabled": pointInTimeRecoveryEnabled, "RecoveryPeriodInDays": recoveryPeriodInDays])
    }
}

public struct PointInTimeRecoveryDescription: WireShape {
    public var pointInTimeRecoveryStatus: PointInTimeRecoveryStatus?
    public var recoveryPeriodInDays: Int?
    /// Epoch seconds.
    public var earliestRestorableDateTime: Double?
    /// Epoch seconds.
    public var latestRestorableDateTime: Double?

    public init(pointInTimeRecoveryStatus: PointInTimeRecoveryStatus? = nil, recoveryPeriodInDays: Int? = nil,
                earliestRestorableDateTime: Double? = nil, latestRestorableDateTime: Double? = nil) {
        self.pointInTimeRecoveryStatus = pointInTimeRecoveryStatus
        self.recoveryPeriodInDays = recoveryPeriodInDays
        self.earliestRestorableDateTime = earliestRestorableDateTime
        self.latestRestorableDateTime = latestRestorableDateTime
    }
    public init(reader r: WireReader) throws(DynamoError) {
        pointInTimeRecoveryStatus = try r.optional("PointInTimeRecoveryStatus")
        recoveryPeriodInDays = try r.optional("RecoveryPeriodInDays")
        earliestRestorableDateTime = try r.optional("EarliestRestorableDateTime")
        latestRestorableDateTime = try r.optional("LatestRestorableDateTime")
    }
    public var json: JSONValue {
        .shape([
            "PointInTimeRecoveryStatus": pointInTimeRecoveryStatus,
            "RecoveryPeriodInDays": recoveryPeriodInDays,
            "EarliestRestorableDateTime": earliestRestorableDateTime,
            "LatestRestorableDateTime": latestRestorableDateTime,
        ])
    }
}

public struct ContinuousBackupsDescription: WireShape {
    public var continuousBackupsStatus: ContinuousBackupsStatus
    public var pointInTimeRecoveryDescription: PointInTimeRecoveryDescription?

    public init(continuousBackupsStatus: ContinuousBackupsStatus,
                pointInTimeRecoveryDescription: PointInTimeRecoveryDescription? = nil) {
        self.continuousBackupsStatus = continuousBackupsStatus
        self.pointInTimeRecoveryDescription = pointInTimeRecoveryDescription
    }
    public init(reader r: WireReader) throws(DynamoError) {
        continuousBackupsStatus = try r.required("ContinuousBackupsStatus")
        pointInTimeRecoveryDescription = try r.optional("PointInTimeRecoveryDescription")
    }
    public var json: JSONValue {
        .shape([
            "ContinuousBackupsStatus": continuousBackupsStatus,
            "PointInTimeRecoveryDescription": pointInTimeRecoveryDescription,
        ])
    }
}

public struct UpdateContinuousBackupsInput: OperationInput {
    public var tableName: String
    public var pointInTimeRecoverySpecification: PointInTimeRecoverySpecification

    public init(tableName: String, pointInTimeRecoverySpecification: PointInTimeRecoverySpecification) {
        self.tableName = tableName
        self.pointInTimeRecoverySpecification = pointInTimeRecoverySpecification
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tableName = try r.required("TableName")
        pointInTimeRecoverySpecification = try r.required("PointInTimeRecoverySpecification")
    }
    public var json: JSONValue {
        .shape(["TableName": tableName, "PointInTimeRecoverySpecification": pointInTimeRecoverySpecification])
    }
}

public struct UpdateContinuousBackupsOutput: OperationOutput {
    public var continuousBackupsDescription: ContinuousBackupsDescription?

    public init(continuousBackupsDescription: ContinuousBackupsDescription? = nil) {
        self.continuousBackupsDescription = continuousBackupsDescription
    }
    public init(reader r: WireReader) throws(DynamoError) {
        continuousBackupsDescription = try r.optional("ContinuousBackupsDescription")
    }
    public var json: JSONValue { .shape(["ContinuousBackupsDescription": continuousBackupsDescription]) }
}

public struct DescribeContinuousBackupsInput: OperationInput {
    public var tableName: String

    public init(tableName: String) { self.tableName = tableName }
    public init(reader r: WireReader) throws(DynamoError) { tableName = try r.required("TableName") }
    public var json: JSONValue { .shape(["TableName": tableName]) }
}

public struct DescribeContinuousBackupsOutput: OperationOutput {
    public var continuousBackupsDescription: ContinuousBackupsDescription?

    public init(continuousBackupsDescription: ContinuousBackupsDescription? = nil) {
        self.continuousBackupsDescription = continuousBackupsDescription
    }
    public init(reader r: WireReader) throws(DynamoError) {
        continuousBackupsDescription = try r.optional("ContinuousBackupsDescription")
    }
    public var json: JSONValue { .shape(["ContinuousBackupsDescription": continuousBackupsDescription]) }
}

// MARK: RestoreTableToPointInTime

public struct RestoreTableToPointInTimeInput: OperationInput {
    public var sourceTableArn: String?
    public var sourceTableName: String?
    public var targetTableName: String
    public var useLatestRestorableTime: Bool?
    /// Epoch seconds.
    public var restoreDateTime: Double?
    public var billingModeOverride: BillingMode?
    public var globalSecondaryIndexOverride: [GlobalSecondaryIndex]?
    public var localSecondaryIndexOverride: [LocalSecondaryIndex]?
    public var provisionedThroughputOverride: ProvisionedThroughput?
    public var onDemandThroughputOverride: OnDemandThroughput?
    public var sseSpecificationOverride: SSESpecification?

    public init(sourceTableArn: String? = nil, sourceTableName: String? = nil, targetTableName: String,
                useLatestRestorableTime: Bool? = nil, restoreDateTime: Double? = nil,
                billingModeOverride: BillingMode? = nil, globalSecondaryIndexOverride: [GlobalSecondaryIndex]? = nil,
                localSecondaryIndexOverride: [LocalSecondaryIndex]? = nil,
                provisionedThroughputOverride: ProvisionedThroughput? = nil,
                onDemandThroughputOverride: OnDemandThroughput? = nil,
                sseSpecificationOverride: SSESpecification? = nil) {
        self.sourceTableArn = sourceTableArn
        self.sourceTableName = sourceTableName
        self.targetTableName = targetTableName
        self.useLatestRestorableTime = useLatestRestorableTime
        self.restoreDateTime = restoreDateTime
        self.billingModeOverride = billingModeOverride
        self.globalSecondaryIndexOverride = globalSecondaryIndexOverride
        self.localSecondaryIndexOverride = localSecondaryIndexOverride
        self.provisionedThroughputOverride = provisionedThroughputOverride
        self.onDemandThroughputOverride = onDemandThroughputOverride
        self.sseSpecificationOverride = sseSpecificationOverride
    }
    public init(reader r: WireReader) throws(DynamoError) {
        sourceTableArn = try r.optional("SourceTableArn")
        sourceTableName = try r.optional("SourceTableName")
        targetTableName = try r.required("TargetTableName")
        useLatestRestorableTime = try r.optional("UseLatestRestorableTime")
        restoreDateTime = try r.optional("RestoreDateTime")
        billingModeOverride = try r.optional("BillingModeOverride")
        globalSecondaryIndexOverride = try r.optional("GlobalSecondaryIndexOverride")
        localSecondaryIndexOverride = try r.optional("LocalSecondaryIndexOverride")
        provisionedThroughputOverride = try r.optional("ProvisionedThroughputOverride")
        onDemandThroughputOverride = try r.optional("OnDemandThroughputOverride")
        sseSpecificationOverride = try r.optional("SSESpecificationOverride")
    }
    public var json: JSONValue {
        .shape([
            "SourceTableArn": sourceTableArn,
            "SourceTableName": sourceTableName,
            "TargetTableName": targetTableName,
            "UseLatestRestorableTime": useLatestRestorableTime,
            "RestoreDateTime": restoreDateTime,
            "BillingModeOverride": billingModeOverride,
            "GlobalSecondaryIndexOverride": globalSecondaryIndexOverride,
            "LocalSecondaryIndexOverride": localSecondaryIndexOverride,
            "ProvisionedThroughputOverride": provisionedThroughputOverride,
            "OnDemandThroughputOverride": onDemandThroughputOverride,
            "SSESpecificationOverride": sseSpecificationOverride,
        ])
    }
}

public struct RestoreTableToPointInTimeOutput: OperationOutput {
    public var tableDescription: TableDescription?

    public init(tableDescription: TableDescription? = nil) { self.tableDescription = tableDescription }
    public init(reader r: WireReader) throws(DynamoError) { tableDescription = try r.optional("TableDescription") }
    public var json: JSONValue { .shape(["TableDescription": tableDescription]) }
}

// MARK: Tags

public struct TagResourceInput: OperationInput {
    public var resourceArn: String
    public var tags: [Tag]

    public init(resourceArn: String, tags: [Tag]) {
        self.resourceArn = resourceArn
        self.tags = tags
    }
    public init(reader r: WireReader) throws(DynamoError) {
        resourceArn = try r.required("ResourceArn")
        tags = try r.required("Tags")
    }
    public var json: JSONValue { .shape(["ResourceArn": resourceArn, "Tags": tags]) }
}

/// TagResource returns an empty object.
public struct TagResourceOutput: OperationOutput {
    public init() {}
    public init(reader r: WireReader) throws(DynamoError) {}
    public var json: JSONValue { .object([:]) }
}

public struct UntagResourceInput: OperationInput {
    public var resourceArn: String
    public var tagKeys: [String]

    public init(resourceArn: String, tagKeys: [String]) {
        self.resourceArn = resourceArn
        self.tagKeys = tagKeys
    }
    public init(reader r: WireReader) throws(DynamoError) {
        resourceArn = try r.required("ResourceArn")
        tagKeys = try r.required("TagKeys")
    }
    public var json: JSONValue { .shape(["ResourceArn": resourceArn, "TagKeys": tagKeys]) }
}

/// UntagResource returns an empty object.
public struct UntagResourceOutput: OperationOutput {
    public init() {}
    public init(reader r: WireReader) throws(DynamoError) {}
    public var json: JSONValue { .object([:]) }
}

public struct ListTagsOfResourceInput: OperationInput {
    public var resourceArn: String
    public var nextToken: String?

    public init(resourceArn: String, nextToken: String? = nil) {
        self.resourceArn = resourceArn
        self.nextToken = nextToken
    }
    public init(reader r: WireReader) throws(DynamoError) {
        resourceArn = try r.required("ResourceArn")
        nextToken = try r.optional("NextToken")
    }
    public var json: JSONValue { .shape(["ResourceArn": resourceArn, "NextToken": nextToken]) }
}

public struct ListTagsOfResourceOutput: OperationOutput {
    public var tags: [Tag]?
    public var nextToken: String?

    public init(tags: [Tag]? = nil, nextToken: String? = nil) {
        self.tags = tags
        self.nextToken = nextToken
    }
    public init(reader r: WireReader) throws(DynamoError) {
        tags = try r.optional("Tags")
        nextToken = try r.optional("NextToken")
    }
    public var json: JSONValue { .shape(["Tags": tags, "NextToken": nextToken]) }
}

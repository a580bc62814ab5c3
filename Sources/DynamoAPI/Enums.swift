// The API's enumerations: raw values are the wire values, cases are Soto's names.

public enum KeyType: String, WireEnum {
    case hash = "HASH"
    case range = "RANGE"
}

public enum ScalarAttributeType: String, WireEnum {
    case s = "S"
    case n = "N"
    case b = "B"
}

public enum ProjectionType: String, WireEnum {
    case all = "ALL"
    case keysOnly = "KEYS_ONLY"
    case include = "INCLUDE"
}

public enum BillingMode: String, WireEnum {
    case provisioned = "PROVISIONED"
    case payPerRequest = "PAY_PER_REQUEST"
}

public enum StreamViewType: String, WireEnum {
    case newImage = "NEW_IMAGE"
    case oldImage = "OLD_IMAGE"
    case newAndOldImages = "NEW_AND_OLD_IMAGES"
    case keysOnly = "KEYS_ONLY"
}

public enum ReturnValue: String, WireEnum {
    case none = "NONE"
    case allOld = "ALL_OLD"
    case updatedOld = "UPDATED_OLD"
    case allNew = "ALL_NEW"
    case updatedNew = "UPDATED_NEW"
}

public enum ReturnValuesOnConditionCheckFailure: String, WireEnum {
    case allOld = "ALL_OLD"
    case none = "NONE"
}

public enum ReturnConsumedCapacity: String, WireEnum {
    case indexes = "INDEXES"
    case total = "TOTAL"
    case none = "NONE"
}

public enum ReturnItemCollectionMetrics: String, WireEnum {
    case size = "SIZE"
    case none = "NONE"
}

public enum Select: String, WireEnum {
    case allAttributes = "ALL_ATTRIBUTES"
    case allProjectedAttributes = "ALL_PROJECTED_ATTRIBUTES"
    case specificAttributes = "SPECIFIC_ATTRIBUTES"
    case count = "COUNT"
}

public enum TableStatus: String, WireEnum {
    case creating = "CREATING"
    case updating = "UPDATING"
    case deleting = "DELETING"
    case active = "ACTIVE"
    case inaccessibleEncryptionCredentials = "INACCESSIBLE_ENCRYPTION_CREDENTIALS"
    case archiving = "ARCHIVING"
    case archived = "ARCHIVED"
    case replicationNotAuthorized = "REPLICATION_NOT_AUTHORIZED"
}

public enum IndexStatus: String, WireEnum {
    case creating = "CREATING"
    case updating = "UPDATING"
    case deleting = "DELETING"
    case active = "ACTIVE"
}

public enum TableClass: String, WireEnum {
    case standard = "STANDARD"
    case standardInfrequentAccess = "STANDARD_INFREQUENT_ACCESS"
}

public enum SSEType: String, WireEnum {
    case aes256 = "AES256"
    case kms = "KMS"
}

public enum SSEStatus: String, WireEnum {
    case enabling = "ENABLING"
    case enabled = "ENABLED"
    case disabling = "DISABLING"
    case disabled = "DISABLED"
    case updating = "UPDATING"
}

public enum TimeToLiveStatus: String, WireEnum {
    case enabling = "ENABLING"
    case disabling = "DISABLING"
    case enabled = "ENABLED"
    case disabled = "DISABLED"
}

public enum ContinuousBackupsStatus: String, WireEnum {
    case enabled = "ENABLED"
    case disabled = "DISABLED"
}

public enum PointInTimeRecoveryStatus: String, WireEnum {
    case enabled = "ENABLED"
    case disabled = "DISABLED"
}

/// Legacy conditions (`Expected`, `KeyConditions`, `QueryFilter`, `ScanFilter`).
public enum ComparisonOperator: String, WireEnum {
    case eq = "EQ"
    case ne = "NE"
    case `in` = "IN"
    case le = "LE"
    case lt = "LT"
    case ge = "GE"
    case gt = "GT"
    case between = "BETWEEN"
    case notNull = "NOT_NULL"
    case null = "NULL"
    case contains = "CONTAINS"
    case notContains = "NOT_CONTAINS"
    case beginsWith = "BEGINS_WITH"
}

/// How legacy conditions combine.
public enum ConditionalOperator: String, WireEnum {
    case and = "AND"
    case or = "OR"
}

/// Legacy `AttributeUpdates` actions.
public enum AttributeAction: String, WireEnum {
    case add = "ADD"
    case put = "PUT"
    case delete = "DELETE"
}

// MARK: DynamoDB Streams

public enum StreamStatus: String, WireEnum {
    case enabling = "ENABLING"
    case enabled = "ENABLED"
    case disabling = "DISABLING"
    case disabled = "DISABLED"
}

public enum ShardIteratorType: String, WireEnum {
    case trimHorizon = "TRIM_HORIZON"
    case latest = "LATEST"
    case atSequenceNumber = "AT_SEQUENCE_NUMBER"
    case afterSequenceNumber = "AFTER_SEQUENCE_NUMBER"
}

/// A stream record's `eventName`.
public enum OperationType: String, WireEnum {
    case insert = "INSERT"
    case modify = "MODIFY"
    case remove = "REMOVE"
}

public enum ShardFilterType: String, WireEnum {
    case childShards = "CHILD_SHARDS"
}

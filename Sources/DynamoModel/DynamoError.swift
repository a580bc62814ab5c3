/// An error as DynamoDB reports it: a type name from the API (`ValidationException`, …) and a message.
///
/// Every target (embedded engine, HTTP client, `iops serve`) raises and carries this one value,
/// so a script sees the same errors whichever backend it runs on.
public struct DynamoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// DynamoDB's error type name: what follows the last `#` of `__type` on the wire.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let validation = Code(rawValue: "ValidationException")
        public static let conditionalCheckFailed = Code(rawValue: "ConditionalCheckFailedException")
        public static let resourceNotFound = Code(rawValue: "ResourceNotFoundException")
        public static let resourceInUse = Code(rawValue: "ResourceInUseException")
        public static let transactionCanceled = Code(rawValue: "TransactionCanceledException")
        public static let transactionConflict = Code(rawValue: "TransactionConflictException")
        public static let itemCollectionSizeLimitExceeded = Code(rawValue: "ItemCollectionSizeLimitExceededException")
        public static let limitExceeded = Code(rawValue: "LimitExceededException")
        public static let expiredIterator = Code(rawValue: "ExpiredIteratorException")
        public static let trimmedDataAccess = Code(rawValue: "TrimmedDataAccessException")
        public static let pointInTimeRecoveryUnavailable = Code(rawValue: "PointInTimeRecoveryUnavailableException")
        public static let tableNotFound = Code(rawValue: "TableNotFoundException")
        public static let tableAlreadyExists = Code(rawValue: "TableAlreadyExistsException")
        public static let invalidRestoreTime = Code(rawValue: "InvalidRestoreTimeException")
        public static let serialization = Code(rawValue: "SerializationException")
        public static let unknownOperation = Code(rawValue: "UnknownOperationException")
        public static let internalServerError = Code(rawValue: "InternalServerError")
        public static let provisionedThroughputExceeded = Code(rawValue: "ProvisionedThroughputExceededException")
        public static let throttling = Code(rawValue: "ThrottlingException")
    }

    /// Why one action of a transaction was refused (`CancellationReasons` on the wire).
    public struct CancellationReason: Sendable, Equatable {
        public var code: String
        public var message: String?
        public var item: [String: AttributeValue]?
        public init(code: String, message: String? = nil, item: [String: AttributeValue]? = nil) {
            self.code = code
            self.message = message
            self.item = item
        }
    }

    public var code: Code
    public var message: String
    /// Set on `TransactionCanceledException`: one entry per action, `None` where it passed.
    public var cancellationReasons: [CancellationReason]?
    /// Set on `ConditionalCheckFailedException` when `ReturnValuesOnConditionCheckFailure = ALL_OLD`.
    public var item: [String: AttributeValue]?

    public init(_ code: Code, _ message: String,
                cancellationReasons: [CancellationReason]? = nil, item: [String: AttributeValue]? = nil) {
        self.code = code
        self.message = message
        self.cancellationReasons = cancellationReasons
        self.item = item
    }

    public static func validation(_ message: String) -> DynamoError { DynamoError(.validation, message) }

    public var description: String { "\(code.rawValue): \(message)" }
}

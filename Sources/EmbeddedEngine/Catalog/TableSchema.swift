import DynamoModel

/// A key attribute: name and scalar type.
struct KeyAttribute: Codable, Sendable, Equatable, Hashable {
    var name: String
    var type: ScalarType
}

/// A secondary index as the engine keeps it.
struct IndexSchema: Codable, Sendable, Equatable {
    enum Kind: String, Codable, Sendable { case global, local }

    var name: String
    var kind: Kind
    /// Suffix of the SQLite table holding the index entries (`x<storageID>`).
    var storageID: Int64
    var partitionKey: KeyAttribute
    var sortKey: KeyAttribute?
    /// `ALL`, `KEYS_ONLY` or `INCLUDE`.
    var projectionType: String
    var nonKeyAttributes: [String]
    var status: String = "ACTIVE"
    var readCapacity: Int?
    var writeCapacity: Int?

    var keyAttributes: [KeyAttribute] { [partitionKey] + (sortKey.map { [$0] } ?? []) }
}

/// The stream of a table: one per enablement, as DynamoDB gives a new ARN each time.
struct StreamSettings: Codable, Sendable, Equatable {
    var streamID: Int64
    var viewType: String
    var label: String
    var arn: String
    var enabled: Bool
}

/// Everything the engine knows about a table, persisted as JSON in the catalog.
struct TableSchema: Codable, Sendable, Equatable {
    /// Suffix of the SQLite table holding the items (`t<storageID>`).
    var storageID: Int64
    var name: String
    var tableID: String
    var arn: String
    var createdAt: Double
    var partitionKey: KeyAttribute
    var sortKey: KeyAttribute?
    var attributeDefinitions: [KeyAttribute]
    var indexes: [IndexSchema]
    var billingMode: String
    var readCapacity: Int?
    var writeCapacity: Int?
    /// The latest stream; `enabled` false once it has been turned off (its ARN stays visible).
    var stream: StreamSettings?
    var ttlAttribute: String?
    var ttlEnabled: Bool = false
    /// When point-in-time recovery was last enabled; nil while disabled.
    var pitrEnabledAt: Double?
    var deletionProtection: Bool = false
    var tags: [String: String] = [:]

    var keyAttributes: [KeyAttribute] { [partitionKey] + (sortKey.map { [$0] } ?? []) }
    var globalIndexes: [IndexSchema] { indexes.filter { $0.kind == .global } }
    var localIndexes: [IndexSchema] { indexes.filter { $0.kind == .local } }
    var itemsTable: String { "t\(storageID)" }

    func index(named name: String) -> IndexSchema? { indexes.first { $0.name == name } }

    /// Changes are logged while a stream or point-in-time recovery needs them.
    var logsChanges: Bool { (stream?.enabled ?? false) || pitrEnabledAt != nil }
}

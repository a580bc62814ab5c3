import DynamoAPI
import DynamoModel
import TablePlugins

/// What a table is on the target, read with DescribeTable, DescribeTimeToLive and
/// DescribeContinuousBackups: the three answers `schema deploy` and `schema diff` compare
/// with a plugin.
struct LiveTable {
    var description: TableDescription
    var timeToLive: TimeToLiveDescription?
    var pointInTimeRecovery: Bool

    /// nil when the table does not exist.
    static func read(_ name: String, from backend: any DynamoBackend) async throws -> LiveTable? {
        guard let description = try await describe(name, from: backend) else { return nil }
        let ttl = try await backend.describeTimeToLive(DescribeTimeToLiveInput(tableName: name)).timeToLiveDescription
        let backups = try await backend.describeContinuousBackups(DescribeContinuousBackupsInput(tableName: name))
        let pitr = backups.continuousBackupsDescription?.pointInTimeRecoveryDescription?.pointInTimeRecoveryStatus == .enabled
        return LiveTable(description: description, timeToLive: ttl, pointInTimeRecovery: pitr)
    }

    /// The table's description, or nil when it does not exist.
    static func describe(_ name: String, from backend: any DynamoBackend) async throws -> TableDescription? {
        do {
            return try await backend.describeTable(DescribeTableInput(tableName: name)).table
        } catch let error as DynamoError where error.code == .resourceNotFound {
            return nil
        }
    }

    var keySchema: [KeySchemaElement] { description.keySchema ?? [] }

    /// DynamoDB leaves out BillingModeSummary for a table that was always provisioned.
    var billingMode: BillingMode { description.billingModeSummary?.billingMode ?? .provisioned }

    /// The view type of the enabled stream; nil when there is none.
    var streamViewType: StreamViewType? {
        guard let stream = description.streamSpecification, stream.streamEnabled else { return nil }
        return stream.streamViewType
    }

    /// The TTL attribute while TTL is enabled or being enabled; nil when it is off.
    var timeToLiveAttribute: String? {
        switch timeToLive?.timeToLiveStatus {
        case .enabled?, .enabling?: timeToLive?.attributeName
        default: nil
        }
    }

    func attributeType(_ name: String) -> ScalarAttributeType? {
        description.attributeDefinitions?.first { $0.attributeName == name }?.attributeType
    }

    func index(_ name: String) -> GlobalSecondaryIndexDescription? {
        description.globalSecondaryIndexes?.first { $0.indexName == name }
    }
}

/// Words for key schemas and projections, shared by `diff`'s lines and `deploy`'s errors.
enum SchemaText {
    /// `entity_id (HASH), entity_type (RANGE)`.
    static func keys(_ elements: [KeySchemaElement]) -> String {
        elements.isEmpty ? "none" : elements.map { "\($0.attributeName) (\($0.keyType.rawValue))" }.joined(separator: ", ")
    }

    static func keys(_ partition: KeyAttribute, _ sort: KeyAttribute?) -> [KeySchemaElement] {
        [KeySchemaElement(attributeName: partition.name, keyType: .hash)]
            + (sort.map { [KeySchemaElement(attributeName: $0.name, keyType: .range)] } ?? [])
    }

    static func sameKeys(_ a: [KeySchemaElement], _ b: [KeySchemaElement]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.attributeName == $1.attributeName && $0.keyType == $1.keyType }
    }

    /// `ALL`, `KEYS_ONLY`, `INCLUDE (a, b)`.
    static func projection(_ projection: Projection?) -> String {
        let type = projection?.projectionType ?? .keysOnly
        let attributes = (projection?.nonKeyAttributes ?? []).sorted()
        return attributes.isEmpty ? type.rawValue : "\(type.rawValue) (\(attributes.joined(separator: ", ")))"
    }
}

import DynamoAPI
import DynamoExpressions
import DynamoModel

/// Query and Scan: one range read over a table or index, paged like DynamoDB (Limit and the
/// 1 MB page apply to items read, before the filter).
extension EmbeddedEngine {
    /// DynamoDB stops a page once it has read 1 MB.
    static let pageSizeLimit = 1_048_576

    /// Where a read happens: the key columns of a table (`t<N>`) or of an index (`x<N>`).
    struct ReadTarget {
        var table: TableSchema
        var index: IndexSchema?

        var sqliteTable: String { index.map { "x\($0.storageID)" } ?? table.itemsTable }
        var partitionKey: KeyAttribute { index?.partitionKey ?? table.partitionKey }
        var sortKey: KeyAttribute? { index == nil ? table.sortKey : index?.sortKey }
        var keyColumns: [String] { index == nil ? ["hk", "rk"] : ["hk", "rk", "thk", "trk"] }

        /// The attributes a LastEvaluatedKey carries: the table key, plus the index key.
        var lastEvaluatedKeyNames: [String] {
            var names = table.keyAttributes.map(\.name)
            for key in index?.keyAttributes ?? [] where !names.contains(key.name) { names.append(key.name) }
            return names
        }
    }

    /// One bound of a range on the `rk` column.
    struct Bound {
        var bytes: [UInt8]
        var inclusive: Bool
    }

    struct ReadPlan {
        var target: ReadTarget
        /// Partition equality (Query) or nil (Scan).
        var partition: [UInt8]?
        var lower: Bound?
        var upper: Bound?
        /// Scan segment as a range of the two hash-prefix bytes of `hk`.
        var segment: (low: [UInt8], high: [UInt8]?)?
        var forward = true
        /// Key columns of the last item of the previous page.
        var start: [[UInt8]]?
        var limit: Int?
        var filter: ConditionExpression?
        var projection: ProjectionExpression?
        var countOnly = false
    }

    struct Page {
        var items: [Item] = []
        var count = 0
        var scannedCount = 0
        var lastEvaluatedKey: Item?
    }

    public func query(_ input: QueryInput) throws -> QueryOutput {
        try Self.rejectLegacy(input.keyConditions, "KeyConditions", use: "KeyConditionExpression")
        try Self.rejectLegacy(input.queryFilter, "QueryFilter", use: "FilterExpression")
        guard let keyConditionText = input.keyConditionExpression else {
            throw DynamoError.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
        }
        return try read {
            let target = try readTarget(input.tableName, input.indexName, consistentRead: input.consistentRead)
            var attributes = ExpressionAttributes(names: input.expressionAttributeNames, values: input.expressionAttributeValues)
            try attributes.validateKeys()
            let keyCondition = try KeyCondition.parse(keyConditionText, partitionKey: target.partitionKey.name,
                                                      sortKey: target.sortKey?.name, attributes: &attributes)
            var plan = try basePlan(target, filterText: input.filterExpression, projectionText: input.projectionExpression,
                                    attributesToGet: input.attributesToGet, select: input.select, limit: input.limit,
                                    exclusiveStartKey: input.exclusiveStartKey, attributes: &attributes)
            try attributes.checkAllUsed()
            if let filter = plan.filter {
                let keyNames = Set([target.partitionKey.name] + (target.sortKey.map { [$0.name] } ?? []))
                if let name = filter.referencedTopLevelNames.sorted().first(where: { keyNames.contains($0) }) {
                    throw DynamoError.validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: \(name)")
                }
            }
            plan.partition = try Self.boundBytes(keyCondition.partitionKeyValue, target.partitionKey, partition: true)
            if let condition = keyCondition.sortCondition, let sortKey = target.sortKey {
                try Self.applySortCondition(condition, sortKey, to: &plan)
            }
            plan.forward = input.scanIndexForward ?? true
            let page = try runPage(plan)
            return QueryOutput(items: plan.countOnly ? nil : page.items, count: page.count,
                               scannedCount: page.scannedCount, lastEvaluatedKey: page.lastEvaluatedKey)
        }
    }

    public func scan(_ input: ScanInput) throws -> ScanOutput {
        try Self.rejectLegacy(input.scanFilter, "ScanFilter", use: "FilterExpression")
        if (input.segment == nil) != (input.totalSegments == nil) {
            throw DynamoError.validation(input.segment == nil
                ? "The TotalSegments parameter is specified but the Segment parameter is not provided"
                : "The Segment parameter is specified but the TotalSegments parameter is not provided")
        }
        if let total = input.totalSegments, let segment = input.segment {
            guard (1...1_000_000).contains(total) else {
                throw DynamoError.validation("1 validation error detected: Value '\(total)' at 'totalSegments' failed to satisfy constraint: Member must have value \(total < 1 ? "greater than or equal to 1" : "less than or equal to 1000000")")
            }
            guard segment >= 0 else {
                throw DynamoError.validation("1 validation error detected: Value '\(segment)' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0")
            }
            guard segment < total else {
                throw DynamoError.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: \(segment) is not less than TotalSegments: \(total)")
            }
        }
        return try read {
            let target = try readTarget(input.tableName, input.indexName, consistentRead: input.consistentRead)
            var attributes = ExpressionAttributes(names: input.expressionAttributeNames, values: input.expressionAttributeValues)
            try attributes.validateKeys()
            var plan = try basePlan(target, filterText: input.filterExpression, projectionText: input.projectionExpression,
                                    attributesToGet: input.attributesToGet, select: input.select, limit: input.limit,
                                    exclusiveStartKey: input.exclusiveStartKey, attributes: &attributes)
            try attributes.checkAllUsed()
            if let total = input.totalSegments, let segment = input.segment {
                func boundary(_ s: Int) -> [UInt8] {
                    let value = s * 65_536 / total
                    return [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
                plan.segment = (boundary(segment), segment + 1 < total ? boundary(segment + 1) : nil)
            }
            let page = try runPage(plan)
            return ScanOutput(items: plan.countOnly ? nil : page.items, count: page.count,
                              scannedCount: page.scannedCount, lastEvaluatedKey: page.lastEvaluatedKey)
        }
    }

    // MARK: Planning

    private func readTarget(_ tableName: String, _ indexName: String?, consistentRead: Bool?) throws -> ReadTarget {
        let table = try dataTable(tableName)
        guard let indexName else { return ReadTarget(table: table, index: nil) }
        guard let index = table.index(named: indexName) else {
            throw DynamoError.validation("The table does not have the specified index: \(indexName)")
        }
        if index.kind == .global && consistentRead == true {
            throw DynamoError.validation("Consistent reads are not supported on global secondary indexes")
        }
        return ReadTarget(table: table, index: index)
    }

    private func basePlan(_ target: ReadTarget, filterText: String?, projectionText: String?, attributesToGet: [String]?,
                          select: Select?, limit: Int?, exclusiveStartKey: Item?,
                          attributes: inout ExpressionAttributes) throws -> ReadPlan {
        if let limit, limit < 1 {
            throw DynamoError.validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
        var plan = ReadPlan(target: target)
        plan.limit = limit
        if let filterText {
            plan.filter = try ConditionExpression.parse(filterText, kind: "FilterExpression", attributes: &attributes)
        }
        plan.projection = try Self.projection(projectionText, attributesToGet: attributesToGet, attributes: &attributes)
        switch select {
        case .count?:
            if plan.projection != nil {
                throw DynamoError.validation("Cannot specify the AttributesToGet when choosing to get only the Count")
            }
            plan.countOnly = true
        case .specificAttributes?:
            if plan.projection == nil {
                throw DynamoError.validation("SPECIFIC_ATTRIBUTES requires ProjectionExpression or AttributesToGet")
            }
        case .allProjectedAttributes?:
            if target.index == nil {
                throw DynamoError.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
            }
            if plan.projection != nil {
                throw DynamoError.validation("Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES")
            }
        case .allAttributes?:
            if plan.projection != nil {
                throw DynamoError.validation("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES")
            }
            if let index = target.index, index.kind == .global, index.projectionType != "ALL" {
                throw DynamoError.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index \(index.name) because its projection type is not ALL")
            }
        case nil:
            break
        }
        if let start = exclusiveStartKey {
            plan.start = try startColumns(start, target)
        }
        return plan
    }

    /// The key columns of an ExclusiveStartKey, validated against the target's key schema.
    private func startColumns(_ key: Item, _ target: ReadTarget) throws -> [[UInt8]] {
        let names = Set(target.lastEvaluatedKeyNames)
        guard Set(key.keys) == names else {
            throw DynamoError.validation("The provided starting key is invalid: The provided key element does not match the schema")
        }
        let tableKey = try target.table.storedKey(key, exact: false)
        guard let index = target.index else { return [tableKey.hk, tableKey.rk] }
        guard let indexKey = try target.table.indexKey(index, of: key) else {
            throw DynamoError.validation("The provided starting key is invalid: The provided key element does not match the schema")
        }
        return [indexKey.hk, indexKey.rk, tableKey.hk, tableKey.rk]
    }

    static func boundBytes(_ value: AttributeValue, _ key: KeyAttribute, partition: Bool) throws(DynamoError) -> [UInt8] {
        guard key.type.matches(value) else {
            throw .validation("One or more parameter values were invalid: Condition parameter type does not match schema type")
        }
        return partition ? KeyEncoding.partitionColumn(value) : KeyEncoding.encode(value)
    }

    static func applySortCondition(_ condition: KeyCondition.SortCondition, _ key: KeyAttribute, to plan: inout ReadPlan) throws(DynamoError) {
        switch condition {
        case .equal(let v):
            let b = try boundBytes(v, key, partition: false)
            plan.lower = Bound(bytes: b, inclusive: true)
            plan.upper = Bound(bytes: b, inclusive: true)
        case .less(let v): plan.upper = Bound(bytes: try boundBytes(v, key, partition: false), inclusive: false)
        case .lessOrEqual(let v): plan.upper = Bound(bytes: try boundBytes(v, key, partition: false), inclusive: true)
        case .greater(let v): plan.lower = Bound(bytes: try boundBytes(v, key, partition: false), inclusive: false)
        case .greaterOrEqual(let v): plan.lower = Bound(bytes: try boundBytes(v, key, partition: false), inclusive: true)
        case .between(let low, let high):
            plan.lower = Bound(bytes: try boundBytes(low, key, partition: false), inclusive: true)
            plan.upper = Bound(bytes: try boundBytes(high, key, partition: false), inclusive: true)
        case .beginsWith(let prefix):
            if key.type == .n {
                throw .validation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")
            }
            let b = try boundBytes(prefix, key, partition: false)
            plan.lower = Bound(bytes: b, inclusive: true)
            if let successor = KeyEncoding.prefixSuccessor(b) { plan.upper = Bound(bytes: successor, inclusive: false) }
        }
    }

    // MARK: Running

    /// Reads one page: rows in key order from the range, counting each read item towards
    /// Limit and the 1 MB page before the filter decides whether it is returned.
    func runPage(_ plan: ReadPlan) throws -> Page {
        var conditions: [String] = []
        var binds: [[UInt8]] = []
        if let partition = plan.partition {
            conditions.append("hk = ?")
            binds.append(partition)
        }
        if let lower = plan.lower {
            conditions.append(lower.inclusive ? "rk >= ?" : "rk > ?")
            binds.append(lower.bytes)
        }
        if let upper = plan.upper {
            conditions.append(upper.inclusive ? "rk <= ?" : "rk < ?")
            binds.append(upper.bytes)
        }
        if let segment = plan.segment {
            conditions.append("hk >= ?")
            binds.append(segment.low)
            if let high = segment.high {
                conditions.append("hk < ?")
                binds.append(high)
            }
        }
        // Within one partition (Query) the order is the sort key; a Scan walks (hk, rk).
        var columns = plan.target.keyColumns
        if plan.partition != nil { columns.removeFirst() }
        if let start = plan.start {
            let values = plan.partition != nil ? Array(start.dropFirst()) : start
            let tuple = "(\(columns.joined(separator: ", ")))"
            let placeholders = "(\(columns.map { _ in "?" }.joined(separator: ", ")))"
            conditions.append("\(tuple) \(plan.forward ? ">" : "<") \(placeholders)")
            binds.append(contentsOf: values)
        }
        let order = columns.map { "\($0) \(plan.forward ? "ASC" : "DESC")" }.joined(separator: ", ")
        let whereClause = conditions.isEmpty ? "" : "WHERE \(conditions.joined(separator: " AND "))"
        let itemColumn = plan.target.index == nil ? 2 : 4
        let sql = "SELECT \(plan.target.keyColumns.joined(separator: ", ")), item FROM \(plan.target.sqliteTable) \(whereClause) ORDER BY \(order)"

        let stmt = try store.db.statement(sql)
        for (offset, bytes) in binds.enumerated() { stmt.bind(Int32(offset + 1), bytes) }

        var page = Page()
        var bytesRead = 0
        var last: Item?
        while try stmt.step() {
            let item = try stmt.withBlob(Int32(itemColumn)) { try ItemCodec.decode($0) }
            page.scannedCount += 1
            bytesRead += item.itemSize
            last = item
            if plan.filter?.evaluate(item) ?? true {
                page.count += 1
                if !plan.countOnly { page.items.append(plan.projection.map { $0.project(item) } ?? item) }
            }
            if let limit = plan.limit, page.scannedCount >= limit { break }
            if bytesRead >= Self.pageSizeLimit { break }
        }
        let stoppedEarly = (plan.limit.map { page.scannedCount >= $0 } ?? false) || bytesRead >= Self.pageSizeLimit
        if stoppedEarly, let last {
            var key: Item = [:]
            for name in plan.target.lastEvaluatedKeyNames { key[name] = last[name] }
            page.lastEvaluatedKey = key
        }
        stmt.reset()
        return page
    }
}

import DynamoAPI
import DynamoExpressions
import DynamoModel

/// One write of a single-item operation or of a transaction, parsed and validated before any
/// storage is touched, so a bad request changes nothing.
struct PreparedWrite {
    enum Action {
        case put(Item)
        case update(UpdateExpression?)
        case delete
        case conditionCheck
    }

    var table: TableSchema
    var key: StoredKey
    var keyItem: Item
    var action: Action
    var condition: ConditionExpression?
    var returnOldOnFailure: Bool

    /// The item after the action, given the item stored now.
    func newItem(from old: Item?) throws(DynamoError) -> Item? {
        switch action {
        case .put(let item):
            return item
        case .delete:
            return nil
        case .conditionCheck:
            return old
        case .update(let expression):
            var item = old ?? keyItem
            if let expression {
                item = try expression.apply(to: item, itemExists: old != nil)
                // Only removing from a missing item (REMOVE, DELETE) creates nothing, as DynamoDB.
                if old == nil && item == keyItem { return nil }
            }
            return item
        }
    }

    var isUpdate: Bool {
        if case .update = action { return true }
        return false
    }

    /// Whether the stored item passes the condition.
    func conditionHolds(on old: Item?) -> Bool {
        guard let condition else { return true }
        return condition.evaluate(old ?? [:])
    }
}

extension EmbeddedEngine {
    // MARK: Preparing

    /// Parses a write's expressions against its table. Runs inside the write transaction
    /// (it needs the table), before anything is written.
    func prepareWrite(tableName: String, item: Item? = nil, key: Item? = nil, update: String? = nil, isUpdate: Bool = false,
                      isConditionCheck: Bool = false, condition: String?, names: [String: String]?,
                      values: [String: AttributeValue]?, returnOldOnFailure: Bool) throws -> PreparedWrite {
        var attributes = ExpressionAttributes(names: names, values: values)
        try attributes.validateKeys()
        var parsedCondition: ConditionExpression?
        if let condition {
            parsedCondition = try ConditionExpression.parse(condition, kind: "ConditionExpression", attributes: &attributes)
        }
        var parsedUpdate: UpdateExpression?
        if let update { parsedUpdate = try UpdateExpression.parse(update, attributes: &attributes) }
        if condition == nil && update == nil {
            if attributes.namesProvided {
                throw DynamoError.validation("ExpressionAttributeNames can only be specified when using expressions")
            }
            if attributes.valuesProvided {
                throw DynamoError.validation("ExpressionAttributeValues can only be specified when using expressions")
            }
        }
        if isConditionCheck && condition == nil {
            throw DynamoError.validation("ConditionExpression is required for ConditionCheck")
        }
        try attributes.checkAllUsed()

        let table = try dataTable(tableName)
        let action: PreparedWrite.Action
        let storedKey: StoredKey
        let keyItem: Item
        if let item {
            try Self.validateValues(item)
            storedKey = try table.storedKey(item)
            try table.validateForWrite(item)
            keyItem = table.keyItem(of: item)
            action = .put(item)
        } else {
            let key = key ?? [:]
            try Self.validateValues(key)
            storedKey = try table.storedKey(key, exact: true)
            keyItem = key
            // Part of validating the request: refused before any condition is evaluated.
            for name in parsedUpdate?.updatedTopLevelNames.sorted() ?? [] where table.keyAttributes.contains(where: { $0.name == name }) {
                throw DynamoError.validation("One or more parameter values were invalid: Cannot update attribute \(name). This attribute is part of the key")
            }
            action = isUpdate ? .update(parsedUpdate) : (isConditionCheck ? .conditionCheck : .delete)
        }
        return PreparedWrite(table: table, key: storedKey, keyItem: keyItem, action: action,
                             condition: parsedCondition, returnOldOnFailure: returnOldOnFailure)
    }

    /// Values a typed caller can build but DynamoDB never accepts: empty sets, nesting too deep.
    static func validateValues(_ item: Item) throws(DynamoError) {
        func check(_ value: AttributeValue, depth: Int) throws(DynamoError) {
            if depth > ItemLimits.maxDepth {
                throw .validation("Nesting Levels have exceeded supported limits: Nesting levels exceeds maximum nesting levels of 32")
            }
            switch value {
            case .ss([]):
                throw .validation("One or more parameter values were invalid: An string set  may not be empty")
            case .ns([]):
                throw .validation("One or more parameter values were invalid: An number set  may not be empty")
            case .bs([]):
                throw .validation("One or more parameter values were invalid: Binary sets should not be empty")
            case .l(let list):
                for element in list { try check(element, depth: depth + 1) }
            case .m(let map):
                for element in map.values { try check(element, depth: depth + 1) }
            default:
                break
            }
        }
        for value in item.values { try check(value, depth: 1) }
    }

    /// Applies a prepared write inside the current transaction: checks the condition, computes
    /// and validates the new item, stores it. Returns the old and new items.
    func apply(_ write: PreparedWrite) throws -> (old: Item?, new: Item?) {
        let old = try store.readItem(write.table, write.key)
        guard write.conditionHolds(on: old) else {
            throw DynamoError(.conditionalCheckFailed, "The conditional request failed",
                              item: write.returnOldOnFailure ? old : nil)
        }
        let new = try write.newItem(from: old)
        if let new, write.isUpdate {
            try Self.validateValues(new)
            try write.table.validateForWrite(new, isUpdate: true)
        }
        if case .conditionCheck = write.action { return (old, old) }
        try commitWrite(write.table, key: write.key, old: old, new: new)
        return (old, new)
    }

    // MARK: Single-item operations

    public func putItem(_ input: PutItemInput) throws -> PutItemOutput {
        try Self.rejectLegacy(input.expected, "Expected", use: "ConditionExpression")
        let returnValues = input.returnValues ?? .none
        guard returnValues == .none || returnValues == .allOld else {
            throw DynamoError.validation("Return values set to invalid value")
        }
        return try write {
            let prepared = try prepareWrite(
                tableName: input.tableName, item: input.item, condition: input.conditionExpression,
                names: input.expressionAttributeNames, values: input.expressionAttributeValues,
                returnOldOnFailure: input.returnValuesOnConditionCheckFailure == .allOld)
            let (old, _) = try apply(prepared)
            return PutItemOutput(attributes: returnValues == .allOld ? old : nil)
        }
    }

    public func deleteItem(_ input: DeleteItemInput) throws -> DeleteItemOutput {
        try Self.rejectLegacy(input.expected, "Expected", use: "ConditionExpression")
        let returnValues = input.returnValues ?? .none
        guard returnValues == .none || returnValues == .allOld else {
            throw DynamoError.validation("Return values set to invalid value")
        }
        return try write {
            let prepared = try prepareWrite(
                tableName: input.tableName, key: input.key, condition: input.conditionExpression,
                names: input.expressionAttributeNames, values: input.expressionAttributeValues,
                returnOldOnFailure: input.returnValuesOnConditionCheckFailure == .allOld)
            let (old, _) = try apply(prepared)
            return DeleteItemOutput(attributes: returnValues == .allOld ? old : nil)
        }
    }

    public func updateItem(_ input: UpdateItemInput) throws -> UpdateItemOutput {
        try Self.rejectLegacy(input.expected, "Expected", use: "ConditionExpression")
        try Self.rejectLegacy(input.attributeUpdates, "AttributeUpdates", use: "UpdateExpression")
        return try write {
            let prepared = try prepareWrite(
                tableName: input.tableName, key: input.key, update: input.updateExpression, isUpdate: true,
                condition: input.conditionExpression, names: input.expressionAttributeNames,
                values: input.expressionAttributeValues,
                returnOldOnFailure: input.returnValuesOnConditionCheckFailure == .allOld)
            let (old, new) = try apply(prepared)
            // UPDATED_OLD/UPDATED_NEW hold only the updated paths, nested ones within their parents.
            var updated: ProjectionExpression?
            if case .update(let expression?) = prepared.action { updated = Self.projection(of: expression.updatedPaths) }
            func only(_ item: Item?) -> Item? {
                guard let item, let picked = updated?.project(item), !picked.isEmpty else { return nil }
                return picked
            }
            switch input.returnValues ?? .none {
            case .none: return UpdateItemOutput()
            case .allOld: return UpdateItemOutput(attributes: old)
            case .allNew: return UpdateItemOutput(attributes: new)
            case .updatedOld: return UpdateItemOutput(attributes: only(old))
            case .updatedNew: return UpdateItemOutput(attributes: only(new))
            }
        }
    }

    public func getItem(_ input: GetItemInput) throws -> GetItemOutput {
        var attributes = ExpressionAttributes(names: input.expressionAttributeNames, values: nil)
        try attributes.validateKeys()
        let projection = try Self.projection(input.projectionExpression, attributesToGet: input.attributesToGet, attributes: &attributes)
        try attributes.checkAllUsed()
        return try read {
            let table = try dataTable(input.tableName)
            try Self.validateValues(input.key)
            let key = try table.storedKey(input.key, exact: true)
            guard let item = try store.readItem(table, key) else { return GetItemOutput() }
            return GetItemOutput(item: projection.map { $0.project(item) } ?? item)
        }
    }

    /// `ProjectionExpression`, or the legacy `AttributesToGet` turned into one.
    static func projection(_ expression: String?, attributesToGet: [String]?, attributes: inout ExpressionAttributes) throws(DynamoError) -> ProjectionExpression? {
        if expression != nil && attributesToGet != nil {
            throw .validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}")
        }
        if let expression {
            return try ProjectionExpression.parse(expression, attributes: &attributes)
        }
        if let names = attributesToGet {
            var legacy = ExpressionAttributes(names: Dictionary(uniqueKeysWithValues: names.enumerated().map { ("#a\($0.offset)", $0.element) }), values: nil)
            return try ProjectionExpression.parse(names.indices.map { "#a\($0)" }.joined(separator: ", "), attributes: &legacy)
        }
        return nil
    }

    /// Document paths as a projection, written with placeholders so that any name parses.
    static func projection(of paths: [AttributePath]) -> ProjectionExpression? {
        var names: [String: String] = [:]
        let text = paths.map { path in
            var written = ""
            for element in path.elements {
                switch element {
                case .name(let name):
                    let placeholder = "#p\(names.count)"
                    names[placeholder] = name
                    written += written.isEmpty ? placeholder : ".\(placeholder)"
                case .index(let index):
                    written += "[\(index)]"
                }
            }
            return written
        }.joined(separator: ", ")
        var attributes = ExpressionAttributes(names: names, values: nil)
        return try? ProjectionExpression.parse(text, attributes: &attributes)
    }

    static func rejectLegacy<T>(_ value: T?, _ name: String, use replacement: String) throws(DynamoError) {
        if value != nil {
            throw .validation("The legacy parameter \(name) is not supported by the embedded engine; use \(replacement)")
        }
    }

    // MARK: Batches

    public func batchWriteItem(_ input: BatchWriteItemInput) throws -> BatchWriteItemOutput {
        let total = input.requestItems.values.reduce(0) { $0 + $1.count }
        if total == 0 {
            throw DynamoError.validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1")
        }
        if total > 25 {
            throw DynamoError.validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]")
        }
        return try write {
            var prepared: [PreparedWrite] = []
            for tableName in input.requestItems.keys.sorted() {
                var seen = Set<StoredKey>()
                for request in input.requestItems[tableName]! {
                    let write: PreparedWrite
                    switch (request.putRequest, request.deleteRequest) {
                    case (let put?, nil):
                        write = try prepareWrite(tableName: tableName, item: put.item, condition: nil, names: nil, values: nil, returnOldOnFailure: false)
                    case (nil, let delete?):
                        write = try prepareWrite(tableName: tableName, key: delete.key, condition: nil, names: nil, values: nil, returnOldOnFailure: false)
                    default:
                        throw DynamoError.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
                    }
                    guard seen.insert(write.key).inserted else {
                        throw DynamoError.validation("Provided list of item keys contains duplicates")
                    }
                    prepared.append(write)
                }
            }
            for write in prepared { _ = try apply(write) }
            return BatchWriteItemOutput(unprocessedItems: [:])
        }
    }

    public func batchGetItem(_ input: BatchGetItemInput) throws -> BatchGetItemOutput {
        let total = input.requestItems.values.reduce(0) { $0 + $1.keys.count }
        if total == 0 {
            throw DynamoError.validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1")
        }
        if total > 100 {
            throw DynamoError.validation("Too many items requested for the BatchGetItem call")
        }
        var projections: [String: ProjectionExpression] = [:]
        for (tableName, request) in input.requestItems {
            var attributes = ExpressionAttributes(names: request.expressionAttributeNames, values: nil)
            try attributes.validateKeys()
            projections[tableName] = try Self.projection(request.projectionExpression, attributesToGet: request.attributesToGet, attributes: &attributes)
            try attributes.checkAllUsed()
        }
        return try read {
            var responses: [String: [Item]] = [:]
            for tableName in input.requestItems.keys.sorted() {
                let table = try dataTable(tableName)
                var seen = Set<StoredKey>()
                var items: [Item] = []
                for key in input.requestItems[tableName]!.keys {
                    try Self.validateValues(key)
                    let stored = try table.storedKey(key, exact: true)
                    guard seen.insert(stored).inserted else {
                        throw DynamoError.validation("Provided list of item keys contains duplicates")
                    }
                    if let item = try store.readItem(table, stored) {
                        items.append(projections[tableName].map { $0.project(item) } ?? item)
                    }
                }
                responses[tableName] = items
            }
            return BatchGetItemOutput(responses: responses, unprocessedKeys: [:])
        }
    }

    // MARK: Transactions

    public func transactWriteItems(_ input: TransactWriteItemsInput) throws -> TransactWriteItemsOutput {
        guard (1...100).contains(input.transactItems.count) else {
            throw DynamoError.validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100, Member must have length greater than or equal to 1")
        }
        return try write {
            var prepared: [PreparedWrite] = []
            var seen = Set<String>()
            for action in input.transactItems {
                let write: PreparedWrite
                let actions = [action.put != nil, action.update != nil, action.delete != nil, action.conditionCheck != nil].filter { $0 }.count
                guard actions == 1 else {
                    throw DynamoError.validation("TransactItems can only contain one of Check, Put, Update or Delete")
                }
                if let put = action.put {
                    write = try prepareWrite(tableName: put.tableName, item: put.item, condition: put.conditionExpression,
                                             names: put.expressionAttributeNames, values: put.expressionAttributeValues,
                                             returnOldOnFailure: put.returnValuesOnConditionCheckFailure == .allOld)
                } else if let update = action.update {
                    write = try prepareWrite(tableName: update.tableName, key: update.key, update: update.updateExpression, isUpdate: true,
                                             condition: update.conditionExpression, names: update.expressionAttributeNames,
                                             values: update.expressionAttributeValues,
                                             returnOldOnFailure: update.returnValuesOnConditionCheckFailure == .allOld)
                } else if let delete = action.delete {
                    write = try prepareWrite(tableName: delete.tableName, key: delete.key, condition: delete.conditionExpression,
                                             names: delete.expressionAttributeNames, values: delete.expressionAttributeValues,
                                             returnOldOnFailure: delete.returnValuesOnConditionCheckFailure == .allOld)
                } else {
                    let check = action.conditionCheck!
                    write = try prepareWrite(tableName: check.tableName, key: check.key, isConditionCheck: true,
                                             condition: check.conditionExpression, names: check.expressionAttributeNames,
                                             values: check.expressionAttributeValues,
                                             returnOldOnFailure: check.returnValuesOnConditionCheckFailure == .allOld)
                }
                let identity = "\(write.table.name)\u{0}\(write.key.hk)\u{0}\(write.key.rk)"
                guard seen.insert(identity).inserted else {
                    throw DynamoError.validation("Transaction request cannot include multiple operations on one item")
                }
                prepared.append(write)
            }
            // Check every condition before writing anything: all or nothing.
            var reasons: [DynamoError.CancellationReason] = []
            var failed = false
            for write in prepared {
                let old = try store.readItem(write.table, write.key)
                if !write.conditionHolds(on: old) {
                    failed = true
                    reasons.append(.init(code: "ConditionalCheckFailed", message: "The conditional request failed",
                                         item: write.returnOldOnFailure ? old : nil))
                    continue
                }
                do {
                    if let new = try write.newItem(from: old) {
                        try Self.validateValues(new)
                        try write.table.validateForWrite(new, isUpdate: write.isUpdate)
                    }
                    reasons.append(.init(code: "None"))
                } catch let error as DynamoError where error.code == .validation {
                    failed = true
                    reasons.append(.init(code: "ValidationError", message: error.message))
                }
            }
            if failed {
                throw DynamoError(.transactionCanceled,
                                  "Transaction cancelled, please refer cancellation reasons for specific reasons [\(reasons.map(\.code).joined(separator: ", "))]",
                                  cancellationReasons: reasons)
            }
            for write in prepared { _ = try apply(write) }
            return TransactWriteItemsOutput()
        }
    }

    public func transactGetItems(_ input: TransactGetItemsInput) throws -> TransactGetItemsOutput {
        guard (1...100).contains(input.transactItems.count) else {
            throw DynamoError.validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100, Member must have length greater than or equal to 1")
        }
        var projections: [ProjectionExpression?] = []
        for action in input.transactItems {
            var attributes = ExpressionAttributes(names: action.get.expressionAttributeNames, values: nil)
            try attributes.validateKeys()
            projections.append(try Self.projection(action.get.projectionExpression, attributesToGet: nil, attributes: &attributes))
            try attributes.checkAllUsed()
        }
        return try read {
            var responses: [ItemResponse] = []
            for (action, projection) in zip(input.transactItems, projections) {
                let table = try dataTable(action.get.tableName)
                let key = try table.storedKey(action.get.key, exact: true)
                let item = try store.readItem(table, key)
                responses.append(ItemResponse(item: item.map { projection?.project($0) ?? $0 }))
            }
            return TransactGetItemsOutput(responses: responses)
        }
    }
}

import DynamoAPI
import DynamoModel
import ShellLanguage

/// What `select` asks of the printed items: renames (`a as b`) and the column order.
struct Selection: Equatable {
    var renames: [String: String] = [:]
    /// The selected columns in order; nil without `select` (columns then follow the key).
    var columns: [String]?
}

/// A data statement turned into the DynamoDB request it sends: built once, then either sent
/// or shown by `explain`.
enum PlannedRequest {
    case getItem(GetItemInput, aliases: Selection)
    case putItem(PutItemInput)
    case deleteItem(DeleteItemInput)
    case updateItem(UpdateItemInput)
    case query(QueryInput, all: Bool, aliases: Selection)
    case scan(ScanInput, all: Bool, aliases: Selection)
    case count(query: QueryInput?, scan: ScanInput?)

    /// The operation's wire name and request body, for `explain`.
    var wire: (operation: String, body: JSONValue) {
        switch self {
        case .getItem(let input, _): ("GetItem", input.json)
        case .putItem(let input): ("PutItem", input.json)
        case .deleteItem(let input): ("DeleteItem", input.json)
        case .updateItem(let input): ("UpdateItem", input.json)
        case .query(let input, _, _): ("Query", input.json)
        case .scan(let input, _, _): ("Scan", input.json)
        case .count(let query, let scan): query.map { ("Query", $0.json) } ?? ("Scan", scan!.json)
        }
    }
}

extension ShellSession {
    /// Builds the request of a data statement; nil for statements that are not one request.
    func plan(_ command: Command) async throws -> PlannedRequest? {
        switch command {
        case .get(let get):
            let table = try tableName(get.table)
            var builder = await expressionBuilder(for: table)
            let key = try await item(get.key, table: table)
            var input = GetItemInput(tableName: table, key: key)
            var aliases = Selection()
            if let projection = get.projection {
                input.projectionExpression = builder.projection(projection)
                aliases = Self.aliases(projection)
            }
            input.expressionAttributeNames = builder.expressionAttributeNames
            return .getItem(input, aliases: aliases)
        case .put(let put):
            let table = try tableName(put.table)
            var builder = await expressionBuilder(for: table)
            var input = PutItemInput(tableName: table, item: try await item(put.item, table: table))
            if let condition = put.condition { input.conditionExpression = try builder.condition(condition) }
            input.expressionAttributeNames = builder.expressionAttributeNames
            input.expressionAttributeValues = builder.expressionAttributeValues
            return .putItem(input)
        case .delete(let delete):
            let table = try tableName(delete.table)
            var builder = await expressionBuilder(for: table)
            var input = DeleteItemInput(tableName: table, key: try await item(delete.key, table: table))
            if let condition = delete.condition { input.conditionExpression = try builder.condition(condition) }
            input.expressionAttributeNames = builder.expressionAttributeNames
            input.expressionAttributeValues = builder.expressionAttributeValues
            input.returnValues = .allOld
            return .deleteItem(input)
        case .update(let update):
            let table = try tableName(update.table)
            var builder = await expressionBuilder(for: table)
            var input = UpdateItemInput(tableName: table, key: try await item(update.key, table: table))
            input.updateExpression = try builder.update(update.actions)
            if let condition = update.condition { input.conditionExpression = try builder.condition(condition) }
            input.expressionAttributeNames = builder.expressionAttributeNames
            input.expressionAttributeValues = builder.expressionAttributeValues
            input.returnValues = .allNew
            return .updateItem(input)
        case .query(let query):
            let (table, index) = try reference(query.source)
            var builder = await expressionBuilder(for: table)
            var input = QueryInput(tableName: table)
            input.indexName = index
            try Self.checkKeyCondition(query.keyCondition)
            input.keyConditionExpression = try builder.condition(query.keyCondition)
            if let filter = await filterHidingExpired(query.filter, table: table) { input.filterExpression = try builder.condition(filter) }
            var aliases = Selection()
            if let projection = query.projection {
                input.projectionExpression = builder.projection(projection)
                aliases = Self.aliases(projection)
            }
            input.limit = try integer(query.limit) ?? (query.all ? nil : pageSize)
            if query.descending { input.scanIndexForward = false }
            input.expressionAttributeNames = builder.expressionAttributeNames
            input.expressionAttributeValues = builder.expressionAttributeValues
            return .query(input, all: query.all, aliases: aliases)
        case .scan(let scan):
            let (table, index) = try reference(scan.source)
            var builder = await expressionBuilder(for: table)
            var input = ScanInput(tableName: table)
            input.indexName = index
            if let filter = await filterHidingExpired(scan.filter, table: table) { input.filterExpression = try builder.condition(filter) }
            var aliases = Selection()
            if let projection = scan.projection {
                input.projectionExpression = builder.projection(projection)
                aliases = Self.aliases(projection)
            }
            input.limit = try integer(scan.limit) ?? (scan.all ? nil : pageSize)
            if let segments = try integer(scan.segments), segments > 1 {
                input.totalSegments = segments
                input.segment = 0
            }
            input.expressionAttributeNames = builder.expressionAttributeNames
            input.expressionAttributeValues = builder.expressionAttributeValues
            return .scan(input, all: scan.all, aliases: aliases)
        case .count(let count):
            let (table, index) = try reference(count.source)
            var builder = await expressionBuilder(for: table)
            if let keyCondition = count.keyCondition {
                var input = QueryInput(tableName: table, indexName: index, select: .count)
                try Self.checkKeyCondition(keyCondition)
                input.keyConditionExpression = try builder.condition(keyCondition)
                if let filter = await filterHidingExpired(count.filter, table: table) { input.filterExpression = try builder.condition(filter) }
                input.expressionAttributeNames = builder.expressionAttributeNames
                input.expressionAttributeValues = builder.expressionAttributeValues
                return .count(query: input, scan: nil)
            }
            var input = ScanInput(tableName: table, indexName: index, select: .count)
            if let filter = await filterHidingExpired(count.filter, table: table) { input.filterExpression = try builder.condition(filter) }
            input.expressionAttributeNames = builder.expressionAttributeNames
            input.expressionAttributeValues = builder.expressionAttributeValues
            return .count(query: nil, scan: input)
        default:
            return nil
        }
    }

    /// A key condition compares key attributes with values. A bare word on the value side is
    /// an attribute in DynamoDB's grammar, which a key condition never accepts: say how to
    /// write the value instead of passing on DynamoDB's puzzling "Multiple attribute names".
    static func checkKeyCondition(_ condition: ShellCondition) throws {
        func valueSide(_ operand: ShellOperand) throws {
            guard case .path(let path) = operand else { return }
            throw ShellError("in a key condition, \(path) is read as an attribute name; quote it (\"\(path)\") to compare with that string")
        }
        switch condition {
        case .and(let parts):
            for part in parts { try checkKeyCondition(part) }
        case .compare(.path, _, let right):
            try valueSide(right)
        case .between(.path, let low, let high):
            try valueSide(low)
            try valueSide(high)
        case .beginsWith(_, let prefix):
            try valueSide(prefix)
        default:
            break
        }
    }

    /// A builder for one request on `table`: literals typed by its attribute definitions,
    /// variables resolved by this session.
    func expressionBuilder(for table: String) async -> ExpressionBuilder {
        ExpressionBuilder(attributeTypes: await attributeTypes(table), resolve: resolve)
    }

    func reference(_ source: TableReference) throws -> (String, String?) {
        (try tableName(source.table), try source.index.map { try text($0) })
    }

    /// `select a as b`: the renames to apply to each returned item, and the columns in the
    /// order they were selected.
    static func aliases(_ projection: [ProjectionItem]) -> Selection {
        var selection = Selection(columns: [])
        for item in projection {
            guard case .name(let name)? = item.path.steps.first else { continue }
            if let alias = item.alias, item.path.steps.count == 1 { selection.renames[name] = alias }
            let column = item.path.steps.count == 1 ? (item.alias ?? name) : name
            if !selection.columns!.contains(column) { selection.columns!.append(column) }
        }
        return selection
    }

    /// An item or key from `name=value` pairs, a JSON object or a variable. A value for a key
    /// attribute takes the attribute's defined type when it can (`id=123` on an S key is "123").
    func item(_ spec: ItemSpec, table: String) async throws -> Item {
        let types = await attributeTypes(table)
        switch spec {
        case .json(let object):
            return try Item(plainJSON: .object(object))
        case .variable(let reference):
            let value = try resolve(reference)
            guard case .json(let json) = value, case .object = json else {
                throw ShellError("\(reference) must hold a JSON object to be used as an item")
            }
            return try Item(plainJSON: json)
        case .assignments(let assignments):
            var item: Item = [:]
            for assignment in assignments {
                var value = try ExpressionBuilder.attributeValue(assignment.value, resolve: resolve)
                switch (types[assignment.name], value) {
                case ("S"?, .n(let number)): value = .s(number.description)
                case ("N"?, .s(let text)):
                    guard let number = try? DynamoNumber(text) else {
                        throw ShellError("\(assignment.name) is a Number; \"\(text)\" is not a number")
                    }
                    value = .n(number)
                default: break
                }
                item[assignment.name] = value
            }
            return item
        }
    }
}

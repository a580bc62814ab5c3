import DynamoModel

// The shell's statements as a syntax tree. Conditions, key conditions, projections and update
// actions are trees of document paths and literal values, never expression text: the shell
// turns names into `#placeholders` and literals into `:placeholders` when it builds a request.
// Every type prints back as source (`description`) that parses to an equal tree.

/// One parsed statement: what it does, where it starts, and its tokens (without the
/// terminator), for commands that read their own arguments.
public struct Statement: Sendable, Equatable, CustomStringConvertible {
    public var command: Command
    public var location: SourcePosition
    public var tokens: [Token]

    public init(command: Command, location: SourcePosition, tokens: [Token]) {
        self.command = command
        self.location = location
        self.tokens = tokens
    }

    public var description: String { command.description }
}

public indirect enum Command: Sendable, Equatable {
    /// `let NAME = VALUE`
    case `let`(name: String, value: ShellValue)
    /// `echo VALUE…`
    case echo([ShellValue])
    /// `source PATH`
    case source(ShellString)
    /// `help [TOPIC…]`: the topic's words (quotes removed) joined by one space.
    case help(String?)
    /// `exit [CODE]`
    case exit(IntArgument?)
    /// `set OPTION VALUE` (`set format json`, `set page-size 25`).
    case set(option: String, value: ShellValue)
    /// `tables`
    case tables
    /// `describe TABLE`
    case describe(table: ShellString)
    /// `create table NAME JSON`: a CreateTable body, with or without its TableName.
    case createTable(name: ShellString, definition: JSONArgument)
    /// `drop table NAME`
    case dropTable(name: ShellString)
    case put(PutCommand)
    case get(GetCommand)
    case delete(DeleteCommand)
    case update(UpdateCommand)
    case query(QueryCommand)
    case scan(ScanCommand)
    case count(CountCommand)
    /// `batch put TABLE FILE`
    case batchPut(table: ShellString, file: ShellString)
    /// `export TABLE FILE`
    case export(table: ShellString, file: ShellString)
    /// `import TABLE FILE`
    case `import`(table: ShellString, file: ShellString)
    /// `explain STATEMENT`
    case explain(Command)
    /// `expect [OP] N STATEMENT`: run the statement and fail unless the number of items (or
    /// stream records, or the count) it shows compares so with N: `expect >= 1 query …`.
    case expect(Comparator, IntArgument, Command)
    /// `api OPERATION [JSON]`: a raw DynamoDB request.
    case api(operation: String, body: JSONArgument?)
    /// Any other leading word: a command a table plugin may define.
    case custom(CustomCommand)
}

/// A value written inline: in an assignment, a condition, an update, `let`, `echo`, `set`.
public enum ShellValue: Sendable, Equatable {
    /// A quoted string, or a bare word where a value (not a path) is expected
    /// (`entity_type=student`).
    case string(ShellString)
    /// A number exactly as written.
    case number(String)
    case bool(Bool)
    case null
    /// A JSON object or array (plain JSON: `{"a": 1}` is a map, `[1, 2]` a list).
    case json(JSONValue)
    /// A variable on its own (`$x`): its value keeps its type when it runs.
    case variable(VariableReference)
}

/// A whole number, or a variable that will hold one (`limit 10`, `limit $1`).
public enum IntArgument: Sendable, Equatable {
    case literal(Int)
    case variable(VariableReference)
}

/// A JSON object written inline, or a variable that will hold one.
public enum JSONArgument: Sendable, Equatable {
    case object(JSONObject)
    case variable(VariableReference)
}

/// `TABLE` or `TABLE.INDEX`.
public struct TableReference: Sendable, Equatable {
    public var table: ShellString
    public var index: ShellString?

    public init(table: ShellString, index: ShellString? = nil) {
        self.table = table
        self.index = index
    }
}

/// An item or key: a JSON object, `name=value` pairs, or a variable holding an object.
public enum ItemSpec: Sendable, Equatable {
    case json(JSONObject)
    case assignments([Assignment])
    case variable(VariableReference)
}

/// `name=value` in an item or key.
public struct Assignment: Sendable, Equatable {
    public var name: String
    public var value: ShellValue

    public init(_ name: String, _ value: ShellValue) {
        self.name = name
        self.value = value
    }
}

/// A document path: `a.b[0].c`.
public struct DocumentPath: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var steps: [PathStep]

    public init(_ steps: [PathStep]) { self.steps = steps }

    /// A path from dotted text without indexes (`"a.b.c"`), for tests and callers.
    public init(stringLiteral value: String) {
        var steps: [PathStep] = []
        for name in value.split(separator: ".", omittingEmptySubsequences: false) { steps.append(.name(String(name))) }
        self.steps = steps
    }

    public var description: String { Printer.path(self) }
}

public enum PathStep: Sendable, Hashable {
    case name(String)
    case index(Int)
}

/// `a, b.c[0], d as alias`
public struct ProjectionItem: Sendable, Equatable {
    public var path: DocumentPath
    public var alias: String?

    public init(_ path: DocumentPath, alias: String? = nil) {
        self.path = path
        self.alias = alias
    }
}

public enum Comparator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// One side of a comparison: an attribute, a literal, or `size(path)`.
public enum ShellOperand: Sendable, Equatable {
    case path(DocumentPath)
    case value(ShellValue)
    case size(DocumentPath)
}

/// A condition, filter or key condition in DynamoDB's grammar, with inline values.
///
/// `and`/`or` hold two or more conditions; a parenthesised group stays one element
/// (`a and (b and c)` is `.and([a, .and([b, c])])`).
public indirect enum ShellCondition: Sendable, Equatable {
    case compare(ShellOperand, Comparator, ShellOperand)
    case between(ShellOperand, low: ShellOperand, high: ShellOperand)
    case `in`(ShellOperand, [ShellOperand])
    case attributeExists(DocumentPath)
    case attributeNotExists(DocumentPath)
    /// `attribute_type(path, "S")`: the type is a value (a string or variable).
    case attributeType(DocumentPath, ShellValue)
    case beginsWith(DocumentPath, ShellOperand)
    case contains(DocumentPath, ShellOperand)
    case and([ShellCondition])
    case or([ShellCondition])
    case not(ShellCondition)
}

/// `put TABLE ITEM [if CONDITION]`
public struct PutCommand: Sendable, Equatable {
    public var table: ShellString
    public var item: ItemSpec
    public var condition: ShellCondition?

    public init(table: ShellString, item: ItemSpec, condition: ShellCondition? = nil) {
        self.table = table
        self.item = item
        self.condition = condition
    }
}

/// `get TABLE KEY [select PROJECTION]`
public struct GetCommand: Sendable, Equatable {
    public var table: ShellString
    public var key: ItemSpec
    public var projection: [ProjectionItem]?

    public init(table: ShellString, key: ItemSpec, projection: [ProjectionItem]? = nil) {
        self.table = table
        self.key = key
        self.projection = projection
    }
}

/// `delete TABLE KEY [if CONDITION]`
public struct DeleteCommand: Sendable, Equatable {
    public var table: ShellString
    public var key: ItemSpec
    public var condition: ShellCondition?

    public init(table: ShellString, key: ItemSpec, condition: ShellCondition? = nil) {
        self.table = table
        self.key = key
        self.condition = condition
    }
}

/// `update TABLE KEY set … remove … add … delete … [if CONDITION]`
public struct UpdateCommand: Sendable, Equatable {
    public var table: ShellString
    public var key: ItemSpec
    public var actions: UpdateActions
    public var condition: ShellCondition?

    public init(table: ShellString, key: ItemSpec, actions: UpdateActions, condition: ShellCondition? = nil) {
        self.table = table
        self.key = key
        self.actions = actions
        self.condition = condition
    }
}

/// An update's clauses; at least one list is not empty. Each clause may appear once, in any
/// order (as in DynamoDB); printed as set, remove, add, delete.
public struct UpdateActions: Sendable, Equatable {
    public var set: [SetAssignment]
    public var remove: [DocumentPath]
    public var add: [PathValue]
    public var delete: [PathValue]

    public init(set: [SetAssignment] = [], remove: [DocumentPath] = [], add: [PathValue] = [], delete: [PathValue] = []) {
        self.set = set
        self.remove = remove
        self.add = add
        self.delete = delete
    }

    var isEmpty: Bool { self.set.isEmpty && remove.isEmpty && add.isEmpty && delete.isEmpty }
}

/// `path = value` in a set clause.
public struct SetAssignment: Sendable, Equatable {
    public var path: DocumentPath
    public var value: SetExpression

    public init(_ path: DocumentPath, _ value: SetExpression) {
        self.path = path
        self.value = value
    }
}

/// The right side of a set action: `x`, `x + y`, `x - y`.
public enum SetExpression: Sendable, Equatable {
    case term(UpdateTerm)
    case plus(UpdateTerm, UpdateTerm)
    case minus(UpdateTerm, UpdateTerm)
}

/// An operand of a set action.
public indirect enum UpdateTerm: Sendable, Equatable {
    case path(DocumentPath)
    case value(ShellValue)
    /// `if_not_exists(path, value)`
    case ifNotExists(DocumentPath, UpdateTerm)
    /// `list_append(a, b)`
    case listAppend(UpdateTerm, UpdateTerm)
}

/// `path value` in an add or delete clause.
public struct PathValue: Sendable, Equatable {
    public var path: DocumentPath
    public var value: ShellValue

    public init(_ path: DocumentPath, _ value: ShellValue) {
        self.path = path
        self.value = value
    }
}

/// `query TABLE[.INDEX] where KEY-CONDITION [filter …] [select …] [limit N] [asc|desc] [all]`
public struct QueryCommand: Sendable, Equatable {
    public var source: TableReference
    public var keyCondition: ShellCondition
    public var filter: ShellCondition?
    public var projection: [ProjectionItem]?
    public var limit: IntArgument?
    public var descending: Bool
    /// Read every page (otherwise one page).
    public var all: Bool

    public init(source: TableReference, keyCondition: ShellCondition, filter: ShellCondition? = nil,
                projection: [ProjectionItem]? = nil, limit: IntArgument? = nil, descending: Bool = false, all: Bool = false) {
        self.source = source
        self.keyCondition = keyCondition
        self.filter = filter
        self.projection = projection
        self.limit = limit
        self.descending = descending
        self.all = all
    }
}

/// `scan TABLE[.INDEX] [filter …] [select …] [limit N] [segments N] [all]`
public struct ScanCommand: Sendable, Equatable {
    public var source: TableReference
    public var filter: ShellCondition?
    public var projection: [ProjectionItem]?
    public var limit: IntArgument?
    /// Parallel scan segments (TotalSegments).
    public var segments: IntArgument?
    public var all: Bool

    public init(source: TableReference, filter: ShellCondition? = nil, projection: [ProjectionItem]? = nil,
                limit: IntArgument? = nil, segments: IntArgument? = nil, all: Bool = false) {
        self.source = source
        self.filter = filter
        self.projection = projection
        self.limit = limit
        self.segments = segments
        self.all = all
    }
}

/// `count TABLE[.INDEX] [where KEY-CONDITION] [filter CONDITION]`: a query with a key
/// condition, else a scan.
public struct CountCommand: Sendable, Equatable {
    public var source: TableReference
    public var keyCondition: ShellCondition?
    public var filter: ShellCondition?

    public init(source: TableReference, keyCondition: ShellCondition? = nil, filter: ShellCondition? = nil) {
        self.source = source
        self.keyCondition = keyCondition
        self.filter = filter
    }
}

/// A statement whose first word is no built-in command: `metrics low-health --below 70`.
///
/// Arguments are shell words: tokens with no space between them form one argument
/// (`./data/items.json`, `Hello,`). The statement's raw tokens are `Statement.tokens`.
public struct CustomCommand: Sendable, Equatable {
    /// The command word as written.
    public var name: String
    public var arguments: [CommandArgument]

    public init(name: String, arguments: [CommandArgument]) {
        self.name = name
        self.arguments = arguments
    }
}

public enum CommandArgument: Sendable, Equatable {
    case value(ShellValue)
    /// `--name` (value nil) or `--name=value`.
    case flag(String, ShellValue?)
}

import DynamoModel

/// What parsing a piece of input gives: statements, or the news that the input stops in the
/// middle of a string, bracket, JSON literal or line continuation (the REPL then reads
/// another line). The diagnostic says what is open, for when no more input will come.
public enum ParseResult: Sendable, Equatable {
    case complete([Statement])
    case incomplete(Diagnostic)
}

/// Parses shell input. Syntax errors throw; unfinished input is `.incomplete`.
///
/// - Parameters:
///   - file: the name diagnostics use: a script's path, `<command line>` or `<stdin>`.
///   - customCommands: the commands plugins define. When given, any other leading word that
///     is not a built-in command is an error (with "did you mean …?"); when nil, every other
///     leading word is a `custom` statement.
public func parseInput(_ text: String, file: String, customCommands: Set<String>? = nil) throws(Diagnostic) -> ParseResult {
    var lexer = Lexer(text: text, file: file)
    let lexed = lexer.run()
    var lowered: Set<String>?
    if let customCommands {
        lowered = []
        for name in customCommands { lowered!.insert(name.lowercased()) }
    }
    var parser = ScriptParser(tokens: lexed.tokens, lexStop: lexed.stop, source: lexer.source, customCommands: lowered)
    do {
        return .complete(try parser.parseAll())
    } catch {
        switch error {
        case .error(let diagnostic): throw diagnostic
        case .incomplete(let diagnostic): return .incomplete(diagnostic)
        }
    }
}

/// Parses a whole script; unfinished input (an unterminated string, an unclosed bracket) is
/// an error at the place where it opens.
public func parseScript(_ text: String, file: String, customCommands: Set<String>? = nil) throws(Diagnostic) -> [Statement] {
    switch try parseInput(text, file: file, customCommands: customCommands) {
    case .complete(let statements): return statements
    case .incomplete(let diagnostic): throw diagnostic
    }
}

/// For the REPL: false while the input stops inside a string, bracket, JSON literal or after
/// a line continuation, so another line should be read. Input with a syntax error is
/// complete (submit it and show the error).
public func isComplete(_ text: String) -> Bool {
    do {
        if case .incomplete = try parseInput(text, file: "<stdin>") { return false }
        return true
    } catch {
        return true
    }
}

/// Names the grammar knows, for help and completion.
public enum ShellGrammar {
    /// The built-in commands (every other leading word is a custom command).
    public static let commands = [
        "let", "echo", "source", "help", "exit", "set", "tables", "describe", "create", "drop",
        "put", "get", "delete", "update", "query", "scan", "count", "batch", "export", "import",
        "explain", "expect", "api",
    ]
    /// Commands that read their words as plain arguments (`tail metrics --max 5`), like a
    /// plugin's commands; names no plugin may take.
    public static let toolCommands = ["tail", "ttl", "sweep", "schema", "plugins", "more"]
    public static let queryClauses = ["where", "filter", "select", "limit", "asc", "desc", "all"]
    public static let scanClauses = ["filter", "select", "limit", "segments", "all"]
    public static let countClauses = ["where", "filter"]
    public static let updateClauses = ["set", "remove", "add", "delete", "if"]
    public static let conditionFunctions = ["attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size"]
    public static let updateFunctions = ["if_not_exists", "list_append"]
    /// How deeply parentheses, `not`, functions and `explain` may nest.
    public static let maxNesting = 100
}

/// Splits the token stream into statements and parses each.
struct ScriptParser {
    let tokens: [Token]
    let lexStop: ParseStop?
    let source: SourceText
    /// Lower-cased; nil when any word may be a custom command.
    let customCommands: Set<String>?

    mutating func parseAll() throws(ParseStop) -> [Statement] {
        var statements: [Statement] = []
        var i = 0
        while true {
            while tokens[i].kind == .terminator { i += 1 }
            if tokens[i].kind == .end { break }
            let start = i
            while !tokens[i].isStatementEnd { i += 1 }
            let body = Array(tokens[start..<i])
            var parser = StatementParser(tokens: body + [tokens[i]], lexStop: lexStop, source: source,
                                         customCommands: customCommands)
            let command = try parser.statement()
            statements.append(Statement(command: command, location: body[0].location, tokens: body))
        }
        if let lexStop { throw lexStop }
        return statements
    }
}

/// Parses one statement's tokens, which end with a terminator or `.end` token.
struct StatementParser {
    let tokens: [Token]
    let lexStop: ParseStop?
    let source: SourceText
    let customCommands: Set<String>?
    var index = 0
    var depth = 0

    init(tokens: [Token], lexStop: ParseStop?, source: SourceText, customCommands: Set<String>?) {
        self.tokens = tokens
        self.lexStop = lexStop
        self.source = source
        self.customCommands = customCommands
    }

    // MARK: Token access

    var current: Token { tokens[index] }
    func peek(_ n: Int = 1) -> Token { tokens[min(index + n, tokens.count - 1)] }
    var previous: Token? { index > 0 ? tokens[index - 1] : nil }
    var atEnd: Bool { current.isStatementEnd }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    /// An error at `token`. At the end of input cut short by the lexer, the lexer's own
    /// problem (an unterminated string, say) is the one to report.
    func fail(_ message: String, at token: Token, hint: String? = nil) -> ParseStop {
        if token.kind == .end, let lexStop { return lexStop }
        return .error(source.diagnostic(message, at: token.location.offset, hint: hint))
    }

    func fail(_ message: String, hint: String? = nil) -> ParseStop {
        fail(message, at: current, hint: hint)
    }

    /// Consumes a case-insensitive keyword.
    mutating func keyword(_ word: String) -> Bool {
        if current.isKeyword(word) {
            advance()
            return true
        }
        return false
    }

    mutating func expect(_ op: Operator, _ message: String, hint: String? = nil) throws(ParseStop) {
        guard current.isOperator(op) else { throw fail(message, hint: hint) }
        advance()
    }

    func expectEnd(_ what: String, hint: String? = nil) throws(ParseStop) {
        guard atEnd else { throw fail("unexpected \(current) after \(what)", hint: hint) }
    }

    mutating func enter() throws(ParseStop) {
        depth += 1
        if depth > ShellGrammar.maxNesting {
            throw fail("nested too deeply (more than \(ShellGrammar.maxNesting) levels)")
        }
    }

    static func isVariableName(_ text: String) -> Bool {
        guard let first = text.utf8.first, Lexer.isNameStart(first) else { return false }
        return text.utf8.allSatisfy(Lexer.isNameChar)
    }

    // MARK: Statements

    mutating func statement() throws(ParseStop) -> Command {
        let commandToken = current
        guard let word = commandToken.word, Printer.isBareWord(word) else {
            throw fail("expected a command, found \(commandToken)", hint: "type help for the list of commands")
        }
        let name = word.lowercased()
        guard ShellGrammar.commands.contains(name) else {
            if let customCommands, !customCommands.contains(name) {
                let hint = Diagnostic.didYouMean(word, among: ShellGrammar.commands + customCommands.sorted())
                throw fail("unknown command '\(word)'", hint: hint ?? "type help for the list of commands")
            }
            advance()
            return .custom(CustomCommand(name: word, arguments: try customArguments()))
        }
        advance()
        switch name {
        case "let": return try letStatement()
        case "echo":
            var values: [ShellValue] = []
            while let run = argumentRun() { values.append(value(fromRun: run)) }
            return .echo(values)
        case "source":
            guard let run = argumentRun() else { throw fail("expected a file after source") }
            try expectEnd("the file name", hint: "quote a file name that holds spaces")
            return .source(shellString(fromRun: run))
        case "help":
            var words: [String] = []
            while let run = argumentRun() { words.append(plainText(shellString(fromRun: run))) }
            return .help(words.isEmpty ? nil : words.joined(separator: " "))
        case "exit":
            if atEnd { return .exit(nil) }
            let code = try intArgument(after: "exit", range: 0...255)
            try expectEnd("the exit code")
            return .exit(code)
        case "set": return try setStatement()
        case "tables":
            try expectEnd("tables")
            return .tables
        case "describe":
            let table = try tableName(after: "describe")
            try expectEnd("the table name")
            return .describe(table: table)
        case "create":
            try expectKeyword("table", after: "create")
            let table = try tableName(after: "create table")
            let definition = try jsonArgument("the table definition (a CreateTable request body as JSON)")
            try expectEnd("the table definition")
            return .createTable(name: table, definition: definition)
        case "drop":
            try expectKeyword("table", after: "drop")
            let table = try tableName(after: "drop table")
            try expectEnd("the table name")
            return .dropTable(name: table)
        case "put": return .put(try putStatement())
        case "get": return .get(try getStatement())
        case "delete": return .delete(try deleteStatement())
        case "update": return .update(try updateStatement())
        case "query": return .query(try queryStatement())
        case "scan": return .scan(try scanStatement())
        case "count": return .count(try countStatement())
        case "batch":
            try expectKeyword("put", after: "batch")
            let (table, file) = try tableAndFile(after: "batch put")
            return .batchPut(table: table, file: file)
        case "export":
            let (table, file) = try tableAndFile(after: "export")
            return .export(table: table, file: file)
        case "import":
            let (table, file) = try tableAndFile(after: "import")
            return .import(table: table, file: file)
        case "explain":
            guard !atEnd else { throw fail("expected a statement after explain") }
            try enter()
            let inner = try statement()
            depth -= 1
            return .explain(inner)
        case "expect":
            var comparator = Comparator.equal
            if case .op(let op) = current.kind, let found = Comparator(rawValue: op.rawValue) {
                comparator = found
                advance()
            }
            let count = try intArgument(after: "expect \(comparator == .equal ? "" : comparator.rawValue + " ")", range: 0...Int.max)
            guard !atEnd else { throw fail("expected a statement after expect \(count)", hint: "for example: expect >= 1 query metrics where entity_id = \"stu_1\"") }
            try enter()
            let inner = try statement()
            depth -= 1
            return .expect(comparator, count, inner)
        case "api":
            guard let operation = current.word else {
                throw fail("expected an operation name after api", hint: "for example: api ListTables {}")
            }
            advance()
            var body: JSONArgument?
            if !atEnd { body = try jsonArgument("the request body (JSON)") }
            try expectEnd("the request body")
            return .api(operation: operation, body: body)
        default:
            throw fail("unknown command '\(word)'")
        }
    }

    mutating func expectKeyword(_ word: String, after command: String) throws(ParseStop) {
        guard keyword(word) else {
            let hint = current.word.flatMap { Diagnostic.didYouMean($0, among: [word]) }
            throw fail("expected '\(word)' after \(command)", hint: hint)
        }
    }

    mutating func letStatement() throws(ParseStop) -> Command {
        guard let name = current.word, Self.isVariableName(name) else {
            throw fail("expected a variable name after let", hint: "names are letters, digits and _: let table = metrics")
        }
        advance()
        try expect(.equal, "expected '=' after the variable name", hint: "let \(name) = VALUE")
        guard let run = argumentRun() else { throw fail("expected a value after '='") }
        try expectEnd("the value", hint: "quote a value that holds spaces")
        return .let(name: name, value: value(fromRun: run))
    }

    mutating func setStatement() throws(ParseStop) -> Command {
        guard let option = current.word, Printer.isBareWord(option) else {
            throw fail("expected an option name after set", hint: "for example: set format json")
        }
        advance()
        guard let run = argumentRun() else { throw fail("expected a value for \(option)") }
        try expectEnd("the value", hint: "quote a value that holds spaces")
        return .set(option: option, value: value(fromRun: run))
    }

    mutating func tableAndFile(after command: String) throws(ParseStop) -> (ShellString, ShellString) {
        let table = try tableName(after: command)
        guard let run = argumentRun() else { throw fail("expected a file name after the table name") }
        try expectEnd("the file name", hint: "quote a file name that holds spaces")
        return (table, shellString(fromRun: run))
    }

    // MARK: Shell arguments

    /// The next argument: tokens with no white space between them (`./items.json`,
    /// `--below=70`, `"a"b`). Nil at the end of the statement.
    mutating func argumentRun(stopAtComma: Bool = false) -> [Token]? {
        guard !atEnd else { return nil }
        var run = [current]
        advance()
        while !atEnd && !current.spaceBefore && !(stopAtComma && current.isOperator(.comma)) {
            run.append(current)
            advance()
        }
        return run
    }

    /// One token keeps its type (`5`, `true`, `{…}`, `$x`, `"s"`); a bare word is a string;
    /// several glued tokens are one string.
    func value(fromRun run: [Token]) -> ShellValue {
        if run.count == 1 {
            let token = run[0]
            switch token.kind {
            case .word(let word):
                switch word.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                case "null": return .null
                default: return .string(ShellString(word))
                }
            case .number(let text): return .number(text)
            case .string(let string, _): return .string(string)
            case .json(let json): return .json(json)
            case .variable(let reference): return .variable(reference)
            default: break
            }
        }
        return .string(shellString(fromRun: run))
    }

    /// Glued tokens as one string: quoted parts and variables as they are, anything else as
    /// its source text.
    func shellString(fromRun run: [Token]) -> ShellString {
        var parts: [StringPart] = []
        for token in run {
            switch token.kind {
            case .string(let string, _): parts.append(contentsOf: string.parts)
            case .variable(let reference): parts.append(.variable(reference))
            default: parts.append(.text(token.text))
            }
        }
        return ShellString(parts: parts)
    }

    /// The string's text, with variables as written (`$x`): for help topics.
    func plainText(_ string: ShellString) -> String {
        var text = ""
        for part in string.parts {
            switch part {
            case .text(let piece): text += piece
            case .variable(let reference): text += reference.description
            }
        }
        return text
    }

    mutating func customArguments() throws(ParseStop) -> [CommandArgument] {
        var arguments: [CommandArgument] = []
        while let run = argumentRun() {
            if case .flag(let name, let hasValue) = run[0].kind {
                if hasValue {
                    let rest = Array(run.dropFirst())
                    arguments.append(.flag(name, rest.isEmpty ? .string("") : value(fromRun: rest)))
                    continue
                }
                if run.count == 1 {
                    arguments.append(.flag(name, nil))
                    continue
                }
            }
            arguments.append(.value(value(fromRun: run)))
        }
        return arguments
    }

    // MARK: Tables

    static func isTableToken(_ token: Token) -> Bool {
        switch token.kind {
        case .word, .number, .string, .variable: true
        case .op(.dot), .op(.minus): true
        default: false
        }
    }

    /// A table name's tokens: glued words, numbers, strings, variables, `.` and `-`.
    mutating func tableRun(after command: String) throws(ParseStop) -> [Token] {
        switch current.kind {
        case .word, .number, .string, .variable: break
        default:
            let hint = current.kind == .end || current.kind == .terminator ? nil : "write the table name first: \(command) TABLE …"
            throw fail("expected a table name after \(command)", hint: hint)
        }
        var run = [current]
        advance()
        while !atEnd && !current.spaceBefore && Self.isTableToken(current) {
            run.append(current)
            advance()
        }
        return run
    }

    mutating func tableName(after command: String) throws(ParseStop) -> ShellString {
        let first = current
        let name = shellString(fromRun: try tableRun(after: command))
        if name.parts.isEmpty { throw fail("a table name cannot be empty", at: first) }
        return name
    }

    /// `TABLE` or `TABLE.INDEX`: split at the first unquoted `.` (quote a table name that
    /// holds dots: `"my.table".ByStatus`).
    mutating func tableReference(after command: String) throws(ParseStop) -> TableReference {
        let first = current
        let run = try tableRun(after: command)
        var tableParts: [StringPart] = []
        var indexParts: [StringPart]?
        for token in run {
            if indexParts != nil {
                switch token.kind {
                case .string(let string, _): indexParts!.append(contentsOf: string.parts)
                case .variable(let reference): indexParts!.append(.variable(reference))
                default: indexParts!.append(.text(token.text))
                }
                continue
            }
            switch token.kind {
            case .op(.dot):
                indexParts = []
            case .word(let word):
                if let dot = word.firstIndex(of: ".") {
                    tableParts.append(.text(String(word[..<dot])))
                    indexParts = [.text(String(word[word.index(after: dot)...]))]
                } else {
                    tableParts.append(.text(word))
                }
            case .string(let string, _): tableParts.append(contentsOf: string.parts)
            case .variable(let reference): tableParts.append(.variable(reference))
            default: tableParts.append(.text(token.text))
            }
        }
        let table = ShellString(parts: tableParts)
        if table.parts.isEmpty { throw fail("a table name cannot be empty", at: first) }
        guard let indexParts else { return TableReference(table: table) }
        let index = ShellString(parts: indexParts)
        if index.parts.isEmpty {
            throw fail("expected an index name after '.'", at: first, hint: "write TABLE.INDEX, or quote a table name that ends with a dot")
        }
        return TableReference(table: table, index: index)
    }

    // MARK: Values

    mutating func jsonArgument(_ what: String) throws(ParseStop) -> JSONArgument {
        switch current.kind {
        case .json(.object(let object)):
            advance()
            return .object(object)
        case .json:
            throw fail("expected \(what), found a JSON array", hint: "it must be a JSON object")
        case .variable(let reference):
            advance()
            return .variable(reference)
        default:
            throw fail("expected \(what), found \(current)", hint: "write a JSON object: {…}")
        }
    }

    /// A whole number (or a variable) within `range`.
    mutating func intArgument(after clause: String, range: ClosedRange<Int>) throws(ParseStop) -> IntArgument {
        let token = current
        switch token.kind {
        case .variable(let reference):
            advance()
            return .variable(reference)
        case .number(let text):
            guard text.utf8.allSatisfy({ Lexer.isDigit($0) }), let value = Int(text) else {
                if text.hasPrefix("-") { throw fail("\(clause) must be at least \(range.lowerBound)") }
                throw fail("expected a whole number after \(clause), found \(token)")
            }
            guard range.contains(value) else {
                throw fail("\(clause) must be between \(range.lowerBound) and \(range.upperBound)")
            }
            advance()
            return .literal(value)
        default:
            throw fail("expected a whole number after \(clause), found \(token)")
        }
    }

    // MARK: Items and keys

    var atAssignment: Bool {
        guard peek().isOperator(.equal) else { return false }
        switch current.kind {
        case .word: return true
        case .string(let string, _): return string.literal != nil
        default: return false
        }
    }

    mutating func itemSpec(_ what: String, command: String) throws(ParseStop) -> ItemSpec {
        switch current.kind {
        case .json(.object(let object)):
            advance()
            return .json(object)
        case .json:
            throw fail("\(what == "item" ? "an item" : "a key") must be a JSON object, not an array")
        case .variable(let reference) where !peek().isOperator(.equal):
            advance()
            return .variable(reference)
        default:
            break
        }
        guard atAssignment else {
            let found = atEnd ? "" : ", found \(current)"
            throw fail("expected the \(what) after the table name\(found)",
                       hint: "write name=value pairs or a JSON object: \(command) TABLE entity_id=\"stu_1\"")
        }
        var assignments: [Assignment] = []
        while atAssignment {
            let name: String
            switch current.kind {
            case .word(let word): name = word
            case .string(let string, _): name = string.literal ?? ""
            default: name = ""
            }
            advance()
            advance() // =
            // A comma ends a value and may separate pairs (`id=1,type=student`).
            guard let run = argumentRun(stopAtComma: true) else { throw fail("expected a value after '\(name)='") }
            assignments.append(Assignment(name, value(fromRun: run)))
            if current.isOperator(.comma) {
                advance()
                guard atAssignment else {
                    throw fail("expected name=value after ','", hint: "quote a value that holds a comma: note=\"a, b\"")
                }
            }
        }
        return .assignments(assignments)
    }

    // MARK: Item commands

    /// Reports a word that is no clause of `command`.
    func unknownClause(in command: String, candidates: [String], afterCondition: Bool) -> ParseStop {
        let token = current
        guard let word = token.word else {
            if case .flag(let name, _) = token.kind, candidates.contains(name.lowercased()) {
                return fail("unexpected \(token) in \(command)", at: token, hint: "clauses are plain words: \(name.lowercased()) …")
            }
            return fail("unexpected \(token) in \(command)")
        }
        var hint = Diagnostic.didYouMean(word, among: candidates + (afterCondition ? ["and", "or"] : []))
        if hint == nil, afterCondition, Self.startsComparison(peek()) {
            hint = "join conditions with 'and' or 'or'"
        }
        return fail("unknown clause '\(word)' in \(command)", at: token, hint: hint)
    }

    mutating func putStatement() throws(ParseStop) -> PutCommand {
        let table = try tableName(after: "put")
        var put = PutCommand(table: table, item: try itemSpec("item", command: "put"))
        if keyword("if") { put.condition = try condition() }
        guard atEnd else { throw unknownClause(in: "put", candidates: ["if"], afterCondition: put.condition != nil) }
        return put
    }

    mutating func getStatement() throws(ParseStop) -> GetCommand {
        let table = try tableName(after: "get")
        var get = GetCommand(table: table, key: try itemSpec("key", command: "get"))
        if keyword("select") { get.projection = try projection() }
        guard atEnd else { throw unknownClause(in: "get", candidates: ["select"], afterCondition: false) }
        return get
    }

    mutating func deleteStatement() throws(ParseStop) -> DeleteCommand {
        let table = try tableName(after: "delete")
        var delete = DeleteCommand(table: table, key: try itemSpec("key", command: "delete"))
        if keyword("if") { delete.condition = try condition() }
        guard atEnd else { throw unknownClause(in: "delete", candidates: ["if"], afterCondition: delete.condition != nil) }
        return delete
    }

    mutating func updateStatement() throws(ParseStop) -> UpdateCommand {
        let table = try tableName(after: "update")
        let key = try itemSpec("key", command: "update")
        var actions = UpdateActions()
        var condition: ShellCondition?
        var seen: Set<String> = []
        var afterCondition = false
        while !atEnd {
            let token = current
            guard let word = token.word?.lowercased(), ShellGrammar.updateClauses.contains(word) else {
                throw unknownClause(in: "update", candidates: ShellGrammar.updateClauses, afterCondition: afterCondition)
            }
            guard seen.insert(word).inserted else {
                throw fail("update has one '\(word)' clause", at: token, hint: "separate its actions with commas")
            }
            advance()
            afterCondition = false
            switch word {
            case "set":
                repeat {
                    let path = try path()
                    if current.isOperator(.equal) {
                        advance()
                    } else {
                        throw fail("expected '=' after \(path) in set", hint: "set \(path) = VALUE")
                    }
                    actions.set.append(SetAssignment(path, try setExpression()))
                } while commaFollows()
            case "remove":
                repeat { actions.remove.append(try path()) } while commaFollows()
            case "add", "delete":
                repeat {
                    let path = try path()
                    let value = try actionValue(clause: word)
                    if word == "add" {
                        actions.add.append(PathValue(path, value))
                    } else {
                        actions.delete.append(PathValue(path, value))
                    }
                } while commaFollows()
            default: // if
                condition = try self.condition()
                afterCondition = true
            }
        }
        if actions.isEmpty {
            throw fail("update needs at least one of set, remove, add or delete",
                       hint: "for example: update TABLE id=1 set health_score = health_score + 1")
        }
        return UpdateCommand(table: table, key: key, actions: actions, condition: condition)
    }

    mutating func commaFollows() -> Bool {
        if current.isOperator(.comma) {
            advance()
            return true
        }
        return false
    }

    /// The value of an add or delete action: a literal or a variable, never a path.
    mutating func actionValue(clause: String) throws(ParseStop) -> ShellValue {
        let token = current
        switch token.kind {
        case .number(let text): advance(); return .number(text)
        case .string(let string, _): advance(); return .string(string)
        case .json(let json): advance(); return .json(json)
        case .variable(let reference): advance(); return .variable(reference)
        case .word(let word):
            switch word.lowercased() {
            case "true": advance(); return .bool(true)
            case "false": advance(); return .bool(false)
            case "null": advance(); return .null
            default:
                throw fail("expected a value after the path in \(clause), found \(token)",
                           hint: "quote a string (\"\(word)\"); a set of strings is [\"a\", \"b\"]")
            }
        default:
            throw fail("expected a value after the path in \(clause), found \(token)",
                       hint: "\(clause) PATH VALUE, for example: add visits 1")
        }
    }

    mutating func setExpression() throws(ParseStop) -> SetExpression {
        let first = try updateTerm()
        if current.isOperator(.plus) {
            advance()
            return .plus(first, try updateTerm())
        }
        if current.isOperator(.minus) {
            advance()
            return .minus(first, try updateTerm())
        }
        // `a -1`: a negative number right after a term is a subtraction.
        if case .number(let text) = current.kind, text.hasPrefix("-") {
            advance()
            return .minus(first, .value(.number(String(text.dropFirst()))))
        }
        return .term(first)
    }

    mutating func updateTerm() throws(ParseStop) -> UpdateTerm {
        let token = current
        if case .word(let word) = token.kind, peek().isOperator(.leftParen) {
            switch word.lowercased() {
            case "if_not_exists":
                try enter()
                advance()
                advance()
                let path = try path()
                try expect(.comma, "expected ',' after the path in if_not_exists", hint: "if_not_exists(path, value)")
                let fallback = try updateTerm()
                try expect(.rightParen, "expected ')' to close if_not_exists")
                depth -= 1
                return .ifNotExists(path, fallback)
            case "list_append":
                try enter()
                advance()
                advance()
                let first = try updateTerm()
                try expect(.comma, "expected ',' between the lists in list_append", hint: "list_append(list, [values])")
                let second = try updateTerm()
                try expect(.rightParen, "expected ')' to close list_append")
                depth -= 1
                return .listAppend(first, second)
            default:
                throw fail("unknown function '\(word)' in set",
                           hint: Diagnostic.didYouMean(word, among: ShellGrammar.updateFunctions)
                               ?? "set takes if_not_exists(path, value) and list_append(a, b)")
            }
        }
        switch try operand(context: "set") {
        case .path(let path): return .path(path)
        case .value(let value): return .value(value)
        case .size:
            throw fail("size() is not allowed in set", at: token)
        }
    }

    // MARK: Query, scan, count

    mutating func queryStatement() throws(ParseStop) -> QueryCommand {
        let source = try tableReference(after: "query")
        guard keyword("where") else {
            let hint = current.word.flatMap { Diagnostic.didYouMean($0, among: ["where"]) }
            throw fail("expected 'where' and a key condition after the table name in query",
                       hint: hint ?? "query TABLE where KEY = VALUE; scan reads a whole table")
        }
        var query = QueryCommand(source: source, keyCondition: try condition())
        var seen: Set<String> = ["where"]
        var afterCondition = true
        while !atEnd {
            let token = current
            guard let word = token.word?.lowercased(), ShellGrammar.queryClauses.contains(word) else {
                throw unknownClause(in: "query", candidates: ShellGrammar.queryClauses, afterCondition: afterCondition)
            }
            let group = word == "asc" || word == "desc" ? "order" : word
            guard seen.insert(group).inserted else {
                if word == "where" { throw fail("query has one where clause", at: token, hint: "join conditions with and") }
                throw fail(group == "order" ? "asc/desc is given twice" : "duplicate '\(word)' clause", at: token)
            }
            advance()
            afterCondition = false
            switch word {
            case "filter":
                query.filter = try condition()
                afterCondition = true
            case "select": query.projection = try projection()
            case "limit": query.limit = try intArgument(after: "limit", range: 1...Int.max)
            case "desc": query.descending = true
            case "asc": query.descending = false
            default: query.all = true
            }
        }
        return query
    }

    mutating func scanStatement() throws(ParseStop) -> ScanCommand {
        var scan = ScanCommand(source: try tableReference(after: "scan"))
        var seen: Set<String> = []
        var afterCondition = false
        while !atEnd {
            let token = current
            guard let word = token.word?.lowercased(), ShellGrammar.scanClauses.contains(word) else {
                if current.isKeyword("where") {
                    throw fail("scan has no where clause", hint: "use filter, or query TABLE where … to read by key")
                }
                throw unknownClause(in: "scan", candidates: ShellGrammar.scanClauses, afterCondition: afterCondition)
            }
            guard seen.insert(word).inserted else { throw fail("duplicate '\(word)' clause", at: token) }
            advance()
            afterCondition = false
            switch word {
            case "filter":
                scan.filter = try condition()
                afterCondition = true
            case "select": scan.projection = try projection()
            case "limit": scan.limit = try intArgument(after: "limit", range: 1...Int.max)
            case "segments": scan.segments = try intArgument(after: "segments", range: 1...1_000_000)
            default: scan.all = true
            }
        }
        return scan
    }

    mutating func countStatement() throws(ParseStop) -> CountCommand {
        var count = CountCommand(source: try tableReference(after: "count"))
        var seen: Set<String> = []
        var afterCondition = false
        while !atEnd {
            let token = current
            guard let word = token.word?.lowercased(), ShellGrammar.countClauses.contains(word) else {
                throw unknownClause(in: "count", candidates: ShellGrammar.countClauses, afterCondition: afterCondition)
            }
            guard seen.insert(word).inserted else { throw fail("duplicate '\(word)' clause", at: token) }
            advance()
            if word == "where" {
                count.keyCondition = try condition()
            } else {
                count.filter = try condition()
            }
            afterCondition = true
        }
        return count
    }

    // MARK: Paths and projections

    /// `a.b[0].c`: a word split at its dots, then `[N]` and `.name` steps.
    mutating func path() throws(ParseStop) -> DocumentPath {
        let token = current
        guard case .word(let word) = token.kind, let first = word.utf8.first, Lexer.isNameStart(first) else {
            throw fail("expected an attribute name, found \(token)")
        }
        var steps: [PathStep] = []
        try appendNames(word, to: &steps, token: token)
        advance()
        while true {
            if current.isOperator(.leftBracket) {
                advance()
                guard case .number(let text) = current.kind, text.utf8.allSatisfy({ Lexer.isDigit($0) }),
                      let value = Int(text) else {
                    throw fail("expected a list index (a whole number) in [ ]")
                }
                advance()
                try expect(.rightBracket, "expected ']' after the list index")
                steps.append(.index(value))
            } else if current.isOperator(.dot), !current.spaceBefore, previous?.isOperator(.rightBracket) == true {
                advance()
                guard case .word(let next) = current.kind, !current.spaceBefore else {
                    throw fail("expected an attribute name after '.'")
                }
                try appendNames(next, to: &steps, token: current)
                advance()
            } else {
                return DocumentPath(steps)
            }
        }
    }

    func appendNames(_ word: String, to steps: inout [PathStep], token: Token) throws(ParseStop) {
        for name in word.split(separator: ".", omittingEmptySubsequences: false) {
            if name.isEmpty {
                throw fail("empty name in the path '\(word)'", at: token)
            }
            steps.append(.name(String(name)))
        }
    }

    mutating func projection() throws(ParseStop) -> [ProjectionItem] {
        var items: [ProjectionItem] = []
        repeat {
            var item = ProjectionItem(try path())
            if keyword("as") {
                switch current.kind {
                case .word(let word): item.alias = word
                case .string(let string, _) where string.literal != nil: item.alias = string.literal
                default: throw fail("expected a name after as")
                }
                advance()
            }
            items.append(item)
        } while commaFollows()
        return items
    }

    // MARK: Conditions

    /// DynamoDB's precedence: comparisons, IN, BETWEEN and functions bind tightest, then
    /// parentheses, NOT, AND, OR.
    mutating func condition() throws(ParseStop) -> ShellCondition {
        var items = [try andCondition()]
        while keyword("or") { items.append(try andCondition()) }
        return items.count == 1 ? items[0] : .or(items)
    }

    mutating func andCondition() throws(ParseStop) -> ShellCondition {
        var items = [try notCondition()]
        while keyword("and") { items.append(try notCondition()) }
        return items.count == 1 ? items[0] : .and(items)
    }

    static func startsComparison(_ token: Token) -> Bool {
        if case .op(let op) = token.kind { return Comparator(rawValue: op.rawValue) != nil }
        return token.isKeyword("between") || token.isKeyword("in")
    }

    mutating func notCondition() throws(ParseStop) -> ShellCondition {
        // `not = 1` compares an attribute named "not".
        if current.isKeyword("not"), !Self.startsComparison(peek()) {
            advance()
            try enter()
            let inner = try notCondition()
            depth -= 1
            return .not(inner)
        }
        return try primaryCondition()
    }

    mutating func primaryCondition() throws(ParseStop) -> ShellCondition {
        let token = current
        if token.isOperator(.leftParen) {
            advance()
            try enter()
            let inner = try condition()
            depth -= 1
            guard current.isOperator(.rightParen) else {
                throw fail("expected ')' to close the '(' at \(token.location.line):\(token.location.column)")
            }
            advance()
            return inner
        }
        if case .word(let word) = token.kind, peek().isOperator(.leftParen) {
            let name = word.lowercased()
            if name != "size" {
                guard ShellGrammar.conditionFunctions.contains(name) else {
                    throw fail("unknown function '\(word)'",
                               hint: Diagnostic.didYouMean(word, among: ShellGrammar.conditionFunctions)
                                   ?? "the functions are \(ShellGrammar.conditionFunctions.joined(separator: ", "))")
                }
                return try functionCondition(name)
            }
        }
        if current.kind == .end || current.kind == .terminator {
            throw fail("expected a condition")
        }
        let left = try operand(context: "condition")
        return try comparison(left)
    }

    mutating func functionCondition(_ name: String) throws(ParseStop) -> ShellCondition {
        try enter()
        advance()
        advance() // (
        let path = try path()
        let result: ShellCondition
        switch name {
        case "attribute_exists": result = .attributeExists(path)
        case "attribute_not_exists": result = .attributeNotExists(path)
        default:
            try expect(.comma, "expected ',' after the path in \(name)", hint: "\(name)(path, value)")
            if name == "attribute_type" {
                let token = current
                switch try operand(context: name) {
                case .value(let value): result = .attributeType(path, value)
                default:
                    throw fail("attribute_type takes a type name as a string", at: token, hint: "attribute_type(\(path), \"S\")")
                }
            } else {
                let argument = try operand(context: name)
                result = name == "begins_with" ? .beginsWith(path, argument) : .contains(path, argument)
            }
        }
        try expect(.rightParen, "expected ')' to close \(name)")
        depth -= 1
        return result
    }

    mutating func comparison(_ left: ShellOperand) throws(ParseStop) -> ShellCondition {
        let token = current
        if case .op(let op) = token.kind, let comparator = Comparator(rawValue: op.rawValue) {
            advance()
            if comparator == .equal, current.isOperator(.equal), !current.spaceBefore {
                throw fail("'==' is not an operator", at: token, hint: "write = to compare")
            }
            return .compare(left, comparator, try operand(context: "condition"))
        }
        if keyword("between") {
            let low = try operand(context: "between")
            guard keyword("and") else {
                throw fail("expected 'and' in between", hint: "x between LOW and HIGH")
            }
            return .between(left, low: low, high: try operand(context: "between"))
        }
        if keyword("in") {
            try expect(.leftParen, "expected '(' after in", hint: "x in (1, 2, 3)")
            var list: [ShellOperand] = []
            repeat { list.append(try operand(context: "in")) } while commaFollows()
            try expect(.rightParen, "expected ')' to close the in list")
            return .in(left, list)
        }
        if case .symbol("!") = token.kind, peek().isOperator(.equal) {
            throw fail("'!=' is not an operator", hint: "write <> for not equal")
        }
        var hint: String?
        if let word = token.word { hint = Diagnostic.didYouMean(word, among: ["between", "in"]) }
        throw fail("expected a comparison (=, <>, <, <=, >, >=, between, in), found \(token)", hint: hint)
    }

    /// An attribute path, a literal value, or `size(path)`.
    mutating func operand(context: String) throws(ParseStop) -> ShellOperand {
        let token = current
        switch token.kind {
        case .word(let word):
            if peek().isOperator(.leftParen) {
                if word.lowercased() == "size" {
                    try enter()
                    advance()
                    advance()
                    let path = try path()
                    try expect(.rightParen, "expected ')' to close size")
                    depth -= 1
                    return .size(path)
                }
                let known = ShellGrammar.conditionFunctions + ShellGrammar.updateFunctions
                if known.contains(word.lowercased()) {
                    throw fail("\(word)(…) cannot be used as a value here")
                }
                throw fail("unknown function '\(word)'", hint: Diagnostic.didYouMean(word, among: known))
            }
            switch word.lowercased() {
            case "true": advance(); return .value(.bool(true))
            case "false": advance(); return .value(.bool(false))
            case "null": advance(); return .value(.null)
            default: break
            }
            if let first = word.utf8.first, !Lexer.isNameStart(first) {
                throw fail("'\(word)' is not a number", hint: "quote it to use it as a string: \"\(word)\"")
            }
            return .path(try path())
        case .number(let text): advance(); return .value(.number(text))
        case .string(let string, _): advance(); return .value(.string(string))
        case .json(let json): advance(); return .value(.json(json))
        case .variable(let reference): advance(); return .value(.variable(reference))
        case .op(.colon):
            throw fail("placeholders like ':value' are not used in the shell",
                       hint: "write the value itself (x = 5, x = \"text\") or a variable ($x)")
        case .terminator, .end:
            throw fail("expected an attribute name or a value in \(context)")
        default:
            throw fail("expected an attribute name or a value in \(context), found \(token)")
        }
    }
}

import DynamoModel

/// Prints syntax trees back as source that parses to the same tree (canonical form: keywords
/// in lower case, strings double-quoted, JSON compact, the fewest parentheses).
enum Printer {
    /// `[A-Za-z_][A-Za-z0-9_.-]*`: text the lexer reads back as one word.
    static func isBareWord(_ text: String) -> Bool {
        guard let first = text.utf8.first, Lexer.isNameStart(first) else { return false }
        return text.utf8.allSatisfy(Lexer.isWordChar)
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "$": out += "\\$"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A double-quoted string literal.
    static func quoted(_ string: ShellString) -> String {
        var out = "\""
        for part in string.parts {
            switch part {
            case .text(let text): out += escaped(text)
            case .variable(.positional(let n)): out += "${\(n)}"
            case .variable(let reference): out += reference.interpolatedDescription
            }
        }
        return out + "\""
    }

    static func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }

    /// A name bare when it reads back as one word, else quoted.
    static func name(_ text: String) -> String { isBareWord(text) ? text : quoted(text) }

    static func table(_ name: ShellString) -> String {
        if let literal = name.literal, isBareWord(literal) { return literal }
        return quoted(name)
    }

    static func tableReference(_ reference: TableReference) -> String {
        var out: String
        if let literal = reference.table.literal, isBareWord(literal), !literal.contains(".") {
            out = literal
        } else {
            out = quoted(reference.table)
        }
        if let index = reference.index {
            out += "."
            if let literal = index.literal, isBareWord(literal) {
                out += literal
            } else {
                out += quoted(index)
            }
        }
        return out
    }

    static func value(_ value: ShellValue) -> String {
        switch value {
        case .string(let string): quoted(string)
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .json(let json): json.compactText
        case .variable(let reference): reference.description
        }
    }

    /// A value where a bare word reads as a string (echo, let, set, `name=value`, a custom
    /// command's arguments): such a string is printed bare.
    static func argumentValue(_ value: ShellValue) -> String {
        if case .string(let string) = value, let literal = string.literal, isBareWord(literal),
           !["true", "false", "null"].contains(literal.lowercased()) {
            return literal
        }
        return self.value(value)
    }

    static func json(_ argument: JSONArgument) -> String {
        switch argument {
        case .object(let object): JSONValue.object(object).compactText
        case .variable(let reference): reference.description
        }
    }

    static func int(_ argument: IntArgument) -> String {
        switch argument {
        case .literal(let n): String(n)
        case .variable(let reference): reference.description
        }
    }

    static func item(_ item: ItemSpec) -> String {
        switch item {
        case .json(let object): return JSONValue.object(object).compactText
        case .variable(let reference): return reference.description
        case .assignments(let assignments):
            var pieces: [String] = []
            for assignment in assignments { pieces.append(name(assignment.name) + "=" + argumentValue(assignment.value)) }
            return pieces.joined(separator: " ")
        }
    }

    static func path(_ path: DocumentPath) -> String {
        var out = ""
        for (offset, step) in path.steps.enumerated() {
            switch step {
            case .name(let name):
                if offset > 0 { out += "." }
                out += name
            case .index(let index):
                out += "[\(index)]"
            }
        }
        return out
    }

    static func projection(_ items: [ProjectionItem]) -> String {
        var pieces: [String] = []
        for item in items {
            var piece = path(item.path)
            if let alias = item.alias { piece += " as " + name(alias) }
            pieces.append(piece)
        }
        return pieces.joined(separator: ", ")
    }

    static func operand(_ operand: ShellOperand) -> String {
        switch operand {
        case .path(let p): path(p)
        case .value(let v): value(v)
        case .size(let p): "size(\(path(p)))"
        }
    }

    // Binding strength, loosest first.
    static let orLevel = 1
    static let andLevel = 2
    static let notLevel = 3
    static let atomLevel = 4

    /// The condition, in parentheses when it binds more loosely than `level`.
    static func condition(_ condition: ShellCondition, level: Int = 0) -> String {
        let text: String
        let own: Int
        switch condition {
        case .or(let items):
            var pieces: [String] = []
            for item in items { pieces.append(self.condition(item, level: andLevel)) }
            text = pieces.joined(separator: " or ")
            own = orLevel
        case .and(let items):
            var pieces: [String] = []
            for item in items { pieces.append(self.condition(item, level: notLevel)) }
            text = pieces.joined(separator: " and ")
            own = andLevel
        case .not(let inner):
            text = "not " + self.condition(inner, level: notLevel)
            own = notLevel
        case .compare(let left, let comparator, let right):
            text = "\(operand(left)) \(comparator.rawValue) \(operand(right))"
            own = atomLevel
        case .between(let subject, let low, let high):
            text = "\(operand(subject)) between \(operand(low)) and \(operand(high))"
            own = atomLevel
        case .in(let subject, let list):
            var pieces: [String] = []
            for item in list { pieces.append(operand(item)) }
            text = "\(operand(subject)) in (\(pieces.joined(separator: ", ")))"
            own = atomLevel
        case .attributeExists(let p):
            text = "attribute_exists(\(path(p)))"
            own = atomLevel
        case .attributeNotExists(let p):
            text = "attribute_not_exists(\(path(p)))"
            own = atomLevel
        case .attributeType(let p, let type):
            text = "attribute_type(\(path(p)), \(value(type)))"
            own = atomLevel
        case .beginsWith(let p, let prefix):
            text = "begins_with(\(path(p)), \(operand(prefix)))"
            own = atomLevel
        case .contains(let p, let member):
            text = "contains(\(path(p)), \(operand(member)))"
            own = atomLevel
        }
        return own < level ? "(\(text))" : text
    }

    static func term(_ term: UpdateTerm) -> String {
        switch term {
        case .path(let p): path(p)
        case .value(let v): value(v)
        case .ifNotExists(let p, let fallback): "if_not_exists(\(path(p)), \(self.term(fallback)))"
        case .listAppend(let a, let b): "list_append(\(self.term(a)), \(self.term(b)))"
        }
    }

    static func setExpression(_ expression: SetExpression) -> String {
        switch expression {
        case .term(let t): term(t)
        case .plus(let a, let b): "\(term(a)) + \(term(b))"
        case .minus(let a, let b): "\(term(a)) - \(term(b))"
        }
    }

    static func actions(_ actions: UpdateActions) -> String {
        var clauses: [String] = []
        if !actions.set.isEmpty {
            var pieces: [String] = []
            for action in actions.set { pieces.append("\(path(action.path)) = \(setExpression(action.value))") }
            clauses.append("set " + pieces.joined(separator: ", "))
        }
        if !actions.remove.isEmpty {
            var pieces: [String] = []
            for p in actions.remove { pieces.append(path(p)) }
            clauses.append("remove " + pieces.joined(separator: ", "))
        }
        for (keyword, list) in [("add", actions.add), ("delete", actions.delete)] where !list.isEmpty {
            var pieces: [String] = []
            for action in list { pieces.append("\(path(action.path)) \(value(action.value))") }
            clauses.append(keyword + " " + pieces.joined(separator: ", "))
        }
        return clauses.joined(separator: " ")
    }

    static func argument(_ argument: CommandArgument) -> String {
        switch argument {
        case .value(let v): argumentValue(v)
        case .flag(let name, nil): "--\(name)"
        case .flag(let name, let v?): "--\(name)=\(argumentValue(v))"
        }
    }

    static func command(_ command: Command) -> String {
        switch command {
        case .let(let name, let v): return "let \(name) = \(argumentValue(v))"
        case .echo(let values):
            var out = "echo"
            for v in values { out += " " + argumentValue(v) }
            return out
        case .source(let file): return "source \(quoted(file))"
        case .help(nil): return "help"
        case .help(let topic?):
            var bare = true
            for word in topic.split(separator: " ", omittingEmptySubsequences: false) where !isBareWord(String(word)) {
                bare = false
            }
            return "help " + (bare ? topic : quoted(topic))
        case .exit(let code): return code.map { "exit \(int($0))" } ?? "exit"
        case .set(let option, let v): return "set \(option) \(argumentValue(v))"
        case .tables: return "tables"
        case .describe(let t): return "describe \(table(t))"
        case .createTable(let t, let definition): return "create table \(table(t)) \(json(definition))"
        case .dropTable(let t): return "drop table \(table(t))"
        case .put(let put):
            var out = "put \(table(put.table)) \(item(put.item))"
            if let c = put.condition { out += " if " + condition(c) }
            return out
        case .get(let get):
            var out = "get \(table(get.table)) \(item(get.key))"
            if let p = get.projection { out += " select " + projection(p) }
            return out
        case .delete(let delete):
            var out = "delete \(table(delete.table)) \(item(delete.key))"
            if let c = delete.condition { out += " if " + condition(c) }
            return out
        case .update(let update):
            var out = "update \(table(update.table)) \(item(update.key)) \(actions(update.actions))"
            if let c = update.condition { out += " if " + condition(c) }
            return out
        case .query(let query):
            var out = "query \(tableReference(query.source)) where \(condition(query.keyCondition))"
            if let c = query.filter { out += " filter " + condition(c) }
            if let p = query.projection { out += " select " + projection(p) }
            if let n = query.limit { out += " limit " + int(n) }
            if query.descending { out += " desc" }
            if query.all { out += " all" }
            return out
        case .scan(let scan):
            var out = "scan \(tableReference(scan.source))"
            if let c = scan.filter { out += " filter " + condition(c) }
            if let p = scan.projection { out += " select " + projection(p) }
            if let n = scan.limit { out += " limit " + int(n) }
            if let n = scan.segments { out += " segments " + int(n) }
            if scan.all { out += " all" }
            return out
        case .count(let count):
            var out = "count \(tableReference(count.source))"
            if let c = count.keyCondition { out += " where " + condition(c) }
            if let c = count.filter { out += " filter " + condition(c) }
            return out
        case .batchPut(let t, let file): return "batch put \(table(t)) \(quoted(file))"
        case .export(let t, let file): return "export \(table(t)) \(quoted(file))"
        case .import(let t, let file): return "import \(table(t)) \(quoted(file))"
        case .explain(let inner): return "explain " + self.command(inner)
        case .expect(let comparator, let count, let inner):
            return "expect " + (comparator == .equal ? "" : comparator.rawValue + " ") + int(count) + " " + self.command(inner)
        case .api(let operation, let body): return body.map { "api \(operation) \(json($0))" } ?? "api \(operation)"
        case .custom(let custom):
            var out = custom.name
            for a in custom.arguments { out += " " + argument(a) }
            return out
        }
    }
}

extension Command: CustomStringConvertible {
    /// The statement as canonical source text; parsing it gives this command back.
    public var description: String { Printer.command(self) }
}

extension ShellValue: CustomStringConvertible {
    public var description: String { Printer.value(self) }
}

extension ShellCondition: CustomStringConvertible {
    public var description: String { Printer.condition(self) }
}

extension ShellOperand: CustomStringConvertible {
    public var description: String { Printer.operand(self) }
}

extension UpdateActions: CustomStringConvertible {
    public var description: String { Printer.actions(self) }
}

extension TableReference: CustomStringConvertible {
    public var description: String { Printer.tableReference(self) }
}

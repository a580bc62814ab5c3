import DynamoModel
import PropertyBased
import Testing
@testable import ShellLanguage

/// Random statement trees for the round-trip property: print a tree, parse the text, get the
/// same tree back.
enum ShellArbitrary {
    /// A small generator seeded from PropertyBased's, so `.fixedSeed` reproduces a failure.
    struct RNG: RandomNumberGenerator {
        var state: UInt64

        init(from rng: inout any SeededRandomNumberGenerator) { state = rng.next() }
        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func gen<T>(_ build: @escaping @Sendable (inout RNG) -> T) -> Generator<T, Shrink.None<T>> {
        Generator { rng in
            var local = RNG(from: &rng)
            return build(&local)
        }
    }

    static func pick<T>(_ options: [T], _ rng: inout RNG) -> T { options.randomElement(using: &rng)! }
    static func chance(_ percent: Int, _ rng: inout RNG) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }

    // MARK: Leaves

    /// Attribute names: plain, with `-` and `_`, DynamoDB reserved words, and words that are
    /// shell keywords elsewhere (`filter`, `set`, `limit` read as names where a name is due).
    static let attributeNames = [
        "a", "b", "entity_id", "entity_type", "health_score", "timestamp", "size", "status", "data", "x1",
        "my-attr", "_private", "Name", "count", "filter", "select", "where", "limit", "set", "remove", "add",
        "delete", "if", "desc", "all", "table", "contains", "attribute_exists", "list_append", "as",
    ]

    static func path(_ rng: inout RNG) -> DocumentPath {
        var steps: [PathStep] = [.name(pick(attributeNames, &rng))]
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            if chance(40, &rng) {
                steps.append(.index(pick([0, 1, 2, 10, 12345], &rng)))
            } else {
                steps.append(.name(pick(attributeNames, &rng)))
            }
        }
        return DocumentPath(steps)
    }

    static let textPieces = [
        "a", "stu_1", " ", "student", "\"", "\\", "$", "${", "}", "#", ";", "\n", "\t", "\r", "'", "é", "😀",
        "\u{1}", "\u{7F}", "[", "(", ")", "{", "=", "--x", "-", ".", "1", "true", "where", "a b",
    ]

    static func text(_ rng: inout RNG) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 0...4, using: &rng) { out += pick(textPieces, &rng) }
        return out
    }

    static func variable(_ rng: inout RNG) -> VariableReference {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return .positional(Int.random(in: 1...9, using: &rng))
        case 1: return .argumentCount
        case 2: return .allArguments
        case 3:
            // A default is raw text up to the first `}` on its line.
            var fallback = text(&rng)
            fallback.removeAll { $0 == "}" || $0 == "\n" || $0 == "\r\n" }
            return .named(pick(["x", "table", "_n2"], &rng), default: fallback)
        default: return .named(pick(["x", "table", "id", "_n2", "USER"], &rng), default: nil)
        }
    }

    static func shellString(_ rng: inout RNG) -> ShellString {
        var parts: [StringPart] = []
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            parts.append(chance(30, &rng) ? .variable(variable(&rng)) : .text(text(&rng)))
        }
        return ShellString(parts: parts)
    }

    static func number(_ rng: inout RNG) -> String {
        var out = chance(30, &rng) ? "-" : ""
        out += String(Int.random(in: 0...100_000, using: &rng))
        if chance(30, &rng) { out += "." + pick(["0", "5", "50", "001"], &rng) }
        if chance(15, &rng) { out += pick(["e", "E"], &rng) + pick(["", "+", "-"], &rng) + String(Int.random(in: 0...30, using: &rng)) }
        if chance(5, &rng) { out = pick(["12345678901234567890123456789012345678901", "007", "0"], &rng) }
        return out
    }

    static func jsonNumber(_ rng: inout RNG) -> String {
        pick(["0", "-1", "1.50", "72", "1e5", "-0.25E-3", "12345678901234567890.123"], &rng)
    }

    static func json(_ rng: inout RNG, depth: Int = 0) -> JSONValue {
        let kind = depth >= 2 ? Int.random(in: 0..<4, using: &rng) : Int.random(in: 0..<6, using: &rng)
        switch kind {
        case 0: return .null
        case 1: return .bool(chance(50, &rng))
        case 2: return .number(jsonNumber(&rng))
        case 3: return .string(text(&rng))
        case 4:
            var items: [JSONValue] = []
            for _ in 0..<Int.random(in: 0...3, using: &rng) { items.append(json(&rng, depth: depth + 1)) }
            return .array(items)
        default: return .object(jsonObject(&rng, depth: depth + 1))
        }
    }

    static func jsonObject(_ rng: inout RNG, depth: Int = 0) -> JSONObject {
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            let key = text(&rng)
            if object[key] == nil { object.append(key: key, value: json(&rng, depth: depth + 1)) } // JSON keys are unique
        }
        return object
    }

    static func container(_ rng: inout RNG) -> JSONValue {
        if chance(50, &rng) { return .object(jsonObject(&rng, depth: 1)) }
        var items: [JSONValue] = []
        for _ in 0..<Int.random(in: 0...3, using: &rng) { items.append(json(&rng, depth: 1)) }
        return .array(items)
    }

    static func value(_ rng: inout RNG) -> ShellValue {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0, 1, 2: return .string(shellString(&rng))
        case 3: return .string(ShellString(pick(["student", "low-health", "a.b", "x_1", "TRUE"], &rng)))
        case 4, 5: return .number(number(&rng))
        case 6: return chance(70, &rng) ? .bool(chance(50, &rng)) : .null
        case 7: return .json(container(&rng))
        default: return .variable(variable(&rng))
        }
    }

    static func intArgument(_ rng: inout RNG, range: ClosedRange<Int>) -> IntArgument {
        chance(20, &rng) ? .variable(variable(&rng)) : .literal(Int.random(in: range, using: &rng))
    }

    static let tableNames = ["metrics", "iops-dashboard-metrics", "my.table", "2024-events", "t", "Weird Name", "where", "true"]

    static func tableName(_ rng: inout RNG) -> ShellString {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return ShellString(parts: [.variable(variable(&rng))])
        case 1: return ShellString(parts: [.text("pre_"), .variable(variable(&rng))])
        default: return ShellString(pick(tableNames, &rng))
        }
    }

    static func tableReference(_ rng: inout RNG) -> TableReference {
        var reference = TableReference(table: tableName(&rng))
        if chance(50, &rng) {
            reference.index = chance(15, &rng)
                ? ShellString(parts: [.variable(variable(&rng))])
                : ShellString(pick(["EntityTypeHealthIndex", "by.status", "idx-1", "Odd Index"], &rng))
        }
        return reference
    }

    static func file(_ rng: inout RNG) -> ShellString {
        chance(50, &rng) ? ShellString(pick(["./data/items.json", "/tmp/x.json", "my file.jsonl", "out"], &rng)) : shellString(&rng)
    }

    // MARK: Conditions

    static func operand(_ rng: inout RNG) -> ShellOperand {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0, 1: return .path(path(&rng))
        case 2: return .size(path(&rng))
        default: return .value(value(&rng))
        }
    }

    static func condition(_ rng: inout RNG, depth: Int = 0) -> ShellCondition {
        let compound = depth < 3 && chance(40, &rng)
        if compound {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0:
                return .not(condition(&rng, depth: depth + 1))
            default:
                var items: [ShellCondition] = []
                for _ in 0..<Int.random(in: 2...3, using: &rng) { items.append(condition(&rng, depth: depth + 1)) }
                return chance(50, &rng) ? .and(items) : .or(items)
            }
        }
        switch Int.random(in: 0..<9, using: &rng) {
        case 0: return .between(operand(&rng), low: operand(&rng), high: operand(&rng))
        case 1:
            var list: [ShellOperand] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) { list.append(operand(&rng)) }
            return .in(operand(&rng), list)
        case 2: return .attributeExists(path(&rng))
        case 3: return .attributeNotExists(path(&rng))
        case 4: return .attributeType(path(&rng), chance(80, &rng) ? .string(ShellString(pick(["S", "N", "SS", "M"], &rng))) : value(&rng))
        case 5: return .beginsWith(path(&rng), operand(&rng))
        case 6: return .contains(path(&rng), operand(&rng))
        default: return .compare(operand(&rng), pick(Comparator.allCases, &rng), operand(&rng))
        }
    }

    static func projection(_ rng: inout RNG) -> [ProjectionItem] {
        var items: [ProjectionItem] = []
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            items.append(ProjectionItem(path(&rng), alias: chance(30, &rng) ? pick(["alias", "score", "odd alias", "limit"], &rng) : nil))
        }
        return items
    }

    // MARK: Items and updates

    static func item(_ rng: inout RNG) -> ItemSpec {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return .json(jsonObject(&rng, depth: 1))
        case 1: return .variable(variable(&rng))
        default:
            var assignments: [Assignment] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let name = chance(80, &rng) ? pick(attributeNames, &rng) : pick(["odd name", "a.b", "é", "true", "1x", ""], &rng)
                assignments.append(Assignment(name, value(&rng)))
            }
            return .assignments(assignments)
        }
    }

    static func term(_ rng: inout RNG, depth: Int = 0) -> UpdateTerm {
        switch Int.random(in: 0..<(depth < 2 ? 6 : 4), using: &rng) {
        case 0, 1: return .path(path(&rng))
        case 2, 3: return .value(value(&rng))
        case 4: return .ifNotExists(path(&rng), term(&rng, depth: depth + 1))
        default: return .listAppend(term(&rng, depth: depth + 1), term(&rng, depth: depth + 1))
        }
    }

    static func actions(_ rng: inout RNG) -> UpdateActions {
        var actions = UpdateActions()
        repeat {
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                let expression: SetExpression = switch Int.random(in: 0..<3, using: &rng) {
                case 0: .plus(term(&rng), term(&rng))
                case 1: .minus(term(&rng), term(&rng))
                default: .term(term(&rng))
                }
                actions.set.append(SetAssignment(path(&rng), expression))
            }
            for _ in 0..<Int.random(in: 0...2, using: &rng) { actions.remove.append(path(&rng)) }
            for _ in 0..<Int.random(in: 0...1, using: &rng) { actions.add.append(PathValue(path(&rng), value(&rng))) }
            for _ in 0..<Int.random(in: 0...1, using: &rng) { actions.delete.append(PathValue(path(&rng), value(&rng))) }
        } while actions.isEmpty
        return actions
    }

    // MARK: Commands

    static func command(_ rng: inout RNG, depth: Int = 0) -> Command {
        switch Int.random(in: 0..<24, using: &rng) {
        case 0: return .let(name: pick(["x", "table", "_n2"], &rng), value: value(&rng))
        case 1:
            var values: [ShellValue] = []
            for _ in 0..<Int.random(in: 0...3, using: &rng) { values.append(value(&rng)) }
            return .echo(values)
        case 2: return .source(file(&rng))
        case 3: return .help(chance(30, &rng) ? nil : pick(["query", "create table", "odd topic!", "$x", "a  b"], &rng))
        case 4: return .exit(chance(30, &rng) ? nil : intArgument(&rng, range: 0...255))
        case 5: return .set(option: pick(["format", "page-size", "color"], &rng), value: value(&rng))
        case 6: return .tables
        case 7: return .describe(table: tableName(&rng))
        case 8:
            return .createTable(name: tableName(&rng),
                                definition: chance(80, &rng) ? .object(jsonObject(&rng, depth: 1)) : .variable(variable(&rng)))
        case 9: return .dropTable(name: tableName(&rng))
        case 10: return .put(PutCommand(table: tableName(&rng), item: item(&rng), condition: chance(50, &rng) ? condition(&rng) : nil))
        case 11: return .get(GetCommand(table: tableName(&rng), key: item(&rng), projection: chance(50, &rng) ? projection(&rng) : nil))
        case 12: return .delete(DeleteCommand(table: tableName(&rng), key: item(&rng), condition: chance(50, &rng) ? condition(&rng) : nil))
        case 13:
            return .update(UpdateCommand(table: tableName(&rng), key: item(&rng), actions: actions(&rng),
                                         condition: chance(50, &rng) ? condition(&rng) : nil))
        case 14, 15:
            return .query(QueryCommand(
                source: tableReference(&rng), keyCondition: condition(&rng),
                filter: chance(50, &rng) ? condition(&rng) : nil, projection: chance(50, &rng) ? projection(&rng) : nil,
                limit: chance(50, &rng) ? intArgument(&rng, range: 1...1000) : nil,
                descending: chance(50, &rng), all: chance(50, &rng)))
        case 16:
            return .scan(ScanCommand(
                source: tableReference(&rng), filter: chance(50, &rng) ? condition(&rng) : nil,
                projection: chance(50, &rng) ? projection(&rng) : nil,
                limit: chance(50, &rng) ? intArgument(&rng, range: 1...1000) : nil,
                segments: chance(50, &rng) ? intArgument(&rng, range: 1...64) : nil, all: chance(50, &rng)))
        case 17:
            return .count(CountCommand(source: tableReference(&rng), keyCondition: chance(50, &rng) ? condition(&rng) : nil,
                                       filter: chance(50, &rng) ? condition(&rng) : nil))
        case 18: return .batchPut(table: tableName(&rng), file: file(&rng))
        case 19: return chance(50, &rng) ? .export(table: tableName(&rng), file: file(&rng)) : .import(table: tableName(&rng), file: file(&rng))
        case 20: return depth < 2 ? .explain(command(&rng, depth: depth + 1)) : .tables
        case 21:
            let body: JSONArgument? = switch Int.random(in: 0..<3, using: &rng) {
            case 0: nil
            case 1: .variable(variable(&rng))
            default: .object(jsonObject(&rng, depth: 1))
            }
            return .api(operation: pick(["ListTables", "PutItem", "DescribeTable"], &rng), body: body)
        default:
            var arguments: [CommandArgument] = []
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                if chance(40, &rng) {
                    arguments.append(.flag(pick(["below", "format", "dry-run", "x1"], &rng), chance(50, &rng) ? value(&rng) : nil))
                } else {
                    arguments.append(.value(value(&rng)))
                }
            }
            return .custom(CustomCommand(name: pick(["metrics", "low-health", "report", "Deploy", "x"], &rng), arguments: arguments))
        }
    }
}

@Suite struct RoundTripTests {
    typealias A = ShellArbitrary

    /// The text of a tree parses back to the same tree, alone or with other statements.
    @Test func printedStatementsParseBackToTheSameTree() async {
        await propertyCheck(count: 3000, input: A.gen { A.command(&$0) }) { command in
            let text = command.description
            do {
                let statements = try parseScript(text, file: "<printed>")
                #expect(statements.count == 1, "\(text)")
                #expect(statements.first?.command == command, "\(text)")
                #expect(isComplete(text))
            } catch {
                Issue.record("printed text does not parse:\n\(text)\n\(error)\ntree: \(command)")
            }
        }
    }

    /// Several statements joined by newlines, `;` and comments parse to the same trees.
    @Test func scriptsOfPrintedStatements() async {
        await propertyCheck(count: 500, input: A.gen { rng -> [Command] in
            var commands: [Command] = []
            for _ in 0..<Int.random(in: 1...6, using: &rng) { commands.append(A.command(&rng)) }
            return commands
        }) { commands in
            var script = ""
            for (i, command) in commands.enumerated() {
                script += command.description + (i % 2 == 0 ? "  # comment \"'{\n" : " ; ")
            }
            do {
                var parsed: [Command] = []
                for statement in try parseScript(script, file: "<printed>") { parsed.append(statement.command) }
                #expect(parsed == commands, "\(script)")
            } catch {
                Issue.record("script does not parse:\n\(script)\n\(error)")
            }
        }
    }

    /// Each statement's text, as its tokens say, is a prefix-free slice of the source.
    @Test func tokensPointIntoTheSource() async {
        await propertyCheck(count: 500, input: A.gen { A.command(&$0) }) { command in
            let text = "tables\n" + command.description
            guard let statements = try? parseScript(text, file: "x") else { return }
            let bytes = Array(text.utf8)
            for statement in statements {
                for token in statement.tokens {
                    let start = token.location.offset
                    let slice = Array(token.text.utf8)
                    #expect(start + slice.count <= bytes.count)
                    #expect(Array(bytes[start..<min(bytes.count, start + slice.count)]) == slice)
                }
            }
        }
    }
}

import DynamoAPI
import Foundation
import DynamoModel
import ShellLanguage

extension ShellSession {
    /// Runs one statement. Errors (DynamoDB's, the shell's) are thrown for the runner to report.
    public func execute(_ statement: Statement) async throws -> Outcome {
        try await execute(statement.command)
    }

    func execute(_ command: Command) async throws -> Outcome {
        if let planned = try await plan(command) {
            if explaining {
                explain(planned)
            } else {
                try await send(planned)
            }
            return .proceed
        }
        switch command {
        case .let(let name, let value):
            variables[name] = try evaluated(value)
        case .echo(let values):
            var words: [String] = []
            for value in values { words.append(try display(value)) }
            write(words.joined(separator: " ") + "\n")
        case .exit(let code):
            return .exit(Int32(try integerOrZero(code)))
        case .set(let option, let value):
            try set(option, value)
        case .help(let topic):
            write(help(for: topic))
        case .tables:
            var start: String?
            var names: [String] = []
            repeat {
                let page = try await backend.listTables(ListTablesInput(exclusiveStartTableName: start))
                names += page.tableNames ?? []
                start = page.lastEvaluatedTableName
            } while start != nil
            switch format {
            case .json: write(JSONValue.array(names.map { .string($0) }).prettyText() + "\n")
            default: write(names.map { $0 + "\n" }.joined())
            }
        case .describe(let table):
            let description = try await backend.describeTable(DescribeTableInput(tableName: try tableName(table)))
            write((description.table?.json ?? .null).prettyText() + "\n")
        case .createTable(let name, let definition):
            var body = try jsonObject(definition)
            body["TableName"] = .string(try tableName(name))
            let output = try await backend.createTable(try CreateTableInput(json: .object(body)))
            forgetTables()
            write("created \(output.tableDescription?.tableName ?? "") (\(output.tableDescription?.tableStatus?.rawValue ?? ""))\n")
        case .dropTable(let name):
            let table = try tableName(name)
            _ = try await backend.deleteTable(DeleteTableInput(tableName: table))
            forgetTables()
            write("dropped \(table)\n")
        case .api(let operation, let body):
            guard let op = Operation(rawValue: operation) else {
                let hint = Diagnostic.suggestion(for: operation, among: Operation.allCases.map(\.rawValue))
                throw ShellError("unknown DynamoDB operation '\(operation)'" + (hint.map { "; did you mean \($0)?" } ?? ""))
            }
            let json: JSONValue = body == nil ? .object(JSONObject()) : .object(try jsonObject(body!))
            // A remote target gets the body as written; the engine reads it through the shapes.
            let response = if let raw = backend as? any RawRequestSending {
                try await raw.send(op, body: json)
            } else {
                try await backend.call(op, json: json)
            }
            forgetTables()
            write(response.prettyText() + "\n")
        case .explain(let inner):
            if case .custom(let custom) = inner, plugins.plugin(named: custom.name) != nil {
                // A plugin command: run its body, showing each request instead of sending it.
                explaining = true
                defer { explaining = false }
                return try await execute(inner)
            }
            guard let planned = try await plan(inner) else {
                throw ShellError("explain shows the request of get, put, delete, update, query, scan, count or a plugin command")
            }
            explain(planned)
        case .expect(let comparator, let wanted, let inner):
            let expected = try integerOrZero(wanted, range: 0...Int.max)
            let before = itemsShown
            let outcome = try await execute(inner)
            let shown = itemsShown - before
            let holds = switch comparator {
            case .equal: shown == expected
            case .notEqual: shown != expected
            case .less: shown < expected
            case .lessOrEqual: shown <= expected
            case .greater: shown > expected
            case .greaterOrEqual: shown >= expected
            }
            if !holds {
                throw ShellError("expected \(comparator == .equal ? "" : comparator.rawValue + " ")\(expected) but \(inner.description.split(separator: " ").prefix(2).joined(separator: " ")) showed \(shown)")
            }
            return outcome
        case .source(let path):
            var file = try text(path)
            // A relative path that is not in the working directory is looked for next to the
            // script that sources it, so scripts can source their neighbours from anywhere.
            if !file.hasPrefix("/"), !FileManager.default.fileExists(atPath: file), let directory = currentScriptDirectory {
                let neighbour = (directory as NSString).appendingPathComponent(file)
                if FileManager.default.fileExists(atPath: neighbour) { file = neighbour }
            }
            let contents: String
            do {
                contents = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ShellError("cannot read \(file): \(error.localizedDescription)")
            }
            let outcome = try await runScript(contents, file: file)
            if outcome != .proceed { return outcome }
        case .export(let table, let file):
            try await export(table: try tableName(table), to: try text(file))
        case .import(let table, let file):
            try await load(table: try tableName(table), from: try text(file), format: .dynamoJSON)
        case .batchPut(let table, let file):
            try await load(table: try tableName(table), from: try text(file), format: .plainJSON)
        case .custom(let custom):
            return try await runTool(custom)
        default:
            break
        }
        return .proceed
    }

    func explain(_ planned: PlannedRequest) {
        let (operation, body) = planned.wire
        write("\(operation) — \(Self.kind(planned))\n\(body.prettyText())\n")
    }

    static func kind(_ planned: PlannedRequest) -> String {
        switch planned {
        case .getItem: "reads one item by its key"
        case .putItem: "writes one item"
        case .deleteItem: "deletes one item by its key"
        case .updateItem: "updates one item by its key"
        case .query(let input, _, _): input.indexName.map { "Query on index \($0): reads one partition, a key range" } ?? "Query: reads one partition, a key range"
        case .scan: "Scan: reads the whole table"
        case .count(let query, _): query != nil ? "Query with Select COUNT" : "Scan with Select COUNT: reads the whole table"
        }
    }

    // MARK: Sending

    func send(_ planned: PlannedRequest) async throws {
        switch planned {
        case .getItem(let input, let aliases):
            if let item = try await backend.getItem(input).item {
                try await printItems([Self.renamed(item, aliases)], table: input.tableName, index: nil, columns: aliases.columns)
            } else {
                writeError("no item with that key\n")
            }
        case .putItem(let input):
            _ = try await backend.putItem(input)
        case .deleteItem(let input):
            if try await backend.deleteItem(input).attributes == nil { writeError("no item with that key (nothing deleted)\n") }
        case .updateItem(let input):
            if let item = try await backend.updateItem(input).attributes {
                try await printItems([item], table: input.tableName, index: nil)
            }
        case .query(var input, let all, let aliases):
            var formatter = ItemFormatter(format: format, keyNames: await keyNames(input.tableName, index: input.indexName), width: width, columns: aliases.columns, color: color)
            pendingPage = nil
            repeat {
                try checkInterrupt()
                let page = try await backend.query(input)
                write(formatter.page((page.items ?? []).map { Self.renamed($0, aliases) }))
                itemsShown += page.items?.count ?? 0
                input.exclusiveStartKey = page.lastEvaluatedKey
            } while all && input.exclusiveStartKey != nil
            write(formatter.finish())
            if !all, let key = input.exclusiveStartKey {
                pendingPage = .query(input, all: false, aliases: aliases)
                writeError(Self.moreHint(key))
            }
        case .scan(var input, let all, let aliases):
            var formatter = ItemFormatter(format: format, keyNames: await keyNames(input.tableName, index: input.indexName), width: width, columns: aliases.columns, color: color)
            let segments = input.totalSegments ?? 1
            let first = input.segment ?? 0
            pendingPage = nil
            for segment in first..<segments {
                if input.totalSegments != nil {
                    if segment != first { input.exclusiveStartKey = nil }
                    input.segment = segment
                }
                repeat {
                    try checkInterrupt()
                    let page = try await backend.scan(input)
                    write(formatter.page((page.items ?? []).map { Self.renamed($0, aliases) }))
                    itemsShown += page.items?.count ?? 0
                    input.exclusiveStartKey = page.lastEvaluatedKey
                } while all && input.exclusiveStartKey != nil
                if !all, let key = input.exclusiveStartKey {
                    // One page shown: `more` continues this segment, then the next ones.
                    pendingPage = .scan(input, all: false, aliases: aliases)
                    writeError(Self.moreHint(key))
                    break
                }
            }
            write(formatter.finish())
        case .count(var query, var scan):
            var total = 0
            if query != nil {
                repeat {
                    let page = try await backend.query(query!)
                    total += page.count ?? 0
                    query!.exclusiveStartKey = page.lastEvaluatedKey
                } while query!.exclusiveStartKey != nil
            } else {
                repeat {
                    let page = try await backend.scan(scan!)
                    total += page.count ?? 0
                    scan!.exclusiveStartKey = page.lastEvaluatedKey
                } while scan!.exclusiveStartKey != nil
            }
            write("\(total)\n")
            itemsShown += total
        }
    }

    static func moreHint(_ key: Item) -> String {
        "more items: 'more' shows the next page, 'all' on the statement reads every page (next page starts after \(key.plainJSON.compactText))\n"
    }

    func printItems(_ items: [Item], table: String, index: String?, columns: [String]? = nil) async throws {
        itemsShown += items.count
        var formatter = ItemFormatter(format: format, keyNames: await keyNames(table, index: index), width: width, columns: columns, color: color)
        write(formatter.page(items) + formatter.finish())
    }

    static func renamed(_ item: Item, _ selection: Selection) -> Item {
        guard !selection.renames.isEmpty else { return item }
        var out: Item = [:]
        for (name, value) in item { out[selection.renames[name] ?? name] = value }
        return out
    }

    // MARK: Values

    func evaluated(_ value: ShellValue) throws -> ShellValue {
        switch value {
        case .variable(let reference): return try resolve(reference)
        case .string(let string): return .string(ShellString(stringLiteral: try text(string)))
        default: return value
        }
    }

    func display(_ value: ShellValue) throws -> String {
        switch try evaluated(value) {
        case .string(let string): return try text(string)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .json(let json): return json.compactText
        case .variable(let reference): return "\(reference)"
        }
    }

    func integerOrZero(_ argument: IntArgument?, range: ClosedRange<Int> = 0...255) throws -> Int {
        switch argument {
        case nil: return 0
        case .literal(let n)?: return n
        case .variable(let reference)?:
            let text = try display(.variable(reference))
            guard let n = Int(text), range.contains(n) else {
                throw ShellError(range.upperBound == 255 ? "exit code must be 0…255, not '\(text)'" : "\(reference) must be a whole number ≥ 0, not '\(text)'")
            }
            return n
        }
    }

    func jsonObject(_ argument: JSONArgument) throws -> JSONObject {
        switch argument {
        case .object(let object): return object
        case .variable(let reference):
            guard case .json(.object(let object)) = try resolve(reference) else {
                throw ShellError("\(reference) must hold a JSON object")
            }
            return object
        }
    }

    func set(_ option: String, _ value: ShellValue) throws {
        let text = try display(value)
        switch option.lowercased() {
        case "format":
            guard let format = OutputFormat(rawValue: text) else {
                throw ShellError("unknown format '\(text)'; one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.format = format
        case "page-size":
            guard let n = Int(text), n > 0 else { throw ShellError("page-size must be a positive whole number, not '\(text)'") }
            pageSize = n
        case "expired":
            try setExpired(text)
        case "color":
            switch text.lowercased() {
            case "on", "true": color = true
            case "off", "false": color = false
            default: throw ShellError("color is on or off, not '\(text)'")
            }
        default:
            throw ShellError("unknown option '\(option)'; options: format, page-size, expired, color")
        }
    }
}

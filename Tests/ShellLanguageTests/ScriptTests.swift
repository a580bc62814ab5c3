import DynamoModel
import Testing
@testable import ShellLanguage

/// Scripts: statement boundaries, comments, continuation, multi-line input, the REPL's
/// completeness check, variables.
@Suite struct ScriptTests {
    @Test func newlinesAndSemicolonsEndStatements() {
        #expect(commands("tables\ndescribe t; describe u;;\n\n;tables") == [.tables, .describe(table: "t"), .describe(table: "u"), .tables])
        #expect(commands("") == [])
        #expect(commands("\u{FEFF}tables") == [.tables])
        #expect(commands("\n\n  \n# only a comment\n") == [])
    }

    @Test func comments() {
        #expect(commands("""
            # Seed the table.
            put t id=1 # the first item
            put t {"id": 2, "note": "# not a comment"}   # JSON keeps its '#'
            echo "#1" '#2' #3
            """) == [
                .put(PutCommand(table: "t", item: .assignments([Assignment("id", num("1"))]))),
                .put(PutCommand(table: "t", item: .json(jsonObject(##"{"id": 2, "note": "# not a comment"}"##)))),
                .echo([str("#1"), str("#2")]),
            ])
    }

    @Test func backslashContinuesAStatement() {
        #expect(commands("""
            query metrics \\
                where entity_id = "stu_1" \\
                limit 5
            tables
            """) == [
                .query(QueryCommand(source: TableReference(table: "metrics"), keyCondition: eq("entity_id", str("stu_1")), limit: .literal(5))),
                .tables,
            ])
        #expect(commands("echo a \\\r\n b") == [.echo([str("a"), str("b")])])
    }

    @Test func multiLineJSON() {
        let script = """
            put metrics {
              "entity_id": "stu_1",
              "scores": [
                1, 2
              ]
            }
            create table t {"KeySchema": [{"AttributeName": "id",
                                           "KeyType": "HASH"}]}
            """
        #expect(commands(script) == [
            .put(PutCommand(table: "metrics", item: .json(jsonObject(#"{"entity_id": "stu_1", "scores": [1, 2]}"#)))),
            .createTable(name: "t", definition: .object(jsonObject(#"{"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}"#))),
        ])
    }

    @Test func multiLineConditionsInParentheses() {
        #expect(commands("""
            scan t filter (a = 1 or
                           b = 2)
            tables
            """) == [
                .scan(ScanCommand(source: TableReference(table: "t"), filter: .or([eq("a", num("1")), eq("b", num("2"))]))),
                .tables,
            ])
    }

    @Test func multiLineStrings() {
        #expect(commands("echo \"one\ntwo\"\ntables") == [.echo([str("one\ntwo")]), .tables])
    }

    @Test func isCompleteAsksForMoreOnlyWhenSomethingIsOpen() {
        // Open: keep reading.
        #expect(!isComplete("echo \"abc"))
        #expect(!isComplete("echo 'abc"))
        #expect(!isComplete("put t {\"a\": 1,"))
        #expect(!isComplete("put t [1,"))
        #expect(!isComplete("query t where (a = 1"))
        #expect(!isComplete("query t where a[1"))
        #expect(!isComplete("query t \\"))
        #expect(!isComplete("query t \\\n"))
        #expect(!isComplete("echo \"a\\"))
        #expect(!isComplete("tables\nput t {\"a\":\n"))
        // Finished, or wrong (show the error now).
        #expect(isComplete(""))
        #expect(isComplete("tables"))
        #expect(isComplete("put t {\"a\": 1}"))
        #expect(isComplete("query t where (a = 1)"))
        #expect(isComplete("query t where a = 1 limt 5"))
        #expect(isComplete("put t {\"a\": }"))
        #expect(isComplete("put t {\"a\": ]"))
        #expect(isComplete("echo )"))
        #expect(isComplete("query t where (a = 1;"))
        #expect(isComplete("bad \\ here \"unclosed"))
    }

    @Test func incompleteInputSaysWhatIsOpen() throws {
        guard case .incomplete(let diagnostic) = try parseInput("put t {\"a\":\n 1", file: "<stdin>") else {
            Issue.record("should be incomplete")
            return
        }
        #expect(diagnostic.message == "unterminated JSON object")
        #expect("\(diagnostic.line):\(diagnostic.column)" == "1:7")
        #expect(try parseInput("tables", file: "<stdin>") == .complete(try parseScript("tables", file: "<stdin>")))
    }

    @Test func variableForms() {
        #expect(command("echo $name ${name} ${name:-a default} $1 $9 $# $@ \"$name-x ${name}x\"") == .echo([
            .variable(v("name")), .variable(v("name")), .variable(.named("name", default: "a default")),
            .variable(.positional(1)), .variable(.positional(9)), .variable(.argumentCount), .variable(.allArguments),
            .string(ShellString(parts: [.variable(v("name")), .text("-x "), .variable(v("name")), .text("x")])),
        ]))
        #expect(command("query $table.$index where id = $1 limit ${n:-10}") == .query(QueryCommand(
            source: TableReference(table: ShellString(parts: [.variable(v("table"))]), index: ShellString(parts: [.variable(v("index"))])),
            keyCondition: eq("id", .variable(.positional(1))),
            limit: .variable(.named("n", default: "10")))))
        #expect(command("get t id=$1 type=\"${2}\"") == .get(GetCommand(table: "t", key: .assignments([
            Assignment("id", .variable(.positional(1))),
            Assignment("type", .string(ShellString(parts: [.variable(.positional(2))]))),
        ]))))
        #expect(command(#"echo "\$5" '$5' "cost: $ 5""#) == .echo([str("$5"), str("$5"), str("cost: $ 5")]))
    }

    @Test func aStatementKeepsItsTokens() throws {
        let statements = try parseScript("scan t limit 5; tables", file: "x")
        var texts: [String] = []
        for token in statements[0].tokens { texts.append(token.text) }
        #expect(texts == ["scan", "t", "limit", "5"])
        #expect(statements[1].tokens.count == 1)
    }
}

import DynamoModel
import Testing
@testable import ShellLanguage

/// Errors: exact places, messages, hints and rendering.
@Suite struct DiagnosticTests {
    func place(_ diagnostic: Diagnostic?) -> String? {
        diagnostic.map { "\($0.line):\($0.column)" }
    }

    @Test func unterminatedString() {
        let error = parseError("put t a=1\nput t b=\"oops\nscan t")
        #expect(place(error) == "2:9")
        #expect(error?.message == "unterminated string")
        let single = parseError("echo 'abc")
        #expect(place(single) == "1:6")
    }

    @Test func badJSONInsideAPut() {
        let error = parseError("put t {\"a\": 1,\n  \"b\": }")
        #expect(place(error) == "2:8")
        #expect(error?.message == "invalid JSON: unexpected '}', expected a JSON value")
        #expect(place(parseError("put t {\"a\": 1 \"b\": 2}")) == "1:15")
    }

    @Test func unknownClauseSuggestsTheKeyword() {
        let error = parseError("query metrics where entity_id = \"stu_1\" limt 5", file: "seed.iops")
        #expect(place(error) == "1:41")
        #expect(error?.message == "unknown clause 'limt' in query")
        #expect(error?.hint == "did you mean limit?")
        #expect(error?.description == """
            seed.iops:1:41: unknown clause 'limt' in query
            query metrics where entity_id = "stu_1" limt 5
                                                    ^
            did you mean limit?
            """)
        #expect(parseError("scan t filtr a = 1")?.hint == "did you mean filter?")
        #expect(parseError("query t where a = 1 adn b = 2")?.hint == "did you mean and?")
        #expect(parseError("query t where a = 1 b = 2")?.hint == "join conditions with 'and' or 'or'")
        #expect(parseError("update t id=1 sett a = 1")?.hint == "did you mean set?")
        #expect(parseError("query t where a betwen 1 and 2")?.hint == "did you mean between?")
        #expect(parseError("query t where begin_with(a, \"x\")")?.hint == "did you mean begins_with?")
        #expect(parseError("drop tabel t")?.hint == "did you mean table?")
        #expect(parseError("query t wher a = 1")?.hint == "did you mean where?")
    }

    @Test func missingTableName() {
        let error = parseError("put {\"a\": 1}")
        #expect(place(error) == "1:5")
        #expect(error?.message == "expected a table name after put")
        #expect(place(parseError("tables\ndescribe\n")) == "2:9")
        #expect(parseError("query where a = 1")?.message == "expected 'where' and a key condition after the table name in query")
    }

    @Test func queryWithoutWhere() {
        let error = parseError("query metrics filter a = 1")
        #expect(place(error) == "1:15")
        #expect(error?.message == "expected 'where' and a key condition after the table name in query")
        #expect(place(parseError("scan t\nquery metrics.ByType")) == "2:21")
    }

    @Test func otherErrors() {
        #expect(parseError("get t")?.message == "expected the key after the table name")
        #expect(parseError("get t [1]")?.message == "a key must be a JSON object, not an array")
        #expect(parseError("put t a=1 b")?.message == "unknown clause 'b' in put")
        #expect(parseError("update t id=1")?.message == "update needs at least one of set, remove, add or delete")
        #expect(parseError("update t id=1 set a = 1 set b = 2")?.message == "update has one 'set' clause")
        #expect(parseError("query t where a = 1 limit 0")?.message == "limit must be between 1 and \(Int.max)")
        #expect(parseError("query t where a = 1 limit 2.5")?.message == "expected a whole number after limit, found '2.5'")
        #expect(parseError("query t where a = 1 limit 1 limit 2")?.message == "duplicate 'limit' clause")
        #expect(parseError("scan t where a = 1")?.message == "scan has no where clause")
        #expect(parseError("scan t --limit 5")?.hint == "clauses are plain words: limit …")
        #expect(parseError("get t id=1, select a")?.message == "expected name=value after ','")
        #expect(parseError("query t where a == 1")?.hint == "write = to compare")
        #expect(parseError("query t where a != 1")?.hint == "write <> for not equal")
        #expect(parseError("query t where a = :v")?.message == "placeholders like ':value' are not used in the shell")
        #expect(parseError("query t where a = 2024-01-15")?.hint == "quote it to use it as a string: \"2024-01-15\"")
        #expect(parseError("query t where a = 1 and")?.message == "expected a condition")
        #expect(parseError("query t where (a = 1))")?.message == "unexpected ')' in query")
        #expect(parseError("echo \"\\q\"")?.message == "unknown escape '\\q' in a string")
        #expect(parseError("echo $")?.message == "expected a variable name after '$'")
        #expect(parseError("echo ${x")?.message == "expected '}' or ':-' in '${…}'")
        #expect(parseError("echo a \\ b")?.message == "unexpected '\\'")
        #expect(parseError("\"x\" y")?.message == "expected a command, found '\"x\"'")
        #expect(parseError("let 1 = 2")?.message == "expected a variable name after let")
        #expect(parseError("let a = 1 2")?.message == "unexpected '2' after the value")
        #expect(parseError("exit 256")?.message == "exit must be between 0 and 255")
        #expect(parseError("api X {\"a\": 1} {\"TableName\": \"metrics\", \"Key\": {}}")?.message == "unexpected '{\"TableName\": \"metrics\", \"Key\"…' after the request body")
        #expect(parseError("create table t [1]")?.message == "expected the table definition (a CreateTable request body as JSON), found a JSON array")
        #expect(parseError("query t.\"\" where a = 1")?.message == "expected an index name after '.'")
        #expect(parseError("query t where a..b = 1")?.message == "empty name in the path 'a..b'")
        #expect(parseError("query t where a[x] = 1")?.message == "expected a list index (a whole number) in [ ]")
    }

    @Test func unclosedParenthesisIsReportedWhereItOpens() {
        let error = parseError("query t where (a = 1 or\nb = 2")
        #expect(place(error) == "1:15")
        #expect(error?.message == "'(' is not closed")
        // Inside the parentheses the next line goes on with the condition.
        let next = parseError("query t where (a = 1\nscan t")
        #expect(place(next) == "2:1")
        #expect(next?.message == "expected ')' to close the '(' at 1:15")
        #expect(place(parseError("put t {\"a\": [1,\n 2")) == "1:7")
    }

    @Test func theFirstProblemInTheTextWins() {
        // A syntax error on line 1 comes before the unterminated string on line 2.
        #expect(place(parseError("scan t wher\necho \"x")) == "1:8")
        // The unterminated string comes before anything the parser could say about its statement.
        #expect(parseError("put t a=1 b=\"x")?.message == "unterminated string")
    }

    @Test func customCommandsCanBeChecked() {
        #expect(throws: Never.self) { try parseScript("metrics low", file: "x", customCommands: ["metrics"]) }
        #expect(throws: Never.self) { try parseScript("Metrics low; tables", file: "x", customCommands: ["metrics"]) }
        // Without a list of custom commands, any other word is one.
        #expect(command("qeury t") == .custom(CustomCommand(name: "qeury", arguments: [.value(str("t"))])))
        do {
            _ = try parseScript("qeury t where a = 1", file: "x", customCommands: ["metrics"])
            Issue.record("should fail")
        } catch {
            #expect(error.message == "unknown command 'qeury'")
            #expect(error.hint == "did you mean query?")
        }
    }

    @Test func tooDeepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 500) + "a = 1" + String(repeating: ")", count: 500)
        #expect(parseError("query t where \(deep)")?.message == "nested too deeply (more than 100 levels)")
        let nots = String(repeating: "not ", count: 500)
        #expect(parseError("query t where \(nots) a = 1")?.message == "nested too deeply (more than 100 levels)")
        let explains = String(repeating: "explain ", count: 500)
        #expect(parseError("\(explains) tables")?.message == "nested too deeply (more than 100 levels)")
    }

    @Test func renderingKeepsTabsUnderTheCaret() {
        let diagnostic = Diagnostic(file: "f", line: 2, column: 4, message: "m", sourceLine: "\tab c")
        #expect(diagnostic.description == "f:2:4: m\n\tab c\n\t  ^")
        #expect(Diagnostic(file: "f", line: 1, column: 1, message: "m").description == "f:1:1: m")
    }

    @Test func longLinesAreCutAroundTheColumn() {
        let line = String(repeating: "a", count: 300) + "X" + String(repeating: "b", count: 300)
        let diagnostic = Diagnostic(file: "f", line: 1, column: 301, message: "m", sourceLine: line)
        let lines = diagnostic.description.split(separator: "\n")
        #expect(lines.count == 3)
        let shown = Array(lines[1].unicodeScalars)
        let caret = lines[2].unicodeScalars.count - 1
        #expect(shown[caret] == "X")
        #expect(shown.count < 110)
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(place(parseError("echo \"é😀\" \"x")) == "1:11")
    }

    @Test func suggestions() {
        #expect(Diagnostic.suggestion(for: "limt", among: ["filter", "limit"]) == "limit")
        #expect(Diagnostic.suggestion(for: "LIMT", among: ["limit"]) == "limit")
        #expect(Diagnostic.suggestion(for: "x", among: ["limit"]) == nil)
        #expect(Diagnostic.suggestion(for: "segmnts", among: ShellGrammar.scanClauses) == "segments")
        #expect(Diagnostic.suggestion(for: "limit", among: ["limit"]) == nil)
    }

    @Test func anErrorAfterParsingCanPointIntoTheSource() throws {
        let text = "tables\nscan missing_table"
        let statements = try parseScript(text, file: "s.iops")
        let diagnostic = Diagnostic(message: "table not found", at: statements[1].location, in: text)
        #expect(diagnostic.description == "s.iops:2:1: table not found\nscan missing_table\n^")
    }
}

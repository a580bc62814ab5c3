import DynamoModel
import Testing
@testable import ShellLanguage

/// Every statement form, with the exact tree it parses to.
@Suite struct StatementTests {
    // MARK: Shell statements

    @Test func letStatements() {
        #expect(command("let table = iops-dashboard-metrics") == .let(name: "table", value: str("iops-dashboard-metrics")))
        #expect(command("let n=25") == .let(name: "n", value: num("25")))
        #expect(command(#"let item = {"a": 1}"#) == .let(name: "item", value: .json(json(#"{"a": 1}"#))))
        #expect(command("let d = 2024-01-15") == .let(name: "d", value: str("2024-01-15")))
        #expect(command("let p = ./data/items.json") == .let(name: "p", value: str("./data/items.json")))
        #expect(command("let x = $1") == .let(name: "x", value: .variable(.positional(1))))
        #expect(command("let id = stu_$n") == .let(name: "id", value: .string(ShellString(parts: [.text("stu_"), .variable(v("n"))]))))
        #expect(command("let ok = TRUE") == .let(name: "ok", value: .bool(true)))
        #expect(command("let s = \"a b\"") == .let(name: "s", value: str("a b")))
    }

    @Test func echoTakesShellWords() {
        #expect(command(#"echo Hello, world! "$name" 'raw $x' 42 $x ./a.json"#) == .echo([
            str("Hello,"), str("world!"), .string(ShellString(parts: [.variable(v("name"))])), str("raw $x"),
            num("42"), .variable(v("x")), str("./a.json"),
        ]))
        #expect(command("echo") == .echo([]))
    }

    @Test func sourceHelpExitSet() {
        #expect(command("source scripts/seed-2024-01-15.iops") == .source("scripts/seed-2024-01-15.iops"))
        #expect(command("source \"$HOME/my seed.iops\"") == .source(ShellString(parts: [.variable(v("HOME")), .text("/my seed.iops")])))
        #expect(command("help") == .help(nil))
        #expect(command("help query") == .help("query"))
        #expect(command("HELP create  table") == .help("create table"))
        #expect(command("exit") == .exit(nil))
        #expect(command("exit 3") == .exit(.literal(3)))
        #expect(command("exit $1") == .exit(.variable(.positional(1))))
        #expect(command("set format json") == .set(option: "format", value: str("json")))
        #expect(command("set page-size 25") == .set(option: "page-size", value: num("25")))
    }

    // MARK: Tables

    @Test func tableStatements() {
        #expect(command("tables") == .tables)
        #expect(command("describe iops-dashboard-metrics") == .describe(table: "iops-dashboard-metrics"))
        #expect(command("describe $table") == .describe(table: ShellString(parts: [.variable(v("table"))])))
        #expect(command("drop table old_metrics") == .dropTable(name: "old_metrics"))
        let body = #"{"KeySchema": [{"AttributeName": "entity_id", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}"#
        #expect(command("create table metrics \(body)") == .createTable(name: "metrics", definition: .object(jsonObject(body))))
        #expect(command("CREATE TABLE metrics $definition") == .createTable(name: "metrics", definition: .variable(v("definition"))))
    }

    // MARK: Items

    @Test func putWithJSON() {
        let item = #"{"entity_id": "stu_1", "health_score": 72}"#
        #expect(command("put metrics \(item)") == .put(PutCommand(table: "metrics", item: .json(jsonObject(item)))))
    }

    @Test func putWithAssignmentsOfEveryValueKind() {
        let text = #"put metrics entity_id="stu_1" entity_type=student score=72.5 active=true gone=false note=null tags=["a","b"] meta={"k":1} owner=$user raw='x y' "odd name"=1"#
        let expected = PutCommand(table: "metrics", item: .assignments([
            Assignment("entity_id", str("stu_1")),
            Assignment("entity_type", str("student")),
            Assignment("score", num("72.5")),
            Assignment("active", .bool(true)),
            Assignment("gone", .bool(false)),
            Assignment("note", .null),
            Assignment("tags", .json(json(#"["a","b"]"#))),
            Assignment("meta", .json(json(#"{"k":1}"#))),
            Assignment("owner", .variable(v("user"))),
            Assignment("raw", str("x y")),
            Assignment("odd name", num("1")),
        ]))
        #expect(command(text) == .put(expected))
        #expect(command("put t a = 1 b = 2") == .put(PutCommand(table: "t", item: .assignments([Assignment("a", num("1")), Assignment("b", num("2"))]))))
        #expect(command("get t id=1,type=student") == .get(GetCommand(table: "t", key: .assignments([Assignment("id", num("1")), Assignment("type", str("student"))]))))
        #expect(command("get t id=1, type=\"a, b\"") == .get(GetCommand(table: "t", key: .assignments([Assignment("id", num("1")), Assignment("type", str("a, b"))]))))
        #expect(command("put t at=2024-01-15T10:00:00Z") == .put(PutCommand(table: "t", item: .assignments([Assignment("at", str("2024-01-15T10:00:00Z"))]))))
    }

    @Test func putWithCondition() {
        #expect(command("put t $item if attribute_not_exists(entity_id)") ==
            .put(PutCommand(table: "t", item: .variable(v("item")), condition: .attributeNotExists("entity_id"))))
        #expect(command("put t id=1 if=2 if version = 3") ==
            .put(PutCommand(table: "t", item: .assignments([Assignment("id", num("1")), Assignment("if", num("2"))]),
                            condition: eq("version", num("3")))))
    }

    @Test func getStatements() {
        #expect(command(#"get metrics entity_id="stu_1" entity_type=student"#) == .get(GetCommand(
            table: "metrics", key: .assignments([Assignment("entity_id", str("stu_1")), Assignment("entity_type", str("student"))]))))
        let key = #"{"entity_id": "stu_1", "entity_type": "student"}"#
        #expect(command("get metrics \(key) select health_score, tags[0], meta.owner as owner") == .get(GetCommand(
            table: "metrics", key: .json(jsonObject(key)),
            projection: [
                ProjectionItem("health_score"),
                ProjectionItem(DocumentPath([.name("tags"), .index(0)])),
                ProjectionItem("meta.owner", alias: "owner"),
            ])))
    }

    @Test func deleteStatements() {
        #expect(command("delete t id=1") == .delete(DeleteCommand(table: "t", key: .assignments([Assignment("id", num("1"))]))))
        #expect(command("delete t id=1 if health_score <> 72") == .delete(DeleteCommand(
            table: "t", key: .assignments([Assignment("id", num("1"))]),
            condition: .compare(path("health_score"), .notEqual, val(num("72"))))))
    }

    @Test func updateWithEveryClause() {
        let text = """
            update metrics entity_id="stu_1" set health_score = health_score + 1, visits = if_not_exists(visits, 0) - $step, \
            history = list_append(history, [1, 2]), status = "active", copy = other.field[2] \
            remove stale, flags[2] add counter 5, tags ["x"] delete old_tags ["y"] if health_score >= 0
            """
        let expected = UpdateCommand(
            table: "metrics", key: .assignments([Assignment("entity_id", str("stu_1"))]),
            actions: UpdateActions(
                set: [
                    SetAssignment("health_score", .plus(.path("health_score"), .value(num("1")))),
                    SetAssignment("visits", .minus(.ifNotExists("visits", .value(num("0"))), .value(.variable(v("step"))))),
                    SetAssignment("history", .term(.listAppend(.path("history"), .value(.json(json("[1, 2]")))))),
                    SetAssignment("status", .term(.value(str("active")))),
                    SetAssignment("copy", .term(.path(DocumentPath([.name("other"), .name("field"), .index(2)])))),
                ],
                remove: ["stale", DocumentPath([.name("flags"), .index(2)])],
                add: [PathValue("counter", num("5")), PathValue("tags", .json(json(#"["x"]"#)))],
                delete: [PathValue("old_tags", .json(json(#"["y"]"#)))]),
            condition: .compare(path("health_score"), .greaterOrEqual, val(num("0"))))
        #expect(command(text) == .update(expected))
    }

    @Test func updateClausesInAnyOrder() {
        #expect(command("update t id=1 remove a set b = 1") == .update(UpdateCommand(
            table: "t", key: .assignments([Assignment("id", num("1"))]),
            actions: UpdateActions(set: [SetAssignment("b", .term(.value(num("1"))))], remove: ["a"]))))
    }

    @Test func aNegativeNumberAfterATermSubtracts() {
        guard case .update(let update)? = command("update t id=1 set a = a -1") else { return }
        #expect(update.actions.set == [SetAssignment("a", .minus(.path("a"), .value(num("1"))))])
        guard case .update(let other)? = command("update t id=1 set a = -1") else { return }
        #expect(other.actions.set == [SetAssignment("a", .term(.value(num("-1"))))])
    }

    // MARK: Reads

    @Test func queryWithEveryClause() {
        let text = """
            query iops-dashboard-metrics.EntityTypeHealthIndex where entity_type = "student" and health_score < 80 \
            filter status <> "inactive" select entity_id, health_score as score limit 25 desc all
            """
        let expected = QueryCommand(
            source: TableReference(table: "iops-dashboard-metrics", index: "EntityTypeHealthIndex"),
            keyCondition: .and([eq("entity_type", str("student")), .compare(path("health_score"), .less, val(num("80")))]),
            filter: .compare(path("status"), .notEqual, val(str("inactive"))),
            projection: [ProjectionItem("entity_id"), ProjectionItem("health_score", alias: "score")],
            limit: .literal(25), descending: true, all: true)
        #expect(command(text) == .query(expected))
    }

    @Test func queryClausesAfterWhereInAnyOrder() {
        #expect(command("query t where id = 1 all limit $2 asc") == .query(QueryCommand(
            source: TableReference(table: "t"), keyCondition: eq("id", num("1")), limit: .variable(.positional(2)), all: true)))
    }

    @Test func tableReferences() {
        func source(_ text: String) -> TableReference? {
            if case .scan(let scan)? = command("scan \(text)") { return scan.source }
            return nil
        }
        #expect(source("metrics") == TableReference(table: "metrics"))
        #expect(source("metrics.ByType") == TableReference(table: "metrics", index: "ByType"))
        #expect(source("metrics.by.type") == TableReference(table: "metrics", index: "by.type"))
        #expect(source("\"my.table\"") == TableReference(table: "my.table"))
        #expect(source("\"my.table\".ByType") == TableReference(table: "my.table", index: "ByType"))
        #expect(source("$t.ByType") == TableReference(table: ShellString(parts: [.variable(v("t"))]), index: "ByType"))
        #expect(source("t.$i") == TableReference(table: "t", index: ShellString(parts: [.variable(v("i"))])))
        #expect(source("2024-events") == TableReference(table: "2024-events"))
    }

    @Test func scanStatements() {
        #expect(command("scan metrics") == .scan(ScanCommand(source: TableReference(table: "metrics"))))
        #expect(command("scan metrics.ByType filter begins_with(entity_id, \"stu_\") select a limit 10 segments 4 all") ==
            .scan(ScanCommand(source: TableReference(table: "metrics", index: "ByType"),
                              filter: .beginsWith("entity_id", val(str("stu_"))),
                              projection: [ProjectionItem("a")], limit: .literal(10), segments: .literal(4), all: true)))
    }

    @Test func countStatements() {
        #expect(command("count metrics") == .count(CountCommand(source: TableReference(table: "metrics"))))
        #expect(command("count metrics.ByType where entity_type = student filter health_score < 70") ==
            .count(CountCommand(source: TableReference(table: "metrics", index: "ByType"),
                                keyCondition: .compare(path("entity_type"), .equal, path("student")),
                                filter: .compare(path("health_score"), .less, val(num("70"))))))
        #expect(command("count metrics filter a = 1") ==
            .count(CountCommand(source: TableReference(table: "metrics"), filter: eq("a", num("1")))))
    }

    // MARK: Files, explain, api, custom

    @Test func fileStatements() {
        #expect(command("batch put metrics ./data/items.jsonl") == .batchPut(table: "metrics", file: "./data/items.jsonl"))
        #expect(command("export metrics /tmp/metrics.json") == .export(table: "metrics", file: "/tmp/metrics.json"))
        #expect(command("import metrics \"/tmp/my file.json\"") == .import(table: "metrics", file: "/tmp/my file.json"))
    }

    @Test func explainAndAPI() {
        #expect(command("explain query t where id = 1") == .explain(.query(QueryCommand(source: TableReference(table: "t"), keyCondition: eq("id", num("1"))))))
        #expect(command("api ListTables") == .api(operation: "ListTables", body: nil))
        #expect(command(#"api DescribeTable {"TableName": "metrics"}"#) == .api(operation: "DescribeTable", body: .object(["TableName": .string("metrics")])))
    }

    @Test func customCommandsKeepTheirArguments() throws {
        #expect(command("metrics low-health --below 70 --format=json --since=2024-01-15 -v ./out.csv --dry-run") == .custom(CustomCommand(
            name: "metrics",
            arguments: [
                .value(str("low-health")), .flag("below", nil), .value(num("70")), .flag("format", str("json")),
                .flag("since", str("2024-01-15")), .value(str("-v")), .value(str("./out.csv")), .flag("dry-run", nil),
            ])))
        let statement = try #require(try parseScript("metrics low-health --below 70", file: "x").first)
        var texts: [String] = []
        for token in statement.tokens { texts.append(token.text) }
        #expect(texts == ["metrics", "low-health", "--below", "70"])
    }

    @Test func keywordsAreCaseInsensitive() {
        #expect(command("QUERY t WHERE a = 1 AND b BETWEEN 1 AND 2 FILTER NOT c IN (1) LIMIT 5 DESC") == .query(QueryCommand(
            source: TableReference(table: "t"),
            keyCondition: .and([eq("a", num("1")), .between(path("b"), low: val(num("1")), high: val(num("2")))]),
            filter: .not(.in(path("c"), [val(num("1"))])),
            limit: .literal(5), descending: true)))
    }

    @Test func reservedWordsAreFineAsNames() {
        #expect(condition("timestamp > 5 and size = 1 and data.name = \"x\" and status.count[0] = 2") == .and([
            .compare(path("timestamp"), .greater, val(num("5"))),
            eq("size", num("1")),
            eq("data.name", str("x")),
            .compare(.path(DocumentPath([.name("status"), .name("count"), .index(0)])), .equal, val(num("2"))),
        ]))
        #expect(condition("not = 1 and in = 2 or between between 1 and 2") == .or([
            .and([eq("not", num("1")), eq("in", num("2"))]),
            .between(path("between"), low: val(num("1")), high: val(num("2"))),
        ]))
    }

    @Test func statementsKnowWhereTheyStart() throws {
        let statements = try parseScript("tables\n\n  describe t; scan t", file: "s.iops")
        var places: [String] = []
        for statement in statements { places.append(statement.location.description) }
        #expect(places == ["s.iops:1:1", "s.iops:3:3", "s.iops:3:15"])
    }
}

import DynamoModel
import Testing
@testable import Shell

@Suite struct ItemFormatterTests {
    let items: [Item] = [
        ["entity_id": .s("stu_1"), "entity_type": .s("student"), "health_score": .n(try! DynamoNumber("72.50"))],
        ["entity_id": .s("stu_2"), "entity_type": .s("student"), "tags": .ss(["a", "b"]), "note": .s("say \"hi\", then\nleave")],
    ]

    @Test func jsonLinesKeepNumbersExact() {
        var formatter = ItemFormatter(format: .jsonl)
        let text = formatter.page([["n": .n(try! DynamoNumber("12345678901234567890123456789012345678"))]])
        #expect(text == "{\"n\":12345678901234567890123456789012345678}\n")
    }

    @Test func ddbJSONIsTyped() {
        var formatter = ItemFormatter(format: .ddbJSON)
        #expect(formatter.page([["a": .n(DynamoNumber(5))]]) == "{\"a\":{\"N\":\"5\"}}\n")
    }

    @Test func jsonIsOneArrayAcrossPages() throws {
        var formatter = ItemFormatter(format: .json)
        let text = formatter.page([items[0]]) + formatter.page([items[1]]) + formatter.finish()
        let parsed = try JSONValue.parse(text)
        #expect(parsed.arrayValue?.count == 2)
        var empty = ItemFormatter(format: .json)
        #expect(try JSONValue.parse(empty.page([]) + empty.finish()) == .array([]))
        #expect(ItemFormatter(format: .json).finish() == "[]\n")
    }

    @Test func csvQuotesPerRFC4180AndPutsKeysFirst() {
        var formatter = ItemFormatter(format: .csv, keyNames: ["entity_id", "entity_type"])
        let text = formatter.page(items) + formatter.page([["entity_id": .s("stu_3"), "extra": .s("dropped")]])
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "entity_id,entity_type,health_score,note,tags")
        #expect(lines[1] == "stu_1,student,72.5,,")
        #expect(lines[2] == "stu_2,student,,\"say \"\"hi\"\", then\nleave\",\"[\"\"a\"\",\"\"b\"\"]\"")
        #expect(lines[3] == "stu_3,,,,")
    }

    @Test func tableAlignsAndCutsToWidth() {
        var formatter = ItemFormatter(format: .table, keyNames: ["entity_id", "entity_type"], width: 60)
        let text = formatter.page(items)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("entity_id  entity_type"))
        #expect(lines.allSatisfy { $0.count <= 60 })
        #expect(text.contains("…"))
    }

    @Test func tableEscapesControlCharactersAndKeepsColumnsAcrossPages() {
        var formatter = ItemFormatter(format: .table, keyNames: ["entity_id"])
        let first = formatter.page([items[1]])
        #expect(first.contains("say \"hi\", then\\nleave"))
        let second = formatter.page([items[0]])
        #expect(!second.contains("entity_id"))
        #expect(second.split(separator: "\n").count == 1)
    }
}

@Suite struct ColorTests {
    @Test func colorBoldsTheHeaderOnlyWhenOn() async throws {
        let shell = try ShellHarness(format: .table)
        try await shell.run(ShellHarness.metrics)
        try await shell.run("put metrics entity_id=stu_1 entity_type=student health_score=5; scan metrics")
        #expect(!shell.out.contains("\u{1b}"))
        try await shell.run("set color on; scan metrics")
        #expect(shell.out.hasPrefix("\u{1b}[1mentity_id  entity_type  health_score\u{1b}[0m\n---------"))
        try await shell.run("set color off; scan metrics")
        #expect(!shell.out.contains("\u{1b}"))
        #expect(try await shell.run("set color purple") == .failed)
        #expect(shell.err.contains("color is on or off, not 'purple'"))
    }
}

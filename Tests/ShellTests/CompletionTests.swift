import Testing
@testable import Shell

@Suite struct CompletionTests {
    @Test func offersCommandsTablesIndexesAndAttributes() async throws {
        let shell = try ShellHarness()
        try await shell.run(ShellHarness.metrics)
        try await shell.run("put metrics entity_id=stu_1 entity_type=student health_score=72 ib_calls_14d=3")
        let model = CompletionModel()
        await model.refresh(from: shell.session)

        #expect(model.candidates("").contains("query"))
        #expect(model.candidates("qu").contains("query"))
        #expect(model.candidates("describe ") == ["metrics"])
        #expect(model.candidates("query me").contains("metrics.ByHealth"))
        let afterTable = model.candidates("query metrics.ByHealth where ")
        #expect(afterTable.contains("where") && afterTable.contains("ib_calls_14d") && afterTable.contains("health_score"))
        #expect(model.candidates("set format ").contains("jsonl"))
        #expect(model.candidates("drop ") == ["table"])
    }
}

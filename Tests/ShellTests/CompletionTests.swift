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

    @Test func offersPluginCommandsOptionsAndEnumValues() async throws {
        let shell = try await ShellHarness.withPlugins()
        try await shell.run("metrics put stu_1 student health_score=72")
        let model = CompletionModel()
        await model.refresh(from: shell.session)
        #expect(model.candidates("me").contains("metrics"))
        #expect(model.candidates("metrics ").contains("low-health"))
        #expect(model.candidates("metrics low-health ") == ["--type", "--below"])
        #expect(model.candidates("metrics low-health --type ") == ["student", "tutor", "subject", "region"])
        #expect(model.candidates("metrics put stu_1 ").contains("tutor"))
        #expect(model.candidates("metrics put stu_1 student ").contains("health_score="))
        #expect(model.candidates("metrics put stu_1 student entity_type=t") == ["entity_type=student", "entity_type=tutor", "entity_type=subject", "entity_type=region"])
        #expect(model.candidates("query metr").contains("metrics.EntityTypeHealthIndex"))
        #expect(model.candidates("query metrics where ").contains("health_score"))
        #expect(model.candidates("help metrics ").contains("recent"))
        #expect(model.candidates("schema ") == ["deploy", "diff", "doc", "cfn"])
        #expect(model.candidates("tail ").contains("metrics"))
        #expect(model.candidates("set expired ") == ["hide", "show"])
    }
}

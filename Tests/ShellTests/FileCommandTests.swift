import DynamoAPI
import DynamoModel
import Foundation
import Testing
@testable import Shell

@Suite struct FileCommandTests {
    @Test func exportThenImportLosesNothing() async throws {
        let shell = try ShellHarness()
        try await shell.run(ShellHarness.metrics)
        try await shell.run("""
            put metrics {"entity_id": "a", "entity_type": "student", "health_score": 12345678901234567890.123456789, "tags": [1, "x", {"k": null}]}
            put metrics entity_id=b entity_type=tutor health_score=1.50 note="tab\\there"
            update metrics entity_id=b entity_type=tutor add colours ["red", "blue"]
            """)
        #expect(shell.err == "")
        let file = shell.directory.appendingPathComponent("backup.jsonl").path
        try await shell.run("export metrics \"\(file)\"")
        #expect(shell.err.contains("exported 2 items"))
        let before = try shell.engine.scan(ScanInput(tableName: "metrics")).items ?? []

        try await shell.run("drop table metrics\n" + ShellHarness.metrics)
        try await shell.run("import metrics \"\(file)\"")
        #expect(shell.err.contains("wrote 2 items"))
        let after = try shell.engine.scan(ScanInput(tableName: "metrics")).items ?? []
        #expect(Set(after) == Set(before))
        #expect(after.contains { $0["colours"] == .ss(["red", "blue"]) })
    }

    @Test func batchPutReadsPlainJSONLinesInBatches() async throws {
        let shell = try ShellHarness()
        try await shell.run(ShellHarness.metrics)
        var lines = ""
        for i in 0..<60 { lines += "{\"entity_id\": \"s\(i % 55)\", \"entity_type\": \"student\", \"health_score\": \(i)}\n" }
        let file = shell.directory.appendingPathComponent("items.jsonl")
        try lines.write(to: file, atomically: true, encoding: .utf8)
        try await shell.run("batch put metrics \"\(file.path)\"; count metrics")
        #expect(shell.out == "55\n")
        try await shell.run("get metrics entity_id=s3 entity_type=student select health_score")
        #expect(shell.out == "{\"health_score\":58}\n")
    }

    @Test func aBadLineStopsTheLoadBeforeAnythingIsWritten() async throws {
        let shell = try ShellHarness()
        try await shell.run(ShellHarness.metrics)
        let file = shell.directory.appendingPathComponent("bad.jsonl")
        var lines = ""
        for i in 0..<40 { lines += "{\"entity_id\": \"s\(i)\", \"entity_type\": \"student\"}\n" }
        lines += "{\"entity_id\": \"s40\", \"entity_type\": \"student\",}\n"
        try lines.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try await shell.run("batch put metrics \"\(file.path)\"", file: "load.iops")
        #expect(outcome == .failed)
        #expect(shell.err.contains("bad.jsonl:41:"))
        #expect(try shell.engine.scan(ScanInput(tableName: "metrics")).count == 0)

        try "{\"entity_id\": 7, \"entity_type\": \"student\"}\n".write(to: file, atomically: true, encoding: .utf8)
        try await shell.run("batch put metrics \"\(file.path)\"")
        #expect(shell.err.contains("bad.jsonl:1: entity_id must be of type S, not N"))
        try await shell.run("import metrics \"\(shell.directory.path)/missing.jsonl\"")
        #expect(shell.err.contains("cannot read"))
    }
}

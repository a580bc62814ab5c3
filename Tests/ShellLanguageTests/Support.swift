import DynamoModel
import Testing
@testable import ShellLanguage

// Shared helpers for the ShellLanguage tests.

/// Parses text that should hold exactly one statement and returns its command.
func command(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Command? {
    do {
        let statements = try parseScript(text, file: "test.iops")
        guard statements.count == 1 else {
            Issue.record("expected one statement, got \(statements.count): \(statements)", sourceLocation: sourceLocation)
            return nil
        }
        return statements[0].command
    } catch {
        Issue.record("\(text.debugDescription) should parse:\n\(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Parses a script that should be valid and returns its commands.
func commands(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Command] {
    do {
        var out: [Command] = []
        for statement in try parseScript(text, file: "test.iops") { out.append(statement.command) }
        return out
    } catch {
        Issue.record("\(text.debugDescription) should parse:\n\(error)", sourceLocation: sourceLocation)
        return []
    }
}

/// The diagnostic parsing `text` throws, or nil (recorded as an issue) when it parses.
func parseError(_ text: String, file: String = "test.iops", sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
    do {
        let statements = try parseScript(text, file: file)
        Issue.record("\(text.debugDescription) should not parse, got \(statements)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// The condition of `query t where CONDITION`.
func condition(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ShellCondition? {
    guard case .query(let query)? = command("query t where \(text)", sourceLocation: sourceLocation) else {
        return nil
    }
    return query.keyCondition
}

/// JSON the test knows to be valid.
func json(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSONValue {
    do {
        return try JSONValue.parse(text)
    } catch {
        Issue.record("\(text) should parse as JSON: \(error)", sourceLocation: sourceLocation)
        return .null
    }
}

func jsonObject(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSONObject {
    json(text, sourceLocation: sourceLocation).objectValue ?? JSONObject()
}

// Short builders for expected trees.

func p(_ dotted: String) -> DocumentPath { DocumentPath(stringLiteral: dotted) }
func str(_ text: String) -> ShellValue { .string(ShellString(text)) }
func num(_ text: String) -> ShellValue { .number(text) }
func path(_ dotted: String) -> ShellOperand { .path(p(dotted)) }
func val(_ value: ShellValue) -> ShellOperand { .value(value) }
func v(_ name: String) -> VariableReference { .named(name, default: nil) }

func eq(_ name: String, _ value: ShellValue) -> ShellCondition { .compare(path(name), .equal, .value(value)) }

import DynamoModel
import PropertyBased
import Testing
@testable import ShellLanguage

/// Arbitrary and damaged input: the parser returns statements, `incomplete` or a diagnostic,
/// never crashes, and whatever it accepts prints back to the same trees.
@Suite struct RobustnessTests {
    typealias A = ShellArbitrary

    static let fragments = [
        "put", "get", "query", "scan", "update", "delete", "count", "echo", "let", "set", "create table", "explain",
        "t", "t.i", " where ", " filter ", " select ", " limit ", " if ", " set ", " remove ", " add ", " and ", " or ",
        " not ", " between ", " in ", "(", ")", "[", "]", "{", "}", "\"", "'", "$", "${x:-", "$1", "=", "<>", "<=",
        ",", ".", ":", "+", "-", "--flag=", "#", "\\", "\\\n", "\n", ";", "1", "-2.5e3", "a.b[0]", "size(",
        "attribute_exists(", "begins_with(", "if_not_exists(", "list_append(", "{\"a\": ", "[1, ", "é", "😀", "\u{0}",
        "\t", "\r\n", "true", "null", "as",
    ]

    /// Checks the parser's contract on one input.
    static func check(_ text: String) {
        let complete = isComplete(text)
        do {
            switch try parseInput(text, file: "fuzz") {
            case .incomplete(let diagnostic):
                #expect(!complete)
                checkDiagnostic(diagnostic, text)
            case .complete(let statements):
                #expect(complete)
                for statement in statements {
                    let printed = statement.command.description
                    do {
                        let again = try parseScript(printed, file: "printed")
                        #expect(again.count == 1 && again[0].command == statement.command,
                                "round trip of \(text.debugDescription) printed \(printed.debugDescription)")
                    } catch {
                        Issue.record("\(printed.debugDescription) (from \(text.debugDescription)) does not parse: \(error)")
                    }
                }
            }
        } catch {
            #expect(complete)
            checkDiagnostic(error, text)
        }
    }

    static func checkDiagnostic(_ diagnostic: Diagnostic, _ text: String) {
        #expect(diagnostic.line >= 1 && diagnostic.column >= 1, "\(text.debugDescription): \(diagnostic)")
        #expect(diagnostic.line <= text.utf8.count(where: { $0 == 0x0A }) + 1, "\(text.debugDescription): \(diagnostic)")
        #expect(!diagnostic.description.isEmpty)
    }

    @Test func randomFragmentSoup() async {
        await propertyCheck(count: 4000, input: A.gen { rng -> String in
            var text = ""
            for _ in 0..<Int.random(in: 0...20, using: &rng) { text += A.pick(Self.fragments, &rng) }
            return text
        }) { text in
            Self.check(text)
        }
    }

    @Test func randomBytes() async {
        await propertyCheck(count: 2000, input: A.gen { rng -> String in
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...64, using: &rng) {
                bytes.append(A.chance(70, &rng) ? UInt8.random(in: 0x20...0x7E, using: &rng) : UInt8.random(in: 0...255, using: &rng))
            }
            return String(decoding: bytes, as: UTF8.self)
        }) { text in
            Self.check(text)
        }
    }

    /// Valid statements with characters inserted, deleted or replaced, or cut short.
    @Test func mutatedStatements() async {
        await propertyCheck(count: 4000, input: A.gen { rng -> String in
            var scalars = Array(A.command(&rng).description.unicodeScalars)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let position = Int.random(in: 0...scalars.count, using: &rng)
                let fragment = Array(A.pick(Self.fragments, &rng).unicodeScalars)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0:
                    scalars.insert(contentsOf: fragment, at: position)
                case 1:
                    if position < scalars.count { scalars.remove(at: position) }
                case 2:
                    if position < scalars.count { scalars.replaceSubrange(position...position, with: fragment) }
                default:
                    scalars = Array(scalars[0..<position])
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            return text
        }) { text in
            Self.check(text)
        }
    }

    /// Every prefix of a realistic script is complete, incomplete or wrong: never a crash.
    @Test func everyPrefixOfAScript() {
        let script = """
            # seed
            let table = iops-dashboard-metrics
            put $table {"entity_id": "stu_1",
                        "entity_type": "student", "health_score": 72}
            query $table.EntityTypeHealthIndex where entity_type = "student" and health_score < 80 \\
                filter (status <> 'inactive' or
                        size(notes) > 3) select entity_id, health_score as score limit ${n:-25} desc
            update $table entity_id="stu_1" entity_type=student set health_score = health_score + 1 remove stale
            metrics low-health --below=70
            """
        var prefix = ""
        for character in script {
            prefix.append(character)
            Self.check(prefix)
        }
    }

    @Test func largeInputsStayFast() throws {
        var script = ""
        for i in 0..<5000 {
            script += "put t {\"id\": \(i), \"tags\": [\"a\", \"b\"], \"note\": \"item \(i)\"} if attribute_not_exists(id)\n"
        }
        let clock = ContinuousClock()
        let started = clock.now
        let statements = try parseScript(script, file: "big")
        #expect(statements.count == 5000)
        #expect(clock.now - started < .seconds(10))
        let long = "query t where " + Array(repeating: "a = 1", count: 3000).joined(separator: " and ")
        guard case .query(let query) = try parseScript(long, file: "long")[0].command, case .and(let items) = query.keyCondition else {
            Issue.record("expected a query with an and")
            return
        }
        #expect(items.count == 3000)
    }
}

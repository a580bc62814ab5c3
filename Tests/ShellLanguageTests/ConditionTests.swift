import DynamoModel
import Testing
@testable import ShellLanguage

/// Conditions: DynamoDB's grammar and precedence, with inline values.
@Suite struct ConditionTests {
    let a1 = eq("a", num("1"))
    let b2 = eq("b", num("2"))
    let c3 = eq("c", num("3"))

    @Test func andBindsTighterThanOr() {
        #expect(condition("a = 1 or b = 2 and c = 3") == .or([a1, .and([b2, c3])]))
        #expect(condition("a = 1 and b = 2 or c = 3") == .or([.and([a1, b2]), c3]))
    }

    @Test func notBindsTighterThanAnd() {
        #expect(condition("not a = 1 and b = 2") == .and([.not(a1), b2]))
        #expect(condition("not a = 1 or b = 2") == .or([.not(a1), b2]))
        #expect(condition("not not a = 1") == .not(.not(a1)))
    }

    @Test func parenthesesGroup() {
        #expect(condition("(a = 1 or b = 2) and c = 3") == .and([.or([a1, b2]), c3]))
        #expect(condition("not (a = 1 and b = 2)") == .not(.and([a1, b2])))
        #expect(condition("a = 1 and (b = 2 and c = 3)") == .and([a1, .and([b2, c3])]))
        #expect(condition("((a = 1))") == a1)
    }

    @Test func chainsStayFlat() {
        #expect(condition("a = 1 and b = 2 and c = 3") == .and([a1, b2, c3]))
        #expect(condition("a = 1 or b = 2 or c = 3") == .or([a1, b2, c3]))
    }

    @Test func betweenTakesItsOwnAnd() {
        #expect(condition("a between 1 and 5 and b = 2") == .and([.between(path("a"), low: val(num("1")), high: val(num("5"))), b2]))
    }

    @Test func everyComparator() {
        let pairs: [(String, Comparator)] = [("=", .equal), ("<>", .notEqual), ("<", .less), ("<=", .lessOrEqual), (">", .greater), (">=", .greaterOrEqual)]
        for (text, comparator) in pairs {
            #expect(condition("a \(text) 1") == .compare(path("a"), comparator, val(num("1"))))
        }
    }

    @Test func inLists() {
        #expect(condition(#"status in ("a", 'b', $c, 4)"#) == .in(path("status"), [
            val(str("a")), val(str("b")), val(.variable(v("c"))), val(num("4")),
        ]))
    }

    @Test func functions() {
        #expect(condition("attribute_exists(a.b[1])") == .attributeExists(DocumentPath([.name("a"), .name("b"), .index(1)])))
        #expect(condition("attribute_not_exists(a)") == .attributeNotExists("a"))
        #expect(condition(#"attribute_type(a, "S")"#) == .attributeType("a", str("S")))
        #expect(condition(#"begins_with(id, "stu_")"#) == .beginsWith("id", val(str("stu_"))))
        #expect(condition("contains(tags, $tag)") == .contains("tags", val(.variable(v("tag")))))
        #expect(condition("size(notes) > 3") == .compare(.size("notes"), .greater, val(num("3"))))
        #expect(condition("BEGINS_WITH (id, other)") == .beginsWith("id", path("other")))
    }

    @Test func valuesAndPaths() {
        #expect(condition("a = b") == .compare(path("a"), .equal, path("b")))
        #expect(condition("a = true and b = NULL and c = false") == .and([eq("a", .bool(true)), eq("b", .null), eq("c", .bool(false))]))
        #expect(condition(#"a = {"x": [1]}"#) == eq("a", .json(json(#"{"x": [1]}"#))))
        #expect(condition("a = -2.5e3") == eq("a", num("-2.5e3")))
        #expect(condition("a = \"x $y\"") == eq("a", .string(ShellString(parts: [.text("x "), .variable(v("y"))]))))
        #expect(condition("a[0][1].b = 1") == .compare(.path(DocumentPath([.name("a"), .index(0), .index(1), .name("b")])), .equal, val(num("1"))))
    }

    @Test func conditionsMaySpanLinesInsideParentheses() {
        #expect(condition("(a = 1\n or b = 2)\n") == .or([a1, b2]))
    }
}

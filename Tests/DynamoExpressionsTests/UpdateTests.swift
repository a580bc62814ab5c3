import DynamoExpressions
import DynamoModel
import Testing

@Suite("Update expressions")
struct UpdateTests {
    let base: Item = ["pk": s("k"), "a": n(1), "s": s("hi")]

    @Test func setValuesPathsAndMerging() throws {
        var result = try update("SET b = :v, c = a", base, values: [":v": s("new")])
        #expect(result == ["pk": s("k"), "a": n(1), "s": s("hi"), "b": s("new"), "c": n(1)])
        result = try update("set #x = :v", [:], names: ["#x": "the name"], values: [":v": .bool(false)])
        #expect(result == ["the name": .bool(false)])
        // Whitespace and clause keyword case do not matter.
        result = try update("  sEt   a=:v  ", base, values: [":v": n(2)])
        #expect(result["a"] == n(2))
        // Empty lists, maps, strings and binaries are fine.
        result = try update("SET l = :l, m = :m, e = :e, z = :z", [:], values: [":l": .l([]), ":m": .m([:]), ":e": s(""), ":z": .b([])])
        #expect(result == ["l": .l([]), "m": .m([:]), "e": s(""), "z": .b([])])
    }

    @Test func operandsReadTheOriginalItem() throws {
        // "SET a = :v, b = a" copies the old a.
        let result = try update("SET a = :v, b = a", base, values: [":v": n(9)])
        #expect(result["a"] == n(9))
        #expect(result["b"] == n(1))
        // "REMOVE a SET b = a" still reads a.
        let moved = try update("REMOVE a SET b = a", base)
        #expect(moved == ["pk": s("k"), "s": s("hi"), "b": n(1)])
        // Copying a absent attribute is an error, even into itself.
        expectValidation("The provided expression refers to an attribute that does not exist in the item") {
            _ = try update("SET c = z", base)
        }
        expectValidation("The provided expression refers to an attribute that does not exist in the item") {
            _ = try update("SET z = z", base)
        }
        #expect(try update("SET a = a", base) == base)
    }

    @Test func arithmetic() throws {
        var result = try update("SET a = a + :v", base, values: [":v": n("1.5")])
        #expect(result["a"] == n("2.5"))
        result = try update("SET a = :v - a", base, values: [":v": n(10)])
        #expect(result["a"] == n(9))
        result = try update("SET b = :x + :y", base, values: [":x": n(4), ":y": n(3)])
        #expect(result["b"] == n(7))
        result = try update("SET b = (:x - :y)", base, values: [":x": n(4), ":y": n(3)])
        #expect(result["b"] == n(1))
        result = try update("SET b = (:x) - :y", base, values: [":x": n(4), ":y": n(3)])
        #expect(result["b"] == n(1))
        result = try update("SET c = if_not_exists(c, :zero) + :one", base, values: [":zero": n(0), ":one": n(1)])
        #expect(result["c"] == n(1))
        expectValidation("An operand in the update expression has an incorrect data type") {
            _ = try update("SET s = s + :v", base, values: [":v": n(1)])
        }
        expectValidation("The provided expression refers to an attribute that does not exist in the item") {
            _ = try update("SET q = q + :v", base, values: [":v": n(1)])
        }
        expectValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S") {
            _ = try update("SET b = :x + :y", base, values: [":x": s("dog"), ":y": n(3)])
        }
        expectValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -, operand type: L") {
            _ = try update("SET b = a - :y", base, values: [":y": .l([])])
        }
        // Exactly two operands.
        expectValidation(containing: "Invalid UpdateExpression: Syntax error; token: \"+\"") {
            _ = try update("SET b = :x + :y + :z", base, values: [":x": n(1), ":y": n(1), ":z": n(1)])
        }
        // + is not allowed inside a function argument.
        expectValidation(containing: "Syntax error; token: \"+\"") {
            _ = try update("SET c = if_not_exists(c, :x + :y)", base, values: [":x": n(1), ":y": n(1)])
        }
        // DynamoNumber's limits propagate.
        expectValidation(containing: "Number overflow") {
            _ = try update("SET b = :x + :x", base, values: [":x": n("9.9999999999999999999999999999999999999E+125")])
        }
    }

    @Test func ifNotExistsAndListAppend() throws {
        var result = try update("SET a = if_not_exists(a, :v), b = if_not_exists(b, :v)", base, values: [":v": n(7)])
        #expect(result["a"] == n(1))
        #expect(result["b"] == n(7))
        let listed: Item = ["l": .l([n(1)])]
        result = try update("SET l = list_append(l, :v)", listed, values: [":v": .l([n(2), n(3)])])
        #expect(result["l"] == .l([n(1), n(2), n(3)]))
        result = try update("SET l = list_append(:v, l)", listed, values: [":v": .l([n(0)])])
        #expect(result["l"] == .l([n(0), n(1)]))
        result = try update("SET m = list_append(if_not_exists(m, :empty), :v)", listed, values: [":empty": .l([]), ":v": .l([s("x")])])
        #expect(result["m"] == .l([s("x")]))
        expectValidation("The provided expression refers to an attribute that does not exist in the item") {
            _ = try update("SET x = list_append(absent, :v)", listed, values: [":v": .l([])])
        }
        expectValidation("An operand in the update expression has an incorrect data type") {
            _ = try update("SET x = list_append(a, :v)", base, values: [":v": .l([])])
        }
        expectValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S") {
            _ = try update("SET x = list_append(:l, :s)", base, values: [":l": .l([]), ":s": s("hi")])
        }
        expectValidation("Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1") {
            _ = try update("SET x = list_append(:l)", base, values: [":l": .l([])])
        }
        expectValidation("Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists") {
            _ = try update("SET x = if_not_exists(:a, :b)", base, values: [":a": n(1), ":b": n(2)])
        }
        expectValidation("Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append") {
            _ = try update("SET x = list_append(list_append(:a, :a), :a)", base, values: [":a": .l([])])
        }
        // Function names are case-sensitive; unknown functions are named in the error.
        expectValidation("Invalid UpdateExpression: Invalid function name; function: LIST_APPEND") {
            _ = try update("SET x = LIST_APPEND(:a, :a)", base, values: [":a": .l([])])
        }
        expectValidation("Invalid UpdateExpression: Invalid function name; function: f123_hi") {
            _ = try update("SET x = f123_hi(a, b)", base)
        }
    }

    @Test func removeTopLevelAndNested() throws {
        let item: Item = ["pk": s("k"), "a": .m(["b": n(3), "c": .l([s("hi"), .m(["x": .m(["y": .l([n(3), n(5), n(7)])]), "q": n(2)])])]), "d": n(1)]
        let result = try update("REMOVE a.c[1].x.y[1], a.c[1].q, d, absent", item)
        #expect(result == ["pk": s("k"), "a": .m(["b": n(3), "c": .l([s("hi"), .m(["x": .m(["y": .l([n(3), n(7)])])])])])])
        // Removing the only member leaves an empty map or list.
        #expect(try update("REMOVE a.b", ["a": .m(["b": n(1)])]) == ["a": .m([:])])
        #expect(try update("REMOVE a[0]", ["a": .l([n(1)])]) == ["a": .l([])])
        // Missing leaves and indexes past the end are ignored.
        let plain: Item = ["pk": s("k"), "a": .m(["x": n(3)]), "b": .l([s("hi")])]
        #expect(try update("REMOVE a.y, b[7], c", plain) == plain)
    }

    @Test func removeShiftsLaterElementsAndIndexesReferToTheOriginalList() throws {
        let item: Item = ["a": .l([n(2), n(3), n(4), n(5), n(6), n(7)])]
        #expect(try update("REMOVE a[1], a[3]", item) == ["a": .l([n(2), n(4), n(6), n(7)])])
        #expect(try update("REMOVE a[3], a[1]", item) == ["a": .l([n(2), n(4), n(6), n(7)])])
        let expected: Item = ["a": .l([n(2), n(4), n(17), n(6), n(7)])]
        #expect(try update("REMOVE a[1] SET a[3] = :v", item, values: [":v": n(17)]) == expected)
        #expect(try update("SET a[3] = :v REMOVE a[1]", item, values: [":v": n(17)]) == expected)
    }

    @Test func setListElementsAndAppendPastTheEnd() throws {
        let item: Item = ["a": .l([s("one"), s("two"), s("three")])]
        var result = try update("SET a[1] = :v", item, values: [":v": s("hello")])
        #expect(result["a"] == .l([s("one"), s("hello"), s("three")]))
        result = try update("SET a[7] = :v", item, values: [":v": s("hello")])
        #expect(result["a"] == .l([s("one"), s("two"), s("three"), s("hello")]))
        // Several elements past the end are appended in index order.
        result = try update("SET a[84] = :v1, a[37] = :v2, a[17] = :v3, a[50] = :v4", item,
                            values: [":v1": s("a1"), ":v2": s("a2"), ":v3": s("a3"), ":v4": s("a4")])
        #expect(result["a"] == .l([s("one"), s("two"), s("three"), s("a3"), s("a2"), s("a4"), s("a1")]))
    }

    @Test func nestedSet() throws {
        let item: Item = ["pk": s("k"), "a": .m(["b": n(3), "c": .l([s("hi"), .m(["x": .m(["y": .l([n(3), n(5), n(7)])])])])])]
        var result = try update("SET a.c[1].#n.y[1] = :v, a.z = :w", item, names: ["#n": "x"], values: [":v": n(9), ":w": s("new")])
        #expect(result["a"] == .m(["b": n(3), "z": s("new"), "c": .l([s("hi"), .m(["x": .m(["y": .l([n(3), n(9), n(7)])])])])]))
        // A nested value replaced by one of another type.
        result = try update("SET a.c = :v", item, values: [":v": n(7)])
        #expect(result["a"] == .m(["b": n(3), "c": n(7)]))
        // A deep path on the right-hand side.
        result = try update("SET z = a.c[1].x.y[2]", item)
        #expect(result["z"] == n(7))
        // A dot inside a placeholder's name is part of the name.
        result = try update("SET #ab = :v", [:], names: ["#ab": "a.b"], values: [":v": n(3)])
        #expect(result == ["a.b": n(3)])
    }

    @Test func invalidDocumentPaths() {
        let item: Item = ["pk": s("k"), "a": s("hello"), "b": .l([s("hi")])]
        let message = "The document path provided in the update expression is invalid for update"
        for text in ["SET a.c = :v", "SET b.c = :v", "SET c.c = :v", "SET a[0] = :v", "SET c[0] = :v", "SET b[5].x = :v",
                     "REMOVE a.c", "REMOVE b.c", "REMOVE c.c", "REMOVE a[0]", "REMOVE c[0]",
                     "ADD c.d :v", "ADD a.d :v"] {
            expectValidation(message) { _ = try update(text, item, values: [":v": n(7)]) }
        }
        // On an item that does not exist yet, SET still fails but REMOVE is ignored.
        expectValidation(message) { _ = try update("SET c.c = :v", [:], values: [":v": n(7)]) }
        #expect(throws: Never.self) { _ = try update("REMOVE x.y, z[0]", [:]) }
        // A caller that builds the new item with its key first says so explicitly.
        var attributes = ExpressionAttributes(names: nil, values: nil)
        let remove = try? UpdateExpression.parse("REMOVE x.y", attributes: &attributes)
        #expect(throws: Never.self) { _ = try remove?.apply(to: ["pk": s("k")], itemExists: false) }
        expectValidation(message) { _ = try remove?.apply(to: ["pk": s("k")], itemExists: true) }
    }

    @Test func addNumbersAndSets() throws {
        var result = try update("ADD a :v", base, values: [":v": n(4)])
        #expect(result["a"] == n(5))
        result = try update("ADD newnum :v", base, values: [":v": n(8)])
        #expect(result["newnum"] == n(8))
        result = try update("ADD fresh :v", [:], values: [":v": .ss(["cat"])])
        #expect(result == ["fresh": .ss(["cat"])])
        let tagged: Item = ["t": .ss(["beaver", "lynx", "coati"]), "nums": ns(1, 2), "m": .m(["count": n(1)])]
        result = try update("ADD t :v", tagged, values: [":v": .ss(["coati", "beaver", "badger"])])
        #expect(result["t"] == .ss(["beaver", "lynx", "coati", "badger"]))
        if case .ss(let members)? = result["t"] { #expect(members.count == 4) }
        result = try update("ADD nums :v", tagged, values: [":v": ns(2, 3)])
        #expect(result["nums"] == ns(1, 2, 3))
        result = try update("ADD m.#c :one", tagged, names: ["#c": "count"], values: [":one": n(1)])
        #expect(result["m"] == .m(["count": n(2)]))
        result = try update("ADD bs :v", [:], values: [":v": .bs([[1]])])
        #expect(result["bs"] == .bs([[1]]))
        // Type mismatches.
        expectValidation("An operand in the update expression has an incorrect data type") {
            _ = try update("ADD s :v", base, values: [":v": n(1)])
        }
        expectValidation("An operand in the update expression has an incorrect data type") {
            _ = try update("ADD t :v", tagged, values: [":v": ns(1)])
        }
        expectValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING") {
            _ = try update("ADD a :v", base, values: [":v": s("hello")])
        }
        expectValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST") {
            _ = try update("ADD a :v", base, values: [":v": .l([n(1)])])
        }
        expectValidation(containing: "Syntax error") {
            _ = try update("ADD a b", base)
        }
    }

    @Test func deleteFromSets() throws {
        let item: Item = ["pk": s("k"), "a": .ss(["dog", "cat", "mouse"]), "n": ns(1, 2, 3), "b": s("hi")]
        var result = try update("DELETE a :v", item, values: [":v": .ss(["cat", "mouse"])])
        #expect(result["a"] == .ss(["dog"]))
        result = try update("DELETE a :v", item, values: [":v": .ss(["pig"])])
        #expect(result["a"] == item["a"])
        // Emptying the set removes the attribute.
        result = try update("DELETE a :v, n :w", item, values: [":v": .ss(["dog", "cat", "mouse"]), ":w": ns(2)])
        #expect(result == ["pk": s("k"), "n": ns(1, 3), "b": s("hi")])
        // Deleting from a absent attribute does nothing.
        #expect(try update("DELETE zz :v", item, values: [":v": .ss(["x"])]) == item)
        expectValidation("An operand in the update expression has an incorrect data type") {
            _ = try update("DELETE a :v", item, values: [":v": ns(1)])
        }
        expectValidation("An operand in the update expression has an incorrect data type") {
            _ = try update("DELETE b :v", item, values: [":v": .ss(["h"])])
        }
        expectValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: STRING") {
            _ = try update("DELETE a :v", item, values: [":v": s("hello")])
        }
        expectValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER") {
            _ = try update("DELETE a :v", item, values: [":v": n(1)])
        }
        // A list element that is a set.
        let nested: Item = ["l": .l([.ss(["x"]), .ss(["y", "z"])])]
        #expect(try update("DELETE l[1] :v", nested, values: [":v": .ss(["z"])]) == ["l": .l([.ss(["x"]), .ss(["y"])])])
        #expect(try update("DELETE l[0] :v", nested, values: [":v": .ss(["x"])]) == ["l": .l([.ss(["y", "z"])])])
    }

    @Test func clausesInAnyOrderEachOnce() throws {
        let result = try update("DELETE t :d ADD n :one REMOVE r SET s = :s", ["t": .ss(["a", "b"]), "n": n(1), "r": n(0)],
                                values: [":d": .ss(["a"]), ":one": n(1), ":s": s("x")])
        #expect(result == ["t": .ss(["b"]), "n": n(2), "s": s("x")])
        expectValidation("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;") {
            _ = try update("SET a = :v SET b = :v", [:], values: [":v": n(1)])
        }
        expectValidation("Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update expression;") {
            _ = try update("remove a SET b = :v REMOVE c", [:], values: [":v": n(1)])
        }
        expectValidation(containing: "Invalid UpdateExpression: Syntax error; token: \"HELLO\"") {
            _ = try update("HELLO b = :v", [:], values: [":v": n(1)])
        }
        expectValidation("Invalid UpdateExpression: The expression can not be empty;") {
            _ = try update("", [:])
        }
    }

    @Test func overlappingAndConflictingPaths() {
        expectValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]") {
            _ = try update("SET a = :v, a.b = :v", [:], values: [":v": n(1)])
        }
        expectValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]") {
            _ = try update("SET a = :v REMOVE a", [:], values: [":v": n(1)])
        }
        expectValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]") {
            _ = try update("SET #a1 = :v, #a2 = :v", [:], names: ["#a1": "a", "#a2": "a"], values: [":v": n(1)])
        }
        for text in ["SET a.b = :v, a = :v", "SET a[1] = :v, a[1][1] = :v", "SET a.b.c = :v, a.b = :v", "ADD a :v DELETE a :s"] {
            expectValidation(containing: "Two document paths overlap with each other") {
                _ = try update(text, [:], values: [":v": n(1), ":s": .ss(["x"])])
            }
        }
        expectValidation("Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]") {
            _ = try update("SET a.b = :v, a[1] = :v", [:], values: [":v": n(1)])
        }
        // Siblings are fine.
        #expect(throws: Never.self) {
            _ = try update("SET a.b = :v, a.c.d = :v, b.x = :v REMOVE a.x, b.y",
                           ["a": .m(["x": n(3), "c": .m([:])]), "b": .m(["x": n(1), "y": n(2)])], values: [":v": n(1)])
        }
    }

    @Test func updateErrorsAndPlaceholders() {
        expectValidation("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: count") {
            _ = try update("SET count = :v", [:], values: [":v": n(1)])
        }
        expectValidation("Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #name") {
            _ = try update("SET #name = :v", [:], names: ["#wrong": "x"], values: [":v": n(1)])
        }
        expectValidation("Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :val1") {
            _ = try update("SET b = :val1", [:], values: [":val2": n(1)])
        }
        for text in ["SET :a = :b", "SET a[:xyz] = :b", "SET a[#xyz] = :b", "SET _a = :b", "SET 123 = :b", "SET a = _f(b)", "SET a = :b,"] {
            expectValidation(containing: "Syntax error") {
                _ = try update(text, [:], names: ["#xyz": "x"], values: [":a": n(1), ":b": n(1), ":xyz": n(1)])
            }
        }
    }

    @Test func updatedNames() throws {
        var attributes = ExpressionAttributes(names: ["#p": "pk"], values: [":v": n(1), ":s": .ss(["x"])])
        let expression = try UpdateExpression.parse("SET a.b = :v, #p = c REMOVE d[1] ADD e :v DELETE f.g :s", attributes: &attributes)
        #expect(expression.updatedTopLevelNames == ["a", "pk", "d", "e", "f"])
        #expect(expression.updatedPaths.map(\.description) == ["a.b", "pk", "d[1]", "e", "f.g"])
        #expect(throws: Never.self) { try attributes.checkAllUsed() }
    }
}

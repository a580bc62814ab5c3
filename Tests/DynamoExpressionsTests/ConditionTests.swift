import DynamoExpressions
import DynamoModel
import Testing

@Suite("Condition evaluation")
struct ConditionEvaluationTests {
    let item: Item = [
        "pk": s("user#1"),
        "n": n(5),
        "str": s("hello"),
        "bin": b(1, 2, 3),
        "flag": .bool(true),
        "nothing": .null,
        "list": .l([n(1), s("two"), .ss(["x", "y"])]),
        "map": .m(["nest": .m(["deep": n(42)]), "arr": .l([n(10), n(20)])]),
        "tags": .ss(["red", "green"]),
        "nums": ns(1, 2, 3),
        "blobs": .bs([[1], [2, 3]]),
    ]

    @Test func equalityAcrossTypes() {
        #expect(holds("n = :v", item, values: [":v": n("5.0")]))
        #expect(holds("str = :v", item, values: [":v": s("hello")]))
        #expect(holds("bin = :v", item, values: [":v": b(1, 2, 3)]))
        #expect(holds("flag = :v", item, values: [":v": .bool(true)]))
        #expect(holds("#n = :v", item, names: ["#n": "nothing"], values: [":v": .null]))
        #expect(holds("tags = :v", item, values: [":v": .ss(["green", "red"])]))
        #expect(holds("nums = :v", item, values: [":v": ns(3, 1, 2)]))
        #expect(holds("#l = :v", item, names: ["#l": "list"], values: [":v": .l([n(1), s("two"), .ss(["y", "x"])])]))
        #expect(holds("#m.nest = :v", item, names: ["#m": "map"], values: [":v": .m(["deep": n(42)])]))
        // Different types never match, even when they print alike.
        #expect(!holds("n = :v", item, values: [":v": s("5")]))
        #expect(!holds("tags = :v", item, values: [":v": .l([s("red"), s("green")])]))
        #expect(!holds("flag = :v", item, values: [":v": n(1)]))
    }

    /// DynamoDB: `<>` is true when the types differ and when either side is absent (even both);
    /// `=` and the ordering operators are false when either side is absent.
    @Test func notEqualWithDifferentTypesAndMissingAttributes() {
        #expect(holds("n <> :v", item, values: [":v": s("5")]))
        #expect(holds("n <> :v", item, values: [":v": n(6)]))
        #expect(!holds("n <> :v", item, values: [":v": n(5)]))
        #expect(holds("absent <> :v", item, values: [":v": n(1)]))
        #expect(holds("absent <> gone", item))
        #expect(!holds("absent = gone", item))
        #expect(!holds("absent = :v", item, values: [":v": .null]))
        for op in ["<", "<=", ">", ">="] {
            #expect(!holds("absent \(op) :v", item, values: [":v": n(1)]))
            #expect(!holds(":v \(op) absent", item, values: [":v": n(1)]))
            #expect(!holds("absent \(op) gone", item))
        }
    }

    @Test func numberOrdering() {
        #expect(holds("n < :v", item, values: [":v": n(6)]))
        #expect(holds("n <= :v", item, values: [":v": n("5.00")]))
        #expect(holds("n > :v", item, values: [":v": n("-100")]))
        #expect(holds("n >= :v", item, values: [":v": n("4.99999999999999999999999")]))
        #expect(!holds("n > :v", item, values: [":v": n("1E2")]))
        #expect(holds(":v < n", item, values: [":v": n("-0.5")]))
        // Mixed types are simply false.
        #expect(!holds("n < :v", item, values: [":v": s("9")]))
        #expect(!holds("str > :v", item, values: [":v": n(1)]))
        // An item attribute of a non-orderable type is a false comparison, not an error.
        #expect(!holds("#l < :v", item, names: ["#l": "list"], values: [":v": n(1)]))
    }

    /// Strings order by UTF-8 bytes: "e\u{301}" (e + combining accent) sorts before "é" and is
    /// not equal to it, although Swift's `String ==` says they are equal.
    @Test func stringsCompareByUTF8Bytes() {
        let decomposed = "e\u{301}"
        let precomposed = "\u{E9}"
        let item: Item = ["a": s(decomposed), "z": s("Z"), "small": s("a"), "emoji": s("\u{1F600}"), "cjk": s("\u{FF61}")]
        #expect(holds("a < :v", item, values: [":v": s(precomposed)]))
        #expect(!holds("a = :v", item, values: [":v": s(precomposed)]))
        #expect(holds("a <> :v", item, values: [":v": s(precomposed)]))
        // Upper case sorts before small case; prefixes sort first.
        #expect(holds("z < small", item))
        #expect(holds("small < :v", item, values: [":v": s("ab")]))
        // U+FF61 (EF BD A1) < U+1F600 (F0 9F 98 80) in UTF-8 (UTF-16 would order them the other way).
        #expect(holds("cjk < emoji", item))
    }

    @Test func binaryOrdering() {
        let item: Item = ["a": b(0x7F), "c": b(0x80), "d": b(0x80, 0x00)]
        #expect(holds("a < c", item))
        #expect(holds("c < d", item))
        #expect(holds("a BETWEEN :lo AND :hi", item, values: [":lo": b(0x00), ":hi": b(0x7F)]))
    }

    @Test func between() {
        #expect(holds("n BETWEEN :a AND :b", item, values: [":a": n(1), ":b": n(5)]))
        #expect(holds("n BETWEEN :a AND :b", item, values: [":a": n(5), ":b": n(5)]))
        #expect(!holds("n BETWEEN :a AND :b", item, values: [":a": n(6), ":b": n(10)]))
        #expect(holds("str between :a and :b", item, values: [":a": s("h"), ":b": s("i")]))
        #expect(!holds("str BETWEEN :a AND :b", item, values: [":a": n(1), ":b": n(10)]))
        #expect(!holds("absent BETWEEN :a AND :b", item, values: [":a": n(1), ":b": n(10)]))
        // Bounds from the item: a reversed range is just false.
        #expect(!holds("n BETWEEN :a AND #x", item, names: ["#x": "n"], values: [":a": n(9)]))
    }

    @Test func inList() {
        #expect(holds("n IN (:a, :b)", item, values: [":a": s("x"), ":b": n(5)]))
        #expect(!holds("n in (:a)", item, values: [":a": n(4)]))
        #expect(holds("str IN (str)", item))
        #expect(!holds("absent IN (:a)", item, values: [":a": .null]))
        #expect(holds("tags IN (:a)", item, values: [":a": .ss(["green", "red"])]))
        // 99 values plus the left operand is DynamoDB's maximum.
        var values: [String: AttributeValue] = [:]
        for index in 0..<99 { values[":v\(index)"] = n(index) }
        let list = (0..<99).map { ":v\($0)" }.joined(separator: ", ")
        #expect(holds("n IN (\(list))", item, values: values))
    }

    @Test func existenceAndType() {
        #expect(holds("attribute_exists(n)", item))
        #expect(holds("attribute_exists(#m.nest.deep)", item, names: ["#m": "map"]))
        #expect(holds("attribute_exists(#m.arr[1])", item, names: ["#m": "map"]))
        #expect(!holds("attribute_exists(#m.arr[2])", item, names: ["#m": "map"]))
        #expect(!holds("attribute_exists(n.x)", item))
        #expect(holds("attribute_not_exists(absent)", item))
        #expect(holds("attribute_not_exists(#m.nope)", item, names: ["#m": "map"]))
        #expect(!holds("attribute_not_exists(#n)", item, names: ["#n": "nothing"]))
        let types: [(String, String)] = [
            ("n", "N"), ("str", "S"), ("bin", "B"), ("flag", "BOOL"), ("#x", "NULL"), ("#l", "L"),
            ("#m", "M"), ("tags", "SS"), ("nums", "NS"), ("blobs", "BS"),
        ]
        for (path, type) in types {
            let names = ["#x": "nothing", "#l": "list", "#m": "map"].filter { path.hasPrefix($0.key) }
            #expect(holds("attribute_type(\(path), :t)", item, names: names.isEmpty ? nil : names, values: [":t": s(type)]))
            #expect(!holds("attribute_type(\(path), :t)", item, names: names.isEmpty ? nil : names, values: [":t": s(type == "S" ? "N" : "S")]))
        }
        #expect(!holds("attribute_type(absent, :t)", item, values: [":t": s("S")]))
        // The first operand may be a value too.
        #expect(holds("attribute_type(:v, :t)", item, values: [":v": n(1), ":t": s("N")]))
    }

    @Test func beginsWith() {
        #expect(holds("begins_with(str, :p)", item, values: [":p": s("hel")]))
        #expect(holds("begins_with(str, :p)", item, values: [":p": s("")]))
        #expect(!holds("begins_with(str, :p)", item, values: [":p": s("help")]))
        #expect(holds("begins_with(bin, :p)", item, values: [":p": b(1, 2)]))
        #expect(!holds("begins_with(bin, :p)", item, values: [":p": s("a")]))
        #expect(!holds("begins_with(n, :p)", item, values: [":p": s("5")]))
        #expect(!holds("begins_with(absent, :p)", item, values: [":p": s("5")]))
        #expect(holds("begins_with(:whole, str)", item, values: [":whole": s("hello world")]))
    }

    @Test func contains() {
        #expect(holds("contains(str, :v)", item, values: [":v": s("ell")]))
        #expect(!holds("contains(str, :v)", item, values: [":v": s("xyz")]))
        #expect(holds("contains(bin, :v)", item, values: [":v": b(2, 3)]))
        #expect(holds("contains(tags, :v)", item, values: [":v": s("red")]))
        #expect(!holds("contains(tags, :v)", item, values: [":v": s("blue")]))
        #expect(holds("contains(nums, :v)", item, values: [":v": n("2.0")]))
        #expect(!holds("contains(nums, :v)", item, values: [":v": s("2")]))
        #expect(holds("contains(blobs, :v)", item, values: [":v": b(2, 3)]))
        #expect(holds("contains(#l, :v)", item, names: ["#l": "list"], values: [":v": s("two")]))
        #expect(holds("contains(#l, :v)", item, names: ["#l": "list"], values: [":v": .ss(["y", "x"])]))
        #expect(!holds("contains(#l, :v)", item, names: ["#l": "list"], values: [":v": s("tw")]))
        #expect(!holds("contains(n, :v)", item, values: [":v": n(5)]))
        #expect(!holds("contains(absent, :v)", item, values: [":v": n(5)]))
        #expect(!holds("contains(str, absent)", item))
    }

    /// size(): UTF-16 code units of a string (what DynamoDB counts), bytes of a binary, members
    /// of a set, list or map; undefined (comparison false) for numbers, booleans and null.
    @Test func size() {
        let item: Item = [
            "s": s("hello"), "u": s("\u{E9}\u{1D11E}"), "b": b(1, 2, 3, 4), "ss": .ss(["a", "b", "c"]),
            "l": .l([n(1), n(2)]), "m": .m(["a": n(1)]), "num": n(5), "t": .bool(true), "z": .null,
        ]
        #expect(holds("size(s) = :v", item, values: [":v": n(5)]))
        #expect(holds("size(u) = :v", item, values: [":v": n(3)]))
        #expect(holds("size(b) = :v", item, values: [":v": n(4)]))
        #expect(holds("size(ss) = :v", item, values: [":v": n(3)]))
        #expect(holds("size(l) = :v", item, values: [":v": n(2)]))
        #expect(holds("size(m) = :v", item, values: [":v": n(1)]))
        #expect(!holds("size(num) = :v", item, values: [":v": n(1)]))
        #expect(!holds("size(t) = :v", item, values: [":v": n(1)]))
        #expect(!holds("size(z) = :v", item, values: [":v": n(1)]))
        #expect(!holds("size(absent) = :v", item, values: [":v": n(0)]))
        #expect(holds("size(absent) <> :v", item, values: [":v": n(0)]))
        #expect(holds("size(s) > :v", item, values: [":v": n("4.5")]))
        #expect(holds("size(s) < :v", item, values: [":v": n("5.5")]))
        #expect(holds("size(s) >= :v", item, values: [":v": n("-1E100")]))
        #expect(holds("size(s) < :v", item, values: [":v": n("1E100")]))
        #expect(holds("size(s) BETWEEN :a AND :b", item, values: [":a": n(5), ":b": n(9)]))
        #expect(holds("size(s) = num", item))
        #expect(holds("size(s) > size(l)", item))
        #expect(holds("size(s) IN (:a, :b)", item, values: [":a": n(1), ":b": n(5)]))
        #expect(!holds("size(s) = :v", item, values: [":v": s("5")]))
        #expect(holds("contains(:list, size(s))", item, values: [":list": .l([n(5)])]))
    }

    @Test func booleanLogicAndPrecedence() {
        let t = ":t"
        let values: [String: AttributeValue] = [":t": n(5), ":f": n(6)]
        #expect(holds("n = \(t) AND attribute_exists(str)", item, values: values))
        #expect(!holds("n = :f AND n = :t", item, values: values))
        #expect(holds("n = :f OR n = :t", item, values: values))
        #expect(holds("NOT n = :f", item, values: values))
        #expect(!holds("not n = :t", item, values: values))
        #expect(holds("NOT NOT n = :t", item, values: values))
        // AND binds tighter than OR.
        #expect(holds("n = :t OR n = :f AND n = :f", item, values: values))
        #expect(!holds("(n = :t OR n = :f) AND n = :f", item, values: values))
        // NOT binds tighter than AND.
        #expect(!holds("NOT n = :t AND n = :t", item, values: values))
        #expect(holds("NOT (n = :f AND n = :t)", item, values: values))
        #expect(holds("(n = :t) aNd (str <> :t)", item, values: values))
        #expect(holds("(n) = :t", item, values: values))
        #expect(holds("n = (:t)", item, values: values))
        #expect(holds("attribute_exists(n) AND NOT attribute_exists(absent) OR n = :f", item, values: values))
    }

    @Test func nestedPathsAndPlaceholders() {
        let names = ["#m": "map", "#i": "nest", "#d": "deep"]
        #expect(holds("#m.#i.#d = :v", item, names: names, values: [":v": n(42)]))
        #expect(holds("#m.arr[0] < #m.arr[1]", item, names: ["#m": "map"]))
        #expect(holds("#m . arr [ 1 ] = :v", item, names: ["#m": "map"], values: [":v": n(20)]))
        // A placeholder is one whole name, dots included.
        let dotted: Item = ["a.b": n(1), "a": .m(["b": n(2)])]
        #expect(holds("#ab = :one", dotted, names: ["#ab": "a.b"], values: [":one": n(1)]))
        #expect(holds("a.b = :two", dotted, values: [":two": n(2)]))
        // Names that are reserved words are fine through placeholders.
        let reserved: Item = ["status": s("open"), "timestamp": n(1)]
        #expect(holds("#s = :v AND #t > :zero", reserved, names: ["#s": "status", "#t": "timestamp"], values: [":v": s("open"), ":zero": n(0)]))
    }

    @Test func referencedTopLevelNames() throws {
        let expression = try condition(
            "a.b = :v AND #c[1] > :v OR size(d) > :v AND attribute_exists(e) AND contains(#f, :v)",
            names: ["#c": "cee", "#f": "eff"], values: [":v": n(1)])
        #expect(expression.referencedTopLevelNames == ["a", "cee", "d", "e", "eff"])
    }

    @Test func evaluatesConcurrently() async throws {
        let expression = try condition("n BETWEEN :a AND :b AND contains(tags, :t)", values: [":a": n(1), ":b": n(9), ":t": s("red")])
        let item = self.item
        let results = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var count = 0
                    for _ in 0..<1000 where expression.evaluate(item) { count += 1 }
                    return count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(results == 8000)
    }

    @Test func keywordsAreCaseInsensitiveButFunctionNamesAreNot() {
        let values: [String: AttributeValue] = [":a": n(1), ":b": n(9)]
        #expect(holds("n bEtWeEn :a AnD :b Or NoT n In (:a)", item, values: values))
        // DynamoDB treats function names as case-sensitive.
        expectValidation("Invalid ConditionExpression: Invalid function name; function: BEGINS_WITH") {
            _ = try condition("BEGINS_WITH(str, :p)", values: [":p": s("h")])
        }
        expectValidation("Invalid ConditionExpression: Invalid function name; function: Attribute_Exists") {
            _ = try condition("Attribute_Exists(str)")
        }
    }
}

import DynamoExpressions
import DynamoModel
import Testing

/// A small deterministic generator, so a failure reproduces.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Robustness")
struct FuzzTests {
    static let names: [String: String] = ["#n": "n", "#m": "map", "#l": "list", "#s": "status", "#x": "a.b", "#0": "zero"]
    static let values: [String: AttributeValue] = [
        ":v": n(5), ":w": s("hello"), ":a": n(1), ":b": n(9), ":s": s("he"), ":l": .l([n(1), s("x")]),
        ":m": .m(["k": n(1)]), ":ss": .ss(["a", "b"]), ":ns": ns(1, 2), ":bs": .bs([[1]]), ":bin": b(1, 2),
        ":t": s("N"), ":bool": .bool(true), ":null": .null, ":big": n("9.9999999999999999999999999999999999999E+125"),
        ":empty": .l([]), ":zero": n(0),
    ]
    static let items: [Item] = [
        [:],
        ["pk": s("p"), "sk": n(1), "n": n(5), "a": .m(["b": .l([n(1), n(2)])]), "list": .l([n(1), .ss(["x"])]),
         "map": .m(["k": n(1), "nest": .m(["z": s("deep")])]), "status": s("open"), "s": s("hello"), "t": .ss(["a"])],
        ["pk": s("q"), "n": s("not a number"), "list": s("not a list"), "map": .l([]), "a": n(3)],
    ]

    static let corpus: [String] = [
        "#n = :v", "a.b[1] < :a AND NOT attribute_exists(x)", "n BETWEEN :a AND :b OR n IN (:a, :b, :v)",
        "begins_with(s, :s) AND contains(#l, :a)", "size(s) > :a AND attribute_type(n, :t)", "((n = :v) OR (s <> :w))",
        "#m.nest.z = :w", "SET n = n + :a, #l[3] = :v REMOVE a.b[0] ADD t :ss DELETE u :ss",
        "SET x = list_append(if_not_exists(x, :empty), :l), y = :v - n", "pk = :w AND sk BETWEEN :a AND :b",
        "pk = :w AND begins_with(sk, :s)", "a, b.c, #l[0], #m.nest", "NOT (a = :v AND b <> :w) OR c >= :b",
    ]

    static let fragments: [String] = [
        " ", "(", ")", "[", "]", ",", ".", "=", "<>", "<", "<=", ">", ">=", "+", "-", "AND", "OR", "NOT", "BETWEEN",
        "IN", "SET", "REMOVE", "ADD", "DELETE", "size(", "contains(", "begins_with(", "attribute_exists(",
        "attribute_type(", "if_not_exists(", "list_append(", ":v", ":w", ":l", ":ss", ":absent", "#n", "#m",
        "#absent", "a", "b", "n", "timestamp", "[0]", "[99999999999999999999]", "[1]", "0", "#", ":", "_", "é",
        "\u{1F600}", "\"", "'", "\\", "\0", "\n", "((((", "))))", "e\u{301}", "\u{FFFD}",
    ]

    /// Runs every parser on `text`; whatever parses is also exercised on sample items. Only
    /// values or DynamoErrors may come out (typed throws); the point is that nothing traps.
    static func exercise(_ text: String) -> Int {
        var parsed = 0
        var attributes = ExpressionAttributes(names: names, values: values)
        if let condition = try? ConditionExpression.parse(text, attributes: &attributes) {
            parsed += 1
            for item in items { _ = condition.evaluate(item) }
        }
        if let update = try? UpdateExpression.parse(text, attributes: &attributes) {
            parsed += 1
            for item in items { _ = try? update.apply(to: item) }
        }
        if let projection = try? ProjectionExpression.parse(text, attributes: &attributes) {
            parsed += 1
            for item in items { _ = projection.project(item) }
        }
        if let key = try? KeyCondition.parse(text, partitionKey: "pk", sortKey: "sk", attributes: &attributes) {
            parsed += 1
            for item in items { _ = key.matches(item) }
        }
        _ = try? KeyCondition.parse(text, partitionKey: "pk", sortKey: nil, attributes: &attributes)
        _ = try? attributes.checkAllUsed()
        return parsed
    }

    @Test func corpusParses() {
        for text in Self.corpus {
            #expect(Self.exercise(text) > 0, "\(text)")
        }
    }

    @Test func mutatedExpressionsNeverCrash() {
        var generator = SplitMix64(state: 0xD1A5_EED5)
        var parsedCount = 0
        for _ in 0..<3000 {
            var scalars = Array((Self.corpus.randomElement(using: &generator) ?? "").unicodeScalars)
            let mutations = Int.random(in: 1...4, using: &generator)
            for _ in 0..<mutations {
                let position = scalars.isEmpty ? 0 : Int.random(in: 0...scalars.count, using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: // insert a fragment
                    let fragment = Self.fragments.randomElement(using: &generator) ?? ""
                    scalars.insert(contentsOf: fragment.unicodeScalars, at: position)
                case 1: // delete a run
                    if !scalars.isEmpty {
                        let start = min(position, scalars.count - 1)
                        let end = min(scalars.count, start + Int.random(in: 1...6, using: &generator))
                        scalars.removeSubrange(start..<end)
                    }
                case 2: // replace one scalar with a random ASCII character
                    if !scalars.isEmpty {
                        let index = min(position, scalars.count - 1)
                        scalars[index] = Unicode.Scalar(UInt8.random(in: 0...127, using: &generator))
                    }
                case 3: // duplicate a run
                    if !scalars.isEmpty {
                        let start = min(position, scalars.count - 1)
                        let end = min(scalars.count, start + Int.random(in: 1...10, using: &generator))
                        scalars.insert(contentsOf: scalars[start..<end], at: start)
                    }
                default: // splice with another corpus entry
                    let other = Array((Self.corpus.randomElement(using: &generator) ?? "").unicodeScalars)
                    let cut = Int.random(in: 0...other.count, using: &generator)
                    scalars = Array(scalars[..<min(position, scalars.count)]) + other[cut...]
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            parsedCount += Self.exercise(text)
        }
        // Some mutants stay valid; most do not.
        #expect(parsedCount > 0)
    }

    @Test func randomStringsNeverCrash() {
        var generator = SplitMix64(state: 42)
        for _ in 0..<2000 {
            let count = Int.random(in: 0...40, using: &generator)
            var text = ""
            for _ in 0..<count {
                if Bool.random(using: &generator) {
                    text += Self.fragments.randomElement(using: &generator) ?? ""
                } else {
                    let value = UInt32.random(in: 0...0x2FF, using: &generator)
                    text.unicodeScalars.append(Unicode.Scalar(value) ?? "?")
                }
            }
            _ = Self.exercise(text)
        }
    }

    @Test func pathologicalInputsNeverCrash() {
        let inputs = [
            String(repeating: "(", count: 100_000),
            String(repeating: "(", count: 4000),
            String(repeating: ")", count: 4000),
            String(repeating: "NOT ", count: 1000),
            String(repeating: "a.", count: 2000) + "a",
            String(repeating: "a[0]", count: 1000),
            "a = " + String(repeating: "size(", count: 1000),
            "SET a = " + String(repeating: "if_not_exists(a, ", count: 500) + ":v" + String(repeating: ")", count: 500),
            String(repeating: "a = :v AND ", count: 350) + "a = :v",
            String(repeating: "a, ", count: 1300) + "b",
            "a[2147483648] = :v", "a[2147483647] = :v", "SET a[2147483647] = :v", "REMOVE a[9223372036854775807]",
            "\u{0}", "\u{FEFF}a = :v", "a\u{0}= :v", String(repeating: "\u{1F600}", count: 1024),
        ]
        for text in inputs { _ = Self.exercise(text) }
    }
}

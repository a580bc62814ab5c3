import DynamoModel
import PropertyBased
import Testing

@Suite("AttributeValue: equality, hashing, sizes")
struct AttributeValueTests {
    @Test("Type descriptors and type predicates")
    func typeDescriptors() {
        let values: [(AttributeValue, String, Bool, Bool)] = [
            (.s("a"), "S", true, false), (.n(DynamoNumber(1)), "N", true, false), (.b([1]), "B", true, false),
            (.bool(true), "BOOL", false, false), (.null, "NULL", false, false), (.l([]), "L", false, false),
            (.m([:]), "M", false, false), (.ss(["a"]), "SS", false, true), (.ns([DynamoNumber(1)]), "NS", false, true),
            (.bs([[1]]), "BS", false, true),
        ]
        for (value, descriptor, isKey, isSet) in values {
            #expect(value.typeDescriptor == descriptor)
            #expect(value.isKeyType == isKey)
            #expect(value.isSet == isSet)
        }
        #expect(Set(values.map(\.1)) == AttributeValue.typeDescriptors)
        #expect(AttributeValue.typeDescriptors.count == 10)
    }

    @Test("Accessors return the payload of the matching case only")
    func accessors() {
        #expect(AttributeValue.s("x").stringValue == "x")
        #expect(AttributeValue.n(DynamoNumber(3)).numberValue == DynamoNumber(3))
        #expect(AttributeValue.m(["a": .null]).mapValue == ["a": .null])
        #expect(AttributeValue.l([.null]).listValue == [.null])
        #expect(AttributeValue.n(DynamoNumber(3)).stringValue == nil)
        #expect(AttributeValue.s("3").numberValue == nil)
        #expect(AttributeValue.l([]).mapValue == nil)
        #expect(AttributeValue.m([:]).listValue == nil)
    }

    @Test("Sets compare and hash as sets, whatever the order")
    func setsIgnoreOrder() {
        let pairs: [(AttributeValue, AttributeValue)] = [
            (.ss(["a", "b", "c"]), .ss(["c", "a", "b"])),
            (.ns([num("1"), num("2.5"), num("-3")]), .ns([num("-3"), num("2.50"), num("1.0")])),
            (.bs([[1, 2], [], [3]]), .bs([[3], [1, 2], []])),
        ]
        for (a, b) in pairs {
            #expect(a == b)
            #expect(hashOf(a) == hashOf(b))
            #expect(Set([a, b]).count == 1)
        }
        #expect(AttributeValue.ss(["a", "b"]) != .ss(["a"]))
        #expect(AttributeValue.ss(["a", "b"]) != .ss(["a", "c"]))
        #expect(AttributeValue.ns([num("1")]) != .ns([num("2")]))
        #expect(AttributeValue.bs([[1]]) != .bs([[1], [2]]))
        // Lists are ordered.
        #expect(AttributeValue.l([.s("a"), .s("b")]) != .l([.s("b"), .s("a")]))
    }

    @Test("Sets holding repeats still hash consistently with ==")
    func setsWithRepeats() {
        // DynamoDB refuses such sets on input, but the enum can hold them; == and hash must agree.
        let a = AttributeValue.ss(["x", "x", "y"])
        let b = AttributeValue.ss(["x", "y", "y"])
        if a == b { #expect(hashOf(a) == hashOf(b)) }
        let c = AttributeValue.ns([num("1"), num("1.0"), num("2")])
        let d = AttributeValue.ns([num("1"), num("2"), num("2")])
        if c == d { #expect(hashOf(c) == hashOf(d)) }
        let e = AttributeValue.bs([[1], [1], [2]])
        let f = AttributeValue.bs([[1], [2], [2]])
        if e == f { #expect(hashOf(e) == hashOf(f)) }
    }

    @Test("Strings compare by UTF-8 bytes, not by Unicode canonical equivalence")
    func stringsCompareBytes() {
        let precomposed = "\u{E9}"
        let decomposed = "e\u{301}"
        #expect(precomposed == decomposed, "Swift's String == uses canonical equivalence")
        #expect(AttributeValue.s(precomposed) != .s(decomposed))
        #expect(hashOf(AttributeValue.s(precomposed)) != hashOf(AttributeValue.s(decomposed)))
        #expect(Set([AttributeValue.s(precomposed), .s(decomposed)]).count == 2)
        #expect(AttributeValue.s(precomposed) == .s("\u{E9}"))
        #expect(AttributeValue.ss([precomposed]) != .ss([decomposed]))
        #expect(AttributeValue.ss([precomposed, decomposed]) == .ss([decomposed, precomposed]))
        #expect(AttributeValue.l([.s(precomposed)]) != .l([.s(decomposed)]))
        // Map keys are attribute names: bytes too.
        #expect(AttributeValue.m([precomposed: .null]) != .m([decomposed: .null]))
        #expect(AttributeValue.m(["a": .s(precomposed)]) != .m(["a": .s(decomposed)]))
        #expect(AttributeValue.m([precomposed: .null]) == .m([precomposed: .null]))
    }

    @Test("Different types are never equal")
    func typesDiffer() {
        let values: [AttributeValue] = [
            .s("1"), .n(DynamoNumber(1)), .b(Array("1".utf8)), .bool(true), .null, .l([]), .m([:]),
            .ss(["1"]), .ns([DynamoNumber(1)]), .bs([Array("1".utf8)]), .l([.s("1")]), .bool(false),
        ]
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                #expect((a == b) == (i == j), "\(a) vs \(b)")
            }
        }
    }

    @Test("Numbers compare by value inside values")
    func numbersByValue() {
        #expect(AttributeValue.n(num("1.50")) == .n(num("1.5")))
        #expect(AttributeValue.l([.n(num("1e3"))]) == .l([.n(num("1000"))]))
        #expect(AttributeValue.m(["a": .n(num("-0"))]) == .m(["a": .n(.zero)]))
        #expect(hashOf(AttributeValue.n(num("1e3"))) == hashOf(AttributeValue.n(num("1000.000"))))
    }

    @Test("Value sizes as DynamoDB counts them")
    func valueSizes() {
        #expect(AttributeValue.s("").size == 0)
        #expect(AttributeValue.s("abc").size == 3)
        #expect(AttributeValue.s("\u{E9}").size == 2)
        #expect(AttributeValue.s("e\u{301}").size == 3)
        #expect(AttributeValue.s("😀").size == 4)
        #expect(AttributeValue.s("中文").size == 6)
        #expect(AttributeValue.b([]).size == 0)
        #expect(AttributeValue.b([0, 1, 2, 255]).size == 4)
        #expect(AttributeValue.bool(false).size == 1)
        #expect(AttributeValue.null.size == 1)
        #expect(AttributeValue.n(num("123")).size == 3)
        #expect(AttributeValue.n(num("-123")).size == 4)
        #expect(AttributeValue.n(num("0")).size == 1)
        // Lists and maps: 3 bytes, plus 1 per element, plus contents (and key bytes for maps).
        #expect(AttributeValue.l([]).size == 3)
        #expect(AttributeValue.m([:]).size == 3)
        #expect(AttributeValue.l([.s("a"), .n(num("1"))]).size == 3 + (1 + 1) + (1 + 2))
        #expect(AttributeValue.m(["ab": .s("c")]).size == 3 + 1 + 2 + 1)
        #expect(AttributeValue.m(["é": .null, "x": .bool(true)]).size == 3 + (1 + 2 + 1) + (1 + 1 + 1))
        #expect(AttributeValue.l([.l([]), .m([:])]).size == 3 + (1 + 3) + (1 + 3))
        #expect(AttributeValue.l([.l([.s("abc")])]).size == 3 + 1 + (3 + 1 + 3))
        // Sets: sum of members.
        #expect(AttributeValue.ss(["a", "bc", "é"]).size == 1 + 2 + 2)
        #expect(AttributeValue.ns([num("1"), num("-12345")]).size == 2 + (1 + 3 + 1))
        #expect(AttributeValue.bs([[1, 2], [3]]).size == 3)
    }

    @Test("Item size: UTF-8 name bytes plus value sizes")
    func itemSize() {
        let item: Item = [
            "id": .s("user#1"),            // 2 + 6
            "age": .n(num("42")),          // 3 + 2
            "ok": .bool(true),             // 2 + 1
            "名前": .s("ボブ"),             // 6 + 6
            "tags": .ss(["a", "b"]),       // 4 + 2
            "doc": .m(["k": .l([.null])]), // 3 + (3 + 1 + 1 + (3 + 1 + 1))
        ]
        #expect(item.itemSize == 8 + 5 + 3 + 12 + 6 + (3 + 3 + 1 + 1 + 3 + 1 + 1))
        #expect(Item().itemSize == 0)
        #expect(["a": AttributeValue.s(String(repeating: "x", count: 400_000))].itemSize == 400_001)
    }

    @Test("Limits are DynamoDB's")
    func limits() {
        #expect(ItemLimits.maxItemSize == 400 * 1024)
        #expect(ItemLimits.maxPartitionKeySize == 2048)
        #expect(ItemLimits.maxSortKeySize == 1024)
        #expect(ItemLimits.maxDepth == 32)
    }

    @Test("Property: equality is reflexive and a copy hashes the same")
    func reflexive() async {
        await propertyCheck(count: 300, input: Gens.attributeValue) { value throws in
            let copy = value
            #expect(value == copy)
            #expect(hashOf(value) == hashOf(copy))
        }
    }

    static func shuffled(_ value: AttributeValue, _ rng: inout some RandomNumberGenerator) -> AttributeValue {
        switch value {
        case .ss(let s): return .ss(s.shuffled(using: &rng))
        case .ns(let s): return .ns(s.shuffled(using: &rng).map { try! DynamoNumber(Random.spelling(of: $0, using: &rng)) })
        case .bs(let s): return .bs(s.shuffled(using: &rng))
        case .l(let l): return .l(l.map { Self.shuffled($0, &rng) })
        case .m(let m): return .m(m.mapValues { Self.shuffled($0, &rng) })
        default: return value
        }
    }

    @Test("Property: shuffling set members (at any depth) keeps the value and its hash")
    func shuffledSets() async {
        let gen = generator { (rng: inout SplitMix64) -> (AttributeValue, AttributeValue) in
            let value = Random.attributeValue(depth: 3, using: &rng)
            return (value, Self.shuffled(value, &rng))
        }
        await propertyCheck(count: 300, input: gen) { value, reordered throws in
            #expect(value == reordered)
            #expect(hashOf(value) == hashOf(reordered))
            #expect(value.size == reordered.size)
        }
    }

    @Test("Property: values that differ are unequal and (practically always) hash differently")
    func hashIffEqual() async {
        await propertyCheck(count: 500, input: Gens.attributeValue, Gens.attributeValue) { a, b throws in
            if a == b {
                #expect(hashOf(a) == hashOf(b))
            } else {
                #expect(hashOf(a) != hashOf(b), "\(a) vs \(b)")
            }
            #expect((a == b) == (b == a))
        }
    }
}

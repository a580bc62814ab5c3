import DynamoExpressions
import DynamoModel
import Testing

@Suite("Expression attributes")
struct ExpressionAttributesTests {
    @Test func unusedPlaceholdersAreReportedAcrossExpressions() throws {
        var attributes = ExpressionAttributes(
            names: ["#a": "a", "#b": "b", "#unused": "u"],
            values: [":v": n(1), ":w": n(2), ":x": n(3), ":y": n(4)])
        _ = try ConditionExpression.parse("#a = :v", attributes: &attributes)
        _ = try UpdateExpression.parse("SET #b = :w", attributes: &attributes)
        #expect(attributes.usedNames == ["#a", "#b"])
        #expect(attributes.usedValues == [":v", ":w"])
        #expect(attributes.unusedNames == ["#unused"])
        expectValidation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}") {
            try attributes.checkAllUsed()
        }
        var onlyValues = ExpressionAttributes(names: ["#a": "a"], values: [":b": n(1), ":a": n(1), ":c": n(2)])
        _ = try ConditionExpression.parse("#a = :c", attributes: &onlyValues)
        expectValidation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :b}") {
            try onlyValues.checkAllUsed()
        }
        var all = ExpressionAttributes(names: nil, values: [":v": n(1)])
        _ = try KeyCondition.parse("p = :v", partitionKey: "p", sortKey: nil, attributes: &all)
        #expect(throws: Never.self) { try all.checkAllUsed() }
        #expect(throws: Never.self) { try ExpressionAttributes(names: nil, values: nil).checkAllUsed() }
    }

    @Test func failedParsesDoNotMarkPlaceholdersUsed() {
        var attributes = ExpressionAttributes(names: ["#a": "a"], values: [":v": n(1)])
        #expect(throws: DynamoError.self) { _ = try ConditionExpression.parse("#a = :v AND", attributes: &attributes) }
        #expect(attributes.usedNames.isEmpty)
    }

    @Test func keyValidation() {
        expectValidation("ExpressionAttributeNames must not be empty") {
            try ExpressionAttributes(names: [:], values: nil).validateKeys()
        }
        expectValidation("ExpressionAttributeValues must not be empty") {
            try ExpressionAttributes(names: nil, values: [:]).validateKeys()
        }
        expectValidation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"") {
            try ExpressionAttributes(names: ["#a-b": "x"], values: nil).validateKeys()
        }
        expectValidation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"") {
            try ExpressionAttributes(names: ["a": "x"], values: nil).validateKeys()
        }
        expectValidation("ExpressionAttributeValues contains invalid key: Syntax error; key: \":\"") {
            try ExpressionAttributes(names: nil, values: [":": n(1)]).validateKeys()
        }
        #expect(throws: Never.self) {
            try ExpressionAttributes(names: ["#_1a": "x"], values: [":0": n(1)]).validateKeys()
        }
    }
}

@Suite("Reserved words")
struct ReservedWordsTests {
    @Test func fullListFromTheDeveloperGuide() {
        #expect(ReservedWords.all.count == 573)
        #expect(Set(ReservedWords.all).count == 573)
        #expect(ReservedWords.all == ReservedWords.all.sorted())
        #expect(ReservedWords.all.first == "ABORT")
        #expect(ReservedWords.all.last == "ZONE")
    }

    @Test func caseInsensitiveLookup() {
        for word in ["timestamp", "TTL", "Status", "name", "count", "data", "date", "key", "size", "value", "year", "flattern", "inNter"] {
            #expect(ReservedWords.contains(word), "\(word)")
        }
        for word in ["pk", "sk", "id", "email", "", "time_stamp", "namé", "name1", "is_active"] {
            #expect(!ReservedWords.contains(word), "\(word)")
        }
    }
}

@Suite("Attribute paths")
struct AttributePathTests {
    @Test func descriptionsAndLookup() {
        let path = AttributePath([.name("a"), .name("b"), .index(0), .name("c")])
        #expect(path.description == "a.b[0].c")
        #expect(path.bracketDescription == "[a, b, [0], c]")
        #expect(path.topLevelName == "a")
        let item: Item = ["a": .m(["b": .l([.m(["c": n(1)])])])]
        #expect(path.value(in: item) == n(1))
        #expect(AttributePath([.name("a"), .name("x")]).value(in: item) == nil)
        #expect(AttributePath(name: "a").value(in: item) == item["a"])
    }
}

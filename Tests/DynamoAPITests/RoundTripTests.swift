import DynamoAPI
import DynamoModel
import Testing

@Suite struct RoundTripTests {
    @Test(arguments: Samples.all.map(\.description))
    func roundTrip(_ name: String) throws {
        let sample = try #require(Samples.all.first { $0.description == name })
        try checkRoundTrip(sample.type, parse(sample.text))
    }

    @Test func everyOperationHasARequestAndAResponseSample() {
        let names = Set(Samples.all.map(\.description))
        for operation in Operation.allCases {
            #expect(names.contains("\(operation.rawValue)Input"), "no sample for \(operation.rawValue)Input")
            #expect(names.contains("\(operation.rawValue)Output"), "no sample for \(operation.rawValue)Output")
        }
        #expect(names.count == Samples.all.count, "two samples of one shape")
    }

    /// The samples set every member of every shape somewhere, so the round trips above cover
    /// every member's codec.
    @Test func samplesCoverEveryMember() throws {
        var coverage = MemberCoverage()
        for sample in Samples.all {
            coverage.walk(try sample.type.init(json: parse(sample.text)))
        }
        #expect(coverage.uncovered == [])
        #expect(coverage.members.count >= 80, "walked \(coverage.members.count) shapes")
    }

    @Test func nilMembersAreOmitted() {
        let input = GetItemInput(tableName: "t", key: ["pk": .s("a")])
        #expect(input.json.compactText == #"{"TableName":"t","Key":{"pk":{"S":"a"}}}"#)
        #expect(TagResourceOutput().json.compactText == "{}")
        #expect(QueryOutput(items: [], count: 0, scannedCount: 0).json.compactText == #"{"Items":[],"Count":0,"ScannedCount":0}"#)
    }

    @Test func nullMembersReadAsAbsent() throws {
        let input = try QueryInput(json: parse(#"{"TableName": "t", "IndexName": null, "Limit": null}"#))
        #expect(input == QueryInput(tableName: "t"))
    }

    @Test func numbersInItemsStayExact() throws {
        let text = #"{"TableName":"t","Item":{"n":{"N":"123456789012345678901234567890.12345678"}}}"#
        let input = try PutItemInput(json: parse(text))
        #expect(input.json.compactText == text)
    }

    @Test func attributeNamesAreNeverTransformed() throws {
        let text = #"""
            {"TableName": "t", "Key": {"Weird Name.with#chars": {"S": "x"}, "lower": {"S": "y"}},
             "ExpressionAttributeNames": {"#A": "Weird Name.with#chars"}}
            """#
        let input = try GetItemInput(json: parse(text))
        #expect(Set(input.key.keys) == ["Weird Name.with#chars", "lower"])
        #expect(input.expressionAttributeNames == ["#A": "Weird Name.with#chars"])
    }

    @Test func integersAcceptIntegralNumberForms() throws {
        #expect(try ListTablesInput(json: parse(#"{"Limit": 3.0}"#)).limit == 3)
        #expect(try ListTablesInput(json: parse(#"{"Limit": 3E1}"#)).limit == 30)
    }

    @Test func timestampsAreEpochSeconds() throws {
        let output = try DescribeTableOutput(json: parse(#"{"Table": {"CreationDateTime": 1.36372808007E9}}"#))
        #expect(output.table?.creationDateTime == 1_363_728_080.07)
        #expect(output.json.compactText == #"{"Table":{"CreationDateTime":1363728080.07}}"#)
        #expect(TableDescription(creationDateTime: 1_700_000_000).json.compactText == #"{"CreationDateTime":1700000000}"#)
    }
}

import DynamoModel
import Foundation
import PropertyBased
import Testing

@Suite("DynamoDB JSON codec")
struct DynamoJSONCodecTests {
    @Test("Every type encodes to DynamoDB JSON and decodes back", arguments: [
        (#"{"S":"hello"}"#, AttributeValue.s("hello")),
        (#"{"S":""}"#, .s("")),
        (#"{"S":"café \"q\" \\ \n\u0001"}"#, .s("café \"q\" \\ \n\u{1}")),
        (#"{"N":"1.5"}"#, .n(try! DynamoNumber("1.5"))),
        (#"{"N":"-0.00012"}"#, .n(try! DynamoNumber("-0.00012"))),
        (#"{"B":"AAEC/w=="}"#, .b([0, 1, 2, 255])),
        (#"{"B":""}"#, .b([])),
        (#"{"BOOL":true}"#, .bool(true)),
        (#"{"BOOL":false}"#, .bool(false)),
        (#"{"NULL":true}"#, .null),
        (#"{"L":[]}"#, .l([])),
        (#"{"L":[{"S":"a"},{"N":"1"},{"L":[{"NULL":true}]}]}"#, .l([.s("a"), .n(DynamoNumber(1)), .l([.null])])),
        (#"{"M":{}}"#, .m([:])),
        (#"{"M":{"a":{"S":"x"},"b":{"M":{"c":{"BOOL":false}}}}}"#, .m(["a": .s("x"), "b": .m(["c": .bool(false)])])),
        (#"{"SS":["a","b"]}"#, .ss(["a", "b"])),
        (#"{"NS":["1","2.5"]}"#, .ns([DynamoNumber(1), try! DynamoNumber("2.5")])),
        (#"{"BS":["AQ==","AgM="]}"#, .bs([[1], [2, 3]])),
    ])
    func roundTrip(text: String, value: AttributeValue) throws {
        let decoded = try AttributeValue(dynamoJSON: JSONValue.parse(text))
        #expect(decoded == value)
        #expect(value.dynamoJSON.compactText == text)
        #expect(try AttributeValue(dynamoJSON: value.dynamoJSON) == value)
    }

    @Test("Numbers are normalised on the way in")
    func numbersNormalised() throws {
        #expect(dynamo(#"{"N":"1.50"}"#) == .n(num("1.5")))
        #expect(dynamo(#"{"N":"1.50"}"#).dynamoJSON.compactText == #"{"N":"1.5"}"#)
        #expect(dynamo(#"{"N":"1e3"}"#).dynamoJSON.compactText == #"{"N":"1000"}"#)
        #expect(dynamo(#"{"N":"-0"}"#).dynamoJSON.compactText == #"{"N":"0"}"#)
        #expect(dynamo(#"{"NS":["1.50","2"]}"#).dynamoJSON.compactText == #"{"NS":["1.5","2"]}"#)
    }

    @Test("Items encode with attributes in name order")
    func itemsSorted() throws {
        let item: Item = ["b": .n(DynamoNumber(2)), "a": .s("x"), "c": .m(["z": .null, "y": .bool(true)])]
        #expect(item.dynamoJSON.compactText == #"{"a":{"S":"x"},"b":{"N":"2"},"c":{"M":{"y":{"BOOL":true},"z":{"NULL":true}}}}"#)
        #expect(try Item(dynamoJSON: item.dynamoJSON) == item)
        #expect(try Item(dynamoJSON: json("{}")) == [:])
    }

    @Test("An item must be a JSON object")
    func itemMustBeObject() throws {
        for text in ["[]", "1", "\"x\"", "null", "true"] {
            let value = json(text)
            let error = try #require(dynamoError { () throws(DynamoError) in try Item(dynamoJSON: value) })
            #expect(error.code == .serialization, "\(text)")
        }
    }

    @Test("Empty and multi-type attribute values use DynamoDB's wording")
    func emptyAndMultiType() throws {
        let empty = try #require(dynamoDecodeError("{}"))
        #expect(empty.code == .validation)
        #expect(empty.message == "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")

        let two = try #require(dynamoDecodeError(#"{"S":"a","N":"1"}"#))
        #expect(two.code == .validation)
        #expect(two.message == "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")

        // Nested too.
        #expect(dynamoDecodeError(#"{"L":[{}]}"#)?.message == empty.message)
        #expect(dynamoDecodeError(#"{"M":{"a":{}}}"#)?.message == empty.message)
        #expect(dynamoDecodeError(#"{"M":{"a":{"BOOL":true,"NULL":true}}}"#)?.message == two.message)
        #expect(dynamoDecodeError(#"{"X":"a"}"#)?.code == .validation)
        #expect(dynamoDecodeError(#"{"s":"a"}"#)?.code == .validation)
        #expect(dynamoDecodeError(#""a""#)?.code == .validation)
        #expect(dynamoDecodeError(#"[{"S":"a"}]"#)?.code == .validation)
    }

    @Test("Empty sets are ValidationExceptions with DynamoDB's wording", arguments: [
        (#"{"SS":[]}"#, "One or more parameter values were invalid: An string set  may not be empty"),
        (#"{"NS":[]}"#, "One or more parameter values were invalid: An number set  may not be empty"),
        (#"{"BS":[]}"#, "One or more parameter values were invalid: Binary sets should not be empty"),
        (#"{"L":[{"SS":[]}]}"#, "One or more parameter values were invalid: An string set  may not be empty"),
    ])
    func emptySets(text: String, message: String) throws {
        let error = try #require(dynamoDecodeError(text))
        #expect(error.code == .validation)
        #expect(error.message == message)
    }

    @Test("Duplicate set members are ValidationExceptions with DynamoDB's wording", arguments: [
        (#"{"SS":["a","a"]}"#, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."),
        (#"{"SS":["a","b","a"]}"#, "One or more parameter values were invalid: Input collection [a, b, a] contains duplicates."),
        (#"{"NS":["1","1"]}"#, "Input collection contains duplicates"),
        (#"{"NS":["1","1.0"]}"#, "Input collection contains duplicates"),
        (#"{"NS":["1e3","1000","5"]}"#, "Input collection contains duplicates"),
        (#"{"NS":["-0","0"]}"#, "Input collection contains duplicates"),
        (#"{"BS":["Yg==","Yg=="]}"#, "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains duplicates."),
        (#"{"M":{"x":{"SS":["q","q"]}}}"#, "One or more parameter values were invalid: Input collection [q, q] contains duplicates."),
    ])
    func duplicateMembers(text: String, message: String) throws {
        let error = try #require(dynamoDecodeError(text))
        #expect(error.code == .validation)
        #expect(error.message == message)
    }

    @Test("String set members differing only in normalisation are distinct")
    func setMembersCompareBytes() {
        let value = dynamo(#"{"SS":["\u00e9","e\u0301"]}"#)
        #expect(value == .ss(["\u{E9}", "e\u{301}"]))
        if case .ss(let members) = value { #expect(members.count == 2) }
        #expect(value.size == 2 + 3)
    }

    @Test("Numbers in N and NS are validated")
    func numbersValidated() throws {
        #expect(dynamoDecodeError(#"{"N":"abc"}"#)?.message == "The parameter cannot be converted to a numeric value: abc")
        #expect(dynamoDecodeError(#"{"N":""}"#)?.message == "The parameter cannot be converted to a numeric value")
        #expect(dynamoDecodeError(#"{"N":"NaN"}"#)?.code == .validation)
        #expect(dynamoDecodeError(#"{"N":" 1"}"#)?.code == .validation)
        #expect(dynamoDecodeError(#"{"NS":["1","b"]}"#)?.message == "The parameter cannot be converted to a numeric value: b")
        #expect(dynamoDecodeError(#"{"N":"1E+126"}"#)?.message.hasPrefix("Number overflow") == true)
        #expect(dynamoDecodeError(#"{"N":"123456789012345678901234567890123456789"}"#)?.message == "Attempting to store more than 38 significant digits in a Number")
        #expect(dynamoDecodeError(#"{"L":[{"N":"x"}]}"#)?.code == .validation)
    }

    @Test("NULL must be true; BOOL must be a boolean")
    func nullAndBool() throws {
        let error = try #require(dynamoDecodeError(#"{"NULL":false}"#))
        #expect(error.code == .validation)
        #expect(error.message == "One or more parameter values were invalid: Null attribute value types must have the value of true")
        #expect(dynamoDecodeError(#"{"NULL":"false"}"#)?.code == .validation)
        #expect(dynamo(#"{"NULL":"true"}"#) == .null)
        #expect(dynamo(#"{"BOOL":"true"}"#) == .bool(true))
        #expect(dynamo(#"{"BOOL":"false"}"#) == .bool(false))
        #expect(dynamoDecodeError(#"{"NULL":1}"#)?.code == .serialization)
        #expect(dynamoDecodeError(#"{"NULL":null}"#)?.code == .serialization)
        #expect(dynamoDecodeError(#"{"BOOL":1}"#)?.code == .serialization)
        #expect(dynamoDecodeError(#"{"BOOL":"yes"}"#)?.code == .serialization)
    }

    @Test("A value of the wrong JSON type is a SerializationException", arguments: [
        #"{"N":1}"#, #"{"N":1.5}"#, #"{"S":1}"#, #"{"S":null}"#, #"{"S":["a"]}"#, #"{"B":1}"#, #"{"L":{}}"#, #"{"L":"a"}"#,
        #"{"M":[]}"#, #"{"M":"a"}"#, #"{"SS":"a"}"#, #"{"SS":[1]}"#, #"{"NS":[1]}"#, #"{"NS":"1"}"#, #"{"BS":[1]}"#,
        #"{"L":[{"N":2}]}"#,
    ])
    func wrongJSONType(text: String) throws {
        let error = try #require(dynamoDecodeError(text))
        #expect(error.code == .serialization)
    }

    @Test("Bad base64 is a SerializationException", arguments: [
        ("abc", "Base64 encoded length is expected a multiple of 4 bytes but found: 3"),
        ("QQ", "Base64 encoded length is expected a multiple of 4 bytes but found: 2"),
        ("QQ=", "Base64 encoded length is expected a multiple of 4 bytes but found: 3"),
        ("23456", "Base64 encoded length is expected a multiple of 4 bytes but found: 5"),
        ("QUJD\n", "Base64 encoded length is expected a multiple of 4 bytes but found: 5"),
        ("ab!=", "Invalid Base64 character: '!'"),
        ("QU D", "Invalid Base64 character: ' '"),
        ("====", "Invalid Base64 character: '='"),
        ("Q===", "Invalid Base64 character: '='"),
        ("=+/=", "Invalid Base64 character: '='"),
        ("QQ==QQ==", "Invalid Base64 character: '='"),
        ("QéD=", "Invalid Base64 character: 'é'"),
        ("QUJ-", "Invalid Base64 character: '-'"),
        ("QUJ_", "Invalid Base64 character: '_'"),
        ("QUJ=", "Invalid last non-pad Base64 character dectected"),
        ("+/+=", "Invalid last non-pad Base64 character dectected"),
        ("QR==", "Invalid last non-pad Base64 character dectected"),
    ])
    func badBase64(text: String, message: String) throws {
        let error = try #require(dynamoError { () throws(DynamoError) in try AttributeValue.decodeBase64(text) })
        #expect(error.code == .serialization)
        #expect(error.message == message)
        let inB = try #require(dynamoError { () throws(DynamoError) in try AttributeValue(dynamoJSON: .object(["B": .string(text)])) })
        #expect(inB.code == .serialization)
        let inBS = try #require(dynamoError { () throws(DynamoError) in try AttributeValue(dynamoJSON: .object(["BS": .array([.string("AA=="), .string(text)])])) })
        #expect(inBS.code == .serialization)
    }

    @Test("Base64 decoding of canonical text", arguments: [
        ("", [UInt8]()), ("QQ==", [65]), ("QUI=", [65, 66]), ("QUJD", [65, 66, 67]), ("AAEC/w==", [0, 1, 2, 255]),
        ("+/8=", [0xFB, 0xFF]), ("////", [255, 255, 255]), ("AAAA", [0, 0, 0]),
    ])
    func base64Decoding(text: String, bytes: [UInt8]) throws {
        #expect(try AttributeValue.decodeBase64(text) == bytes)
        #expect(AttributeValue.encodeBase64(bytes) == text)
    }

    @Test("Property: base64 matches Foundation's encoder and round-trips")
    func base64MatchesFoundation() async {
        await propertyCheck(count: 500, input: Gens.bytes) { bytes throws in
            let text = AttributeValue.encodeBase64(bytes)
            #expect(text == Data(bytes).base64EncodedString())
            #expect(try AttributeValue.decodeBase64(text) == bytes)
            #expect(try AttributeValue(dynamoJSON: AttributeValue.b(bytes).dynamoJSON) == .b(bytes))
        }
    }

    @Test("Property: every attribute value round-trips through DynamoDB JSON text")
    func dynamoJSONRoundTrip() async {
        await propertyCheck(count: 500, input: Gens.attributeValue) { value throws in
            let text = value.dynamoJSON.compactText
            let decoded = try AttributeValue(dynamoJSON: JSONValue.parse(text))
            #expect(decoded == value, "\(text)")
            #expect(decoded.size == value.size)
            #expect(decoded.dynamoJSON.compactText == text)
            let pretty = value.dynamoJSON.prettyText()
            #expect(try AttributeValue(dynamoJSON: JSONValue.parse(pretty)) == value)
        }
    }

    @Test("Property: items round-trip through DynamoDB JSON text")
    func itemRoundTrip() async {
        let gen = generator { (rng: inout SplitMix64) -> Item in
            var item: Item = [:]
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                item[Random.string(maxLength: 6, using: &rng)] = Random.attributeValue(depth: 2, using: &rng)
            }
            return item
        }
        await propertyCheck(count: 300, input: gen) { item throws in
            let decoded = try Item(dynamoJSON: JSONValue.parse(item.dynamoJSON.compactText))
            #expect(decoded == item)
            #expect(decoded.itemSize == item.itemSize)
        }
    }
}

@Suite("Plain JSON codec")
struct PlainJSONCodecTests {
    @Test("Numbers keep every digit", arguments: [
        "12345678901234567890123456789012345678", "0.000000000000000000001", "-98765432109876543210.123456789",
        "1" + String(repeating: "0", count: 100), "0." + String(repeating: "0", count: 100) + "1",
    ])
    func numbersExact(text: String) throws {
        let item = try Item(plainJSON: JSONValue.parse(#"{"n":\#(text)}"#))
        #expect(item["n"] == .n(try DynamoNumber(text)))
        #expect(item["n"]?.numberValue?.description == text)
        #expect(item.plainJSON.compactText == #"{"n":\#(text)}"#)
    }

    @Test("Numbers are printed canonically")
    func numbersCanonical() throws {
        let item = try Item(plainJSON: JSONValue.parse(#"{"a":1e3,"b":1.50,"c":-0,"d":0.1E-2}"#))
        #expect(item.plainJSON.compactText == #"{"a":1000,"b":1.5,"c":0,"d":0.001}"#)
    }

    @Test("Numbers outside DynamoDB's range are ValidationExceptions")
    func numbersOutOfRange() throws {
        for text in [#"{"a":1e200}"#, #"{"a":1e-200}"#, #"{"a":123456789012345678901234567890123456789}"#, #"{"a":[{"b":1e126}]}"#] {
            let value = json(text)
            let error = try #require(dynamoError { () throws(DynamoError) in try Item(plainJSON: value) })
            #expect(error.code == .validation, "\(text)")
        }
    }

    @Test("Nested objects and arrays map to M and L")
    func nested() throws {
        let text = #"{"a":{"b":[1,"x",true,null,{"c":[]},[[]]]},"d":"e","f":false}"#
        let item = try Item(plainJSON: JSONValue.parse(text))
        #expect(item == [
            "a": .m(["b": .l([.n(DynamoNumber(1)), .s("x"), .bool(true), .null, .m(["c": .l([])]), .l([.l([])])])]),
            "d": .s("e"),
            "f": .bool(false),
        ])
        #expect(item.plainJSON.compactText == text)
        #expect(try AttributeValue(plainJSON: json("[]")) == .l([]))
        #expect(try AttributeValue(plainJSON: json("{}")) == .m([:]))
        #expect(try AttributeValue(plainJSON: json("\"s\"")) == .s("s"))
        #expect(try AttributeValue(plainJSON: json("null")) == .null)
    }

    @Test("Sets become arrays, binary becomes base64 text")
    func setsAndBinary() {
        let item: Item = ["ss": .ss(["a", "b"]), "ns": .ns([num("1.50"), num("2")]), "bs": .bs([[1], [2, 3]]), "b": .b([0, 255])]
        #expect(item.plainJSON.compactText == #"{"b":"AP8=","bs":["AQ==","AgM="],"ns":[1.5,2],"ss":["a","b"]}"#)
    }

    @Test("An item must be a JSON object", arguments: ["[1]", "\"x\"", "1", "null", "true", "[]"])
    func itemMustBeObject(text: String) throws {
        let value = json(text)
        let error = try #require(dynamoError { () throws(DynamoError) in try Item(plainJSON: value) })
        #expect(error.code == .validation)
        #expect(error.message.hasPrefix("An item must be a JSON object"))
    }

    @Test("Property: values without sets or binary round-trip through plain JSON text")
    func plainRoundTrip() async {
        await propertyCheck(count: 500, input: Gens.plainAttributeValue) { value throws in
            let text = value.plainJSON.compactText
            let decoded = try AttributeValue(plainJSON: JSONValue.parse(text))
            #expect(decoded == value, "\(text)")
            #expect(decoded.plainJSON.compactText == text)
        }
    }
}

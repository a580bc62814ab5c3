@testable import DynamoModel
import Foundation
import PropertyBased
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test("Valid documents", arguments: [
        ("null", JSONValue.null), ("true", .bool(true)), ("false", .bool(false)),
        ("0", .number("0")), ("-0", .number("-0")), ("42", .number("42")), ("-1.5e10", .number("-1.5e10")),
        ("1E+2", .number("1E+2")), ("1e-2", .number("1e-2")), ("0.0", .number("0.0")), ("10.01E0", .number("10.01E0")),
        ("12345678901234567890123456789012345678901234567890", .number("12345678901234567890123456789012345678901234567890")),
        ("\"\"", .string("")), ("\"abc\"", .string("abc")), (" \t\r\n\"x\" \n", .string("x")),
        (#""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{8}\u{C}\n\r\t")),
        (#""\u0041\u00e9\u4e2d\uFFFF""#, .string("Aé中\u{FFFF}")), (#""\u0000""#, .string("\u{0}")),
        (#""\ud83d\ude00""#, .string("😀")), (#""\uD834\uDD1E""#, .string("𝄞")), (#""\udbff\udfff""#, .string("\u{10FFFF}")),
        ("\"é😀\"", .string("é😀")), ("\"\u{7F}\"", .string("\u{7F}")),
        ("[]", .array([])), ("[ ]", .array([])), ("{}", .object([:])), ("{ }", .object([:])),
        ("[1,\"a\",null,[true]]", .array([.number("1"), .string("a"), .null, .array([.bool(true)])])),
        (#"{"a":1,"b":[{}],"c":{"d":null}}"#, .object(["a": .number("1"), "b": .array([.object([:])]), "c": .object(["d": .null])])),
        (" { \"a\" : [ 1 , 2 ] } ", .object(["a": .array([.number("1"), .number("2")])])),
        (#"{"":0}"#, .object(["": .number("0")])),
    ])
    func valid(text: String, expected: JSONValue) throws {
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test("Invalid documents are errors, never crashes", arguments: [
        "", " ", "\n", "[1,]", "{\"a\":1,}", "[,1]", "[,]", "{,}", "[1,,2]", "01", "-01", "00", "1.", ".5", "+1", "1e", "1e+", "1E-",
        "-", "--1", "0x10", "NaN", "Infinity", "-Infinity", "tru", "nul", "fals", "True", "NULL", "truex", "nulll",
        "\"abc", "\"", "\"\\\"", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\U0041\"", "\"\\'\"", "\"a\u{1}b\"", "\"a\tb\"", "\"a\nb\"",
        "\"\u{0}\"", "\"\u{1F}\"", #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\ud800x""#, #""\ud800\""#, #""\udfff\ud800""#,
        #""\ud800\ud800""#, #"{"a":1,"a":2}"#, #"{"a":1,"b":{"c":1,"c":2}}"#, #"{"\u0061":1,"a":2}"#,
        "{a:1}", "{'a':1}", "['a']", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{\"a\"}", "{1:2}", "[1]]", "[1] x", "{}{}", "[][]",
        "// comment\n1", "/* c */ 1", "[1,2", "{\"a\":1", "[", "{", "]", "}", ":", ",", "1 2", "\u{FEFF}[]", "[1,]\n",
        "\u{A0}1", "\u{2028}1", "[\u{C}]", "1.5e", "[.1]", "[-]", "[1e5.5]", "[\"a\" \"b\"]", "{\"a\":1 \"b\":2}",
    ])
    func invalid(text: String) throws {
        let error = try #require(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parse(text) }, "\(text.debugDescription)")
        #expect(error.line >= 1 && error.column >= 1)
        #expect(error.offset >= 0 && error.offset <= text.utf8.count)
        #expect(!error.message.isEmpty)
    }

    @Test("RFC 8259 §13 examples")
    func rfcExamples() throws {
        let image = """
            {
              "Image": {
                  "Width":  800,
                  "Height": 600,
                  "Title":  "View from 15th Floor",
                  "Thumbnail": {
                      "Url":    "http://www.example.com/image/481989943",
                      "Height": 125,
                      "Width":  100
                  },
                  "Animated" : false,
                  "IDs": [116, 943, 234, 38793]
                }
            }
            """
        let parsed = try JSONValue.parse(image)
        #expect(parsed["Image"]?["Title"] == .string("View from 15th Floor"))
        #expect(parsed["Image"]?["Thumbnail"]?["Url"]?.stringValue == "http://www.example.com/image/481989943")
        #expect(parsed["Image"]?["IDs"]?.arrayValue?.compactMap(\.intValue) == [116, 943, 234, 38793])
        #expect(parsed["Image"]?["Animated"]?.boolValue == false)
        #expect(parsed["Image"]?.objectValue?.keys == ["Width", "Height", "Title", "Thumbnail", "Animated", "IDs"])

        let places = """
            [
              {
                 "precision": "zip",
                 "Latitude":  37.7668,
                 "Longitude": -122.3959,
                 "Address":   "",
                 "City":      "SAN FRANCISCO",
                 "State":     "CA",
                 "Zip":       "94107",
                 "Country":   "US"
              },
              {
                 "precision": "zip",
                 "Latitude":  37.371991,
                 "Longitude": -122.026020,
                 "Address":   "",
                 "City":      "SUNNYVALE",
                 "State":     "CA",
                 "Zip":       "94085",
                 "Country":   "US"
              }
            ]
            """
        let array = try #require(try JSONValue.parse(places).arrayValue)
        #expect(array.count == 2)
        #expect(array[1]["Longitude"] == .number("-122.026020"))
        #expect(array[0]["Latitude"] == .number("37.7668"))
        #expect(try JSONValue.parse("\"Hello world!\"") == .string("Hello world!"))
        #expect(try JSONValue.parse("42").intValue == 42)
        #expect(try JSONValue.parse("true") == .bool(true))
    }

    @Test("Numbers are kept exactly as written")
    func numbersKeepText() throws {
        for text in ["1.0", "1.50", "1e3", "1E+3", "-0.0", "123456789012345678901234567890.123456789012345678901234567890", "1e-400"] {
            #expect(try JSONValue.parse(text) == .number(text))
            #expect(try JSONValue.parse("[\(text)]").compactText == "[\(text)]")
        }
        #expect(JSONValue.number("1.0") != .number("1"))
    }

    @Test("Duplicate keys are rejected; keys differing only in normalisation are not duplicates")
    func duplicateKeys() throws {
        let error = try #require(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parse(#"{"a":1,"b":2,"a":3}"#) })
        #expect(error.message.contains("duplicate"))
        #expect(error.offset == 13)
        #expect(error.column == 14)
        // The same key escaped and unescaped is a duplicate.
        #expect(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parse(#"{"\u00e9":1,"é":2}"#) } != nil)
        // Precomposed é and e + combining acute are different names (RFC 8259 compares code points).
        let object = try #require(try JSONValue.parse(#"{"\u00e9":1,"e\u0301":2}"#).objectValue)
        #expect(object.count == 2)
        #expect(object["\u{E9}"] == .number("1"))
        #expect(object["e\u{301}"] == .number("2"))
        // The same key in different objects is fine.
        #expect(try JSONValue.parse(#"{"a":{"a":1},"b":{"a":2}}"#)["b"]?["a"] == .number("2"))
    }

    @Test("Error positions: line and column on multi-line input")
    func errorPositions() throws {
        let cases: [(String, line: Int, column: Int)] = [
            ("{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}", 3, 14),
            ("[\n  1,\n  2\n", 4, 1),
            ("{\n  \"a\": tru\n}", 2, 8),
            ("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3),
            ("[\n\"ok\",\n  \"bad\n]", 3, 7),
            ("[\n\"ok\",\n  \"bad", 3, 3),
            ("[\n 1,\n 01\n]", 3, 2),
            ("[\n \"\\q\"\n]", 2, 3),
            ("{\"x\":\n\n\n   @}", 4, 4),
            ("[\r\n1,\r\n]", 3, 1),
            ("[\"é\", x]", 1, 7),
            ("[\"😀\", x]", 1, 7),
            ("[\"中文\",\n\"😀😀\", ?]", 2, 7),
            ("  \n\n   ", 3, 4),
            ("[1]\n\n  x", 3, 3),
            ("{\"k\": 1,\n \"k\": 2}", 2, 2),
        ]
        for (text, line, column) in cases {
            let error = try #require(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parse(text) }, "\(text.debugDescription)")
            #expect(error.line == line, "\(text.debugDescription): \(error)")
            #expect(error.column == column, "\(text.debugDescription): \(error)")
            #expect(error.description.hasPrefix("\(line):\(column): "))
        }
    }

    @Test("Error offsets are UTF-8 byte offsets")
    func errorOffsets() throws {
        let error = try #require(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parse("[\"😀\", x]") })
        #expect(error.offset == 9)
        #expect(error.column == 7)
    }

    @Test("Deep nesting: 1000 levels are fine")
    func thousandLevels() throws {
        let depth = 1000
        let arrays = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        let parsed = try JSONValue.parse(arrays)
        #expect(parsed.compactText == arrays)
        #expect(parsed == parsed)
        var level = 0
        var cursor = parsed
        while case .array(let inner) = cursor, let first = inner.first {
            level += 1
            cursor = first
        }
        #expect(level == depth)
        #expect(cursor == .number("1"))

        let objects = String(repeating: #"{"a":"#, count: depth) + "null" + String(repeating: "}", count: depth)
        let parsedObjects = try JSONValue.parse(objects)
        #expect(parsedObjects.compactText == objects)
        #expect(try JSONValue.parse(parsedObjects.prettyText()) == parsedObjects)

        let mixed = String(repeating: #"[{"k":"#, count: depth / 2) + "true" + String(repeating: "}]", count: depth / 2)
        #expect(try JSONValue.parse(mixed).compactText == mixed)
    }

    @Test("Deep nesting beyond the limit is an error, not a crash")
    func tooDeep() throws {
        let limit = JSONParser.maxDepth
        #expect(limit >= 1000)
        let atLimit = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(try JSONValue.parse(atLimit).compactText == atLimit)
        for depth in [limit + 1, 100_000, 1_000_000] {
            for (open, close) in [("[", "]"), (#"{"a":"#, "}")] {
                let text = String(repeating: open, count: depth) + "0" + String(repeating: close, count: depth)
                let error = try #require(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parse(text) })
                #expect(error.message.contains("nested too deeply"))
                #expect(error.line == 1)
            }
            // Unclosed too.
            let unclosed = String(repeating: "[", count: depth)
            #expect(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parse(unclosed) } != nil)
        }
        let unclosedShallow = String(repeating: "[", count: 500)
        let error = try #require(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parse(unclosedShallow) })
        #expect(error.message.contains("unexpected end"))
        #expect(error.offset == 500)
    }

    /// Runs `body` on a thread with a 512 KB stack (the size of a secondary thread on macOS).
    static func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    @Test("Deep documents parse and print on a small stack")
    func deepOnSmallStack() async {
        let results = await Self.onSmallStack { () -> [String] in
            var failures: [String] = []
            let depth = 1000
            let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            if let value = try? JSONValue.parse(arrays) {
                if value.compactText != arrays { failures.append("compact text of nested arrays") }
                if (try? JSONValue.parse(value.prettyText())) != value { failures.append("pretty text of nested arrays") }
            } else {
                failures.append("1000 nested arrays did not parse")
            }
            let objects = String(repeating: #"{"k":"#, count: depth) + "1" + String(repeating: "}", count: depth)
            if (try? JSONValue.parse(objects))?.compactText != objects { failures.append("1000 nested objects") }
            for tooDeep in [JSONParser.maxDepth + 1, 50_000] {
                let text = String(repeating: "[", count: tooDeep) + String(repeating: "]", count: tooDeep)
                if syntaxError({ () throws(JSONSyntaxError) in try JSONValue.parse(text) }) == nil {
                    failures.append("\(tooDeep) levels were accepted")
                }
            }
            // DynamoDB's own limit is 32 levels: such items decode and encode on a small stack.
            var item = #"{"S":"leaf"}"#
            for i in 0..<64 { item = i % 2 == 0 ? #"{"L":[\#(item)]}"# : #"{"M":{"k":\#(item)}}"# }
            if let json = try? JSONValue.parse(item), let value = try? AttributeValue(dynamoJSON: json) {
                if value.dynamoJSON.compactText != item { failures.append("64-level attribute value re-encoding") }
            } else {
                failures.append("64-level attribute value did not decode")
            }
            return failures
        }
        #expect(results.isEmpty, "\(results)")
    }

    @Test("parsePrefix reads one value and reports how many bytes it used")
    func parsePrefix() throws {
        let (value, used) = try JSONValue.parsePrefix(Array(#"{"a":1} rest"#.utf8))
        #expect(value == .object(["a": .number("1")]))
        #expect(used == 7)
        let (array, arrayUsed) = try JSONValue.parsePrefix(Array("  [1,2]]".utf8))
        #expect(array == .array([.number("1"), .number("2")]))
        #expect(arrayUsed == 7)
        let (number, numberUsed) = try JSONValue.parsePrefix(Array("12abc".utf8))
        #expect(number == .number("12"))
        #expect(numberUsed == 2)
        #expect(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parsePrefix([]) } != nil)
        #expect(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parsePrefix(Array("[1,".utf8)) } != nil)
        // Invalid UTF-8 inside a string is refused.
        #expect(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parsePrefix([0x22, 0xFF, 0x22]) } != nil)
        #expect(syntaxError { () throws(JSONSyntaxError) in try JSONValue.parsePrefix([0x22, 0xC3, 0x22]) } != nil)
        #expect(try JSONValue.parsePrefix([0x22, 0xC3, 0xA9, 0x22]).0 == .string("é"))
    }

    @Test("Property: valid JSON numbers parse to their exact text")
    func numberText() async {
        let gen = generator { (rng: inout SplitMix64) -> String in Random.jsonNumberText(using: &rng) }
        await propertyCheck(count: 500, input: gen) { text throws in
            #expect(try JSONValue.parse(text) == .number(text))
            #expect(try JSONValue.parse(" [\(text)] ") == .array([.number(text)]))
        }
    }

    @Test("Property: parse(compactText) and parse(prettyText) give the value back")
    func roundTrip() async {
        await propertyCheck(count: 500, input: Gens.jsonDocument) { value throws in
            let compact = value.compactText
            #expect(try JSONValue.parse(compact) == value, "\(compact)")
            #expect(try JSONValue.parse(value.prettyText()) == value)
            #expect(try JSONValue.parse(value.prettyText(indent: 4)) == value)
            #expect(try JSONValue.parse(compact).compactText == compact)
            let (prefix, used) = try JSONValue.parsePrefix(Array(compact.utf8) + Array(" trailing".utf8))
            #expect(prefix == value)
            #expect(used == compact.utf8.count)
        }
    }

    @Test("Property: random bytes never crash the parser")
    func randomBytes() async {
        let alphabet = Array(#"{}[]:,"\ -+.0123456789eEtrufalsn"#.utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xA9, 0xED, 0xF0, 0xFF]
        let gen = generator { (rng: inout SplitMix64) -> [UInt8] in
            let length = Int.random(in: 0...64, using: &rng)
            let jsonish = Bool.random(using: &rng)
            return (0..<length).map { _ in jsonish ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng) }
        }
        await propertyCheck(count: 4000, input: gen) { bytes throws in
            if let (value, used) = try? JSONValue.parsePrefix(bytes) {
                #expect(used <= bytes.count)
                #expect(try JSONValue.parse(value.compactText) == value)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let value = try? JSONValue.parse(text) {
                #expect(try JSONValue.parse(value.compactText) == value)
            }
        }
    }

    @Test("Property: mutated valid documents never crash the parser")
    func mutatedDocuments() async {
        let gen = generator { (rng: inout SplitMix64) -> [UInt8] in
            var bytes = Array(Random.jsonValue(depth: 3, using: &rng).compactText.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: index)
                default: bytes.insert(Array(#"{}[]:,"\"#.utf8).randomElement(using: &rng)!, at: index)
                }
            }
            return bytes
        }
        await propertyCheck(count: 2000, input: gen) { bytes throws in
            if let value = try? JSONValue.parse(String(decoding: bytes, as: UTF8.self)) {
                #expect(try JSONValue.parse(value.compactText) == value)
            }
            _ = try? JSONValue.parsePrefix(bytes)
        }
    }
}

@Suite("JSON writer and values")
struct JSONWriterTests {
    @Test("Control characters, quotes and backslashes are escaped", arguments: [
        ("\u{0}", #""\u0000""#), ("\u{1}", #""\u0001""#), ("\u{1F}", #""\u001f""#), ("\u{B}", #""\u000b""#),
        ("\n", #""\n""#), ("\r", #""\r""#), ("\t", #""\t""#), ("\u{8}", #""\b""#), ("\u{C}", #""\f""#),
        ("\"", #""\"""#), ("\\", #""\\""#), ("/", #""/""#), ("\u{7F}", "\"\u{7F}\""), ("é😀", "\"é😀\""),
        ("a\"b\\c\nd", #""a\"b\\c\nd""#),
    ])
    func escapes(string: String, expected: String) throws {
        let text = JSONValue.string(string).compactText
        #expect(text == expected)
        #expect(try JSONValue.parse(text) == .string(string))
        // No raw control character survives.
        #expect(!text.utf8.contains { $0 < 0x20 })
    }

    @Test("Every control character is escaped and round-trips")
    func allControlCharacters() throws {
        let all = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let text = JSONValue.object(["k\u{1}": .string(all)]).compactText
        #expect(!text.utf8.contains { $0 < 0x20 })
        #expect(try JSONValue.parse(text) == .object(["k\u{1}": .string(all)]))
    }

    @Test("Compact and pretty layouts")
    func layouts() throws {
        let value = try JSONValue.parse(#"{"a":[1,2],"b":{},"c":[],"d":{"e":null}}"#)
        #expect(value.compactText == #"{"a":[1,2],"b":{},"c":[],"d":{"e":null}}"#)
        #expect(value.prettyText() == """
            {
              "a": [
                1,
                2
              ],
              "b": {},
              "c": [],
              "d": {
                "e": null
              }
            }
            """)
        #expect(JSONValue.array([.bool(true)]).prettyText(indent: 4) == "[\n    true\n]")
        #expect(JSONValue.null.prettyText() == "null")
    }

    @Test("Objects keep their written order")
    func order() throws {
        let value = try JSONValue.parse(#"{"z":1,"a":2,"m":3}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value.compactText == #"{"z":1,"a":2,"m":3}"#)
        #expect(value != (try JSONValue.parse(#"{"a":2,"z":1,"m":3}"#)))
    }

    @Test("JSONObject lookup, update, removal and append")
    func objectEditing() {
        var object: JSONObject = ["a": .number("1"), "b": .null]
        #expect(object["a"] == .number("1"))
        #expect(object["missing"] == nil)
        object["a"] = .string("x")
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .string("x"))
        object["c"] = .bool(true)
        #expect(object.keys == ["a", "b", "c"])
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object.count == 2)
        object["zzz"] = nil
        #expect(object.count == 2)
        object.append(key: "d", value: .array([]))
        #expect(object.keys == ["a", "c", "d"])
        #expect(!object.isEmpty)
        #expect(JSONObject().isEmpty)
        #expect(Array(object).map(\.key) == ["a", "c", "d"])
        // Keys are compared by bytes.
        var accents = JSONObject()
        accents["\u{E9}"] = .number("1")
        accents["e\u{301}"] = .number("2")
        #expect(accents.count == 2)
        #expect(accents["\u{E9}"] == .number("1"))
        let precomposed: JSONObject = ["\u{E9}": .null]
        let decomposed: JSONObject = ["e\u{301}": .null]
        #expect(precomposed != decomposed)
    }

    @Test("JSONValue accessors")
    func accessors() throws {
        let value = try JSONValue.parse(#"{"s":"x","n":12,"f":1.5,"b":true,"a":[1],"o":{}}"#)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["n"]?.intValue == 12)
        #expect(value["f"]?.intValue == nil)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?.arrayValue == [.number("1")])
        #expect(value["o"]?.objectValue == JSONObject())
        #expect(value["missing"] == nil)
        #expect(value["s"]?["x"] == nil)
        #expect(value["s"]?.intValue == nil)
        #expect(value.typeName == "object")
        #expect(JSONValue.null.typeName == "null")
        #expect(JSONValue.bool(true).typeName == "boolean")
        #expect(JSONValue.number("1").typeName == "number")
        #expect(JSONValue.string("").typeName == "string")
        #expect(JSONValue.array([]).typeName == "array")
    }

    @Test("Strings compare by bytes")
    func stringsByBytes() {
        #expect(JSONValue.string("\u{E9}") != .string("e\u{301}"))
        #expect(JSONValue.string("\u{E9}") == .string("\u{E9}"))
    }
}

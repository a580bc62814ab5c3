import DynamoModel
import Testing
@testable import ShellLanguage

@Suite struct LexerTests {
    /// The kinds of the tokens of `text`, without the final `.end`.
    func kinds(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [TokenKind] {
        let result = Lexer.tokenize(text, file: "t")
        if let stop = result.stop { Issue.record("lexing stopped: \(stop)", sourceLocation: sourceLocation) }
        var out: [TokenKind] = []
        for token in result.tokens.dropLast() { out.append(token.kind) }
        return out
    }

    @Test func wordsNumbersAndOperators() {
        #expect(kinds("a.b-c _x 12 -3.5e+2 0.25 1E5 <= <> >= = < > ( ) , . : + -") == [
            .word("a.b-c"), .word("_x"), .number("12"), .number("-3.5e+2"), .number("0.25"), .number("1E5"),
            .op(.lessOrEqual), .op(.notEqual), .op(.greaterOrEqual), .op(.equal), .op(.less), .op(.greater),
            .op(.leftParen), .op(.rightParen), .op(.comma), .op(.dot), .op(.colon), .op(.plus), .op(.minus),
        ])
    }

    @Test func digitRunsThatAreNotNumbersAreWords() {
        #expect(kinds("2024-01-15 123abc 1.2.3 5.") == [.word("2024-01-15"), .word("123abc"), .word("1.2.3"), .word("5.")])
        #expect(kinds("a=-5") == [.word("a"), .op(.equal), .number("-5")])
        #expect(kinds("a - 5") == [.word("a"), .op(.minus), .number("5")])
    }

    @Test func everyTokenKnowsWhereItIs() {
        let result = Lexer.tokenize("put t\n  a=\"é\" b=1 # note\n\tget", file: "seed.iops")
        var seen: [String] = []
        for token in result.tokens {
            let l = token.location
            seen.append("\(token.text.debugDescription)@\(l.line):\(l.column)+\(l.offset)")
            #expect(l.file == "seed.iops")
        }
        #expect(seen == [
            "\"put\"@1:1+0", "\"t\"@1:5+4", "\"\\n\"@1:6+5",
            "\"a\"@2:3+8", "\"=\"@2:4+9", "\"\\\"é\\\"\"@2:5+10", "\"b\"@2:9+15", "\"=\"@2:10+16", "\"1\"@2:11+17",
            "\"\\n\"@2:19+25", "\"get\"@3:2+27", "\"\"@3:5+30",
        ])
    }

    @Test func doubleQuotedStringsHaveEscapes() {
        #expect(kinds(#""a\"b\\c\nd\te\rf\$g\u{1F600}\u{e9}""#) == [
            .string(ShellString("a\"b\\c\nd\te\rf$g😀é"), singleQuoted: false),
        ])
    }

    @Test func doubleQuotedStringsInterpolate() {
        let expected = ShellString(parts: [
            .text("x "), .variable(v("a")), .text(" "), .variable(v("b")), .text("_"),
            .variable(.named("c", default: "d e")), .text(" "), .variable(.positional(1)), .text(" "),
            .variable(.argumentCount), .text(" "), .variable(.allArguments), .text(" $ $0 $"),
        ])
        #expect(kinds(#""x $a ${b}_${c:-d e} $1 $# $@ $ $0 $""#) == [.string(expected, singleQuoted: false)])
    }

    @Test func aStringMaySpanLines() {
        #expect(kinds("\"a\nb\" \"c\\\nd\"") == [
            .string(ShellString("a\nb"), singleQuoted: false), .string(ShellString("cd"), singleQuoted: false),
        ])
    }

    @Test func singleQuotedStringsAreRaw() {
        #expect(kinds(#"'a $b \n "c" #d'"#) == [.string(ShellString(#"a $b \n "c" #d"#), singleQuoted: true)])
    }

    @Test func variables() {
        #expect(kinds("$name ${name} ${name:-some default} ${x:-} $1 $9 ${3} $# $@ $a.b") == [
            .variable(v("name")), .variable(v("name")), .variable(.named("name", default: "some default")),
            .variable(.named("x", default: "")), .variable(.positional(1)), .variable(.positional(9)),
            .variable(.positional(3)), .variable(.argumentCount), .variable(.allArguments),
            .variable(v("a")), .op(.dot), .word("b"),
        ])
    }

    @Test func jsonLiteralsKeepNumbersAndOrder() {
        let tokens = kinds(#"{"z": 1.50, "a": [1, {"b": null}], "n": 12345678901234567890.1}"#)
        #expect(tokens.count == 1)
        guard case .json(.object(let object))? = tokens.first else {
            Issue.record("not an object: \(tokens)")
            return
        }
        #expect(object.keys == ["z", "a", "n"])
        #expect(object["z"] == .number("1.50"))
        #expect(object["n"] == .number("12345678901234567890.1"))
    }

    @Test func bracketAfterAWordIsAnIndexElsewhereJSON() {
        #expect(kinds("a[0].b c [1, 2] d=[3]") == [
            .word("a"), .op(.leftBracket), .number("0"), .op(.rightBracket), .op(.dot), .word("b"),
            .word("c"), .json(.array([.number("1"), .number("2")])),
            .word("d"), .op(.equal), .json(.array([.number("3")])),
        ])
        #expect(kinds("a[1][2]") == [
            .word("a"), .op(.leftBracket), .number("1"), .op(.rightBracket),
            .op(.leftBracket), .number("2"), .op(.rightBracket),
        ])
    }

    @Test func flags() {
        #expect(kinds("--below 70 --format=json --dry-run -- -v") == [
            .flag(name: "below", hasValue: false), .number("70"), .flag(name: "format", hasValue: true), .word("json"),
            .flag(name: "dry-run", hasValue: false), .symbol("--"), .op(.minus), .word("v"),
        ])
    }

    @Test func commentsAndTerminators() {
        #expect(kinds("a # comment \"not a string\n\"#in\" {\"#\": 1}; b") == [
            .word("a"), .terminator, .string(ShellString("#in"), singleQuoted: false),
            .json(.object(["#": .number("1")])), .terminator, .word("b"),
        ])
    }

    @Test func newlinesInsideParenthesesAndIndexesDoNotEndStatements() {
        #expect(kinds("(a\n=\n1)\nb") == [
            .op(.leftParen), .word("a"), .op(.equal), .number("1"), .op(.rightParen), .terminator, .word("b"),
        ])
    }

    @Test func lineContinuation() {
        #expect(kinds("a \\\n b\\\r\n c") == [.word("a"), .word("b"), .word("c")])
    }

    @Test func otherCharactersAreSymbolsThatGlue() {
        let result = Lexer.tokenize("./x/é.json ~ a", file: "t")
        var pairs: [String] = []
        for token in result.tokens.dropLast() { pairs.append("\(token.text)\(token.spaceBefore ? "+" : "")") }
        #expect(pairs == [".+", "/", "x", "/", "é", ".", "json", "~+", "a+"])
        #expect(result.tokens[3].kind == .symbol("/"))
    }

    @Test func controlCharactersAreErrors() {
        let result = Lexer.tokenize("echo \u{1}", file: "t")
        guard case .error(let diagnostic)? = result.stop else {
            Issue.record("expected an error")
            return
        }
        #expect(diagnostic.message == "unexpected control character U+01")
        #expect(diagnostic.column == 6)
    }
}

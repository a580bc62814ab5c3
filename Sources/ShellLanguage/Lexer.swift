import DynamoModel

/// Why lexing or parsing stopped before the end: a syntax error, or input that is fine so far
/// but unfinished (an open string, bracket, JSON literal or line continuation).
enum ParseStop: Error {
    case error(Diagnostic)
    case incomplete(Diagnostic)
}

/// The tokens of a whole text, ending with an `.end` token, and what stopped the lexer early.
struct LexResult {
    var tokens: [Token]
    var stop: ParseStop?
}

/// Turns source text into tokens.
///
/// Newlines end statements except inside `(…)` and `[…]`; strings and JSON literals may
/// span lines; `\` at the end of a line continues the statement; `#` starts a comment.
struct Lexer {
    let source: SourceText
    var bytes: [UInt8] { source.bytes }
    var index = 0
    var tokens: [Token] = []
    /// Offsets of the `(` and index `[` not closed yet.
    var openBrackets: [Int] = []
    var spaceBefore = true

    // Incremental line/column tracking for token starts (which only move forward).
    private var trackedOffset = 0
    private var trackedLine = 1
    private var trackedColumn = 1

    init(text: String, file: String) {
        source = SourceText(file: file, bytes: Array(text.utf8))
    }

    static func tokenize(_ text: String, file: String) -> LexResult {
        var lexer = Lexer(text: text, file: file)
        return lexer.run()
    }

    mutating func run() -> LexResult {
        var stop: ParseStop?
        do {
            try lexAll()
        } catch {
            stop = error
        }
        let end = stop == nil ? bytes.count : min(index, bytes.count)
        tokens.append(Token(kind: .end, location: location(at: end), text: "", spaceBefore: true))
        return LexResult(tokens: tokens, stop: stop)
    }

    // MARK: Positions

    mutating func location(at offset: Int) -> SourcePosition {
        if offset < trackedOffset { return source.location(at: offset) }
        while trackedOffset < offset && trackedOffset < bytes.count {
            let byte = bytes[trackedOffset]
            if byte == 0x0A {
                trackedLine += 1
                trackedColumn = 1
            } else if byte & 0xC0 != 0x80 {
                trackedColumn += 1
            }
            trackedOffset += 1
        }
        return SourcePosition(file: source.file, line: trackedLine, column: trackedColumn, offset: offset)
    }

    func error(_ message: String, at offset: Int, hint: String? = nil) -> ParseStop {
        .error(source.diagnostic(message, at: offset, hint: hint))
    }

    func incomplete(_ message: String, at offset: Int, hint: String? = nil) -> ParseStop {
        .incomplete(source.diagnostic(message, at: offset, hint: hint))
    }

    mutating func emit(_ kind: TokenKind, from start: Int) {
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        tokens.append(Token(kind: kind, location: location(at: start), text: text, spaceBefore: spaceBefore))
        spaceBefore = false
    }

    func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    // MARK: Character classes

    static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isNameStart(_ b: UInt8) -> Bool { isLetter(b) || b == 0x5F }
    static func isNameChar(_ b: UInt8) -> Bool { isNameStart(b) || isDigit(b) }
    /// Characters of a word after its first: `[A-Za-z0-9_.-]`.
    static func isWordChar(_ b: UInt8) -> Bool { isNameChar(b) || b == 0x2E || b == 0x2D }

    // MARK: The main loop

    mutating func lexAll() throws(ParseStop) {
        // A byte order mark some editors put at the start of a file.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case 0x20, 0x09, 0x0D:
                index += 1
                spaceBefore = true
            case UInt8(ascii: "#") where !spaceBefore && tokens.last.map({ if case .word = $0.kind { true } else { false } }) == true
                && tokens.last!.location.offset + tokens.last!.text.utf8.count == index:
                // As in sh, `#` inside a word is part of it (`pk=insight#stu_1`), not a comment.
                let previous = tokens.removeLast()
                index += 1
                while index < bytes.count && (Self.isWordChar(bytes[index]) || bytes[index] == UInt8(ascii: "#")) { index += 1 }
                spaceBefore = previous.spaceBefore
                emit(.word(String(decoding: bytes[previous.location.offset..<index], as: UTF8.self)), from: previous.location.offset)
            case UInt8(ascii: "#"):
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
                spaceBefore = true
            case UInt8(ascii: "\\"):
                try lineContinuation()
            case 0x0A:
                if openBrackets.isEmpty {
                    let start = index
                    index += 1
                    emit(.terminator, from: start)
                } else {
                    index += 1
                }
                spaceBefore = true
            case UInt8(ascii: ";"):
                let start = index
                index += 1
                emit(.terminator, from: start)
                spaceBefore = true
                openBrackets.removeAll()
            case UInt8(ascii: "\""):
                try doubleQuotedString()
            case UInt8(ascii: "'"):
                try singleQuotedString()
            case UInt8(ascii: "{"):
                try json()
            case UInt8(ascii: "["):
                if !spaceBefore, let previous = tokens.last,
                   previous.word != nil || previous.isOperator(.rightBracket) {
                    openBrackets.append(index)
                    operatorToken(.leftBracket, length: 1)
                } else {
                    try json()
                }
            case UInt8(ascii: "$"):
                let start = index
                let reference = try variable(inString: false)!
                emit(.variable(reference), from: start)
            case UInt8(ascii: "-"):
                if byte(at: index + 1) == UInt8(ascii: "-") {
                    flag()
                } else if let next = byte(at: index + 1), Self.isDigit(next) {
                    numberOrWord()
                } else {
                    operatorToken(.minus, length: 1)
                }
            case _ where Self.isDigit(b):
                numberOrWord()
            case _ where Self.isNameStart(b):
                let start = index
                index += 1
                while index < bytes.count && Self.isWordChar(bytes[index]) { index += 1 }
                emit(.word(String(decoding: bytes[start..<index], as: UTF8.self)), from: start)
            case UInt8(ascii: "="):
                operatorToken(.equal, length: 1)
            case UInt8(ascii: "<"):
                switch byte(at: index + 1) {
                case UInt8(ascii: "="): operatorToken(.lessOrEqual, length: 2)
                case UInt8(ascii: ">"): operatorToken(.notEqual, length: 2)
                default: operatorToken(.less, length: 1)
                }
            case UInt8(ascii: ">"):
                if byte(at: index + 1) == UInt8(ascii: "=") {
                    operatorToken(.greaterOrEqual, length: 2)
                } else {
                    operatorToken(.greater, length: 1)
                }
            case UInt8(ascii: "("):
                openBrackets.append(index)
                operatorToken(.leftParen, length: 1)
            case UInt8(ascii: ")"):
                _ = openBrackets.popLast()
                operatorToken(.rightParen, length: 1)
            case UInt8(ascii: "]"):
                _ = openBrackets.popLast()
                operatorToken(.rightBracket, length: 1)
            case UInt8(ascii: ","): operatorToken(.comma, length: 1)
            case UInt8(ascii: "."): operatorToken(.dot, length: 1)
            case UInt8(ascii: ":"): operatorToken(.colon, length: 1)
            case UInt8(ascii: "+"): operatorToken(.plus, length: 1)
            case 0x00..<0x20, 0x7F:
                let hex = String(b, radix: 16, uppercase: true)
                throw error("unexpected control character U+\(hex.count < 2 ? "0" : "")\(hex)", at: index)
            default:
                // Any other character, one Unicode scalar long.
                let start = index
                index += 1
                while index < bytes.count && bytes[index] & 0xC0 == 0x80 { index += 1 }
                emit(.symbol(String(decoding: bytes[start..<index], as: UTF8.self)), from: start)
            }
        }
        if let open = openBrackets.last {
            let what = bytes[open] == UInt8(ascii: "(") ? "'('" : "'['"
            throw incomplete("\(what) is not closed", at: open)
        }
    }

    mutating func operatorToken(_ op: Operator, length: Int) {
        let start = index
        index += length
        emit(.op(op), from: start)
    }

    /// `\` then a line break: both are white space. At the end of the input the statement is
    /// unfinished; anywhere else a backslash is an error.
    mutating func lineContinuation() throws(ParseStop) {
        let start = index
        var next = index + 1
        if byte(at: next) == 0x0D { next += 1 }
        if next >= bytes.count {
            throw incomplete("line continuation at the end of the input", at: start)
        }
        guard bytes[next] == 0x0A else {
            throw error("unexpected '\\'", at: start,
                        hint: "a backslash continues a statement only at the end of a line; quote text that holds one")
        }
        index = next + 1
        spaceBefore = true
        if index >= bytes.count {
            throw incomplete("line continuation at the end of the input", at: start)
        }
    }

    /// `--name`, `--name=` (its value follows directly), or `--` alone (a symbol).
    mutating func flag() {
        let start = index
        index += 2
        guard let first = byte(at: index), Self.isNameChar(first) else {
            emit(.symbol("--"), from: start)
            return
        }
        while index < bytes.count && (Self.isNameChar(bytes[index]) || bytes[index] == 0x2D) { index += 1 }
        let name = String(decoding: bytes[(start + 2)..<index], as: UTF8.self)
        var hasValue = false
        if byte(at: index) == UInt8(ascii: "=") {
            index += 1
            hasValue = true
        }
        emit(.flag(name: name, hasValue: hasValue), from: start)
    }

    /// `-?digits[.digits][e[+-]digits]`; when word characters follow directly, the whole run
    /// is a word instead (`2024-01-15`, `123abc`).
    mutating func numberOrWord() {
        let start = index
        var i = index
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        while i < bytes.count && Self.isDigit(bytes[i]) { i += 1 }
        if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "."), Self.isDigit(bytes[i + 1]) {
            i += 1
            while i < bytes.count && Self.isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            var j = i + 1
            if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
            if j < bytes.count, Self.isDigit(bytes[j]) {
                while j < bytes.count && Self.isDigit(bytes[j]) { j += 1 }
                i = j
            }
        }
        if i < bytes.count, Self.isWordChar(bytes[i]) {
            while i < bytes.count && Self.isWordChar(bytes[i]) { i += 1 }
            index = i
            emit(.word(String(decoding: bytes[start..<i], as: UTF8.self)), from: start)
        } else {
            index = i
            emit(.number(String(decoding: bytes[start..<i], as: UTF8.self)), from: start)
        }
    }

    // MARK: Strings

    mutating func singleQuotedString() throws(ParseStop) {
        let start = index
        index += 1
        let contentStart = index
        while index < bytes.count && bytes[index] != UInt8(ascii: "'") { index += 1 }
        guard index < bytes.count else {
            throw incomplete("unterminated string", at: start, hint: "close it with '")
        }
        let text = String(decoding: bytes[contentStart..<index], as: UTF8.self)
        index += 1
        emit(.string(ShellString(text), singleQuoted: true), from: start)
    }

    mutating func doubleQuotedString() throws(ParseStop) {
        let start = index
        index += 1
        var parts: [StringPart] = []
        var buffer: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw incomplete("unterminated string", at: start, hint: "close it with \"")
            }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                break
            }
            if b == UInt8(ascii: "\\") {
                try escape(into: &buffer, stringStart: start)
                continue
            }
            if b == UInt8(ascii: "$"), let reference = try variable(inString: true) {
                if !buffer.isEmpty {
                    parts.append(.text(String(decoding: buffer, as: UTF8.self)))
                    buffer.removeAll()
                }
                parts.append(.variable(reference))
                continue
            }
            buffer.append(b)
            index += 1
        }
        if !buffer.isEmpty { parts.append(.text(String(decoding: buffer, as: UTF8.self))) }
        emit(.string(ShellString(parts: parts), singleQuoted: false), from: start)
    }

    static let escapesHint = "the escapes are \\\" \\\\ \\n \\t \\r \\$ \\u{…}; single quotes take text as it is"

    mutating func escape(into buffer: inout [UInt8], stringStart: Int) throws(ParseStop) {
        let start = index
        guard let next = byte(at: index + 1) else {
            throw incomplete("unterminated string", at: stringStart, hint: "close it with \"")
        }
        index += 2
        switch next {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"): buffer.append(next)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case 0x0A:
            break // a line continuation inside a string: both characters vanish
        case 0x0D where byte(at: index) == 0x0A:
            index += 1
        case UInt8(ascii: "u"):
            guard byte(at: index) == UInt8(ascii: "{") else {
                throw error("expected '{' after \\u", at: start, hint: "write a code point as \\u{1F600}")
            }
            index += 1
            var value: UInt32 = 0
            var digits = 0
            while let d = byte(at: index), let digit = Self.hexValue(d) {
                if digits == 6 {
                    throw error("a \\u{…} escape has at most 6 hex digits", at: start)
                }
                value = value * 16 + digit
                digits += 1
                index += 1
            }
            guard digits > 0, byte(at: index) == UInt8(ascii: "}") else {
                if index >= bytes.count {
                    throw incomplete("unterminated string", at: stringStart, hint: "close it with \"")
                }
                throw error("expected hex digits and '}' in \\u{…}", at: start, hint: "write a code point as \\u{1F600}")
            }
            index += 1
            guard let scalar = Unicode.Scalar(value) else {
                throw error("\\u{\(String(value, radix: 16, uppercase: true))} is not a Unicode scalar value", at: start)
            }
            buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            var shown = String(decoding: [next], as: UTF8.self)
            if next >= 0x80 || next < 0x20 { shown = "…" }
            throw error("unknown escape '\\\(shown)' in a string", at: start, hint: Self.escapesHint)
        }
    }

    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: Variables

    /// A variable reference at `index` (a `$`). Inside a string, a `$` that starts no
    /// reference is a plain dollar sign (nil); outside one it is an error.
    mutating func variable(inString: Bool) throws(ParseStop) -> VariableReference? {
        let start = index
        guard let next = byte(at: index + 1) else {
            if inString { return nil }
            throw error("expected a variable name after '$'", at: start)
        }
        switch next {
        case _ where Self.isNameStart(next):
            var end = index + 2
            while end < bytes.count && Self.isNameChar(bytes[end]) { end += 1 }
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            index = end
            return .named(name, default: nil)
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            index += 2
            return .positional(Int(next - UInt8(ascii: "0")))
        case UInt8(ascii: "#"):
            index += 2
            return .argumentCount
        case UInt8(ascii: "@"):
            index += 2
            return .allArguments
        case UInt8(ascii: "{"):
            return try bracedVariable()
        default:
            if inString { return nil }
            throw error("expected a variable name after '$'", at: start,
                        hint: "write \\$ in double quotes, or use single quotes, for a dollar sign")
        }
    }

    /// `${name}`, `${name:-default}`, `${1}`.
    mutating func bracedVariable() throws(ParseStop) -> VariableReference {
        let start = index
        var i = index + 2
        let reference: VariableReference
        if let first = byte(at: i), first >= UInt8(ascii: "1"), first <= UInt8(ascii: "9"), byte(at: i + 1) == UInt8(ascii: "}") {
            index = i + 2
            return .positional(Int(first - UInt8(ascii: "0")))
        }
        if let first = byte(at: i), first >= UInt8(ascii: "1"), first <= UInt8(ascii: "9"),
           byte(at: i + 1) == UInt8(ascii: ":"), byte(at: i + 2) == UInt8(ascii: "-") {
            // `${1:-default}`: a positional argument with a default, looked up by its digit.
            i += 1
        } else {
            guard let first = byte(at: i), Self.isNameStart(first) else {
                throw error("expected a variable name after '${'", at: start)
            }
            while i < bytes.count && Self.isNameChar(bytes[i]) { i += 1 }
        }
        let name = String(decoding: bytes[(start + 2)..<i], as: UTF8.self)
        if byte(at: i) == UInt8(ascii: "}") {
            reference = .named(name, default: nil)
            i += 1
        } else if byte(at: i) == UInt8(ascii: ":"), byte(at: i + 1) == UInt8(ascii: "-") {
            i += 2
            let defaultStart = i
            while i < bytes.count && bytes[i] != UInt8(ascii: "}") && bytes[i] != 0x0A { i += 1 }
            guard byte(at: i) == UInt8(ascii: "}") else {
                throw error("unterminated '${'", at: start, hint: "close it with }")
            }
            reference = .named(name, default: String(decoding: bytes[defaultStart..<i], as: UTF8.self))
            i += 1
        } else {
            throw error("expected '}' or ':-' in '${…}'", at: i, hint: "write ${name} or ${name:-default}")
        }
        index = i
        return reference
    }

    // MARK: JSON

    /// A JSON object or array. Its extent is found by matching brackets outside strings
    /// (so an unfinished one is `incomplete`), then `JSONValue.parsePrefix` reads it.
    mutating func json() throws(ParseStop) {
        let start = index
        var closers: [UInt8] = []
        var i = index
        var inString = false
        var end: Int?
        scan: while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") {
                    i += 2
                    continue
                }
                if b == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"): closers.append(UInt8(ascii: "}"))
            case UInt8(ascii: "["): closers.append(UInt8(ascii: "]"))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                // A mismatched closer ends the scan too: the parser reports it.
                if closers.popLast() != b || closers.isEmpty {
                    end = i + 1
                    break scan
                }
            default: break
            }
            i += 1
        }
        guard let end else {
            let what = bytes[start] == UInt8(ascii: "{") ? "JSON object" : "JSON array"
            throw incomplete("unterminated \(what)", at: start,
                             hint: bytes[start] == UInt8(ascii: "{") ? "close it with }" : "close it with ]")
        }
        let value: JSONValue
        let used: Int
        do {
            (value, used) = try JSONValue.parsePrefix(Array(bytes[start..<end]))
        } catch {
            throw self.error("invalid JSON: \(error.message)", at: start + error.offset)
        }
        guard used == end - start else {
            throw error("invalid JSON: unexpected text after the value", at: start + used)
        }
        index = end
        emit(.json(value), from: start)
    }
}

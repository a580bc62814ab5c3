import DynamoModel

// MARK: - Tokens

struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// `[A-Za-z][A-Za-z0-9_]*`: a name, keyword or function name.
        case identifier
        /// `#` followed by `[A-Za-z0-9_]+`.
        case nameRef
        /// `:` followed by `[A-Za-z0-9_]+`.
        case valueRef
        /// `[0-9]+` (list indexes).
        case number
        case eq, ne, lt, le, gt, ge
        case lparen, rparen, lbracket, rbracket, comma, dot, plus, minus
        /// Any other character (reported as a syntax error where it appears).
        case unknown
        case eof
    }

    var kind: Kind
    /// Byte offsets into the expression's UTF-8 text.
    var start: Int
    var end: Int
}

enum Lexer {
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 48 && byte <= 57
    }

    @inline(__always) static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_")
    }

    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Splits the text into tokens; always ends with one `.eof` token. Never fails: characters
    /// outside the grammar become `.unknown` tokens for the parser to report.
    static func tokenize(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 2 + 1)
        let count = bytes.count
        var i = 0
        while i < count {
            let byte = bytes[i]
            if isWhitespace(byte) {
                i += 1
                continue
            }
            let start = i
            let kind: Token.Kind
            if isLetter(byte) {
                i += 1
                while i < count && isIdentifierPart(bytes[i]) { i += 1 }
                kind = .identifier
            } else if isDigit(byte) {
                i += 1
                while i < count && isDigit(bytes[i]) { i += 1 }
                kind = .number
            } else if byte == UInt8(ascii: "#") || byte == UInt8(ascii: ":") {
                var j = i + 1
                while j < count && isIdentifierPart(bytes[j]) { j += 1 }
                if j > i + 1 {
                    kind = byte == UInt8(ascii: "#") ? .nameRef : .valueRef
                    i = j
                } else {
                    kind = .unknown
                    i += 1
                }
            } else {
                switch byte {
                case UInt8(ascii: "="): kind = .eq; i += 1
                case UInt8(ascii: "<"):
                    if i + 1 < count && bytes[i + 1] == UInt8(ascii: ">") {
                        kind = .ne; i += 2
                    } else if i + 1 < count && bytes[i + 1] == UInt8(ascii: "=") {
                        kind = .le; i += 2
                    } else {
                        kind = .lt; i += 1
                    }
                case UInt8(ascii: ">"):
                    if i + 1 < count && bytes[i + 1] == UInt8(ascii: "=") {
                        kind = .ge; i += 2
                    } else {
                        kind = .gt; i += 1
                    }
                case UInt8(ascii: "("): kind = .lparen; i += 1
                case UInt8(ascii: ")"): kind = .rparen; i += 1
                case UInt8(ascii: "["): kind = .lbracket; i += 1
                case UInt8(ascii: "]"): kind = .rbracket; i += 1
                case UInt8(ascii: ","): kind = .comma; i += 1
                case UInt8(ascii: "."): kind = .dot; i += 1
                case UInt8(ascii: "+"): kind = .plus; i += 1
                case UInt8(ascii: "-"): kind = .minus; i += 1
                default:
                    kind = .unknown
                    // One whole UTF-8 scalar, so the message shows the character.
                    let length: Int
                    switch byte {
                    case 0xF0...: length = 4
                    case 0xE0...: length = 3
                    case 0xC0...: length = 2
                    default: length = 1
                    }
                    i = min(count, i + length)
                }
            }
            tokens.append(Token(kind: kind, start: start, end: i))
        }
        tokens.append(Token(kind: .eof, start: count, end: count))
        return tokens
    }
}

// MARK: - Diagnostics

/// Semantic errors found while parsing, reported by priority once the whole expression has
/// been read, as DynamoDB does (e.g. a reserved word is reported before an undefined
/// placeholder, whatever their order in the text).
struct Diagnostics: Sendable {
    enum Kind: Hashable, Sendable {
        case redundantParentheses, unknownFunction, misusedFunction, reserved, section
        case attributeName, attributeValue, overlap, conflict, operandCount, distinct, operand, function
    }

    private var entries: [Kind: (sequence: Int, message: String)] = [:]
    private var sequence = 0

    mutating func record(_ kind: Kind, _ message: String) {
        guard entries[kind] == nil else { return }
        entries[kind] = (sequence, message)
        sequence += 1
    }

    /// The message of the first group (in priority order) holding an error; within a group the
    /// earliest error recorded.
    func first(_ groups: [[Kind]]) -> String? {
        for group in groups {
            var best: (sequence: Int, message: String)?
            for kind in group {
                guard let entry = entries[kind] else { continue }
                if let existing = best, existing.sequence < entry.sequence { continue }
                best = entry
            }
            if let best { return best.message }
        }
        return nil
    }
}

// MARK: - Parser

/// Shared machinery for every expression grammar: tokens, placeholders, paths, errors.
struct Parser {
    static let maxExpressionBytes = 4096
    /// Parentheses, NOT and function calls nest at most this deep (keeps recursion bounded).
    static let maxNestingDepth = 64

    let kind: String
    let bytes: [UInt8]
    let tokens: [Token]
    /// Upper-case words that are keywords of this grammar and so never names.
    let keywords: Set<String>
    var position = 0
    var attributes: ExpressionAttributes
    var diagnostics = Diagnostics()
    var depth = 0
    /// Top-level names of every path read.
    var pathHeads: Set<String> = []

    init(text: String, kind: String, keywords: Set<String>, attributes: ExpressionAttributes) throws(DynamoError) {
        self.kind = kind
        self.keywords = keywords
        self.attributes = attributes
        let bytes = Array(text.utf8)
        if bytes.allSatisfy(Lexer.isWhitespace) {
            throw .validation("Invalid \(kind): The expression can not be empty;")
        }
        if bytes.count > Self.maxExpressionBytes {
            var message = "Invalid \(kind): Expression size has exceeded the maximum allowed size;"
            if kind == "ConditionExpression" || kind == "FilterExpression" {
                message += " expression size: \(bytes.count)"
            }
            throw .validation(message)
        }
        self.bytes = bytes
        self.tokens = Lexer.tokenize(bytes)
    }

    // MARK: Token access

    var current: Token { tokens[position] }

    func lookahead(_ offset: Int) -> Token {
        let index = position + offset
        return index < tokens.count ? tokens[index] : tokens[tokens.count - 1]
    }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    func text(of token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// True for an identifier spelling `word` (given in upper case) in any case.
    func isWord(_ token: Token, _ word: String) -> Bool {
        guard token.kind == .identifier, token.end - token.start == word.utf8.count else { return false }
        var index = token.start
        for expected in word.utf8 {
            var byte = bytes[index]
            if byte >= 97 && byte <= 122 { byte -= 32 }
            if byte != expected { return false }
            index += 1
        }
        return true
    }

    func isKeyword(_ token: Token) -> Bool {
        guard token.kind == .identifier, token.end - token.start <= 8 else { return false }
        return keywords.contains(text(of: token).uppercased())
    }

    // MARK: Errors

    func invalid(_ message: String) -> DynamoError {
        .validation("Invalid \(kind): \(message)")
    }

    /// DynamoDB's syntax error: the offending token, and the text from the token before it to
    /// the token after it.
    func syntaxError(at index: Int? = nil) -> DynamoError {
        let index = min(index ?? position, tokens.count - 1)
        let token = tokens[index]
        let shown = token.kind == .eof ? "<EOF>" : text(of: token)
        var start = token.start
        var end = token.end
        if index > 0 {
            start = tokens[index - 1].start
            if token.kind == .eof { end = tokens[index - 1].end }
        }
        if index + 1 < tokens.count, tokens[index + 1].kind != .eof {
            end = tokens[index + 1].end
        }
        let near = start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
        return invalid("Syntax error; token: \"\(shown)\", near: \"\(near)\"")
    }

    mutating func expect(_ kind: Token.Kind) throws(DynamoError) {
        guard current.kind == kind else { throw syntaxError() }
        advance()
    }

    /// Throws the highest-priority semantic error recorded, if any.
    func throwDiagnostics(_ groups: [[Diagnostics.Kind]]) throws(DynamoError) {
        if let message = diagnostics.first(groups) { throw invalid(message) }
    }

    mutating func enterNesting() throws(DynamoError) {
        depth += 1
        if depth > Self.maxNestingDepth {
            throw invalid("The expression is nested too deeply; maximum nesting depth: \(Self.maxNestingDepth)")
        }
    }

    mutating func leaveNesting() {
        depth -= 1
    }

    // MARK: Placeholders and paths

    mutating func resolveValue(_ token: Token) -> AttributeValue {
        let placeholder = text(of: token)
        if let value = attributes.resolveValue(placeholder) { return value }
        diagnostics.record(.attributeValue, "An expression attribute value used in expression is not defined; attribute value: \(placeholder)")
        return .null
    }

    mutating func parsePathName() throws(DynamoError) -> String {
        let token = current
        switch token.kind {
        case .identifier:
            if isKeyword(token) { throw syntaxError() }
            let name = text(of: token)
            if ReservedWords.contains(name) {
                diagnostics.record(.reserved, "Attribute name is a reserved keyword; reserved keyword: \(name)")
            }
            advance()
            return name
        case .nameRef:
            let placeholder = text(of: token)
            advance()
            if let name = attributes.resolveName(placeholder) { return name }
            diagnostics.record(.attributeName, "An expression attribute name used in the document path is not defined; attribute name: \(placeholder)")
            return placeholder
        default:
            throw syntaxError()
        }
    }

    /// `name ( '.' name | '[' digits ']' )*`, names bare or `#placeholders`.
    mutating func parsePath() throws(DynamoError) -> AttributePath {
        var elements: [PathElement] = [.name(try parsePathName())]
        while true {
            if current.kind == .dot {
                advance()
                elements.append(.name(try parsePathName()))
            } else if current.kind == .lbracket {
                advance()
                guard current.kind == .number, let index = parseIndex(current) else { throw syntaxError() }
                advance()
                try expect(.rbracket)
                elements.append(.index(index))
            } else {
                break
            }
        }
        if case .name(let head) = elements[0] { pathHeads.insert(head) }
        return AttributePath(elements)
    }

    func parseIndex(_ token: Token) -> Int? {
        var value = 0
        for byte in bytes[token.start..<token.end] {
            value = value * 10 + Int(byte - 48)
            if value > Int(Int32.max) { return nil }
        }
        return value
    }
}

/// Overlap and conflict checks between the document paths of one update or projection.
enum PathOverlap {
    /// Records DynamoDB's "overlap" or "conflict" error for the first pair found (paths in the
    /// order they appear).
    static func check(_ paths: [AttributePath], into diagnostics: inout Diagnostics) {
        for second in paths.indices {
            for first in 0..<second {
                let one = paths[first]
                let two = paths[second]
                let count = min(one.elements.count, two.elements.count)
                var diverged = false
                var index = 0
                while index < count {
                    switch (one.elements[index], two.elements[index]) {
                    case (.name(let a), .name(let b)) where a == b: break
                    case (.index(let a), .index(let b)) where a == b: break
                    case (.name, .name), (.index, .index):
                        diverged = true
                    default:
                        diagnostics.record(.conflict, "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: \(one.bracketDescription), path two: \(two.bracketDescription)")
                        diverged = true
                    }
                    if diverged { break }
                    index += 1
                }
                if !diverged {
                    diagnostics.record(.overlap, "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: \(one.bracketDescription), path two: \(two.bracketDescription)")
                }
            }
        }
    }
}

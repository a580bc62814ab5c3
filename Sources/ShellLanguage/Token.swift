import DynamoModel

/// Where a token or an error is in its source: file name, 1-based line and column (columns
/// count Unicode scalars, as JSON errors do), and the 0-based UTF-8 byte offset.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// The script's path, or `<command line>` / `<stdin>`.
    public var file: String
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(file: String, line: Int, column: Int, offset: Int) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A reference to a shell variable.
public enum VariableReference: Sendable, Hashable, CustomStringConvertible {
    /// `$name`, `${name}`, or `${name:-default}` (the default is raw text, used when the
    /// variable is unset or empty).
    case named(String, default: String?)
    /// `$1` … `$9`: a script's or command line's positional arguments.
    case positional(Int)
    /// `$#`: how many positional arguments there are.
    case argumentCount
    /// `$@`: all positional arguments.
    case allArguments

    /// The reference as written in source, braced when it has a default (`$name`,
    /// `${name:-default}`, `$1`, `$#`, `$@`).
    public var description: String {
        switch self {
        case .named(let name, nil): "$\(name)"
        case .named(let name, let fallback?): "${\(name):-\(fallback)}"
        case .positional(let n): "$\(n)"
        case .argumentCount: "$#"
        case .allArguments: "$@"
        }
    }

    /// The form used inside a double-quoted string, always braced for names so that the text
    /// that follows cannot extend the name (`"${name}_x"`).
    var interpolatedDescription: String {
        if case .named(let name, nil) = self { return "${\(name)}" }
        return description
    }
}

/// One piece of a string: literal text or a variable to substitute when the statement runs.
public enum StringPart: Sendable, Hashable {
    case text(String)
    case variable(VariableReference)
}

/// A string that may interpolate variables: `"stu_$id"`, `'raw'`, a bare word, a file path.
///
/// Always normalised: adjacent text parts are merged and empty text parts dropped, so two
/// strings that expand the same way for every variable value compare equal.
public struct ShellString: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public private(set) var parts: [StringPart]

    public init(parts: [StringPart]) {
        var normalised: [StringPart] = []
        for part in parts {
            switch part {
            case .text(let text):
                if text.isEmpty { continue }
                if case .text(let previous)? = normalised.last {
                    normalised[normalised.count - 1] = .text(previous + text)
                } else {
                    normalised.append(part)
                }
            case .variable:
                normalised.append(part)
            }
        }
        self.parts = normalised
    }

    public init(_ text: String) { self.init(parts: [.text(text)]) }
    public init(stringLiteral value: String) { self.init(value) }

    /// The text when there is no variable in it.
    public var literal: String? {
        if parts.isEmpty { return "" }
        if parts.count == 1, case .text(let text) = parts[0] { return text }
        return nil
    }

    /// The string as a double-quoted shell literal that reads back to the same parts.
    public var description: String { Printer.quoted(self) }
}

/// Operators and punctuation the grammar uses.
public enum Operator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case leftParen = "("
    case rightParen = ")"
    /// `[` directly after a word or `]` (a path index, `a.b[0]`); elsewhere `[` starts JSON.
    case leftBracket = "["
    case rightBracket = "]"
    case comma = ","
    case dot = "."
    case colon = ":"
    case plus = "+"
    case minus = "-"
}

public enum TokenKind: Sendable, Equatable {
    /// `[A-Za-z_][A-Za-z0-9_.-]*`, or a run of those characters that starts with a digit but
    /// is not a number (`2024-01-15`, `123abc`).
    case word(String)
    /// `-?digits[.digits][e[+-]digits]`, kept as written.
    case number(String)
    /// A double-quoted (escapes, interpolation) or single-quoted (raw) string.
    case string(ShellString, singleQuoted: Bool)
    /// A JSON object or array, where a value is expected.
    case json(JSONValue)
    case variable(VariableReference)
    /// `--name` or `--name=`; with `hasValue`, the value is the token(s) right after the `=`.
    case flag(name: String, hasValue: Bool)
    case op(Operator)
    /// Any other printable character (`/`, `~`, `@`, `!`, …, or a non-ASCII character): only
    /// meaningful glued to its neighbours in an argument (`./seed.iops`, `Hello,`).
    case symbol(String)
    /// A newline or `;` that ends a statement.
    case terminator
    /// The end of the input.
    case end
}

public struct Token: Sendable, Equatable, CustomStringConvertible {
    public var kind: TokenKind
    /// Where the token starts.
    public var location: SourcePosition
    /// The token's source text, exactly as written (a JSON token's whole text, a string with
    /// its quotes).
    public var text: String
    /// Whether white space, a comment, a line continuation or a statement start comes before
    /// the token; tokens with no space between them form one shell argument.
    public var spaceBefore: Bool

    public init(kind: TokenKind, location: SourcePosition, text: String, spaceBefore: Bool) {
        self.kind = kind
        self.location = location
        self.text = text
        self.spaceBefore = spaceBefore
    }

    /// For messages: `'limt'`, `end of line`; a long token (a JSON body) is cut short.
    public var description: String {
        switch kind {
        case .terminator: return text == ";" ? "';'" : "end of line"
        case .end: return "end of input"
        default:
            var shown = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                if scalar == "\n" || shown.count == 30 {
                    return "'\(String(shown))…'"
                }
                shown.append(scalar)
            }
            return "'\(text)'"
        }
    }

    var isStatementEnd: Bool {
        switch kind {
        case .terminator, .end: true
        default: false
        }
    }

    /// The word's text, if this is a word.
    var word: String? {
        if case .word(let word) = kind { return word }
        return nil
    }

    func isOperator(_ op: Operator) -> Bool {
        if case .op(let found) = kind { return found == op }
        return false
    }

    /// A case-insensitive keyword match.
    func isKeyword(_ keyword: String) -> Bool {
        guard case .word(let word) = kind, word.utf8.count == keyword.utf8.count else { return false }
        return word.lowercased() == keyword
    }
}

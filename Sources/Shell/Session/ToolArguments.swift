import ShellLanguage

/// The words of a tool command (`tail`, `ttl`, `schema`, …) or a plugin command, with
/// variables expanded: `$@` becomes the words it holds, so a plugin can hand its words on.
///
/// Commands take what they know (`option`, `flag`, `positional`) and call `finish`, which
/// rejects whatever is left with the command's options as a hint: a misspelt flag is an
/// error, never silently ignored.
struct ToolArguments {
    enum Word: Equatable {
        case value(String)
        /// `--name` (value nil) or `--name=value`.
        case flag(String, String?)
    }

    /// How errors name the command: `tail`, `metrics low-health`.
    var command: String
    private(set) var words: [Word]

    init(_ arguments: [CommandArgument], command: String, session: ShellSession) throws {
        self.command = command
        var words: [Word] = []
        for argument in arguments {
            switch argument {
            case .value(.variable(.allArguments)):
                for word in session.arguments { words.append(Self.classify(word)) }
            case .value(let value):
                words.append(.value(try session.display(value)))
            case .flag(let name, let value):
                words.append(.flag(name, try value.map { try session.display($0) }))
            }
        }
        self.words = words
    }

    init(words: [String], command: String) {
        self.command = command
        self.words = words.map(Self.classify)
    }

    /// A word handed on through `$@`: `--max=5` and `--max` are flags again.
    static func classify(_ word: String) -> Word {
        guard word.hasPrefix("--"), word.count > 2 else { return .value(word) }
        let body = word.dropFirst(2)
        if let equals = body.firstIndex(of: "=") {
            return .flag(String(body[..<equals]), String(body[body.index(after: equals)...]))
        }
        return .flag(String(body), nil)
    }

    var isEmpty: Bool { words.isEmpty }

    /// `--name` given without a value: true, and consumed.
    mutating func flag(_ name: String) throws -> Bool {
        guard let index = words.firstIndex(where: { if case .flag(name, _) = $0 { true } else { false } }) else { return false }
        if case .flag(_, let value?) = words[index] {
            throw ShellError("\(command): --\(name) takes no value (remove '=\(value)')")
        }
        words.remove(at: index)
        return true
    }

    /// `--name VALUE` or `--name=VALUE`, consumed; nil when not given.
    mutating func option(_ name: String) throws -> String? {
        guard let index = words.firstIndex(where: { if case .flag(name, _) = $0 { true } else { false } }) else { return nil }
        guard case .flag(_, let inline) = words[index] else { return nil }
        words.remove(at: index)
        if let inline { return inline }
        guard index < words.count, case .value(let value) = words[index] else {
            throw ShellError("\(command): --\(name) needs a value")
        }
        words.remove(at: index)
        if words.contains(where: { if case .flag(name, _) = $0 { true } else { false } }) {
            throw ShellError("\(command): --\(name) is given twice")
        }
        return value
    }

    /// The next word that is not a flag, consumed.
    mutating func positional() -> String? {
        guard let index = words.firstIndex(where: { if case .value = $0 { true } else { false } }),
              case .value(let value) = words[index] else { return nil }
        words.remove(at: index)
        return value
    }

    /// Every remaining word that is not a flag, consumed.
    mutating func remainingValues() -> [String] {
        var out: [String] = []
        while let value = positional() { out.append(value) }
        return out
    }

    /// Fails on any word left over.
    func finish(options: [String], usage: String? = nil) throws {
        guard let word = words.first else { return }
        let suffix = usage.map { "; usage: \($0)" } ?? ""
        switch word {
        case .flag(let name, _):
            let hint = Diagnostic.suggestion(for: name, among: options)
            let known = options.isEmpty ? "it takes no options" : "options: " + options.map { "--" + $0 }.joined(separator: ", ")
            throw ShellError("\(command): unknown option --\(name)" + (hint.map { "; did you mean --\($0)?" } ?? "; \(known)") + (hint == nil ? "" : suffix))
        case .value(let value):
            throw ShellError("\(command): unexpected argument '\(value)'" + suffix)
        }
    }
}

import Foundation

/// One value in an AWS shared config file: a plain string, or a nested block (`s3 =` followed by
/// indented `key = value` lines), which botocore turns into a dictionary.
enum AWSINIValue: Sendable, Equatable {
    case string(String)
    case nested([String: String])

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

/// A parsed `~/.aws/credentials` or `~/.aws/config`, read the way botocore reads it
/// (`configparser.RawConfigParser` plus botocore's nested-block rule), so a file the AWS CLI
/// accepts means the same thing to iops and a file it rejects is rejected here too:
///
/// - full-line comments start with `#` or `;` (after any indentation); there are no inline
///   comments, so `region = us-east-1 # x` has the value `us-east-1 # x`;
/// - `key = value` or `key: value`, split at the first `=` or `:`; keys are lowercased;
/// - a line indented deeper than the option above it continues that option's value; a value
///   that starts on the next line is a nested block;
/// - a duplicate section or key within one file is an error (configparser's strict mode);
/// - `[DEFAULT]` values apply to every section of the file.
struct AWSINIFile: Sendable {
    struct Section: Sendable {
        /// The header as written between the brackets, e.g. `profile dev`.
        var name: String
        var values: [String: AWSINIValue]
    }

    var path: String
    /// In order of appearance; `[DEFAULT]` is not listed, its values are merged into each section.
    var sections: [Section]

    func section(named name: String) -> Section? {
        sections.first { $0.name == name }
    }

    /// Reads and parses `path`; nil when there is no regular file there (botocore skips it).
    static func load(path: String) throws(AWSConfigurationError) -> AWSINIFile? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .invalidConfigFile(path: path, line: nil, reason: "it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidConfigFile(path: path, line: nil, reason: "it is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses `text`. Errors name the line but never quote it: a stray line may be a secret.
    static func parse(_ text: String, path: String) throws(AWSConfigurationError) -> AWSINIFile {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        let lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }

        var order: [String] = []
        var raw: [String: [(key: String, lines: [String])]] = [:]
        var defaults: [(key: String, lines: [String])] = []
        var current: String?            // section name; "DEFAULT" for the defaults
        var option: Int?                // index of the option a continuation line extends
        var indentLevel = 0
        var seenDefaultKeys: Set<String> = []

        func append(_ text: String) {
            guard let current, let option else { return }
            if current == "DEFAULT" { defaults[option].lines.append(text) } else { raw[current]![option].lines.append(text) }
        }

        for (index, line) in lines.enumerated() {
            let number = index + 1
            let stripped = line.trimmingCharacters(in: .whitespacesAndNewlines)
            let isComment = stripped.hasPrefix("#") || stripped.hasPrefix(";")
            if stripped.isEmpty || isComment {
                // configparser keeps blank lines inside a value (and drops trailing ones later);
                // comment lines vanish without ending the value.
                if !isComment { append("") }
                continue
            }
            let indent = line.prefix { $0.isWhitespace }.count
            if current != nil, option != nil, indent > indentLevel {
                append(stripped)
                continue
            }
            indentLevel = indent
            if stripped.first == "[", let close = stripped.lastIndex(of: "]"),
               stripped.distance(from: stripped.startIndex, to: close) >= 2 {
                let name = String(stripped[stripped.index(after: stripped.startIndex)..<close])
                if name == "DEFAULT" {
                    current = name
                } else {
                    guard raw[name] == nil else {
                        throw .invalidConfigFile(path: path, line: number, reason: "section [\(name)] appears twice")
                    }
                    raw[name] = []
                    order.append(name)
                    current = name
                }
                option = nil
                continue
            }
            guard let section = current else {
                throw .invalidConfigFile(path: path, line: number, reason: "it comes before any [section] header")
            }
            guard let delimiter = stripped.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw .invalidConfigFile(path: path, line: number, reason: "it is not a comment, [section] or key = value")
            }
            let key = stripped[..<delimiter].trimmingCharacters(in: .whitespaces).lowercased()
            guard !key.isEmpty else {
                throw .invalidConfigFile(path: path, line: number, reason: "it has no key before '\(stripped[delimiter])'")
            }
            let value = stripped[stripped.index(after: delimiter)...].trimmingCharacters(in: .whitespaces)
            if section == "DEFAULT" {
                guard seenDefaultKeys.insert(key).inserted else {
                    throw .invalidConfigFile(path: path, line: number, reason: "key \(key) appears twice in [DEFAULT]")
                }
                defaults.append((key, [value]))
                option = defaults.count - 1
            } else {
                guard !raw[section]!.contains(where: { $0.key == key }) else {
                    throw .invalidConfigFile(path: path, line: number, reason: "key \(key) appears twice in [\(section)]")
                }
                raw[section]!.append((key, [value]))
                option = raw[section]!.count - 1
            }
        }

        var defaultValues: [String: AWSINIValue] = [:]
        for entry in defaults {
            defaultValues[entry.key] = try value(of: entry.lines, key: entry.key, section: "DEFAULT", path: path)
        }
        var sections: [Section] = []
        for name in order {
            var values = defaultValues
            for entry in raw[name]! {
                values[entry.key] = try value(of: entry.lines, key: entry.key, section: name, path: path)
            }
            sections.append(Section(name: name, values: values))
        }
        return AWSINIFile(path: path, sections: sections)
    }

    /// Joins an option's lines as configparser does; a value that starts on the next line is a
    /// nested block of `key = value` lines (botocore's one level of nesting; its keys keep their case).
    private static func value(of lines: [String], key: String, section: String, path: String) throws(AWSConfigurationError) -> AWSINIValue {
        var joined = lines.joined(separator: "\n")
        while let last = joined.last, last.isWhitespace { joined.removeLast() }
        guard joined.hasPrefix("\n") else { return .string(joined) }
        var nested: [String: String] = [:]
        for line in joined.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            guard let equals = text.firstIndex(of: "=") else {
                throw .invalidConfigFile(path: path, line: nil, reason: "the nested block \(key) in [\(section)] has a line without '='")
            }
            nested[text[..<equals].trimmingCharacters(in: .whitespaces)] = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return .nested(nested)
    }
}

/// The config file's sections sorted as botocore's `build_profile_map` sorts them.
struct AWSConfigProfileMap: Sendable {
    struct Profile: Sendable {
        /// The section header that defined it (`default`, `profile default`, `profile dev`).
        var header: String
        var values: [String: AWSINIValue]
    }

    var profiles: [String: Profile] = [:]
    /// `[services name]` sections, for a profile's `services = name`.
    var services: [String: [String: AWSINIValue]] = [:]

    /// `[default]` and `[profile x]` are profiles; when both `[default]` and `[profile default]`
    /// exist, the later one in the file wins whole, as in botocore. botocore only checks that the
    /// header *starts* with `profile` and splits it like a shell (so `[profile "my name"]` works);
    /// a header that does not split into exactly two words is ignored.
    init(_ file: AWSINIFile?) {
        guard let file else { return }
        for section in file.sections {
            if section.name.hasPrefix("profile") {
                if let name = Self.sectionSubject(section.name) { profiles[name] = Profile(header: section.name, values: section.values) }
            } else if section.name.hasPrefix("sso-session") {
                continue
            } else if section.name.hasPrefix("services") {
                if let name = Self.sectionSubject(section.name) { services[name] = section.values }
            } else if section.name == "default" {
                profiles["default"] = Profile(header: section.name, values: section.values)
            }
        }
    }

    private static func sectionSubject(_ header: String) -> String? {
        guard let words = try? shellSplit(header), words.count == 2 else { return nil }
        return words[1]
    }
}

/// Errors from `shellSplit`, worded as the reason part of a message.
struct ShellSplitError: Error, Sendable, Equatable {
    var reason: String
}

/// Splits a command line as Python's `shlex.split` does (POSIX mode, no comments): botocore
/// splits `credential_process` this way and runs it without a shell, so iops must too.
func shellSplit(_ text: String) throws(ShellSplitError) -> [String] {
    enum State { case between, word, quoted(Character), escaped(after: Character?) }
    var words: [String] = []
    var token = ""
    var quotedToken = false
    var state = State.between
    let whitespace: Set<Character> = [" ", "\t", "\r", "\n", "\r\n"]
    for character in text {
        switch state {
        case .between:
            if whitespace.contains(character) { continue }
            if character == "\\" { state = .escaped(after: nil) }
            else if character == "'" || character == "\"" { state = .quoted(character); quotedToken = true }
            else { token.append(character); state = .word }
        case .word:
            if whitespace.contains(character) {
                words.append(token); token = ""; quotedToken = false; state = .between
            } else if character == "'" || character == "\"" {
                state = .quoted(character); quotedToken = true
            } else if character == "\\" {
                state = .escaped(after: nil)
            } else {
                token.append(character)
            }
        case .quoted(let quote):
            if character == quote { state = .word }
            else if quote == "\"" && character == "\\" { state = .escaped(after: quote) }
            else { token.append(character) }
        case .escaped(let quote):
            // Inside double quotes a backslash only escapes `"` and `\`; elsewhere it stays.
            if let quote, character != quote, character != "\\" { token.append("\\") }
            token.append(character)
            state = quote.map { .quoted($0) } ?? .word
        }
    }
    switch state {
    case .quoted: throw ShellSplitError(reason: "it has no closing quotation")
    case .escaped: throw ShellSplitError(reason: "it ends with a lone backslash")
    case .word: words.append(token)
    case .between: if quotedToken { words.append(token) }
    }
    return words
}

/// A syntax error (or, for the REPL, the reason input is not finished yet) at a place in a
/// script.
///
/// `description` reads like a compiler's:
///
///     seed.iops:3:21: unknown clause 'limt' in query
///     query metrics where entity_id = "stu_1" limt 5
///                                             ^
///     did you mean limit?
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// 1-based, in Unicode scalars.
    public var column: Int
    public var message: String
    /// A suggestion printed on its own last line (`did you mean limit?`).
    public var hint: String?
    /// The text of the source line the error is on, without its newline; nil when unknown.
    public var sourceLine: String?

    public init(file: String, line: Int, column: Int, message: String, hint: String? = nil, sourceLine: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }

    /// An error at `location` in `source` (the whole text the location points into), for
    /// errors found after parsing (an unknown table at a statement's location).
    public init(message: String, at location: SourcePosition, in source: String?, hint: String? = nil) {
        var line: String?
        if let source { line = SourceText.line(location.line, of: source) }
        self.init(file: location.file, line: location.line, column: location.column, message: message, hint: hint, sourceLine: line)
    }

    public var description: String {
        var out = "\(file):\(line):\(column): \(message)"
        if let sourceLine {
            let (shown, caretColumn) = Self.window(sourceLine, column: column)
            out += "\n" + shown + "\n"
            var index = 1
            for scalar in shown.unicodeScalars {
                if index >= caretColumn { break }
                out += scalar == "\t" ? "\t" : " "
                index += 1
            }
            while index < caretColumn {
                out += " "
                index += 1
            }
            out += "^"
        }
        if let hint { out += "\n" + hint }
        return out
    }

    /// A long line is cut to about 100 scalars around the column (with `…` where text was
    /// left out); returns the text shown and the column of the caret in it.
    static func window(_ line: String, column: Int) -> (String, Int) {
        let scalars = Array(line.unicodeScalars)
        let width = 100
        guard scalars.count > width + 20 else { return (line, column) }
        let caret = max(0, min(column - 1, scalars.count))
        let start = max(0, min(caret - width / 2, scalars.count - width))
        let end = min(scalars.count, start + width)
        var view = String.UnicodeScalarView()
        if start > 0 { view.append("…") }
        view.append(contentsOf: scalars[start..<end])
        if end < scalars.count { view.append("…") }
        return (String(view), caret - start + 1 + (start > 0 ? 1 : 0))
    }

    // MARK: Did you mean

    /// The candidate closest to `word` (case-insensitive Levenshtein distance), when it is
    /// close enough to be a likely misspelling: at most 1 edit for words of up to 4
    /// characters, 2 for longer ones, and never the whole word.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let lowered = Array(word.lowercased().unicodeScalars)
        guard !lowered.isEmpty, lowered.count <= 64 else { return nil }
        let allowed = lowered.count <= 4 ? 1 : 2
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars))
            if distance == 0 { return nil }
            if distance <= allowed, distance < lowered.count, best == nil || distance < best!.1 {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// `did you mean X?` for the closest candidate, or nil.
    public static func didYouMean(_ word: String, among candidates: [String]) -> String? {
        suggestion(for: word, among: candidates).map { "did you mean \($0)?" }
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbours (`adn` → `and`) each cost 1.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var d = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in 0...a.count { d[i * width] = i }
        for j in 0...b.count { d[j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1, d[(i - 1) * width + j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, d[(i - 2) * width + j - 2] + 1)
                }
                d[i * width + j] = best
            }
        }
        return d[a.count * width + b.count]
    }
}

/// Line and column lookups over a source text's UTF-8 bytes.
struct SourceText {
    let file: String
    let bytes: [UInt8]
    /// Byte offset where each line starts.
    let lineStarts: [Int]

    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    /// 0-based index of the line holding `offset`.
    func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    func location(at offset: Int) -> SourcePosition {
        let position = max(0, min(offset, bytes.count))
        let lineIndex = lineIndex(of: position)
        var column = 1
        var i = lineStarts[lineIndex]
        while i < position {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourcePosition(file: file, line: lineIndex + 1, column: column, offset: position)
    }

    /// The text of a 1-based line, without its line break.
    func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    func diagnostic(_ message: String, at offset: Int, hint: String? = nil) -> Diagnostic {
        let location = location(at: offset)
        return Diagnostic(file: file, line: location.line, column: location.column, message: message, hint: hint,
                          sourceLine: lineText(location.line))
    }

    static func line(_ line: Int, of source: String) -> String? {
        var current = 1
        for text in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == line {
                return text.hasSuffix("\r") ? String(text.dropLast()) : String(text)
            }
            current += 1
        }
        return nil
    }
}

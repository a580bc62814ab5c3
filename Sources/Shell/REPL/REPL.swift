import ShellLanguage

/// The interactive loop: read a statement (asking for more lines while it is unfinished),
/// remember it, run it, report errors and go on.
public struct REPL {
    let session: ShellSession
    let editor: LineEditor
    let prompt: String

    public init(session: ShellSession, editor: LineEditor, prompt: String) {
        self.session = session
        self.editor = editor
        self.prompt = prompt
    }

    /// Runs until `exit` or end of input; returns the exit status.
    public func run() async -> Int32 {
        editor.completer = { before in Self.completions(before) }
        var buffer = ""
        while let line = editor.readLine(prompt: buffer.isEmpty ? prompt : String(repeating: " ", count: max(0, prompt.count - 4)) + "... ") {
            buffer += buffer.isEmpty ? line : "\n" + line
            if !isComplete(buffer) { continue }
            let entry = buffer
            buffer = ""
            editor.remember(entry)
            do {
                if case .exit(let code) = try await session.runScript(entry, file: "<stdin>") { return code }
            } catch {
                session.writeError("\(error)\n")
            }
        }
        session.write("\n")
        return 0
    }

    /// Commands at the start of a statement, clause keywords after it.
    static func completions(_ before: String) -> [String] {
        let words = before.split(whereSeparator: { $0.isWhitespace })
        let startsWord = before.last.map { !$0.isWhitespace } ?? false
        if words.count == 0 || (words.count == 1 && startsWord) { return ShellGrammar.commands }
        switch words.first?.lowercased() {
        case "query": return ShellGrammar.queryClauses
        case "scan": return ShellGrammar.scanClauses
        case "count": return ShellGrammar.countClauses
        case "update": return ShellGrammar.updateClauses
        case "set": return ["format", "page-size", "table", "json", "jsonl", "csv", "ddb-json"]
        default: return ShellGrammar.conditionFunctions
        }
    }
}

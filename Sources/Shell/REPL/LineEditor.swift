import CEditLine
#if canImport(Glibc)
import Glibc
#endif

/// Line editing on libedit: a prompt, a history file kept private (mode 0600), and tab
/// completion through a Swift closure.
///
/// libedit calls back through C function pointers that cannot capture; the editor reaches
/// its Swift object through libedit's client-data pointer, as FoundationNetworking's
/// `EasyHandle` does with curl.
public final class LineEditor {
    /// Given the text before the cursor, the candidates for the word being typed.
    public typealias Completer = (_ textBeforeCursor: String) -> [String]

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private var promptBuffer: UnsafeMutablePointer<CChar>?
    public var completer: Completer?

    /// `historyPath` nil keeps history in memory only.
    public init?(program: String, historyPath: String?, historySize: Int32 = 1000) {
        guard let editLine = cedit_init(program), let history = chist_init() else { return nil }
        self.editLine = editLine
        self.history = history
        self.historyPath = historyPath
        _ = chist_set_size(history, historySize)
        _ = chist_set_unique(history)
        _ = cedit_set_history(editLine, history)
        _ = cedit_set_editor(editLine, "emacs")
        _ = cedit_set_signal(editLine, 1)
        _ = cedit_set_prompt(editLine, { editLine in
            guard let editLine, let data = cedit_clientdata(editLine) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().promptBuffer
        })
        _ = cedit_add_function(editLine, "iops-complete", "complete the word at the cursor", { editLine, _ in
            guard let editLine, let data = cedit_clientdata(editLine) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().complete()
        })
        _ = cedit_bind(editLine, "^I", "iops-complete")
        // Ctrl-C while editing: drop the line (a key, not a signal, so the read ends at once).
        _ = cedit_add_function(editLine, "iops-interrupt", "drop the line being typed", { _, _ in
            Interrupt.request()
            return UInt8(CC_EOF)
        })
        _ = cedit_setty_no_isig(editLine)
        _ = cedit_bind(editLine, "^C", "iops-interrupt")
        _ = cedit_source_default(editLine)
        _ = cedit_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        if let historyPath { _ = chist_load(history, historyPath) }
    }

    deinit {
        free(promptBuffer)
        el_end(editLine)
        history_end(history)
    }

    /// What reading a line gave.
    public enum Input: Equatable {
        case line(String)
        /// Ctrl-C at the prompt: the line is dropped.
        case interrupted
        /// Ctrl-D or the end of input.
        case end
    }

    /// Reads one line (without its newline).
    public func read(prompt: String) -> Input {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
        // Ctrl-C pressed between two reads (the terminal was in its normal mode, so it came as
        // a signal) cancels like one pressed while typing.
        if Interrupt.take() { return .interrupted }
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count), count > 0 else {
            if Interrupt.take() {
                el_reset(editLine)
                return .interrupted
            }
            return .end
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds a statement to the history and saves the file, readable by the owner only
    /// (statements can hold data; secrets are filtered by the caller).
    public func remember(_ statement: String) {
        guard !statement.allSatisfy(\.isWhitespace) else { return }
        _ = chist_enter(history, statement)
        guard let historyPath else { return }
        let previous = umask(0o077)
        _ = chist_save(history, historyPath)
        umask(previous)
        chmod(historyPath, 0o600)
    }

    private func complete() -> UInt8 {
        guard let info = el_line(editLine)?.pointee, let completer else { return UInt8(CC_ERROR) }
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: info.cursor - info.buffer), as: UTF8.self)
        let word = String(before.reversed().prefix { !$0.isWhitespace && $0 != "(" && $0 != "," }.reversed())
        let candidates = completer(before).filter { $0.hasPrefix(word) }
        guard !candidates.isEmpty else { return UInt8(CC_ERROR) }
        if candidates.count == 1 {
            el_insertstr(editLine, String(candidates[0].dropFirst(word.count)) + " ")
            return UInt8(CC_REFRESH)
        }
        let common = candidates.dropFirst().reduce(candidates[0]) { $0.commonPrefix(with: $1) }
        if common.count > word.count {
            el_insertstr(editLine, String(common.dropFirst(word.count)))
            return UInt8(CC_REFRESH)
        }
        print("")
        print(candidates.joined(separator: "  "))
        return UInt8(CC_REDISPLAY)
    }
}

extension String {
    func commonPrefix(with other: String) -> String {
        String(zip(self, other).prefix { $0 == $1 }.map(\.0))
    }
}

/// A failure of a statement that the shell itself detects (a wrong value, a missing table
/// definition, a bad file): one sentence for the user. The runner adds `file:line:col`.
public struct ShellError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

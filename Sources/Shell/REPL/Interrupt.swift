#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C in the REPL: a SIGINT handler sets a flag instead of killing the process; the line
/// editor drops the line being typed, and a running statement stops between two requests
/// (each request is all or nothing, so the store is never left half-written).
public enum Interrupt {
    /// Written by the signal handler, read by the REPL: a single word, set and cleared.
    nonisolated(unsafe) private static var requested: sig_atomic_t = 0

    /// Installs the handler (REPL only: scripts and -c keep the default, so Ctrl-C ends them).
    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupt.requested = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0 // no SA_RESTART: a blocked read returns, so the prompt can react
        sigaction(SIGINT, &action, nil)
    }

    public static func clear() { requested = 0 }

    public static func request() { requested = 1 }

    /// True once per Ctrl-C.
    public static func take() -> Bool {
        guard requested != 0 else { return false }
        requested = 0
        return true
    }
}

import Foundation

/// Executables `swift build --build-tests` puts next to the test bundle, for tests that run
/// them as a user would (the REPL in a pty, `iops serve`, scripts against moto).
public enum BuiltProducts {
    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String
    }

    /// The `iops` binary beside the running tests.
    public static func iops() throws -> String {
        var starts = [Bundle.main.bundleURL, Bundle.main.executableURL].compactMap { $0 }
        if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first).resolvingSymlinksInPath()) }
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = directory.appendingPathComponent("iops")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate.path
                }
                directory.deleteLastPathComponent()
            }
        }
        throw NotBuilt(description: "the iops binary is not built next to the tests; run `swift build` first")
    }
}

import Foundation
import Testing
@testable import AWSClient

/// Secrets every fixture uses, so any test can check that no message or description leaks them.
let secretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRET"
let sessionToken = "FwoGZXIvYXdzTOKENSECRET"
let processSecret = "PROCESS/SECRET+KEY/never-printed"

func expectNoSecret(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for secret in [secretKey, sessionToken, processSecret] {
        #expect(!text.contains(secret), "leaked a secret: \(text)", sourceLocation: sourceLocation)
    }
}

/// A temporary home directory, removed when the test is done with it.
final class TempHome {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("iops-creds-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/.aws", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    var credentialsPath: String { path + "/.aws/credentials" }
    var configPath: String { path + "/.aws/config" }

    /// Writes `text` at `relative` (under the home) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String, executable: Bool = false) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full) }
        return full
    }

    func credentials(_ text: String) throws { try write(".aws/credentials", text) }
    func config(_ text: String) throws { try write(".aws/config", text) }

    /// A `credential_process` script that prints `output` and exits with `status`.
    @discardableResult
    func script(_ name: String, output: String, status: Int = 0, stderr: String = "") throws -> String {
        try write(name, """
            #!/bin/sh
            cat <<'JSON'
            \(output)
            JSON
            printf '%s' '\(stderr)' >&2
            exit \(status)
            """, executable: true)
    }

    func resolver(_ environment: [String: String] = [:], profile: String? = nil, region: String? = nil, endpoint: String? = nil,
                  runner: CredentialProcessRunner = .system(timeout: .seconds(20)), now: Date = Date()) -> AWSConfigurationResolver {
        AWSConfigurationResolver(environment: environment, homeDirectory: path, profile: profile, region: region, endpoint: endpoint,
                                 credentialProcessRunner: runner, now: { now })
    }
}

/// The error `resolveCredentials` throws, or nil (with an issue recorded) when it succeeds.
func credentialsError(_ resolver: AWSConfigurationResolver, sourceLocation: SourceLocation = #_sourceLocation) -> AWSConfigurationError? {
    do {
        let resolved = try resolver.resolveCredentials()
        Issue.record("expected an error, got \(resolved)", sourceLocation: sourceLocation)
        return nil
    } catch {
        expectNoSecret(error.description, sourceLocation: sourceLocation)
        return error
    }
}

func regionError(_ resolver: AWSConfigurationResolver, sourceLocation: SourceLocation = #_sourceLocation) -> AWSConfigurationError? {
    do {
        let resolved = try resolver.resolveRegion()
        Issue.record("expected an error, got \(resolved)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

func endpointError(_ resolver: AWSConfigurationResolver, sourceLocation: SourceLocation = #_sourceLocation) -> AWSConfigurationError? {
    do {
        let resolved = try resolver.resolveEndpoint()
        Issue.record("expected an error, got \(String(describing: resolved))", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// The message of a credentials error, checked to be secret-free.
func credentialsMessage(_ resolver: AWSConfigurationResolver, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    credentialsError(resolver, sourceLocation: sourceLocation)?.description ?? ""
}

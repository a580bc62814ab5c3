import Foundation
import DynamoModel

/// Where one resolved setting came from, for `--debug` and for error messages.
public enum AWSConfigurationSource: Sendable, Equatable, CustomStringConvertible {
    /// A command-line option: `--profile`, `--region`, `--endpoint`.
    case flag(String)
    /// An environment variable, by name.
    case environment(String)
    /// A section of a shared config file; `section` is the header as written (`profile dev`).
    case file(path: String, section: String)
    /// The `credential_process` set in that section.
    case credentialProcess(path: String, section: String)
    /// Nothing named a profile, so it is `default`.
    case builtInDefault

    public var description: String {
        switch self {
        case .flag(let name), .environment(let name): name
        case .file(let path, let section): "\(path) [\(section)]"
        case .credentialProcess(let path, let section): "credential_process in \(path) [\(section)]"
        case .builtInDefault: "the default"
        }
    }
}

/// A resolved value and where it came from.
public struct AWSSourced<Value: Sendable>: Sendable {
    public var value: Value
    public var source: AWSConfigurationSource

    public init(_ value: Value, from source: AWSConfigurationSource) {
        self.value = value
        self.source = source
    }
}

extension AWSSourced: Equatable where Value: Equatable {}

/// Credentials and where they came from. Printing it never shows the secret (see `AWSCredentials`).
public struct AWSResolvedCredentials: Sendable, Equatable, CustomStringConvertible {
    public var credentials: AWSCredentials
    public var source: AWSConfigurationSource
    /// When temporary credentials from `credential_process` stop working; nil for long-term keys.
    public var expiration: Date?

    public init(credentials: AWSCredentials, source: AWSConfigurationSource, expiration: Date? = nil) {
        self.credentials = credentials
        self.source = source
        self.expiration = expiration
    }

    /// `environment` for the variables (as the CLI's `aws configure list` says), else the source.
    public var sourceDescription: String {
        if case .environment = source { return "environment" }
        return source.description
    }

    public var description: String { "\(credentials) from \(sourceDescription)" }
}

/// Everything iops needs to talk to DynamoDB, each part with its source.
public struct AWSResolvedConfiguration: Sendable, Equatable, CustomStringConvertible {
    public var profile: AWSSourced<String>
    public var credentials: AWSResolvedCredentials
    public var region: AWSSourced<String>
    /// Nil: AWS's regional endpoint for `region`.
    public var endpoint: AWSSourced<URL>?

    public init(profile: AWSSourced<String>, credentials: AWSResolvedCredentials, region: AWSSourced<String>, endpoint: AWSSourced<URL>?) {
        self.profile = profile
        self.credentials = credentials
        self.region = region
        self.endpoint = endpoint
    }

    /// The `--debug` line: `profile default, credentials from environment, region us-east-1 from AWS_REGION, endpoint AWS regional`.
    public var description: String {
        let profileText = profile.source == .builtInDefault ? "profile \(profile.value)" : "profile \(profile.value) from \(profile.source)"
        let endpointText = endpoint.map { "endpoint \($0.value.absoluteString) from \($0.source)" } ?? "endpoint AWS regional"
        return "\(profileText), credentials from \(credentials.sourceDescription), region \(region.value) from \(region.source), \(endpointText)"
    }
}

/// Resolves the profile, credentials, region and endpoint the way the AWS CLI v2 (botocore)
/// does, so `iops --profile x` talks to the same account and region as `aws --profile x`.
///
/// Everything it reads is an input (environment, home directory, flags, how to run a
/// `credential_process`), so tests never see the real environment or `~/.aws`.
/// Files are read on each `resolve…` call; nothing is cached.
///
/// Not supported yet, and reported as such when a profile asks for them: assume role
/// (`role_arn`), web identity, IAM Identity Center (`sso_*`), `aws login`; the container and
/// instance metadata providers are not consulted.
public struct AWSConfigurationResolver: Sendable {
    public var environment: [String: String]
    /// What `~` means in `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE` and the defaults.
    public var homeDirectory: String
    /// `--profile`: also makes the credential chain skip the environment's keys, as in the CLI.
    public var profileFlag: String?
    public var regionFlag: String?
    public var endpointFlag: String?
    public var credentialProcessRunner: CredentialProcessRunner
    /// The clock that decides whether `credential_process` credentials have already expired.
    public var now: @Sendable () -> Date

    public init(
        environment: [String: String],
        homeDirectory: String,
        profile: String? = nil,
        region: String? = nil,
        endpoint: String? = nil,
        credentialProcessRunner: CredentialProcessRunner = .system(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.profileFlag = profile
        self.regionFlag = region
        self.endpointFlag = endpoint
        self.credentialProcessRunner = credentialProcessRunner
        self.now = now
    }

    /// The resolver for this process: its environment and `HOME` (as Python's `expanduser`).
    public static func forCurrentProcess(profile: String? = nil, region: String? = nil, endpoint: String? = nil) -> AWSConfigurationResolver {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return AWSConfigurationResolver(environment: environment, homeDirectory: home, profile: profile, region: region, endpoint: endpoint)
    }

    // MARK: Profile and files

    /// `--profile`, else `AWS_DEFAULT_PROFILE`, else `AWS_PROFILE`, else `default`. The CLI checks
    /// `AWS_DEFAULT_PROFILE` first and keeps that order for compatibility (aws/aws-cli#1281,
    /// boto/botocore#1725). Empty values count as unset throughout.
    public func resolveProfile() -> AWSSourced<String> {
        if let name = nonEmpty(profileFlag) { return AWSSourced(name, from: .flag("--profile")) }
        for variable in ["AWS_DEFAULT_PROFILE", "AWS_PROFILE"] {
            if let name = env(variable) { return AWSSourced(name, from: .environment(variable)) }
        }
        return AWSSourced("default", from: .builtInDefault)
    }

    /// `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`, with `$VAR` and `~` expanded as botocore does.
    public var credentialsFilePath: String { expandPath(env("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials") }

    /// `AWS_CONFIG_FILE` or `~/.aws/config`, expanded the same way.
    public var configFilePath: String { expandPath(env("AWS_CONFIG_FILE") ?? "~/.aws/config") }

    /// Both files read once, and the profile's settings merged as botocore's `full_config`
    /// merges them: the config file's profile, overridden key by key by the credentials file's
    /// section of the same name.
    struct Loaded {
        var profile: AWSSourced<String>
        var credentialsPath: String
        var configPath: String
        var credentialsFile: AWSINIFile?
        var config: AWSConfigProfileMap
        var merged: [String: (value: AWSINIValue, source: AWSConfigurationSource)]

        var name: String { profile.value }
        var credentialsLabel: String { "\(credentialsPath) [\(name)]" }
        var configLabel: String {
            let header = config.profiles[name]?.header ?? (name == "default" ? "default" : "profile \(name)")
            return "\(configPath) [\(header)]"
        }

        func string(_ key: String) -> AWSSourced<String>? {
            guard let entry = merged[key], let text = entry.value.string, !text.isEmpty else { return nil }
            return AWSSourced(text, from: entry.source)
        }
    }

    func load() throws(AWSConfigurationError) -> Loaded {
        let profile = resolveProfile()
        let credentialsPath = credentialsFilePath
        let configPath = configFilePath
        let credentialsFile = try AWSINIFile.load(path: credentialsPath)
        let config = AWSConfigProfileMap(try AWSINIFile.load(path: configPath))
        var merged: [String: (value: AWSINIValue, source: AWSConfigurationSource)] = [:]
        if let section = config.profiles[profile.value] {
            for (key, value) in section.values { merged[key] = (value, .file(path: configPath, section: section.header)) }
        }
        let credentialsSection = credentialsFile?.section(named: profile.value)
        if let credentialsSection {
            for (key, value) in credentialsSection.values { merged[key] = (value, .file(path: credentialsPath, section: credentialsSection.name)) }
        }
        // A profile someone named must exist (botocore's ProfileNotFound); the implicit default need not.
        if profile.source != .builtInDefault, config.profiles[profile.value] == nil, credentialsSection == nil {
            var available = Set(config.profiles.keys)
            for section in credentialsFile?.sections ?? [] { available.insert(section.name) }
            throw .profileNotFound(name: profile.value, source: profile.source, files: [credentialsPath, configPath], available: available.sorted())
        }
        return Loaded(profile: profile, credentialsPath: credentialsPath, configPath: configPath,
                      credentialsFile: credentialsFile, config: config, merged: merged)
    }

    // MARK: Everything

    /// Profile, credentials, region and endpoint, or the first thing that is missing or wrong.
    public func resolve() throws(AWSConfigurationError) -> AWSResolvedConfiguration {
        let loaded = try load()
        let credentials = try resolveCredentials(loaded)
        let region = try resolveRegion(loaded)
        let endpoint = try resolveEndpoint(loaded)
        return AWSResolvedConfiguration(profile: loaded.profile, credentials: credentials, region: region, endpoint: endpoint)
    }

    // MARK: Credentials

    /// The CLI's chain, in its order: environment (unless `--profile`), then the profile's
    /// assume-role / web-identity / SSO settings (reported as unsupported), the credentials file,
    /// `aws login` (unsupported), `credential_process`, and the config file's keys.
    public func resolveCredentials() throws(AWSConfigurationError) -> AWSResolvedCredentials {
        try resolveCredentials(try load())
    }

    func resolveCredentials(_ loaded: Loaded) throws(AWSConfigurationError) -> AWSResolvedCredentials {
        let profileFlagGiven = loaded.profile.source == .flag("--profile")
        var lookedIn: [String] = []
        if !profileFlagGiven {
            lookedIn.append("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY")
            if let accessKey = env("AWS_ACCESS_KEY_ID") {
                guard let secret = env("AWS_SECRET_ACCESS_KEY") else {
                    throw .incompleteCredentials(location: "the environment", present: "AWS_ACCESS_KEY_ID", missing: "AWS_SECRET_ACCESS_KEY")
                }
                let token = env("AWS_SECURITY_TOKEN") ?? env("AWS_SESSION_TOKEN")
                return AWSResolvedCredentials(credentials: AWSCredentials(accessKeyId: accessKey, secretAccessKey: secret, sessionToken: token),
                                              source: .environment("AWS_ACCESS_KEY_ID"))
            }
        }

        let name = loaded.name
        if let role = loaded.merged["role_arn"], loaded.merged["web_identity_token_file"] == nil {
            throw .unsupportedCredentialSource(profile: name, feature: "assuming a role", location: "role_arn in \(role.source)")
        }
        if !profileFlagGiven, env("AWS_WEB_IDENTITY_TOKEN_FILE") != nil {
            throw .unsupportedCredentialSource(profile: name, feature: "web identity", location: "AWS_WEB_IDENTITY_TOKEN_FILE")
        }
        if let tokenFile = loaded.string("web_identity_token_file") {
            throw .unsupportedCredentialSource(profile: name, feature: "web identity", location: "web_identity_token_file in \(tokenFile.source)")
        }
        for key in ["sso_account_id", "sso_role_name"] {
            if let sso = loaded.merged[key] {
                throw .unsupportedCredentialSource(profile: name, feature: "IAM Identity Center (SSO)", location: "\(key) in \(sso.source)")
            }
        }

        lookedIn.append(loaded.credentialsLabel)
        if let section = loaded.credentialsFile?.section(named: name),
           let credentials = try staticKeys(section.values, location: loaded.credentialsLabel) {
            return AWSResolvedCredentials(credentials: credentials, source: .file(path: loaded.credentialsPath, section: section.name))
        }

        if let login = loaded.merged["login_session"] {
            throw .unsupportedCredentialSource(profile: name, feature: "aws login", location: "login_session in \(login.source)")
        }
        if let process = loaded.merged["credential_process"] {
            return try runCredentialProcess(process.value.string ?? "", profile: name, source: process.source)
        }

        lookedIn.append(loaded.configLabel)
        if let section = loaded.config.profiles[name], let credentials = try staticKeys(section.values, location: loaded.configLabel) {
            return AWSResolvedCredentials(credentials: credentials, source: .file(path: loaded.configPath, section: section.header))
        }

        // Settings botocore would act on only with more configuration (or not at all), named so
        // the user is not left guessing why their SSO or role profile gave nothing.
        var unsupported: String?
        for key in loaded.merged.keys.sorted() where key.hasPrefix("sso_") || key == "source_profile" || key == "credential_source" {
            unsupported = key
            break
        }
        throw .noCredentials(lookedIn: lookedIn, profileFlag: profileFlagGiven, unsupported: unsupported)
    }

    /// `aws_access_key_id` + `aws_secret_access_key` (+ a token) from one section; nil without a key id.
    private func staticKeys(_ values: [String: AWSINIValue], location: String) throws(AWSConfigurationError) -> AWSCredentials? {
        guard let accessKey = nonEmpty(values["aws_access_key_id"]?.string) else { return nil }
        guard let secret = nonEmpty(values["aws_secret_access_key"]?.string) else {
            throw .incompleteCredentials(location: location, present: "aws_access_key_id", missing: "aws_secret_access_key")
        }
        let token = nonEmpty(values["aws_security_token"]?.string) ?? nonEmpty(values["aws_session_token"]?.string)
        return AWSCredentials(accessKeyId: accessKey, secretAccessKey: secret, sessionToken: token)
    }

    /// Runs the command and reads its JSON as botocore's `ProcessProvider` does. Failures quote
    /// the command's standard error (where helpers explain themselves) but never its output,
    /// which holds the secret.
    private func runCredentialProcess(_ command: String, profile: String, source: AWSConfigurationSource) throws(AWSConfigurationError) -> AWSResolvedCredentials {
        let location = source.description
        func failure(_ reason: String) -> AWSConfigurationError {
            .credentialProcessFailed(profile: profile, location: location, reason: reason)
        }
        let arguments: [String]
        do {
            arguments = try shellSplit(command)
        } catch {
            throw failure("the command cannot be split into words: \(error.reason)")
        }
        guard !arguments.isEmpty else { throw failure("the command is empty") }
        let output: CredentialProcessOutput
        do {
            output = try credentialProcessRunner.run(arguments, environment)
        } catch let runFailure as CredentialProcessRunner.Failure {
            throw failure(runFailure.reason)
        } catch {
            throw failure("\(error)")
        }
        guard output.exitStatus == 0 else {
            let message = String(decoding: output.standardError, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let shown = message.count > 300 ? String(message.prefix(300)) + "…" : message
            throw failure("it exited with status \(output.exitStatus)" + (shown.isEmpty ? "" : " (\(shown.replacingOccurrences(of: "\n", with: " ")))"))
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(String(decoding: output.standardOutput, as: UTF8.self))
        } catch {
            throw failure("its output is not JSON (error at line \(error.line), column \(error.column))")
        }
        guard case .object(let object) = json else { throw failure("its output is a JSON \(json.typeName), not an object") }
        guard let version = object["Version"] else { throw failure("its output has no Version") }
        guard case .number(let number) = version, Double(number) == 1 else {
            let shown: String
            if case .number(let number) = version { shown = number } else { shown = "a \(version.typeName)" }
            throw failure("its output has Version \(shown); only Version 1 is supported")
        }
        guard let accessKey = object["AccessKeyId"]?.stringValue, !accessKey.isEmpty else { throw failure("its output has no AccessKeyId string") }
        guard let secret = object["SecretAccessKey"]?.stringValue, !secret.isEmpty else { throw failure("its output has no SecretAccessKey string") }
        var token: String?
        if let value = object["SessionToken"], value != .null {
            guard let text = value.stringValue else { throw failure("its SessionToken is not a string") }
            token = text.isEmpty ? nil : text
        }
        var expiration: Date?
        if let value = object["Expiration"], value != .null {
            guard let text = value.stringValue, let date = parseISO8601(text) else {
                throw failure("its Expiration is not an ISO 8601 time like 2030-01-02T03:04:05Z")
            }
            guard date > now() else { throw failure("the credentials it returned expired at \(text)") }
            expiration = date
        }
        return AWSResolvedCredentials(credentials: AWSCredentials(accessKeyId: accessKey, secretAccessKey: secret, sessionToken: token),
                                      source: .credentialProcess(path: sourcePath(source), section: sourceSection(source)),
                                      expiration: expiration)
    }

    // MARK: Region

    /// `--region`, else `AWS_REGION` (AWS CLI v2; botocore alone skips it), else
    /// `AWS_DEFAULT_REGION`, else the profile's `region`. Checked to be a host-name label as
    /// botocore checks it, since it becomes part of the endpoint's host.
    public func resolveRegion() throws(AWSConfigurationError) -> AWSSourced<String> {
        try resolveRegion(try load())
    }

    func resolveRegion(_ loaded: Loaded) throws(AWSConfigurationError) -> AWSSourced<String> {
        var found: AWSSourced<String>?
        if let region = nonEmpty(regionFlag) {
            found = AWSSourced(region, from: .flag("--region"))
        } else if let region = env("AWS_REGION") {
            found = AWSSourced(region, from: .environment("AWS_REGION"))
        } else if let region = env("AWS_DEFAULT_REGION") {
            found = AWSSourced(region, from: .environment("AWS_DEFAULT_REGION"))
        } else {
            found = loaded.string("region")
        }
        guard let found else {
            throw .noRegion(lookedIn: ["--region", "AWS_REGION", "AWS_DEFAULT_REGION", loaded.credentialsLabel, loaded.configLabel])
        }
        guard isValidRegion(found.value) else { throw .invalidRegion(found.value, source: found.source) }
        return found
    }

    // MARK: Endpoint

    /// `--endpoint`; else nothing if `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the profile's
    /// `ignore_configured_endpoint_urls`) is true; else `AWS_ENDPOINT_URL_DYNAMODB`,
    /// `AWS_ENDPOINT_URL`, the profile's `[services …]` `dynamodb` `endpoint_url`, the profile's
    /// `endpoint_url` (botocore's order since 1.31); nil means AWS's regional endpoint.
    public func resolveEndpoint() throws(AWSConfigurationError) -> AWSSourced<URL>? {
        try resolveEndpoint(try load())
    }

    func resolveEndpoint(_ loaded: Loaded) throws(AWSConfigurationError) -> AWSSourced<URL>? {
        if let endpoint = nonEmpty(endpointFlag) { return try endpointURL(AWSSourced(endpoint, from: .flag("--endpoint"))) }
        let ignore = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") ?? loaded.string("ignore_configured_endpoint_urls")?.value
        if ignore?.lowercased() == "true" { return nil }
        for variable in ["AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"] {
            if let endpoint = env(variable) { return try endpointURL(AWSSourced(endpoint, from: .environment(variable))) }
        }
        if let services = loaded.string("services") {
            guard let section = loaded.config.services[services.value] else {
                throw .servicesSectionNotFound(profile: loaded.name, name: services.value, path: loaded.configPath)
            }
            if case .nested(let settings) = section["dynamodb"], let endpoint = nonEmpty(settings["endpoint_url"]) {
                return try endpointURL(AWSSourced(endpoint, from: .file(path: loaded.configPath, section: "services \(services.value)")))
            }
        }
        if let endpoint = loaded.string("endpoint_url") { return try endpointURL(endpoint) }
        return nil
    }

    private func endpointURL(_ endpoint: AWSSourced<String>) throws(AWSConfigurationError) -> AWSSourced<URL> {
        guard let url = URL(string: endpoint.value), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            throw .invalidEndpoint(endpoint.value, source: endpoint.source)
        }
        return AWSSourced(url, from: endpoint.source)
    }

    // MARK: Helpers

    private func env(_ name: String) -> String? { nonEmpty(environment[name]) }

    /// Python's `os.path.expandvars` (`$NAME`, `${NAME}`; unknown names stay) then
    /// `expanduser` (`~` and `~/…`; `~user` stays), the expansion botocore applies to both paths.
    func expandPath(_ path: String) -> String {
        func isWordCharacter(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
        var expanded = ""
        var index = path.startIndex
        while index < path.endIndex {
            let character = path[index]
            let next = path.index(after: index)
            guard character == "$" else {
                expanded.append(character)
                index = next
                continue
            }
            var end = next
            var name = ""
            if next < path.endIndex, path[next] == "{", let close = path[next...].firstIndex(of: "}") {
                name = String(path[path.index(after: next)..<close])
                end = path.index(after: close)
            } else {
                end = path[next...].firstIndex { !isWordCharacter($0) } ?? path.endIndex
                name = String(path[next..<end])
            }
            if !name.isEmpty, let value = environment[name] {
                expanded += value
                index = end
            } else {
                expanded.append(character)
                index = next
            }
        }
        guard expanded == "~" || expanded.hasPrefix("~/") else { return expanded }
        var home = homeDirectory
        while home.hasSuffix("/") { home.removeLast() }
        let joined = home + expanded.dropFirst()
        return joined.isEmpty ? "/" : joined
    }
}

private func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
}

/// botocore's `validate_region_name`: one DNS label of letters, digits and inner hyphens.
private func isValidRegion(_ region: String) -> Bool {
    let characters = Array(region.utf8)
    guard (1...63).contains(characters.count) else { return false }
    func alphanumeric(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    guard alphanumeric(characters.first!), alphanumeric(characters.last!) else { return false }
    return characters.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") }
}

/// `2030-01-02T03:04:05Z`, with or without fractional seconds, `Z` or an offset.
private func parseISO8601(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
}

private func sourcePath(_ source: AWSConfigurationSource) -> String {
    if case .file(let path, _) = source { return path }
    return source.description
}

private func sourceSection(_ source: AWSConfigurationSource) -> String {
    if case .file(_, let section) = source { return section }
    return ""
}

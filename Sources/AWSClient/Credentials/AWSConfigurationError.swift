/// Why credentials, region or endpoint could not be resolved. Each `description` is one sentence
/// that says where iops looked and what to do; none ever contains a secret key, a session token
/// or a `credential_process`'s output.
public enum AWSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing supplied credentials. `lookedIn` lists the places in the order they were tried;
    /// `profileFlag` says `--profile` was given (so the environment was skipped, as in the CLI);
    /// `unsupported` names a setting of the profile iops cannot use yet (e.g. `sso_start_url`).
    case noCredentials(lookedIn: [String], profileFlag: Bool, unsupported: String?)
    /// An access key id without its secret; `location` is `the environment` or a file and section.
    case incompleteCredentials(location: String, present: String, missing: String)
    case noRegion(lookedIn: [String])
    case invalidRegion(String, source: AWSConfigurationSource)
    case invalidEndpoint(String, source: AWSConfigurationSource)
    /// A profile named by `--profile`, `AWS_DEFAULT_PROFILE` or `AWS_PROFILE` exists in neither file.
    case profileNotFound(name: String, source: AWSConfigurationSource, files: [String], available: [String])
    /// The profile gets its credentials in a way iops does not implement yet (assume role, SSO, …);
    /// `location` names the setting and where it is (`role_arn in /home/u/.aws/config [profile x]`).
    case unsupportedCredentialSource(profile: String, feature: String, location: String)
    case credentialProcessFailed(profile: String, location: String, reason: String)
    /// A profile's `services = name` names a `[services name]` section that does not exist.
    case servicesSectionNotFound(profile: String, name: String, path: String)
    /// A file the AWS CLI would also refuse to read.
    case invalidConfigFile(path: String, line: Int?, reason: String)

    public var description: String {
        switch self {
        case .noCredentials(let places, let profileFlag, let unsupported):
            var text = "no AWS credentials: looked in " + places.joined(separator: ", ")
            if profileFlag { text += " (not in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, because --profile was given)" }
            if let unsupported { text += "; the profile sets \(unsupported), which iops does not support yet" }
            return text + (profileFlag ? "; add keys to that profile or pass another --profile" : "; set them or pass --profile")
        case .incompleteCredentials(let location, let present, let missing):
            return "incomplete AWS credentials in \(location): \(present) is set but \(missing) is not"
        case .noRegion(let places):
            return "no AWS region: looked in " + places.joined(separator: ", ") + "; set one or pass --region"
        case .invalidRegion(let region, let source):
            return "invalid AWS region '\(region)' from \(source): a region is letters, digits and hyphens, like us-east-1"
        case .invalidEndpoint(let endpoint, let source):
            return "invalid endpoint URL '\(endpoint)' from \(source): expected http:// or https:// and a host, like http://localhost:8000"
        case .profileNotFound(let name, let source, let files, let available):
            let existing = available.isEmpty ? "there are no profiles" : "profiles there: " + available.joined(separator: ", ")
            return "profile '\(name)' (from \(source)) not found in \(files.joined(separator: " or ")); \(existing)"
        case .unsupportedCredentialSource(let profile, let feature, let location):
            return "profile '\(profile)' gets its credentials by \(feature) (\(location)), which iops does not support yet; use access keys or credential_process"
        case .credentialProcessFailed(let profile, let location, let reason):
            return "credential_process of profile '\(profile)' (\(location)) failed: \(reason)"
        case .servicesSectionNotFound(let profile, let name, let path):
            return "profile '\(profile)' sets services = \(name) but \(path) has no [services \(name)] section"
        case .invalidConfigFile(let path, let line, let reason):
            return "cannot use \(path)" + (line.map { " (line \($0))" } ?? "") + ": \(reason)"
        }
    }
}

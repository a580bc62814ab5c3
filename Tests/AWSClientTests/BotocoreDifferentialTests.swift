import DynamoModel
import Foundation
import Testing
@testable import AWSClient

/// Resolves the same files and environment with botocore (the AWS CLI's engine) and with iops,
/// and compares the access key id, region and endpoint, or the kind of error.
@Suite struct BotocoreDifferentialTests {
    /// Prints what botocore resolves as JSON. Instance metadata is disabled so a machine
    /// without credentials answers at once instead of probing 169.254.169.254.
    static let script = #"""
import json, sys
try:
    import botocore.session
except ImportError:
    print(json.dumps({"missing": True}))
    sys.exit(0)
profile = sys.argv[1] or None
out = {}
try:
    session = botocore.session.Session(profile=profile)
    credentials = session.get_credentials()
    out["key"] = credentials.access_key if credentials else None
    out["region"] = session.get_config_variable("region")
    if out["region"]:
        client = session.create_client("dynamodb", aws_access_key_id="x", aws_secret_access_key="y")
        out["endpoint"] = client.meta.endpoint_url
except Exception as error:
    out = {"error": type(error).__name__}
print(json.dumps(out))
"""#

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var credentials: String?
        var config: String?
        var environment: [String: String] = [:]
        var profile: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "credentials file and config region",
             credentials: "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = s\n",
             config: "[default]\nregion = eu-west-1\n"),
        Case(name: "environment keys beat AWS_PROFILE's file keys",
             credentials: "[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = s\n",
             config: "[profile dev]\nregion = ap-southeast-2\n",
             environment: ["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s", "AWS_PROFILE": "dev"]),
        Case(name: "explicit profile skips environment keys",
             credentials: "[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = s\n",
             config: "[profile dev]\nregion = ap-southeast-2\n",
             environment: ["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s", "AWS_DEFAULT_REGION": "us-west-1"],
             profile: "dev"),
        Case(name: "AWS_DEFAULT_PROFILE before AWS_PROFILE",
             config: "[profile a]\naws_access_key_id = AKEY\naws_secret_access_key = s\nregion = us-east-2\n[profile b]\naws_access_key_id = BKEY\naws_secret_access_key = s\nregion = us-west-2\n",
             environment: ["AWS_DEFAULT_PROFILE": "a", "AWS_PROFILE": "b"]),
        Case(name: "later [profile default] wins",
             config: "[default]\naws_access_key_id = PLAIN\naws_secret_access_key = s\nregion = us-east-1\n[profile default]\naws_access_key_id = PREFIXED\naws_secret_access_key = s\n",
             environment: ["AWS_DEFAULT_REGION": "eu-west-3"]),
        Case(name: "comments, nested block, colon, continuation, DEFAULT",
             config: "# c\n[DEFAULT]\nregion = ca-central-1\n[default]\n  ; c\nS3 =\n  addressing_style = path\n\n  signature_version = s3v4\nAws_Access_Key_Id: MIXED\naws_secret_access_key = s\nnote = a\n   b\n"),
        Case(name: "credentials file region overrides config",
             credentials: "[default]\nregion = eu-central-1\naws_access_key_id = K\naws_secret_access_key = s\n",
             config: "[default]\nregion = us-east-1\n"),
        Case(name: "quoted profile name",
             config: "[profile \"my profile\"]\naws_access_key_id = QUOTED\naws_secret_access_key = s\nregion = eu-south-1\n",
             profile: "my profile"),
        Case(name: "[dev] in config is not a profile",
             config: "[dev]\naws_access_key_id = NOPE\naws_secret_access_key = s\n",
             profile: "dev"),
        Case(name: "missing profile from the environment",
             credentials: "[default]\naws_access_key_id = K\naws_secret_access_key = s\n",
             environment: ["AWS_PROFILE": "nope", "AWS_DEFAULT_REGION": "us-east-1"]),
        Case(name: "duplicate key",
             credentials: "[default]\naws_access_key_id = K\naws_access_key_id = L\n"),
        Case(name: "partial file credentials",
             credentials: "[default]\naws_access_key_id = K\n",
             environment: ["AWS_DEFAULT_REGION": "us-east-1"]),
        Case(name: "no credentials at all",
             config: "[default]\nregion = us-east-1\n"),
        Case(name: "moved files with ~ and $VAR",
             environment: ["AWS_SHARED_CREDENTIALS_FILE": "~/moved/creds", "AWS_CONFIG_FILE": "$MOVED/conf", "MOVED": "<home>/moved"]),
        Case(name: "endpoint from services section then profile",
             credentials: "[default]\naws_access_key_id = K\naws_secret_access_key = s\n",
             config: "[default]\nregion = us-east-1\nendpoint_url = http://profile:1\nservices = local\n[services local]\ndynamodb =\n  endpoint_url = http://services:2\n"),
        Case(name: "endpoint from the environment",
             credentials: "[default]\naws_access_key_id = K\naws_secret_access_key = s\n",
             config: "[default]\nregion = us-east-1\nendpoint_url = http://profile:1\n",
             environment: ["AWS_ENDPOINT_URL": "http://global:5"]),
        Case(name: "ignored configured endpoints",
             credentials: "[default]\naws_access_key_id = K\naws_secret_access_key = s\n",
             config: "[default]\nregion = us-east-1\nendpoint_url = http://profile:1\nignore_configured_endpoint_urls = true\n"),
        Case(name: "credential_process before config keys",
             config: "[default]\nregion = us-east-1\ncredential_process = <home>/creds.sh\naws_access_key_id = CONFIGKEY\naws_secret_access_key = s\n"),
    ]

    @Test(arguments: cases)
    func sameAsBotocore(_ testCase: Case) throws {
        let home = try TempHome()
        func expand(_ text: String) -> String { text.replacingOccurrences(of: "<home>", with: home.path) }
        try home.script("creds.sh", output: #"{"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "s"}"#)
        if let credentials = testCase.credentials { try home.credentials(expand(credentials)) }
        if let config = testCase.config { try home.config(expand(config)) }
        if testCase.name.hasPrefix("moved") {
            try home.write("moved/creds", "[default]\naws_access_key_id = MOVEDKEY\naws_secret_access_key = s\n")
            try home.write("moved/conf", "[default]\nregion = af-south-1\n")
        }
        var environment: [String: String] = [:]
        for (name, value) in testCase.environment { environment[name] = expand(value) }

        guard let theirs = try Self.botocore(environment: environment, home: home.path, profile: testCase.profile) else { return }
        let ours = Self.iops(home.resolver(environment, profile: testCase.profile))
        #expect(ours == theirs, "iops resolved \(ours), botocore \(theirs)")
    }

    /// What iops resolves, in the shape the script prints.
    static func iops(_ resolver: AWSConfigurationResolver) -> [String: String] {
        var out: [String: String] = [:]
        do {
            do {
                out["key"] = try resolver.resolveCredentials().credentials.accessKeyId
            } catch .noCredentials {
                out["key"] = "null"
            }
            do {
                let region = try resolver.resolveRegion().value
                out["region"] = region
                out["endpoint"] = try resolver.resolveEndpoint()?.value.absoluteString ?? "https://dynamodb.\(region).amazonaws.com"
            } catch .noRegion {
                out["region"] = "null"
            }
        } catch {
            switch error {
            case .profileNotFound: return ["error": "ProfileNotFound"]
            case .incompleteCredentials: return ["error": "PartialCredentialsError"]
            case .invalidConfigFile: return ["error": "ConfigParseError"]
            case .credentialProcessFailed: return ["error": "CredentialRetrievalError"]
            case .servicesSectionNotFound: return ["error": "InvalidConfigError"]
            default: return ["error": "\(error)"]
            }
        }
        return out
    }

    /// Runs the script with python3 in an environment holding only the case's variables; nil
    /// (with the issue recorded) when python3 or botocore is missing.
    static func botocore(environment: [String: String], home: String, profile: String?) throws -> [String: String]? {
        var childEnvironment = environment
        childEnvironment["HOME"] = home
        childEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        childEnvironment["AWS_EC2_METADATA_DISABLED"] = "true"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, profile ?? ""]
        process.environment = childEnvironment
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            Issue.record("python3 could not be started (\(error)); botocore is needed: `python3 -m pip install botocore` (scripts/test does it)")
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0, case .object(let object) = try JSONValue.parse(text) else {
            Issue.record("python3 failed (status \(process.terminationStatus)): \(text)")
            return nil
        }
        if object["missing"] != nil {
            Issue.record("botocore is not installed for python3: `python3 -m pip install botocore` (scripts/test does it)")
            return nil
        }
        var result: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case .string(let text): result[key] = text
            case .null: result[key] = "null"
            default: result[key] = "\(value)"
            }
        }
        return result
    }
}

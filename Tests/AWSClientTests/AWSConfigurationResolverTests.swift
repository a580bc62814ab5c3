import Foundation
import Testing
@testable import AWSClient

@Suite struct ProfileSelectionTests {
    @Test func flagThenDefaultProfileVariableThenProfileVariableThenDefault() throws {
        let home = try TempHome()
        let both = ["AWS_PROFILE": "p", "AWS_DEFAULT_PROFILE": "dp"]
        #expect(home.resolver(both, profile: "flag").resolveProfile() == AWSSourced("flag", from: .flag("--profile")))
        // The CLI reads AWS_DEFAULT_PROFILE first (aws/aws-cli#1281).
        #expect(home.resolver(both).resolveProfile() == AWSSourced("dp", from: .environment("AWS_DEFAULT_PROFILE")))
        #expect(home.resolver(["AWS_PROFILE": "p"]).resolveProfile() == AWSSourced("p", from: .environment("AWS_PROFILE")))
        #expect(home.resolver(["AWS_PROFILE": ""]).resolveProfile() == AWSSourced("default", from: .builtInDefault))
        #expect(home.resolver().resolveProfile() == AWSSourced("default", from: .builtInDefault))
    }

    @Test func missingNamedProfileListsTheProfilesThatExist() throws {
        let home = try TempHome()
        try home.credentials("[default]\naws_access_key_id = A\naws_secret_access_key = \(secretKey)\n[ci]\naws_access_key_id = C\naws_secret_access_key = \(secretKey)\n")
        try home.config("[profile prod]\nregion = eu-west-1\n[staging]\nregion = us-west-2\n")
        let error = credentialsError(home.resolver(profile: "dev"))
        #expect(error?.description == "profile 'dev' (from --profile) not found in \(home.credentialsPath) or \(home.configPath); profiles there: ci, default, prod")
        let fromEnvironment = regionError(home.resolver(["AWS_PROFILE": "dev", "AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": secretKey]))
        #expect(fromEnvironment?.description == "profile 'dev' (from AWS_PROFILE) not found in \(home.credentialsPath) or \(home.configPath); profiles there: ci, default, prod")
    }

    @Test func missingProfileWithNoFilesSaysThereAreNone() throws {
        let home = try TempHome()
        #expect(credentialsError(home.resolver(profile: "default"))?.description
            == "profile 'default' (from --profile) not found in \(home.credentialsPath) or \(home.configPath); there are no profiles")
    }

    @Test func configSectionWithoutProfilePrefixIsNotAProfileButCredentialsSectionIs() throws {
        let home = try TempHome()
        try home.config("[dev]\naws_access_key_id = WRONG\naws_secret_access_key = \(secretKey)\n[profile \"two words\"]\nregion = ap-south-1\n")
        #expect(credentialsError(home.resolver(profile: "dev")) == .profileNotFound(name: "dev", source: .flag("--profile"),
                                                                                    files: [home.credentialsPath, home.configPath], available: ["two words"]))
        #expect(try home.resolver(profile: "two words").resolveRegion().value == "ap-south-1")
        try home.credentials("[dev]\naws_access_key_id = RIGHT\naws_secret_access_key = \(secretKey)\n[profile dev]\naws_access_key_id = LITERAL\naws_secret_access_key = \(secretKey)\n")
        #expect(try home.resolver(profile: "dev").resolveCredentials().credentials.accessKeyId == "RIGHT")
        #expect(try home.resolver(profile: "profile dev").resolveCredentials().credentials.accessKeyId == "LITERAL")
    }
}

@Suite struct CredentialChainTests {
    let environmentKeys = ["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": secretKey]

    @Test func environmentComesFirst() throws {
        let home = try TempHome()
        try home.credentials("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = \(secretKey)\n")
        var environment = environmentKeys
        environment["AWS_SESSION_TOKEN"] = sessionToken
        let resolved = try home.resolver(environment).resolveCredentials()
        #expect(resolved == AWSResolvedCredentials(credentials: AWSCredentials(accessKeyId: "ENVKEY", secretAccessKey: secretKey, sessionToken: sessionToken),
                                                   source: .environment("AWS_ACCESS_KEY_ID")))
        #expect(resolved.sourceDescription == "environment")
        expectNoSecret("\(resolved)")
        environment["AWS_SECURITY_TOKEN"] = "LEGACY"
        #expect(try home.resolver(environment).resolveCredentials().credentials.sessionToken == "LEGACY")
    }

    @Test func profileFromEnvironmentKeepsEnvironmentKeysButProfileFlagSkipsThem() throws {
        let home = try TempHome()
        try home.credentials("[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = \(secretKey)\n")
        var environment = environmentKeys
        environment["AWS_PROFILE"] = "dev"
        #expect(try home.resolver(environment).resolveCredentials().credentials.accessKeyId == "ENVKEY")
        let flagged = try home.resolver(environmentKeys, profile: "dev").resolveCredentials()
        #expect(flagged.credentials.accessKeyId == "DEVKEY")
        #expect(flagged.source == .file(path: home.credentialsPath, section: "dev"))
    }

    @Test func accessKeyWithoutSecretIsAnError() throws {
        let home = try TempHome()
        #expect(credentialsMessage(home.resolver(["AWS_ACCESS_KEY_ID": "ENVKEY"]))
            == "incomplete AWS credentials in the environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        try home.credentials("[default]\naws_access_key_id = FILEKEY\n")
        #expect(credentialsMessage(home.resolver())
            == "incomplete AWS credentials in \(home.credentialsPath) [default]: aws_access_key_id is set but aws_secret_access_key is not")
        // A secret alone in the environment is not a credential; the file is used.
        try home.credentials("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = \(secretKey)\n")
        #expect(try home.resolver(["AWS_SECRET_ACCESS_KEY": secretKey]).resolveCredentials().credentials.accessKeyId == "FILEKEY")
    }

    @Test func credentialsFileBeforeConfigFile() throws {
        let home = try TempHome()
        try home.config("[default]\naws_access_key_id = CONFIGKEY\naws_secret_access_key = \(secretKey)\naws_session_token = \(sessionToken)\n")
        let fromConfig = try home.resolver().resolveCredentials()
        #expect(fromConfig.credentials == AWSCredentials(accessKeyId: "CONFIGKEY", secretAccessKey: secretKey, sessionToken: sessionToken))
        #expect(fromConfig.source == .file(path: home.configPath, section: "default"))
        try home.credentials("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = \(secretKey)\n")
        let fromCredentials = try home.resolver().resolveCredentials()
        #expect(fromCredentials.credentials == AWSCredentials(accessKeyId: "FILEKEY", secretAccessKey: secretKey))
        #expect(fromCredentials.source == .file(path: home.credentialsPath, section: "default"))
    }

    @Test func laterOfDefaultAndProfileDefaultWinsWhole() throws {
        let home = try TempHome()
        try home.config("[default]\naws_access_key_id = PLAIN\naws_secret_access_key = \(secretKey)\nregion = us-east-1\n[profile default]\naws_access_key_id = PREFIXED\naws_secret_access_key = \(secretKey)\n")
        let resolved = try home.resolver().resolveCredentials()
        #expect(resolved.credentials.accessKeyId == "PREFIXED")
        #expect(resolved.source == .file(path: home.configPath, section: "profile default"))
        // Not merged: the region of the earlier [default] is gone.
        #expect(regionError(home.resolver()) == .noRegion(lookedIn: ["--region", "AWS_REGION", "AWS_DEFAULT_REGION", "\(home.credentialsPath) [default]", "\(home.configPath) [profile default]"]))
        try home.config("[profile default]\nregion = eu-west-1\n[default]\nregion = us-east-2\n")
        #expect(try home.resolver().resolveRegion() == AWSSourced("us-east-2", from: .file(path: home.configPath, section: "default")))
    }

    @Test func fileOverridesAndTildeAndVariableExpansion() throws {
        let home = try TempHome()
        try home.write("elsewhere/creds", "[default]\naws_access_key_id = MOVED\naws_secret_access_key = \(secretKey)\n")
        try home.write("elsewhere/conf", "[default]\nregion = sa-east-1\n")
        try home.credentials("[default]\naws_access_key_id = STANDARD\naws_secret_access_key = \(secretKey)\n")
        let resolver = home.resolver(["AWS_SHARED_CREDENTIALS_FILE": "~/elsewhere/creds", "AWS_CONFIG_FILE": "$DIR/conf", "DIR": home.path + "/elsewhere"])
        #expect(resolver.credentialsFilePath == home.path + "/elsewhere/creds")
        #expect(resolver.configFilePath == home.path + "/elsewhere/conf")
        #expect(try resolver.resolveCredentials().credentials.accessKeyId == "MOVED")
        #expect(try resolver.resolveRegion().value == "sa-east-1")
        #expect(home.resolver(["AWS_CONFIG_FILE": "${NOPE}/x"]).configFilePath == "${NOPE}/x")
        #expect(home.resolver(["AWS_CONFIG_FILE": "~other/x"]).configFilePath == "~other/x")
        #expect(home.resolver().configFilePath == home.configPath)
    }

    @Test func missingCredentialsMessageNamesWhereItLooked() throws {
        let home = try TempHome()
        try home.config("[profile dev]\nregion = us-east-1\n")
        #expect(credentialsMessage(home.resolver())
            == "no AWS credentials: looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, \(home.credentialsPath) [default], \(home.configPath) [default]; set them or pass --profile")
        #expect(credentialsMessage(home.resolver(environmentKeys, profile: "dev"))
            == "no AWS credentials: looked in \(home.credentialsPath) [dev], \(home.configPath) [profile dev] (not in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, because --profile was given); add keys to that profile or pass another --profile")
        try home.config("[profile dev]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n")
        #expect(credentialsMessage(home.resolver(["AWS_PROFILE": "dev"]))
            == "no AWS credentials: looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, \(home.credentialsPath) [dev], \(home.configPath) [profile dev]; the profile sets sso_region, which iops does not support yet; set them or pass --profile")
    }

    @Test func assumeRoleSSOAndWebIdentityAreReportedAsUnsupported() throws {
        let home = try TempHome()
        try home.config("""
            [profile role]
            role_arn = arn:aws:iam::123456789012:role/x
            source_profile = default
            [profile sso]
            sso_account_id = 123456789012
            sso_role_name = Admin
            [profile static]
            aws_access_key_id = STATIC
            aws_secret_access_key = \(secretKey)
            """)
        #expect(credentialsMessage(home.resolver(profile: "role"))
            == "profile 'role' gets its credentials by assuming a role (role_arn in \(home.configPath) [profile role]), which iops does not support yet; use access keys or credential_process")
        #expect(credentialsMessage(home.resolver(profile: "sso"))
            == "profile 'sso' gets its credentials by IAM Identity Center (SSO) (sso_account_id in \(home.configPath) [profile sso]), which iops does not support yet; use access keys or credential_process")
        // As in botocore, web identity from the environment comes before the files, unless --profile.
        #expect(credentialsMessage(home.resolver(["AWS_PROFILE": "static", "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token", "AWS_ROLE_ARN": "arn"]))
            == "profile 'static' gets its credentials by web identity (AWS_WEB_IDENTITY_TOKEN_FILE), which iops does not support yet; use access keys or credential_process")
        #expect(try home.resolver(["AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token"], profile: "static").resolveCredentials().credentials.accessKeyId == "STATIC")
        // Environment keys still win over a role profile, as in the CLI.
        #expect(try home.resolver(environmentKeys + ["AWS_PROFILE": "role"]).resolveCredentials().credentials.accessKeyId == "ENVKEY")
    }
}

private func + (a: [String: String], b: [String: String]) -> [String: String] { a.merging(b) { $1 } }

@Suite struct ConfigFileSyntaxTests {
    @Test func commentsCaseNestedBlocksAndContinuations() throws {
        let home = try TempHome()
        try home.config("""
            # a comment
            ; another
            [default]
              # indented comment
            Region: us-west-2
            s3 =
                signature_version = s3v4
                # a comment inside the block
                addressing_style = path
            AWS_ACCESS_KEY_ID = CONFIGKEY
            aws_secret_access_key=\(secretKey)
            output = json # not a comment in botocore
            tags = a
              b

            [profile other]
            region = eu-north-1
            """)
        let resolved = try home.resolver().resolve()
        #expect(resolved.region.value == "us-west-2")
        #expect(resolved.credentials.credentials == AWSCredentials(accessKeyId: "CONFIGKEY", secretAccessKey: secretKey))
        let file = try #require(try AWSINIFile.load(path: home.configPath))
        let values = try #require(file.section(named: "default")?.values)
        #expect(values["s3"] == .nested(["signature_version": "s3v4", "addressing_style": "path"]))
        #expect(values["output"] == .string("json # not a comment in botocore"))
        #expect(values["tags"] == .string("a\nb"))
        #expect(file.sections.map(\.name) == ["default", "profile other"])
    }

    @Test func defaultSectionAppliesToEverySection() throws {
        let file = try AWSINIFile.parse("[DEFAULT]\nregion = d\n[a]\nx = 1\n[b]\nregion = own\n", path: "f")
        #expect(file.sections.map(\.name) == ["a", "b"])
        #expect(file.section(named: "a")?.values == ["region": .string("d"), "x": .string("1")])
        #expect(file.section(named: "b")?.values["region"] == .string("own"))
    }

    @Test func duplicatesAndStrayLinesAreErrorsThatNeverQuoteTheLine() throws {
        let home = try TempHome()
        try home.credentials("[default]\naws_access_key_id = A\naws_secret_access_key = \(secretKey)\nAWS_ACCESS_KEY_ID = B\n")
        #expect(credentialsMessage(home.resolver()) == "cannot use \(home.credentialsPath) (line 4): key aws_access_key_id appears twice in [default]")
        try home.credentials("[default]\naws_access_key_id = A\n\(secretKey)\n")
        #expect(credentialsMessage(home.resolver()) == "cannot use \(home.credentialsPath) (line 3): it is not a comment, [section] or key = value")
        try home.credentials("[a]\n[a]\n")
        #expect(credentialsMessage(home.resolver()) == "cannot use \(home.credentialsPath) (line 2): section [a] appears twice")
        try home.credentials("key = value\n[a]\n")
        #expect(credentialsMessage(home.resolver()) == "cannot use \(home.credentialsPath) (line 1): it comes before any [section] header")
        try home.credentials("[a]\nk =\n  no equals here\n")
        #expect(credentialsMessage(home.resolver()) == "cannot use \(home.credentialsPath): the nested block k in [a] has a line without '='")
    }

    @Test func credentialsFileSettingsOverrideConfigForTheSameProfile() throws {
        let home = try TempHome()
        try home.config("[profile dev]\nregion = us-east-1\n")
        try home.credentials("[dev]\nregion = eu-central-1\naws_access_key_id = K\naws_secret_access_key = \(secretKey)\n")
        #expect(try home.resolver(profile: "dev").resolveRegion() == AWSSourced("eu-central-1", from: .file(path: home.credentialsPath, section: "dev")))
    }

    @Test func shellSplitFollowsPythonShlex() throws {
        #expect(try shellSplit("a 'b c' \"d \\\" e\" f\\ g") == ["a", "b c", "d \" e", "f g"])
        #expect(try shellSplit("x '' \"\" y") == ["x", "", "", "y"])
        #expect(try shellSplit("a\"b c\"d '\\n' \"\\n\"") == ["ab cd", "\\n", "\\n"])
        #expect(try shellSplit("  ") == [])
        #expect(throws: ShellSplitError(reason: "it has no closing quotation")) { try shellSplit("a 'b") }
        #expect(throws: ShellSplitError(reason: "it ends with a lone backslash")) { try shellSplit("a \\") }
    }
}

@Suite struct CredentialProcessTests {
    let good = #"{"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "PROCESS/SECRET+KEY/never-printed", "SessionToken": "FwoGZXIvYXdzTOKENSECRET", "Expiration": "2099-01-02T03:04:05Z"}"#

    @Test func runsTheCommandAndReadsItsJSON() throws {
        let home = try TempHome()
        let script = try home.script("bin dir/creds.sh", output: good)
        try home.config("[profile tool]\ncredential_process = \"\(script)\" --flag 'two words'\n")
        let resolved = try home.resolver(profile: "tool").resolveCredentials()
        #expect(resolved.credentials == AWSCredentials(accessKeyId: "PROCKEY", secretAccessKey: processSecret, sessionToken: sessionToken))
        #expect(resolved.source == .credentialProcess(path: home.configPath, section: "profile tool"))
        #expect(resolved.expiration == Date(timeIntervalSince1970: 4_071_006_245))
        expectNoSecret("\(resolved)")
    }

    @Test func commandIsSplitLikeShlexAndGetsTheEnvironment() throws {
        let home = try TempHome()
        try home.config("[default]\ncredential_process = helper --profile 'a b' \"$HOME\"\n")
        let runner = CredentialProcessRunner { arguments, environment in
            #expect(arguments == ["helper", "--profile", "a b", "$HOME"])
            #expect(environment["MARK"] == "yes")
            return CredentialProcessOutput(exitStatus: 0, standardOutput: Array(#"{"Version":1,"AccessKeyId":"FAKE","SecretAccessKey":"S"}"#.utf8))
        }
        let resolved = try home.resolver(["MARK": "yes"], runner: runner).resolveCredentials()
        #expect(resolved.credentials == AWSCredentials(accessKeyId: "FAKE", secretAccessKey: "S"))
        #expect(resolved.expiration == nil)
    }

    @Test func orderIsCredentialsFileThenProcessThenConfigKeys() throws {
        let home = try TempHome()
        let script = try home.script("creds.sh", output: good)
        try home.config("[default]\ncredential_process = \(script)\naws_access_key_id = CONFIGKEY\naws_secret_access_key = \(secretKey)\n")
        #expect(try home.resolver().resolveCredentials().credentials.accessKeyId == "PROCKEY")
        try home.credentials("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = \(secretKey)\n")
        #expect(try home.resolver().resolveCredentials().credentials.accessKeyId == "FILEKEY")
        // credential_process in the credentials file counts too (botocore merges the files).
        try home.config("")
        try home.credentials("[default]\ncredential_process = \(script)\n")
        #expect(try home.resolver().resolveCredentials().source == .credentialProcess(path: home.credentialsPath, section: "default"))
    }

    @Test func failuresNameTheProfileAndNeverTheOutput() throws {
        let home = try TempHome()
        let location = "\(home.configPath) [profile tool]"
        func message(output: String, status: Int = 0, stderr: String = "", now: Date = Date()) throws -> String {
            let script = try home.script("creds.sh", output: output, status: status, stderr: stderr)
            try home.config("[profile tool]\ncredential_process = \(script)\n")
            return credentialsMessage(home.resolver(profile: "tool", now: now))
        }
        let prefix = "credential_process of profile 'tool' (\(location)) failed: "
        #expect(try message(output: good, status: 3, stderr: "token expired\nrun login") == prefix + "it exited with status 3 (token expired run login)")
        #expect(try message(output: "AccessKeyId=PROCKEY SecretAccessKey=\(processSecret)") == prefix + "its output is not JSON (error at line 1, column 1)")
        #expect(try message(output: "[\"\(processSecret)\"]") == prefix + "its output is a JSON array, not an object")
        #expect(try message(output: #"{"AccessKeyId": "K", "SecretAccessKey": "PROCESS/SECRET+KEY/never-printed"}"#) == prefix + "its output has no Version")
        #expect(try message(output: #"{"Version": 2, "AccessKeyId": "K", "SecretAccessKey": "PROCESS/SECRET+KEY/never-printed"}"#) == prefix + "its output has Version 2; only Version 1 is supported")
        #expect(try message(output: #"{"Version": 1, "AccessKeyId": "K"}"#) == prefix + "its output has no SecretAccessKey string")
        #expect(try message(output: #"{"Version": 1, "SecretAccessKey": "PROCESS/SECRET+KEY/never-printed"}"#) == prefix + "its output has no AccessKeyId string")
        #expect(try message(output: #"{"Version": 1, "AccessKeyId": "K", "SecretAccessKey": "PROCESS/SECRET+KEY/never-printed", "Expiration": "soon"}"#)
            == prefix + "its Expiration is not an ISO 8601 time like 2030-01-02T03:04:05Z")
        #expect(try message(output: good, now: Date(timeIntervalSince1970: 4_102_444_800))
            == prefix + "the credentials it returned expired at 2099-01-02T03:04:05Z")

        try home.config("[profile tool]\ncredential_process = /nonexistent/helper\n")
        #expect(credentialsMessage(home.resolver(profile: "tool")) == prefix + "/nonexistent/helper is not an executable file")
        try home.config("[profile tool]\ncredential_process = no-such-helper-iops\n")
        #expect(credentialsMessage(home.resolver(["PATH": home.path], profile: "tool")) == prefix + "no-such-helper-iops is not on PATH")
        try home.config("[profile tool]\ncredential_process = helper 'unclosed\n")
        #expect(credentialsMessage(home.resolver(profile: "tool")) == prefix + "the command cannot be split into words: it has no closing quotation")
    }

    @Test func slowCommandIsStoppedAfterTheTimeout() throws {
        let home = try TempHome()
        let script = try home.write("slow.sh", "#!/bin/sh\nexec sleep 30\n", executable: true)
        try home.config("[default]\ncredential_process = \(script)\n")
        let started = Date()
        let error = credentialsError(home.resolver(runner: .system(timeout: .milliseconds(300))))
        #expect(error?.description == "credential_process of profile 'default' (\(home.configPath) [default]) failed: it did not finish within 0.3 s and was stopped")
        #expect(Date().timeIntervalSince(started) < 10)
    }
}

@Suite struct RegionAndEndpointTests {
    @Test func regionPrecedence() throws {
        let home = try TempHome()
        try home.config("[default]\nregion = from-config-1\n[profile dev]\nregion = dev-config-1\n")
        let all = ["AWS_REGION": "env-region-1", "AWS_DEFAULT_REGION": "env-default-1"]
        #expect(try home.resolver(all, region: "flag-1").resolveRegion() == AWSSourced("flag-1", from: .flag("--region")))
        #expect(try home.resolver(all).resolveRegion() == AWSSourced("env-region-1", from: .environment("AWS_REGION")))
        #expect(try home.resolver(["AWS_DEFAULT_REGION": "env-default-1"]).resolveRegion() == AWSSourced("env-default-1", from: .environment("AWS_DEFAULT_REGION")))
        #expect(try home.resolver().resolveRegion() == AWSSourced("from-config-1", from: .file(path: home.configPath, section: "default")))
        #expect(try home.resolver(["AWS_PROFILE": "dev"]).resolveRegion().value == "dev-config-1")
    }

    @Test func missingAndInvalidRegionMessages() throws {
        let home = try TempHome()
        #expect(regionError(home.resolver())?.description
            == "no AWS region: looked in --region, AWS_REGION, AWS_DEFAULT_REGION, \(home.credentialsPath) [default], \(home.configPath) [default]; set one or pass --region")
        try home.config("[profile dev]\noutput = json\n")
        #expect(regionError(home.resolver(profile: "dev"))?.description
            == "no AWS region: looked in --region, AWS_REGION, AWS_DEFAULT_REGION, \(home.credentialsPath) [dev], \(home.configPath) [profile dev]; set one or pass --region")
        #expect(regionError(home.resolver(["AWS_REGION": "us east 1"]))?.description
            == "invalid AWS region 'us east 1' from AWS_REGION: a region is letters, digits and hyphens, like us-east-1")
        #expect(regionError(home.resolver(region: "-bad"))?.description
            == "invalid AWS region '-bad' from --region: a region is letters, digits and hyphens, like us-east-1")
    }

    @Test func endpointPrecedence() throws {
        let home = try TempHome()
        try home.config("""
            [default]
            endpoint_url = http://profile:1
            services = local
            [services local]
            dynamodb =
              endpoint_url = http://services:2
            s3 =
              endpoint_url = http://s3:3
            [profile plain]
            endpoint_url = https://plain.example
            [profile none]
            region = us-east-1
            """)
        let all = ["AWS_ENDPOINT_URL_DYNAMODB": "http://service-env:4", "AWS_ENDPOINT_URL": "http://global-env:5"]
        func endpoint(_ environment: [String: String] = [:], profile: String? = nil, flag: String? = nil) throws -> AWSSourced<URL>? {
            try home.resolver(environment, profile: profile, endpoint: flag).resolveEndpoint()
        }
        #expect(try endpoint(all, flag: "http://localhost:8000") == AWSSourced(URL(string: "http://localhost:8000")!, from: .flag("--endpoint")))
        #expect(try endpoint(all)?.source == .environment("AWS_ENDPOINT_URL_DYNAMODB"))
        #expect(try endpoint(["AWS_ENDPOINT_URL": "http://global-env:5"])?.value.absoluteString == "http://global-env:5")
        #expect(try endpoint() == AWSSourced(URL(string: "http://services:2")!, from: .file(path: home.configPath, section: "services local")))
        #expect(try endpoint(profile: "plain") == AWSSourced(URL(string: "https://plain.example")!, from: .file(path: home.configPath, section: "profile plain")))
        #expect(try endpoint(profile: "none") == nil)
        #expect(try endpoint(all + ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE"]) == nil)
        #expect(try endpoint(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], flag: "http://localhost:8000") != nil)
    }

    @Test func endpointErrors() throws {
        let home = try TempHome()
        try home.config("[default]\nservices = missing\n")
        #expect(endpointError(home.resolver())?.description == "profile 'default' sets services = missing but \(home.configPath) has no [services missing] section")
        #expect(endpointError(home.resolver(["AWS_ENDPOINT_URL": "localhost:8000"]))?.description
            == "invalid endpoint URL 'localhost:8000' from AWS_ENDPOINT_URL: expected http:// or https:// and a host, like http://localhost:8000")
    }

    @Test func resolvedDescriptionIsTheDebugLine() throws {
        let home = try TempHome()
        try home.config("[profile dev]\nregion = eu-west-1\naws_access_key_id = K\naws_secret_access_key = \(secretKey)\naws_session_token = \(sessionToken)\n")
        let fromEnvironment = try home.resolver(["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": secretKey, "AWS_REGION": "us-east-1"]).resolve()
        #expect("\(fromEnvironment)" == "profile default, credentials from environment, region us-east-1 from AWS_REGION, endpoint AWS regional")
        let fromFiles = try home.resolver(["AWS_PROFILE": "dev", "AWS_ENDPOINT_URL": "http://localhost:8000"]).resolve()
        #expect("\(fromFiles)" == "profile dev from AWS_PROFILE, credentials from \(home.configPath) [profile dev], region eu-west-1 from \(home.configPath) [profile dev], endpoint http://localhost:8000 from AWS_ENDPOINT_URL")
        expectNoSecret("\(fromFiles) \(String(reflecting: fromFiles)) \(fromFiles.credentials)")
    }
}

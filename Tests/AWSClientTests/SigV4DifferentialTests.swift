import Foundation
import Testing
import AWSClient

/// Signs a few hundred generated requests here and with botocore (botocore_sign.py) and
/// compares every stage. botocore is the reference because its requests are the ones every
/// AWS endpoint is known to accept; where it departs from the published spec for non-S3
/// services (it normalises `.`/`..`/`//` in paths, then encodes the already-encoded path
/// again, and leaves `User-Agent` and hop-by-hop headers unsigned), the signer follows it.
@Suite struct SigV4DifferentialTests {
    static let caseCount = 400

    @Test func matchesBotocore() throws {
        var generator = CaseGenerator(seed: 0x5167_5634)
        var cases: [GeneratedCase] = []
        for _ in 0..<Self.caseCount { cases.append(generator.nextCase()) }

        let results = try BotocoreRunner.sign(cases.map(\.wire))
        try #require(results.count == cases.count, "botocore returned \(results.count) results for \(cases.count) cases")

        var mismatches = 0
        for (index, (item, reference)) in zip(cases, results).enumerated() {
            let signer = SigV4Signer(credentials: item.credentials, region: item.region, service: item.service)
            let canonical = signer.canonicalRequest(item.request, at: item.date)
            let stringToSign = signer.stringToSign(canonicalRequest: canonical, at: item.date)
            let signed = try signer.signed(item.request, at: item.date)
            // botocore leaves Host to the HTTP client; the signer adds it. Otherwise the
            // headers, their order included, must be the same.
            let addedHost = item.request.header("host") == nil
            var headers: [[String]] = []
            for header in signed.headers where !(addedHost && header.name == "Host") { headers.append([header.name, header.value]) }

            let agrees = canonical == reference.canonical_request && stringToSign == reference.string_to_sign
                && signed.header("Authorization") == reference.authorization && headers == reference.headers
            if !agrees {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("""
                        case \(index) differs from botocore: \(item.request.method) \(item.wire.url) query "\(item.request.query)"
                        canonical (ours):
                        \(canonical)
                        canonical (botocore):
                        \(reference.canonical_request)
                        string to sign equal: \(stringToSign == reference.string_to_sign)
                        authorization equal: \(signed.header("Authorization") == reference.authorization)
                        headers (ours): \(headers)
                        headers (botocore): \(reference.headers)
                        """)
                }
            }
        }
        #expect(mismatches == 0, "\(mismatches) of \(cases.count) cases differ from botocore")
    }
}

/// One generated request and everything needed to sign it.
struct GeneratedCase {
    var request: HTTPRequest
    var credentials: AWSCredentials
    var region: String
    var service: String
    var date: Date

    var wire: WireCase {
        var headers: [[String]] = []
        for header in request.headers { headers.append([header.name, header.value]) }
        return WireCase(method: request.method, url: "\(request.scheme)://\(request.hostHeader)\(request.path)", query: request.query,
                        headers: headers, body_base64: Data(request.body).base64EncodedString(), service: service, region: region,
                        epoch: date.timeIntervalSince1970, access_key: credentials.accessKeyId,
                        secret_key: credentials.secretAccessKey, token: credentials.sessionToken)
    }
}

/// A case as botocore_sign.py reads it (snake_case is the script's).
struct WireCase: Codable {
    var method: String
    var url: String
    var query: String
    var headers: [[String]]
    var body_base64: String
    var service: String
    var region: String
    var epoch: Double
    var access_key: String
    var secret_key: String
    var token: String?
}

/// botocore's answer for one case.
struct BotocoreResult: Codable {
    var canonical_request: String
    var string_to_sign: String
    var authorization: String
    var headers: [[String]]
}

/// Runs botocore_sign.py with python3 from PATH, or $IOPS_PYTHON.
enum BotocoreRunner {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func sign(_ cases: [WireCase]) throws -> [BotocoreResult] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("botocore_sign.py")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iops-sigv4-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("cases.json")
        let errors = directory.appendingPathComponent("stderr.txt")
        try JSONEncoder().encode(cases).write(to: input)
        try Data().write(to: errors)

        let python = ProcessInfo.processInfo.environment["IOPS_PYTHON"] ?? "python3"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path, input.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(python) (\(error)); scripts/test installs python3's botocore")
        }
        // Read before waiting: the answer is larger than a pipe's buffer.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let why = process.terminationStatus == 127 ? "\(python) is not on PATH" : stderr
            throw Failure(description: "botocore_sign.py failed (exit \(process.terminationStatus)): \(why)\n"
                + "The differential SigV4 test needs python3 with botocore; scripts/test installs it (python3 -m pip install botocore).")
        }
        return try JSONDecoder().decode([BotocoreResult].self, from: data)
    }
}

/// Deterministic request generator (SplitMix64), biased towards the inputs where signers go
/// wrong: dot segments, doubled slashes, encoded and raw reserved characters, UTF-8,
/// repeated query keys, empty values, white space in header values, session tokens.
struct CaseGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ bound: Int) -> Int { Int(nextUInt64() % UInt64(bound)) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    static let fixedPaths = [
        "/", "", "//", "//a/./b/../c", "/a/b/../../..", "/..", "/./", "/a//b///c/", "/a/./", "/a b/c d",
        "/%2F", "/a%2Fb/..", "/%20/foo", "/ሴ/é", "/a/%E1%88%B4", "/~user/x.y_z-", "/100%", "/a+b", "/.../x",
    ]
    static let pathSegments = [
        "a", "b", "Table", ".", "..", "", "%2F", "%2f", "%20", "a b", "ሴ", "é", "日本", "~x", "-_.", "%41", "%e2%82%ac",
        "!$&'()*+,;=:@", "x%zz", "[]", "..a", ".b",
    ]
    static let queryNames = [
        "a", "A", "b", "Param1", "Param2", "x-y", "%E1%88%B4", "ሴ", "a%20b", "a+b", "%2f", "%2F", "k%3Dv", "%7E", "~",
        "!*'()", ":/@", "%5B%5D", "", "é", "%e2%82%ac", "50%",
    ]
    static let queryValues = [
        "", "1", "value", "Value", "a b", "a%20b", "a+b", "%2B", "=", "x=y", "%3D", "/,?:@", "ሴ", "%E1%88%B4", "%c3%a9",
        "-._~", "!$'()*,;", "[]{}|^`\"<>\\", "100%", "%25",
    ]
    static let headerNames = ["My-Header", "my-header", "X-Custom", "Content-Type", "X-Amz-Target", "Accept", "X-Amz-Meta-Tag"]
    static let headerValues = [
        "value", "  padded  ", "a   b   c", "\tx\t y ", "", "v1,v2", "VALUE", "\"quoted  text\"", "ሴ  é", " a\u{A0}b ",
        "application/x-amz-json-1.0", "DynamoDB_20120810.GetItem",
    ]
    static let regions = ["us-east-1", "eu-west-2", "ap-northeast-1", "cn-north-1", "us-gov-west-1"]
    static let hosts: [(String, Int?, String)] = [
        ("dynamodb.us-east-1.amazonaws.com", nil, "https"), ("example.amazonaws.com", nil, "https"),
        ("localhost", 8000, "http"), ("Example.Amazonaws.COM", nil, "https"), ("dynamodb.eu-west-2.amazonaws.com", 443, "https"),
        ("127.0.0.1", 8443, "https"),
    ]
    static let dates: [Double] = [1_440_938_160, 0, 951_782_400.5, 1_709_164_799.25, 1_735_689_599, 4_102_444_800.75]

    mutating func path() -> String {
        if chance(30) { return pick(Self.fixedPaths) }
        var path = ""
        for _ in 0..<int(6) {
            path += chance(15) ? "//" : "/"
            path += pick(Self.pathSegments)
        }
        if path.isEmpty || chance(25) { path += "/" }
        return path
    }

    mutating func query() -> String {
        var pieces: [String] = []
        for _ in 0..<(chance(35) ? 0 : 1 + int(5)) {
            let name = pick(Self.queryNames)
            switch int(4) {
            case 0: pieces.append(name)
            case 1: pieces.append(name + "=")
            default: pieces.append(name + "=" + pick(Self.queryValues))
            }
            if chance(15) { pieces.append(pieces[pieces.count - 1]) }  // a key and value repeated
        }
        if chance(5) { pieces.append("") }  // a stray `&`
        return pieces.joined(separator: "&")
    }

    mutating func body() -> [UInt8] {
        if chance(40) { return [] }
        let key = pick(["pk", "Key", "ሴ", "a b"])
        let value = pick(["x", "ሴ é", "with \\\"quotes\\\"", String(int(100_000))])
        return Array("{\"TableName\":\"t\(int(10))\",\"Key\":{\"\(key)\":{\"S\":\"\(value)\"}}}".utf8)
    }

    mutating func nextCase() -> GeneratedCase {
        let service = chance(60) ? "dynamodb" : "service"
        let (host, port, scheme) = pick(Self.hosts)
        var headers: [(name: String, value: String)] = []
        if service == "dynamodb" {
            headers.append((name: "Content-Type", value: "application/x-amz-json-1.0"))
            headers.append((name: "X-Amz-Target", value: pick(["DynamoDB_20120810.GetItem", "DynamoDB_20120810.Query"])))
        }
        for _ in 0..<int(4) { headers.append((name: pick(Self.headerNames), value: pick(Self.headerValues))) }
        if chance(15) { headers.append((name: pick(["Host", "host"]), value: pick([host, host.lowercased() + ":8080", " \(host) "]))) }
        if chance(15) { headers.append((name: pick(["User-Agent", "Expect", "Connection", "X-Amzn-Trace-Id"]), value: "unsigned  value")) }
        if chance(10) { headers.append((name: pick(["X-Amz-Date", "x-amz-date"]), value: "20000101T000000Z")) }
        if chance(10) { headers.append((name: "Authorization", value: "AWS4-HMAC-SHA256 stale")) }
        if chance(8) { headers.append((name: "X-Amz-Security-Token", value: "stale-token")) }
        if chance(5) { headers.append((name: "X-Amz-Content-Sha256", value: "UNSIGNED-PAYLOAD")) }
        headers.shuffle(using: &self)

        let token: String? = switch int(10) {
        case 0...3: "FwoGZXIvYXdzEBY//////////wEaDH+token/with+chars=="
        case 4: ""
        default: nil
        }
        let credentials = AWSCredentials(accessKeyId: pick(["AKIDEXAMPLE", "ASIAZZZZEXAMPLE0001"]),
                                         secretAccessKey: pick(["wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "s3cr3t+/=key"]),
                                         sessionToken: token)
        let request = HTTPRequest(method: pick(["GET", "POST", "PUT", "DELETE", "post"]), scheme: scheme, host: host, port: port,
                                  path: path(), query: query(), headers: headers, body: body())
        return GeneratedCase(request: request, credentials: credentials, region: pick(Self.regions), service: service,
                             date: Date(timeIntervalSince1970: pick(Self.dates)))
    }
}

extension CaseGenerator: RandomNumberGenerator {
    mutating func next() -> UInt64 { nextUInt64() }
}

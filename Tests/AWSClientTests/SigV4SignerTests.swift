import Foundation
import Testing
import AWSClient

/// The signer's own rules, beyond the published vectors.
@Suite struct SigV4SignerTests {
    static let date = Date(timeIntervalSince1970: 1_440_938_160)
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let token = "TOKEN/with+chars=="

    func signer(token: String? = nil, service: String = "dynamodb") -> SigV4Signer {
        SigV4Signer(credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: Self.secret, sessionToken: token),
                    region: "us-east-1", service: service)
    }

    /// A path as sent is encoded once more (botocore's own vector: `/%20/foo` → `/%2520/foo`).
    @Test(arguments: [
        ("/%20/foo", "/%2520/foo"), ("/a%2Fb", "/a%252Fb"), ("", "/"), ("//", "/"), ("//a/./b/../c", "/a/c"),
        ("/a/b/", "/a/b/"), ("/a/..", "/"), ("/../..", "/"), ("/a/.", "/a"), ("/ሴ", "/%E1%88%B4"), ("/a b", "/a%20b"),
        ("/!$&'()*+,;=:@", "/%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40"), ("/~-._", "/~-._"),
    ])
    func canonicalURI(_ path: String, _ expected: String) {
        #expect(SigV4Canonical.uri(path) == expected)
    }

    @Test(arguments: [
        ("", ""), ("b=2&a=1&A=0", "A=0&a=1&b=2"), ("a=2&a=10&a=1", "a=1&a=10&a=2"), ("flag", "flag="), ("a=&b", "a=&b="),
        ("a+b=c d", "a%2Bb=c%20d"), ("%2f=%7e", "%2F=~"), ("x=a=b", "x=a%3Db"), ("&&a=1&", "a=1"), ("p=100%", "p=100%25"),
        // Sorted by encoded name, then value: `a-b` (0x2D) before `a=` would sort differently as whole strings.
        ("a=z&a-b=y", "a=z&a-b=y"), ("b=1&a%20=2", "a%20=2&b=1"),
    ])
    func canonicalQuery(_ query: String, _ expected: String) {
        #expect(SigV4Canonical.query(query) == expected)
    }

    @Test func canonicalHeaders() {
        let headers = SigV4Canonical.headers([
            (name: "X-B", value: "  two   words "), (name: "x-a", value: "1"), (name: "X-A", value: "\t2 "),
            (name: "User-Agent", value: "not signed"), (name: "Expect", value: "100-continue"), (name: "Empty", value: ""),
        ])
        #expect(headers.canonical == "empty:\nx-a:1,2\nx-b:two words")
        #expect(headers.signed == "empty;x-a;x-b")
    }

    @Test(arguments: [
        (0.0, "19700101T000000Z"), (1_440_938_160.999, "20150830T123600Z"), (951_782_400, "20000229T000000Z"),
        (1_735_689_599, "20241231T235959Z"), (4_102_444_800, "21000101T000000Z"), (-1, "19691231T235959Z"),
    ])
    func timestamp(_ seconds: Double, _ expected: String) {
        #expect(SigV4Canonical.timestamp(Date(timeIntervalSince1970: seconds)) == expected)
    }

    /// The DynamoDB request the client sends: a JSON body signed by its hash, no
    /// `X-Amz-Content-Sha256` (botocore sends that only to S3), Host derived from the URL.
    @Test func dynamoDBRequest() throws {
        let body = Array(#"{"TableName":"Music"}"#.utf8)
        let request = HTTPRequest(host: "dynamodb.us-east-1.amazonaws.com", headers: [
            (name: "Content-Type", value: "application/x-amz-json-1.0"), (name: "X-Amz-Target", value: "DynamoDB_20120810.DescribeTable"),
        ], body: body)
        let signed = try signer(token: Self.token).signed(request, at: Self.date)
        #expect(signed.header("Host") == "dynamodb.us-east-1.amazonaws.com")
        #expect(signed.header("X-Amz-Security-Token") == Self.token)
        #expect(signed.header("X-Amz-Content-Sha256") == nil)
        let authorization = try #require(signed.header("Authorization"))
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature="))
        let canonical = signer(token: Self.token).canonicalRequest(request, at: Self.date)
        #expect(canonical.hasSuffix("\n6b140459926d5b244a92626dd8d74fa6c3ddd91f508085b8e9e0a164221dba3a"))
    }

    /// A retry signs the already signed request again: the result must not accumulate headers.
    @Test func signingIsIdempotent() throws {
        let signer = signer(token: Self.token)
        let request = HTTPRequest(host: "Example.com", port: 8000, path: "/a", query: "b=1", headers: [(name: "X-Custom", value: "v")])
        let once = try signer.signed(request, at: Self.date)
        let twice = try signer.signed(once, at: Self.date)
        #expect(once == twice)
        #expect(once.header("Host") == "example.com:8000")
        let later = try signer.signed(once, at: Self.date.addingTimeInterval(60))
        #expect(later.headers.count == once.headers.count)
        #expect(later.header("X-Amz-Date") == "20150830T123700Z")
        #expect(later.header("Authorization") != once.header("Authorization"))
    }

    @Test func emptyTokenIsNoToken() throws {
        let signed = try signer(token: "").signed(HTTPRequest(host: "h"), at: Self.date)
        #expect(signed.header("X-Amz-Security-Token") == nil)
    }

    @Test func incompleteInputsThrowWithoutTheSecret() {
        let noKey = SigV4Signer(credentials: AWSCredentials(accessKeyId: "", secretAccessKey: Self.secret), region: "us-east-1", service: "dynamodb")
        #expect(throws: SigV4Error.incompleteCredentials) { try noKey.signed(HTTPRequest(host: "h"), at: Self.date) }
        let noRegion = SigV4Signer(credentials: AWSCredentials(accessKeyId: "AKID", secretAccessKey: Self.secret), region: "", service: "dynamodb")
        do {
            _ = try noRegion.signed(HTTPRequest(host: "h"), at: Self.date)
            Issue.record("signing without a region should fail")
        } catch {
            #expect(!"\(error)".contains(Self.secret))
            #expect("\(error)".contains("region"))
        }
    }

    @Test func printingNeverShowsTheSecretOrToken() {
        let signer = signer(token: Self.token)
        var dumped = ""
        dump(signer, to: &dumped)
        for text in ["\(signer)", String(reflecting: signer), dumped] {
            #expect(text.contains("AKIDEXAMPLE"))
            #expect(!text.contains("wJalrXUtnFEMI") && !text.contains("TOKEN"))
        }
    }
}

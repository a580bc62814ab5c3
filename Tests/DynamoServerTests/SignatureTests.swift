import AWSClient
import DynamoAPI
import DynamoModel
@testable import DynamoServer
import Foundation
import Testing

/// `--require-signature`: SigV4 checked with the client's own signer, DynamoDB's errors.
@Suite struct SignatureTests {
    static let keys = ["AKIDGOOD": "good-secret"]

    func withSigningServer(_ body: (ServerFixture) async throws -> Void) async throws {
        try await ServerFixture.with(configure: { $0.signatureVerifier = SignatureVerifier(keys: Self.keys) }, body)
    }

    func expectError(_ code: String, message: String? = nil, messagePrefix: String? = nil,
                     _ call: () async throws -> JSONValue) async {
        do {
            _ = try await call()
            Issue.record("expected \(code)")
        } catch let error as DynamoError {
            #expect(error.code.rawValue == code)
            if let message { #expect(error.message == message) }
            if let messagePrefix { #expect(error.message.hasPrefix(messagePrefix), "\(error.message)") }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aCorrectlySignedRequestPasses() async throws {
        try await withSigningServer { fixture in
            let client = try fixture.client(accessKey: "AKIDGOOD", secret: "good-secret")
            _ = try await client.send(.createTable, body: tableDefinition)
            let listed = try await client.send(.listTables, body: json("{}"))
            #expect(listed["TableNames"]?.arrayValue == [.string("tab")])
            // Streams are signed for the same service name.
            let streams = try await client.send(.listStreams, body: json("{}"))
            #expect(streams["Streams"]?.arrayValue?.count == 1)
            // A clock a few minutes off is within DynamoDB's tolerance.
            let skewed = try fixture.client(accessKey: "AKIDGOOD", secret: "good-secret", clockOffset: -600)
            _ = try await skewed.send(.listTables, body: json("{}"))
        }
    }

    @Test func unsignedWrongAndStaleRequestsAreRefused() async throws {
        try await withSigningServer { fixture in
            let unsigned = try await onThread { try fixture.connect().call("DynamoDB_20120810.ListTables", "{}") }
            #expect(unsigned.status == 400)
            #expect(unsigned.errorType == dynamoType("MissingAuthenticationTokenException"))
            #expect(unsigned.message == "Request is missing Authentication Token")

            await expectError("InvalidSignatureException",
                              message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.") {
                try await fixture.client(accessKey: "AKIDGOOD", secret: "wrong-secret").send(.listTables, body: json("{}"))
            }
            await expectError("UnrecognizedClientException", message: "The security token included in the request is invalid.") {
                try await fixture.client(accessKey: "AKIDNOBODY", secret: "good-secret").send(.listTables, body: json("{}"))
            }
            await expectError("InvalidSignatureException", messagePrefix: "Signature expired: ") {
                try await fixture.client(accessKey: "AKIDGOOD", secret: "good-secret", clockOffset: -20 * 60).send(.listTables, body: json("{}"))
            }
            await expectError("InvalidSignatureException", messagePrefix: "Signature not yet current: ") {
                try await fixture.client(accessKey: "AKIDGOOD", secret: "good-secret", clockOffset: 20 * 60).send(.listTables, body: json("{}"))
            }
        }
    }

    /// A body changed after signing no longer matches its signature.
    @Test func aTamperedBodyFailsVerification() throws {
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyId: "AKIDGOOD", secretAccessKey: "good-secret"),
                                 region: "eu-west-1", service: "dynamodb")
        let now = Date()
        let request = HTTPRequest(method: "POST", scheme: "http", host: "127.0.0.1", port: 8000, path: "/", headers: [
            (name: "Content-Type", value: "application/x-amz-json-1.0"),
            (name: "X-Amz-Target", value: "DynamoDB_20120810.ListTables"),
            (name: "User-Agent", value: "test"),
        ], body: Array("{}".utf8))
        var signed = try signer.signed(request, at: now)
        var verifier = SignatureVerifier(keys: Self.keys)
        verifier.now = { now.timeIntervalSince1970 }
        try verifier.verify(signed)
        // Headers the client did not sign may change in transit.
        signed.setHeader("User-Agent", "proxy")
        try verifier.verify(signed)
        signed.body = Array(#"{"Limit": 1}"#.utf8)
        #expect(throws: DynamoError.self) { try verifier.verify(signed) }
        var missingHeader = try signer.signed(request, at: now)
        missingHeader.headers.removeAll { $0.name.lowercased() == "x-amz-date" }
        do {
            try verifier.verify(missingHeader)
            Issue.record("verified without X-Amz-Date")
        } catch {
            #expect(error.code.rawValue == "IncompleteSignatureException")
        }
    }

    @Test func timestampsAndKeyFiles() throws {
        let now = Date(timeIntervalSince1970: 1_736_937_000)
        let text = SigV4Canonical.timestamp(now)
        #expect(SignatureVerifier.parseTimestamp(text) == 1_736_937_000)
        #expect(SignatureVerifier.parseTimestamp("20240229T235959Z") == 1_709_251_199)
        #expect(SignatureVerifier.parseTimestamp("2024-02-29T23:59:59Z") == nil)
        #expect(SignatureVerifier.parseTimestamp("20241301T000000Z") == nil)
        let keys = try SignatureVerifier.keys(fileContents: "# keys\nAKID1 secret1\n\n  AKID2\tsecret2  \n")
        #expect(keys == ["AKID1": "secret1", "AKID2": "secret2"])
        #expect(throws: DynamoError.self) { try SignatureVerifier.keys(fileContents: "AKID1 secret1 extra\n") }
    }
}

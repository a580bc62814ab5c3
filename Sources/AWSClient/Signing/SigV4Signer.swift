import Crypto
import Foundation

/// AWS Signature Version 4, header form, in the stages the spec names, each public so tests
/// can compare every stage with AWS's published vectors and with botocore.
///
/// It signs what botocore signs for the same request: the same canonical forms (see
/// `SigV4Canonical`), the same headers added (`X-Amz-Date`, `X-Amz-Security-Token`), and no
/// `X-Amz-Content-Sha256`, which botocore sends only to S3.
public struct SigV4Signer: RequestSigner, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let credentials: AWSCredentials
    public let region: String
    public let service: String

    public static let algorithm = "AWS4-HMAC-SHA256"

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    public var accessKeyId: String { credentials.accessKeyId }

    // MARK: Stages

    /// The request as it will be signed and sent: any old `Authorization` dropped, `X-Amz-Date`
    /// set to `date`, `X-Amz-Security-Token` set when there is a session token, and `Host`
    /// added when absent (lower-cased, as botocore derives it from the URL). Idempotent, so a
    /// retried request can be signed again.
    public func prepared(_ request: HTTPRequest, at date: Date) -> HTTPRequest {
        var request = request
        request.headers.removeAll { $0.name.lowercased() == "authorization" }
        // Host before the replaced headers, so signing a signed request keeps the order too.
        if request.header("host") == nil {
            request.headers.append((name: "Host", value: request.hostHeader.lowercased()))
        }
        request.setHeader("X-Amz-Date", SigV4Canonical.timestamp(date))
        if let token = credentials.sessionToken, !token.isEmpty {
            request.setHeader("X-Amz-Security-Token", token)
        }
        return request
    }

    /// Hex SHA-256 of the body, unless the request carries `X-Amz-Content-Sha256`, whose value
    /// then stands for the body (as botocore and the spec allow).
    public func payloadHash(_ request: HTTPRequest) -> String {
        if let declared = request.header("x-amz-content-sha256") { return declared }
        return SigV4Canonical.hex(SHA256.hash(data: request.body))
    }

    /// Task 1 of the spec, on the prepared request.
    public func canonicalRequest(_ request: HTTPRequest, at date: Date) -> String {
        canonicalParts(prepared(request, at: date)).canonical
    }

    /// Task 2: algorithm, timestamp, credential scope, hash of the canonical request.
    public func stringToSign(canonicalRequest: String, at date: Date) -> String {
        [
            Self.algorithm,
            SigV4Canonical.timestamp(date),
            credentialScope(at: date),
            SigV4Canonical.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
    }

    /// `YYYYMMDD/region/service/aws4_request`.
    public func credentialScope(at date: Date) -> String {
        "\(SigV4Canonical.timestamp(date).prefix(8))/\(region)/\(service)/aws4_request"
    }

    /// Task 3's key: HMAC chain from `"AWS4" + secret` through date, region, service and
    /// `aws4_request`. Derived per call and not kept, so the signer holds nothing but the
    /// credentials it was given.
    public func signingKey(at date: Date) -> [UInt8] {
        var key = Array(("AWS4" + credentials.secretAccessKey).utf8)
        let parts = [String(SigV4Canonical.timestamp(date).prefix(8)), region, service, "aws4_request"]
        for part in parts {
            key = Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: SymmetricKey(data: key)))
        }
        return key
    }

    /// Task 3: hex HMAC-SHA256 of the string to sign with the signing key.
    public func signature(stringToSign: String, at date: Date) -> String {
        let key = SymmetricKey(data: signingKey(at: date))
        return SigV4Canonical.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    /// Task 4: the `Authorization` value for the request signed at `date`.
    public func authorizationHeader(_ request: HTTPRequest, at date: Date) -> String {
        authorization(forPrepared: prepared(request, at: date), at: date)
    }

    /// The prepared request with its `Authorization` header.
    public func signed(_ request: HTTPRequest, at date: Date) throws -> HTTPRequest {
        guard !credentials.accessKeyId.isEmpty, !credentials.secretAccessKey.isEmpty else {
            throw SigV4Error.incompleteCredentials
        }
        guard !region.isEmpty, !service.isEmpty else {
            throw SigV4Error.missingScope(region: region, service: service)
        }
        var request = prepared(request, at: date)
        request.setHeader("Authorization", authorization(forPrepared: request, at: date))
        return request
    }

    // MARK: Internals

    private func canonicalParts(_ request: HTTPRequest) -> (canonical: String, signedHeaders: String) {
        let headers = SigV4Canonical.headers(request.headers)
        let canonical = [
            request.method.uppercased(),
            SigV4Canonical.uri(request.path),
            SigV4Canonical.query(request.query),
            headers.canonical + "\n",
            headers.signed,
            payloadHash(request),
        ].joined(separator: "\n")
        return (canonical, headers.signed)
    }

    private func authorization(forPrepared request: HTTPRequest, at date: Date) -> String {
        let parts = canonicalParts(request)
        let signature = signature(stringToSign: stringToSign(canonicalRequest: parts.canonical, at: date), at: date)
        return "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(credentialScope(at: date)), "
            + "SignedHeaders=\(parts.signedHeaders), Signature=\(signature)"
    }

    // MARK: Printing never shows the secret

    public var description: String {
        "SigV4Signer(accessKeyId: \(credentials.accessKeyId), region: \(region), service: \(service))"
    }

    public var debugDescription: String { description }

    /// `dump` and the debugger walk a value's mirror; this one has no secret to show.
    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyId": credentials.accessKeyId, "region": region, "service": service])
    }
}

/// Why a request could not be signed. Never carries the secret or the token.
public enum SigV4Error: Error, Equatable, CustomStringConvertible {
    /// The access key id or the secret access key is empty.
    case incompleteCredentials
    /// The region or the service is empty: the credential scope would be malformed.
    case missingScope(region: String, service: String)

    public var description: String {
        switch self {
        case .incompleteCredentials:
            return "cannot sign the request: the access key id or the secret access key is empty"
        case .missingScope(let region, let service):
            return "cannot sign the request: the credential scope needs a region and a service (region: \"\(region)\", service: \"\(service)\")"
        }
    }
}

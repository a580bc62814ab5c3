import AWSClient
import DynamoModel
import Foundation

/// Checks SigV4 `Authorization` headers for `iops serve --require-signature`, by signing the
/// request again with the client's secret through the client's own signer
/// (`SigV4Signer`'s stages) and comparing: one implementation of the canonical forms, so the
/// server accepts exactly what the client (and botocore, which it matches) sends.
///
/// Failures are DynamoDB's errors with its messages, so SDKs report them as they would from AWS.
public struct SignatureVerifier: Sendable {
    /// Access key id to secret access key.
    public let keys: [String: String]
    /// DynamoDB refuses requests signed more than 15 minutes from its clock.
    public var maxClockSkew: Double = 15 * 60
    /// Seconds since 1970; tests drive it.
    public var now: @Sendable () -> Double = { Date().timeIntervalSince1970 }

    public init(keys: [String: String]) {
        self.keys = keys
    }

    /// Keys from a file of `ACCESS_KEY_ID SECRET` lines; blank lines and `#` comments skipped.
    public static func keys(fileContents text: String) throws(DynamoError) -> [String: String] {
        var keys: [String: String] = [:]
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count == 2 else {
                throw DynamoError(.validation, "line \(lineNumber): expected ACCESS_KEY_ID SECRET, found \(words.count) words")
            }
            keys[String(words[0])] = String(words[1])
        }
        return keys
    }

    static let missingToken = DynamoError(
        DynamoError.Code(rawValue: "MissingAuthenticationTokenException"), "Request is missing Authentication Token")
    static let unrecognizedClient = DynamoError(
        DynamoError.Code(rawValue: "UnrecognizedClientException"), "The security token included in the request is invalid.")
    static let signatureMismatch = DynamoError(
        invalidSignature,
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
    static let invalidSignature = DynamoError.Code(rawValue: "InvalidSignatureException")
    static let incompleteSignature = DynamoError.Code(rawValue: "IncompleteSignatureException")

    /// Throws unless `request` carries a valid, current SigV4 signature by a known key.
    public func verify(_ request: HTTPRequest) throws(DynamoError) {
        guard let authorization = request.header("authorization"), !authorization.isEmpty else {
            throw Self.missingToken
        }
        let prefix = SigV4Signer.algorithm + " "
        guard authorization.hasPrefix(prefix) else {
            throw DynamoError(Self.incompleteSignature, "Authorization header requires the \(SigV4Signer.algorithm) algorithm.")
        }
        var parameters: [String: String] = [:]
        for part in authorization.dropFirst(prefix.count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { parameters[String(pair[0])] = String(pair[1]) }
        }
        var missing: [String] = []
        for name in ["Credential", "Signature", "SignedHeaders"] where parameters[name] == nil {
            missing.append("Authorization header requires '\(name)' parameter.")
        }
        let amzDate = request.header("x-amz-date")
        if amzDate == nil {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        guard missing.isEmpty, let credential = parameters["Credential"], let signature = parameters["Signature"],
              let signedHeaders = parameters["SignedHeaders"], let amzDate
        else {
            throw DynamoError(Self.incompleteSignature, missing.joined(separator: " ") + " Authorization=\(authorization)")
        }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard scope.count == 5, scope[4] == "aws4_request", !scope[2].isEmpty, !scope[3].isEmpty else {
            throw DynamoError(Self.incompleteSignature, "Credential should be scoped to a valid region and service: \(credential)")
        }
        guard let secret = keys[String(scope[0])] else { throw Self.unrecognizedClient }
        guard let signedAt = Self.parseTimestamp(amzDate) else {
            throw DynamoError(Self.incompleteSignature, "Date must be in ISO-8601 'basic format'. Got '\(amzDate)'. See http://en.wikipedia.org/wiki/ISO_8601")
        }
        let current = now()
        let nowText = SigV4Canonical.timestamp(Date(timeIntervalSince1970: current))
        if signedAt < current - maxClockSkew {
            let limit = SigV4Canonical.timestamp(Date(timeIntervalSince1970: current - maxClockSkew))
            throw DynamoError(Self.invalidSignature, "Signature expired: \(amzDate) is now earlier than \(limit) (\(nowText) - 15 min.)")
        }
        if signedAt > current + maxClockSkew {
            let limit = SigV4Canonical.timestamp(Date(timeIntervalSince1970: current + maxClockSkew))
            throw DynamoError(Self.invalidSignature, "Signature not yet current: \(amzDate) is still later than \(limit) (\(nowText) + 15 min.)")
        }
        guard scope[1] == amzDate.prefix(8) else { throw Self.signatureMismatch }

        // Sign again over exactly the headers the client signed.
        let signedNames = Set(signedHeaders.split(separator: ";").map { $0.lowercased() })
        guard signedNames.contains("host") else {
            throw DynamoError(Self.invalidSignature, "'Host' must be a 'SignedHeader' in the AWS Authorization.")
        }
        var signable = request
        signable.headers = request.headers.filter { signedNames.contains($0.name.lowercased()) }
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyId: String(scope[0]), secretAccessKey: secret),
            region: String(scope[2]), service: String(scope[3]))
        let date = Date(timeIntervalSince1970: signedAt)
        let canonical = signer.canonicalRequest(signable, at: date)
        let expected = signer.signature(stringToSign: signer.stringToSign(canonicalRequest: canonical, at: date), at: date)
        guard Self.constantTimeEqual(Array(expected.utf8), Array(signature.utf8)) else { throw Self.signatureMismatch }
    }

    /// Compares without stopping at the first difference, so timing tells nothing about the
    /// expected signature.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// `yyyyMMdd'T'HHmmss'Z'` to seconds since 1970, by hand for the same reason the signer
    /// formats it by hand: no locale or calendar setting can change it.
    static func parseTimestamp(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        // Days from civil (H. Hinnant), the inverse of the signer's conversion.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second)
    }
}

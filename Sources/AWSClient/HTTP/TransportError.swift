/// Why a request got no HTTP response: what happened on the network, in words a person can
/// act on, and whether sending the request again may help.
///
/// A response with an error status is not a transport error: the server answered.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Nothing listens at the address, or it is unreachable.
        case connectionRefused = "connection refused"
        /// The host name (or the proxy's) does not resolve.
        case hostNotFound = "host not found"
        /// The connect timeout or the total timeout ran out.
        case timedOut = "timed out"
        /// The connection closed or broke before the whole response arrived.
        case connectionReset = "connection reset"
        /// The TLS handshake failed (transient: the connection broke during it).
        case tlsHandshake = "TLS handshake failed"
        /// The server's certificate is not trusted or does not match the host.
        case tlsCertificate = "TLS certificate rejected"
        /// The server sent something that is not HTTP.
        case invalidResponse = "invalid HTTP response"
        /// The request cannot be sent as given (bad URL, unsupported scheme).
        case invalidRequest = "invalid request"
        /// Anything else libcurl reports.
        case other = "transfer failed"
    }

    public var kind: Kind
    /// The URL the request went to.
    public var url: String
    /// libcurl's own explanation (its error buffer), when it gave one.
    public var detail: String
    /// libcurl's `CURLcode`, 0 when the error did not come from libcurl.
    public var curlCode: Int

    public init(kind: Kind, url: String, detail: String = "", curlCode: Int = 0) {
        self.kind = kind
        self.url = url
        self.detail = detail
        self.curlCode = curlCode
    }

    /// Transient failures: the SDKs retry connection errors, resets and timeouts, never a
    /// request that cannot be sent or a certificate that will not be trusted next time either.
    public var isRetryable: Bool {
        switch self.kind {
        case .connectionRefused, .hostNotFound, .timedOut, .connectionReset, .tlsHandshake: true
        case .tlsCertificate, .invalidResponse, .invalidRequest, .other: false
        }
    }

    /// A timeout costs more of the retry quota than other retries (botocore's standard mode).
    public var isTimeout: Bool { kind == .timedOut }

    public var description: String {
        let base = "\(kind.rawValue) (\(url))"
        return detail.isEmpty ? base : "\(base): \(detail)"
    }
}

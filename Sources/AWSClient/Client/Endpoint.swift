import DynamoModel

/// Where requests go: a parsed `http(s)://host[:port][/path]` URL.
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// Host name or address; an IPv6 address keeps its brackets (`[::1]`), as URLs write it.
    public var host: String
    /// Nil for the scheme's default port.
    public var port: Int?
    /// Path prefix requests are posted to; `/` when the URL has none.
    public var path: String

    public init(scheme: String = "https", host: String, port: Int? = nil, path: String = "/") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path.isEmpty ? "/" : path
    }

    /// Parses an endpoint URL such as `http://localhost:8000` or `https://dynamodb.eu-west-1.amazonaws.com`.
    /// Only http and https, no user name, query or fragment: an endpoint is a place, not a request.
    public init(url: String) throws(DynamoError) {
        func invalid(_ why: String) -> DynamoError {
            DynamoError(.validation, "invalid endpoint URL '\(url)': \(why)")
        }
        guard let schemeEnd = url.range(of: "://") else { throw invalid("expected http:// or https://") }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw invalid("the scheme must be http or https") }
        let rest = url[schemeEnd.upperBound...]
        guard !rest.contains("?"), !rest.contains("#") else { throw invalid("an endpoint has no query or fragment") }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let path = String(rest[authorityEnd...])
        guard !authority.contains("@") else { throw invalid("user information is not allowed") }

        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("unclosed IPv6 address") }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("unexpected text after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty, host != "[]" else { throw invalid("no host") }
        var port: Int?
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number), portText.allSatisfy(\.isASCII) else {
                throw invalid("the port must be a number from 1 to 65535")
            }
            port = number
        }
        self.init(scheme: scheme, host: String(host).lowercased(), port: port, path: path)
    }

    /// The AWS endpoint of a service in a region (`dynamodb.eu-west-1.amazonaws.com`); China
    /// regions live under `amazonaws.com.cn`.
    public static func aws(service hostPrefix: String, region: String) -> Endpoint {
        let domain = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return Endpoint(scheme: "https", host: "\(hostPrefix).\(region).\(domain)")
    }

    public var description: String {
        HTTPRequest(scheme: scheme, host: host, port: port, path: path).url
    }
}

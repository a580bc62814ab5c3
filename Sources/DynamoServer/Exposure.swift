/// The bind address policy: the server accepts any credentials unless `--require-signature`,
/// so anything but loopback deserves a loud warning.
public enum BindExposure {
    /// True for addresses only this machine can reach: `localhost`, `127.0.0.0/8`, `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        var host = host.lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        for octet in octets {
            guard let value = Int(octet), (0...255).contains(value) else { return false }
        }
        return true
    }

    /// The stderr warning for `host`, or nil when it is loopback.
    public static func warning(host: String, requireSignature: Bool) -> String? {
        guard !isLoopback(host) else { return nil }
        let reach = host == "0.0.0.0" || host == "::" || host == "[::]" ? "every network interface" : host
        var text = "WARNING: iops serve is listening on \(reach), not loopback: other machines can reach the store."
        if requireSignature {
            text += " Requests must be SigV4-signed with a configured key; traffic is plain HTTP (no TLS)."
        } else {
            text += " It accepts ANY credentials (no --require-signature): anyone who can connect can read, change and delete every table."
        }
        return text
    }
}

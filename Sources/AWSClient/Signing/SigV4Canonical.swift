import Foundation

/// The canonical forms SigV4 signs: URI, query string, headers, timestamp.
///
/// Where the published spec and botocore disagree for non-S3 services, these follow botocore,
/// because a request that matches what the AWS CLI sends is one every AWS endpoint accepts.
public enum SigV4Canonical {
    /// Headers botocore never signs: hop-by-hop headers a proxy or libcurl may add, drop or
    /// rewrite (`Expect: 100-continue`, `Connection`), and `User-Agent`, which tools change freely.
    /// Signing one of them would make the signature depend on the transport.
    public static let unsignedHeaderNames: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// The canonical URI of a path as sent (already percent-encoded).
    ///
    /// As botocore does for every service but S3: remove `.` and `..` segments (RFC 3986 5.2.4),
    /// collapse empty segments (`//`), keep a trailing slash, then percent-encode the result
    /// once more, so `%20` as sent becomes `%2520`: the "encode twice" rule of the spec, with the
    /// first encoding being the one the path already carries.
    public static func uri(_ path: String) -> String {
        percentEncode(Array(removeDotSegments(path).utf8), keepSlash: true)
    }

    /// botocore's `remove_dot_segments`: segments are split on `/`; empty ones and `.` vanish,
    /// `..` pops (never above the root); the leading and trailing slash survive.
    static func removeDotSegments(_ path: String) -> String {
        if path.isEmpty { return "/" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
            } else {
                output.append(segment)
            }
        }
        let first = path.hasPrefix("/") ? "/" : ""
        let last = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return first + output.joined(separator: "/") + last
    }

    /// The canonical query string of a query as sent (without `?`).
    ///
    /// Parameters are split on `&` (empty pieces are not parameters) and at the first `=`
    /// (no `=` means an empty value); each name and value is percent-decoded, then encoded
    /// again with only RFC 3986's unreserved characters left bare, so `a+b`, `%2f` and `ሴ`
    /// all reach one canonical spelling. Sorted by encoded name, then encoded value.
    /// This is the spec's rule and botocore's for parameters (how its serializers hand them
    /// over); botocore would sort a raw URL query without re-encoding it, which agrees for any
    /// query already encoded canonically (DynamoDB's JSON protocol sends none at all).
    public static func query(_ query: String) -> String {
        var pairs: [(name: [UInt8], value: [UInt8])] = []
        for piece in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let name: ArraySlice<UInt8>
            let value: ArraySlice<UInt8>
            if let equals = piece.firstIndex(of: UInt8(ascii: "=")) {
                name = ArraySlice(piece[piece.startIndex..<equals])
                value = ArraySlice(piece[piece.index(after: equals)...])
            } else {
                name = ArraySlice(piece)
                value = []
            }
            pairs.append((Array(percentEncode(percentDecode(name), keepSlash: false).utf8),
                          Array(percentEncode(percentDecode(value), keepSlash: false).utf8)))
        }
        pairs.sort { a, b in
            a.name != b.name ? a.name.lexicographicallyPrecedes(b.name) : a.value.lexicographicallyPrecedes(b.value)
        }
        var parts: [String] = []
        parts.reserveCapacity(pairs.count)
        for pair in pairs {
            parts.append(String(decoding: pair.name, as: UTF8.self) + "=" + String(decoding: pair.value, as: UTF8.self))
        }
        return parts.joined(separator: "&")
    }

    /// Canonical header lines (without the final blank line) and the signed-headers list.
    ///
    /// Names are lower-cased; values of one name are trimmed, runs of white space inside become
    /// one space, and repeated fields are joined with `,` in the order sent. Headers in
    /// `unsignedHeaderNames` are left out.
    public static func headers(_ headers: [(name: String, value: String)]) -> (canonical: String, signed: String) {
        var valuesByName: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if unsignedHeaderNames.contains(name) { continue }
            valuesByName[name, default: []].append(trimAll(header.value))
        }
        var names = Array(valuesByName.keys)
        names.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var lines: [String] = []
        lines.reserveCapacity(names.count)
        for name in names {
            lines.append(name + ":" + (valuesByName[name] ?? []).joined(separator: ","))
        }
        return (lines.joined(separator: "\n"), names.joined(separator: ";"))
    }

    /// botocore's `' '.join(value.split())`: Python's `str.split()` splits on every character
    /// `str.isspace()` accepts, not just spaces, so the same set is used here.
    static func trimAll(_ value: String) -> String {
        var words: [Substring.UnicodeScalarView] = []
        var current = Substring.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if isPythonSpace(scalar) {
                if !current.isEmpty { words.append(current); current = Substring.UnicodeScalarView() }
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(current) }
        var result = ""
        for (index, word) in words.enumerated() {
            if index > 0 { result += " " }
            result += String(String.UnicodeScalarView(word))
        }
        return result
    }

    static func isPythonSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC, fractions of a second dropped (as `strftime` does).
    /// Computed by hand, not with a formatter, so no locale or calendar setting can change it.
    public static func timestamp(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T"
            + pad(secondOfDay / 3_600, 2) + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2) + "Z"
    }

    private static func pad(_ number: Int64, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `%XX` (upper-case hex) for every byte outside RFC 3986's unreserved set (and `/` when
    /// `keepSlash`), like Python's `quote(s, safe='-_.~')` or `safe='/~'`.
    public static func percentEncode(_ bytes: [UInt8], keepSlash: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigitsUpper[Int(byte >> 4)])
                out.append(hexDigitsUpper[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` to its byte; a `%` not followed by two hex digits stays a literal `%`
    /// (as Python's `unquote` leaves it). `+` stays `+`: this is RFC 3986, not a form body.
    static func percentDecode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), bytes.endIndex - index >= 3,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigitsUpper: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let hexDigitsLower: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lower-case hex, as SigV4 writes hashes and signatures.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(hexDigitsLower[Int(byte >> 4)])
            out.append(hexDigitsLower[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

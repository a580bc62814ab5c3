import DynamoModel
import Foundation

/// How a plugin fills in an attribute: `now`, `now + 90d`, or a template of other attributes
/// (`insight#{entity_id}`, `{prediction_type}_{entity_id}_{timestamp:epoch_ms}`).
public enum Derivation: Sendable, Equatable, CustomStringConvertible {
    /// The command's instant, shifted by some seconds: a timestamp for timestamp attributes,
    /// Unix seconds for numeric ones.
    case now(offsetSeconds: Int)
    case template([TemplatePart])

    public enum TemplatePart: Sendable, Equatable {
        case text(String)
        /// `{name}` or `{name:epoch_ms}` / `{name:epoch_s}` (a timestamp as Unix time).
        case attribute(String, format: String?)
    }

    public var description: String {
        switch self {
        case .now(let offset):
            guard offset != 0 else { return "now" }
            for (unit, seconds) in Self.units.reversed() where offset % seconds == 0 {
                return "now \(offset < 0 ? "-" : "+") \(abs(offset) / seconds)\(unit)"
            }
            return "now + \(offset)s"
        case .template(let parts):
            return parts.map { part in
                switch part {
                case .text(let text): text
                case .attribute(let name, let format): "{" + name + (format.map { ":" + $0 } ?? "") + "}"
                }
            }.joined()
        }
    }

    static let units: [(String, Int)] = [("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800)]
    static let formats = ["epoch_ms", "epoch_s"]

    /// Parses `now`, `now + 90d`, `now - 1h`, or a template; nil with a reason otherwise.
    public static func parse(_ text: String) -> Result<Derivation, DerivationError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "now" { return .success(.now(offsetSeconds: 0)) }
        if trimmed.hasPrefix("now ") || trimmed.hasPrefix("now+") || trimmed.hasPrefix("now-") {
            var rest = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
            guard let sign = rest.first, sign == "+" || sign == "-" else {
                return .failure(DerivationError("expected now, now + DURATION or now - DURATION"))
            }
            rest = rest.dropFirst().trimmingCharacters(in: .whitespaces)
            guard let unit = rest.last, let (_, size) = units.first(where: { $0.0 == String(unit) }),
                  let amount = Int(rest.dropLast()), amount >= 0 else {
                return .failure(DerivationError("a duration is a whole number and a unit: s, m, h, d or w (as in now + 90d)"))
            }
            return .success(.now(offsetSeconds: (sign == "+" ? 1 : -1) * amount * size))
        }
        var parts: [TemplatePart] = []
        var literal = ""
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let character = trimmed[index]
            if character == "{" {
                guard let close = trimmed[index...].firstIndex(of: "}") else {
                    return .failure(DerivationError("'{' without '}'"))
                }
                let inner = trimmed[trimmed.index(after: index)..<close]
                let pieces = inner.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard let name = pieces.first, !name.isEmpty else { return .failure(DerivationError("'{}' names no attribute")) }
                let format = pieces.count > 1 ? pieces[1] : nil
                if let format, !formats.contains(format) {
                    return .failure(DerivationError("unknown format '\(format)' in {\(inner)}; formats: \(formats.joined(separator: ", "))"))
                }
                if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
                parts.append(.attribute(name, format: format))
                index = trimmed.index(after: close)
            } else {
                literal.append(character)
                index = trimmed.index(after: index)
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return .success(.template(parts))
    }

    /// Attributes a template reads.
    public var references: [String] {
        guard case .template(let parts) = self else { return [] }
        return parts.compactMap { if case .attribute(let name, _) = $0 { name } else { nil } }
    }
}

public struct DerivationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension TablePlugin {
    /// The item a typed `put` writes: the given attributes, checked, plus every derived and
    /// default value, computed at `now`. Errors name the attribute, the value and the rule.
    public func item(from given: [String: AttributeValue], now: Date) throws(PluginValueError) -> Item {
        var item = given
        for (name, value) in given {
            guard let rule = attribute(name) else {
                if allowsUndeclaredAttributes { continue }
                let known = attributes.map(\.name)
                throw PluginValueError(attribute: name, value: value.plainJSON.compactText,
                                       rule: "an attribute of \(self.name) (\(known.joined(separator: ", ")))",
                                       hint: AttributeRule.closest(name, among: known).map { "did you mean \($0)?" })
            }
            item[name] = try rule.checked(value)
        }
        var filled: Set<String> = []
        func fill(_ rule: AttributeRule) throws(PluginValueError) {
            guard filled.insert(rule.name).inserted else { return }
            guard let derivation = rule.derivedValue ?? (item[rule.name] == nil ? rule.defaultValue : nil) else { return }
            for name in derivation.references where item[name] == nil {
                if let other = attribute(name) { try fill(other) }
            }
            let value = try evaluate(derivation, for: rule, in: item, now: now)
            if rule.derivedValue != nil, let given = item[rule.name], given != value {
                throw PluginValueError(attribute: rule.name, value: given.plainJSON.compactText,
                                       rule: "\(derivation) (it is derived; leave it out)")
            }
            item[rule.name] = try rule.checked(value)
        }
        for rule in attributes { try fill(rule) }
        for rule in attributes where item[rule.name] == nil {
            let isKey = rule.name == table.partitionKey.name || rule.name == table.sortKey?.name
            if rule.required || isKey {
                throw PluginValueError(attribute: rule.name, value: "(missing)", rule: "given: it is required")
            }
        }
        return item
    }

    func evaluate(_ derivation: Derivation, for rule: AttributeRule, in item: Item, now: Date) throws(PluginValueError) -> AttributeValue {
        switch derivation {
        case .now(let offset):
            let instant = now.addingTimeInterval(TimeInterval(offset))
            switch rule.kind {
            case .number, .count, .epochSeconds:
                return .n(try! DynamoNumber(String(Int(instant.timeIntervalSince1970.rounded(.down)))))
            default:
                return .s(Timestamp.text(instant))
            }
        case .template(let parts):
            var text = ""
            for part in parts {
                switch part {
                case .text(let piece): text += piece
                case .attribute(let name, let format):
                    guard let value = item[name] else {
                        throw PluginValueError(attribute: rule.name, value: "(missing)",
                                               rule: "derivable: \(derivation) needs \(name)")
                    }
                    let raw: String
                    switch value {
                    case .s(let s): raw = s
                    case .n(let n): raw = n.description
                    default: raw = value.plainJSON.compactText
                    }
                    switch format {
                    case "epoch_ms", "epoch_s":
                        guard let date = Timestamp.date(raw) else {
                            throw PluginValueError(attribute: name, value: raw, rule: "an ISO 8601 timestamp (for \(rule.name))")
                        }
                        let seconds = date.timeIntervalSince1970
                        text += format == "epoch_ms" ? String(Int64((seconds * 1000).rounded())) : String(Int64(seconds.rounded(.down)))
                    default:
                        text += raw
                    }
                }
            }
            switch rule.kind {
            case .number, .count, .epochSeconds:
                guard let number = try? DynamoNumber(text) else { throw rule.failure(text) }
                return .n(number)
            default:
                return .s(text)
            }
        }
    }
}

import DynamoAPI
import Foundation
import ShellLanguage
import Yams

/// What is wrong with a plugin file: where, which field, and why.
public struct PluginProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The field's path, as `commands.low-health.options[1].default`; empty for the file itself.
    public var field: String
    public var message: String

    public init(file: String, line: Int, column: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        "\(file):\(line):\(column): " + (field.isEmpty ? "" : "\(field): ") + message
    }
}

/// Reads plugin files (YAML) into `TablePlugin`s, checking every field.
///
/// Checks happen here, once, so a plugin that loads can be trusted by the shell: keys name
/// declared attributes of a key type, defaults obey their rules, templates refer to real
/// attributes, and every command body parses.
public enum PluginLoader {
    /// Parses one plugin file's text; `origin` names it in problems and in `plugins`.
    public static func parse(_ text: String, origin: String) throws(PluginProblem) -> TablePlugin {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PluginProblem(file: origin, line: 1, column: 1, field: "", message: "the file is empty; a plugin needs at least plugin, table and attributes")
            }
            root = node
        } catch let problem as PluginProblem {
            throw problem
        } catch let error as YamlError {
            throw problem(from: error, origin: origin)
        } catch {
            throw PluginProblem(file: origin, line: 1, column: 1, field: "", message: "not YAML: \(error)")
        }
        var reader = Reader(origin: origin, text: text)
        do {
            return try reader.plugin(root)
        } catch {
            throw error
        }
    }

    /// Loads one file.
    public static func load(file path: String) throws(PluginProblem) -> TablePlugin {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginProblem(file: path, line: 1, column: 1, field: "", message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PluginProblem(file: path, line: 1, column: 1, field: "", message: "the file is not UTF-8 text")
        }
        return try parse(text, origin: path)
    }

    /// The plugin files of a directory (`*.yaml`, `*.yml`), sorted by name; none when it does
    /// not exist.
    public static func files(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    static func problem(from error: YamlError, origin: String) -> PluginProblem {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let message = "not valid YAML: " + problem + (context.map { " \($0.text)" } ?? "")
            return PluginProblem(file: origin, line: mark.line, column: mark.column, field: "", message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return PluginProblem(file: origin, line: context.mark.line, column: context.mark.column, field: "",
                                 message: "a key appears twice: \(duplicates.joined(separator: ", "))")
        default:
            return PluginProblem(file: origin, line: 1, column: 1, field: "", message: "not valid YAML: \(error)")
        }
    }
}

/// Walks a plugin's YAML tree with the field path, so each problem names its field.
private struct Reader {
    let origin: String
    let lines: [Substring]

    init(origin: String, text: String) {
        self.origin = origin
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func fail(_ node: Node?, _ field: String, _ message: String) -> PluginProblem {
        let mark = node?.mark
        return PluginProblem(file: origin, line: mark?.line ?? 1, column: mark?.column ?? 1, field: field, message: message)
    }

    /// A mapping's entries by key, refusing keys not in `allowed`.
    func mapping(_ node: Node, _ field: String, allowed: [String]) throws(PluginProblem) -> [String: Node] {
        guard let mapping = node.mapping else { throw fail(node, field, "expected a mapping (key: value lines)") }
        var out: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw fail(key, field, "a key must be a plain word") }
            guard allowed.contains(name) else {
                let hint = AttributeRule.closest(name, among: allowed) ?? Diagnostic.suggestion(for: name, among: allowed)
                throw fail(key, join(field, name), "unknown field" + (hint.map { "; did you mean \($0)?" } ?? "; fields: \(allowed.joined(separator: ", "))"))
            }
            out[name] = value
        }
        return out
    }

    func join(_ field: String, _ name: String) -> String { field.isEmpty ? name : field + "." + name }

    func string(_ node: Node?, _ field: String, required: Bool = false, in parent: Node? = nil) throws(PluginProblem) -> String? {
        guard let node else {
            if required { throw fail(parent, field, "missing; it is required") }
            return nil
        }
        guard let scalar = node.scalar else { throw fail(node, field, "expected text") }
        if scalar.style == .plain && (scalar.string == "~" || scalar.string == "null" || scalar.string.isEmpty) {
            if required { throw fail(node, field, "must not be empty") }
            return nil
        }
        return scalar.string
    }

    func bool(_ node: Node?, _ field: String) throws(PluginProblem) -> Bool? {
        guard let text = try string(node, field) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail(node, field, "expected true or false, not '\(text)'")
        }
    }

    func list(_ node: Node?, _ field: String) throws(PluginProblem) -> [Node] {
        guard let node else { return [] }
        guard let sequence = node.sequence else { throw fail(node, field, "expected a list") }
        return Array(sequence)
    }

    func word(_ text: String, _ node: Node?, _ field: String) throws(PluginProblem) -> String {
        let ok = text.first.map { $0.isLetter && $0.isASCII } ?? false
            && text.allSatisfy { ($0.isLetter || $0.isNumber) && $0.isASCII || $0 == "_" || $0 == "-" }
        guard ok else { throw fail(node, field, "'\(text)' is not a name: use letters, digits, _ and -, starting with a letter") }
        return text
    }

    // MARK: The plugin

    mutating func plugin(_ root: Node) throws(PluginProblem) -> TablePlugin {
        let fields = try mapping(root, "", allowed: ["plugin", "description", "table", "attributes", "undeclared_attributes", "commands"])
        let name = try word(try string(fields["plugin"], "plugin", required: true, in: root)!, fields["plugin"], "plugin")
        let description = try string(fields["description"], "description") ?? ""
        guard let attributesNode = fields["attributes"] else { throw fail(root, "attributes", "missing; declare every attribute of the table") }
        let attributes = try self.attributes(attributesNode)
        guard let tableNode = fields["table"] else { throw fail(root, "table", "missing; it declares the table's name, keys and indexes") }
        let table = try self.table(tableNode, attributes: attributes)
        var plugin = TablePlugin(name: name, description: description, origin: origin, table: table, attributes: attributes,
                                 allowsUndeclaredAttributes: try bool(fields["undeclared_attributes"], "undeclared_attributes") ?? false,
                                 commands: [])
        if let commandsNode = fields["commands"] {
            guard let mapping = commandsNode.mapping else { throw fail(commandsNode, "commands", "expected a mapping of command names") }
            for (key, value) in mapping {
                guard let commandName = key.scalar?.string else { throw fail(key, "commands", "a command name must be a word") }
                plugin.commands.append(try command(value, name: try word(commandName, key, "commands"), plugin: plugin))
            }
        }
        return plugin
    }

    // MARK: Attributes

    func attributes(_ node: Node) throws(PluginProblem) -> [AttributeRule] {
        guard let mapping = node.mapping else { throw fail(node, "attributes", "expected a mapping of attribute names") }
        var rules: [AttributeRule] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string, !name.isEmpty else { throw fail(key, "attributes", "an attribute name must be text") }
            rules.append(try rule(value, name: name, field: "attributes.\(name)", allowDerivations: true))
        }
        let names = Set(rules.map(\.name))
        for (rule, (_, value)) in zip(rules, mapping) {
            for derivation in [rule.defaultValue, rule.derivedValue].compactMap({ $0 }) {
                for reference in derivation.references where !names.contains(reference) {
                    let node = value.mapping?["default"] ?? value.mapping?["value"]
                    throw fail(node, "attributes.\(rule.name)", "{\(reference)} names no declared attribute")
                }
            }
        }
        // A derivation chain must end: a → b → a never does.
        let byName = Dictionary(uniqueKeysWithValues: rules.map { ($0.name, $0) })
        for (rule, (key, _)) in zip(rules, mapping) {
            var path = [rule.name]
            var frontier = (rule.derivedValue ?? rule.defaultValue)?.references ?? []
            var seen: Set<String> = []
            while let next = frontier.popLast() {
                if next == rule.name { throw fail(key, "attributes.\(rule.name)", "its value is derived from itself (\((path + [next]).joined(separator: " → ")))") }
                guard seen.insert(next).inserted, let other = byName[next] else { continue }
                path.append(next)
                frontier += (other.derivedValue ?? other.defaultValue)?.references ?? []
            }
        }
        return rules
    }

    /// An attribute's rule, or a parameter's own (parameters take no derivations).
    func rule(_ node: Node, name: String, field: String, allowDerivations: Bool, extra: [String] = []) throws(PluginProblem) -> AttributeRule {
        var allowed = ["type", "description", "values", "range", "pattern"]
        if allowDerivations { allowed += ["key_description", "required", "default", "value"] }
        let fields = try mapping(node, field, allowed: allowed + extra)
        let typeText = try string(fields["type"], "\(field).type", required: true, in: node)!
        guard let kind = AttributeRule.Kind(rawValue: typeText) else {
            let kinds = AttributeRule.Kind.allCases.map(\.rawValue)
            throw fail(fields["type"], "\(field).type", "unknown type '\(typeText)'; types: \(kinds.joined(separator: ", "))")
        }
        var rule = AttributeRule(name: name, kind: kind, description: try string(fields["description"], "\(field).description") ?? "")
        if allowDerivations {
            rule.keyDescription = try string(fields["key_description"], "\(field).key_description")
            rule.required = try bool(fields["required"], "\(field).required") ?? false
        }
        if let valuesNode = fields["values"] {
            guard kind == .enum else { throw fail(valuesNode, "\(field).values", "only an enum has values") }
            for item in try list(valuesNode, "\(field).values") {
                guard let value = try string(item, "\(field).values") else { throw fail(item, "\(field).values", "a value must be text") }
                rule.values.append(value)
            }
            if rule.values.isEmpty { throw fail(valuesNode, "\(field).values", "an enum needs at least one value") }
        } else if kind == .enum {
            throw fail(node, "\(field).values", "missing; an enum lists its values: values: [a, b]")
        }
        if let rangeNode = fields["range"] {
            guard kind == .number || kind == .count else { throw fail(rangeNode, "\(field).range", "only a number or count has a range") }
            let bounds = try list(rangeNode, "\(field).range").map { (try? string($0, "\(field).range")).flatMap { $0 }.flatMap { Decimal(string: $0) } }
            guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high else {
                throw fail(rangeNode, "\(field).range", "expected [LOW, HIGH] with LOW ≤ HIGH, as [0, 100]")
            }
            rule.range = low...high
        }
        if let patternNode = fields["pattern"] {
            guard kind == .string else { throw fail(patternNode, "\(field).pattern", "only a string has a pattern") }
            let pattern = try string(patternNode, "\(field).pattern", required: true)!
            guard (try? NSRegularExpression(pattern: pattern)) != nil else {
                throw fail(patternNode, "\(field).pattern", "not a regular expression: \(pattern)")
            }
            rule.pattern = pattern
        }
        if allowDerivations {
            if fields["default"] != nil && fields["value"] != nil {
                throw fail(fields["value"], "\(field).value", "give default (when absent) or value (always), not both")
            }
            for (key, isDefault) in [("default", true), ("value", false)] {
                guard let derivationNode = fields[key], let text = try string(derivationNode, "\(field).\(key)") else { continue }
                switch Derivation.parse(text) {
                case .failure(let error): throw fail(derivationNode, "\(field).\(key)", error.message)
                case .success(let derivation):
                    if case .now = derivation, ![.timestamp, .epochSeconds, .number, .string].contains(kind) {
                        throw fail(derivationNode, "\(field).\(key)", "now fits a timestamp, epoch_seconds or number attribute, not \(kind.rawValue)")
                    }
                    if case .template(let parts) = derivation, derivation.references.isEmpty {
                        let literal = parts.map { if case .text(let t) = $0 { t } else { "" } }.joined()
                        do {
                            _ = try rule.value(fromText: literal)
                        } catch {
                            throw fail(derivationNode, "\(field).\(key)", error.description)
                        }
                    }
                    if isDefault { rule.defaultValue = derivation } else { rule.derivedValue = derivation }
                }
            }
        }
        return rule
    }

    // MARK: The table

    func table(_ node: Node, attributes: [AttributeRule]) throws(PluginProblem) -> TableDefinition {
        let fields = try mapping(node, "table", allowed: ["name", "description", "partition_key", "sort_key", "billing_mode", "stream",
                                                           "point_in_time_recovery", "ttl", "indexes"])
        let name = try string(fields["name"], "table.name", required: true, in: node)!
        guard (3...255).contains(name.utf8.count),
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }) else {
            throw fail(fields["name"], "table.name", "'\(name)' is not a DynamoDB table name (3–255 of a-z A-Z 0-9 _ - .)")
        }
        func key(_ field: String, _ keyNode: Node?, required: Bool, parent: Node) throws(PluginProblem) -> KeyAttribute? {
            guard let attributeName = try string(keyNode, field, required: required, in: parent) else { return nil }
            guard let rule = attributes.first(where: { $0.name == attributeName }) else {
                let hint = AttributeRule.closest(attributeName, among: attributes.map(\.name))
                throw fail(keyNode, field, "'\(attributeName)' is not a declared attribute" + (hint.map { "; did you mean \($0)?" } ?? ""))
            }
            guard let type = rule.kind.scalarType else {
                throw fail(keyNode, field, "'\(attributeName)' is a \(rule.kind.rawValue); a key attribute is a string, enum, timestamp, number, count or epoch_seconds")
            }
            return KeyAttribute(name: attributeName, type: type)
        }
        let partitionKey = try key("table.partition_key", fields["partition_key"], required: true, parent: node)!
        let sortKey = try key("table.sort_key", fields["sort_key"], required: false, parent: node)
        var billing = BillingMode.payPerRequest
        if let text = try string(fields["billing_mode"], "table.billing_mode") {
            guard let mode = BillingMode(rawValue: text) else {
                throw fail(fields["billing_mode"], "table.billing_mode", "expected PAY_PER_REQUEST or PROVISIONED, not '\(text)'")
            }
            billing = mode
        }
        var stream: StreamViewType?
        if let text = try string(fields["stream"], "table.stream"), !["false", "off", "no"].contains(text.lowercased()) {
            guard let view = StreamViewType(rawValue: text) else {
                throw fail(fields["stream"], "table.stream", "expected NEW_AND_OLD_IMAGES, NEW_IMAGE, OLD_IMAGE or KEYS_ONLY, not '\(text)'")
            }
            stream = view
        }
        var ttl: String?
        if let text = try string(fields["ttl"], "table.ttl") {
            guard let rule = attributes.first(where: { $0.name == text }) else {
                throw fail(fields["ttl"], "table.ttl", "'\(text)' is not a declared attribute")
            }
            guard rule.kind == .epochSeconds || rule.kind == .number else {
                throw fail(fields["ttl"], "table.ttl", "'\(text)' is a \(rule.kind.rawValue); DynamoDB's TTL reads a Number of epoch seconds (type: epoch_seconds)")
            }
            ttl = text
        }
        var indexes: [IndexDefinition] = []
        for (i, indexNode) in try list(fields["indexes"], "table.indexes").enumerated() {
            let field = "table.indexes[\(i)]"
            let f = try mapping(indexNode, field, allowed: ["name", "partition_key", "sort_key", "projection", "non_key_attributes", "use"])
            let indexName = try string(f["name"], "\(field).name", required: true, in: indexNode)!
            guard (3...255).contains(indexName.utf8.count) else { throw fail(f["name"], "\(field).name", "an index name is 3–255 characters") }
            if indexes.contains(where: { $0.name == indexName }) { throw fail(f["name"], "\(field).name", "\(indexName) is declared twice") }
            var projection = Projection(projectionType: .all)
            if let text = try string(f["projection"], "\(field).projection") {
                guard let type = ProjectionType(rawValue: text) else {
                    throw fail(f["projection"], "\(field).projection", "expected ALL, KEYS_ONLY or INCLUDE, not '\(text)'")
                }
                projection.projectionType = type
            }
            let nonKey = try list(f["non_key_attributes"], "\(field).non_key_attributes").compactMap { try? string($0, field) }
            if projection.projectionType == .include {
                guard !nonKey.isEmpty else { throw fail(indexNode, "\(field).non_key_attributes", "INCLUDE needs the attributes to project") }
                projection.nonKeyAttributes = nonKey
            } else if !nonKey.isEmpty {
                throw fail(f["non_key_attributes"], "\(field).non_key_attributes", "only an INCLUDE projection lists attributes")
            }
            indexes.append(IndexDefinition(
                name: indexName,
                partitionKey: try key("\(field).partition_key", f["partition_key"], required: true, parent: indexNode)!,
                sortKey: try key("\(field).sort_key", f["sort_key"], required: false, parent: indexNode),
                projection: projection, use: try string(f["use"], "\(field).use")))
        }
        if indexes.count > 20 { throw fail(fields["indexes"], "table.indexes", "DynamoDB allows at most 20 global secondary indexes") }
        var definition = TableDefinition(name: name, partitionKey: partitionKey, sortKey: sortKey, billingMode: billing,
                                         streamViewType: stream, timeToLiveAttribute: ttl,
                                         pointInTimeRecovery: try bool(fields["point_in_time_recovery"], "table.point_in_time_recovery") ?? false,
                                         indexes: indexes)
        definition.description = try string(fields["description"], "table.description")
        return definition
    }

    // MARK: Commands

    func command(_ node: Node, name: String, plugin: TablePlugin) throws(PluginProblem) -> PluginCommand {
        let field = "commands.\(name)"
        let fields = try mapping(node, field, allowed: ["help", "arguments", "options", "attributes", "passthrough", "example", "examples", "run"])
        var command = PluginCommand(name: name, help: try string(fields["help"], "\(field).help", required: true, in: node)!, bodies: [])
        for (i, parameterNode) in try list(fields["arguments"], "\(field).arguments").enumerated() {
            command.arguments.append(try parameter(parameterNode, field: "\(field).arguments[\(i)]", plugin: plugin))
        }
        for (i, parameterNode) in try list(fields["options"], "\(field).options").enumerated() {
            command.options.append(try parameter(parameterNode, field: "\(field).options[\(i)]", plugin: plugin))
        }
        let all = command.arguments + command.options
        for (i, parameter) in all.enumerated() where all[..<i].contains(where: { $0.name == parameter.name }) {
            throw fail(node, field, "two parameters are named \(parameter.name)")
        }
        var optionalSeen = false
        for (i, argument) in command.arguments.enumerated() {
            if argument.defaultValue != nil { optionalSeen = true } else if optionalSeen {
                throw fail(fields["arguments"], "\(field).arguments[\(i)]", "a required argument cannot follow one with a default")
            }
        }
        command.takesAttributes = try bool(fields["attributes"], "\(field).attributes") ?? false
        command.passesThrough = try bool(fields["passthrough"], "\(field).passthrough") ?? false
        if command.passesThrough && !all.isEmpty {
            throw fail(fields["passthrough"], "\(field).passthrough", "a passthrough command hands its words on as $@; it declares no arguments or options")
        }
        if let example = try string(fields["example"], "\(field).example") { command.examples.append(example) }
        for item in try list(fields["examples"], "\(field).examples") {
            if let example = try string(item, "\(field).examples") { command.examples.append(example) }
        }
        guard let runNode = fields["run"] else { throw fail(node, "\(field).run", "missing; the statements the command runs") }
        if runNode.scalar != nil {
            command.bodies = [try body(runNode, field: "\(field).run", when: [])]
        } else {
            for (i, variant) in try list(runNode, "\(field).run").enumerated() {
                let f = try mapping(variant, "\(field).run[\(i)]", allowed: ["when", "do"])
                var when: [String] = []
                if let whenNode = f["when"] {
                    let names = whenNode.sequence.map { Array($0) } ?? [whenNode]
                    for nameNode in names {
                        guard let name = try string(nameNode, "\(field).run[\(i)].when") else { continue }
                        guard all.contains(where: { $0.name == name }) else {
                            throw fail(nameNode, "\(field).run[\(i)].when", "'\(name)' is not a parameter of \(command.name)")
                        }
                        when.append(name)
                    }
                }
                guard let doNode = f["do"] else { throw fail(variant, "\(field).run[\(i)].do", "missing; the statements to run") }
                command.bodies.append(try body(doNode, field: "\(field).run[\(i)].do", when: when))
            }
            guard !command.bodies.isEmpty else { throw fail(runNode, "\(field).run", "no statements") }
        }
        return command
    }

    func parameter(_ node: Node, field: String, plugin: TablePlugin) throws(PluginProblem) -> Parameter {
        let fields = try mapping(node, field, allowed: ["name", "attribute", "type", "values", "range", "pattern", "default", "help", "description"])
        let attributeName = try string(fields["attribute"], "\(field).attribute")
        var rule: AttributeRule
        if let attributeName {
            guard let attribute = plugin.attribute(attributeName) else {
                let hint = AttributeRule.closest(attributeName, among: plugin.attributes.map(\.name))
                throw fail(fields["attribute"], "\(field).attribute", "'\(attributeName)' is not a declared attribute" + (hint.map { "; did you mean \($0)?" } ?? ""))
            }
            for own in ["type", "values", "range", "pattern"] where fields[own] != nil {
                throw fail(fields[own], "\(field).\(own)", "a parameter bound to an attribute takes its rule; leave out \(own)")
            }
            rule = attribute
            rule.defaultValue = nil
            rule.derivedValue = nil
        } else {
            let name = try string(fields["name"], "\(field).name", required: true, in: node)!
            rule = try self.rule(node, name: "--" + name, field: field, allowDerivations: false, extra: ["name", "attribute", "default", "help"])
        }
        let name = try word(try string(fields["name"], "\(field).name") ?? attributeName!, fields["name"] ?? fields["attribute"], "\(field).name")
        let defaultValue = try string(fields["default"], "\(field).default")
        if let defaultValue {
            do {
                _ = try rule.value(fromText: defaultValue)
            } catch {
                throw fail(fields["default"], "\(field).default", error.description)
            }
        }
        var help = try string(fields["help"], "\(field).help")
        if help == nil { help = try string(fields["description"], "\(field).description") }
        return Parameter(name: name, attribute: attributeName, rule: rule, defaultValue: defaultValue, help: help ?? (rule.description.isEmpty ? nil : rule.description))
    }

    /// A body in the shell language, parsed now so a syntax error names the plugin's line.
    func body(_ node: Node, field: String, when: [String]) throws(PluginProblem) -> CommandBody {
        guard let scalar = node.scalar, let mark = node.mark else { throw fail(node, field, "expected shell statements as text") }
        var line = mark.line
        var column = mark.column
        switch scalar.style {
        case .literal, .folded:
            // The text starts on the next line, at its indentation.
            line += 1
            let text = line - 1 < lines.count ? lines[line - 1] : ""
            column = text.prefix { $0 == " " }.count + 1
        case .singleQuoted, .doubleQuoted:
            column += 1
        default:
            break
        }
        let body = CommandBody(when: when, source: scalar.string, line: line, column: column)
        do {
            _ = try parseScript(body.positionedSource, file: origin)
        } catch {
            throw PluginProblem(file: origin, line: error.line, column: error.column, field: field,
                                message: error.message + (error.hint.map { " (\($0))" } ?? ""))
        }
        return body
    }
}

extension CommandBody {
    /// The body padded with blank lines and indentation, so a parser's line and column are
    /// the plugin file's.
    public var positionedSource: String {
        let indent = String(repeating: " ", count: max(column - 1, 0))
        let body = source.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }.joined(separator: "\n")
        return String(repeating: "\n", count: max(line - 1, 0)) + body
    }
}

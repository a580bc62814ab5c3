import DynamoAPI
import DynamoModel

/// One table plugin: a table declared as its schema plan defines it, the rules of its
/// attributes, and the typed commands that read and write it.
///
/// Plugins are data (a YAML file) whose command bodies are written in the shell's own
/// language, so a new table or helper needs no Swift and no rebuild.
public struct TablePlugin: Sendable, Equatable {
    /// The logical name, and the word that starts its commands: `metrics`.
    public var name: String
    public var description: String
    /// Where it was loaded from: a file path, or `built-in:metrics.yaml`.
    public var origin: String
    public var table: TableDefinition
    /// Every documented attribute, in the plugin's order.
    public var attributes: [AttributeRule]
    /// Whether items may carry attributes the plugin does not declare (default false: an
    /// unknown name is most often a typo).
    public var allowsUndeclaredAttributes: Bool
    public var commands: [PluginCommand]

    public init(name: String, description: String, origin: String, table: TableDefinition,
                attributes: [AttributeRule], allowsUndeclaredAttributes: Bool = false, commands: [PluginCommand]) {
        self.name = name
        self.description = description
        self.origin = origin
        self.table = table
        self.attributes = attributes
        self.allowsUndeclaredAttributes = allowsUndeclaredAttributes
        self.commands = commands
    }

    public func attribute(_ name: String) -> AttributeRule? {
        attributes.first { $0.name == name }
    }

    public func command(_ name: String) -> PluginCommand? {
        commands.first { $0.name == name }
    }
}

/// A table as the schema plan declares it: the part of a plugin that `schema deploy`,
/// `schema diff`, `schema doc` and `schema cfn` work from.
public struct TableDefinition: Sendable, Equatable {
    /// The physical name without a stage prefix or suffix: `iops-dashboard-metrics`.
    public var name: String
    /// One line on what the table holds, as the plan's stack describes it in its outputs.
    public var description: String?
    public var partitionKey: KeyAttribute
    public var sortKey: KeyAttribute?
    public var billingMode: BillingMode
    /// Stream view type; nil when the table has no stream.
    public var streamViewType: StreamViewType?
    /// The TTL attribute; nil when TTL is off.
    public var timeToLiveAttribute: String?
    public var pointInTimeRecovery: Bool
    public var indexes: [IndexDefinition]

    public init(name: String, partitionKey: KeyAttribute, sortKey: KeyAttribute?, billingMode: BillingMode,
                streamViewType: StreamViewType?, timeToLiveAttribute: String?, pointInTimeRecovery: Bool,
                indexes: [IndexDefinition]) {
        self.name = name
        self.description = nil
        self.partitionKey = partitionKey
        self.sortKey = sortKey
        self.billingMode = billingMode
        self.streamViewType = streamViewType
        self.timeToLiveAttribute = timeToLiveAttribute
        self.pointInTimeRecovery = pointInTimeRecovery
        self.indexes = indexes
    }

    /// Key attribute names of the table, then of each index, without repeats.
    public var keyAttributes: [KeyAttribute] {
        var seen: Set<String> = []
        var out: [KeyAttribute] = []
        var candidates: [KeyAttribute?] = [partitionKey, sortKey]
        for index in indexes { candidates += [index.partitionKey, index.sortKey] }
        for case let key? in candidates where seen.insert(key.name).inserted {
            out.append(key)
        }
        return out
    }

    /// The CreateTable request for this table under `physicalName`.
    public func createTableInput(named physicalName: String) -> CreateTableInput {
        func schema(_ partition: KeyAttribute, _ sort: KeyAttribute?) -> [KeySchemaElement] {
            [KeySchemaElement(attributeName: partition.name, keyType: .hash)]
                + (sort.map { [KeySchemaElement(attributeName: $0.name, keyType: .range)] } ?? [])
        }
        var input = CreateTableInput(
            attributeDefinitions: keyAttributes.map { AttributeDefinition(attributeName: $0.name, attributeType: $0.type) },
            tableName: physicalName,
            keySchema: schema(partitionKey, sortKey))
        input.billingMode = billingMode
        if billingMode == .provisioned {
            input.provisionedThroughput = ProvisionedThroughput(readCapacityUnits: 5, writeCapacityUnits: 5)
        }
        if !indexes.isEmpty {
            input.globalSecondaryIndexes = indexes.map { index in
                var gsi = GlobalSecondaryIndex(indexName: index.name, keySchema: schema(index.partitionKey, index.sortKey),
                                               projection: index.projection)
                if billingMode == .provisioned {
                    gsi.provisionedThroughput = ProvisionedThroughput(readCapacityUnits: 5, writeCapacityUnits: 5)
                }
                return gsi
            }
        }
        if let streamViewType {
            input.streamSpecification = StreamSpecification(streamEnabled: true, streamViewType: streamViewType)
        }
        return input
    }
}

/// A key attribute and its scalar type (from the attribute's rule: strings, enums and
/// timestamps are S; numbers, counts and epoch seconds are N).
public struct KeyAttribute: Sendable, Equatable {
    public var name: String
    public var type: ScalarAttributeType

    public init(name: String, type: ScalarAttributeType) {
        self.name = name
        self.type = type
    }
}

/// A global secondary index and what it is for.
public struct IndexDefinition: Sendable, Equatable {
    public var name: String
    public var partitionKey: KeyAttribute
    public var sortKey: KeyAttribute?
    public var projection: Projection
    /// The plan's "Use Case" line.
    public var use: String?

    public init(name: String, partitionKey: KeyAttribute, sortKey: KeyAttribute?, projection: Projection, use: String?) {
        self.name = name
        self.partitionKey = partitionKey
        self.sortKey = sortKey
        self.projection = projection
        self.use = use
    }
}

/// A typed command a plugin adds: `metrics low-health --below 70`.
public struct PluginCommand: Sendable, Equatable {
    public var name: String
    public var help: String
    /// Positional parameters, in order.
    public var arguments: [Parameter]
    /// `--name value` parameters.
    public var options: [Parameter]
    /// Whether `NAME=VALUE` words after the arguments set item attributes (checked against
    /// the plugin's rules and collected, with derived values, into `$item`).
    public var takesAttributes: Bool
    /// Whether the words are not parsed but handed to the body as `$1…` and `$@`.
    public var passesThrough: Bool
    public var examples: [String]
    /// The bodies; the first whose `when` parameters were all given runs.
    public var bodies: [CommandBody]

    public init(name: String, help: String, arguments: [Parameter] = [], options: [Parameter] = [],
                takesAttributes: Bool = false, passesThrough: Bool = false, examples: [String] = [], bodies: [CommandBody]) {
        self.name = name
        self.help = help
        self.arguments = arguments
        self.options = options
        self.takesAttributes = takesAttributes
        self.passesThrough = passesThrough
        self.examples = examples
        self.bodies = bodies
    }

    /// `metrics low-health [--type TYPE] [--below NUMBER]`.
    public func usage(plugin: String) -> String {
        var words = [plugin, name]
        for argument in arguments {
            let word = argument.name.uppercased()
            words.append(argument.defaultValue == nil ? word : "[\(word)]")
        }
        if takesAttributes { words.append("[NAME=VALUE …]") }
        if passesThrough { words.append("[ARGUMENTS …]") }
        for option in options {
            words.append(option.rule.kind == .boolean ? "[--\(option.name)]" : "[--\(option.name) \(option.rule.kind.placeholder)]")
        }
        return words.joined(separator: " ")
    }
}

/// One parameter of a plugin command. Its rule is its attribute's when it names one.
public struct Parameter: Sendable, Equatable {
    public var name: String
    /// The attribute whose rule (and completion values) it takes, if any.
    public var attribute: String?
    public var rule: AttributeRule
    /// Raw text, checked against the rule when the plugin loads.
    public var defaultValue: String?
    public var help: String?

    public init(name: String, attribute: String?, rule: AttributeRule, defaultValue: String?, help: String?) {
        self.name = name
        self.attribute = attribute
        self.rule = rule
        self.defaultValue = defaultValue
        self.help = help
    }
}

/// A command body in the shell language, with where it starts in the plugin file so errors
/// in it point there.
public struct CommandBody: Sendable, Equatable {
    /// Parameters that must have been given for this body to run.
    public var when: [String]
    public var source: String
    public var line: Int
    public var column: Int

    public init(when: [String], source: String, line: Int, column: Int) {
        self.when = when
        self.source = source
        self.line = line
        self.column = column
    }
}

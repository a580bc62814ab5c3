import Foundation
import ShellLanguage

/// The plugins a shell runs with: found on the search path, then the built-in ones, each
/// logical name once (the first found wins, so a user's plugin can replace a built-in one).
public struct PluginSet: Sendable {
    public private(set) var plugins: [TablePlugin] = []
    /// Plugins that failed to load; the shell reports them and starts with the others.
    public private(set) var problems: [PluginProblem] = []
    /// Plugins hidden by an earlier one of the same name: (hidden origin, winning origin).
    public private(set) var shadowed: [(hidden: String, by: String)] = []
    /// Stage naming: the physical table name is prefix + name + suffix.
    public var tablePrefix = ""
    public var tableSuffix = ""

    /// Words a plugin cannot be named, because the shell's own commands use them.
    public static let reservedNames: Set<String> = Set(ShellGrammar.commands + ShellGrammar.toolCommands)

    public init() {}

    /// Loads every plugin of `directories` (in order), then the built-in ones unless
    /// `builtins` is false.
    public static func load(directories: [String], builtins: Bool = true) -> PluginSet {
        var set = PluginSet()
        for directory in directories {
            for file in PluginLoader.files(in: directory) {
                do {
                    set.add(try PluginLoader.load(file: file))
                } catch {
                    set.problems.append(error)
                }
            }
        }
        if builtins {
            for (name, text) in BuiltinPlugins.files {
                do {
                    set.add(try PluginLoader.parse(text, origin: "built-in:" + name))
                } catch {
                    set.problems.append(error)
                }
            }
        }
        return set
    }

    /// Adds a plugin unless one of its name is loaded already (that one wins).
    public mutating func add(_ plugin: TablePlugin) {
        if Self.reservedNames.contains(plugin.name.lowercased()) {
            problems.append(PluginProblem(file: plugin.origin, line: 1, column: 1, field: "plugin",
                                          message: "'\(plugin.name)' is a shell command; choose another name"))
            return
        }
        if let existing = plugins.first(where: { $0.name == plugin.name }) {
            shadowed.append((hidden: plugin.origin, by: existing.origin))
            return
        }
        plugins.append(plugin)
    }

    public func plugin(named name: String) -> TablePlugin? {
        plugins.first { $0.name == name }
    }

    /// The table's name on the target: prefix + declared name + suffix.
    public func physicalName(of plugin: TablePlugin) -> String {
        tablePrefix + plugin.table.name + tableSuffix
    }

    /// The physical name for a table reference: a plugin's logical name maps to its table,
    /// anything else is a table name as written.
    public func tableName(for reference: String) -> String {
        plugin(named: reference).map(physicalName(of:)) ?? reference
    }

    /// The plugin that declares a physical table, if any.
    public func plugin(forTable physicalName: String) -> TablePlugin? {
        plugins.first { self.physicalName(of: $0) == physicalName }
    }

    /// The built-in plugin files' names and texts (for `schema doc` and tests).
    public static var builtinFiles: [(name: String, text: String)] { BuiltinPlugins.files }
}

/// Where plugins are looked for, in order: `--plugins DIR` (each given), `$IOPS_PLUGINS`
/// (colon-separated), the per-user directory (`$XDG_CONFIG_HOME/iops/plugins`, default
/// `~/.config/iops/plugins`); the built-in plugins come last.
public enum PluginSearchPath {
    public static func directories(flags: [String], environment: [String: String]) -> [String] {
        var out = flags
        if let list = environment["IOPS_PLUGINS"], !list.isEmpty {
            out += list.split(separator: ":").map(String.init)
        }
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        out.append(configHome + "/iops/plugins")
        return out
    }
}

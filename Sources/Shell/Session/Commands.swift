import DynamoAPI
import ShellLanguage
import TablePlugins

extension ShellSession {
    /// Runs a command that reads its words as arguments: a tool command (`tail`, `ttl`,
    /// `schema`, …) or a plugin's (`metrics low-health --below 70`).
    func runTool(_ custom: CustomCommand) async throws -> Outcome {
        let name = custom.name.lowercased()
        var arguments = try ToolArguments(custom.arguments, command: name, session: self)
        if explaining && plugins.plugin(named: custom.name) == nil {
            throw ShellError("explain shows the requests of data statements and plugin commands, not of \(name)")
        }
        switch name {
        case "more":
            try arguments.finish(options: [])
            guard let pending = pendingPage else { throw ShellError("nothing more to show: no query or scan stopped after a page") }
            try await send(pending)
        case "ttl":
            try await timeToLive(&arguments)
        case "sweep":
            try await sweep(&arguments)
        case "tail":
            try await tail(&arguments)
        case "plugins":
            try arguments.finish(options: [])
            listPlugins()
        case "schema": try await schema(&arguments)
        default:
            if let plugin = plugins.plugin(named: custom.name) {
                return try await runPluginCommand(plugin, arguments: arguments)
            }
            let candidates = ShellGrammar.commands + ShellGrammar.toolCommands + plugins.plugins.map(\.name)
            throw ShellError("unknown command '\(custom.name)'" + (Diagnostic.suggestion(for: custom.name, among: candidates).map { "; did you mean \($0)?" } ?? "; type help for the list of commands"))
        }
        return .proceed
    }

    /// `plugins`: what is loaded, from where, and what failed to load.
    func listPlugins() {
        var lines: [String] = []
        for plugin in plugins.plugins {
            lines.append("\(plugin.name)\t\(plugins.physicalName(of: plugin))\t\(plugin.commands.count) commands\t\(plugin.origin)")
        }
        for (hidden, winner) in plugins.shadowed {
            lines.append("(not loaded) \(hidden): a plugin of the same name was found first, in \(winner)")
        }
        for problem in plugins.problems {
            lines.append("(broken) \(problem)")
        }
        write(lines.map { $0 + "\n" }.joined())
    }
}

extension ShellSession {
    /// `help`, `help COMMAND`, `help PLUGIN`, `help PLUGIN COMMAND`.
    func help(for topic: String?) -> String {
        guard let topic else {
            var text = ShellHelp.text(for: nil)
            if !plugins.plugins.isEmpty {
                text += "\nplugin commands ('help PLUGIN' lists a plugin's, 'help PLUGIN COMMAND' shows one):\n"
                for plugin in plugins.plugins {
                    text += "  \(plugin.name): " + plugin.commands.map(\.name).joined(separator: ", ") + "\n"
                }
            }
            return text
        }
        let words = topic.split(separator: " ").map(String.init)
        if let plugin = plugins.plugin(named: words[0]) {
            if words.count > 1, plugin.command(words[1]) == nil {
                let names = plugin.commands.map(\.name)
                return "\(plugin.name) has no command '\(words[1])'"
                    + (Diagnostic.suggestion(for: words[1], among: names).map { "; did you mean \($0)?" } ?? "; its commands: \(names.joined(separator: ", "))") + "\n"
            }
            return pluginHelp(plugin, command: words.count > 1 ? words[1] : nil)
        }
        return ShellHelp.text(for: topic, extraTopics: plugins.plugins.map(\.name))
    }
}

extension ShellSession {
    /// True when every plugin table exists and holds no item: a new store, for the REPL's
    /// hint on loading demo data.
    public func pluginTablesAreEmpty() async -> Bool {
        guard !plugins.plugins.isEmpty else { return false }
        for plugin in plugins.plugins {
            let name = plugins.physicalName(of: plugin)
            guard let page = try? await backend.scan(ScanInput(tableName: name, limit: 1)), (page.items ?? []).isEmpty else { return false }
        }
        return true
    }
}

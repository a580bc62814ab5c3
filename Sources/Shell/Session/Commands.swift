import ShellLanguage
import TablePlugins

extension ShellSession {
    /// Runs a command that reads its words as arguments: a tool command (`tail`, `ttl`,
    /// `schema`, …) or a plugin's (`metrics low-health --below 70`).
    func runTool(_ custom: CustomCommand) async throws -> Outcome {
        let name = custom.name.lowercased()
        var arguments = try ToolArguments(custom.arguments, command: name, session: self)
        switch name {
        case "more":
            try arguments.finish(options: [])
            guard let pending = pendingPage else { throw ShellError("nothing more to show: no query or scan stopped after a page") }
            try await send(pending)
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

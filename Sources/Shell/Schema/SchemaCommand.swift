import Foundation
import ShellLanguage
import TablePlugins

extension ShellSession {
    static let schemaSubcommands = ["deploy", "diff", "doc", "cfn"]
    static let schemaUsage = """
        usage: schema deploy [PLUGIN …]                create or complete the plugins' tables on the target
               schema diff [PLUGIN …]                  compare the live tables with their plugins (fails on drift)
               schema doc [PLUGIN …] [--output FILE]   Markdown documentation of the tables
               schema cfn [PLUGIN …]                   a CloudFormation template of the tables

        """

    /// `schema deploy|diff|doc|cfn`: the plugins are the source of truth for the tables, and
    /// these keep the target, the docs and the infrastructure template in step with them.
    func schema(_ arguments: inout ToolArguments) async throws {
        guard let subcommand = arguments.positional() else {
            if arguments.isEmpty {
                write(Self.schemaUsage)
                return
            }
            try arguments.finish(options: [], usage: "schema deploy|diff|doc|cfn")
            return
        }
        let word = subcommand.lowercased()
        guard Self.schemaSubcommands.contains(word) else {
            let hint = Diagnostic.suggestion(for: word, among: Self.schemaSubcommands)
            throw ShellError("schema: unknown subcommand '\(subcommand)'"
                + (hint.map { "; did you mean \($0)?" } ?? "; subcommands: " + Self.schemaSubcommands.joined(separator: ", ")))
        }
        arguments.command = "schema " + word
        switch word {
        case "deploy":
            let selected = try schemaPlugins(&arguments, options: [])
            _ = try await deploySchema(selected, quiet: false)
        case "diff":
            let selected = try schemaPlugins(&arguments, options: [])
            try await diffSchema(selected)
        case "doc":
            let output = try arguments.option("output")
            let selected = try schemaPlugins(&arguments, options: ["output"])
            let text = SchemaDocument.markdown(for: selected, plugins: plugins)
            if let output {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: output))
                } catch {
                    throw ShellError("schema doc: cannot write \(output): \(error.localizedDescription)")
                }
                writeError("wrote \(output) (\(selected.count) table\(selected.count == 1 ? "" : "s"))\n")
            } else {
                write(text)
            }
        default:
            let selected = try schemaPlugins(&arguments, options: [])
            write(SchemaTemplate.template(for: selected, plugins: plugins).prettyText() + "\n")
        }
    }

    /// The plugins a `schema` subcommand works on: those named, or every loaded one. A name
    /// may be the plugin's (`metrics`) or its table's (`iops-dashboard-metrics`).
    private func schemaPlugins(_ arguments: inout ToolArguments, options: [String]) throws -> [TablePlugin] {
        let names = arguments.remainingValues()
        try arguments.finish(options: options)
        guard !plugins.plugins.isEmpty else {
            throw ShellError("\(arguments.command): no table plugins are loaded, so there is no schema to work from"
                + " (built-in plugins are off, or every plugin failed to load: see `plugins`)")
        }
        if names.isEmpty { return plugins.plugins }
        var selected: [TablePlugin] = []
        for name in names {
            guard let plugin = plugins.plugin(named: name) ?? plugins.plugin(forTable: name) ?? plugins.plugins.first(where: { $0.table.name == name }) else {
                let known = plugins.plugins.map(\.name)
                throw ShellError("\(arguments.command): no plugin '\(name)'"
                    + (Diagnostic.suggestion(for: name, among: known).map { "; did you mean \($0)?" } ?? "; plugins: " + known.joined(separator: ", ")))
            }
            if !selected.contains(where: { $0.name == plugin.name }) { selected.append(plugin) }
        }
        return selected
    }
}

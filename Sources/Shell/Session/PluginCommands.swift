import DynamoModel
import ShellLanguage
import TablePlugins

extension ShellSession {
    /// Runs `PLUGIN COMMAND WORDS…`: checks every word against the command's parameters and
    /// the plugin's attribute rules, binds them as variables (and `$item` for commands that
    /// take attributes), then runs the command's body: ordinary shell statements, so a plugin
    /// command reaches the backend the same way a typed one does.
    func runPluginCommand(_ plugin: TablePlugin, arguments: ToolArguments) async throws -> Outcome {
        var words = arguments
        words.command = plugin.name
        guard let name = words.positional() else {
            write(pluginHelp(plugin, command: nil))
            return .proceed
        }
        guard let command = plugin.command(name) else {
            let names = plugin.commands.map(\.name)
            throw ShellError("\(plugin.name) has no command '\(name)'"
                + (Diagnostic.suggestion(for: name, among: names).map { "; did you mean \($0)?" } ?? "; its commands: \(names.joined(separator: ", "))"))
        }
        let label = "\(plugin.name) \(command.name)"
        words.command = label
        let usage = command.usage(plugin: plugin.name)
        var bound: [String: ShellValue] = [:]
        var given: Set<String> = []
        var passedOn: [String] = []

        if command.passesThrough {
            for word in words.words {
                switch word {
                case .value(let text): passedOn.append(text)
                case .flag(let flag, let value): passedOn.append("--" + flag + (value.map { "=" + $0 } ?? ""))
                }
            }
        } else {
            var attributes: [String: AttributeValue] = [:]
            for option in command.options {
                let text: String?
                if option.rule.kind == .boolean {
                    text = try words.flag(option.name) ? "true" : nil
                } else {
                    text = try words.option(option.name)
                }
                if let text {
                    given.insert(option.name)
                    bound[option.name] = try typed(text, option, label: label)
                } else if let text = option.defaultValue {
                    bound[option.name] = try typed(text, option, label: label)
                }
            }
            let values = words.remainingValues()
            try words.finish(options: command.options.map(\.name), usage: usage)
            var positionals: [String] = []
            for value in values {
                if command.takesAttributes, let equals = value.firstIndex(of: "="), Self.isAttributeName(value[..<equals]) {
                    let attribute = String(value[..<equals])
                    let text = String(value[value.index(after: equals)...])
                    guard let rule = plugin.attribute(attribute) else {
                        if plugin.allowsUndeclaredAttributes {
                            attributes[attribute] = try ExpressionBuilder.attributeValue(Self.guessedValue(text), resolve: resolve)
                            continue
                        }
                        let known = plugin.attributes.map(\.name)
                        throw ShellError("\(label): \(plugin.name) has no attribute '\(attribute)'"
                            + (Diagnostic.suggestion(for: attribute, among: known).map { "; did you mean \($0)?" } ?? "; its attributes: \(known.joined(separator: ", "))"))
                    }
                    if attributes[attribute] != nil { throw ShellError("\(label): \(attribute) is given twice") }
                    do {
                        attributes[attribute] = try rule.value(fromText: text, now: now())
                    } catch {
                        throw ShellError("\(label): \(error)")
                    }
                } else {
                    positionals.append(value)
                }
            }
            if positionals.count > command.arguments.count {
                throw ShellError("\(label): unexpected argument '\(positionals[command.arguments.count])'; usage: \(usage)")
            }
            for (i, argument) in command.arguments.enumerated() {
                let text: String
                if i < positionals.count {
                    text = positionals[i]
                    given.insert(argument.name)
                } else if let fallback = argument.defaultValue {
                    text = fallback
                } else {
                    throw ShellError("\(label): missing \(argument.name.uppercased()) (\(argument.rule.ruleDescription)); usage: \(usage)")
                }
                bound[argument.name] = try typed(text, argument, label: label)
                if command.takesAttributes, let attribute = argument.attribute {
                    if attributes[attribute] != nil { throw ShellError("\(label): \(attribute) is given twice") }
                    attributes[attribute] = try argument.rule.value(fromText: text, now: now())
                }
            }
            if command.takesAttributes {
                do {
                    bound["item"] = .json(try plugin.item(from: attributes, now: now()).plainJSON)
                } catch {
                    throw ShellError("\(label): \(error)")
                }
            }
        }

        guard let body = command.bodies.first(where: { $0.when.allSatisfy(given.contains) }) else {
            throw ShellError("\(label): no body of the command fits the options given")
        }
        return try await runBody(body, of: plugin, variables: bound, arguments: passedOn)
    }

    /// Runs a plugin command's statements with its parameters as variables (shadowing the
    /// caller's) and its passed-on words as `$1…`, `$@`; the caller's are restored after.
    private func runBody(_ body: CommandBody, of plugin: TablePlugin, variables bound: [String: ShellValue],
                         arguments passedOn: [String]) async throws -> Outcome {
        let statements: [Statement]
        do {
            statements = try parseScript(body.positionedSource, file: plugin.origin)
        } catch {
            throw ShellError("the plugin \(plugin.name) is broken: \(error)")
        }
        let savedVariables = variables
        let savedArguments = arguments
        defer {
            variables = savedVariables
            arguments = savedArguments
        }
        variables.merge(bound) { _, new in new }
        arguments = passedOn
        for statement in statements {
            let outcome = try await execute(statement)
            if outcome != .proceed { return outcome }
        }
        return .proceed
    }

    /// A parameter's text checked against its rule, as the variable its body reads.
    private func typed(_ text: String, _ parameter: Parameter, label: String) throws -> ShellValue {
        let value: AttributeValue
        do {
            value = try parameter.rule.value(fromText: text, now: now())
        } catch {
            var message = error.description
            if parameter.attribute == nil, message.hasPrefix(parameter.rule.name) {
                message = "--" + parameter.name + message.dropFirst(parameter.rule.name.count)
            }
            throw ShellError("\(label): \(message)")
        }
        switch value {
        case .s(let s): return .string(ShellString(stringLiteral: s))
        case .n(let n): return .number(n.description)
        case .bool(let b): return .bool(b)
        default: return .json(value.plainJSON)
        }
    }

    static func isAttributeName(_ text: Substring) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }

    /// An undeclared attribute's value: a number when it reads as one, JSON when it is, else text.
    static func guessedValue(_ text: String) -> ShellValue {
        if (try? DynamoNumber(text)) != nil { return .number(text) }
        if text.hasPrefix("[") || text.hasPrefix("{"), let json = try? JSONValue.parse(text) { return .json(json) }
        return .string(ShellString(stringLiteral: text))
    }

    // MARK: Help

    /// `help metrics` (its commands) or `help metrics low-health` (one command in full).
    func pluginHelp(_ plugin: TablePlugin, command name: String?) -> String {
        if let name, let command = plugin.command(name) {
            var text = "\(command.usage(plugin: plugin.name))\n  \(command.help)\n"
            for parameter in command.arguments + command.options {
                let flag = command.options.contains(parameter) ? "--" + parameter.name : parameter.name.uppercased()
                var line = "  \(flag): \(parameter.rule.ruleDescription)"
                if let help = parameter.help, help != parameter.rule.ruleDescription { line += "; \(help)" }
                if let fallback = parameter.defaultValue { line += " (default \(fallback))" }
                text += line + "\n"
            }
            if command.takesAttributes {
                text += "  NAME=VALUE: any attribute of \(plugin.name): " + plugin.attributes.map(\.name).joined(separator: ", ") + "\n"
            }
            for example in command.examples { text += "  example: \(example)\n" }
            return text
        }
        var text = "\(plugin.name): \(plugin.description)\n  table \(plugins.physicalName(of: plugin)), from \(plugin.origin)\n"
        let width = plugin.commands.map(\.name.count).max() ?? 0
        for command in plugin.commands {
            text += "  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.help + "\n"
        }
        text += "  'help \(plugin.name) COMMAND' shows a command's parameters\n"
        return text
    }
}

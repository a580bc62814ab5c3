import DynamoAPI
import DynamoModel
import Foundation

extension ShellSession {
    /// `ttl TABLE [--list N]`: what the table's TTL does right now (relative to `now()`): its
    /// status, what expires within the next hour, day and week, what expired but is still
    /// returned, items without the attribute, and values that will never expire with the
    /// reason. Printed as `TimeToLiveOutput` describes for each format.
    ///
    /// Reads through `DynamoBackend` only (DescribeTimeToLive, DescribeTable, a paginated Scan
    /// projecting the key and the TTL attribute), so it works the same on DynamoDB. When TTL
    /// is off it says how to turn it on and, if a plugin declares the table's TTL attribute,
    /// still reports what those values would do, since that is what enabling would act on.
    func timeToLive(_ arguments: inout ToolArguments) async throws {
        let usage = "ttl TABLE [--list N]"
        let listText = try arguments.option("list")
        let reference = arguments.positional()
        try arguments.finish(options: ["list"], usage: usage)
        guard let reference else { throw ShellError("ttl: which table? usage: \(usage)") }
        var listLimit = 20
        if let listText {
            guard let n = Int(listText), n >= 0 else {
                throw ShellError("ttl: --list takes how many keys to show (0 or more), not '\(listText)'")
            }
            listLimit = n
        }
        let table = plugins.tableName(for: reference)
        let description = try await backend.describeTimeToLive(DescribeTimeToLiveInput(tableName: table)).timeToLiveDescription
        let status = description?.timeToLiveStatus ?? .disabled
        ttlSettings.remember(table, description)

        let plugin = plugins.plugin(forTable: table)
        let declared = plugin?.table.timeToLiveAttribute
        var output = TimeToLiveOutput(table: table, status: status.rawValue)
        if let attribute = description?.attributeName, status != .disabled {
            output.attribute = attribute
            output.attributeFrom = "table"
            if let declared, declared != attribute, let plugin {
                output.notes.append("note: plugin \(plugin.name) declares \(declared) as the TTL attribute, but the table expires on \(attribute)")
            }
        } else if let declared, let plugin {
            output.attribute = declared
            output.attributeFrom = "plugin \(plugin.name)"
        }
        switch status {
        case .disabled:
            output.enable = Self.enableStatement(table: table, attribute: output.attribute)
        case .enabling:
            output.notes.append("TTL is being turned on; deletions start once it is ENABLED")
        case .disabling:
            output.notes.append("TTL is being turned off; nothing more is deleted")
        case .enabled:
            break
        }
        guard let attribute = output.attribute else {
            write(output.render(format))
            return
        }

        let keySchema = try await backend.describeTable(DescribeTableInput(tableName: table)).table?.keySchema ?? []
        var keyNames: [String] = []
        for element in keySchema where element.keyType == .hash { keyNames.append(element.attributeName) }
        for element in keySchema where element.keyType != .hash { keyNames.append(element.attributeName) }
        var report = TimeToLiveReport(keyNames: keyNames, attribute: attribute, now: timeToLiveNow(), listLimit: listLimit)

        // `#` placeholders for every name: TTL attributes are often reserved words (`ttl`).
        var names: [String: String] = [:]
        var projection: [String] = []
        for (index, name) in keyNames.enumerated() {
            names["#k\(index)"] = name
            projection.append("#k\(index)")
        }
        if !keyNames.contains(attribute) {
            names["#t"] = attribute
            projection.append("#t")
        }
        var input = ScanInput(tableName: table, projectionExpression: projection.joined(separator: ", "),
                              expressionAttributeNames: names)
        repeat {
            try checkInterrupt()
            let page = try await backend.scan(input)
            for item in page.items ?? [] { report.add(item) }
            input.exclusiveStartKey = page.lastEvaluatedKey
        } while input.exclusiveStartKey != nil
        output.report = report
        write(output.render(format))
    }

    /// `now()` in whole epoch seconds, as TTL values are written: reports and filters show
    /// `1712822400`, not a fraction no one asked for.
    func timeToLiveNow() -> Double {
        now().timeIntervalSince1970.rounded(.down)
    }

    /// The `api` statement that turns TTL on, ready to paste.
    static func enableStatement(table: String, attribute: String?) -> String {
        let body: JSONValue = .object([
            "TableName": .string(table),
            "TimeToLiveSpecification": .object(["Enabled": .bool(true), "AttributeName": .string(attribute ?? "ATTRIBUTE")]),
        ])
        return "api UpdateTimeToLive \(body.compactText)"
    }

    /// `sweep`: deletes the expired items of the embedded store now, as DynamoDB's TTL would
    /// eventually; only a backend that can (`ExpirySweeping`) is asked.
    func sweep(_ arguments: inout ToolArguments) async throws {
        try arguments.finish(options: [], usage: "sweep")
        guard let sweeper = backend as? any ExpirySweeping else {
            throw ShellError("sweep runs the embedded store's TTL deletion; DynamoDB deletes expired items by itself, typically within a few days")
        }
        let deleted = try await sweeper.sweepExpiredItems()
        write("\(deleted) expired items deleted\n")
    }
}

import DynamoAPI
import DynamoModel
import TablePlugins

/// The differences between a plugin's table and the live one, one sentence each, so a
/// drifted target is found before the app trips on it (a missing index fails its queries
/// only at run time).
enum SchemaDiff {
    /// Every difference, in a fixed order: key schema, attribute types, billing, indexes,
    /// stream, TTL, PITR. Empty when the table matches its plugin.
    static func differences(_ table: TableDefinition, live: LiveTable) -> [String] {
        var out: [String] = []
        let plannedKeys = SchemaText.keys(table.partitionKey, table.sortKey)
        if !SchemaText.sameKeys(plannedKeys, live.keySchema) {
            out.append("key schema: plugin \(SchemaText.keys(plannedKeys)), live \(SchemaText.keys(live.keySchema))")
        }
        for key in table.keyAttributes {
            if let type = live.attributeType(key.name), type != key.type {
                out.append("attribute \(key.name): plugin \(key.type.rawValue), live \(type.rawValue)")
            }
        }
        if table.billingMode != live.billingMode {
            out.append("billing mode: plugin \(table.billingMode.rawValue), live \(live.billingMode.rawValue)")
        }
        for index in table.indexes {
            guard let liveIndex = live.index(index.name) else {
                out.append("index \(index.name): plugin declares it, live has none")
                continue
            }
            let keys = SchemaText.keys(index.partitionKey, index.sortKey)
            if !SchemaText.sameKeys(keys, liveIndex.keySchema ?? []) {
                out.append("index \(index.name) keys: plugin \(SchemaText.keys(keys)), live \(SchemaText.keys(liveIndex.keySchema ?? []))")
            }
            let planned = SchemaText.projection(index.projection)
            let actual = SchemaText.projection(liveIndex.projection)
            if planned != actual {
                out.append("index \(index.name) projection: plugin \(planned), live \(actual)")
            }
            if let status = liveIndex.indexStatus, status != .active {
                out.append("index \(index.name): live status \(status.rawValue)")
            }
        }
        for liveIndex in live.description.globalSecondaryIndexes ?? [] {
            guard let name = liveIndex.indexName, !table.indexes.contains(where: { $0.name == name }) else { continue }
            out.append("index \(name): live only (the plugin does not declare it)")
        }
        for liveIndex in live.description.localSecondaryIndexes ?? [] {
            out.append("local index \(liveIndex.indexName ?? "?"): live only (the plugin declares no local indexes)")
        }
        if table.streamViewType != live.streamViewType {
            out.append("stream: plugin \(table.streamViewType?.rawValue ?? "off"), live \(live.streamViewType?.rawValue ?? "off")")
        }
        if table.timeToLiveAttribute != live.timeToLiveAttribute {
            out.append("TTL: plugin \(table.timeToLiveAttribute.map { "on " + $0 } ?? "off"), live \(live.timeToLiveAttribute.map { "on " + $0 } ?? "off")")
        }
        if table.pointInTimeRecovery != live.pointInTimeRecovery {
            out.append("point-in-time recovery: plugin \(table.pointInTimeRecovery ? "on" : "off"), live \(live.pointInTimeRecovery ? "on" : "off")")
        }
        return out
    }
}

extension ShellSession {
    /// `schema diff`: one line per difference, prefixed with the table's physical name; a
    /// difference fails the statement so a batch run (CI) exits non-zero.
    func diffSchema(_ selected: [TablePlugin]) async throws {
        var count = 0
        for plugin in selected {
            try checkInterrupt()
            let name = plugins.physicalName(of: plugin)
            guard let live = try await LiveTable.read(name, from: backend) else {
                write("\(name): table: plugin \(plugin.name) declares it, live has none (schema deploy creates it)\n")
                count += 1
                continue
            }
            let lines = SchemaDiff.differences(plugin.table, live: live)
            if lines.isEmpty {
                write("\(name): matches its plugin\n")
            }
            for line in lines { write("\(name): \(line)\n") }
            count += lines.count
        }
        if count > 0 {
            throw ShellError("schema diff: \(count) difference\(count == 1 ? "" : "s")")
        }
    }
}

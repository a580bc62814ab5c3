import DynamoAPI
import DynamoModel
import TablePlugins

/// How `schema deploy` waits for DynamoDB. A real endpoint creates tables and indexes in the
/// background (CREATING, then ACTIVE) and refuses most changes until then; the embedded store
/// is ACTIVE at once, so there the first look already ends the wait. Task-local, so a test
/// can shrink them for its own task only.
public enum SchemaTiming {
    /// Between two DescribeTable calls while something is not ACTIVE yet.
    @TaskLocal public static var pollInterval: Duration = .seconds(2)
    /// The most one table's deploy waits in all; then it fails, saying what is still pending.
    @TaskLocal public static var maxWait: Duration = .seconds(900)
}

extension ShellSession {
    /// Creates or completes each plugin's table on the target, idempotently, and returns what
    /// it changed (one line each, `up to date` when nothing). Progress goes to stderr and the
    /// change lines to stdout unless `quiet` (the executable's first open of a store). Every
    /// table is tried; a table that cannot be brought in line fails the call at the end.
    public func deploySchema(_ selected: [TablePlugin], quiet: Bool) async throws -> [String] {
        var lines: [String] = []
        var failures: [String] = []
        for plugin in selected {
            do {
                let changes = try await deployTable(plugin, quiet: quiet)
                if !quiet { write(changes.map { $0 + "\n" }.joined()) }
                lines += changes
            } catch let error as ShellError {
                if error.message == "interrupted" { throw error }
                failures.append(error.message)
            } catch let error as DynamoError {
                failures.append("\(plugins.physicalName(of: plugin)): \(error.code.rawValue): \(error.message)")
            }
        }
        forgetTables()
        if !failures.isEmpty {
            throw ShellError("schema deploy: " + failures.joined(separator: "; "))
        }
        return lines
    }

    /// One table: created with everything when it is missing; otherwise checked for what
    /// cannot change in place, then completed one DynamoDB-allowed step at a time.
    private func deployTable(_ plugin: TablePlugin, quiet: Bool) async throws -> [String] {
        let name = plugins.physicalName(of: plugin)
        let table = plugin.table
        let deadline = ContinuousClock.now + SchemaTiming.maxWait
        var created = false
        if try await LiveTable.describe(name, from: backend) == nil {
            do {
                _ = try await backend.createTable(table.createTableInput(named: name))
                created = true
            } catch let error as DynamoError where error.code == .resourceInUse {
                // Created by someone else since the look: complete it like any existing table.
            }
        }
        _ = try await waitUntilActive(name, deadline: deadline, quiet: quiet)
        if created {
            var parts = ["\(table.indexes.count) index\(table.indexes.count == 1 ? "" : "es")"]
            if let view = table.streamViewType { parts.append("stream \(view.rawValue)") }
            if let attribute = table.timeToLiveAttribute {
                try await enableTimeToLive(name, attribute: attribute)
                parts.append("TTL on \(attribute)")
            }
            if table.pointInTimeRecovery {
                try await enablePointInTimeRecovery(name, deadline: deadline, quiet: quiet)
                parts.append("PITR")
            }
            return ["created \(name) (\(parts.joined(separator: ", ")))"]
        }

        guard var live = try await LiveTable.read(name, from: backend) else {
            throw ShellError("\(name): the table disappeared during the deploy")
        }
        let problems = Self.unchangeable(table, live: live)
        if !problems.isEmpty {
            throw ShellError("\(name): " + problems.joined(separator: "; ")
                + "; nothing was changed on this table (it cannot be altered in place: fix the plugin, or recreate the table after exporting its items)")
        }
        var lines: [String] = []
        if table.billingMode != live.billingMode {
            var update = UpdateTableInput(tableName: name, billingMode: table.billingMode)
            if table.billingMode == .provisioned {
                update.provisionedThroughput = Self.defaultThroughput
                var indexUpdates: [GlobalSecondaryIndexUpdate] = []
                for index in live.description.globalSecondaryIndexes ?? [] {
                    guard let indexName = index.indexName else { continue }
                    indexUpdates.append(GlobalSecondaryIndexUpdate(update: UpdateGlobalSecondaryIndexAction(
                        indexName: indexName, provisionedThroughput: Self.defaultThroughput)))
                }
                if !indexUpdates.isEmpty { update.globalSecondaryIndexUpdates = indexUpdates }
            }
            _ = try await backend.updateTable(update)
            _ = try await waitUntilActive(name, deadline: deadline, quiet: quiet)
            lines.append("\(name): billing mode \(live.billingMode.rawValue) → \(table.billingMode.rawValue)")
        }
        if let view = table.streamViewType, live.streamViewType == nil {
            _ = try await backend.updateTable(UpdateTableInput(
                tableName: name, streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: view)))
            _ = try await waitUntilActive(name, deadline: deadline, quiet: quiet)
            lines.append("\(name): stream \(view.rawValue) enabled")
        }
        // DynamoDB builds one new index at a time per table, so each gets its own UpdateTable
        // and its own wait.
        for index in table.indexes where live.index(index.name) == nil {
            var action = CreateGlobalSecondaryIndexAction(
                indexName: index.name, keySchema: SchemaText.keys(index.partitionKey, index.sortKey), projection: index.projection)
            if table.billingMode == .provisioned { action.provisionedThroughput = Self.defaultThroughput }
            var definitions: [AttributeDefinition] = []
            for key in [index.partitionKey, index.sortKey] {
                guard let key, !definitions.contains(where: { $0.attributeName == key.name }) else { continue }
                definitions.append(AttributeDefinition(attributeName: key.name, attributeType: key.type))
            }
            _ = try await backend.updateTable(UpdateTableInput(
                attributeDefinitions: definitions, tableName: name,
                globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate(create: action)]))
            live.description = try await waitUntilActive(name, deadline: deadline, quiet: quiet)
            lines.append("\(name): index \(index.name) added")
        }
        if let attribute = table.timeToLiveAttribute, live.timeToLiveAttribute == nil {
            try await enableTimeToLive(name, attribute: attribute)
            lines.append("\(name): TTL enabled on \(attribute)")
        }
        if table.pointInTimeRecovery, !live.pointInTimeRecovery {
            try await enablePointInTimeRecovery(name, deadline: deadline, quiet: quiet)
            lines.append("\(name): PITR enabled")
        }
        for index in live.description.globalSecondaryIndexes ?? [] {
            guard let indexName = index.indexName, !table.indexes.contains(where: { $0.name == indexName }) else { continue }
            if !quiet { writeError("\(name): index \(indexName) is not in the plugin; left as it is\n") }
        }
        return lines.isEmpty ? ["\(name): up to date"] : lines
    }

    /// What differs in a way no UpdateTable can fix without replacing data or a stream:
    /// deploy refuses these rather than dropping anything.
    static func unchangeable(_ table: TableDefinition, live: LiveTable) -> [String] {
        var problems: [String] = []
        let keys = SchemaText.keys(table.partitionKey, table.sortKey)
        if !SchemaText.sameKeys(keys, live.keySchema) {
            problems.append("key schema is \(SchemaText.keys(live.keySchema)), the plugin declares \(SchemaText.keys(keys))")
        }
        for key in table.keyAttributes {
            if let type = live.attributeType(key.name), type != key.type {
                problems.append("attribute \(key.name) is \(type.rawValue), the plugin declares \(key.type.rawValue)")
            }
        }
        for index in table.indexes {
            guard let liveIndex = live.index(index.name) else { continue }
            let indexKeys = SchemaText.keys(index.partitionKey, index.sortKey)
            if !SchemaText.sameKeys(indexKeys, liveIndex.keySchema ?? []) {
                problems.append("index \(index.name) has keys \(SchemaText.keys(liveIndex.keySchema ?? [])), the plugin declares \(SchemaText.keys(indexKeys))")
            }
            let planned = SchemaText.projection(index.projection)
            let actual = SchemaText.projection(liveIndex.projection)
            if planned != actual {
                problems.append("index \(index.name) projects \(actual), the plugin declares \(planned)")
            }
        }
        if let view = table.streamViewType, let liveView = live.streamViewType, view != liveView {
            problems.append("stream is \(liveView.rawValue), the plugin declares \(view.rawValue) (a new view type means a new stream, and its readers lose their place)")
        }
        if let attribute = table.timeToLiveAttribute, let liveAttribute = live.timeToLiveAttribute, attribute != liveAttribute {
            problems.append("TTL is on \(liveAttribute), the plugin declares \(attribute)")
        }
        return problems
    }

    static let defaultThroughput = ProvisionedThroughput(readCapacityUnits: 5, writeCapacityUnits: 5)

    /// Polls DescribeTable until the table and every index are ACTIVE, saying on stderr what
    /// it waits for whenever that changes; past `deadline` it fails, naming what is pending.
    func waitUntilActive(_ name: String, deadline: ContinuousClock.Instant, quiet: Bool) async throws -> TableDescription {
        let start = ContinuousClock.now
        var said = ""
        while true {
            try checkInterrupt()
            guard let description = try await LiveTable.describe(name, from: backend) else {
                throw ShellError("\(name): the table disappeared while waiting for it to be ACTIVE")
            }
            var pending: [String] = []
            let status = description.tableStatus ?? .active
            if status == .deleting { throw ShellError("\(name): the table is being deleted") }
            if status != .active { pending.append("table \(status.rawValue)") }
            for index in description.globalSecondaryIndexes ?? [] {
                let indexStatus = index.indexStatus ?? .active
                if indexStatus != .active { pending.append("index \(index.indexName ?? "?") \(indexStatus.rawValue)") }
            }
            if pending.isEmpty { return description }
            let summary = pending.joined(separator: ", ")
            if ContinuousClock.now >= deadline {
                throw ShellError("\(name): still not ACTIVE after waiting \(Self.seconds(ContinuousClock.now - start)) (\(summary));"
                    + " DynamoDB goes on in the background: run schema deploy again later to finish")
            }
            if !quiet, summary != said {
                writeError("waiting for \(name): \(summary)\n")
                said = summary
            }
            try await Task.sleep(for: SchemaTiming.pollInterval)
        }
    }

    private func enableTimeToLive(_ name: String, attribute: String) async throws {
        _ = try await backend.updateTimeToLive(UpdateTimeToLiveInput(
            tableName: name, timeToLiveSpecification: TimeToLiveSpecification(enabled: true, attributeName: attribute)))
    }

    /// DynamoDB answers ContinuousBackupsUnavailableException for a while after a table is
    /// created (its backups are still being set up); that is retried until the deadline.
    private func enablePointInTimeRecovery(_ name: String, deadline: ContinuousClock.Instant, quiet: Bool) async throws {
        let input = UpdateContinuousBackupsInput(
            tableName: name, pointInTimeRecoverySpecification: PointInTimeRecoverySpecification(pointInTimeRecoveryEnabled: true))
        var said = false
        while true {
            try checkInterrupt()
            do {
                _ = try await backend.updateContinuousBackups(input)
                return
            } catch let error as DynamoError where error.code == Self.continuousBackupsUnavailable && ContinuousClock.now < deadline {
                if !quiet, !said {
                    writeError("waiting for \(name): continuous backups are not available yet\n")
                    said = true
                }
                try await Task.sleep(for: SchemaTiming.pollInterval)
            }
        }
    }

    static let continuousBackupsUnavailable = DynamoError.Code(rawValue: "ContinuousBackupsUnavailableException")

    static func seconds(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds >= 60 ? "\(Int(seconds / 60))m\(Int(seconds) % 60)s" : "\(Int(seconds.rounded()))s"
    }
}

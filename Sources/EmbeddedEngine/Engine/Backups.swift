import DynamoAPI
import DynamoModel
import Foundation

/// TTL settings, continuous backups (point-in-time recovery) and restore.
extension EmbeddedEngine {
    public func updateTimeToLive(_ input: UpdateTimeToLiveInput) throws -> UpdateTimeToLiveOutput {
        let spec = input.timeToLiveSpecification
        guard !spec.attributeName.isEmpty else {
            throw DynamoError.validation("1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1")
        }
        return try write {
            var schema = try table(input.tableName)
            if spec.enabled && schema.ttlEnabled {
                throw DynamoError.validation("TimeToLive is already enabled")
            }
            if !spec.enabled && !schema.ttlEnabled {
                throw DynamoError.validation("TimeToLive is already disabled")
            }
            if !spec.enabled && schema.ttlAttribute != spec.attributeName {
                throw DynamoError.validation("TimeToLive attribute name mismatch: the current attribute is \(schema.ttlAttribute ?? "none")")
            }
            schema.ttlEnabled = spec.enabled
            schema.ttlAttribute = spec.attributeName
            if spec.enabled {
                try backfillTTLIndex(schema)
            } else {
                try store.dropTTLIndex(schema)
            }
            try saveSchema(schema)
            return UpdateTimeToLiveOutput(timeToLiveSpecification: spec)
        }
    }

    public func describeTimeToLive(_ input: DescribeTimeToLiveInput) throws -> DescribeTimeToLiveOutput {
        try read {
            let schema = try table(input.tableName)
            return DescribeTimeToLiveOutput(timeToLiveDescription: TimeToLiveDescription(
                timeToLiveStatus: schema.ttlEnabled ? .enabled : .disabled,
                attributeName: schema.ttlEnabled ? schema.ttlAttribute : nil))
        }
    }

    public func updateContinuousBackups(_ input: UpdateContinuousBackupsInput) throws -> UpdateContinuousBackupsOutput {
        try write {
            var schema = try table(input.tableName)
            if input.pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled {
                if schema.pitrEnabledAt == nil { schema.pitrEnabledAt = now }
            } else {
                schema.pitrEnabledAt = nil
            }
            try saveSchema(schema)
            return UpdateContinuousBackupsOutput(continuousBackupsDescription: continuousBackups(schema))
        }
    }

    public func describeContinuousBackups(_ input: DescribeContinuousBackupsInput) throws -> DescribeContinuousBackupsOutput {
        try read {
            DescribeContinuousBackupsOutput(continuousBackupsDescription: continuousBackups(try table(input.tableName)))
        }
    }

    /// The window a restore may pick from: since PITR was enabled, at most 35 days back, up to now.
    private func restorableWindow(_ schema: TableSchema) -> ClosedRange<Double>? {
        guard let enabled = schema.pitrEnabledAt else { return nil }
        let time = now
        return max(enabled, time - options.recoveryWindow)...time
    }

    private func continuousBackups(_ schema: TableSchema) -> ContinuousBackupsDescription {
        var pitr = PointInTimeRecoveryDescription(pointInTimeRecoveryStatus: schema.pitrEnabledAt == nil ? .disabled : .enabled)
        if let window = restorableWindow(schema) {
            pitr.earliestRestorableDateTime = window.lowerBound
            pitr.latestRestorableDateTime = window.upperBound
            pitr.recoveryPeriodInDays = Int(options.recoveryWindow / 86_400)
        }
        return ContinuousBackupsDescription(continuousBackupsStatus: .enabled, pointInTimeRecoveryDescription: pitr)
    }

    /// Restores a table as it was at a moment: copies the source table and its indexes, then
    /// undoes, newest first, every change made after that moment (the change log keeps each
    /// change's old image for as long as PITR needs it).
    public func restoreTableToPointInTime(_ input: RestoreTableToPointInTimeInput) throws -> RestoreTableToPointInTimeOutput {
        try Validate.tableName(input.targetTableName, member: "targetTableName")
        return try write {
            let sourceName: String
            if let name = input.sourceTableName {
                sourceName = name
            } else if let arn = input.sourceTableArn, let name = arn.split(separator: "/").last {
                sourceName = String(name)
            } else {
                throw DynamoError.validation("Either SourceTableName or SourceTableArn must be specified")
            }
            guard let source = tableIfExists(sourceName) else {
                throw DynamoError(.tableNotFound, "Table not found: \(sourceName)")
            }
            if tableIfExists(input.targetTableName) != nil {
                throw DynamoError(.tableAlreadyExists, "Table already exists: \(input.targetTableName)")
            }
            guard let window = restorableWindow(source) else {
                throw DynamoError(.pointInTimeRecoveryUnavailable, "Point in time recovery is not enabled for table '\(sourceName)'")
            }
            let moment: Double
            if input.useLatestRestorableTime == true {
                moment = window.upperBound
            } else if let requested = input.restoreDateTime {
                guard window.contains(requested) else {
                    throw DynamoError(.invalidRestoreTime, "Invalid restore time: \(requested) is outside the restorable window \(window.lowerBound)…\(window.upperBound)")
                }
                moment = requested
            } else {
                throw DynamoError.validation("Either RestoreDateTime or UseLatestRestorableTime must be specified")
            }

            var target = source
            target.name = input.targetTableName
            target.storageID = try store.allocateStorageID()
            target.tableID = UUID().uuidString.lowercased()
            target.arn = tableArn(input.targetTableName)
            target.createdAt = now
            target.stream = nil
            target.ttlEnabled = false
            target.ttlAttribute = nil
            target.pitrEnabledAt = nil
            target.deletionProtection = false
            if let billing = input.billingModeOverride {
                let settings = try Validate.billing(billing, input.provisionedThroughputOverride)
                target.billingMode = settings.mode
                target.readCapacity = settings.read
                target.writeCapacity = settings.write
            }
            for position in target.indexes.indices {
                target.indexes[position].storageID = try store.allocateStorageID()
            }
            try store.createItemTable(target)
            try store.db.execute("INSERT INTO \(target.itemsTable) SELECT hk, rk, item FROM \(source.itemsTable)")
            try store.setRowCount(target.itemsTable, try store.countRows(source.itemsTable))
            for (sourceIndex, targetIndex) in zip(source.indexes, target.indexes) {
                try store.createIndexTable(targetIndex)
                try store.db.execute("INSERT INTO x\(targetIndex.storageID) SELECT * FROM x\(sourceIndex.storageID)")
                try store.setRowCount("x\(targetIndex.storageID)", try store.countRows("x\(sourceIndex.storageID)"))
            }
            for change in try store.changes(table: source, after: moment) {
                let key = try target.storedKey(change.keys)
                let current = try store.readItem(target, key)
                try commitWrite(target, key: key, old: current, new: change.old)
            }
            try saveSchema(target)
            var description = try describe(target)
            description.restoreSummary = RestoreSummary(sourceTableArn: source.arn, restoreDateTime: moment, restoreInProgress: false)
            return RestoreTableToPointInTimeOutput(tableDescription: description)
        }
    }
}

import DynamoAPI
import DynamoModel
import Foundation

extension ShellSession {
    static let tailUsage = "tail TABLE [--from latest|trim-horizon|SEQUENCE_NUMBER|TIME] [--for DURATION] [--max N] [--no-follow]"

    /// Why `tail` stopped, for the closing note.
    private enum TailStop {
        case limit
        /// As the user wrote it: `30s`.
        case duration(String)
        case caughtUp
        case interrupted
    }

    /// `tail TABLE …`: follows the table's stream like `tail -f`, printing each INSERT, MODIFY
    /// and REMOVE. Records go to standard output; notes (shards followed, why it stopped) to
    /// standard error, so `tail … > changes.jsonl` keeps only records. Ctrl-C ends it
    /// normally: following is the point, stopping is not a failure.
    func tail(_ arguments: inout ToolArguments) async throws {
        let fromText = try arguments.option("from")
        let forText = try arguments.option("for")
        let maxText = try arguments.option("max")
        let noFollow = try arguments.flag("no-follow")
        let name = arguments.positional()
        try arguments.finish(options: ["from", "for", "max", "no-follow"], usage: Self.tailUsage)
        guard let name else { throw ShellError("tail: missing TABLE; usage: \(Self.tailUsage)") }
        let start = try fromText.map(TailStart.init(parsing:)) ?? .latest
        let duration = try forText.map(TailOptions.duration)
        let limit = try maxText.map(TailOptions.maxRecords)
        let table = plugins.tableName(for: name)

        let description = try await backend.describeTable(DescribeTableInput(tableName: table)).table
        guard let streamArn = description?.latestStreamArn, description?.streamSpecification?.streamEnabled == true else {
            throw ShellError("\(table) has no stream; enable one with: api UpdateTable {\"TableName\": \"\(table)\", \"StreamSpecification\": {\"StreamEnabled\": true, \"StreamViewType\": \"NEW_AND_OLD_IMAGES\"}}")
        }
        var keyNames: [String] = []
        for element in (description?.keySchema ?? []).sorted(by: { $0.keyType == .hash && $1.keyType != .hash }) {
            keyNames.append(element.attributeName)
        }

        var follower = ShardFollower(backend: backend, streamArn: streamArn, start: start)
        var formatter = StreamRecordFormatter(format: format, keyNames: keyNames)
        formatter.color = color
        let began = now()
        var shown = 0
        let stop: TailStop
        following: while true {
            if isInterrupted() || Task.isCancelled {
                stop = .interrupted
                break
            }
            if let duration, now().timeIntervalSince(began) >= duration {
                stop = .duration(forText ?? "")
                break
            }
            let step = try await follower.step()
            for note in step.notes { writeError(note + "\n") }
            for record in step.records {
                if case .time(let from) = start, let at = record.dynamodb?.approximateCreationDateTime,
                   at < from.timeIntervalSince1970 { continue }
                write(formatter.text(record))
                shown += 1
                itemsShown += 1
                if let limit, shown >= limit {
                    stop = .limit
                    break following
                }
            }
            if step.caughtUp {
                if noFollow {
                    stop = .caughtUp
                    break
                }
                // Nothing new on any shard: wait before asking again, as `tail -f` does.
                try? await Task.sleep(for: .seconds(streamPollInterval))
            }
        }
        let count = "\(shown) record\(shown == 1 ? "" : "s")"
        switch stop {
        case .limit: writeError("stopped after \(count) (--max)\n")
        case .duration(let text): writeError("stopped after \(text) (--for): \(count)\n")
        case .caughtUp: writeError("read everything there is now: \(count)\n")
        case .interrupted: writeError("stopped (interrupted): \(count)\n")
        }
    }
}

import DynamoAPI
import DynamoModel
import Foundation
import ShellLanguage

/// `export`, `import` and `batch put`: items between a table and a JSON-lines file.
extension ShellSession {
    /// The form of each line of a file.
    enum LineFormat {
        /// `{"id": {"S": "a"}}`: lossless, what `export` writes and `import` reads.
        case dynamoJSON
        /// `{"id": "a"}`: what people and `jq` write; read by `batch put`.
        case plainJSON
    }

    /// Writes every item of the table, one DynamoDB-JSON object per line; numbers exact.
    func export(table: String, to path: String) async throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ShellError("cannot write \(path)")
        }
        defer { try? handle.close() }
        var input = ScanInput(tableName: table)
        var count = 0
        repeat {
            try checkInterrupt()
            let page = try await backend.scan(input)
            var text = ""
            for item in page.items ?? [] { text += item.dynamoJSON.compactText + "\n" }
            handle.write(Data(text.utf8))
            count += page.items?.count ?? 0
            input.exclusiveStartKey = page.lastEvaluatedKey
        } while input.exclusiveStartKey != nil
        writeError("exported \(count) item\(count == 1 ? "" : "s") from \(table) to \(path)\n")
    }

    /// Reads every line first, so a bad line stops the command before anything is written;
    /// then writes in batches of 25, re-sending unprocessed items.
    func load(table: String, from path: String, format: LineFormat) async throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw ShellError("cannot read \(path)") }
        let keys = await keyNames(table)
        let types = await attributeTypes(table)
        var items: [Item] = []
        var lineNumber = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let text = line.hasSuffix("\r") ? line.dropLast() : line[...]
            if text.allSatisfy(\.isWhitespace) { continue }
            do {
                let json = try JSONValue.parse(String(text))
                let item = format == .dynamoJSON ? try Item(dynamoJSON: json) : try Item(plainJSON: json)
                // Key problems are caught here, before the first batch, so nothing is half-loaded.
                for name in keys {
                    guard let value = item[name] else { throw ShellError("\(path):\(lineNumber): the item has no \(name) (a key attribute of \(table))") }
                    if let type = types[name], value.typeDescriptor != type {
                        throw ShellError("\(path):\(lineNumber): \(name) must be of type \(type), not \(value.typeDescriptor)")
                    }
                }
                items.append(item)
            } catch let error as JSONSyntaxError {
                throw ShellError("\(path):\(lineNumber):\(error.column): \(error.message)")
            } catch let error as DynamoError {
                throw ShellError("\(path):\(lineNumber): \(error.message)")
            }
        }
        var batch: [Item] = []
        var batchKeys = Set<String>()
        var written = 0
        func flush() async throws {
            guard !batch.isEmpty else { return }
            var pending = [table: batch.map { WriteRequest(putRequest: PutRequest(item: $0)) }]
            var attempt = 0
            while !pending.isEmpty {
                let output = try await backend.batchWriteItem(BatchWriteItemInput(requestItems: pending))
                pending = (output.unprocessedItems ?? [:]).filter { !$0.value.isEmpty }
                attempt += 1
                if !pending.isEmpty {
                    guard attempt < 10 else { throw ShellError("\(table): items still unprocessed after 10 attempts") }
                    try await Task.sleep(nanoseconds: UInt64(50_000_000 << min(attempt, 5)))
                }
            }
            written += batch.count
            // Progress on long loads: a line every 5,000 items.
            if written / 5_000 != (written - batch.count) / 5_000 { writeError("… \(written) items written to \(table)\n") }
            batch.removeAll()
            batchKeys.removeAll()
        }
        for item in items {
            // A batch may not name one key twice: the later line wins, in its own batch.
            var key: Item = [:]
            for name in keys { key[name] = item[name] }
            let identity = key.dynamoJSON.compactText
            try checkInterrupt()
            if batchKeys.contains(identity) { try await flush() }
            batch.append(item)
            batchKeys.insert(identity)
            if batch.count == 25 { try await flush() }
        }
        try await flush()
        writeError("wrote \(written) item\(written == 1 ? "" : "s") to \(table)\n")
    }
}

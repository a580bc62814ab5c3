import AWSClient
import DynamoAPI
import DynamoModel
import DynamoServer
import Foundation
import Testing

/// Every operation family through the repo's own client: SigV4-signed requests, CRC32 checked
/// on every response, DynamoDB's error bodies decoded.
@Suite struct OperationsTests {
    @Test func everyOperationFamilyThroughTheClient() async throws {
        try await ServerFixture.with { fixture in
            let client = try fixture.client()
            // Tables
            let created = try await client.send(.createTable, body: tableDefinition)
            #expect(created["TableDescription"]?["TableName"]?.stringValue == "tab")
            let listed = try await client.call(.listTables, json: json("{}"))
            #expect(listed["TableNames"]?.arrayValue == [.string("tab")])
            let described = try await client.send(.describeTable, body: json(#"{"TableName": "tab"}"#))
            #expect(described["Table"]?["TableStatus"]?.stringValue == "ACTIVE")

            // Items
            _ = try await client.send(.putItem, body: json(#"{"TableName": "tab", "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "one"}}}"#))
            let got = try await client.send(.getItem, body: json(#"{"TableName": "tab", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}"#))
            #expect(got["Item"]?["v"]?["S"]?.stringValue == "one")
            let updated = try await client.send(.updateItem, body: json(#"""
                {"TableName": "tab", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "UpdateExpression": "SET n = :n",
                 "ExpressionAttributeValues": {":n": {"N": "5"}}, "ReturnValues": "ALL_NEW"}
                """#))
            #expect(updated["Attributes"]?["n"]?["N"]?.stringValue == "5")

            // Batch and transactions
            _ = try await client.send(.batchWriteItem, body: json(#"""
                {"RequestItems": {"tab": [
                  {"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"N": "2"}}}},
                  {"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"N": "3"}}}},
                  {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "1"}}}}]}}
                """#))
            let batchGot = try await client.send(.batchGetItem, body: json(#"""
                {"RequestItems": {"tab": {"Keys": [{"pk": {"S": "a"}, "sk": {"N": "2"}}, {"pk": {"S": "b"}, "sk": {"N": "1"}}]}}}
                """#))
            #expect(batchGot["Responses"]?["tab"]?.arrayValue?.count == 2)
            _ = try await client.send(.transactWriteItems, body: json(#"""
                {"TransactItems": [
                  {"Put": {"TableName": "tab", "Item": {"pk": {"S": "c"}, "sk": {"N": "1"}}}},
                  {"Update": {"TableName": "tab", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "UpdateExpression": "SET n = n + :one",
                              "ExpressionAttributeValues": {":one": {"N": "1"}}}}]}
                """#))
            let transactGot = try await client.send(.transactGetItems, body: json(#"""
                {"TransactItems": [{"Get": {"TableName": "tab", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}}]}
                """#))
            #expect(transactGot["Responses"]?.arrayValue?.first?["Item"]?["n"]?["N"]?.stringValue == "6")

            // Query and scan
            let queried = try await client.send(.query, body: json(#"""
                {"TableName": "tab", "KeyConditionExpression": "pk = :p AND sk >= :s",
                 "ExpressionAttributeValues": {":p": {"S": "a"}, ":s": {"N": "2"}}, "ScanIndexForward": false}
                """#))
            #expect(queried["Count"]?.intValue == 2)
            #expect(queried["Items"]?.arrayValue?.first?["sk"]?["N"]?.stringValue == "3")
            let scanned = try await client.send(.scan, body: json(#"{"TableName": "tab", "Select": "COUNT"}"#))
            #expect(scanned["Count"]?.intValue == 5)
            _ = try await client.send(.deleteItem, body: json(#"{"TableName": "tab", "Key": {"pk": {"S": "c"}, "sk": {"N": "1"}}}"#))

            // TTL and PITR
            _ = try await client.send(.updateTimeToLive, body: json(#"""
                {"TableName": "tab", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "expires"}}
                """#))
            let ttl = try await client.send(.describeTimeToLive, body: json(#"{"TableName": "tab"}"#))
            #expect(ttl["TimeToLiveDescription"]?["AttributeName"]?.stringValue == "expires")
            _ = try await client.send(.updateContinuousBackups, body: json(#"""
                {"TableName": "tab", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}
                """#))
            let backups = try await client.send(.describeContinuousBackups, body: json(#"{"TableName": "tab"}"#))
            #expect(backups["ContinuousBackupsDescription"]?["PointInTimeRecoveryDescription"]?["PointInTimeRecoveryStatus"]?.stringValue == "ENABLED")
            _ = try await client.send(.restoreTableToPointInTime, body: json(#"""
                {"SourceTableName": "tab", "TargetTableName": "tab-restored", "UseLatestRestorableTime": true}
                """#))
            let afterRestore = try await client.send(.listTables, body: json("{}"))
            #expect(afterRestore["TableNames"]?.arrayValue?.contains(.string("tab-restored")) == true)

            // Streams, on the same endpoint
            let streams = try await client.send(.listStreams, body: json(#"{"TableName": "tab"}"#))
            let streamArn = try #require(streams["Streams"]?.arrayValue?.first?["StreamArn"]?.stringValue)
            let stream = try await client.send(.describeStream, body: .object(["StreamArn": .string(streamArn)]))
            let shardId = try #require(stream["StreamDescription"]?["Shards"]?.arrayValue?.first?["ShardId"]?.stringValue)
            let iterator = try await client.send(.getShardIterator, body: .object([
                "StreamArn": .string(streamArn), "ShardId": .string(shardId), "ShardIteratorType": .string("TRIM_HORIZON"),
            ]))
            let records = try await client.send(.getRecords, body: .object(["ShardIterator": try #require(iterator["ShardIterator"])]))
            let events = records["Records"]?.arrayValue?.compactMap { $0["eventName"]?.stringValue } ?? []
            #expect(events.first == "INSERT")
            #expect(events.contains("MODIFY") && events.contains("REMOVE"))

            // Table changes last
            _ = try await client.send(.deleteTable, body: json(#"{"TableName": "tab-restored"}"#))
            let final = try await client.send(.listTables, body: json("{}"))
            #expect(final["TableNames"]?.arrayValue == [.string("tab")])
        }
    }

    @Test func dynamoErrorsReachTheClientByName() async throws {
        try await ServerFixture.with { fixture in
            let client = try fixture.client()
            _ = try await client.send(.createTable, body: tableDefinition)
            await #expect(throws: DynamoError.self) {
                try await client.send(.getItem, body: json(#"{"TableName": "missing", "Key": {"pk": {"S": "a"}}}"#))
            }
            do {
                _ = try await client.send(.putItem, body: json(#"""
                    {"TableName": "tab", "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ConditionExpression": "attribute_exists(pk)"}
                    """#))
                Issue.record("the conditional put succeeded")
            } catch let error as DynamoError {
                #expect(error.code == .conditionalCheckFailed)
            }
            do {
                _ = try await client.send(.transactWriteItems, body: json(#"""
                    {"TransactItems": [{"ConditionCheck": {"TableName": "tab", "Key": {"pk": {"S": "x"}, "sk": {"N": "1"}},
                                        "ConditionExpression": "attribute_exists(pk)"}}]}
                    """#))
                Issue.record("the transaction succeeded")
            } catch let error as DynamoError {
                #expect(error.code == .transactionCanceled)
                #expect(error.cancellationReasons?.first?.code == "ConditionalCheckFailed")
            }
        }
    }

    @Test func tagOperationsAreUnknownToTheEmbeddedStore() async throws {
        try await ServerFixture.with { fixture in
            let response = try await onThread {
                try fixture.connect().call("DynamoDB_20120810.ListTagsOfResource", #"{"ResourceArn": "arn:aws:dynamodb:local:000000000000:table/t"}"#)
            }
            #expect(response.status == 400)
            #expect(response.errorType == dynamoType("UnknownOperationException"))
        }
    }

    /// Many clients at once: every write lands, none sees "database is locked".
    @Test func concurrentClientsWriting() async throws {
        try await ServerFixture.with { fixture in
            let setup = try fixture.client()
            _ = try await setup.send(.createTable, body: tableDefinition)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    let client = try fixture.client()
                    group.addTask {
                        for index in 0..<200 {
                            _ = try await client.send(.putItem, body: .object([
                                "TableName": .string("tab"),
                                "Item": .object(["pk": .object(["S": .string("w\(writer)")]), "sk": .object(["N": .string("\(index)")])]),
                            ]))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let counted = try await setup.send(.scan, body: json(#"{"TableName": "tab", "Select": "COUNT"}"#))
            #expect(counted["Count"]?.intValue == 1600)
        }
    }

    /// The TTL sweeper runs in the background on its period.
    @Test func backgroundSweepDeletesExpiredItems() async throws {
        try await ServerFixture.with(configure: { $0.maintenanceInterval = 0.1 }, maintenance: true) { fixture in
            let client = try fixture.client()
            _ = try await client.send(.createTable, body: tableDefinition)
            _ = try await client.send(.updateTimeToLive, body: json(#"""
                {"TableName": "tab", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "expires"}}
                """#))
            let past = Int(Date().timeIntervalSince1970) - 100
            _ = try await client.send(.putItem, body: json(#"{"TableName": "tab", "Item": {"pk": {"S": "old"}, "sk": {"N": "1"}, "expires": {"N": "\#(past)"}}}"#))
            _ = try await client.send(.putItem, body: json(#"{"TableName": "tab", "Item": {"pk": {"S": "new"}, "sk": {"N": "1"}}}"#))
            var remaining = -1
            for _ in 0..<50 {
                try await Task.sleep(for: .milliseconds(100))
                remaining = try await client.send(.scan, body: json(#"{"TableName": "tab", "Select": "COUNT"}"#))["Count"]?.intValue ?? -1
                if remaining == 1 { break }
            }
            #expect(remaining == 1)
        }
    }
}

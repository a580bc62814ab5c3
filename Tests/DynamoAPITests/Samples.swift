import DynamoAPI
import DynamoModel

/// One wire document and the shape it is.
struct Sample: CustomStringConvertible {
    var type: any WireShape.Type
    var text: String
    var description: String { String(describing: type) }
}

/// A request and a response for every operation, every member of every shape set somewhere.
enum Samples {
    static let item = #"""
        {"pk": {"S": "user#1"}, "sk": {"N": "12345678901234567890.123456789"}, "blob": {"B": "AAEC/w=="},
         "ok": {"BOOL": true}, "nothing": {"NULL": true}, "list": {"L": [{"S": "a"}, {"N": "-0.00000015"}]},
         "map": {"M": {"#weird.key": {"SS": ["x", "y"]}}}, "nums": {"NS": ["1", "2.5"]}, "bins": {"BS": ["AQ=="]}}
        """#
    static let key = #"{"pk": {"S": "user#1"}, "sk": {"N": "7"}}"#
    static let names = ##"{"#n": "name", "#dot": "a.b"}"##
    static let values = #"{":v": {"S": "x"}, ":n": {"N": "1"}}"#
    static let keySchema = #"[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]"#
    static let capacity = #"{"ReadCapacityUnits": 1.5, "WriteCapacityUnits": 2, "CapacityUnits": 3.5}"#
    static let consumedCapacity = #"""
        {"TableName": "t", "CapacityUnits": 3.5, "ReadCapacityUnits": 1.5, "WriteCapacityUnits": 2,
         "Table": \#(capacity), "LocalSecondaryIndexes": {"lsi": \#(capacity)}, "GlobalSecondaryIndexes": {"gsi": \#(capacity)}}
        """#
    static let itemCollectionMetrics = #"{"ItemCollectionKey": {"pk": {"S": "user#1"}}, "SizeEstimateRangeGB": [0, 1.5]}"#
    static let expected = #"""
        {"a": {"Value": {"S": "x"}, "Exists": true, "ComparisonOperator": "BETWEEN",
               "AttributeValueList": [{"N": "1"}, {"N": "2"}]}}
        """#
    static let conditions = #"{"sk": {"AttributeValueList": [{"S": "a"}], "ComparisonOperator": "BEGINS_WITH"}}"#
    static let projection = #"{"NonKeyAttributes": ["a", "b"], "ProjectionType": "INCLUDE"}"#
    static let throughput = #"{"ReadCapacityUnits": 5, "WriteCapacityUnits": 10}"#
    static let onDemand = #"{"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 200}"#
    static let sseSpecification = #"{"Enabled": true, "SSEType": "KMS", "KMSMasterKeyId": "alias/key"}"#
    static let tags = #"[{"Key": "team", "Value": "data"}]"#
    static let lsi = #"[{"IndexName": "lsi", "KeySchema": \#(keySchema), "Projection": {"ProjectionType": "KEYS_ONLY"}}]"#
    static let gsi = #"""
        [{"IndexName": "gsi", "KeySchema": \#(keySchema), "Projection": \#(projection),
          "ProvisionedThroughput": \#(throughput), "OnDemandThroughput": \#(onDemand)}]
        """#
    static let throughputDescription = #"""
        {"LastDecreaseDateTime": 1700000000.5, "LastIncreaseDateTime": 1.36372808007E9, "NumberOfDecreasesToday": 0,
         "ReadCapacityUnits": 5, "WriteCapacityUnits": 10}
        """#
    static let tableDescription = #"""
        {"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                                  {"AttributeName": "bin", "AttributeType": "B"}],
         "TableName": "t", "KeySchema": \#(keySchema), "TableStatus": "ACTIVE", "CreationDateTime": 1700000000.123,
         "ProvisionedThroughput": \#(throughputDescription), "TableSizeBytes": 123456789012, "ItemCount": 42,
         "TableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/t", "TableId": "d9c2d6a3-1111-2222-3333-444455556666",
         "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST", "LastUpdateToPayPerRequestDateTime": 1700000001},
         "LocalSecondaryIndexes": [{"IndexName": "lsi", "KeySchema": \#(keySchema), "Projection": \#(projection),
                                    "IndexSizeBytes": 10, "ItemCount": 2, "IndexArn": "arn:aws:dynamodb:us-east-1:000000000000:table/t/index/lsi"}],
         "GlobalSecondaryIndexes": [{"IndexName": "gsi", "KeySchema": \#(keySchema), "Projection": \#(projection),
                                     "IndexStatus": "CREATING", "Backfilling": true, "ProvisionedThroughput": \#(throughputDescription),
                                     "IndexSizeBytes": 0, "ItemCount": 0, "IndexArn": "arn:aws:dynamodb:us-east-1:000000000000:table/t/index/gsi",
                                     "OnDemandThroughput": \#(onDemand)}],
         "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"},
         "LatestStreamLabel": "2024-01-01T00:00:00.000",
         "LatestStreamArn": "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2024-01-01T00:00:00.000",
         "RestoreSummary": {"SourceBackupArn": "arn:backup", "SourceTableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/s",
                            "RestoreDateTime": 1699999999.25, "RestoreInProgress": false},
         "SSEDescription": {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": "arn:kms", "InaccessibleEncryptionDateTime": 1.5},
         "TableClassSummary": {"TableClass": "STANDARD_INFREQUENT_ACCESS", "LastUpdateDateTime": 1700000002},
         "DeletionProtectionEnabled": false, "OnDemandThroughput": \#(onDemand)}
        """#
    static let writeRequests = #"""
        {"t": [{"PutRequest": {"Item": \#(item)}}, {"DeleteRequest": {"Key": \#(key)}}]}
        """#
    static let keysAndAttributes = #"""
        {"t": {"Keys": [\#(key)], "AttributesToGet": ["a"], "ConsistentRead": true, "ProjectionExpression": "#n, pk",
               "ExpressionAttributeNames": {"#n": "name"}}}
        """#
    static let continuousBackups = #"""
        {"ContinuousBackupsStatus": "ENABLED",
         "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "ENABLED", "RecoveryPeriodInDays": 35,
                                            "EarliestRestorableDateTime": 1700000000, "LatestRestorableDateTime": 1700000300.5}}
        """#

    static var all: [Sample] {
        [
            Sample(type: CreateTableInput.self, text: #"""
                {"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}], "TableName": "t",
                 "KeySchema": \#(keySchema), "LocalSecondaryIndexes": \#(lsi), "GlobalSecondaryIndexes": \#(gsi),
                 "BillingMode": "PROVISIONED", "ProvisionedThroughput": \#(throughput),
                 "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"},
                 "SSESpecification": \#(sseSpecification), "Tags": \#(tags), "TableClass": "STANDARD",
                 "DeletionProtectionEnabled": true, "OnDemandThroughput": \#(onDemand)}
                """#),
            Sample(type: CreateTableOutput.self, text: #"{"TableDescription": \#(tableDescription)}"#),
            Sample(type: DescribeTableInput.self, text: #"{"TableName": "t"}"#),
            Sample(type: DescribeTableOutput.self, text: #"{"Table": \#(tableDescription)}"#),
            Sample(type: ListTablesInput.self, text: #"{"ExclusiveStartTableName": "a", "Limit": 10}"#),
            Sample(type: ListTablesOutput.self, text: #"{"TableNames": ["b", "c"], "LastEvaluatedTableName": "c"}"#),
            Sample(type: DeleteTableInput.self, text: #"{"TableName": "t"}"#),
            Sample(type: DeleteTableOutput.self, text: #"{"TableDescription": {"TableName": "t", "TableStatus": "DELETING"}}"#),
            Sample(type: UpdateTableInput.self, text: #"""
                {"AttributeDefinitions": [{"AttributeName": "g", "AttributeType": "N"}], "TableName": "t",
                 "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": \#(throughput),
                 "GlobalSecondaryIndexUpdates": [
                    {"Create": {"IndexName": "g1", "KeySchema": \#(keySchema), "Projection": {"ProjectionType": "ALL"},
                                "ProvisionedThroughput": \#(throughput), "OnDemandThroughput": \#(onDemand)}},
                    {"Update": {"IndexName": "g2", "ProvisionedThroughput": \#(throughput), "OnDemandThroughput": \#(onDemand)}},
                    {"Delete": {"IndexName": "g3"}}],
                 "StreamSpecification": {"StreamEnabled": false}, "SSESpecification": {"Enabled": false},
                 "TableClass": "STANDARD", "DeletionProtectionEnabled": false, "OnDemandThroughput": \#(onDemand)}
                """#),
            Sample(type: UpdateTableOutput.self, text: #"{"TableDescription": \#(tableDescription)}"#),
            Sample(type: PutItemInput.self, text: #"""
                {"TableName": "t", "Item": \#(item), "Expected": \#(expected), "ReturnValues": "ALL_OLD",
                 "ReturnConsumedCapacity": "INDEXES", "ReturnItemCollectionMetrics": "SIZE", "ConditionalOperator": "AND",
                 "ConditionExpression": "attribute_not_exists(pk)", "ExpressionAttributeNames": \#(names),
                 "ExpressionAttributeValues": \#(values), "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}
                """#),
            Sample(type: PutItemOutput.self, text: #"""
                {"Attributes": \#(item), "ConsumedCapacity": \#(consumedCapacity), "ItemCollectionMetrics": \#(itemCollectionMetrics)}
                """#),
            Sample(type: GetItemInput.self, text: #"""
                {"TableName": "t", "Key": \#(key), "AttributesToGet": ["a", "b"], "ConsistentRead": true,
                 "ReturnConsumedCapacity": "TOTAL", "ProjectionExpression": "#n", "ExpressionAttributeNames": \#(names)}
                """#),
            Sample(type: GetItemOutput.self, text: #"{"Item": \#(item), "ConsumedCapacity": \#(consumedCapacity)}"#),
            Sample(type: DeleteItemInput.self, text: #"""
                {"TableName": "t", "Key": \#(key), "Expected": \#(expected), "ConditionalOperator": "OR",
                 "ReturnValues": "ALL_OLD", "ReturnConsumedCapacity": "NONE", "ReturnItemCollectionMetrics": "NONE",
                 "ConditionExpression": "#n = :v", "ExpressionAttributeNames": \#(names),
                 "ExpressionAttributeValues": \#(values), "ReturnValuesOnConditionCheckFailure": "NONE"}
                """#),
            Sample(type: DeleteItemOutput.self, text: #"""
                {"Attributes": \#(item), "ConsumedCapacity": \#(consumedCapacity), "ItemCollectionMetrics": \#(itemCollectionMetrics)}
                """#),
            Sample(type: UpdateItemInput.self, text: #"""
                {"TableName": "t", "Key": \#(key),
                 "AttributeUpdates": {"a": {"Value": {"N": "1"}, "Action": "ADD"}, "b": {"Action": "DELETE"}},
                 "Expected": \#(expected), "ConditionalOperator": "AND", "ReturnValues": "UPDATED_NEW",
                 "ReturnConsumedCapacity": "TOTAL", "ReturnItemCollectionMetrics": "SIZE",
                 "UpdateExpression": "SET #n = :v ADD c :n", "ConditionExpression": "attribute_exists(pk)",
                 "ExpressionAttributeNames": \#(names), "ExpressionAttributeValues": \#(values),
                 "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}
                """#),
            Sample(type: UpdateItemOutput.self, text: #"""
                {"Attributes": \#(item), "ConsumedCapacity": \#(consumedCapacity), "ItemCollectionMetrics": \#(itemCollectionMetrics)}
                """#),
            Sample(type: QueryInput.self, text: #"""
                {"TableName": "t", "IndexName": "gsi", "Select": "SPECIFIC_ATTRIBUTES", "AttributesToGet": ["a"],
                 "Limit": 25, "ConsistentRead": false, "KeyConditions": \#(conditions), "QueryFilter": \#(conditions),
                 "ConditionalOperator": "AND", "ScanIndexForward": false, "ExclusiveStartKey": \#(key),
                 "ReturnConsumedCapacity": "INDEXES", "ProjectionExpression": "#n, pk", "FilterExpression": "#n <> :v",
                 "KeyConditionExpression": "pk = :v AND sk > :n", "ExpressionAttributeNames": \#(names),
                 "ExpressionAttributeValues": \#(values)}
                """#),
            Sample(type: QueryOutput.self, text: #"""
                {"Items": [\#(item), \#(key)], "Count": 2, "ScannedCount": 5, "LastEvaluatedKey": \#(key),
                 "ConsumedCapacity": \#(consumedCapacity)}
                """#),
            Sample(type: ScanInput.self, text: #"""
                {"TableName": "t", "IndexName": "lsi", "AttributesToGet": ["a"], "Limit": 1, "Select": "COUNT",
                 "ScanFilter": \#(conditions), "ConditionalOperator": "OR", "ExclusiveStartKey": \#(key),
                 "ReturnConsumedCapacity": "TOTAL", "TotalSegments": 4, "Segment": 3, "ProjectionExpression": "pk",
                 "FilterExpression": "attribute_exists(#n)", "ExpressionAttributeNames": \#(names),
                 "ExpressionAttributeValues": \#(values), "ConsistentRead": true}
                """#),
            Sample(type: ScanOutput.self, text: #"""
                {"Items": [], "Count": 0, "ScannedCount": 100, "LastEvaluatedKey": \#(key), "ConsumedCapacity": \#(consumedCapacity)}
                """#),
            Sample(type: BatchGetItemInput.self, text: #"""
                {"RequestItems": \#(keysAndAttributes), "ReturnConsumedCapacity": "TOTAL"}
                """#),
            Sample(type: BatchGetItemOutput.self, text: #"""
                {"Responses": {"t": [\#(item)], "u": []}, "UnprocessedKeys": \#(keysAndAttributes),
                 "ConsumedCapacity": [\#(consumedCapacity)]}
                """#),
            Sample(type: BatchWriteItemInput.self, text: #"""
                {"RequestItems": \#(writeRequests), "ReturnConsumedCapacity": "INDEXES", "ReturnItemCollectionMetrics": "SIZE"}
                """#),
            Sample(type: BatchWriteItemOutput.self, text: #"""
                {"UnprocessedItems": \#(writeRequests), "ItemCollectionMetrics": {"t": [\#(itemCollectionMetrics)]},
                 "ConsumedCapacity": [\#(consumedCapacity)]}
                """#),
            Sample(type: TransactWriteItemsInput.self, text: #"""
                {"TransactItems": [
                    {"ConditionCheck": {"Key": \#(key), "TableName": "t", "ConditionExpression": "attribute_exists(pk)",
                                        "ExpressionAttributeNames": \#(names), "ExpressionAttributeValues": \#(values),
                                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
                    {"Put": {"Item": \#(item), "TableName": "t", "ConditionExpression": "#n = :v",
                             "ExpressionAttributeNames": \#(names), "ExpressionAttributeValues": \#(values),
                             "ReturnValuesOnConditionCheckFailure": "NONE"}},
                    {"Delete": {"Key": \#(key), "TableName": "u", "ConditionExpression": "#n = :v",
                                "ExpressionAttributeNames": \#(names), "ExpressionAttributeValues": \#(values),
                                "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
                    {"Update": {"Key": \#(key), "UpdateExpression": "SET #n = :v", "TableName": "v",
                                "ConditionExpression": "#n <> :v", "ExpressionAttributeNames": \#(names),
                                "ExpressionAttributeValues": \#(values), "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}],
                 "ReturnConsumedCapacity": "TOTAL", "ReturnItemCollectionMetrics": "SIZE",
                 "ClientRequestToken": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"}
                """#),
            Sample(type: TransactWriteItemsOutput.self, text: #"""
                {"ConsumedCapacity": [\#(consumedCapacity)], "ItemCollectionMetrics": {"t": [\#(itemCollectionMetrics)]}}
                """#),
            Sample(type: TransactGetItemsInput.self, text: #"""
                {"TransactItems": [{"Get": {"Key": \#(key), "TableName": "t", "ProjectionExpression": "#n",
                                            "ExpressionAttributeNames": \#(names)}}],
                 "ReturnConsumedCapacity": "TOTAL"}
                """#),
            Sample(type: TransactGetItemsOutput.self, text: #"""
                {"ConsumedCapacity": [\#(consumedCapacity)], "Responses": [{"Item": \#(item)}, {}]}
                """#),
            Sample(type: UpdateTimeToLiveInput.self, text: #"""
                {"TableName": "t", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "expires"}}
                """#),
            Sample(type: UpdateTimeToLiveOutput.self, text: #"""
                {"TimeToLiveSpecification": {"Enabled": false, "AttributeName": "expires"}}
                """#),
            Sample(type: DescribeTimeToLiveInput.self, text: #"{"TableName": "t"}"#),
            Sample(type: DescribeTimeToLiveOutput.self, text: #"""
                {"TimeToLiveDescription": {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}}
                """#),
            Sample(type: UpdateContinuousBackupsInput.self, text: #"""
                {"TableName": "t", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true, "RecoveryPeriodInDays": 7}}
                """#),
            Sample(type: UpdateContinuousBackupsOutput.self, text: #"{"ContinuousBackupsDescription": \#(continuousBackups)}"#),
            Sample(type: DescribeContinuousBackupsInput.self, text: #"{"TableName": "t"}"#),
            Sample(type: DescribeContinuousBackupsOutput.self, text: #"{"ContinuousBackupsDescription": \#(continuousBackups)}"#),
            Sample(type: RestoreTableToPointInTimeInput.self, text: #"""
                {"SourceTableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/s", "SourceTableName": "s",
                 "TargetTableName": "t", "UseLatestRestorableTime": false, "RestoreDateTime": 1700000100.75,
                 "BillingModeOverride": "PAY_PER_REQUEST", "GlobalSecondaryIndexOverride": \#(gsi),
                 "LocalSecondaryIndexOverride": \#(lsi), "ProvisionedThroughputOverride": \#(throughput),
                 "OnDemandThroughputOverride": \#(onDemand), "SSESpecificationOverride": \#(sseSpecification)}
                """#),
            Sample(type: RestoreTableToPointInTimeOutput.self, text: #"{"TableDescription": \#(tableDescription)}"#),
            Sample(type: TagResourceInput.self, text: #"{"ResourceArn": "arn:t", "Tags": \#(tags)}"#),
            Sample(type: TagResourceOutput.self, text: "{}"),
            Sample(type: UntagResourceInput.self, text: #"{"ResourceArn": "arn:t", "TagKeys": ["team"]}"#),
            Sample(type: UntagResourceOutput.self, text: "{}"),
            Sample(type: ListTagsOfResourceInput.self, text: #"{"ResourceArn": "arn:t", "NextToken": "abc"}"#),
            Sample(type: ListTagsOfResourceOutput.self, text: #"{"Tags": \#(tags), "NextToken": "def"}"#),
            Sample(type: ListStreamsInput.self, text: #"{"TableName": "t", "Limit": 5, "ExclusiveStartStreamArn": "arn:s0"}"#),
            Sample(type: ListStreamsOutput.self, text: #"""
                {"Streams": [{"StreamArn": "arn:s1", "TableName": "t", "StreamLabel": "2024-01-01T00:00:00.000"}],
                 "LastEvaluatedStreamArn": "arn:s1"}
                """#),
            Sample(type: DescribeStreamInput.self, text: #"""
                {"StreamArn": "arn:s1", "Limit": 100, "ExclusiveStartShardId": "shardId-0",
                 "ShardFilter": {"Type": "CHILD_SHARDS", "ShardId": "shardId-1"}}
                """#),
            Sample(type: DescribeStreamOutput.self, text: #"""
                {"StreamDescription": {"StreamArn": "arn:s1", "StreamLabel": "2024-01-01T00:00:00.000",
                 "StreamStatus": "ENABLED", "StreamViewType": "NEW_IMAGE", "CreationRequestDateTime": 1704067200.5,
                 "TableName": "t", "KeySchema": \#(keySchema),
                 "Shards": [{"ShardId": "shardId-1", "ParentShardId": "shardId-0",
                             "SequenceNumberRange": {"StartingSequenceNumber": "100", "EndingSequenceNumber": "200"}},
                            {"ShardId": "shardId-2", "SequenceNumberRange": {"StartingSequenceNumber": "300"}}],
                 "LastEvaluatedShardId": "shardId-2"}}
                """#),
            Sample(type: GetShardIteratorInput.self, text: #"""
                {"StreamArn": "arn:s1", "ShardId": "shardId-1", "ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": "150"}
                """#),
            Sample(type: GetShardIteratorOutput.self, text: #"{"ShardIterator": "iter|1|abc"}"#),
            Sample(type: GetRecordsInput.self, text: #"{"ShardIterator": "iter|1|abc", "Limit": 1000}"#),
            Sample(type: GetRecordsOutput.self, text: #"""
                {"Records": [{"eventID": "e1", "eventName": "REMOVE", "eventVersion": "1.1", "eventSource": "aws:dynamodb",
                              "awsRegion": "us-east-1",
                              "dynamodb": {"ApproximateCreationDateTime": 1704067200, "Keys": \#(key), "NewImage": \#(item),
                                           "OldImage": \#(item), "SequenceNumber": "000000000000000000001",
                                           "SizeBytes": 512, "StreamViewType": "NEW_AND_OLD_IMAGES"},
                              "userIdentity": {"PrincipalId": "dynamodb.amazonaws.com", "Type": "Service"}}],
                 "NextShardIterator": "iter|1|def"}
                """#),
        ]
    }
}

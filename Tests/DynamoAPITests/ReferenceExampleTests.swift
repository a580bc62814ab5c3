import DynamoAPI
import DynamoModel
import Testing

/// The example requests and responses of the Amazon DynamoDB API Reference, decoded and
/// encoded back.
@Suite struct ReferenceExampleTests {
    @Test func putItem() throws {
        let request = try checkRoundTrip(PutItemInput.self, parse(#"""
            {
                "TableName": "Thread",
                "Item": {
                    "LastPostDateTime": {
                        "S": "201303190422"
                    },
                    "Tags": {
                        "SS": ["Update","Multiple Items","HelpMe"]
                    },
                    "ForumName": {
                        "S": "Amazon DynamoDB"
                    },
                    "Message": {
                        "S": "I want to update multiple items in a single call. What's the best way to do that?"
                    },
                    "Subject": {
                        "S": "How do I update multiple items?"
                    },
                    "LastPostedBy": {
                        "S": "fred@example.com"
                    }
                },
                "ConditionExpression": "ForumName <> :f and Subject <> :s",
                "ExpressionAttributeValues": {
                    ":f": {"S": "Amazon DynamoDB"},
                    ":s": {"S": "How do I update multiple items?"}
                }
            }
            """#))
        #expect(request.tableName == "Thread")
        #expect(request.item["Tags"] == .ss(["Update", "Multiple Items", "HelpMe"]))
        #expect(request.item.count == 6)
        #expect(request.conditionExpression == "ForumName <> :f and Subject <> :s")
        #expect(request.expressionAttributeValues?[":s"] == .s("How do I update multiple items?"))

        let response = try checkRoundTrip(PutItemOutput.self, parse("{\n}"))
        #expect(response == PutItemOutput())
    }

    @Test func queryRangeOfItems() throws {
        let request = try checkRoundTrip(QueryInput.self, parse(#"""
            {
                "TableName": "Reply",
                "IndexName": "PostedBy-Index",
                "Limit": 3,
                "ConsistentRead": true,
                "ProjectionExpression": "Id, PostedBy, ReplyDateTime",
                "KeyConditionExpression": "Id = :v1 AND PostedBy BETWEEN :v2a AND :v2b",
                "ExpressionAttributeValues": {
                    ":v1": {"S": "Amazon DynamoDB#DynamoDB Thread 1"},
                    ":v2a": {"S": "User A"},
                    ":v2b": {"S": "User C"}
                },
                "ReturnConsumedCapacity": "TOTAL"
            }
            """#))
        #expect(request == QueryInput(
            tableName: "Reply", indexName: "PostedBy-Index", limit: 3, consistentRead: true,
            returnConsumedCapacity: .total, projectionExpression: "Id, PostedBy, ReplyDateTime",
            keyConditionExpression: "Id = :v1 AND PostedBy BETWEEN :v2a AND :v2b",
            expressionAttributeValues: [
                ":v1": .s("Amazon DynamoDB#DynamoDB Thread 1"), ":v2a": .s("User A"), ":v2b": .s("User C"),
            ]))

        let response = try checkRoundTrip(QueryOutput.self, parse(#"""
             {
                "ConsumedCapacity": {
                    "CapacityUnits": 1,
                    "TableName": "Reply"
                },
                "Count": 2,
                "Items": [
                    {
                        "ReplyDateTime": {"S": "2015-02-18T20:27:36.165Z"},
                        "PostedBy": {"S": "User A"},
                        "Id": {"S": "Amazon DynamoDB#DynamoDB Thread 1"}
                    },
                    {
                        "ReplyDateTime": {"S": "2015-02-25T20:27:36.165Z"},
                        "PostedBy": {"S": "User B"},
                        "Id": {"S": "Amazon DynamoDB#DynamoDB Thread 1"}
                    }
                ],
                "ScannedCount": 2
            }
            """#))
        #expect(response.count == 2)
        #expect(response.scannedCount == 2)
        #expect(response.items?.map { $0["PostedBy"] } == [.s("User A"), .s("User B")])
        #expect(response.consumedCapacity == ConsumedCapacity(tableName: "Reply", capacityUnits: 1))
        #expect(response.lastEvaluatedKey == nil)
    }

    @Test func queryCountItems() throws {
        let request = try checkRoundTrip(QueryInput.self, parse(#"""
            {
                "TableName": "Thread",
                "ConsistentRead": true,
                "KeyConditionExpression": "ForumName = :val",
                "ExpressionAttributeValues": {":val": {"S": "Amazon DynamoDB"}}
            }
            """#))
        #expect(request.keyConditionExpression == "ForumName = :val")
        let response = try checkRoundTrip(QueryOutput.self, parse(#"""
             {
                      "Count":2,
                      "ScannedCount":2
            }
            """#))
        #expect(response == QueryOutput(count: 2, scannedCount: 2))
    }

    @Test func updateItemConditionalUpdate() throws {
        let request = try checkRoundTrip(UpdateItemInput.self, parse(#"""
            {
                "TableName": "Thread",
                "Key": {
                    "ForumName": {
                        "S": "Amazon DynamoDB"
                    },
                    "Subject": {
                        "S": "Maximum number of items?"
                    }
                },
                "UpdateExpression": "set LastPostedBy = :val1",
                "ConditionExpression": "LastPostedBy = :val2",
                "ExpressionAttributeValues": {
                    ":val1": {"S": "alice@example.com"},
                    ":val2": {"S": "fred@example.com"}
                },
                "ReturnValues": "ALL_NEW"
            }
            """#))
        #expect(request.returnValues == .allNew)
        #expect(request.key == ["ForumName": .s("Amazon DynamoDB"), "Subject": .s("Maximum number of items?")])
        #expect(request.updateExpression == "set LastPostedBy = :val1")

        let response = try checkRoundTrip(UpdateItemOutput.self, parse(#"""
             {
                "Attributes": {
                    "LastPostedBy": {
                        "S": "alice@example.com"
                    },
                    "ForumName": {
                        "S": "Amazon DynamoDB"
                    },
                    "LastPostDateTime": {
                        "S": "20130320010350"
                    },
                    "Tags": {
                        "SS": ["Update","Multiple Items","HelpMe"]
                    },
                    "Subject": {
                        "S": "Maximum number of items?"
                    },
                    "Views": {
                        "N": "5"
                    },
                    "Message": {
                        "S": "I want to put 10 million data items to an Amazon DynamoDB table.  Is there an upper limit?"
                    }
                }
            }
            """#))
        #expect(response.attributes?["Views"] == .n(try DynamoNumber("5")))
        #expect(response.attributes?.count == 7)
    }

    @Test func updateItemAtomicCounter() throws {
        let request = try checkRoundTrip(UpdateItemInput.self, parse(#"""
            {
                "TableName": "Thread",
                "Key": {
                    "ForumName": {
                        "S": "Amazon DynamoDB"
                    },
                    "Subject": {
                        "S": "A question about updates"
                    }
                },
                "UpdateExpression": "set Replies = Replies + :num",
                "ExpressionAttributeValues": {
                    ":num": {"N": "1"}
                },
                "ReturnValues" : "NONE"
            }
            """#))
        #expect(request.returnValues == ReturnValue.none)
        let response = try checkRoundTrip(UpdateItemOutput.self, parse("{          \n}"))
        #expect(response == UpdateItemOutput())
    }

    @Test func createTable() throws {
        let request = try checkRoundTrip(CreateTableInput.self, parse(#"""
            {
                "AttributeDefinitions": [
                    {
                        "AttributeName": "ForumName",
                        "AttributeType": "S"
                    },
                    {
                        "AttributeName": "Subject",
                        "AttributeType": "S"
                    },
                    {
                        "AttributeName": "LastPostDateTime",
                        "AttributeType": "S"
                    }
                ],
                "TableName": "Thread",
                "KeySchema": [
                    {
                        "AttributeName": "ForumName",
                        "KeyType": "HASH"
                    },
                    {
                        "AttributeName": "Subject",
                        "KeyType": "RANGE"
                    }
                ],
                "LocalSecondaryIndexes": [
                    {
                        "IndexName": "LastPostIndex",
                        "KeySchema": [
                            {
                                "AttributeName": "ForumName",
                                "KeyType": "HASH"
                            },
                            {
                                "AttributeName": "LastPostDateTime",
                                "KeyType": "RANGE"
                            }
                        ],
                        "Projection": {
                            "ProjectionType": "KEYS_ONLY"
                        }
                    }
                ],
                "ProvisionedThroughput": {
                    "ReadCapacityUnits": 5,
                    "WriteCapacityUnits": 5
                }
            }
            """#))
        #expect(request.keySchema == [
            KeySchemaElement(attributeName: "ForumName", keyType: .hash),
            KeySchemaElement(attributeName: "Subject", keyType: .range),
        ])
        #expect(request.localSecondaryIndexes?.first?.projection == Projection(projectionType: .keysOnly))
        #expect(request.provisionedThroughput == ProvisionedThroughput(readCapacityUnits: 5, writeCapacityUnits: 5))
        #expect(request.attributeDefinitions.map(\.attributeType) == [.s, .s, .s])

        let response = try checkRoundTrip(CreateTableOutput.self, parse(Self.threadDescription(
            key: "TableDescription", created: "1.36372808007E9", status: "CREATING")))
        let table = try #require(response.tableDescription)
        #expect(table.tableStatus == .creating)
        #expect(table.creationDateTime == 1_363_728_080.07)
        #expect(table.tableArn == "arn:aws:dynamodb:us-west-2:123456789012:table/Thread")
        #expect(table.localSecondaryIndexes?.first?.indexArn
                == "arn:aws:dynamodb:us-west-2:123456789012:table/Thread/index/LastPostIndex")
        #expect(table.provisionedThroughput == ProvisionedThroughputDescription(
            numberOfDecreasesToday: 0, readCapacityUnits: 5, writeCapacityUnits: 5))
        #expect(table.itemCount == 0)
        #expect(table.tableSizeBytes == 0)
    }

    @Test func describeTable() throws {
        let request = try checkRoundTrip(DescribeTableInput.self, parse(#"""
            {
                "TableName":"Thread"
            }
            """#))
        #expect(request == DescribeTableInput(tableName: "Thread"))

        let response = try checkRoundTrip(DescribeTableOutput.self, parse(Self.threadDescription(
            key: "Table", created: "1.363729002358E9", status: "ACTIVE")))
        let table = try #require(response.table)
        #expect(table.tableStatus == .active)
        #expect(table.creationDateTime == 1_363_729_002.358)
        #expect(table.localSecondaryIndexes?.first?.keySchema?.last == KeySchemaElement(attributeName: "LastPostDateTime", keyType: .range))
    }

    @Test func getRecords() throws {
        let request = try checkRoundTrip(GetRecordsInput.self, parse(#"""
            {
                "ShardIterator": "arn:aws:dynamodb:us-west-2:111122223333:table/Forum/stream/2015-05-20T20:51:10.252|1|AAAAAAAAAAEvJp6D+zaQ...  <remaining characters omitted> ..."
            }
            """#))
        #expect(request.limit == nil)

        let response = try checkRoundTrip(GetRecordsOutput.self, parse(#"""
            {
                "NextShardIterator": "arn:aws:dynamodb:us-west-2:111122223333:table/Forum/stream/2015-05-20T20:51:10.252|1|AAAAAAAAAAGQBYshYDEe ... <remaining characters omitted> ...",
                "Records": [
                    {
                        "awsRegion": "us-west-2",
                        "dynamodb": {
                            "ApproximateCreationDateTime": 1.46480431E9,
                            "Keys": {
                                "ForumName": {"S": "DynamoDB"},
                                "Subject": {"S": "DynamoDB Thread 3"}
                            },
                            "SequenceNumber": "300000000000000499659",
                            "SizeBytes": 41,
                            "StreamViewType": "KEYS_ONLY"
                        },
                        "eventID": "e2fd9c34eff2d779b297b26f5fef4206",
                        "eventName": "INSERT",
                        "eventSource": "aws:dynamodb",
                        "eventVersion": "1.0"
                    },
                    {
                        "awsRegion": "us-west-2",
                        "dynamodb": {
                            "ApproximateCreationDateTime": 1.46480527E9,
                            "Keys": {
                                "ForumName": {"S": "DynamoDB"},
                                "Subject": {"S": "DynamoDB Thread 1"}
                            },
                            "SequenceNumber": "400000000000000499660",
                            "SizeBytes": 41,
                            "StreamViewType": "KEYS_ONLY"
                        },
                        "eventID": "4b25bd0da9a181a155114127e4837252",
                        "eventName": "MODIFY",
                        "eventSource": "aws:dynamodb",
                        "eventVersion": "1.0"
                    },
                    {
                        "awsRegion": "us-west-2",
                        "dynamodb": {
                            "ApproximateCreationDateTime": 1.46480646E9,
                            "Keys": {
                                "ForumName": {"S": "DynamoDB"},
                                "Subject": {"S": "DynamoDB Thread 2"}
                            },
                            "SequenceNumber": "500000000000000499661",
                            "SizeBytes": 41,
                            "StreamViewType": "KEYS_ONLY"
                        },
                        "eventID": "740280c73a3df7842edab3548a1b08ad",
                        "eventName": "REMOVE",
                        "eventSource": "aws:dynamodb",
                        "eventVersion": "1.0"
                    }
                ]
            }
            """#))
        let records = try #require(response.records)
        #expect(records.map(\.eventName) == [.insert, .modify, .remove])
        #expect(records[0].dynamodb?.approximateCreationDateTime == 1_464_804_310)
        #expect(records[0].dynamodb?.sequenceNumber == "300000000000000499659")
        #expect(records[0].dynamodb?.sizeBytes == 41)
        #expect(records[0].dynamodb?.streamViewType == .keysOnly)
        #expect(records[2].dynamodb?.keys?["Subject"] == .s("DynamoDB Thread 2"))
        #expect(records.allSatisfy { $0.eventSource == "aws:dynamodb" && $0.awsRegion == "us-west-2" })
        #expect(response.nextShardIterator?.hasPrefix("arn:aws:dynamodb:us-west-2:111122223333:table/Forum/stream/") == true)

        // A drained closed shard: no NextShardIterator at all.
        let drained = try checkRoundTrip(GetRecordsOutput.self, parse(#"{"Records": []}"#))
        #expect(drained.nextShardIterator == nil)
        #expect(drained.json.compactText == #"{"Records":[]}"#)
    }

    /// The API Reference gives TransactWriteItems no worked example; this is its request syntax
    /// filled in with the Thread table of the PutItem and UpdateItem examples.
    @Test func transactWriteItems() throws {
        let request = try checkRoundTrip(TransactWriteItemsInput.self, parse(#"""
            {
                "TransactItems": [
                    {
                        "Put": {
                            "Item": {
                                "ForumName": {"S": "Amazon DynamoDB"},
                                "Subject": {"S": "How do I update multiple items?"},
                                "Tags": {"SS": ["Update", "Multiple Items", "HelpMe"]},
                                "EmptyM": {"M": {}}
                            },
                            "TableName": "Thread",
                            "ConditionExpression": "ForumName <> :f and Subject <> :s",
                            "ExpressionAttributeValues": {
                                ":f": {"S": "Amazon DynamoDB"},
                                ":s": {"S": "How do I update multiple items?"}
                            }
                        }
                    },
                    {
                        "Update": {
                            "Key": {
                                "ForumName": {"S": "Amazon DynamoDB"},
                                "Subject": {"S": "A question about updates"}
                            },
                            "UpdateExpression": "set Replies = Replies + :num",
                            "TableName": "Thread",
                            "ExpressionAttributeValues": {":num": {"N": "1"}},
                            "ReturnValuesOnConditionCheckFailure": "ALL_OLD"
                        }
                    },
                    {
                        "ConditionCheck": {
                            "Key": {"Name": {"S": "Amazon DynamoDB"}},
                            "TableName": "Forum",
                            "ConditionExpression": "attribute_exists(#n)",
                            "ExpressionAttributeNames": {"#n": "Name"}
                        }
                    },
                    {
                        "Delete": {
                            "Key": {
                                "ForumName": {"S": "Amazon DynamoDB"},
                                "Subject": {"S": "Maximum number of items?"}
                            },
                            "TableName": "Thread"
                        }
                    }
                ],
                "ClientRequestToken": "aaaabbbbccccddddeeeeffff",
                "ReturnConsumedCapacity": "TOTAL",
                "ReturnItemCollectionMetrics": "NONE"
            }
            """#))
        #expect(request.transactItems.count == 4)
        #expect(request.transactItems[0].put?.item["EmptyM"] == .m([:]))
        #expect(request.transactItems[1].update?.returnValuesOnConditionCheckFailure == .allOld)
        #expect(request.transactItems[2].conditionCheck?.expressionAttributeNames == ["#n": "Name"])
        #expect(request.transactItems[3].delete?.tableName == "Thread")
        #expect(request.clientRequestToken == "aaaabbbbccccddddeeeeffff")

        let response = try checkRoundTrip(TransactWriteItemsOutput.self, parse(#"""
            {"ConsumedCapacity": [{"TableName": "Thread", "CapacityUnits": 6, "WriteCapacityUnits": 6}]}
            """#))
        #expect(response.consumedCapacity?.first?.capacityUnits == 6)
    }

    /// The Thread table description of the CreateTable and DescribeTable examples.
    static func threadDescription(key: String, created: String, status: String) -> String {
        #"""
         {
            "\#(key)": {
                "TableArn": "arn:aws:dynamodb:us-west-2:123456789012:table/Thread",
                "AttributeDefinitions": [
                    {
                        "AttributeName": "ForumName",
                        "AttributeType": "S"
                    },
                    {
                        "AttributeName": "LastPostDateTime",
                        "AttributeType": "S"
                    },
                    {
                        "AttributeName": "Subject",
                        "AttributeType": "S"
                    }
                ],
                "CreationDateTime": \#(created),
                "ItemCount": 0,
                "KeySchema": [
                    {
                        "AttributeName": "ForumName",
                        "KeyType": "HASH"
                    },
                    {
                        "AttributeName": "Subject",
                        "KeyType": "RANGE"
                    }
                ],
                "LocalSecondaryIndexes": [
                    {
                        "IndexArn": "arn:aws:dynamodb:us-west-2:123456789012:table/Thread/index/LastPostIndex",
                        "IndexName": "LastPostIndex",
                        "IndexSizeBytes": 0,
                        "ItemCount": 0,
                        "KeySchema": [
                            {
                                "AttributeName": "ForumName",
                                "KeyType": "HASH"
                            },
                            {
                                "AttributeName": "LastPostDateTime",
                                "KeyType": "RANGE"
                            }
                        ],
                        "Projection": {
                            "ProjectionType": "KEYS_ONLY"
                        }
                    }
                ],
                "ProvisionedThroughput": {
                    "NumberOfDecreasesToday": 0,
                    "ReadCapacityUnits": 5,
                    "WriteCapacityUnits": 5
                },
                "TableName": "Thread",
                "TableSizeBytes": 0,
                "TableStatus": "\#(status)"
            }
        }
        """#
    }
}

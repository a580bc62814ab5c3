"""boto3 against `iops serve`: every operation, streams, TTL expiry seen through the stream."""
import time
import uuid

import pytest
from botocore.exceptions import ClientError


def new_table(dynamodb, stream=True):
    name = f"boto-{uuid.uuid4().hex[:8]}"
    spec = {"StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}} if stream else {}
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                              {"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "ByG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"},
                                                                   {"AttributeName": "sk", "KeyType": "RANGE"}],
                                 "Projection": {"ProjectionType": "ALL"}}],
        BillingMode="PAY_PER_REQUEST", **spec)
    dynamodb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 10})
    return name


def test_tables(dynamodb):
    name = new_table(dynamodb)
    assert name in dynamodb.list_tables()["TableNames"]
    table = dynamodb.describe_table(TableName=name)["Table"]
    assert table["TableStatus"] == "ACTIVE" and table["GlobalSecondaryIndexes"][0]["IndexName"] == "ByG"
    dynamodb.update_table(TableName=name, StreamSpecification={"StreamEnabled": False})
    dynamodb.delete_table(TableName=name)
    with pytest.raises(ClientError) as error:
        dynamodb.describe_table(TableName=name)
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_items_queries_batches_transactions(dynamodb):
    name = new_table(dynamodb)
    dynamodb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "g": {"S": "x"}, "v": {"N": "10.50"}})
    assert dynamodb.get_item(TableName=name, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})["Item"]["v"] == {"N": "10.5"}
    with pytest.raises(ClientError) as error:
        dynamodb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"N": "1"}}, ConditionExpression="attribute_not_exists(pk)")
    assert error.value.response["Error"]["Code"] == "ConditionalCheckFailedException"
    updated = dynamodb.update_item(TableName=name, Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, UpdateExpression="ADD v :one",
                                   ExpressionAttributeValues={":one": {"N": "1"}}, ReturnValues="ALL_NEW")
    assert updated["Attributes"]["v"] == {"N": "11.5"}
    dynamodb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"N": str(n)}, "g": {"S": "x"}}}}
                                                   for n in range(2, 27) if n != 26] +
                                                  [{"DeleteRequest": {"Key": {"pk": {"S": "zz"}, "sk": {"N": "0"}}}}]})
    page = dynamodb.query(TableName=name, KeyConditionExpression="pk = :p AND sk BETWEEN :a AND :b",
                          ExpressionAttributeValues={":p": {"S": "a"}, ":a": {"N": "5"}, ":b": {"N": "9"}}, ScanIndexForward=False)
    assert [i["sk"]["N"] for i in page["Items"]] == ["9", "8", "7", "6", "5"]
    paginator = dynamodb.get_paginator("scan")
    assert sum(len(p["Items"]) for p in paginator.paginate(TableName=name, PaginationConfig={"PageSize": 7})) == 25
    assert dynamodb.query(TableName=name, IndexName="ByG", KeyConditionExpression="g = :g",
                          ExpressionAttributeValues={":g": {"S": "x"}}, Select="COUNT")["Count"] == 25
    got = dynamodb.batch_get_item(RequestItems={name: {"Keys": [{"pk": {"S": "a"}, "sk": {"N": "1"}}, {"pk": {"S": "a"}, "sk": {"N": "2"}}]}})
    assert len(got["Responses"][name]) == 2
    dynamodb.transact_write_items(TransactItems=[
        {"Put": {"TableName": name, "Item": {"pk": {"S": "t"}, "sk": {"N": "1"}}}},
        {"Update": {"TableName": name, "Key": {"pk": {"S": "a"}, "sk": {"N": "2"}}, "UpdateExpression": "SET w = :w",
                    "ExpressionAttributeValues": {":w": {"S": "in a transaction"}}}},
    ])
    with pytest.raises(ClientError) as error:
        dynamodb.transact_write_items(TransactItems=[
            {"Put": {"TableName": name, "Item": {"pk": {"S": "t2"}, "sk": {"N": "1"}}}},
            {"ConditionCheck": {"TableName": name, "Key": {"pk": {"S": "nope"}, "sk": {"N": "1"}},
                                "ConditionExpression": "attribute_exists(pk)"}},
        ])
    assert error.value.response["Error"]["Code"] == "TransactionCanceledException"
    transacted = dynamodb.transact_get_items(TransactItems=[{"Get": {"TableName": name, "Key": {"pk": {"S": "t"}, "sk": {"N": "1"}}}},
                                                            {"Get": {"TableName": name, "Key": {"pk": {"S": "t2"}, "sk": {"N": "1"}}}}])
    assert "Item" in transacted["Responses"][0] and "Item" not in transacted["Responses"][1]
    dynamodb.delete_item(TableName=name, Key={"pk": {"S": "t"}, "sk": {"N": "1"}})
    with pytest.raises(ClientError) as error:
        dynamodb.query(TableName=name, KeyConditionExpression="v = :v", ExpressionAttributeValues={":v": {"N": "1"}})
    assert error.value.response["Error"]["Code"] == "ValidationException"


def test_ttl_backups_and_expiry_seen_through_the_stream(dynamodb, streams):
    name = new_table(dynamodb)
    dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
    assert dynamodb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]["TimeToLiveStatus"] in ("ENABLED", "ENABLING")
    dynamodb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    backups = dynamodb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
    assert backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED"
    arn = dynamodb.describe_table(TableName=name)["Table"]["LatestStreamArn"]
    assert arn in [s["StreamArn"] for s in streams.list_streams(TableName=name)["Streams"]]
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    past = int(time.time()) - 60
    dynamodb.put_item(TableName=name, Item={"pk": {"S": "gone"}, "sk": {"N": "1"}, "expires": {"N": str(past)}})
    dynamodb.put_item(TableName=name, Item={"pk": {"S": "kept"}, "sk": {"N": "1"}, "expires": {"N": str(past + 3600 * 24)}})
    seen = []
    deadline = time.time() + 20  # the server sweeps every second in this test
    while time.time() < deadline and not any(r["eventName"] == "REMOVE" for r in seen):
        page = streams.get_records(ShardIterator=iterator)
        seen += page["Records"]
        iterator = page.get("NextShardIterator") or iterator
        time.sleep(0.2)
    removes = [r for r in seen if r["eventName"] == "REMOVE"]
    assert [r["dynamodb"]["Keys"]["pk"]["S"] for r in removes] == ["gone"]
    assert removes[0]["userIdentity"] == {"PrincipalId": "dynamodb.amazonaws.com", "Type": "Service"}
    assert "Item" not in dynamodb.get_item(TableName=name, Key={"pk": {"S": "gone"}, "sk": {"N": "1"}})
    assert "Item" in dynamodb.get_item(TableName=name, Key={"pk": {"S": "kept"}, "sk": {"N": "1"}})

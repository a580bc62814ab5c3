import DynamoAPI
import DynamoModel
import Testing

@Suite struct DecodingErrorTests {
    @Test func missingTableNameIsDynamoDBsValidationError() {
        let error = expectDynamoError { _ = try DescribeTableInput(json: parse("{}")) }
        #expect(error == DynamoError(.validation,
            "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"))
    }

    @Test func nullCountsAsMissing() {
        let error = expectDynamoError { _ = try PutItemInput(json: parse(#"{"TableName": null, "Item": {}}"#)) }
        #expect(error?.code == .validation)
        #expect(error?.message.contains("Value null at 'tableName'") == true)
    }

    @Test func nestedMissingMemberNamesItsPath() {
        let error = expectDynamoError {
            _ = try TransactWriteItemsInput(json: parse(#"""
                {"TransactItems": [{"Delete": {"Key": {}, "TableName": "t"}}, {"Put": {"Item": {}}}]}
                """#))
        }
        #expect(error == DynamoError(.validation,
            "1 validation error detected: Value null at 'transactItems.2.member.put.tableName' failed to satisfy constraint: Member must not be null"))
    }

    @Test func wrongJSONTypeIsSerializationErrorNamingTheMember() {
        let error = expectDynamoError { _ = try DescribeTableInput(json: parse(#"{"TableName": 5}"#)) }
        #expect(error?.code == .serialization)
        #expect(error?.message.contains("'TableName'") == true)
        #expect(error?.message.contains("expected a string, found number") == true)

        let nested = expectDynamoError {
            _ = try CreateTableInput(json: parse(#"""
                {"TableName": "t", "AttributeDefinitions": [],
                 "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": ["b"], "KeyType": "RANGE"}]}
                """#))
        }
        #expect(nested?.code == .serialization)
        #expect(nested?.message.contains("'KeySchema[1].AttributeName'") == true)
    }

    @Test(arguments: [
        (#"{"Limit": "3"}"#, "'Limit'"),
        (#"{"Limit": 3.5}"#, "'Limit'"),
        (#"{"Limit": 99999999999999999999999}"#, "'Limit'"),
        (#"{"ExclusiveStartTableName": true}"#, "'ExclusiveStartTableName'"),
    ])
    func wrongScalarTypes(_ text: String, _ member: String) {
        let error = expectDynamoError { _ = try ListTablesInput(json: parse(text)) }
        #expect(error?.code == .serialization)
        #expect(error?.message.contains(member) == true, "\(error?.message ?? "")")
    }

    @Test func wrongContainerTypes() {
        let list = expectDynamoError { _ = try ListTablesOutput(json: parse(#"{"TableNames": "t"}"#)) }
        #expect(list?.code == .serialization)
        #expect(list?.message.contains("expected a list") == true)
        let map = expectDynamoError { _ = try GetItemInput(json: parse(#"{"TableName": "t", "Key": []}"#)) }
        #expect(map?.code == .serialization)
        #expect(map?.message.contains("'Key'") == true)
        let shape = expectDynamoError {
            _ = try UpdateTimeToLiveInput(json: parse(#"{"TableName": "t", "TimeToLiveSpecification": "on"}"#))
        }
        #expect(shape?.code == .serialization)
        #expect(shape?.message.contains("expected an object") == true)
    }

    @Test func documentThatIsNotAnObject() {
        let error = expectDynamoError { _ = try ListTablesInput(json: parse("[]")) }
        #expect(error?.code == .serialization)
    }

    @Test func unknownEnumValueInARequestIsValidationError() {
        let error = expectDynamoError {
            _ = try PutItemInput(json: parse(#"{"TableName": "t", "Item": {}, "ReturnValues": "SOMETIMES"}"#))
        }
        #expect(error == DynamoError(.validation,
            "1 validation error detected: Value 'SOMETIMES' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]"))

        let nested = expectDynamoError {
            _ = try CreateTableInput(json: parse(#"""
                {"TableName": "t", "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "a", "KeyType": "PRIMARY"}]}
                """#))
        }
        #expect(nested?.code == .validation)
        #expect(nested?.message.contains("Value 'PRIMARY' at 'keySchema.1.member.keyType'") == true)
        #expect(nested?.message.contains("[HASH, RANGE]") == true)
    }

    @Test func unknownEnumValueInAResponseIsSerializationErrorNamingTheField() {
        let error = expectDynamoError {
            _ = try DescribeTableOutput(json: parse(#"{"Table": {"TableName": "t", "TableStatus": "FROZEN"}}"#))
        }
        #expect(error?.code == .serialization)
        #expect(error?.message.contains("'FROZEN'") == true)
        #expect(error?.message.contains("'Table.TableStatus'") == true)

        let record = expectDynamoError {
            _ = try GetRecordsOutput(json: parse(#"{"Records": [{"eventName": "TRUNCATE"}]}"#))
        }
        #expect(record?.code == .serialization)
        #expect(record?.message.contains("'Records[0].eventName'") == true)
    }

    @Test func badAttributeValuesKeepTheirValidationMessages() {
        let error = expectDynamoError {
            _ = try GetItemInput(json: parse(#"{"TableName": "t", "Key": {"pk": {"X": "1"}}}"#))
        }
        #expect(error?.code == .validation)
        #expect(error?.message.contains("unknown datatype X") == true)
    }

    @Test func wireContextPaths() {
        let context = WireContext().member("RequestItems").key("Thread").index(0).member("PutRequest").member("Item")
        #expect(context.validationPath == "requestItems.Thread.member.1.member.putRequest.item")
        #expect(context.wirePath == #"RequestItems["Thread"][0].PutRequest.Item"#)
    }
}

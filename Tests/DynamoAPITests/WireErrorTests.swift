import DynamoAPI
import DynamoModel
import Testing

@Suite struct WireErrorTests {
    @Test func plainErrorBody() {
        let error = DynamoError(.resourceNotFound, "Requested resource not found")
        #expect(error.wireJSON.compactText
                == #"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}"#)
        #expect(DynamoError(wireJSON: error.wireJSON, httpStatus: 400) == error)
        #expect(error.httpStatus == 400)
        #expect(DynamoError(.internalServerError, "boom").httpStatus == 500)
    }

    @Test func roundTripWithCancellationReasonsAndItem() throws {
        let old: Item = ["pk": .s("a"), "n": .n(try DynamoNumber("12345678901234567890.5"))]
        let error = DynamoError(
            .transactionCanceled,
            "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]",
            cancellationReasons: [
                .init(code: "ConditionalCheckFailed", message: "The conditional request failed", item: old),
                .init(code: "None"),
            ])
        let text = error.wireJSON.compactText
        #expect(text.contains(#""CancellationReasons":[{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"n":{"N":"12345678901234567890.5"},"pk":{"S":"a"}}},{"Code":"None"}]"#))
        let decoded = DynamoError(wireJSON: try JSONValue.parse(text), httpStatus: 400)
        #expect(decoded == error)

        let conditional = DynamoError(.conditionalCheckFailed, "The conditional request failed", item: old)
        #expect(DynamoError(wireJSON: conditional.wireJSON, httpStatus: 400) == conditional)
    }

    @Test func readsWhatFollowsTheLastHashAndCapitalisedMessage() {
        let body = parse(#"{"__type": "com.amazon.coral.validate#ValidationException", "Message": "One or more parameter values were invalid"}"#)
        let error = DynamoError(wireJSON: body, httpStatus: 400)
        #expect(error.code == .validation)
        #expect(error.message == "One or more parameter values were invalid")

        let serialization = DynamoError(
            wireJSON: parse(#"{"__type": "com.amazon.coral.service#SerializationException", "message": "bad"}"#), httpStatus: 400)
        #expect(serialization.code == .serialization)

        let twoHashes = DynamoError(wireJSON: parse(#"{"__type": "a#b#ThrottlingException", "message": "slow"}"#), httpStatus: 400)
        #expect(twoHashes.code == .throttling)

        let noHash = DynamoError(wireJSON: parse(#"{"__type": "LimitExceededException", "message": "m"}"#), httpStatus: 400)
        #expect(noHash.code == .limitExceeded)
    }

    @Test func bodiesWithoutType() {
        let server = DynamoError(wireJSON: parse("{}"), httpStatus: 503)
        #expect(server.code == .internalServerError)
        #expect(server.message == "HTTP status 503")
        let client = DynamoError(wireJSON: .string("nonsense"), httpStatus: 413)
        #expect(client.code.rawValue == "UnknownError")
    }
}

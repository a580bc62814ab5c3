import DynamoModel

extension DynamoError {
    /// The `__type` prefix iops writes before the error code.
    public static let wireTypePrefix = "com.amazonaws.dynamodb.v20120810#"

    /// The HTTP status DynamoDB answers this error with: 500 for server errors, 400 otherwise.
    public var httpStatus: Int {
        code == .internalServerError ? 500 : 400
    }

    /// The error body DynamoDB sends:
    /// `{"__type": "com.amazonaws.dynamodb.v20120810#<Code>", "message": …}`, with
    /// `CancellationReasons` for a cancelled transaction and `Item` for a failed condition that
    /// asked for the old item.
    public var wireJSON: JSONValue {
        var object: JSONObject = [
            "__type": .string(Self.wireTypePrefix + code.rawValue),
            "message": .string(message),
        ]
        if let cancellationReasons {
            object["CancellationReasons"] = .array(cancellationReasons.map { reason in
                var entry: JSONObject = ["Code": .string(reason.code)]
                if let message = reason.message { entry["Message"] = .string(message) }
                if let item = reason.item { entry["Item"] = item.dynamoJSON }
                return .object(entry)
            })
        }
        if let item { object["Item"] = item.dynamoJSON }
        return .object(object)
    }

    /// Reads an error body from a server. The code is what follows the last `#` of `__type`
    /// (or all of it when there is no `#`); the message may be `message` or `Message`. A body
    /// without `__type` gives `InternalServerError` for a 5xx status and `UnknownError` otherwise.
    public init(wireJSON json: JSONValue, httpStatus: Int) {
        let type = json["__type"]?.stringValue
        let code: Code
        if let type, let name = type.split(separator: "#", omittingEmptySubsequences: false).last, !name.isEmpty {
            code = Code(rawValue: String(name))
        } else {
            code = httpStatus >= 500 ? .internalServerError : Code(rawValue: "UnknownError")
        }
        let message = json["message"]?.stringValue ?? json["Message"]?.stringValue ?? "HTTP status \(httpStatus)"
        let reasons = json["CancellationReasons"]?.arrayValue?.map { entry in
            CancellationReason(
                code: entry["Code"]?.stringValue ?? entry["code"]?.stringValue ?? "None",
                message: entry["Message"]?.stringValue ?? entry["message"]?.stringValue,
                item: (entry["Item"]).flatMap { try? Item(dynamoJSON: $0) })
        }
        let item = json["Item"].flatMap { try? Item(dynamoJSON: $0) }
        self.init(code, message, cancellationReasons: reasons, item: item)
    }
}

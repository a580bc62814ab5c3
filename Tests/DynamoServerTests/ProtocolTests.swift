import DynamoModel
@testable import DynamoServer
import Foundation
import Testing

/// The wire protocol on a raw socket: statuses, error bodies, headers, keep-alive, limits.
@Suite struct ProtocolTests {
    /// Every answer carries a 52-character request id and the CRC32 of its body in decimal.
    func expectDynamoHeaders(_ response: RawResponse) {
        #expect(response.headers["x-amz-crc32"] == String(CRC32.checksum(response.body)))
        let id = response.headers["x-amzn-requestid"] ?? ""
        #expect(id.count == 52 && id.allSatisfy { $0.isUppercase || $0.isNumber })
    }

    @Test func errorStatusesAndBodies() async throws {
        try await ServerFixture.with { fixture in
            try await onThread {
                let connection = try fixture.connect()
                let created = try connection.call("DynamoDB_20120810.CreateTable", tableDefinition.compactText)
                #expect(created.status == 200)
                #expect(created.headers["content-type"] == "application/x-amz-json-1.0")
                self.expectDynamoHeaders(created)

                let invalid = try connection.call("DynamoDB_20120810.PutItem", #"{"TableName": "tab", "Item": {"pk": {"S": "a"}}}"#)
                #expect(invalid.status == 400)
                #expect(invalid.errorType == dynamoType("ValidationException"))
                #expect(invalid.message?.isEmpty == false)
                self.expectDynamoHeaders(invalid)

                _ = try connection.call("DynamoDB_20120810.PutItem", #"{"TableName": "tab", "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}}"#)
                let failed = try connection.call("DynamoDB_20120810.PutItem", #"""
                    {"TableName": "tab", "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ConditionExpression": "attribute_not_exists(pk)",
                     "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}
                    """#)
                #expect(failed.status == 400)
                #expect(failed.errorType == dynamoType("ConditionalCheckFailedException"))
                #expect(failed.message == "The conditional request failed")
                #expect(failed.json?["Item"]?["pk"]?["S"]?.stringValue == "a")

                let missing = try connection.call("DynamoDB_20120810.DescribeTable", #"{"TableName": "nope"}"#)
                #expect(missing.status == 400)
                #expect(missing.errorType == dynamoType("ResourceNotFoundException"))
                self.expectDynamoHeaders(missing)
            }
        }
    }

    @Test func unknownTargetsMalformedJSONAndContentTypes() async throws {
        try await ServerFixture.with { fixture in
            try await onThread {
                let connection = try fixture.connect()
                for target in ["DynamoDB_20120810.Frobnicate", "DynamoDBStreams_20120810.PutItem", "DynamoDB_20120810.GetRecords", "GetItem"] {
                    let response = try connection.call(target, "{}")
                    #expect(response.status == 400)
                    #expect(response.errorType == dynamoType("UnknownOperationException"), "\(target)")
                }
                let noTarget = try connection.call(nil, "{}")
                #expect(noTarget.errorType == dynamoType("UnknownOperationException"))

                let streams = try connection.call("DynamoDBStreams_20120810.ListStreams", "{}")
                #expect(streams.status == 200)
                #expect(streams.json?["Streams"]?.arrayValue == [])

                for body in [#"{"TableName": "#, "[1, 2]", "{} {}"] {
                    let response = try connection.call("DynamoDB_20120810.ListTables", body)
                    #expect(response.status == 400)
                    #expect(response.errorType == dynamoType("SerializationException"), "\(body)")
                }
                let wrongType = try connection.call("DynamoDB_20120810.ListTables", "{}", contentType: "text/plain")
                #expect(wrongType.status == 400)
                #expect(wrongType.errorType == dynamoType("SerializationException"))
                let noType = try connection.call("DynamoDB_20120810.ListTables", "{}", contentType: nil)
                #expect(noType.errorType == dynamoType("SerializationException"))
                let plainJSON = try connection.call("DynamoDB_20120810.ListTables", "{}", contentType: "application/json; charset=utf-8")
                #expect(plainJSON.status == 200)
                // The connection survived every error.
                #expect(!connection.isClosedByPeer())
            }
        }
    }

    @Test func healthCheck() async throws {
        try await ServerFixture.with { fixture in
            try await onThread {
                let connection = try fixture.connect()
                try connection.send(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                let health = try connection.readResponse()
                #expect(health.status == 200)
                #expect(health.text.hasPrefix("healthy"))
                self.expectDynamoHeaders(health)
                try connection.send(Array("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                #expect(try connection.readResponse().status == 404)
                try connection.send(Array("DELETE / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                #expect(try connection.readResponse().status == 405)
            }
        }
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() async throws {
        try await ServerFixture.with { fixture in
            try await onThread {
                let connection = try fixture.connect()
                _ = try connection.call("DynamoDB_20120810.CreateTable", tableDefinition.compactText)
                var ids: Set<String> = []
                for index in 0..<20 {
                    let put = try connection.call("DynamoDB_20120810.PutItem", #"{"TableName": "tab", "Item": {"pk": {"S": "k"}, "sk": {"N": "\#(index)"}}}"#)
                    #expect(put.status == 200)
                    #expect(put.headers["connection"] != "close")
                    ids.insert(put.headers["x-amzn-requestid"] ?? "")
                }
                #expect(ids.count == 20)
                // Pipelined: three requests in one write, three answers in order.
                var batch: [UInt8] = []
                for index in 0..<3 {
                    batch += RawConnection.request(target: "DynamoDB_20120810.GetItem", body: #"{"TableName": "tab", "Key": {"pk": {"S": "k"}, "sk": {"N": "\#(index)"}}}"#)
                }
                try connection.send(batch)
                for index in 0..<3 {
                    let got = try connection.readResponse()
                    #expect(got.json?["Item"]?["sk"]?["N"]?.stringValue == "\(index)")
                }
                #expect(fixture.server.openConnections == 1)
            }
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await ServerFixture.with { fixture in
            try await onThread {
                let connection = try fixture.connect()
                try connection.send(RawConnection.request(target: "DynamoDB_20120810.ListTables", body: "{}", extraHeaders: ["Connection: close"]))
                let response = try connection.readResponse()
                #expect(response.status == 200)
                #expect(response.headers["connection"] == "close")
                #expect(connection.isClosedByPeer())
            }
        }
    }

    /// A declared body over 16 MB is refused from the head alone: nothing of it is sent.
    @Test func oversizedContentLengthIsRefusedWithoutReading() async throws {
        try await ServerFixture.with { fixture in
            try await onThread {
                let connection = try fixture.connect()
                let head = "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "X-Amz-Target: DynamoDB_20120810.PutItem\r\nContent-Length: \(16 * 1024 * 1024 + 1)\r\n\r\n"
                try connection.send(Array(head.utf8))
                let response = try connection.readResponse()
                #expect(response.status == 413)
                #expect(response.errorType == dynamoType("ValidationException"))
                #expect(response.headers["connection"] == "close")
                self.expectDynamoHeaders(response)
                #expect(connection.isClosedByPeer())
            }
        }
    }

    /// A chunked body has no length up front: it is counted while it arrives.
    @Test func oversizedChunkedBodyIsRefused() async throws {
        try await ServerFixture.with(configure: { $0.maxBodyBytes = 1000 }) { fixture in
            try await onThread {
                let connection = try fixture.connect()
                let head = "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nTransfer-Encoding: chunked\r\n\r\n"
                let chunk = String(repeating: " ", count: 600)
                try connection.send(Array((head + "258\r\n" + chunk + "\r\n" + "258\r\n" + chunk + "\r\n").utf8))
                let response = try connection.readResponse()
                #expect(response.status == 413)

                let small = try fixture.connect()
                try small.send(Array((head + "2\r\n{}\r\n0\r\n\r\n").utf8))
                #expect(try small.readResponse().status == 200)
            }
        }
    }

    @Test func checksumsAndRequestIDs() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        var generator = RequestIDGenerator()
        var seen: Set<String> = []
        for _ in 0..<1000 { seen.insert(generator.next()) }
        #expect(seen.count == 1000)
        #expect(seen.allSatisfy { $0.utf8.count == 52 })
    }

    @Test func loopbackDecidesTheWarning() {
        for host in ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"] {
            #expect(BindExposure.isLoopback(host), "\(host)")
            #expect(BindExposure.warning(host: host, requireSignature: false) == nil)
        }
        for host in ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", "127.0.0.256"] {
            #expect(!BindExposure.isLoopback(host), "\(host)")
        }
        let open = BindExposure.warning(host: "0.0.0.0", requireSignature: false) ?? ""
        #expect(open.hasPrefix("WARNING") && open.contains("every network interface") && open.contains("ANY credentials"))
        let signed = BindExposure.warning(host: "10.0.0.1", requireSignature: true) ?? ""
        #expect(signed.contains("10.0.0.1") && signed.contains("SigV4"))
    }
}

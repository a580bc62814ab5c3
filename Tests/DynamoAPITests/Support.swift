import DynamoAPI
import DynamoModel
import Testing

/// Parses JSON text written in a test; a syntax error is a bug in the test.
func parse(_ text: String) -> JSONValue {
    do {
        return try JSONValue.parse(text)
    } catch {
        Issue.record("test JSON does not parse: \(error)")
        return .null
    }
}

/// JSON equality that ignores the order of object members and compares numbers by value
/// (`1.36372808007E9` and `1363728080.07` are the same timestamp).
func structurallyEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.object(let x), .object(let y)):
        guard x.count == y.count else { return false }
        return x.allSatisfy { member in y[member.key].map { structurallyEqual(member.value, $0) } ?? false }
    case (.array(let x), .array(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { structurallyEqual($0, $1) }
    case (.number(let x), .number(let y)):
        return x == y || (Double(x) != nil && Double(x) == Double(y))
    default:
        return a == b
    }
}

/// Decodes `json` as `T`, encodes it again, and checks the result: structurally the same
/// JSON, and the same value when decoded once more. Returns the decoded value.
@discardableResult
func checkRoundTrip<T: WireShape>(_ type: T.Type, _ json: JSONValue,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
    let value = try T(json: json)
    let encoded = value.json
    #expect(structurallyEqual(json, encoded),
            "\(T.self) round trip changed the JSON:\n\(json.prettyText())\n→\n\(encoded.prettyText())",
            sourceLocation: sourceLocation)
    // Through text too, as it travels.
    let again = try T(json: try JSONValue.parse(encoded.compactText))
    #expect(again == value, "\(T.self) decoded differently the second time", sourceLocation: sourceLocation)
    return value
}

/// Runs `body` and returns the `DynamoError` it throws, recording an issue if it throws none.
func expectDynamoError(sourceLocation: SourceLocation = #_sourceLocation,
                       _ body: () throws -> Void) -> DynamoError? {
    do {
        try body()
        Issue.record("expected a DynamoError, none was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as DynamoError {
        return error
    } catch {
        Issue.record("expected a DynamoError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Which members of which DynamoAPI structs held a value, over every value walked.
struct MemberCoverage {
    /// Type name → member name → seen with a value at least once.
    var members: [String: [String: Bool]] = [:]

    mutating func walk(_ value: Any) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct where String(reflecting: type(of: value)).hasPrefix("DynamoAPI."):
            let typeName = String(describing: type(of: value))
            for child in mirror.children {
                guard let label = child.label else { continue }
                var inner: Any? = child.value
                let childMirror = Mirror(reflecting: child.value)
                if childMirror.displayStyle == .optional { inner = childMirror.children.first?.value }
                members[typeName, default: [:]][label] = (members[typeName]?[label] ?? false) || inner != nil
                if let inner { walk(inner) }
            }
        case .collection:
            for child in mirror.children { walk(child.value) }
        case .dictionary:
            // Each child is a (key, value) pair.
            for child in mirror.children {
                if let value = Mirror(reflecting: child.value).children.dropFirst().first?.value { walk(value) }
            }
        default:
            break
        }
    }

    /// `Type.member` for every member never seen with a value.
    var uncovered: [String] {
        members.flatMap { type, members in members.filter { !$0.value }.map { "\(type).\($0.key)" } }.sorted()
    }
}

import DynamoModel

/// One step of a document path: a map key or a list index.
public enum PathElement: Hashable, Sendable, CustomStringConvertible {
    case name(String)
    case index(Int)

    public var description: String {
        switch self {
        case .name(let name): name
        case .index(let index): "[\(index)]"
        }
    }
}

/// A document path with placeholders already substituted: `a.b[0].c`, `#n.#m[2]`.
///
/// Always starts with a name (the top-level attribute).
public struct AttributePath: Hashable, Sendable, CustomStringConvertible {
    public var elements: [PathElement]

    public init(_ elements: [PathElement]) {
        self.elements = elements
    }

    /// A top-level attribute.
    public init(name: String) {
        self.elements = [.name(name)]
    }

    /// The top-level attribute the path starts from.
    public var topLevelName: String? {
        if case .name(let name)? = elements.first { name } else { nil }
    }

    /// `a.b[0].c` (names are not quoted; a name holding `.` prints ambiguously).
    public var description: String {
        var text = ""
        for (offset, element) in elements.enumerated() {
            switch element {
            case .name(let name):
                if offset > 0 { text += "." }
                text += name
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// The form DynamoDB's error messages use: `[a, b, [0]]`.
    public var bracketDescription: String {
        "[" + elements.map(\.description).joined(separator: ", ") + "]"
    }

    /// The value at this path in `item`, or nil when any step is missing or of the wrong type.
    public func value(in item: Item) -> AttributeValue? {
        guard case .name(let head)? = elements.first, var current = item[head] else { return nil }
        var index = 1
        while index < elements.count {
            switch (elements[index], current) {
            case (.name(let key), .m(let map)):
                guard let next = map[key] else { return nil }
                current = next
            case (.index(let position), .l(let list)):
                guard position >= 0, position < list.count else { return nil }
                current = list[position]
            default:
                return nil
            }
            index += 1
        }
        return current
    }

    /// A total order used to apply list updates deterministically: element by element, indexes
    /// numerically, names by their text, a prefix before its extensions.
    static func precedes(_ a: AttributePath, _ b: AttributePath) -> Bool {
        let count = min(a.elements.count, b.elements.count)
        var index = 0
        while index < count {
            switch (a.elements[index], b.elements[index]) {
            case (.index(let x), .index(let y)) where x != y: return x < y
            case (.name(let x), .name(let y)) where x != y: return x < y
            case (.name, .index): return true
            case (.index, .name): return false
            default: break
            }
            index += 1
        }
        return a.elements.count < b.elements.count
    }
}

/// A path split for fast lookup in `evaluate`: the top-level name, then the nested steps.
struct CompiledPath: Sendable, Equatable {
    let head: String
    let tail: [PathElement]

    init(_ path: AttributePath) {
        if case .name(let name)? = path.elements.first {
            head = name
            tail = Array(path.elements.dropFirst())
        } else {
            // Paths always start with a name; keep a harmless value otherwise.
            head = ""
            tail = path.elements
        }
    }

    @inline(__always)
    func resolve(_ item: Item) -> AttributeValue? {
        guard var current = item[head] else { return nil }
        if tail.isEmpty { return current }
        for element in tail {
            switch (element, current) {
            case (.name(let key), .m(let map)):
                guard let next = map[key] else { return nil }
                current = next
            case (.index(let position), .l(let list)):
                guard position >= 0, position < list.count else { return nil }
                current = list[position]
            default:
                return nil
            }
        }
        return current
    }
}

/// One DynamoDB attribute value, of one of the ten types.
///
/// Sets (`SS`, `NS`, `BS`) keep the order they were given in, but compare and hash as sets:
/// DynamoDB does not order set members.
public enum AttributeValue: Sendable {
    case s(String)
    case n(DynamoNumber)
    case b([UInt8])
    case bool(Bool)
    case null
    case l([AttributeValue])
    case m([String: AttributeValue])
    case ss([String])
    case ns([DynamoNumber])
    case bs([[UInt8]])

    /// DynamoDB's type descriptor: `S`, `N`, `B`, `BOOL`, `NULL`, `L`, `M`, `SS`, `NS`, `BS`.
    public var typeDescriptor: String {
        switch self {
        case .s: "S"
        case .n: "N"
        case .b: "B"
        case .bool: "BOOL"
        case .null: "NULL"
        case .l: "L"
        case .m: "M"
        case .ss: "SS"
        case .ns: "NS"
        case .bs: "BS"
        }
    }

    public static let typeDescriptors: Set<String> = ["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"]

    /// True for the scalar types that may be key attributes (`S`, `N`, `B`).
    public var isKeyType: Bool {
        switch self {
        case .s, .n, .b: true
        default: false
        }
    }

    public var isSet: Bool {
        switch self {
        case .ss, .ns, .bs: true
        default: false
        }
    }

    public var stringValue: String? { if case .s(let s) = self { s } else { nil } }
    public var numberValue: DynamoNumber? { if case .n(let n) = self { n } else { nil } }
    public var mapValue: [String: AttributeValue]? { if case .m(let m) = self { m } else { nil } }
    public var listValue: [AttributeValue]? { if case .l(let l) = self { l } else { nil } }

    /// Size in bytes as DynamoDB counts it towards the 400 KB item limit (value only, without
    /// the attribute name).
    public var size: Int {
        switch self {
        case .s(let s): return s.utf8.count
        case .n(let n): return n.storageSize
        case .b(let b): return b.count
        case .bool, .null: return 1
        case .l(let list): return 3 + list.reduce(0) { $0 + 1 + $1.size }
        case .m(let map): return 3 + map.reduce(0) { $0 + 1 + $1.key.utf8.count + $1.value.size }
        case .ss(let set): return set.reduce(0) { $0 + $1.utf8.count }
        case .ns(let set): return set.reduce(0) { $0 + $1.storageSize }
        case .bs(let set): return set.reduce(0) { $0 + $1.count }
        }
    }
}

extension AttributeValue: Equatable {
    /// Equality as DynamoDB sees it: strings (and map keys) by their UTF-8 bytes, numbers by
    /// value, sets as sets (order and repeats ignored).
    public static func == (lhs: AttributeValue, rhs: AttributeValue) -> Bool {
        switch (lhs, rhs) {
        case (.s(let a), .s(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.n(let a), .n(let b)): return a == b
        case (.b(let a), .b(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.l(let a), .l(let b)): return a == b
        case (.m(let a), .m(let b)): return sameMap(a, b)
        case (.ss(let a), .ss(let b)): return utf8Set(a) == utf8Set(b)
        case (.ns(let a), .ns(let b)): return Set(a) == Set(b)
        case (.bs(let a), .bs(let b)): return Set(a) == Set(b)
        default: return false
        }
    }

    static func utf8Set(_ strings: [String]) -> Set<[UInt8]> { Set(strings.map { Array($0.utf8) }) }

    /// Dictionary `==` finds keys by Unicode canonical equivalence; DynamoDB names are bytes.
    static func sameMap(_ a: [String: AttributeValue], _ b: [String: AttributeValue]) -> Bool {
        guard a.count == b.count else { return false }
        for (key, value) in a {
            guard let index = b.index(forKey: key) else { return false }
            let other = b[index]
            guard other.key.utf8.elementsEqual(key.utf8), other.value == value else { return false }
        }
        return true
    }
}

extension AttributeValue: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(typeDescriptor)
        switch self {
        case .s(let s): hasher.combine(Array(s.utf8))
        case .n(let n): hasher.combine(n)
        case .b(let b): hasher.combine(b)
        case .bool(let b): hasher.combine(b)
        case .null: break
        case .l(let l): hasher.combine(l)
        case .m(let m): hasher.combine(m)
        // Sets hash as sets (order-independent, repeats ignored), matching `==`.
        case .ss(let set): hasher.combine(Self.utf8Set(set))
        case .ns(let set): hasher.combine(Set(set))
        case .bs(let set): hasher.combine(Set(set))
        }
    }
}

/// An item: attribute names to values.
public typealias Item = [String: AttributeValue]

/// DynamoDB's limits on items, in one place.
public enum ItemLimits {
    /// The largest item, in bytes of attribute names plus values.
    public static let maxItemSize = 409_600
    /// Partition key values are at most 2048 bytes, sort key values at most 1024.
    public static let maxPartitionKeySize = 2048
    public static let maxSortKeySize = 1024
    /// Maps and lists nest at most 32 levels deep.
    public static let maxDepth = 32
}

extension Dictionary where Key == String, Value == AttributeValue {
    /// The item's size as DynamoDB counts it: UTF-8 bytes of every name plus every value.
    public var itemSize: Int {
        reduce(0) { $0 + $1.key.utf8.count + $1.value.size }
    }
}

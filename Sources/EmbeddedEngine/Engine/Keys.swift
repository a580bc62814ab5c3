import DynamoModel

/// Key extraction and validation: what makes an item storable, with DynamoDB's messages.
extension TableSchema {
    /// The stored key of an item or of a `Key` map, validating presence, type, size and
    /// emptiness of each key attribute. With `exact`, the map must hold the key attributes
    /// and nothing else (GetItem/DeleteItem `Key`).
    func storedKey(_ item: Item, exact: Bool = false) throws(DynamoError) -> StoredKey {
        if exact {
            if item.count != keyAttributes.count || keyAttributes.contains(where: { item[$0.name] == nil }) {
                throw .validation("The provided key element does not match the schema")
            }
        }
        let hk = try Self.keyColumn(item, partitionKey, isPartition: true, index: nil)
        var rk: [UInt8] = []
        if let sortKey { rk = try Self.keyColumn(item, sortKey, isPartition: false, index: nil) }
        return StoredKey(hk: hk, rk: rk)
    }

    static func keyColumn(_ item: Item, _ key: KeyAttribute, isPartition: Bool, index: IndexSchema?) throws(DynamoError) -> [UInt8] {
        guard let value = item[key.name] else {
            throw .validation("One or more parameter values were invalid: Missing the key \(key.name) in the item")
        }
        guard key.type.matches(value) else {
            throw .validation("One or more parameter values were invalid: Type mismatch for key \(key.name) expected: \(key.type.rawValue) actual: \(value.typeDescriptor)")
        }
        return try encodedKeyValue(value, key, isPartition: isPartition, index: index)
    }

    static func encodedKeyValue(_ value: AttributeValue, _ key: KeyAttribute, isPartition: Bool, index: IndexSchema?) throws(DynamoError) -> [UInt8] {
        let isEmpty: Bool
        switch value {
        case .s(let s): isEmpty = s.isEmpty
        case .b(let b): isEmpty = b.isEmpty
        default: isEmpty = false
        }
        if isEmpty {
            let kind = value.typeDescriptor == "S" ? "string" : "binary"
            if let index {
                throw .validation("One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty \(kind) value. IndexName: \(index.name), IndexKey: \(key.name)")
            }
            throw .validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty \(kind) value. Key: \(key.name)")
        }
        let size = value.size
        if isPartition, size > ItemLimits.maxPartitionKeySize {
            throw .validation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes")
        }
        if !isPartition, size > ItemLimits.maxSortKeySize {
            throw .validation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
        }
        return isPartition ? KeyEncoding.partitionColumn(value) : KeyEncoding.encode(value)
    }

    /// The key attributes of an item, as a `Key` map.
    func keyItem(of item: Item) -> Item {
        var key: Item = [:]
        for attribute in keyAttributes { key[attribute.name] = item[attribute.name] }
        return key
    }

    /// Checks what every written item must satisfy beyond its key: size, and the type of
    /// every attribute that is a secondary index key.
    func validateForWrite(_ item: Item, isUpdate: Bool = false) throws(DynamoError) {
        let size = item.itemSize
        if size > ItemLimits.maxItemSize {
            throw .validation(isUpdate ? "Item size to update has exceeded the maximum allowed size"
                                       : "Item size has exceeded the maximum allowed size")
        }
        for index in indexes {
            for key in index.keyAttributes {
                guard let value = item[key.name] else { continue }
                guard key.type.matches(value) else {
                    throw .validation("One or more parameter values were invalid: Type mismatch for Index Key \(key.name) Expected: \(key.type.rawValue) Actual: \(value.typeDescriptor) IndexName: \(index.name)")
                }
            }
        }
    }

    /// The index entry key of `item` in `index`, or nil when the item lacks an index key
    /// attribute (indexes are sparse) or holds one of another type (an item written before the
    /// index was added, which DynamoDB leaves out of the index as a violation).
    func indexKey(_ index: IndexSchema, of item: Item) throws(DynamoError) -> StoredKey? {
        guard let pk = item[index.partitionKey.name], index.partitionKey.type.matches(pk) else { return nil }
        let hk = try Self.encodedKeyValue(pk, index.partitionKey, isPartition: true, index: index)
        var rk: [UInt8] = []
        if let sortKey = index.sortKey {
            guard let sk = item[sortKey.name], sortKey.type.matches(sk) else { return nil }
            rk = try Self.encodedKeyValue(sk, sortKey, isPartition: false, index: index)
        }
        return StoredKey(hk: hk, rk: rk)
    }

    /// The part of `item` an index stores.
    func projected(_ item: Item, for index: IndexSchema) -> Item {
        switch index.projectionType {
        case "ALL":
            return item
        default:
            var out: Item = [:]
            for key in keyAttributes + index.keyAttributes { out[key.name] = item[key.name] }
            if index.projectionType == "INCLUDE" {
                for name in index.nonKeyAttributes { out[name] = item[name] }
            }
            return out
        }
    }
}

import DynamoModel

/// A parsed `ProjectionExpression`: comma-separated document paths.
public struct ProjectionExpression: Sendable {
    /// The paths, placeholders resolved, in the order written.
    public let paths: [AttributePath]
    /// Top-level attributes the projection reads.
    public let topLevelNames: Set<String>
    let tree: ProjectionNode

    public static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoError) -> ProjectionExpression {
        var parser = try Parser(text: text, kind: "ProjectionExpression", keywords: [], attributes: attributes)
        var paths = [try parser.parsePath()]
        while parser.current.kind == .comma {
            parser.advance()
            paths.append(try parser.parsePath())
        }
        guard parser.current.kind == .eof else { throw parser.syntaxError() }
        PathOverlap.check(paths, into: &parser.diagnostics)
        try parser.throwDiagnostics([[.reserved], [.attributeName], [.overlap], [.conflict]])
        attributes = parser.attributes
        var tree = ProjectionNode()
        for path in paths { tree.insert(path.elements[...]) }
        return ProjectionExpression(paths: paths, topLevelNames: parser.pathHeads, tree: tree)
    }

    /// The parts of `item` the paths name, keeping the document shape: `a.b[2].c` yields
    /// `{a: {b: [{c: …}]}}`; several indexes of one list keep their order and close up
    /// (`a[1], a[3]` yields a two-element list). Paths that lead nowhere are left out.
    public func project(_ item: Item) -> Item {
        var result = Item(minimumCapacity: tree.names.count)
        for (name, child) in tree.names {
            if let value = item[name], let projected = child.apply(value) {
                result[name] = projected
            }
        }
        return result
    }
}

/// The projection paths merged into a tree. Overlapping and conflicting paths are rejected at
/// parse time, so a node is a leaf, a map step or a list step, never two of these.
struct ProjectionNode: Sendable {
    var isLeaf = false
    var names: [String: ProjectionNode] = [:]
    /// Index steps, kept sorted by index.
    var indexes: [(index: Int, node: ProjectionNode)] = []

    mutating func insert(_ path: ArraySlice<PathElement>) {
        guard let step = path.first else {
            isLeaf = true
            return
        }
        let rest = path.dropFirst()
        switch step {
        case .name(let name):
            names[name, default: ProjectionNode()].insert(rest)
        case .index(let index):
            if let position = indexes.firstIndex(where: { $0.index == index }) {
                indexes[position].node.insert(rest)
            } else {
                var node = ProjectionNode()
                node.insert(rest)
                let position = indexes.firstIndex(where: { $0.index > index }) ?? indexes.count
                indexes.insert((index, node), at: position)
            }
        }
    }

    func apply(_ value: AttributeValue) -> AttributeValue? {
        if isLeaf { return value }
        if !names.isEmpty {
            guard case .m(let map) = value else { return nil }
            var result: [String: AttributeValue] = [:]
            for (name, child) in names {
                if let inner = map[name], let projected = child.apply(inner) {
                    result[name] = projected
                }
            }
            return result.isEmpty ? nil : .m(result)
        }
        if !indexes.isEmpty {
            guard case .l(let list) = value else { return nil }
            var result: [AttributeValue] = []
            for entry in indexes where entry.index < list.count {
                if let projected = entry.node.apply(list[entry.index]) {
                    result.append(projected)
                }
            }
            return result.isEmpty ? nil : .l(result)
        }
        return nil
    }
}

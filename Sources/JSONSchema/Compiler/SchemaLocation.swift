import DocumentTree

/// Where a schema sits: a document of the registry and a path of reference
/// tokens from that document's root.
struct SchemaLocation: Hashable, Sendable {
    var document: Int
    var path: [String]

    func appending(_ tokens: String...) -> SchemaLocation {
        SchemaLocation(document: document, path: path + tokens)
    }

    /// The JSON Pointer of the location inside its document.
    var pointer: String { JSONPointer.pointer(path) }
}

/// The documents a validator knows: the root schema, the registered remote
/// documents and the embedded metaschemas, each under its retrieval URI.
struct DocumentStore: Sendable {
    private(set) var documents: [Node] = []
    private(set) var retrievalURIs: [String] = []

    mutating func add(_ node: Node, uri: String) -> Int {
        documents.append(node)
        retrievalURIs.append(uri)
        return documents.count - 1
    }

    /// The node at `location`, or `nil` when the path leads nowhere.
    func node(at location: SchemaLocation) -> Node? {
        var node = documents[location.document]
        for token in location.path {
            switch node.value {
            case .object(let mapping):
                guard let next = mapping[token] else { return nil }
                node = next
            case .array(let items):
                guard let index = Self.arrayIndex(token), index < items.count else { return nil }
                node = items[index]
            default:
                return nil
            }
        }
        return node
    }

    /// A JSON Pointer array index: digits without leading zeros.
    static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if token.count > 1 && token.hasPrefix("0") { return nil }
        return Int(token)
    }
}

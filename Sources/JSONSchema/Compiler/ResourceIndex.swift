import DocumentTree

/// What the discovery pass learnt about one schema position.
struct LocationInfo: Sendable {
    /// The base URI in effect at the position (its own `$id` included), without fragment.
    var baseURI: String
    /// The `$schema` in effect, if any was declared on an enclosing resource.
    var dialect: String?
    /// The root of the schema resource the position belongs to.
    var resourceRoot: SchemaLocation
}

/// Identifiers found in the registry's documents: schema resources (`$id` and
/// retrieval URIs), `$anchor`s and `$dynamicAnchor`s.
struct ResourceIndex: Sendable {
    /// Absolute URI without fragment → resource root.
    var resources: [String: SchemaLocation] = [:]
    /// `uri#name` → schema carrying that (plain or dynamic) anchor.
    var anchors: [String: SchemaLocation] = [:]
    /// Resource root → dynamic anchor name → schema.
    var dynamicAnchors: [SchemaLocation: [String: SchemaLocation]] = [:]
    /// Facts about every discovered schema position.
    var info: [SchemaLocation: LocationInfo] = [:]

    /// Walks document `document` of `store` as a schema, recording identifiers.
    mutating func discover(document: Int, in store: DocumentStore) {
        let uri = Self.normalized(store.retrievalURIs[document])
        let rootLocation = SchemaLocation(document: document, path: [])
        if resources[uri] == nil { resources[uri] = rootLocation }
        guard let root = store.node(at: rootLocation) else { return }
        var stack: [(SchemaLocation, Node, LocationInfo)] = [
            (rootLocation, root, LocationInfo(baseURI: uri, dialect: nil, resourceRoot: rootLocation))
        ]
        while let (location, node, inherited) = stack.popLast() {
            guard case .object(let mapping) = node.value else {
                info[location] = inherited
                continue
            }
            var current = inherited
            if let id = mapping["$id"]?.stringValue {
                let resolved = URIReference(current.baseURI).resolving(URIReference(id))
                let base = Self.normalized(resolved.withoutFragment.description)
                current.baseURI = base
                current.resourceRoot = location
                if resources[base] == nil { resources[base] = location }
            }
            if let dialect = mapping["$schema"]?.stringValue {
                current.dialect = Self.normalized(dialect)
            }
            if let anchor = mapping["$anchor"]?.stringValue {
                anchors[current.baseURI + "#" + anchor] = location
            }
            if let anchor = mapping["$dynamicAnchor"]?.stringValue {
                anchors[current.baseURI + "#" + anchor] = location
                dynamicAnchors[current.resourceRoot, default: [:]][anchor] = location
            }
            info[location] = current
            for entry in mapping {
                guard let shape = SchemaKeywords.subschemaShapes[entry.key] else { continue }
                let child = location.appending(entry.key)
                switch (shape, entry.value.value) {
                case (.array, .array(let items)), (.single, .array(let items)):
                    // (`items` as an array is an earlier draft's tuple form.)
                    for (index, item) in items.enumerated() {
                        stack.append((child.appending(String(index)), item, current))
                    }
                case (.single, _):
                    stack.append((child, entry.value, current))
                case (.map, .object(let members)):
                    for member in members {
                        stack.append((child.appending(member.key), member.value, current))
                    }
                case (.array, _), (.map, _):
                    // A value of the wrong shape holds no subschema.
                    break
                }
            }
        }
    }

    /// Facts for any position: discovered ones directly, others from the
    /// nearest discovered ancestor (adjusted for the position's own `$id`).
    func info(for location: SchemaLocation, in store: DocumentStore) -> LocationInfo {
        if let known = info[location] { return known }
        var ancestor = location
        var inherited: LocationInfo?
        while !ancestor.path.isEmpty {
            ancestor.path.removeLast()
            if let known = info[ancestor] {
                inherited = known
                break
            }
        }
        var result = inherited ?? LocationInfo(
            baseURI: Self.normalized(store.retrievalURIs[location.document]), dialect: nil,
            resourceRoot: SchemaLocation(document: location.document, path: []))
        if let id = store.node(at: location)?["$id"]?.stringValue {
            result.baseURI = Self.normalized(
                URIReference(result.baseURI).resolving(URIReference(id)).withoutFragment.description)
            result.resourceRoot = location
        }
        return result
    }

    /// A URI with an empty trailing fragment (`#`) removed.
    static func normalized(_ uri: String) -> String {
        uri.hasSuffix("#") ? String(uri.dropLast()) : uri
    }
}

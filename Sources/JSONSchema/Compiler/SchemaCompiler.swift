import DocumentTree

/// Turns schema documents into a ``Program``.
///
/// Work proceeds from a worklist rather than by recursion: every subschema and
/// every reference target gets an index the first time it is seen and is
/// compiled once, so reference cycles and long `$ref` chains cost no stack.
struct SchemaCompiler {
    let store: DocumentStore
    let index: ResourceIndex
    let options: ValidatorOptions

    private var schemas: [CompiledSchema?] = []
    private var indexByLocation: [SchemaLocation: Int] = [:]
    private var worklist: [(Int, SchemaLocation)] = []
    private var resourceIDs: [SchemaLocation: Int] = [:]
    private var resourceURIs: [Int: String] = [:]
    private var dynamicTable: [Int: [String: Int]] = [:]
    private var vocabularyCache: [String: Set<Vocabulary>] = [:]
    private var registeredDynamicNames: Set<String> = []

    init(store: DocumentStore, index: ResourceIndex, options: ValidatorOptions) {
        self.store = store
        self.index = index
        self.options = options
    }

    /// Compiles everything reachable from `root`.
    mutating func compile(root: SchemaLocation) throws(SchemaError) -> Program {
        let rootIndex = schemaIndex(for: root)
        while let (slot, location) = worklist.popLast() {
            schemas[slot] = try compileSchema(at: location)
        }
        var compiled: [CompiledSchema] = []
        compiled.reserveCapacity(schemas.count)
        for schema in schemas {
            guard let schema else { continue }
            compiled.append(schema)
        }
        return Program(
            schemas: compiled, root: rootIndex, dynamicAnchors: dynamicTable, resourceURIs: resourceURIs)
    }

    // MARK: Indices

    private mutating func schemaIndex(for location: SchemaLocation) -> Int {
        if let existing = indexByLocation[location] { return existing }
        let slot = schemas.count
        schemas.append(nil)
        indexByLocation[location] = slot
        worklist.append((slot, location))
        return slot
    }

    private mutating func resourceID(for root: SchemaLocation, uri: String) -> Int {
        if let existing = resourceIDs[root] { return existing }
        let id = resourceIDs.count
        resourceIDs[root] = id
        resourceURIs[id] = uri
        return id
    }

    // MARK: Errors

    private func error(_ message: String, _ node: Node, _ location: SchemaLocation) -> SchemaError {
        SchemaError(
            message, at: node.location, pointer: location.pointer,
            documentURI: store.retrievalURIs[location.document])
    }

    // MARK: Schemas

    private mutating func compileSchema(at location: SchemaLocation) throws(SchemaError) -> CompiledSchema {
        guard let node = store.node(at: location) else {
            let root = store.documents[location.document]
            throw error("no schema at '\(location.pointer)'", root, location)
        }
        let info = index.info(for: location, in: store)
        let resource = resourceID(for: info.resourceRoot, uri: info.baseURI)
        switch node.value {
        case .bool(let value):
            return CompiledSchema(body: .boolean(value), location: node.location, pointer: location.pointer, resource: resource)
        case .object(let mapping):
            let vocabularies = try self.vocabularies(for: info.dialect, node: node, location: location)
            let keywords = try compileKeywords(mapping, at: location, info: info, vocabularies: vocabularies)
            return CompiledSchema(body: .keywords(keywords), location: node.location, pointer: location.pointer, resource: resource)
        default:
            throw error("a schema must be an object or a boolean, found \(Describe.typeAndValue(node))", node, location)
        }
    }

    private mutating func vocabularies(
        for dialect: String?, node: Node, location: SchemaLocation
    ) throws(SchemaError) -> Set<Vocabulary> {
        guard let dialect, dialect != Metaschemas.dialectURI else { return Vocabulary.standard }
        if let cached = vocabularyCache[dialect] { return cached }
        var result = Vocabulary.standard
        if let metaLocation = index.resources[dialect], let meta = store.node(at: metaLocation),
           let declared = meta["$vocabulary"]?.objectValue {
            result = []
            for entry in declared {
                if let known = Vocabulary(rawValue: entry.key) {
                    result.insert(known)
                } else if entry.value.boolValue == true {
                    throw error("the metaschema '\(dialect)' requires the unsupported vocabulary '\(entry.key)'", node, location)
                }
            }
        }
        vocabularyCache[dialect] = result
        return result
    }

    // MARK: References

    /// Resolves a `$ref`-style reference against `base`.
    private func resolve(_ reference: String, base: String, node: Node, at location: SchemaLocation) throws(SchemaError) -> (SchemaLocation, fragment: String) {
        let target = URIReference(base).resolving(URIReference(reference))
        let absolute = ResourceIndex.normalized(target.withoutFragment.description)
        let fragment = target.fragment ?? ""
        guard let resource = index.resources[absolute] else {
            throw error("cannot resolve reference '\(reference)': no schema is known as '\(absolute)'", node, location)
        }
        if fragment.isEmpty { return (resource, fragment) }
        guard let decoded = fragment.percentDecoded() else {
            throw error("cannot resolve reference '\(reference)': malformed percent-encoding", node, location)
        }
        if decoded.hasPrefix("/") {
            guard let tokens = JSONPointer.tokens(decoded) else {
                throw error("cannot resolve reference '\(reference)': invalid JSON Pointer", node, location)
            }
            let found = SchemaLocation(document: resource.document, path: resource.path + tokens)
            guard store.node(at: found) != nil else {
                throw error("cannot resolve reference '\(reference)': nothing at '\(decoded)' in '\(absolute)'", node, location)
            }
            return (found, decoded)
        }
        guard let anchored = index.anchors[absolute + "#" + decoded] else {
            throw error("cannot resolve reference '\(reference)': no anchor '\(decoded)' in '\(absolute)'", node, location)
        }
        return (anchored, decoded)
    }

    /// For a `$dynamicRef` whose target carries a matching `$dynamicAnchor`,
    /// makes every same-named dynamic anchor of the registry available.
    private mutating func registerDynamicAnchors(named name: String) {
        guard registeredDynamicNames.insert(name).inserted else { return }
        for (root, anchors) in index.dynamicAnchors {
            guard let location = anchors[name] else { continue }
            let info = index.info(for: root, in: store)
            let resource = resourceID(for: root, uri: info.baseURI)
            dynamicTable[resource, default: [:]][name] = schemaIndex(for: location)
        }
    }

    // MARK: Keywords

    private mutating func compileKeywords(
        _ mapping: Mapping, at location: SchemaLocation, info: LocationInfo, vocabularies: Set<Vocabulary>
    ) throws(SchemaError) -> [KeywordEntry] {
        var entries: [KeywordEntry] = []
        var last: [KeywordEntry] = []
        let applicators = vocabularies.contains(.applicator)
        let validation = vocabularies.contains(.validation)
        // Documents declaring an earlier draft keep that draft's array keywords:
        // `items` as an array is a tuple, `additionalItems` follows it, `prefixItems` is unknown.
        let legacy = info.dialect.map(Self.isLegacyDialect) ?? false
        let tuple = legacy ? mapping["items"]?.arrayValue : nil
        let prefixCount = applicators ? (legacy ? (tuple?.count ?? 0) : (mapping["prefixItems"]?.arrayValue?.count ?? 0)) : 0

        for entry in mapping {
            let value = entry.value
            let here = location.appending(entry.key)
            func add(_ keyword: Keyword) {
                entries.append(KeywordEntry(name: entry.key, location: value.location, keyword: keyword))
            }
            switch entry.key {
            case "$ref":
                guard let reference = value.stringValue else { continue }
                let (target, _) = try resolve(reference, base: info.baseURI, node: value, at: here)
                add(.reference(.ref(schemaIndex(for: target))))
            case "$dynamicRef":
                guard let reference = value.stringValue else { continue }
                let (target, fragment) = try resolve(reference, base: info.baseURI, node: value, at: here)
                var anchor: String?
                if !fragment.isEmpty, !fragment.hasPrefix("/"),
                   store.node(at: target)?["$dynamicAnchor"]?.stringValue == fragment {
                    anchor = fragment
                    registerDynamicAnchors(named: fragment)
                }
                add(.reference(.dynamicRef(fallback: schemaIndex(for: target), anchor: anchor)))
            case "allOf":
                guard applicators, let items = value.arrayValue else { continue }
                add(.combinator(.allOf(subschemas(items, at: here))))
            case "anyOf":
                guard applicators, let items = value.arrayValue else { continue }
                add(.combinator(.anyOf(subschemas(items, at: here))))
            case "oneOf":
                guard applicators, let items = value.arrayValue else { continue }
                add(.combinator(.oneOf(subschemas(items, at: here))))
            case "prefixItems":
                guard applicators, let items = value.arrayValue, !legacy else { continue }
                add(.array(.prefixItems(subschemas(items, at: here))))
            case "not":
                guard applicators else { continue }
                add(.combinator(.not(schemaIndex(for: here))))
            case "if":
                guard applicators else { continue }
                let thenIndex = mapping["then"] != nil ? schemaIndex(for: location.appending("then")) : nil
                let elseIndex = mapping["else"] != nil ? schemaIndex(for: location.appending("else")) : nil
                add(.combinator(.conditional(condition: schemaIndex(for: here), then: thenIndex, else: elseIndex)))
            case "dependentSchemas", "properties":
                guard applicators, let members = value.objectValue else { continue }
                var named: [NamedSchema] = []
                for member in members {
                    named.append(NamedSchema(name: member.key, schema: schemaIndex(for: here.appending(member.key))))
                }
                add(entry.key == "properties" ? .object(.properties(named)) : .combinator(.dependentSchemas(named)))
            case "dependencies":
                // The pre-2019 keyword, honoured for compatibility: arrays are
                // `dependentRequired`, schemas are `dependentSchemas`.
                guard applicators, let members = value.objectValue else { continue }
                var required: [(String, [String])] = []
                var named: [NamedSchema] = []
                for member in members {
                    if let names = member.value.arrayValue {
                        required.append((member.key, names.compactMap(\.stringValue)))
                    } else {
                        named.append(NamedSchema(name: member.key, schema: schemaIndex(for: here.appending(member.key))))
                    }
                }
                if !required.isEmpty { add(.assertion(.dependentRequired(required))) }
                if !named.isEmpty { add(.combinator(.dependentSchemas(named))) }
            case "patternProperties":
                guard applicators, let members = value.objectValue else { continue }
                var patterns: [PatternSchema] = []
                for member in members {
                    let regex = try compileRegex(member.key, node: member.value, at: here.appending(member.key), keyLocation: member.keyLocation)
                    patterns.append(PatternSchema(pattern: regex, schema: schemaIndex(for: here.appending(member.key))))
                }
                add(.object(.patternProperties(patterns)))
            case "additionalProperties":
                guard applicators else { continue }
                let known = Set(mapping["properties"]?.objectValue?.keys ?? [])
                var patterns: [ECMARegex] = []
                for member in mapping["patternProperties"]?.objectValue ?? Mapping() {
                    patterns.append(try compileRegex(member.key, node: member.value, at: location.appending("patternProperties", member.key), keyLocation: member.keyLocation))
                }
                add(.object(.additionalProperties(schemaIndex(for: here), known: known, patterns: patterns,
                                                  suggestions: mapping["properties"]?.objectValue?.keys ?? [])))
            case "items":
                guard applicators else { continue }
                if let tuple {
                    add(.array(.prefixItems(subschemas(tuple, at: here))))
                } else {
                    add(.array(.items(schemaIndex(for: here), prefixCount: prefixCount)))
                }
            case "additionalItems":
                guard applicators, tuple != nil else { continue }
                add(.array(.items(schemaIndex(for: here), prefixCount: prefixCount)))
            case "contains":
                guard applicators else { continue }
                let minimum = validation ? (mapping["minContains"]?.numberValue.map(Self.count) ?? 1) : 1
                let maximum = validation ? mapping["maxContains"]?.numberValue.map(Self.count) : nil
                add(.array(.contains(schemaIndex(for: here), minimum: minimum, maximum: maximum)))
            case "propertyNames":
                guard applicators else { continue }
                add(.object(.propertyNames(schemaIndex(for: here))))
            case "unevaluatedItems":
                guard vocabularies.contains(.unevaluated) else { continue }
                last.append(KeywordEntry(name: entry.key, location: value.location, keyword: .array(.unevaluatedItems(schemaIndex(for: here)))))
            case "unevaluatedProperties":
                guard vocabularies.contains(.unevaluated) else { continue }
                last.append(KeywordEntry(
                    name: entry.key, location: value.location,
                    keyword: .object(.unevaluatedProperties(schemaIndex(for: here), suggestions: mapping["properties"]?.objectValue?.keys ?? []))))
            case "format":
                guard let name = value.stringValue else { continue }
                let assert = options.assertFormats || vocabularies.contains(.formatAssertion)
                if assert || vocabularies.contains(.formatAnnotation) { add(.assertion(.format(name, assert: assert))) }
            default:
                // The validation vocabulary; any other name (annotations,
                // identifiers, unknown keywords) compiles to nothing.
                guard validation, let assertion = try compileValidation(entry.key, value, at: here) else { continue }
                add(.assertion(assertion))
            }
        }
        return entries + last
    }

    /// Indices of the subschemas of an array-valued applicator, in order.
    private mutating func subschemas(_ items: [Node], at location: SchemaLocation) -> [Int] {
        var indices: [Int] = []
        indices.reserveCapacity(items.count)
        for offset in items.indices { indices.append(schemaIndex(for: location.appending(String(offset)))) }
        return indices
    }

    /// A validation-vocabulary keyword's compiled form; `nil` for any other
    /// name, or a value the keyword ignores.
    private func compileValidation(_ name: String, _ value: Node, at location: SchemaLocation) throws(SchemaError) -> Keyword.Assertion? {
        switch name {
        case "type":
            if let single = value.stringValue { return .type([single]) }
            guard let items = value.arrayValue else { return nil }
            return .type(items.compactMap(\.stringValue))
        case "enum":
            return value.arrayValue.map { .enumeration($0) }
        case "const":
            return .constant(value)
        case "multipleOf":
            guard let number = value.numberValue, !number.isZero, !number.isNegative else { return nil }
            return .multipleOf(number)
        case "maximum": return value.numberValue.map { .maximum($0) }
        case "exclusiveMaximum": return value.numberValue.map { .exclusiveMaximum($0) }
        case "minimum": return value.numberValue.map { .minimum($0) }
        case "exclusiveMinimum": return value.numberValue.map { .exclusiveMinimum($0) }
        case "maxLength": return value.numberValue.map { .maxLength(Self.count($0)) }
        case "minLength": return value.numberValue.map { .minLength(Self.count($0)) }
        case "maxItems": return value.numberValue.map { .maxItems(Self.count($0)) }
        case "minItems": return value.numberValue.map { .minItems(Self.count($0)) }
        case "maxProperties": return value.numberValue.map { .maxProperties(Self.count($0)) }
        case "minProperties": return value.numberValue.map { .minProperties(Self.count($0)) }
        case "uniqueItems": return value.boolValue == true ? .uniqueItems : nil
        case "pattern":
            guard let pattern = value.stringValue else { return nil }
            return .pattern(try compileRegex(pattern, node: value, at: location, keyLocation: nil))
        case "required":
            return value.arrayValue.map { .required($0.compactMap(\.stringValue)) }
        case "dependentRequired":
            guard let members = value.objectValue else { return nil }
            return .dependentRequired(members.map { ($0.key, $0.value.arrayValue?.compactMap(\.stringValue) ?? []) })
        default:
            return nil
        }
    }

    private func compileRegex(_ pattern: String, node: Node, at location: SchemaLocation, keyLocation: SourceLocation?) throws(SchemaError) -> ECMARegex {
        do {
            return try ECMARegex(pattern)
        } catch {
            var failure = self.error("invalid regular expression '\(pattern)': \(error.reason)", node, location)
            if let keyLocation { failure.location = keyLocation }
            throw failure
        }
    }

    /// Dialects before 2020-12, whose array keywords differ.
    static func isLegacyDialect(_ uri: String) -> Bool {
        uri.hasPrefix("https://json-schema.org/draft/2019-09/") || uri.hasPrefix("http://json-schema.org/draft-0")
    }

    /// A non-negative count keyword's value; values beyond `Int` saturate.
    static func count(_ number: Number) -> Int {
        if let value = number.intValue { return max(0, value) }
        return number.isNegative ? 0 : Int.max
    }
}

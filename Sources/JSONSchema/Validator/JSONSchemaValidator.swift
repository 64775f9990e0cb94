import DocumentTree

/// A JSON Schema (draft 2020-12) validator, compiled once and reusable from
/// any thread.
///
/// Compiling resolves every `$ref` and `$dynamicRef`, compiles every regular
/// expression and (by default) checks the schema against its metaschema, so
/// problems with the schema surface as a ``SchemaError`` before any instance
/// is looked at. References are resolved only among the schema itself, the
/// `remoteDocuments` given and the embedded 2020-12 metaschemas; nothing is
/// ever fetched.
///
/// ```swift
/// let validator = try JSONSchemaValidator(schema: schemaNode)
/// for error in validator.validate(instanceNode) {
///     print("\(error.instanceLocation): \(error.message)")
/// }
/// ```
public struct JSONSchemaValidator: Sendable {
    let program: Program
    /// The fast yes-or-no path for programs of common keywords (see ``Decider``).
    let decider: Decider?
    /// The options the validator was compiled with.
    public let options: ValidatorOptions

    /// The base URI used when the schema has no `$id` and none is given.
    public static let defaultBaseURI = "urn:json-schema:root"

    /// Compiles `schema`.
    ///
    /// - Parameters:
    ///   - schema: The schema document.
    ///   - baseURI: The URI the schema was retrieved from; relative `$id`s and
    ///     `$ref`s resolve against it.
    ///   - remoteDocuments: Further schema documents, keyed by the absolute URI
    ///     they are known under, for references between documents.
    ///   - options: Format assertion and metaschema checking.
    /// - Throws: ``SchemaError`` for an unresolvable reference, an invalid
    ///   regular expression, an unsupported required vocabulary or dialect, or
    ///   a schema the metaschema rejects.
    public init(
        schema: Node, baseURI: String = JSONSchemaValidator.defaultBaseURI,
        remoteDocuments: [String: Node] = [:], options: ValidatorOptions = .default
    ) throws(SchemaError) {
        var store = DocumentStore()
        let root = store.add(schema, uri: ResourceIndex.normalized(baseURI))
        for uri in remoteDocuments.keys.sorted() {
            guard let document = remoteDocuments[uri] else { continue }
            _ = store.add(document, uri: ResourceIndex.normalized(uri))
        }
        // Only a schema that names a metaschema (a reference, an identifier, a base
        // URI, a dialect other than the standard one) can reach one: any other is
        // compiled without parsing and indexing the nine of them.
        if Metaschemas.mayBeNamed(by: [schema] + remoteDocuments.values, uris: [baseURI] + remoteDocuments.keys) {
            for metaschema in Metaschemas.documents where remoteDocuments[metaschema.uri] == nil {
                _ = store.add(metaschema.node, uri: metaschema.uri)
            }
        }
        var index = ResourceIndex()
        for document in store.documents.indices { index.discover(document: document, in: store) }

        if options.validateSchema {
            try Self.checkAgainstMetaschema(schema, baseURI: baseURI, store: store, index: index, remoteDocuments: remoteDocuments)
        }
        var compiler = SchemaCompiler(store: store, index: index, options: options)
        program = try compiler.compile(root: SchemaLocation(document: root, path: []))
        decider = Decider(program)
        self.options = options
    }

    /// Every way `instance` fails the schema; empty when it is valid.
    ///
    /// Failures inside `anyOf`/`oneOf` are reduced to the most useful branch
    /// rather than listing every alternative.
    public func validate(_ instance: Node) -> [ValidationError] {
        // Most instances are valid: decide first, without building any message,
        // and explain only what fails.
        switch decider?.decide(instance) {
        case true?: return []
        case false?: break
        case nil: if evaluatorDecides(instance) { return [] }
        }
        var evaluator = Evaluator(program: program, collect: true)
        return evaluator.evaluate(program.root, instance).errors
    }

    /// Whether `instance` is valid; stops at the first failure and builds no messages.
    public func isValid(_ instance: Node) -> Bool {
        decider?.decide(instance) ?? evaluatorDecides(instance)
    }

    /// Whether `instance` is valid, as the ``Evaluator`` decides it.
    func evaluatorDecides(_ instance: Node) -> Bool {
        var evaluator = Evaluator(program: program, collect: false)
        return evaluator.evaluate(program.root, instance).valid
    }
}

extension JSONSchemaValidator {
    /// The compiled standard 2020-12 metaschema, shared by all validators.
    static let standardMetaschema: JSONSchemaValidator? = {
        guard let root = Metaschemas.documents.first(where: { $0.uri == Metaschemas.dialectURI }) else { return nil }
        return try? JSONSchemaValidator(
            schema: root.node, baseURI: Metaschemas.dialectURI, options: ValidatorOptions(validateSchema: false))
    }()

    private static func checkAgainstMetaschema(
        _ schema: Node, baseURI: String, store: DocumentStore, index: ResourceIndex, remoteDocuments: [String: Node]
    ) throws(SchemaError) {
        let declared = schema["$schema"]?.stringValue.map(ResourceIndex.normalized)
        let metaschema: JSONSchemaValidator?
        if declared == nil || declared == Metaschemas.dialectURI {
            metaschema = standardMetaschema
        } else if let declared, let location = index.resources[declared], let node = store.node(at: location) {
            metaschema = try JSONSchemaValidator(
                schema: node, baseURI: declared, remoteDocuments: remoteDocuments,
                options: ValidatorOptions(validateSchema: false))
        } else {
            let node = schema["$schema"] ?? schema
            throw SchemaError(
                "unsupported $schema '\(declared ?? "")': only draft 2020-12 and registered metaschemas are supported",
                at: node.location, pointer: "/$schema", documentURI: baseURI)
        }
        guard let metaschema else { return }
        let violations = metaschema.validate(schema)
        guard let first = violations.first else { return }
        throw SchemaError(
            "invalid schema: \(first.message)", at: first.instanceLocation, pointer: first.instancePointer,
            documentURI: baseURI, violations: violations)
    }
}

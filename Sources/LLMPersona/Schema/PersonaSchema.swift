import DocumentTree
import JSONSchema

/// The schema persona files are checked against, compiled once.
///
/// By default that is the bundled `Schemas/persona.schema.json`; a team may
/// pass its own (`persona validate --schema FILE`), typically an `allOf` of
/// the bundled schema and its own rules — the bundled schema can be
/// referenced by its `$id`, `urn:llm-persona:schema:persona`.
public struct PersonaSchema: Sendable {
    /// The compiled validator, reused for every file.
    public let validator: JSONSchemaValidator
    /// Where the schema came from (a path, or `bundled`).
    public let source: String

    /// The `$id` of the bundled persona schema.
    public static let bundledID = "urn:llm-persona:schema:persona"

    /// The bundled persona schema.
    public static let bundled: PersonaSchema = {
        do {
            let node = try JSONReader.parse(BundledSchemas.persona)
            // Checking it against the metaschema on every start-up would cost more than
            // validating a file; the tests check it (BundledSchemaTests).
            let validator = try JSONSchemaValidator(
                schema: node, baseURI: bundledID, options: ValidatorOptions(validateSchema: false))
            return PersonaSchema(validator: validator, source: "bundled")
        } catch {
            // The bundled schema is part of the program; tests check it compiles.
            preconditionFailure("the bundled persona schema does not compile: \(error)")
        }
    }()

    init(validator: JSONSchemaValidator, source: String) {
        self.validator = validator
        self.source = source
    }

    /// Compiles the schema in the file at `path` (JSON or YAML). The bundled
    /// schema is available to it under its `$id`.
    public static func load(_ path: String, limits: SourceDocuments.Limits = .init()) -> Result<PersonaSchema, DiagnosticList> {
        let documents: [Node]
        switch SourceDocuments.load(path, limits: limits) {
        case .failure(let list): return .failure(list)
        case .success(let nodes): documents = nodes
        }
        guard documents.count == 1, let schema = documents.first else {
            return .failure(DiagnosticList([Diagnostic(file: path, location: .start, message: "a schema file must hold exactly one document")]))
        }
        var remotes: [String: Node] = [:]
        if let bundled = try? JSONReader.parse(BundledSchemas.persona) { remotes[bundledID] = bundled }
        do {
            let validator = try JSONSchemaValidator(schema: schema, baseURI: "file://" + absolute(path), remoteDocuments: remotes)
            return .success(PersonaSchema(validator: validator, source: path))
        } catch {
            var diagnostics = [Diagnostic(file: path, location: error.location, message: "invalid schema: \(error.message)")]
            diagnostics += error.violations.map {
                Diagnostic(file: path, location: $0.instanceLocation, severity: .note, message: $0.message, pointer: $0.instancePointer, keyword: $0.keyword)
            }
            return .failure(DiagnosticList(diagnostics))
        }
    }

    /// Every violation in `document`, as diagnostics about `file` in persona terms.
    public func check(_ document: Node, file: String) -> [Diagnostic] {
        validator.validate(document).map { Self.diagnostic($0, document: document, file: file) }
    }

    private static func absolute(_ path: String) -> String {
        if PathName.isAbsolute(path) { return path }
        return PathName.join(FileManagerPath.current, path)
    }

    /// A validation error in the words of persona files: fields, not properties,
    /// and a quoting hint where a number or boolean stands for text.
    static func diagnostic(_ error: ValidationError, document: Node, file: String) -> Diagnostic {
        var message = error.message
        let tokens = JSONPointer.tokens(error.instancePointer) ?? []
        switch error.keyword {
        case "additionalProperties", "unevaluatedProperties":
            message = message.replacingOccurrences(of: "unknown property", with: "unknown field")
        case "required":
            message = message.replacingOccurrences(of: "missing required property", with: "missing required field")
        case "type":
            if let field = fieldName(tokens), message.hasPrefix("expected ") {
                let rest = message.dropFirst("expected ".count)
                if let comma = rest.range(of: ", found ") {
                    let expected = String(rest[..<comma.lowerBound])
                    let found = String(rest[comma.upperBound...])
                    message = "'\(field)' must be \(article(expected)) \(expected), found \(found)"
                    if expected.contains("string"), let node = node(at: tokens, in: document) {
                        switch node.value {
                        case .number(let n): message += " — quote it: \"\(n.sourceText)\""
                        case .bool(let b): message += " — quote it: \"\(b)\""
                        default: break
                        }
                    }
                }
            }
        default:
            break
        }
        return Diagnostic(
            file: file, location: error.instanceLocation, message: message,
            pointer: error.instancePointer, keyword: error.keyword)
    }

    /// `version`, `capabilities[2]`, `custom_sections.legal` for a pointer into a persona.
    private static func fieldName(_ tokens: [String]) -> String? {
        guard !tokens.isEmpty else { return nil }
        var name = ""
        for token in tokens {
            if let index = Int(token), !name.isEmpty {
                name += "[\(index)]"
            } else {
                name += name.isEmpty ? token : "." + token
            }
        }
        return name
    }

    private static func article(_ typeName: String) -> String {
        guard let first = typeName.first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    private static func node(at tokens: [String], in document: Node) -> Node? {
        var current = document
        for token in tokens {
            switch current.value {
            case .object(let mapping):
                guard let next = mapping[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}

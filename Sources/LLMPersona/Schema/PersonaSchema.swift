import DocumentTree
import JSONSchema
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    public static func load(_ path: String, limits: SourceDocuments.Limits = .init()) throws(DiagnosticList) -> PersonaSchema {
        let documents = try SourceDocuments.load(path, limits: limits)
        guard documents.count == 1, let schema = documents.first else {
            throw DiagnosticList([Diagnostic(file: path, location: .start, message: "a schema file must hold exactly one document")])
        }
        var remotes: [String: Node] = [:]
        if let bundled = try? JSONReader.parse(BundledSchemas.persona) { remotes[bundledID] = bundled }
        do {
            let validator = try JSONSchemaValidator(schema: schema, baseURI: "file://" + absolute(path), remoteDocuments: remotes)
            return PersonaSchema(validator: validator, source: path)
        } catch {
            // The validator names a metaschema violation "invalid schema" itself; say it once,
            // and note only the violations besides the one in the message.
            let message = error.message.hasPrefix("invalid schema: ") ? error.message : "invalid schema: \(error.message)"
            var diagnostics = [Diagnostic(file: path, location: error.location, message: message)]
            diagnostics += error.violations.dropFirst().map {
                Diagnostic(file: path, location: $0.instanceLocation, severity: .note, message: $0.message, pointer: $0.instancePointer, keyword: $0.keyword)
            }
            throw DiagnosticList(diagnostics)
        }
    }

    /// Every violation in `document`, as diagnostics about `file` in persona terms.
    public func check(_ document: Node, file: String) -> [Diagnostic] {
        findings(document, file: file).map(\.diagnostic)
    }

    /// Every violation in `document`, each with what it is about, for matching with the decoder's.
    func findings(_ document: Node, file: String) -> [DocumentFinding] {
        validator.validate(document).map {
            DocumentFinding(subject: DocumentFinding.Subject($0), diagnostic: Self.diagnostic($0, document: document, file: file))
        }
    }

    private static func absolute(_ path: String) -> String {
        if PathName.isAbsolute(path) { return path }
        return PathName.join(currentDirectory(), path)
    }

    /// The working directory (`getcwd`); empty, so that paths stay relative, if it cannot be had.
    private static func currentDirectory() -> String {
        guard let buffer = getcwd(nil, 0) else { return "" }
        defer { free(buffer) }
        return String(cString: buffer)
    }

    /// A validation error in the words of persona files: fields, not
    /// properties; persona and variable naming rules, not the schema's regular
    /// expressions; and a quoting hint where a number or boolean stands for text.
    /// The message is made from the error's ``ValidationError/Kind``, never
    /// from the validator's English.
    static func diagnostic(_ error: ValidationError, document: Node, file: String) -> Diagnostic {
        let tokens = JSONPointer.tokens(error.instancePointer) ?? []
        let place = Place(tokens: tokens, document: document)
        return Diagnostic(
            file: file, location: error.instanceLocation,
            message: message(error.kind, at: place, node: node(at: tokens, in: document)),
            pointer: error.instancePointer, keyword: error.keyword)
    }

    /// Where in a persona file a value is: which persona (in a file of
    /// personas by name) and which field path inside it.
    struct Place {
        /// The persona the value belongs to, when the file maps names to personas.
        var persona: String?
        /// The path inside the persona (or inside the document, when it is neither shape).
        var field: [String]
        /// True for the document itself.
        var isDocument: Bool
        /// How to name the value instead, when it is not a place in the file (a name being judged).
        var label: String?

        init(tokens: [String], document: Node) {
            isDocument = tokens.isEmpty
            let singlePersona = document.objectValue?["name"].map { $0.objectValue == nil } ?? false
            if !singlePersona, document.objectValue != nil, let first = tokens.first {
                persona = first
                field = Array(tokens.dropFirst())
            } else {
                persona = nil
                field = tokens
            }
        }

        /// The value as the subject of a sentence: `'capabilities[2]'`, `persona 'Maya'`, `the file`.
        var subject: String {
            if let label { return label }
            if !field.isEmpty { return "'\(PersonaSchema.fieldName(field))'" }
            if let persona { return "persona '\(persona)'" }
            return isDocument ? "the file" : "the persona"
        }

        /// The place holding the value (for a property, its mapping).
        var container: Place {
            var copy = self
            if !copy.field.isEmpty {
                copy.field.removeLast()
            } else if copy.persona != nil {
                copy.persona = nil
                copy.isDocument = true
            }
            return copy
        }
    }

    /// The persona-file message for `kind` at `place`; `node` is the value there, when found.
    static func message(_ kind: ValidationError.Kind, at place: Place, node: Node?) -> String {
        let subject = place.subject
        switch kind {
        case .type(let expected, _):
            let found = node.map(PersonaDecoder.describe) ?? "another type"
            if place.isDocument {
                return "expected a persona (a mapping with 'name') or a mapping of persona names to personas, found \(found)"
            }
            if place.field.isEmpty, let persona = place.persona {
                return "persona '\(persona)' must be a mapping of fields, found \(found)"
            }
            var text = "\(subject) must be \(alternatives(expected.map(typeWords))), found \(found)"
            if expected.contains("string"), let node {
                switch node.value {
                case .number(let n): text += " — quote it: \"\(n.sourceText)\""
                case .bool(let b): text += " — quote it: \"\(b)\""
                default: break
                }
            }
            return text
        case .unknownProperty(let name, let suggestion):
            let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            let container = place.container
            switch container.field {
            case []:
                return "unknown field '\(name)'\(hint)"
            case ["capabilities"], ["constraints"]:
                return "unknown directive '\(name)' in '\(container.field[0])'\(hint); use one of \(ListEdit.directiveNames)"
            case let path where path.count == 2 && path[0] == "variables":
                return "variable '\(path[1])': unknown field '\(name)'\(hint)"
            default:
                return "unknown field '\(name)' in \(container.subject)\(hint)"
            }
        case .propertyNotAllowed(let name):
            let container = place.container
            return container.field.isEmpty ? "field '\(name)' is not allowed" : "field '\(name)' is not allowed in \(container.subject)"
        case .missingProperty(let name):
            if place.field.isEmpty && place.persona == nil { return "missing required field '\(name)'" }
            return "\(subject) is missing required field '\(name)'"
        case .missingDependentProperty(let name, let trigger):
            let owner = place.field.isEmpty && place.persona == nil ? "" : "\(subject): "
            return "\(owner)field '\(name)' is required when '\(trigger)' is present"
        case .invalidPropertyName(let name, let problem):
            let container = place.container
            let why = rule(problem, value: name)
            if container.field == ["variables"] { return "invalid variable name '\(name)': \(why)" }
            if container.field.isEmpty && container.persona == nil && !place.field.isEmpty {
                return "invalid field name '\(name)': \(why)"
            }
            if place.persona == name && place.field.isEmpty { return "invalid persona name '\(name)': \(why)" }
            return "invalid key '\(name)' in \(container.subject): \(why)"
        case .patternMismatch:
            return "invalid \(subject): \(rule(kind, value: node?.stringValue))"
        case .tooShort(let minimum, let length):
            if minimum == 1 { return "\(subject) must not be empty" }
            return "\(subject) must be at least \(plural(minimum, "character")) long, found \(length)"
        case .tooLong(let maximum, let length):
            return "\(subject) must be at most \(plural(maximum, "character")) long, found \(length)"
        case .notInEnum(let allowed):
            let shown = allowed.prefix(12).map(JSONWriter.compact).joined(separator: ", ")
            return "\(subject) must be one of: \(shown)\(allowed.count > 12 ? ", …" : "")"
        case .notConstant(let expected):
            return "\(subject) must be \(JSONWriter.compact(expected))"
        case .notMultiple(let divisor):
            return "\(subject) must be a multiple of \(divisor)"
        case .aboveMaximum(let limit, let exclusive):
            return "\(subject) must be \(exclusive ? "less than" : "at most") \(limit)"
        case .belowMinimum(let limit, let exclusive):
            return "\(subject) must be \(exclusive ? "greater than" : "at least") \(limit)"
        case .tooManyItems(let maximum, let count):
            return "\(subject) must have at most \(plural(maximum, "item")), found \(count)"
        case .tooFewItems(let minimum, let count):
            return "\(subject) must have at least \(plural(minimum, "item")), found \(count)"
        case .unexpectedItem(let index):
            return "\(subject) may not have an item at index \(index)"
        case .duplicateItems(let first, let second):
            return "\(subject) repeats an item: [\(first)] and [\(second)] are equal, and items must be unique"
        case .tooFewMatches(let minimum, let count):
            return "\(subject) must have at least \(plural(minimum, "item")) of the required kind, found \(count)"
        case .tooManyMatches(let maximum, let count):
            return "\(subject) may have at most \(plural(maximum, "item")) of the given kind, found \(count)"
        case .tooManyProperties(let maximum, let count), .tooFewProperties(let maximum, let count):
            if place.field == ["capabilities"] || place.field == ["constraints"] {
                return "'\(place.field[0])' as a mapping takes exactly one of \(ListEdit.directiveNames)"
            }
            if place.isDocument || (place.field.isEmpty && place.persona == nil) {
                if case .tooFewProperties = kind, count == 0 {
                    return "no personas defined: expected a mapping with 'name', or persona names as keys"
                }
            }
            let bound = if case .tooManyProperties = kind { "at most" } else { "at least" }
            return "\(subject) must have \(bound) \(plural(maximum, "entry", "entries")), found \(count)"
        case .invalidFormat(let format):
            return "\(subject) is not a valid \(format)"
        case .noAlternativeMatched:
            return "\(subject) has none of the allowed forms"
        case .severalAlternativesMatched:
            return "\(subject) has more than one of the allowed forms; it must have exactly one"
        case .matchesNegatedSchema:
            return "\(subject) has a value the schema forbids"
        case .noValueAllowed:
            return "\(subject) is not allowed"
        case .unresolvableReference:
            return "the schema cannot check \(subject): its references never reach a check"
        case .nestingTooDeep(let limit):
            return "schema references nest too deeply (more than \(limit) levels) to check this value"
        }
    }

    /// Why a name or text breaks a rule, in words: the persona and variable
    /// naming rules by name, a team schema's own pattern as written.
    private static func rule(_ problem: ValidationError.Kind, value: String?) -> String {
        switch problem {
        case .patternMismatch(let pattern) where pattern == namePatterns.persona:
            guard let value else { return PersonaName.rule }
            do {
                try PersonaName.check(value)
                return PersonaName.rule
            } catch {
                return error.message
            }
        case .patternMismatch(let pattern) where pattern == namePatterns.variable:
            return "a variable name starts with a letter or '_' and holds only letters, digits and '_'"
        case .patternMismatch(let pattern):
            return "it must match the schema's pattern '\(pattern)'"
        case .tooShort(1, _):
            return "it must not be empty"
        default:
            var it = Place(tokens: [], document: Node(.null))
            it.label = "it"
            return message(problem, at: it, node: value.map { Node(.string($0)) })
        }
    }

    /// The regular expressions of the bundled schema's naming rules, as written there.
    private static let namePatterns: (persona: String?, variable: String?) = {
        guard let schema = try? JSONReader.parse(BundledSchemas.persona) else { return (nil, nil) }
        let persona = schema["$defs"]?["personaName"]?["pattern"]?.stringValue
        let variable = schema["$defs"]?["persona"]?["properties"]?["variables"]?["propertyNames"]?["pattern"]?.stringValue
        return (persona, variable)
    }()

    /// `a string`, `a list`, `a mapping`, `true or false`.
    private static func typeWords(_ type: String) -> String {
        switch type {
        case "string": "a string"
        case "array": "a list"
        case "object": "a mapping"
        case "boolean": "true or false"
        case "integer": "an integer"
        case "number": "a number"
        default: type
        }
    }

    private static func alternatives(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
    }

    private static func plural(_ count: Int, _ noun: String, _ plural: String? = nil) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(plural ?? noun + "s")"
    }

    /// `version`, `capabilities[2]`, `custom_sections.legal` for a path inside a persona.
    static func fieldName(_ tokens: [String]) -> String {
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

import DocumentTree

/// One schema, compiled: references are indices into ``Program/schemas``.
struct CompiledSchema: Sendable {
    enum Body: Sendable {
        case boolean(Bool)
        case keywords([KeywordEntry])
    }

    var body: Body
    /// Where the schema starts in its document.
    var location: SourceLocation
    /// The schema's JSON Pointer inside its document.
    var pointer: String
    /// The schema resource it belongs to (for the dynamic scope).
    var resource: Int
}

/// A keyword as written in a schema, with its compiled form.
struct KeywordEntry: Sendable {
    var name: String
    /// Where the keyword's value starts.
    var location: SourceLocation
    var keyword: Keyword
}

/// A named subschema (`properties`, `dependentSchemas`).
struct NamedSchema: Sendable {
    var name: String
    var schema: Int
}

/// A `patternProperties` entry.
struct PatternSchema: Sendable {
    var pattern: ECMARegex
    var schema: Int
}

/// The compiled keywords. Keywords of the same family that need each other
/// (`items` and `prefixItems`, `contains` and `min/maxContains`,
/// `additionalProperties` and its siblings) carry what they need.
enum Keyword: Sendable {
    // Core
    case ref(Int)
    case dynamicRef(fallback: Int, anchor: String?)
    // Applicators
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(condition: Int, then: Int?, else: Int?)
    case dependentSchemas([NamedSchema])
    case prefixItems([Int])
    case items(Int, prefixCount: Int)
    case contains(Int, minimum: Int, maximum: Int?)
    case properties([NamedSchema])
    case patternProperties([PatternSchema])
    case additionalProperties(Int, known: Set<String>, patterns: [ECMARegex], suggestions: [String])
    case propertyNames(Int)
    // Unevaluated
    case unevaluatedItems(Int)
    case unevaluatedProperties(Int, suggestions: [String])
    // Validation
    case type([String])
    case enumeration([Node])
    case constant(Node)
    case multipleOf(Number)
    case maximum(Number)
    case exclusiveMaximum(Number)
    case minimum(Number)
    case exclusiveMinimum(Number)
    case maxLength(Int)
    case minLength(Int)
    case pattern(ECMARegex)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    case maxProperties(Int)
    case minProperties(Int)
    case required([String])
    case dependentRequired([(String, [String])])
    // Format
    case format(String, assert: Bool)
}

/// A compiled validator: every reachable schema, the root, and the table
/// `$dynamicRef` consults.
struct Program: Sendable {
    let schemas: [CompiledSchema]
    let root: Int
    /// Resource → dynamic anchor name → schema, for names some `$dynamicRef` uses.
    let dynamicAnchors: [Int: [String: Int]]
    /// Retrieval or `$id` URI of each resource, for messages.
    let resourceURIs: [Int: String]
    /// Whether any schema has `unevaluatedItems` or `unevaluatedProperties`: only
    /// then must evaluation record which members and items were evaluated.
    let usesAnnotations: Bool

    init(schemas: [CompiledSchema], root: Int, dynamicAnchors: [Int: [String: Int]], resourceURIs: [Int: String]) {
        self.schemas = schemas
        self.root = root
        self.dynamicAnchors = dynamicAnchors
        self.resourceURIs = resourceURIs
        usesAnnotations = schemas.contains { schema in
            guard case .keywords(let entries) = schema.body else { return false }
            return entries.contains {
                switch $0.keyword {
                case .unevaluatedItems, .unevaluatedProperties: true
                default: false
                }
            }
        }
    }
}

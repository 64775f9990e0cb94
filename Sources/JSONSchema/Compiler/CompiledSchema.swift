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

/// The compiled keywords, grouped by family. Each family is evaluated by one
/// function whose `switch` covers its own enum without a catch-all, and the
/// evaluator's dispatch covers the families, so a keyword added here does not
/// compile until it is evaluated (and, for an applicator that consumes
/// annotations, until ``consumesAnnotations`` says so).
///
/// Keywords of the same family that need each other (`items` and
/// `prefixItems`, `contains` and `min/maxContains`, `additionalProperties` and
/// its siblings) carry what they need; keywords only read by a sibling (`then`,
/// `else`, `minContains`, `maxContains`) have no case of their own.
enum Keyword: Sendable {
    /// `$ref`, `$dynamicRef`.
    case reference(Reference)
    /// In-place applicators: `allOf`, `anyOf`, `oneOf`, `not`,
    /// `if`/`then`/`else`, `dependentSchemas`.
    case combinator(Combinator)
    /// Applicators to array items: `prefixItems`, `items` (and the legacy
    /// `additionalItems`), `contains` with `minContains`/`maxContains`,
    /// `unevaluatedItems`.
    case array(ArrayApplicator)
    /// Applicators to object members: `properties`, `patternProperties`,
    /// `additionalProperties`, `propertyNames`, `unevaluatedProperties`.
    case object(ObjectApplicator)
    /// Assertions on the instance itself: the validation vocabulary and `format`.
    case assertion(Assertion)

    /// The core vocabulary's references.
    enum Reference: Sendable {
        case ref(Int)
        case dynamicRef(fallback: Int, anchor: String?)
    }

    /// Applicators whose subschemas apply to the same instance location.
    enum Combinator: Sendable {
        case allOf([Int])
        case anyOf([Int])
        case oneOf([Int])
        case not(Int)
        case conditional(condition: Int, then: Int?, else: Int?)
        case dependentSchemas([NamedSchema])
    }

    /// Applicators whose subschemas apply to the items of an array.
    enum ArrayApplicator: Sendable {
        case prefixItems([Int])
        case items(Int, prefixCount: Int)
        case contains(Int, minimum: Int, maximum: Int?)
        case unevaluatedItems(Int)

        /// Whether the keyword reads the annotations of its siblings.
        var consumesAnnotations: Bool {
            switch self {
            case .unevaluatedItems: true
            case .prefixItems, .items, .contains: false
            }
        }
    }

    /// Applicators whose subschemas apply to the members (or member names) of an object.
    enum ObjectApplicator: Sendable {
        case properties([NamedSchema])
        case patternProperties([PatternSchema])
        case additionalProperties(Int, known: Set<String>, patterns: [ECMARegex], suggestions: [String])
        case propertyNames(Int)
        case unevaluatedProperties(Int, suggestions: [String])

        /// Whether the keyword reads the annotations of its siblings.
        var consumesAnnotations: Bool {
            switch self {
            case .unevaluatedProperties: true
            case .properties, .patternProperties, .additionalProperties, .propertyNames: false
            }
        }
    }

    /// Keywords that check the instance without applying a subschema.
    enum Assertion: Sendable {
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
        case format(String, assert: Bool)
    }

    /// Whether the keyword reads the annotations of its siblings (only
    /// `unevaluatedItems` and `unevaluatedProperties` do): evaluation records
    /// annotations only for programs that hold such a keyword.
    var consumesAnnotations: Bool {
        switch self {
        case .array(let keyword): keyword.consumesAnnotations
        case .object(let keyword): keyword.consumesAnnotations
        case .reference, .combinator, .assertion: false
        }
    }
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
            return entries.contains { $0.keyword.consumesAnnotations }
        }
    }
}

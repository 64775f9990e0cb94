import DocumentTree

/// One way an instance fails its schema.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the offending value is in the instance's source. For `required`
    /// and `dependentRequired` this is the object lacking the property; for an
    /// unknown or badly named property it is the property's key.
    public var instanceLocation: SourceLocation
    /// The JSON Pointer (RFC 6901) of the offending value in the instance.
    public var instancePointer: String
    /// The keyword that failed (`required`, `type`, `additionalProperties`, …).
    public var keyword: String
    /// The JSON Pointer of the failing keyword inside the schema document that defines it.
    public var schemaPointer: String
    /// Where the failing keyword's value is in the schema's source.
    public var schemaLocation: SourceLocation
    /// What failed, as data: the requirement and what was found. Tools that
    /// speak of their own domain format their messages from this rather than
    /// from ``message``.
    public var kind: Kind
    /// What is wrong, in plain words, e.g. `missing required property 'role'`.
    public var message: String
    /// Extra lines that may help, such as what the other `anyOf` branches wanted.
    public var details: [String]

    /// For merging `anyOf`/`oneOf` branches that all failed on `type`.
    var expectedTypes: [String]? {
        if case .type(let expected, _) = kind { return expected }
        return nil
    }

    public init(
        instanceLocation: SourceLocation, instancePointer: String, keyword: String,
        schemaPointer: String, schemaLocation: SourceLocation, kind: Kind, message: String, details: [String] = []
    ) {
        self.instanceLocation = instanceLocation
        self.instancePointer = instancePointer
        self.keyword = keyword
        self.schemaPointer = schemaPointer
        self.schemaLocation = schemaLocation
        self.kind = kind
        self.message = message
        self.details = details
    }

    /// `line:column: message` (with the pointer when not at the root).
    public var description: String {
        let at = instancePointer.isEmpty ? "" : " (at \(instancePointer))"
        return "\(instanceLocation): \(message)\(at)"
    }
}

extension ValidationError {
    /// What a failed keyword required, and what the instance held instead.
    ///
    /// Lengths count Unicode scalars, as `minLength` and `maxLength` do; type
    /// names are JSON Schema's (`integer` for a number without a fraction).
    public indirect enum Kind: Sendable, Hashable {
        /// The subschema is `false`: no value is allowed here.
        case noValueAllowed
        /// `type`: the value is none of `expected`; `found` is its type.
        case type(expected: [String], found: String)
        /// `enum`: the value is none of `allowed`.
        case notInEnum(allowed: [Node])
        /// `const`: the value is not `expected`.
        case notConstant(expected: Node)
        /// `multipleOf`.
        case notMultiple(of: Number)
        /// `maximum` (or `exclusiveMaximum` when `exclusive`).
        case aboveMaximum(Number, exclusive: Bool)
        /// `minimum` (or `exclusiveMinimum` when `exclusive`).
        case belowMinimum(Number, exclusive: Bool)
        /// `maxLength`: the string has `length` characters.
        case tooLong(maximum: Int, length: Int)
        /// `minLength`: the string has `length` characters.
        case tooShort(minimum: Int, length: Int)
        /// `pattern`: the string does not match the regular expression `pattern` (as written in the schema).
        case patternMismatch(pattern: String)
        /// `maxItems`.
        case tooManyItems(maximum: Int, count: Int)
        /// `minItems`.
        case tooFewItems(minimum: Int, count: Int)
        /// `items`, `prefixItems` or `unevaluatedItems` is `false` for the item at `index`.
        case unexpectedItem(index: Int)
        /// `uniqueItems`: the items at `first` and `second` are equal.
        case duplicateItems(first: Int, second: Int)
        /// `contains` (with `minContains`): too few items match.
        case tooFewMatches(minimum: Int, count: Int)
        /// `maxContains`: too many items match.
        case tooManyMatches(maximum: Int, count: Int)
        /// `maxProperties`.
        case tooManyProperties(maximum: Int, count: Int)
        /// `minProperties`.
        case tooFewProperties(minimum: Int, count: Int)
        /// `required`: the object lacks `name`.
        case missingProperty(name: String)
        /// `dependentRequired`: the object has `trigger` but lacks `name`.
        case missingDependentProperty(name: String, trigger: String)
        /// `additionalProperties` or `unevaluatedProperties` is `false` for
        /// `name`; `suggestion` is a known property it is probably a typo of.
        case unknownProperty(name: String, suggestion: String?)
        /// A `false` subschema in `properties` or `patternProperties` rejects `name`.
        case propertyNotAllowed(name: String)
        /// `propertyNames`: the property name `name` fails its schema with `problem`.
        case invalidPropertyName(name: String, problem: Kind)
        /// `format` (when asserted): the value is not a valid `format`.
        case invalidFormat(format: String)
        /// `anyOf` or `oneOf` (`keyword`): no alternative matched.
        case noAlternativeMatched(keyword: String)
        /// `oneOf`: the alternatives at these indices all matched.
        case severalAlternativesMatched([Int])
        /// `not`: the value matches the negated schema.
        case matchesNegatedSchema
        /// A `$ref` chain that comes back to itself without ever checking a value.
        case unresolvableReference
        /// Subschemas (through references) nest deeper than `limit` levels for one value.
        case nestingTooDeep(limit: Int)
    }
}

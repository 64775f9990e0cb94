import OrderedCollections

/// What happened to a value along a persona's parent chain.
public enum ProvenanceAction: String, Sendable, Hashable {
    /// Written by the persona itself, with nothing inherited to replace.
    case declared
    /// Taken unchanged from an ancestor.
    case inherited
    /// Written by the persona itself in place of an inherited value.
    case overridden
    /// Added after the inherited items.
    case appended
    /// Added before the inherited items.
    case prepended
    /// Taken away by a `remove` directive or a `null`.
    case removed
}

/// A value of the resolved persona, where it was written, and what the chain did with it.
public struct Provenanced<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var origin: Origin
    public var action: ProvenanceAction

    public init(_ value: Value, _ origin: Origin, _ action: ProvenanceAction) {
        self.value = value
        self.origin = origin
        self.action = action
    }
}

/// A persona after inheritance: complete fields plus where each came from.
public struct ResolvedPersona: Sendable, Hashable {
    /// The complete persona (its `parent` is the declared parent).
    public var persona: Persona
    /// The chain of names from the root ancestor down to this persona.
    public var lineage: [String]
    /// The files that contributed, in lineage order, each once.
    public var sources: [String]
    /// Where the persona was declared.
    public var origin: Origin
    /// For each scalar field (`role`, `company`, `tone`, `greeting`, `description`, `version`):
    /// the value's origin and how it got there. Absent when the field is unset.
    public var scalarOrigins: [String: Provenanced<String>]
    /// Scalars cleared with `null`, by field, with the origin of the `null`.
    public var clearedScalars: [String: Origin]
    /// The capabilities, in order, with their provenance.
    public var capabilities: [Provenanced<String>]
    /// The constraints, in order, with their provenance.
    public var constraints: [Provenanced<String>]
    /// Items removed along the chain, by list field, with the origin of the removal.
    public var removedItems: [String: [Provenanced<String>]]
    /// The custom sections, in prompt order, by name.
    public var customSections: OrderedDictionary<String, Provenanced<String>>
    /// The declared variables, by name.
    public var variables: OrderedDictionary<String, Provenanced<VariableDeclaration>>
    /// Map keys removed with `null`, as `field.key`, with the origin of the `null`.
    public var removedKeys: [String: Origin]
}

/// One field of a persona, defined once: its key in files, its kind, and how
/// the compiler treats it.
///
/// The cases are in the order the schema lists the fields. Decoding,
/// inheritance, explanations, artifacts, template checks and the drift guard
/// all derive what they do with a field from here, so a new field is declared
/// by a case, its properties, its storage on ``Persona`` and
/// ``PersonaDeclaration``, and its place in the schema.
public enum PersonaField: String, CaseIterable, Sendable, Hashable {
    case name
    case parent
    case abstract
    case version
    case description
    case role
    case company
    case tone
    case capabilities
    case constraints
    case greeting
    case customSections = "custom_sections"
    case variables

    /// What a field holds.
    public enum Kind: Sendable, Hashable {
        /// Who the persona is and what it inherits from: `name`, `parent`.
        case identity
        /// A true-or-false switch: `abstract`.
        case flag
        /// One text; `null` clears what is inherited.
        case scalar
        /// A list of texts, edited along the chain (`append`, `prepend`, `replace`, `remove`).
        case list
        /// Texts or declarations by key; a `null` value removes an inherited key.
        case map
    }

    /// The field's key, as files write it.
    public var key: String { rawValue }

    /// What the field holds.
    public var kind: Kind {
        switch self {
        case .name, .parent: .identity
        case .abstract: .flag
        case .version, .description, .role, .company, .tone, .greeting: .scalar
        case .capabilities, .constraints: .list
        case .customSections, .variables: .map
        }
    }

    /// Whether a persona takes the field's value from its parent when it does not write it.
    public var inherits: Bool {
        switch self {
        case .name, .parent, .abstract, .version: false
        case .description, .role, .company, .tone, .greeting, .capabilities, .constraints, .customSections, .variables: true
        }
    }

    /// Whether the field's texts may hold template placeholders (`{user}`).
    public var mayHoldPlaceholders: Bool {
        switch self {
        case .role, .company, .tone, .greeting, .capabilities, .constraints, .customSections: true
        case .name, .parent, .abstract, .version, .description, .variables: false
        }
    }

    /// Whether the field is data an application reads at run time besides the
    /// prompt, so that the drift guard counts its change as a change of the persona.
    public var isRunTimeData: Bool {
        switch self {
        case .greeting, .variables: true
        case .name, .parent, .abstract, .version, .description, .role, .company, .tone, .capabilities, .constraints, .customSections: false
        }
    }

    /// Whether a file may write `null` for the field (for a scalar: to clear an inherited value).
    public var mayBeNull: Bool {
        switch self {
        case .name, .parent, .abstract, .role: false
        case .version, .description, .company, .tone, .capabilities, .constraints, .greeting, .customSections, .variables: true
        }
    }

    /// The value a scalar field takes when no persona of the chain sets it.
    public var defaultValue: String? {
        self == .tone ? Persona.defaultTone : nil
    }

    /// Whether the field is part of a persona's artifact (`NAME.json`) and lock
    /// record besides the record's own `name` and `version`.
    public var isArtifactField: Bool {
        switch self {
        case .name, .parent, .abstract, .version: false
        case .description, .role, .company, .tone, .capabilities, .constraints, .greeting, .customSections, .variables: true
        }
    }

    /// The scalar fields, in the order explanations show them: the prompt's
    /// texts first, then `description` and `version`.
    public static let scalars: [PersonaField] = [.role, .company, .tone, .greeting, .description, .version]

    /// The scalar fields whose texts may hold placeholders, in schema order.
    public static let placeholderScalars: [PersonaField] = allCases.filter { $0.kind == .scalar && $0.mayHoldPlaceholders }

    /// The list fields whose texts may hold placeholders, in schema order.
    public static let placeholderLists: [PersonaField] = allCases.filter { $0.kind == .list && $0.mayHoldPlaceholders }
}

// Each field's storage, read and written through a switch over the field rather
// than through key paths: the compiler checks that every field is placed, and a
// plain property access costs nothing at start-up (a key path literal is an
// object the runtime builds on first use) nor per file.

extension Persona {
    /// The value of a scalar field (`nil` when unset, and for fields that are not scalars).
    public subscript(scalar field: PersonaField) -> String? {
        get {
            switch field {
            case .version: version
            case .description: description
            case .role: role
            case .company: company
            case .tone: tone
            case .greeting: greeting
            case .name, .parent, .abstract, .capabilities, .constraints, .customSections, .variables: nil
            }
        }
        set {
            switch field {
            case .version: version = newValue
            case .description: description = newValue
            case .role: role = newValue
            case .company: company = newValue
            case .tone: tone = newValue
            case .greeting: greeting = newValue
            case .name, .parent, .abstract, .capabilities, .constraints, .customSections, .variables: break
            }
        }
    }

    /// The items of a list field (empty for fields that are not lists).
    public subscript(list field: PersonaField) -> [String] {
        switch field {
        case .capabilities: capabilities
        case .constraints: constraints
        case .name, .parent, .abstract, .version, .description, .role, .company, .tone, .greeting, .customSections, .variables: []
        }
    }

    /// A list field's storage, shared with the inheritance chain (ignored for fields that are not lists).
    subscript(textList field: PersonaField) -> TextList {
        get {
            switch field {
            case .capabilities: capabilityList
            case .constraints: constraintList
            case .name, .parent, .abstract, .version, .description, .role, .company, .tone, .greeting, .customSections, .variables: TextList([])
            }
        }
        set {
            switch field {
            case .capabilities: capabilityList = newValue
            case .constraints: constraintList = newValue
            case .name, .parent, .abstract, .version, .description, .role, .company, .tone, .greeting, .customSections, .variables: break
            }
        }
    }
}

extension PersonaDeclaration {
    /// A scalar field as declared (`nil` when not written, and for fields that are not scalars).
    public subscript(scalar field: PersonaField) -> Scalar? {
        get {
            switch field {
            case .version: version
            case .description: description
            case .role: role
            case .company: company
            case .tone: tone
            case .greeting: greeting
            case .name, .parent, .abstract, .capabilities, .constraints, .customSections, .variables: nil
            }
        }
        set {
            switch field {
            case .version: version = newValue
            case .description: description = newValue
            case .role: role = newValue
            case .company: company = newValue
            case .tone: tone = newValue
            case .greeting: greeting = newValue
            case .name, .parent, .abstract, .capabilities, .constraints, .customSections, .variables: break
            }
        }
    }

    /// A list field's edit as declared (`nil` when not written, and for fields that are not lists).
    public subscript(list field: PersonaField) -> Located<ListEdit>? {
        get {
            switch field {
            case .capabilities: capabilities
            case .constraints: constraints
            case .name, .parent, .abstract, .version, .description, .role, .company, .tone, .greeting, .customSections, .variables: nil
            }
        }
        set {
            switch field {
            case .capabilities: capabilities = newValue
            case .constraints: constraints = newValue
            case .name, .parent, .abstract, .version, .description, .role, .company, .tone, .greeting, .customSections, .variables: break
            }
        }
    }
}

extension ResolvedPersona {
    /// The items of a list field after inheritance, with provenance (empty for fields that are not lists).
    public subscript(list field: PersonaField) -> [Provenanced<String>] {
        switch field {
        case .capabilities: capabilities
        case .constraints: constraints
        case .name, .parent, .abstract, .version, .description, .role, .company, .tone, .greeting, .customSections, .variables: []
        }
    }

    /// The inherited items a list field took away, with provenance (empty for fields that are not lists).
    public subscript(removed field: PersonaField) -> [Provenanced<String>] {
        get {
            switch field {
            case .capabilities: removedCapabilities
            case .constraints: removedConstraints
            case .name, .parent, .abstract, .version, .description, .role, .company, .tone, .greeting, .customSections, .variables: []
            }
        }
        set {
            switch field {
            case .capabilities: removedCapabilities = newValue
            case .constraints: removedConstraints = newValue
            case .name, .parent, .abstract, .version, .description, .role, .company, .tone, .greeting, .customSections, .variables: break
            }
        }
    }

    /// A list field's items as inheritance keeps them, shared along the chain
    /// (ignored for fields that are not lists).
    subscript(inheritedList field: PersonaField) -> InheritedList {
        get {
            switch field {
            case .capabilities: capabilityList
            case .constraints: constraintList
            case .name, .parent, .abstract, .version, .description, .role, .company, .tone, .greeting, .customSections, .variables: InheritedList()
            }
        }
        set {
            switch field {
            case .capabilities: capabilityList = newValue
            case .constraints: constraintList = newValue
            case .name, .parent, .abstract, .version, .description, .role, .company, .tone, .greeting, .customSections, .variables: break
            }
        }
    }
}

import DocumentTree

/// Where a value was written: which persona, which file, which position.
public struct Origin: Sendable, Hashable, CustomStringConvertible {
    /// The persona whose declaration holds the value.
    public var persona: String
    /// The file, as the user named it; `nil` for personas defined in code.
    public var file: String?
    /// The position in the file.
    public var location: SourceLocation?

    /// An origin in `file` at `location`; without a file, a persona defined in code.
    public init(persona: String, file: String? = nil, location: SourceLocation? = nil) {
        self.persona = persona
        self.file = file
        self.location = location
    }

    /// `file:line:col`, or `(code)` for personas defined in code.
    public var place: String {
        guard let file else { return "(code)" }
        guard let location else { return file }
        return "\(file):\(location.line):\(location.column)"
    }

    /// `PERSONA at PLACE`.
    public var description: String { "\(persona) at \(place)" }
}

/// A value and where it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var origin: Origin

    /// `value`, written at `origin`.
    public init(_ value: Value, _ origin: Origin) {
        self.value = value
        self.origin = origin
    }
}

/// How a declaration changes an inherited list field (`capabilities`, `constraints`).
///
/// Written as a plain list, a list field appends: the parent's items first,
/// then the child's, an item equal to an earlier one dropped. Written as a
/// mapping with exactly one of `replace`, `append`, `prepend`, `remove`, it
/// says so explicitly.
public enum ListEdit: Sendable, Hashable {
    case append([Located<String>])
    case prepend([Located<String>])
    case replace([Located<String>])
    case remove([Located<String>])

    /// The directive's name as written in files.
    public var directive: String {
        switch self {
        case .append: "append"
        case .prepend: "prepend"
        case .replace: "replace"
        case .remove: "remove"
        }
    }

    /// The directive's items, each with its position.
    public var items: [Located<String>] {
        switch self {
        case .append(let i), .prepend(let i), .replace(let i), .remove(let i): i
        }
    }
}

/// One key of a map field (`custom_sections`, `variables`) as a declaration writes it.
public struct MapEntryEdit<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The key and where it was written.
    public var key: Located<String>
    /// The new value, or `nil` to remove an inherited key (`legal: null`).
    public var value: Value?

    public init(key: Located<String>, value: Value?) {
        self.key = key
        self.value = value
    }
}

/// A persona as one file (or one `Persona` value in code) declares it, before
/// inheritance: only what it sets, each value with its origin.
///
/// ``PersonaResolver`` turns declarations into complete ``Persona`` values.
public struct PersonaDeclaration: Sendable, Hashable {
    /// A scalar field's declared state: a value, or an explicit `null` that clears what is inherited.
    public typealias Scalar = Located<String?>

    /// The persona's name, where it was written (the `name` value, or the key in the name-keyed layout).
    public var name: Located<String>
    /// The `parent` it names, if any.
    public var parent: Located<String>?
    /// `role`, when written; `nil` when left to inherit. Never an explicit `null` (that is an error).
    public var role: Scalar?
    /// `company`, when written; a `nil` value clears an inherited company.
    public var company: Scalar?
    /// `tone`, when written; a `nil` value clears an inherited tone (the default applies).
    public var tone: Scalar?
    /// `greeting`, when written; a `nil` value clears an inherited greeting.
    public var greeting: Scalar?
    /// `description`, when written; a `nil` value clears an inherited description.
    public var description: Scalar?
    /// `version`, when written. Never inherited.
    public var version: Scalar?
    /// The `capabilities` edit, with where the field's value starts.
    public var capabilities: Located<ListEdit>?
    /// The `constraints` edit, with where the field's value starts.
    public var constraints: Located<ListEdit>?
    /// The `custom_sections` keys it writes, in order; a `nil` value removes an inherited section.
    public var customSections: [MapEntryEdit<Located<String>>]
    /// The `variables` it writes, in order; a `nil` value removes an inherited variable.
    public var variables: [MapEntryEdit<Located<VariableDeclaration>>]
    /// `abstract: true`: a base that is not emitted and need not be complete. Never inherited.
    public var isAbstract: Bool
    /// Where the declaration's mapping starts.
    public var origin: Origin

    /// A declaration of `name` that sets nothing yet.
    public init(name: Located<String>, origin: Origin) {
        self.name = name
        self.origin = origin
        self.customSections = []
        self.variables = []
        self.isAbstract = false
    }
}

extension PersonaDeclaration {
    /// The declaration a `Persona` value made in code stands for: every field it sets
    /// (lists append to what a parent gives, as in files).
    public init(_ persona: Persona) {
        let origin = Origin(persona: persona.name)
        func scalar(_ value: String?) -> Scalar? { value.map { Located(Optional($0), origin) } }
        self.init(name: Located(persona.name, origin), origin: origin)
        parent = persona.parent.map { Located($0, origin) }
        role = scalar(persona.role)
        company = scalar(persona.company)
        tone = scalar(persona.tone)
        greeting = scalar(persona.greeting)
        description = scalar(persona.description)
        version = scalar(persona.version)
        if !persona.capabilities.isEmpty {
            capabilities = Located(.append(persona.capabilities.map { Located($0, origin) }), origin)
        }
        if !persona.constraints.isEmpty {
            constraints = Located(.append(persona.constraints.map { Located($0, origin) }), origin)
        }
        customSections = persona.customSections.map {
            MapEntryEdit(key: Located($0.key, origin), value: Located($0.value, origin))
        }
        variables = persona.variables.map {
            MapEntryEdit(key: Located($0.key, origin), value: Located($0.value, origin))
        }
        isAbstract = persona.isAbstract
    }
}

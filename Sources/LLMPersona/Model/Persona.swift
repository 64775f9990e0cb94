import OrderedCollections

/// An agent persona: who the agent is, how it speaks, what it may and may not do.
///
/// The fields and defaults are those of the original Python `llm_persona.Persona`
/// dataclass, so a persona defined in Swift, in YAML or in JSON renders to the
/// same system prompt:
///
/// ```swift
/// let maya = Persona(
///     name: "Maya",
///     role: "Customer Support Specialist",
///     company: "Acme Corp",
///     tone: "helpful, concise, empathetic",
///     capabilities: ["Look up order status"],
///     constraints: ["Never promise specific delivery dates"],
///     greeting: "Hi, I'm Maya from Acme support."
/// )
/// print(maya.buildSystemPrompt())
/// ```
///
/// A persona may also be a *declaration* that names a `parent`; such a persona
/// leaves unset what it inherits (`role` may be `nil`) and becomes complete
/// when a ``PersonaRegistry`` resolves it.
public struct Persona: Sendable, Hashable {
    /// The tone used when none is given: `helpful and professional`.
    public static let defaultTone = "helpful and professional"

    /// The persona's name; also the name of its build artifacts.
    public var name: String
    /// The persona this one inherits from, if any.
    public var parent: String?
    /// What the agent is (`Customer Support Specialist`). `nil` only in declarations that inherit it.
    public var role: String?
    /// The company the agent works for. An empty string counts as absent.
    public var company: String?
    /// How the agent speaks. `nil` means inherited or, at the root, ``defaultTone``.
    public var tone: String?
    /// What the agent can do, one prompt line each.
    public var capabilities: [String] {
        get { capabilityList.values }
        set { capabilityList = TextList(newValue) }
    }
    /// What the agent must not do, one prompt line each.
    public var constraints: [String] {
        get { constraintList.values }
        set { constraintList = TextList(newValue) }
    }
    /// The storage of ``capabilities``: a resolved persona shares it with its parent.
    var capabilityList: TextList
    /// The storage of ``constraints``.
    var constraintList: TextList
    /// The agent's opening line. Data for the application, not part of the prompt.
    public var greeting: String?
    /// Extra prompt blocks by section name, in prompt order. The prompt carries the texts, not the names.
    public var customSections: OrderedDictionary<String, String>
    /// The persona's version (semantic versions recommended).
    public var version: String?
    /// A human description of the persona. Not part of the prompt.
    public var description: String?
    /// Template variables the persona's texts may use, by name.
    public var variables: OrderedDictionary<String, VariableDeclaration>
    /// An abstract persona is a base for others: it is not emitted and need not be complete.
    public var isAbstract: Bool

    /// A persona with these fields. With a `parent`, it is a declaration for a
    /// ``PersonaRegistry``: what it leaves `nil` is inherited, and its lists and
    /// sections are added to the parent's, as a file's would be.
    public init(
        name: String,
        parent: String? = nil,
        role: String? = nil,
        company: String? = nil,
        tone: String? = nil,
        capabilities: [String] = [],
        constraints: [String] = [],
        greeting: String? = nil,
        customSections: OrderedDictionary<String, String> = [:],
        version: String? = nil,
        description: String? = nil,
        variables: OrderedDictionary<String, VariableDeclaration> = [:],
        isAbstract: Bool = false
    ) {
        self.name = name
        self.parent = parent
        self.role = role
        self.company = company
        self.tone = tone
        self.capabilityList = TextList(capabilities)
        self.constraintList = TextList(constraints)
        self.greeting = greeting
        self.customSections = customSections
        self.version = version
        self.description = description
        self.variables = variables
        self.isAbstract = isAbstract
    }

    /// The tone the prompt uses: ``tone`` or ``defaultTone``.
    public var effectiveTone: String { tone ?? Persona.defaultTone }
}

/// A template variable a persona declares (see the `variables` field).
public struct VariableDeclaration: Sendable, Hashable {
    /// What the variable holds, for people filling it.
    public var description: String?
    /// The value used when none is given.
    public var defaultValue: String?
    /// Whether a value must be supplied (at build or at run time).
    public var isRequired: Bool

    /// A variable with an optional description and default.
    public init(description: String? = nil, defaultValue: String? = nil, isRequired: Bool = false) {
        self.description = description
        self.defaultValue = defaultValue
        self.isRequired = isRequired
    }
}

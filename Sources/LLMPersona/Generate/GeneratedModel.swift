import DocumentTree

/// A language the personas can be compiled into (`persona generate LANG`).
public enum TargetLanguage: String, Sendable, Hashable, CaseIterable {
    case swift, python, typescript

    /// The language's name in messages.
    public var displayName: String {
        switch self {
        case .swift: "Swift"
        case .python: "Python"
        case .typescript: "TypeScript"
        }
    }
}

/// What a generated file holds, independent of the language: one entry per
/// concrete persona, its texts split once into literal segments and parameters.
public struct GeneratedModule: Sendable, Hashable {
    /// The input files, as given (relative paths stay relative), in reading order.
    public var sources: [String]
    /// The `persona --version` that generated the file.
    public var generatorVersion: String
    /// The concrete personas, in the order of their names (byte order).
    public var personas: [GeneratedPersona]

    /// A module of `personas`, read from `sources` by `generatorVersion`.
    public init(sources: [String], generatorVersion: String, personas: [GeneratedPersona]) {
        self.sources = sources
        self.generatorVersion = generatorVersion
        self.personas = personas
    }
}

/// One persona as generated code offers it.
public struct GeneratedPersona: Sendable, Hashable {
    /// The persona's name, as written.
    public var name: String
    /// The accessor's identifier in the target language (`mayaPremium`, `maya_premium`).
    public var identifier: String
    /// The version, when the persona has one.
    public var version: String?
    /// The fingerprint of the prompt template (``PersonaRecord/templateFingerprint``):
    /// values are supplied at run time, so the template is what the code holds.
    public var fingerprint: String
    /// The chain of names from the root ancestor down to this persona.
    public var lineage: [String]
    /// The variables still to be given at run time, in declaration order.
    public var parameters: [GeneratedParameter]
    /// The system prompt as pieces.
    public var systemPrompt: [GeneratedPiece]
    /// The greeting as pieces; `nil` when the persona has no greeting.
    public var greeting: [GeneratedPiece]?
    /// The persona's description, for the accessor's documentation.
    public var description: String?

    /// A persona with these members.
    public init(
        name: String, identifier: String, version: String?, fingerprint: String, lineage: [String],
        parameters: [GeneratedParameter], systemPrompt: [GeneratedPiece], greeting: [GeneratedPiece]?,
        description: String? = nil
    ) {
        self.description = description
        self.name = name
        self.identifier = identifier
        self.version = version
        self.fingerprint = fingerprint
        self.lineage = lineage
        self.parameters = parameters
        self.systemPrompt = systemPrompt
        self.greeting = greeting
    }
}

/// A variable the generated `systemPrompt` takes.
public struct GeneratedParameter: Sendable, Hashable {
    /// The variable's name, as declared (the key in the dynamic tables).
    public var name: String
    /// The parameter's name in the target language: `name`, or an escaped form of it.
    public var identifier: String
    /// The value used when none is given; `nil` for a required variable. An
    /// optional variable without a declared default is the empty text.
    public var defaultValue: String?
    /// What the variable holds, when declared.
    public var description: String?

    /// A parameter for variable `name`, written `identifier`, defaulting to `defaultValue`.
    public init(name: String, identifier: String, defaultValue: String?, description: String? = nil) {
        self.name = name
        self.identifier = identifier
        self.defaultValue = defaultValue
        self.description = description
    }
}

/// A piece of a generated text: literal text, or the value of a parameter.
public enum GeneratedPiece: Sendable, Hashable {
    /// Text as it appears in the output.
    case literal(String)
    /// The value of ``GeneratedPersona/parameters``[index].
    case parameter(Int)
}

extension Array where Element == GeneratedPiece {
    /// The text with `values` (by parameter index) in place of the parameters.
    public func filled(_ values: [String]) -> String {
        var text = ""
        for piece in self {
            switch piece {
            case .literal(let literal): text += literal
            case .parameter(let index): text += values[index]
            }
        }
        return text
    }

    /// The bytes of the literal pieces, and how many times each parameter is used.
    var literalUTF8Count: Int {
        reduce(0) { if case .literal(let text) = $1 { $0 + text.utf8.count } else { $0 } }
    }
}

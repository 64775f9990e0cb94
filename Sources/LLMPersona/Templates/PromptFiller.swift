import DocumentTree
import OrderedCollections

/// Values for template variables given at build time (`--var`, `--vars`).
public struct VariableValues: Sendable, Hashable {
    /// Values by variable name.
    public var values: [String: String]
    /// When true, a variable left without a value is an error instead of staying a placeholder.
    public var strict: Bool

    public init(_ values: [String: String] = [:], strict: Bool = false) {
        self.values = values
        self.strict = strict
    }

    /// Reads a `--vars` file: a YAML or JSON mapping of variable name to text.
    public static func load(_ path: String, limits: SourceDocuments.Limits = .init()) throws(DiagnosticList) -> [String: String] {
        let documents = try SourceDocuments.load(path, limits: limits)
        guard documents.count == 1, let root = documents.first, let mapping = root.objectValue else {
            let location = documents.first?.location ?? .start
            throw DiagnosticList([Diagnostic(file: path, location: location, message: "expected a mapping of variable name to value")])
        }
        var values: [String: String] = [:]
        var errors: [Diagnostic] = []
        for entry in mapping {
            if let text = entry.value.stringValue {
                values[entry.key] = text
            } else {
                let hint = entry.value.numberValue.map { " — quote it: \"\($0.sourceText)\"" } ?? ""
                errors.append(Diagnostic(
                    file: path, location: entry.value.location,
                    message: "value of '\(entry.key)' must be a string, found \(PersonaDecoder.describe(entry.value))\(hint)"))
            }
        }
        guard errors.isEmpty else { throw DiagnosticList(errors) }
        return values
    }
}

/// A variable still to be filled when the prompt is used.
public struct RemainingVariable: Sendable, Hashable {
    public var name: String
    public var declaration: VariableDeclaration
}

/// A persona's prompt and greeting after build-time filling.
public struct FilledPrompt: Sendable, Hashable {
    /// What `NAME.txt` holds: the prompt, or — when variables remain — the
    /// template, in `str.format` syntax (`{name}`, literal braces doubled).
    public var text: String
    /// The persona's prompt template before any value was filled in, in
    /// `str.format` syntax (see ``Persona/promptTemplateText``). Build-time
    /// values do not change it, so the drift guard compares its fingerprint.
    public var template: String
    /// The variables left as placeholders in ``text``, in order of first use.
    public var remaining: [RemainingVariable]
    /// The greeting filled like the prompt: the text when nothing remains in
    /// it, else a template; `nil` when the persona has no greeting.
    public var greeting: String?
    /// The variables left as placeholders in ``greeting``, in order of first use.
    public var greetingRemaining: [RemainingVariable]

    /// A filled prompt and greeting.
    public init(
        text: String, template: String, remaining: [RemainingVariable], greeting: String? = nil,
        greetingRemaining: [RemainingVariable] = []
    ) {
        self.text = text
        self.template = template
        self.remaining = remaining
        self.greeting = greeting
        self.greetingRemaining = greetingRemaining
    }

    /// True when `text` is a template.
    public var isTemplate: Bool { !remaining.isEmpty }

    /// Every variable left to fill at run time, in the prompt or the greeting:
    /// the prompt's in order of first use, then the greeting's others.
    public var allRemaining: [RemainingVariable] {
        guard !greetingRemaining.isEmpty else { return remaining }
        var seen = Set(remaining.map(\.name))
        return remaining + greetingRemaining.filter { seen.insert($0.name).inserted }
    }
}

/// Fills persona prompts at build time; `persona build` and `persona render` share it.
///
/// Every text that may hold placeholders counts: the prompt's texts and the
/// greeting. The persona's name is literal text.
public enum PromptFiller {
    /// Fills `persona`'s prompt and greeting with `values`, then defaults.
    /// Required variables without a value stay as placeholders, or — with
    /// `strict` — are errors, whether the prompt or the greeting uses them.
    public static func fill(_ resolved: ResolvedPersona, _ values: VariableValues) throws(DiagnosticList) -> FilledPrompt {
        let persona = resolved.persona
        let template = persona.promptTemplateText
        let prompt: (text: String, remaining: [String])
        do {
            prompt = try fill(template, persona: persona, values: values)
        } catch {
            throw DiagnosticList([diagnostic(resolved, "\(TemplateError.syntax(field: "prompt", error.errors))")])
        }
        var greeting: (text: String, remaining: [String])?
        if let text = persona.greeting {
            do {
                greeting = try fill(text, persona: persona, values: values)
            } catch {
                throw DiagnosticList([diagnostic(resolved, "\(TemplateError.syntax(field: "greeting", error.errors))")])
            }
        }
        func remaining(_ names: [String]) -> [RemainingVariable] {
            names.map { RemainingVariable(name: $0, declaration: persona.variables[$0] ?? VariableDeclaration(isRequired: true)) }
        }
        let result = FilledPrompt(
            text: prompt.text, template: template, remaining: remaining(prompt.remaining),
            greeting: greeting?.text, greetingRemaining: remaining(greeting?.remaining ?? []))
        let unfilled = result.allRemaining
        if values.strict && !unfilled.isEmpty {
            throw DiagnosticList(unfilled.map {
                diagnostic(resolved, "variable '\($0.name)' of '\(persona.name)' has no value, and strict filling needs one: give it a value or a default")
                    .caused(by: .strictVariables)
            })
        }
        return result
    }

    /// Throws what ``fill(_:_:)`` throws, without filling anything: the check of a
    /// build that writes nothing (`validate`).
    ///
    /// Without strict filling, only a misuse of braces fails, and a prompt whose
    /// texts are each well formed is well formed (the text between them holds no
    /// brace, the name's braces are doubled): then one scan of each text is
    /// the whole check. Anything else is filled, for the same diagnostics.
    public static func check(_ resolved: ResolvedPersona, _ values: VariableValues) throws(DiagnosticList) {
        if !values.strict && textsAreWellFormed(resolved.persona) { return }
        _ = try fill(resolved, values)
    }

    /// Whether every text of the prompt (``Persona/promptTemplateText``) and the greeting parses.
    private static func textsAreWellFormed(_ persona: Persona) -> Bool {
        func wellFormed(_ text: String?) -> Bool { text.map(Template.isWellFormed) ?? true }
        return wellFormed(persona.role) && wellFormed(persona.company) && wellFormed(persona.effectiveTone)
            && wellFormed(persona.greeting)
            && persona.capabilityList.allSatisfy(Template.isWellFormed)
            && persona.constraintList.allSatisfy(Template.isWellFormed)
            && persona.customSections.values.allSatisfy(Template.isWellFormed)
    }

    /// What `build` would write to `NAME.txt` for this one persona: ``fill(_:_:)``,
    /// and a value in `values` that the persona does not declare is an error too.
    /// An abstract persona has no prompt: ``PersonaError/abstract(name:)``'s diagnostic.
    public static func render(_ resolved: ResolvedPersona, _ values: VariableValues) throws(DiagnosticList) -> FilledPrompt {
        if resolved.persona.isAbstract {
            throw DiagnosticList(PersonaError.abstract(name: resolved.persona.name).diagnostics)
        }
        let filled = try fill(resolved, values)
        let unknown = unknownNames(values, in: [resolved])
        guard unknown.isEmpty else { throw DiagnosticList(unknown) }
        return filled
    }

    /// One text filled with `values`, then defaults: the text itself when no
    /// variable remains, else its `str.format` template; and the variables left.
    private static func fill(
        _ text: String, persona: Persona, values: VariableValues
    ) throws(Template.SyntaxErrors) -> (text: String, remaining: [String]) {
        // Nearly always every variable has a value or a default: fill the text in one pass.
        let declarations = persona.variables
        let direct = Template.filled(text) { name in
            values.values[name] ?? declarations[name].flatMap { $0.isRequired ? $0.defaultValue : ($0.defaultValue ?? "") }
        }
        if let direct { return (direct, []) }
        // Else what remains, or what is wrong, through the template's segments.
        let parsed = try Template.parse(text)
        let filled = PromptTemplate(template: parsed, declarations: persona.variables).partiallyFilled(values.values)
        let remaining = filled.variableNames
        guard remaining.isEmpty else { return (filled.formatText, remaining) }
        // Nothing left to fill: the literal text, braces as they read.
        return (filled.segments.map { if case .literal(let t) = $0 { t } else { "" } }.joined(), [])
    }

    /// Errors for `values` that no persona in `personas` declares: problems of
    /// the values, not of a file (an empty ``Diagnostic/file``).
    public static func unknownNames(_ values: VariableValues, in personas: [ResolvedPersona]) -> [Diagnostic] {
        let declared = Set(personas.flatMap { $0.persona.variables.keys })
        return values.values.keys.sorted().filter { !declared.contains($0) }.map { name in
            Diagnostic(
                file: "", location: nil,
                message: "unknown variable '\(name)': no persona declares it" + Suggestions.hint(for: name, in: declared.sorted()),
                setting: PersonaSetting.variableValues.rawValue)
        }
    }

    private static func diagnostic(_ resolved: ResolvedPersona, _ message: String) -> Diagnostic {
        Diagnostic(file: resolved.origin.file ?? "(code)", location: resolved.origin.location, message: message)
    }
}

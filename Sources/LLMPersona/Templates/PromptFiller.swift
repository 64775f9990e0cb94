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
    public static func load(_ path: String, limits: SourceDocuments.Limits = .init()) -> Result<[String: String], DiagnosticList> {
        let documents: [Node]
        switch SourceDocuments.load(path, limits: limits) {
        case .failure(let list): return .failure(list)
        case .success(let nodes): documents = nodes
        }
        guard documents.count == 1, let root = documents.first, let mapping = root.objectValue else {
            let location = documents.first?.location ?? .start
            return .failure(DiagnosticList([Diagnostic(file: path, location: location, message: "expected a mapping of variable name to value")]))
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
        return errors.isEmpty ? .success(values) : .failure(DiagnosticList(errors))
    }
}

/// A variable still to be filled when the prompt is used.
public struct RemainingVariable: Sendable, Hashable {
    public var name: String
    public var declaration: VariableDeclaration
}

/// A persona's prompt after build-time filling.
public struct FilledPrompt: Sendable, Hashable {
    /// What `NAME.txt` holds: the prompt, or — when variables remain — the
    /// template, in `str.format` syntax (`{name}`, literal braces doubled).
    public var text: String
    /// The persona's prompt template before any value was filled in. The
    /// fingerprint is taken over it, so build-time values do not count as a change.
    public var template: String
    /// The variables left as placeholders, in order of first use.
    public var remaining: [RemainingVariable]

    /// True when `text` is a template.
    public var isTemplate: Bool { !remaining.isEmpty }
}

/// Fills persona prompts at build time; `persona build` and `persona render` share it.
public enum PromptFiller {
    /// Fills `persona`'s prompt with `values`, then defaults. Required variables without a
    /// value stay as placeholders, or are errors with `strict`.
    public static func fill(_ resolved: ResolvedPersona, _ values: VariableValues) -> Result<FilledPrompt, DiagnosticList> {
        let persona = resolved.persona
        let template = persona.buildSystemPrompt()
        let compiled: PromptTemplate
        switch Template.parse(template) {
        case .failure(let list):
            return .failure(DiagnosticList([diagnostic(resolved, "\(TemplateError.syntax(field: "prompt", list.errors))")]))
        case .success(let parsed):
            compiled = PromptTemplate(template: parsed, declarations: persona.variables)
        }
        let filled = compiled.partiallyFilled(values.values)
        let remaining = filled.variableNames.map {
            RemainingVariable(name: $0, declaration: persona.variables[$0] ?? VariableDeclaration(isRequired: true))
        }
        if values.strict && !remaining.isEmpty {
            return .failure(DiagnosticList(remaining.map {
                diagnostic(resolved, "variable '\($0.name)' of '\(persona.name)' has no value (--strict): give it with --var \($0.name)=VALUE or a default")
            }))
        }
        let text: String
        if remaining.isEmpty {
            // Nothing left to fill: the literal prompt, braces as they read.
            text = filled.segments.map { if case .literal(let t) = $0 { t } else { "" } }.joined()
        } else {
            text = filled.formatText
        }
        return .success(FilledPrompt(text: text, template: template, remaining: remaining))
    }

    /// Errors for `values` that no persona in `personas` declares.
    public static func unknownNames(_ values: VariableValues, in personas: [ResolvedPersona]) -> [Diagnostic] {
        let declared = Set(personas.flatMap { $0.persona.variables.keys })
        return values.values.keys.sorted().filter { !declared.contains($0) }.map { name in
            Diagnostic(
                file: "--var", location: nil,
                message: "unknown variable '\(name)': no persona declares it" + Suggestions.hint(for: name, in: declared.sorted()))
        }
    }

    private static func diagnostic(_ resolved: ResolvedPersona, _ message: String) -> Diagnostic {
        Diagnostic(file: resolved.origin.file ?? "(code)", location: resolved.origin.location, message: message)
    }
}

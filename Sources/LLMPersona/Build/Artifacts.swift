import DocumentTree

/// What `persona build` emits for one persona.
public enum ArtifactFormat: String, Sendable, CaseIterable {
    /// `NAME.txt`: exactly the prompt bytes.
    case text
    /// `NAME.json`: the resolved persona, its prompt and where it came from.
    case json
    /// Both.
    case all
}

/// One file to write into the output folder.
public struct Artifact: Sendable, Hashable {
    /// The file name inside the output folder (`Maya.txt`); never a path.
    public var fileName: String
    public var contents: [UInt8]

    public init(fileName: String, contents: [UInt8]) {
        self.fileName = fileName
        self.contents = contents
    }
}

/// Turns resolved personas into artifact files.
public enum ArtifactBuilder {
    /// The artifacts of every non-abstract persona, sorted by file name, with
    /// template variables filled from `values` (see ``PromptFiller``).
    public static func artifacts(
        for personas: [ResolvedPersona], format: ArtifactFormat, values: VariableValues = .init()
    ) -> Result<[Artifact], DiagnosticList> {
        var result: [Artifact] = []
        var errors = PromptFiller.unknownNames(values, in: personas)
        for resolved in personas where !resolved.persona.isAbstract {
            let filled: FilledPrompt
            switch PromptFiller.fill(resolved, values) {
            case .failure(let list):
                errors += list.diagnostics
                continue
            case .success(let prompt): filled = prompt
            }
            if format != .json {
                result.append(Artifact(fileName: resolved.persona.name + ".txt", contents: Array(filled.text.utf8)))
            }
            if format != .text {
                let json = JSONWriter.pretty(jsonDocument(resolved, prompt: filled, values: values))
                result.append(Artifact(fileName: resolved.persona.name + ".json", contents: Array(json.utf8)))
            }
        }
        if !errors.isEmpty { return .failure(DiagnosticList(errors)) }
        return .success(result.sorted { $0.fileName.utf8.lexicographicallyPrecedes($1.fileName.utf8) })
    }

    /// The JSON artifact of one persona: its name, resolved fields, prompt, remaining variables and origins.
    public static func jsonDocument(_ resolved: ResolvedPersona, prompt filled: FilledPrompt, values: VariableValues = .init()) -> Node {
        let persona = resolved.persona
        func string(_ s: String?) -> Node { s.map { Node(.string($0)) } ?? Node(.null) }
        func strings(_ items: [String]) -> Node { Node(.array(items.map { Node(.string($0)) })) }
        var object = Mapping()
        object.set("name", Node(.string(persona.name)))
        object.set("version", string(persona.version))
        object.set("description", string(persona.description))
        object.set("lineage", strings(resolved.lineage))
        object.set("role", string(persona.role))
        object.set("company", string(persona.company))
        object.set("tone", Node(.string(persona.effectiveTone)))
        object.set("capabilities", strings(persona.capabilities))
        object.set("constraints", strings(persona.constraints))
        object.set("greeting", string(persona.greeting.map { greeting in
            // The greeting is a template too; fill what the build can, like the prompt.
            guard case .success(let template) = Template.parse(greeting) else { return greeting }
            let compiled = PromptTemplate(template: template, declarations: persona.variables)
            let partial = compiled.partiallyFilled(values.values)
            return partial.variableNames.isEmpty ? (try? compiled.render(values.values)) ?? greeting : partial.formatText
        }))
        var sections = Mapping()
        for (name, text) in persona.customSections { sections.set(name, Node(.string(text))) }
        object.set("custom_sections", Node(.object(sections)))
        object.set("prompt", Node(.string(filled.text)))
        object.set("variables", Node(.array(filled.remaining.map { variable in
            var entry = Mapping()
            entry.set("name", Node(.string(variable.name)))
            entry.set("required", Node(.bool(variable.declaration.isRequired)))
            entry.set("default", string(variable.declaration.defaultValue))
            entry.set("description", string(variable.declaration.description))
            return Node(.object(entry))
        })))
        object.set("sources", strings(resolved.sources))
        return Node(.object(object))
    }
}

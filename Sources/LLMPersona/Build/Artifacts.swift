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
    /// The artifacts of every non-abstract persona, sorted by file name.
    public static func artifacts(for personas: [ResolvedPersona], format: ArtifactFormat) -> [Artifact] {
        var result: [Artifact] = []
        for resolved in personas where !resolved.persona.isAbstract {
            let prompt = resolved.persona.buildSystemPrompt()
            if format != .json {
                result.append(Artifact(fileName: resolved.persona.name + ".txt", contents: Array(prompt.utf8)))
            }
            if format != .text {
                let json = JSONWriter.pretty(jsonDocument(resolved, prompt: prompt))
                result.append(Artifact(fileName: resolved.persona.name + ".json", contents: Array(json.utf8)))
            }
        }
        return result.sorted { $0.fileName.utf8.lexicographicallyPrecedes($1.fileName.utf8) }
    }

    /// The JSON artifact of one persona: its name, resolved fields, prompt and origins.
    public static func jsonDocument(_ resolved: ResolvedPersona, prompt: String) -> Node {
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
        object.set("greeting", string(persona.greeting))
        var sections = Mapping()
        for (name, text) in persona.customSections { sections.set(name, Node(.string(text))) }
        object.set("custom_sections", Node(.object(sections)))
        object.set("prompt", Node(.string(prompt)))
        object.set("sources", strings(resolved.sources))
        return Node(.object(object))
    }
}

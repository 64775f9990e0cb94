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
    /// The file's exact bytes.
    public var contents: [UInt8]

    /// An artifact named `fileName` holding `contents`.
    public init(fileName: String, contents: [UInt8]) {
        self.fileName = fileName
        self.contents = contents
    }
}

/// One persona as the build describes it: its name, version, prompt
/// fingerprint and resolved fields.
///
/// The JSON artifact is a record plus the prompt and the source files; a
/// `personas.lock` entry is a record.
public struct PersonaRecord: Sendable, Hashable {
    /// The persona's name.
    public var name: String
    /// The persona's version, when it has one.
    public var version: String?
    /// ``Fingerprint`` of the prompt template.
    public var fingerprint: String
    /// The resolved fields, in artifact order: `description`, `lineage`,
    /// `role`, `company`, `tone`, `capabilities`, `constraints`, `greeting`,
    /// `custom_sections`, `variables`. A record read from a lock file holds
    /// whatever fields that file gives.
    public var fields: Mapping

    /// A record with the given members.
    public init(name: String, version: String?, fingerprint: String, fields: Mapping) {
        self.name = name
        self.version = version
        self.fingerprint = fingerprint
        self.fields = fields
    }

    /// The record as a JSON object: `name`, `version`, `fingerprint`, then the fields.
    public var node: Node {
        var object = Mapping()
        object.set("name", Node(.string(name)))
        object.set("version", version.map { Node(.string($0)) } ?? Node(.null))
        object.set("fingerprint", Node(.string(fingerprint)))
        for entry in fields { object.set(entry.key, entry.value) }
        return Node(.object(object))
    }
}

/// Turns resolved personas into artifact files.
public enum ArtifactBuilder {
    /// The prompt template of a persona: the text of `NAME.txt`, and what its fingerprint covers.
    ///
    /// Today this is the whole system prompt; once personas hold template
    /// variables, it is the prompt with the variables that remain unfilled.
    public static func template(for persona: Persona) -> String {
        persona.buildSystemPrompt()
    }

    /// The record of a resolved persona: name, version, fingerprint and resolved fields.
    public static func record(for resolved: ResolvedPersona) -> PersonaRecord {
        let persona = resolved.persona
        func string(_ s: String?) -> Node { s.map { Node(.string($0)) } ?? Node(.null) }
        func strings(_ items: [String]) -> Node { Node(.array(items.map { Node(.string($0)) })) }
        var fields = Mapping()
        fields.set("description", string(persona.description))
        fields.set("lineage", strings(resolved.lineage))
        fields.set("role", string(persona.role))
        fields.set("company", string(persona.company))
        fields.set("tone", Node(.string(persona.effectiveTone)))
        fields.set("capabilities", strings(persona.capabilities))
        fields.set("constraints", strings(persona.constraints))
        fields.set("greeting", string(persona.greeting))
        var sections = Mapping()
        for (name, text) in persona.customSections { sections.set(name, Node(.string(text))) }
        fields.set("custom_sections", Node(.object(sections)))
        var variables = Mapping()
        for (name, declaration) in persona.variables {
            var object = Mapping()
            object.set("description", string(declaration.description))
            object.set("default", string(declaration.defaultValue))
            object.set("required", Node(.bool(declaration.isRequired)))
            variables.set(name, Node(.object(object)))
        }
        fields.set("variables", Node(.object(variables)))
        return PersonaRecord(
            name: persona.name, version: persona.version,
            fingerprint: Fingerprint.of(template(for: persona)), fields: fields)
    }

    /// The JSON artifact of one persona: its record, then `prompt` and `sources`.
    ///
    /// `Schemas/artifact.schema.json` describes it.
    public static func jsonDocument(_ resolved: ResolvedPersona) -> Node {
        guard case .object(var object) = record(for: resolved).node.value else { return Node(.null) }
        object.set("prompt", Node(.string(template(for: resolved.persona))))
        object.set("sources", Node(.array(resolved.sources.map { Node(.string($0)) })))
        return Node(.object(object))
    }

    /// The files of one persona in `format`, sorted by file name; none for an abstract persona.
    public static func artifacts(for resolved: ResolvedPersona, format: ArtifactFormat) -> [Artifact] {
        guard !resolved.persona.isAbstract else { return [] }
        var result: [Artifact] = []
        let name = resolved.persona.name
        if format != .text {
            result.append(Artifact(fileName: name + ".json", contents: Array(JSONWriter.pretty(jsonDocument(resolved)).utf8)))
        }
        if format != .json {
            result.append(Artifact(fileName: name + ".txt", contents: Array(template(for: resolved.persona).utf8)))
        }
        return result
    }

    /// The artifacts of every non-abstract persona, sorted by file name (without the manifest).
    public static func artifacts(for personas: [ResolvedPersona], format: ArtifactFormat) -> [Artifact] {
        personas.flatMap { artifacts(for: $0, format: format) }.sorted { $0.fileName.utf8.lexicographicallyPrecedes($1.fileName.utf8) }
    }
}

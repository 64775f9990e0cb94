import DocumentTree
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OrderedCollections

/// Which files `persona build` emits for each persona: a set of formats, each
/// one file (`[.text]`, `[.json]`, or ``all``).
public struct ArtifactFormat: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    /// The set with the formats whose bits are set in `rawValue`.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `NAME.txt`: exactly the prompt bytes.
    public static let text = ArtifactFormat(rawValue: 1 << 0)
    /// `NAME.json`: the resolved persona, its prompt and where it came from.
    public static let json = ArtifactFormat(rawValue: 1 << 1)
    /// Every format.
    public static let all: ArtifactFormat = [.text, .json]

    /// The file name persona `name` gets in the single format `self` (`Maya.txt`).
    func fileName(for name: String) -> String {
        self == .json ? name + ".json" : name + ".txt"
    }
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
/// fingerprints and resolved fields.
///
/// The JSON artifact is a record plus the prompt and the source files; a
/// `personas.lock` entry is a record.
public struct PersonaRecord: Sendable, Hashable {
    /// The persona's name.
    public var name: String
    /// The persona's version, when it has one.
    public var version: String?
    /// ``Fingerprint`` of the prompt as built: exactly the bytes of `NAME.txt`.
    public var fingerprint: String
    /// ``Fingerprint`` of the prompt template, before any variable is filled
    /// (``FilledPrompt/template``). Build-time values do not change it; the
    /// drift guard compares it.
    public var templateFingerprint: String
    /// The resolved fields, in artifact order: `description`, `lineage`,
    /// `role`, `company`, `tone`, `capabilities`, `constraints`, `greeting`,
    /// `custom_sections`, `variables`. A record read from a lock file holds
    /// whatever fields that file gives.
    public var fields: Mapping {
        get {
            switch storage {
            case .mapping(let fields): fields
            case .resolved(let resolved): Self.fields(of: resolved.persona, lineage: resolved.lineage)
            }
        }
        set { storage = .mapping(newValue) }
    }

    /// A build plans a record for every persona but rarely reads its fields, so
    /// a record made from a resolved persona keeps it (one shared reference) and
    /// makes the fields, lineage included, when asked.
    private enum Storage: Sendable {
        case mapping(Mapping)
        case resolved(ResolvedPersona)
    }

    private var storage: Storage

    /// A record with the given members. Without a `templateFingerprint`, the
    /// template's is taken to be `fingerprint` (a prompt with no variables and
    /// no braces is its own template).
    public init(name: String, version: String?, fingerprint: String, templateFingerprint: String? = nil, fields: Mapping) {
        self.name = name
        self.version = version
        self.fingerprint = fingerprint
        self.templateFingerprint = templateFingerprint ?? fingerprint
        storage = .mapping(fields)
    }

    /// The record of a resolved persona; its fields are made from `resolved` when read.
    init(resolved: ResolvedPersona, fingerprint: String, templateFingerprint: String) {
        let persona = resolved.persona
        name = persona.name
        version = persona.version
        self.fingerprint = fingerprint
        self.templateFingerprint = templateFingerprint
        storage = .resolved(resolved)
    }

    public static func == (lhs: PersonaRecord, rhs: PersonaRecord) -> Bool {
        lhs.name == rhs.name && lhs.version == rhs.version && lhs.fingerprint == rhs.fingerprint
            && lhs.templateFingerprint == rhs.templateFingerprint && lhs.fields == rhs.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(version)
        hasher.combine(fingerprint)
        hasher.combine(templateFingerprint)
        hasher.combine(fields)
    }

    private static func fields(of persona: Persona, lineage: [String]) -> Mapping {
        func string(_ s: String?) -> Node { s.map { Node(.string($0)) } ?? Node(.null) }
        func strings(_ items: [String]) -> Node { Node(.array(items.map { Node(.string($0)) })) }
        var fields = Mapping()
        // The artifact fields in schema order; the lineage follows the description.
        for field in PersonaField.allCases where field.isArtifactField {
            switch field.kind {
            case .scalar:
                fields.set(field.key, string(persona[scalar: field] ?? field.defaultValue))
            case .list:
                fields.set(field.key, strings(persona[list: field]))
            case .map:
                var entries = Mapping()
                if field == .customSections {
                    for (name, text) in persona.customSections { entries.set(name, Node(.string(text))) }
                } else {
                    for (name, declaration) in persona.variables { entries.set(name, ArtifactBuilder.variableNode(declaration)) }
                }
                fields.set(field.key, Node(.object(entries)))
            case .identity, .flag:
                continue
            }
            if field == .description { fields.set("lineage", strings(lineage)) }
        }
        return fields
    }

    /// The record as a JSON object: `name`, `version`, `fingerprint`,
    /// `template_fingerprint`, then the fields.
    public var node: Node {
        var object = Mapping()
        object.set("name", Node(.string(name)))
        object.set("version", version.map { Node(.string($0)) } ?? Node(.null))
        object.set("fingerprint", Node(.string(fingerprint)))
        object.set("template_fingerprint", Node(.string(templateFingerprint)))
        for entry in fields { object.set(entry.key, entry.value) }
        return Node(.object(object))
    }
}

/// Turns resolved personas into artifact files.
public enum ArtifactBuilder {
    /// The prompt template of a persona, in `str.format` syntax, before any
    /// variable is filled: what ``PersonaRecord/templateFingerprint`` covers.
    /// `NAME.txt` is this text only when no variable of the prompt has a value
    /// or a default and it holds no literal brace.
    public static func template(for persona: Persona) -> String {
        persona.promptTemplateText
    }

    /// The record of a resolved persona as a build without `--var` values
    /// describes it: name, version, fingerprints and resolved fields.
    public static func record(for resolved: ResolvedPersona) -> PersonaRecord {
        record(for: resolved, prompt: filledWithDefaults(resolved))
    }

    /// The record of `resolved`, whose prompt was filled into `filled`: the
    /// fingerprint is that of `NAME.txt`, the template fingerprint that of the template.
    static func record(for resolved: ResolvedPersona, prompt filled: FilledPrompt) -> PersonaRecord {
        let fingerprint = Fingerprint.of(filled.text)
        // A prompt with nothing filled is its own template: one digest for both.
        return PersonaRecord(
            resolved: resolved, fingerprint: fingerprint,
            templateFingerprint: sameBytes(filled.template, filled.text) ? fingerprint : Fingerprint.of(filled.template))
    }

    /// Whether two strings hold the same UTF-8 bytes (not merely canonically equivalent text).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }

    /// The prompt filled with no build-time values (defaults fill what they can);
    /// for a text that misuses braces (possible only for personas defined in
    /// code), the template as it reads.
    static func filledWithDefaults(_ resolved: ResolvedPersona) -> FilledPrompt {
        if let filled = try? PromptFiller.fill(resolved, VariableValues()) { return filled }
        let template = template(for: resolved.persona)
        return FilledPrompt(text: template, template: template, remaining: [], greeting: resolved.persona.greeting)
    }

    /// The JSON artifact of one persona: its record, with `greeting` filled
    /// like the prompt and `variables` listing only the variables left to
    /// fill at run time (in the prompt or the greeting), then `prompt`
    /// (exactly `NAME.txt`) and `sources`.
    ///
    /// `Schemas/artifact.schema.json` describes it. `values` is not read: `filled`
    /// already holds the prompt and the greeting filled with them.
    public static func jsonDocument(_ resolved: ResolvedPersona, prompt filled: FilledPrompt, values: VariableValues = .init()) -> Node {
        jsonDocument(resolved, record: record(for: resolved, prompt: filled), prompt: filled)
    }

    static func jsonDocument(_ resolved: ResolvedPersona, record: PersonaRecord, prompt filled: FilledPrompt) -> Node {
        guard case .object(var object) = record.node.value else { return Node(.null) }
        object.set(PersonaField.greeting.key, filled.greeting.map { Node(.string($0)) } ?? Node(.null))
        var remaining = Mapping()
        for variable in filled.allRemaining {
            remaining.set(variable.name, variableNode(variable.declaration))
        }
        object.set(PersonaField.variables.key, Node(.object(remaining)))
        object.set("prompt", Node(.string(filled.text)))
        object.set("sources", Node(.array(resolved.sources.map { Node(.string($0)) })))
        return Node(.object(object))
    }

    /// The JSON artifact of one persona with no build-time values (defaults fill what they can).
    public static func jsonDocument(_ resolved: ResolvedPersona) -> Node {
        jsonDocument(resolved, prompt: filledWithDefaults(resolved))
    }

    /// The files of one persona in `format`, sorted by file name; none for an abstract persona.
    ///
    /// Template variables are filled from `values`, then defaults (see ``PromptFiller``).
    public static func artifacts(
        for resolved: ResolvedPersona, format: ArtifactFormat, values: VariableValues = .init()
    ) throws(DiagnosticList) -> [Artifact] {
        guard !resolved.persona.isAbstract else { return [] }
        let filled = try PromptFiller.fill(resolved, values)
        return files(resolved, record: record(for: resolved, prompt: filled), prompt: filled, format: format)
    }

    /// The files in `format` of a concrete persona whose prompt was filled into
    /// `filled` and described by `record`, sorted by file name.
    static func files(_ resolved: ResolvedPersona, record: PersonaRecord, prompt filled: FilledPrompt, format: ArtifactFormat) -> [Artifact] {
        var result: [Artifact] = []
        let name = resolved.persona.name
        if format.contains(.json) {
            result.append(Artifact(fileName: ArtifactFormat.json.fileName(for: name), contents: jsonBytes(resolved, record: record, prompt: filled)))
        }
        if format.contains(.text) {
            result.append(Artifact(fileName: ArtifactFormat.text.fileName(for: name), contents: Array(filled.text.utf8)))
        }
        return result
    }

    /// The bytes of `JSONWriter.prettyBytes(jsonDocument(resolved, record: record, prompt: filled))`
    /// for a `record` made from `resolved` (``record(for:prompt:)``), written straight
    /// to bytes in the same member order, without building the tree.
    static func jsonBytes(_ resolved: ResolvedPersona, record: PersonaRecord, prompt filled: FilledPrompt) -> [UInt8] {
        let persona = resolved.persona
        var json = PrettyJSONStream(capacity: 2 * filled.text.utf8.count + 1024)
        json.open("{")
        json.key("name"); json.string(record.name)
        json.key("version"); json.string(orNull: record.version)
        json.key("fingerprint"); json.string(record.fingerprint)
        json.key("template_fingerprint"); json.string(record.templateFingerprint)
        // The fields as `PersonaRecord` makes them, with `greeting` filled and
        // `variables` holding what remains to fill (as `jsonDocument` sets them).
        for field in PersonaField.allCases where field.isArtifactField {
            switch field.kind {
            case .scalar:
                json.key(field.key)
                json.string(orNull: field == .greeting ? filled.greeting : persona[scalar: field] ?? field.defaultValue)
            case .list:
                json.key(field.key)
                json.strings(persona[list: field])
            case .map:
                json.key(field.key)
                json.open("{")
                if field == .customSections {
                    for (name, text) in persona.customSections {
                        json.key(name)
                        json.string(text)
                    }
                } else {
                    for variable in filled.allRemaining {
                        json.key(variable.name)
                        writeVariable(variable.declaration, to: &json)
                    }
                }
                json.close("}")
            case .identity, .flag:
                continue
            }
            if field == .description {
                json.key("lineage")
                json.strings(resolved.lineage)
            }
        }
        json.key("prompt"); json.string(filled.text)
        json.key("sources"); json.strings(resolved.sources)
        json.close("}")
        return json.finish()
    }

    /// ``variableNode(_:)``, written to `json`.
    private static func writeVariable(_ declaration: VariableDeclaration, to json: inout PrettyJSONStream) {
        json.open("{")
        json.key("description"); json.string(orNull: declaration.description)
        json.key("default"); json.string(orNull: declaration.defaultValue)
        json.key("required"); json.bool(declaration.isRequired)
        json.close("}")
    }

    /// The artifacts of every non-abstract persona, sorted by file name (without the manifest).
    /// A value in `values` that no persona declares is an error.
    public static func artifacts(
        for personas: [ResolvedPersona], format: ArtifactFormat, values: VariableValues = .init()
    ) throws(DiagnosticList) -> [Artifact] {
        var errors = PromptFiller.unknownNames(values, in: personas)
        var result: [Artifact] = []
        for resolved in personas {
            do {
                result += try artifacts(for: resolved, format: format, values: values)
            } catch {
                errors += error.diagnostics
            }
        }
        if !errors.isEmpty { throw DiagnosticList(errors) }
        return result.sorted { ByteOrder.less($0.fileName, $1.fileName) }
    }

    /// `{description, default, required}` of a declaration.
    static func variableNode(_ declaration: VariableDeclaration) -> Node {
        var object = Mapping()
        object.set("description", declaration.description.map { Node(.string($0)) } ?? Node(.null))
        object.set("default", declaration.defaultValue.map { Node(.string($0)) } ?? Node(.null))
        object.set("required", Node(.bool(declaration.isRequired)))
        return Node(.object(object))
    }
}

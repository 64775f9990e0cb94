import DocumentTree

/// `DIR/manifest.json`: every persona a build emitted, with its version,
/// fingerprint, what its `NAME.txt` holds and its files — the one file a
/// deployment reads to know what it ships.
///
/// ```json
/// {
///   "format": 1,
///   "personas": [
///     {"name": "Maya", "version": "1.2.0", "fingerprint": "sha256:…", "prompt": "filled", "files": ["Maya.json", "Maya.txt"]}
///   ]
/// }
/// ```
///
/// Personas are sorted by name, files by name. The next build removes the
/// files this manifest lists that it no longer produces, and nothing else.
public struct Manifest: Sendable, Hashable {
    /// The manifest's file name inside the output folder.
    public static let fileName = "manifest.json"
    /// The version of the manifest's layout, written as `format`.
    public static let formatVersion = 1

    /// The `{"format": …, "personas": […]}` envelope of a manifest.
    private static let file = PersonaListFile(
        format: formatVersion, document: "a manifest",
        wrongFormat: "not a persona build manifest of format \(formatVersion)")

    /// What a persona's `NAME.txt` holds, written as `prompt`.
    public enum PromptKind: String, Sendable, Hashable {
        /// The prompt itself: every variable was filled at build time (or there are none).
        case filled
        /// A template in `str.format` syntax: required variables remain as
        /// `{name}` and literal braces are doubled; fill it before use.
        case template
    }

    /// One emitted persona.
    public struct Entry: Sendable, Hashable {
        /// The persona's name.
        public var name: String
        /// The persona's version, when it has one.
        public var version: String?
        /// ``Fingerprint`` of the persona's prompt as built: exactly the bytes of `NAME.txt`.
        public var fingerprint: String
        /// Whether `NAME.txt` is the filled prompt or a template still holding variables.
        public var prompt: PromptKind
        /// The persona's files inside the output folder, sorted.
        public var files: [String]

        /// An entry with the given members.
        public init(name: String, version: String?, fingerprint: String, prompt: PromptKind = .filled, files: [String]) {
            self.name = name
            self.version = version
            self.fingerprint = fingerprint
            self.prompt = prompt
            self.files = files
        }
    }

    /// The emitted personas, sorted by name.
    public var personas: [Entry]

    /// A manifest of `personas` (sorted by name here).
    public init(personas: [Entry]) {
        self.personas = personas.sorted { ByteOrder.less($0.name, $1.name) }
    }

    /// Every file the manifest lists (not the manifest itself), sorted.
    public var files: [String] {
        personas.flatMap(\.files).sorted { ByteOrder.less($0, $1) }
    }

    /// The manifest as pretty JSON, with a final newline: the bytes of
    /// ``PersonaListFile/encoded(_:)`` over the entries, written straight to bytes.
    public func encoded() -> [UInt8] {
        var json = PrettyJSONStream(capacity: 256 * personas.count + 64)
        json.open("{")
        json.key("format"); json.integer(Self.formatVersion)
        json.key("personas")
        json.open("[")
        for entry in personas {
            json.item()
            json.open("{")
            json.key("name"); json.string(entry.name)
            json.key("version"); json.string(orNull: entry.version)
            json.key("fingerprint"); json.string(entry.fingerprint)
            json.key("prompt"); json.string(entry.prompt.rawValue)
            json.key("files"); json.strings(entry.files)
            json.close("}")
        }
        json.close("]")
        json.close("}")
        return json.finish()
    }

    /// ``encoded()`` through a document tree: the reference the direct writer is tested against.
    func encodedThroughTree() -> [UInt8] {
        Self.file.encoded(personas.map { entry in
            var object = Mapping()
            object.set("name", Node(.string(entry.name)))
            object.set("version", entry.version.map { Node(.string($0)) } ?? Node(.null))
            object.set("fingerprint", Node(.string(entry.fingerprint)))
            object.set("prompt", Node(.string(entry.prompt.rawValue)))
            object.set("files", Node(.array(entry.files.map { Node(.string($0)) })))
            return Node(.object(object))
        })
    }

    /// Reads a manifest written by ``encoded()``.
    public static func decode(_ bytes: [UInt8]) throws(DocumentError) -> Manifest {
        // Nearly always the bytes are exactly as ``encoded()`` wrote them: read those
        // directly; anything else goes through the JSON reader and its checks.
        var canonical = CanonicalReader(bytes)
        if let manifest = canonical.manifest() { return manifest }
        var entries: [Entry] = []
        for item in try file.entries(in: bytes) {
            guard let name = PersonaListFile.name(of: item),
                  let files = item["files"]?.arrayValue
            else {
                throw DocumentError("each persona needs a string 'name' and an array 'files'", at: item.location)
            }
            var names: [String] = []
            for file in files {
                guard let fileName = file.stringValue else {
                    throw DocumentError("file names must be strings, found \(file.typeName)", at: file.location)
                }
                names.append(fileName)
            }
            // A manifest written before `prompt` existed lacks it.
            var prompt = PromptKind.filled
            if let kind = item["prompt"] {
                guard let text = kind.stringValue, let known = PromptKind(rawValue: text) else {
                    throw DocumentError("'prompt' must be \"filled\" or \"template\"", at: kind.location)
                }
                prompt = known
            }
            entries.append(Entry(
                name: name, version: item["version"]?.stringValue,
                fingerprint: item["fingerprint"]?.stringValue ?? "", prompt: prompt, files: names))
        }
        return Manifest(personas: entries)
    }
}

/// Reads a manifest in exactly the layout ``Manifest/encoded()`` writes, with no
/// escape in any string; `nil` at the first byte that differs from that layout,
/// so that the general reader decides (and reports) everything else. What it
/// returns is what the general reader would.
private struct CanonicalReader {
    let bytes: [UInt8]
    var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func manifest() -> Manifest? {
        guard take("{\n  \"format\": \(Manifest.formatVersion),\n  \"personas\": [") else { return nil }
        var entries: [Manifest.Entry] = []
        if take("]\n}\n") { return at == bytes.count ? Manifest(personas: entries) : nil }
        while true {
            guard take("\n    {\n      \"name\": "), let name = string(),
                  take(",\n      \"version\": ") else { return nil }
            var version: String?
            if !take("null") {
                guard let text = string() else { return nil }
                version = text
            }
            guard take(",\n      \"fingerprint\": "), let fingerprint = string(),
                  take(",\n      \"prompt\": "), let kind = string(), let prompt = Manifest.PromptKind(rawValue: kind),
                  take(",\n      \"files\": [") else { return nil }
            var files: [String] = []
            if !take("]") {
                while true {
                    guard take("\n        "), let file = string() else { return nil }
                    files.append(file)
                    if take(",") { continue }
                    guard take("\n      ]") else { return nil }
                    break
                }
            }
            guard take("\n    }") else { return nil }
            entries.append(Manifest.Entry(name: name, version: version, fingerprint: fingerprint, prompt: prompt, files: files))
            if take(",") { continue }
            guard take("\n  ]\n}\n"), at == bytes.count else { return nil }
            return Manifest(personas: entries)
        }
    }

    /// Consumes `literal` if the bytes continue with it.
    mutating func take(_ literal: String) -> Bool {
        var index = at
        for byte in literal.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        at = index
        return true
    }

    /// A string literal without escapes or control characters, in valid UTF-8.
    mutating func string() -> String? {
        guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
        var end = at + 1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F { return nil }
            end += 1
        }
        guard end < bytes.count, let text = String(validating: bytes[(at + 1)..<end], as: UTF8.self) else { return nil }
        at = end + 1
        return text
    }
}

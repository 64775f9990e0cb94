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

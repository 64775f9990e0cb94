import DocumentTree

/// The JSON envelope shared by `manifest.json` and `personas.lock`:
///
/// ```json
/// {"format": 1, "personas": [{"name": "Maya", …}, …]}
/// ```
///
/// It writes and checks the envelope (the root object, its `format` and its
/// `personas` array); each file reads its own entries.
struct PersonaListFile: Sendable {
    /// The layout version, written as `format`.
    var format: Int
    /// What the file is, with its article, for messages: "a manifest".
    var document: String
    /// The message when `format` is missing or is not ``format``.
    var wrongFormat: String

    /// `entries` in the envelope, as pretty JSON with a final newline.
    func encoded(_ entries: [Node]) -> [UInt8] {
        var root = Mapping()
        root.set("format", Node(.number(Number(format))))
        root.set("personas", Node(.array(entries)))
        return JSONWriter.prettyBytes(Node(.object(root)))
    }

    /// The entries of the `personas` array, after checking the envelope.
    func entries(in bytes: [UInt8]) throws(DocumentError) -> [Node] {
        let root = try JSONReader.parse(bytes)
        guard let object = root.objectValue else {
            throw DocumentError("\(document) is a JSON object, found \(root.typeName)", at: root.location)
        }
        guard let version = object["format"], version.numberValue?.intValue == format else {
            throw DocumentError(wrongFormat, at: object["format"]?.location ?? root.location)
        }
        guard let list = object["personas"]?.arrayValue else {
            throw DocumentError("'personas' must be an array", at: object["personas"]?.location ?? root.location)
        }
        return list
    }

    /// An entry's `name`, when it is a string.
    static func name(of entry: Node) -> String? {
        entry["name"]?.stringValue
    }
}

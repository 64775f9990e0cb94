import DocumentTree

/// The draft 2020-12 metaschemas, embedded so that schemas can be checked and
/// `https://json-schema.org/draft/2020-12/...` references resolve without files
/// or network.
enum Metaschemas {
    /// The 2020-12 dialect's metaschema URI.
    static let dialectURI = "https://json-schema.org/draft/2020-12/schema"

    /// Each metaschema's URI and JSON text.
    static let sources: [(uri: String, text: String)] = [
        (dialectURI, schema),
        ("https://json-schema.org/draft/2020-12/meta/core", core),
        ("https://json-schema.org/draft/2020-12/meta/applicator", applicator),
        ("https://json-schema.org/draft/2020-12/meta/unevaluated", unevaluated),
        ("https://json-schema.org/draft/2020-12/meta/validation", validation),
        ("https://json-schema.org/draft/2020-12/meta/meta-data", metaData),
        ("https://json-schema.org/draft/2020-12/meta/format-annotation", formatAnnotation),
        ("https://json-schema.org/draft/2020-12/meta/format-assertion", formatAssertion),
        ("https://json-schema.org/draft/2020-12/meta/content", content),
    ]

    /// Whether any of `documents` or `uris` may name a metaschema: true when a
    /// key, a string or a URI mentions `json-schema.org` in any letter case,
    /// other than a `$schema` naming the standard dialect (whose vocabularies
    /// are known without its document). False means no reference can reach one.
    static func mayBeNamed(by documents: [Node], uris: [String]) -> Bool {
        let host = Array("json-schema.org".utf8)
        func mentions(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { bytes in
                guard bytes.count >= host.count else { return false }
                // Plain loops: this looks at every string of a schema, at start-up.
                var start = 0
                while start <= bytes.count - host.count {
                    var offset = 0
                    while offset < host.count {
                        let byte = bytes[start + offset]
                        guard (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == host[offset] else { break }
                        offset += 1
                    }
                    if offset == host.count { return true }
                    start += 1
                }
                return false
            }
        }
        func names(_ node: Node) -> Bool {
            switch node.value {
            case .string(let text): return mentions(text)
            case .array(let items): return items.contains(where: names)
            case .object(let members):
                return members.contains { entry in
                    if entry.key == "$schema", entry.value.stringValue == dialectURI { return false }
                    return mentions(entry.key) || names(entry.value)
                }
            case .null, .bool, .number: return false
            }
        }
        return uris.contains(where: mentions) || documents.contains(where: names)
    }

    /// The parsed metaschemas (parsed once; the texts are fixed and valid).
    static let documents: [(uri: String, node: Node)] = sources.compactMap { source in
        guard let node = try? JSONReader.parse(source.text) else { return nil }
        return (source.uri, node)
    }
}

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

    /// The parsed metaschemas (parsed once; the texts are fixed and valid).
    static let documents: [(uri: String, node: Node)] = sources.compactMap { source in
        guard let node = try? JSONReader.parse(source.text) else { return nil }
        return (source.uri, node)
    }
}

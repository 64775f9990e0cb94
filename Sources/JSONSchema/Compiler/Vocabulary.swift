/// The 2020-12 vocabularies. A dialect's metaschema lists the ones it uses
/// in `$vocabulary`; keywords of vocabularies it leaves out are ignored.
enum Vocabulary: String, CaseIterable, Sendable {
    case core = "https://json-schema.org/draft/2020-12/vocab/core"
    case applicator = "https://json-schema.org/draft/2020-12/vocab/applicator"
    case unevaluated = "https://json-schema.org/draft/2020-12/vocab/unevaluated"
    case validation = "https://json-schema.org/draft/2020-12/vocab/validation"
    case metaData = "https://json-schema.org/draft/2020-12/vocab/meta-data"
    case formatAnnotation = "https://json-schema.org/draft/2020-12/vocab/format-annotation"
    case formatAssertion = "https://json-schema.org/draft/2020-12/vocab/format-assertion"
    case content = "https://json-schema.org/draft/2020-12/vocab/content"

    /// The vocabularies of the standard 2020-12 dialect.
    static let standard: Set<Vocabulary> = [
        .core, .applicator, .unevaluated, .validation, .metaData, .formatAnnotation, .content,
    ]
}

/// How a scalar was written.
public enum YAMLScalarStyle: Sendable, Hashable {
    /// Unquoted: `value`.
    case plain
    /// Single-quoted: `'value'`.
    case singleQuoted
    /// Double-quoted, with escapes: `"value"`.
    case doubleQuoted
    /// Literal block scalar: `|`.
    case literal
    /// Folded block scalar: `>`.
    case folded
}

/// How a sequence or mapping was written.
public enum YAMLCollectionStyle: Sendable, Hashable {
    /// Indentation-based (`- item`, `key: value`).
    case block
    /// Bracketed (`[a, b]`, `{k: v}`).
    case flow
}

/// One event of libyaml's event stream.
///
/// A stream is `streamStart`, then zero or more documents (`documentStart`,
/// exactly one node, `documentEnd`), then `streamEnd`. A node is a `scalar`,
/// an `alias`, or a `sequenceStart`/`mappingStart` … matching end event; a
/// mapping's children alternate key and value.
///
/// Tags are given as libyaml resolved them: `!!str` arrives as
/// `tag:yaml.org,2002:str`, a local tag `!custom` as `!custom`, and the
/// non-specific tag `!` as `!`. Every event carries the mark where it starts.
public enum YAMLEvent: Sendable, Hashable {
    /// The beginning of the input.
    case streamStart(mark: YAMLMark)
    /// The end of the input. ``YAMLParser/next()`` keeps returning it.
    case streamEnd(mark: YAMLMark)
    /// A document begins; `implicit` is false when it starts with `---` or directives.
    case documentStart(implicit: Bool, mark: YAMLMark)
    /// A document ends; `implicit` is false when it ends with `...`.
    case documentEnd(implicit: Bool, mark: YAMLMark)
    /// A mapping begins.
    case mappingStart(anchor: String?, tag: String?, style: YAMLCollectionStyle, mark: YAMLMark)
    /// The current mapping ends.
    case mappingEnd(mark: YAMLMark)
    /// A sequence begins.
    case sequenceStart(anchor: String?, tag: String?, style: YAMLCollectionStyle, mark: YAMLMark)
    /// The current sequence ends.
    case sequenceEnd(mark: YAMLMark)
    /// A scalar; `value` is its content after unescaping, folding and chomping.
    case scalar(value: String, anchor: String?, tag: String?, style: YAMLScalarStyle, mark: YAMLMark)
    /// A reference to the node anchored as `anchor` (written `*anchor`).
    case alias(anchor: String, mark: YAMLMark)

    /// Where the event starts.
    public var mark: YAMLMark {
        switch self {
        case .streamStart(let mark), .streamEnd(let mark), .mappingEnd(let mark), .sequenceEnd(let mark):
            mark
        case .documentStart(_, let mark), .documentEnd(_, let mark):
            mark
        case .mappingStart(_, _, _, let mark), .sequenceStart(_, _, _, let mark):
            mark
        case .scalar(_, _, _, _, let mark):
            mark
        case .alias(_, let mark):
            mark
        }
    }
}

import DocumentTree
import LibYAML

/// Reads YAML text into ``DocumentTree`` nodes.
///
/// The loader composes libyaml's events into ``Node`` values with an explicit
/// stack, so no recursion depth depends on the input. What it accepts:
///
/// - **Schema.** Plain scalars resolve by the YAML 1.2 *core* schema: `null`
///   (`~`, `null`, `Null`, `NULL`, empty), booleans (`true`/`True`/`TRUE`,
///   `false`/`False`/`FALSE` only — `yes`, `no`, `on`, `off` stay strings),
///   integers (decimal, `0o17`, `0x1F`), floats (`1.10`, `1e3`, `.5`, `.inf`,
///   `-.Inf`, `.nan`). Numbers are exact decimals (``Number``). Quoted and block
///   scalars are always strings.
/// - **Tags.** `!!str`, `!!int`, `!!float`, `!!bool`, `!!null` on scalars,
///   `!!seq` on sequences, `!!map` on mappings, and the non-specific `!` (a
///   scalar written `! 12` is the string `"12"`). Content that does not fit its
///   tag, a tag on the wrong kind of node, and any other tag (`!custom`,
///   `!!binary`, `!!set`…) are errors.
/// - **Keys.** Mapping keys must be scalars (or aliases of scalars); a key is
///   the scalar's text as written after unquoting, whatever it would resolve
///   to: `1:` is the key `"1"`, `null:` the key `"null"`, `~:` the key `"~"`.
///   Tags on keys are still checked. A duplicate key is an error naming both
///   positions. The merge key `<<` (YAML 1.1's `!!merge`) is **not** supported
///   and is an error rather than being silently taken as an ordinary key: it
///   would otherwise change meaning between YAML implementations.
/// - **Anchors and aliases.** An alias is a copy of the anchored node and keeps
///   the anchored node's positions (an alias used as a key takes the alias's
///   position as key position). Anchors are scoped to their document. Every
///   node an alias stands for counts against ``DocumentLimits/maxAliasNodes``,
///   so "billion laughs" documents fail fast without building the expansion.
/// - **Streams.** Every document of a multi-document stream becomes one node;
///   an empty stream (or one holding only comments) gives no nodes.
/// - **Text.** Input is UTF-8, optionally with a byte order mark; CRLF line
///   endings are accepted and never leak `\r` into values.
///
/// Every problem is a ``DocumentError`` at a 1-based `line:column`.
public enum YAMLLoader {
    /// Loads every document of the YAML stream in `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 text, optionally starting with a byte order mark.
    ///   - limits: nesting depth and alias-expansion bounds.
    /// - Returns: One node per document, in order; `[]` for an empty stream.
    /// - Throws: ``DocumentError`` for syntax errors (in libyaml's words, at
    ///   libyaml's position), invalid UTF-8, unsupported or violated tags,
    ///   duplicate or non-scalar keys, merge keys, unknown aliases, and exceeded limits.
    public static func load(_ bytes: [UInt8], limits: DocumentLimits = .default) throws(DocumentError) -> [Node] {
        var composer = Composer(bytes: bytes, limits: limits)
        return try composer.run()
    }

    /// Loads every document of the YAML stream in `text`.
    public static func load(_ text: String, limits: DocumentLimits = .default) throws(DocumentError) -> [Node] {
        try load(Array(text.utf8), limits: limits)
    }
}

/// Bounds that keep hostile or broken input from exhausting the machine.
///
/// Every reader checks them as it goes and stops with a ``DocumentError`` at
/// the position where a limit was crossed.
public struct DocumentLimits: Sendable, Hashable {
    /// Deepest nesting of arrays/objects (sequences/mappings) allowed. Default 64;
    /// readers never allow more than ``depthCeiling``, whatever is set here.
    public var maxDepth: Int
    /// Most nodes that YAML aliases may produce in one document, counting every
    /// node of every expanded alias. Default 100 000.
    public var maxAliasNodes: Int

    public init(maxDepth: Int = 64, maxAliasNodes: Int = 100_000) {
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
    }

    public static let `default` = DocumentLimits()

    /// The deepest nesting any reader allows, whatever ``maxDepth`` says: 1 000.
    ///
    /// Trees this deep are safe everywhere the package walks them: read,
    /// released, compared, hashed and written on a thread with 1 MiB of stack,
    /// and validated (schema evaluation stops at its own nesting limit) within
    /// 4 MiB; tests check each at this depth. Deeper trees are refused with an
    /// error, so no flag value can turn a limit into a crash.
    public static let depthCeiling = 1_000

    /// The nesting limit readers apply: ``maxDepth``, at most ``depthCeiling``.
    public var effectiveMaxDepth: Int { min(maxDepth, Self.depthCeiling) }
}

/// Bounds that keep hostile or broken input from exhausting the machine.
///
/// Every reader checks them as it goes and stops with a ``DocumentError`` at
/// the position where a limit was crossed.
public struct DocumentLimits: Sendable, Hashable {
    /// Deepest nesting of arrays/objects (sequences/mappings) allowed. Default 64.
    public var maxDepth: Int
    /// Most nodes that YAML aliases may produce in one document, counting every
    /// node of every expanded alias. Default 100 000.
    public var maxAliasNodes: Int

    public init(maxDepth: Int = 64, maxAliasNodes: Int = 100_000) {
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
    }

    public static let `default` = DocumentLimits()
}

/// Releasing a document tree without recursion.
///
/// Swift frees nested values recursively: the last reference to a tree
/// thousands of levels deep would take one stack frame per level on its way
/// out. ``release(_:)`` takes the tree apart a level at a time with a stack of
/// its own, so freeing costs heap, not call stack. It helps when the caller
/// holds the only reference to the tree (as a reader's result is); parts shared
/// with other values are freed by their last owner, as usual.
public enum NodeTeardown {
    /// Frees the tree in `node` one level at a time and leaves `null` in its place.
    public static func release(_ node: inout Node) {
        var pending = [node]
        node = Node(.null, at: node.location)
        while var current = pending.popLast() {
            switch current.value {
            case .array(let items):
                current.value = .null
                // The children are held here; the array freed at the end of this
                // case only drops its references to them.
                pending.append(contentsOf: items)
            case .object(let mapping):
                current.value = .null
                for entry in mapping { pending.append(entry.value) }
            default:
                break
            }
        }
    }

    /// Frees every tree of `nodes` (see ``release(_:)``) and leaves the array empty.
    public static func release(_ nodes: inout [Node]) {
        while var node = nodes.popLast() { release(&node) }
    }
}

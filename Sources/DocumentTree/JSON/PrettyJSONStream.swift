/// Writes pretty JSON straight to bytes, member by member, without building a
/// ``Node`` tree first: the same bytes ``JSONWriter/prettyBytes(_:)`` gives for
/// the tree the calls describe (two-space indentation, `"key": value`, `[]` and
/// `{}` for empty containers), at a fraction of the cost.
///
/// ```swift
/// var json = PrettyJSONStream()
/// json.open("{")
/// json.key("name"); json.string("Maya")
/// json.key("tags"); json.open("["); json.item(); json.string("a"); json.close("]")
/// json.close("}")
/// let bytes = json.finish()   // with the final newline
/// ```
///
/// The caller keeps the structure well formed: a `key` before each object
/// member's value, an `item` before each array element's value, and every
/// `open` closed with its bracket.
public struct PrettyJSONStream: Sendable {
    /// The bytes so far.
    public private(set) var bytes: [UInt8] = []
    /// For each open container, whether nothing has been written in it yet.
    private var empty: [Bool] = []

    /// A stream with room for about `capacity` bytes.
    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Opens an object (`{`) or an array (`[`).
    public mutating func open(_ bracket: Character) {
        bytes.append(bracket == "{" ? UInt8(ascii: "{") : UInt8(ascii: "["))
        empty.append(true)
    }

    /// Closes the innermost container with `}` or `]`.
    public mutating func close(_ bracket: Character) {
        let wasEmpty = empty.popLast() ?? true
        if !wasEmpty { newline() }
        bytes.append(bracket == "}" ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// Starts an object member: the separator, the key and `: `.
    public mutating func key(_ key: String) {
        lead()
        JSONWriter.appendString(key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    /// Starts an array element: the separator and the indentation.
    public mutating func item() {
        lead()
    }

    /// A string value.
    public mutating func string(_ text: String) {
        JSONWriter.appendString(text, into: &bytes)
    }

    /// A string value, or `null` for `nil`.
    public mutating func string(orNull text: String?) {
        if let text { string(text) } else { null() }
    }

    /// `null`.
    public mutating func null() {
        bytes += "null".utf8
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        bytes += (value ? "true" : "false").utf8
    }

    /// An integer, in decimal.
    public mutating func integer(_ value: Int) {
        bytes += String(value).utf8
    }

    /// An array of strings.
    public mutating func strings(_ items: [String]) {
        open("[")
        for item in items {
            self.item()
            string(item)
        }
        close("]")
    }

    /// The bytes, with the final newline.
    public mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private mutating func lead() {
        if let last = empty.indices.last {
            if !empty[last] { bytes.append(UInt8(ascii: ",")) }
            empty[last] = false
        }
        newline()
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        // A few spaces, one by one: cheaper than appending a repeated-element collection.
        for _ in 0..<(2 * empty.count) { bytes.append(UInt8(ascii: " ")) }
    }
}

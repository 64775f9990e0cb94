/// Writes a ``Node`` tree as JSON text, deterministically.
///
/// Members keep their order, strings escape only what JSON requires (quotes,
/// backslashes, control characters), and numbers print in their canonical
/// form — so the same tree always gives the same bytes, which build artifacts
/// need.
public enum JSONWriter {
    /// Pretty JSON: two-space indentation, `"key": value`, and a final newline.
    public static func pretty(_ node: Node) -> String {
        String(decoding: prettyBytes(node), as: UTF8.self)
    }

    /// ``pretty(_:)`` as UTF-8 bytes (what a file of it holds), without a detour through `String`.
    public static func prettyBytes(_ node: Node) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(node, indent: 0, pretty: true, into: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// Compact JSON on one line, without a final newline.
    public static func compact(_ node: Node) -> String {
        var out: [UInt8] = []
        write(node, indent: 0, pretty: false, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        appendString(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// One piece of output still to write, in the writer's own stack.
    private enum Step {
        /// A value at an indentation level.
        case value(Node, indent: Int)
        /// What comes before a member or item: a comma unless it is the first, then a new line.
        case lead(first: Bool, indent: Int)
        /// An object member's key and colon.
        case key(String)
        /// The closing bracket of a non-empty array or object, on its own line.
        case close(UInt8, indent: Int)
    }

    /// Writes `node` with a stack of its own, so a tree of any depth costs heap, not call stack.
    private static func write(_ node: Node, indent: Int, pretty: Bool, into out: inout [UInt8]) {
        var steps: [Step] = [.value(node, indent: indent)]
        while let step = steps.popLast() {
            switch step {
            case .lead(let first, let indent):
                if !first { out.append(UInt8(ascii: ",")) }
                if pretty { newline(indent, into: &out) }
            case .key(let key):
                appendString(key, into: &out)
                if pretty { out += ": ".utf8 } else { out.append(UInt8(ascii: ":")) }
            case .close(let bracket, let indent):
                if pretty { newline(indent, into: &out) }
                out.append(bracket)
            case .value(let node, let indent):
                switch node.value {
                case .null: out += "null".utf8
                case .bool(let b): out += (b ? "true" : "false").utf8
                case .number(let n): out += (n.isFinite ? n.description : "null").utf8
                case .string(let s): appendString(s, into: &out)
                case .array(let items):
                    if items.isEmpty {
                        out += "[]".utf8
                        continue
                    }
                    out.append(UInt8(ascii: "["))
                    steps.append(.close(UInt8(ascii: "]"), indent: indent))
                    for (i, item) in items.enumerated().reversed() {
                        steps.append(.value(item, indent: indent + 1))
                        steps.append(.lead(first: i == 0, indent: indent + 1))
                    }
                case .object(let mapping):
                    if mapping.isEmpty {
                        out += "{}".utf8
                        continue
                    }
                    out.append(UInt8(ascii: "{"))
                    steps.append(.close(UInt8(ascii: "}"), indent: indent))
                    for (i, entry) in mapping.entries.enumerated().reversed() {
                        steps.append(.value(entry.value, indent: indent + 1))
                        steps.append(.key(entry.key))
                        steps.append(.lead(first: i == 0, indent: indent + 1))
                    }
                }
            }
        }
    }

    private static func newline(_ indent: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// Appends `s` quoted, copying runs of bytes that need no escape at once.
    /// Plain text is read eight bytes at a time until a word may hold a byte to escape.
    static func appendString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            let count = bytes.count
            var start = 0
            var i = 0
            while i < count {
                if i + 8 <= count, !mayNeedEscape(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                    continue
                }
                let byte = base[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else {
                    i += 1
                    continue
                }
                if start < i { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start)) }
                i += 1
                start = i
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22: out.append(UInt8(ascii: "\""))
                case 0x5C: out.append(UInt8(ascii: "\\"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    out.append(UInt8(ascii: "u"))
                    out.append(UInt8(ascii: "0"))
                    out.append(UInt8(ascii: "0"))
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 0xF))
                }
            }
            if start < count { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start)) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes of `word` may need an escape: a control
    /// character (below 0x20), `"`, `\` or DEL. Never false for a word that holds one.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below 0x20 borrows when 0x20 is taken from it; so does a zero byte of each XOR.
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C), delete = word ^ (ones &* 0x7F)
        let control = (word &- ones &* 0x20) & ~word
        let equal = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((delete &- ones) & ~delete)
        return (control | equal) & highs != 0
    }

    /// The lowercase hexadecimal digit of `value` (0–15).
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// Writes a ``Node`` tree as JSON text, deterministically.
///
/// Members keep their order, strings escape only what JSON requires (quotes,
/// backslashes, control characters), and numbers print in their canonical
/// form — so the same tree always gives the same bytes, which build artifacts
/// need.
public enum JSONWriter {
    /// Pretty JSON: two-space indentation, `"key": value`, and a final newline.
    public static func pretty(_ node: Node) -> String {
        var out = ""
        write(node, indent: 0, pretty: true, into: &out)
        out += "\n"
        return out
    }

    /// Compact JSON on one line, without a final newline.
    public static func compact(_ node: Node) -> String {
        var out = ""
        write(node, indent: 0, pretty: false, into: &out)
        return out
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var out = ""
        appendString(text, into: &out)
        return out
    }

    private static func write(_ node: Node, indent: Int, pretty: Bool, into out: inout String) {
        switch node.value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.isFinite ? n.description : "null"
        case .string(let s): appendString(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { newline(indent + 1, into: &out) }
                write(item, indent: indent + 1, pretty: pretty, into: &out)
            }
            if pretty { newline(indent, into: &out) }
            out += "]"
        case .object(let mapping):
            if mapping.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (i, entry) in mapping.enumerated() {
                if i > 0 { out += "," }
                if pretty { newline(indent + 1, into: &out) }
                appendString(entry.key, into: &out)
                out += pretty ? ": " : ":"
                write(entry.value, indent: indent + 1, pretty: pretty, into: &out)
            }
            if pretty { newline(indent, into: &out) }
            out += "}"
        }
    }

    private static func newline(_ indent: Int, into out: inout String) {
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    private static func appendString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

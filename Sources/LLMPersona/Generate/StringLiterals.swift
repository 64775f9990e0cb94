/// Texts written as double-quoted string literals of each target language, and
/// as comment text.
///
/// Printable characters are written as they are (UTF-8); backslashes and
/// double quotes are escaped, and so is every character a reader or compiler
/// could take for something else: control and format characters, line and
/// paragraph separators, spaces other than U+0020, combining marks (which
/// could join the quote before them), private-use and unassigned code points.
public enum StringLiterals {
    /// A Swift string literal: `\n`, `\t`, `\r`, `\0`, `\u{…}`. `\(` cannot occur:
    /// every backslash is doubled.
    public static func swift(_ text: String) -> String {
        literal(text) { scalar in
            switch scalar {
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case "\0": "\\0"
            default: "\\u{\(hex(scalar.value, digits: 1))}"
            }
        }
    }

    /// A Python string literal: `\n`, `\t`, `\r`, `\xHH`, `\uHHHH`, `\UHHHHHHHH`.
    public static func python(_ text: String) -> String {
        literal(text) { scalar in
            cStyleEscape(scalar) { "\\U\(hex($0, digits: 8))" }
        }
    }

    /// A TypeScript (JavaScript) string literal: `\n`, `\t`, `\r`, `\xHH`, `\uHHHH`,
    /// characters beyond U+FFFF as a surrogate pair of `\uHHHH` (valid for every target).
    public static func typeScript(_ text: String) -> String {
        literal(text) { scalar in
            cStyleEscape(scalar) {
                "\\u\(hex(0xD800 + (($0 - 0x10000) >> 10), digits: 4))" + "\\u\(hex(0xDC00 + (($0 - 0x10000) & 0x3FF), digits: 4))"
            }
        }
    }

    /// The escape Python and TypeScript share for `scalar`: `\n`, `\r`, `\t`,
    /// `\xHH` below U+0100, `\uHHHH` up to U+FFFF; `beyondBMP` writes the rest.
    private static func cStyleEscape(_ scalar: Unicode.Scalar, beyondBMP: (UInt32) -> String) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default:
            scalar.value < 0x100 ? "\\x\(hex(scalar.value, digits: 2))"
                : scalar.value <= 0xFFFF ? "\\u\(hex(scalar.value, digits: 4))" : beyondBMP(scalar.value)
        }
    }

    /// `text` made safe for a line comment: what a literal would escape is
    /// written `\u{…}` (so a newline cannot end the comment).
    public static func comment(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) { out += "\\u{\(hex(scalar.value, digits: 1))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// `text` as comment lines: split at its line breaks, each made safe with ``comment(_:)``.
    public static func commentLines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { comment(String($0)) }
    }

    private static func literal(_ text: String, escape: (Unicode.Scalar) -> String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\\" { out += "\\\\" }
            else if scalar == "\"" { out += "\\\"" }
            else if needsEscape(scalar) { out += escape(scalar) }
            else { out.unicodeScalars.append(scalar) }
        }
        out += "\""
        return out
    }

    /// Whether `scalar` is written as an escape rather than as itself.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
        if scalar.isASCII { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

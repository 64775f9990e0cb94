/// A regular expression written in ECMA-262 syntax (as JSON Schema's
/// `pattern`, `patternProperties` and the `regex` format specify), run by
/// Swift's `Regex` engine over Unicode scalars.
///
/// The pattern is translated before compilation so the ECMA meaning holds
/// where the engines differ:
///
/// - `\d`, `\w` (and `\D`, `\W` outside classes) are ASCII-only, as in ECMA;
///   Swift's own are Unicode-aware.
/// - `\s`/`\S` use ECMA's whitespace set (which includes U+FEFF, excludes U+0085).
/// - `$` only matches at the very end (ECMA without the `m` flag); Swift's
///   also matches before a final newline.
/// - `.` excludes ECMA's line terminators (`\n`, `\r`, U+2028, U+2029).
/// - `\cX`, `\uXXXX` (surrogate pairs are joined), `\u{…}` and `\xHH` become
///   Swift scalar escapes; `[\b]` is backspace.
/// - Escapes ECMA's Unicode mode rejects (`\a`, `\e`, `\z`, `\Z`, `\A`, `\Q`, …)
///   are rejected; a literal `[`, `&` or `~` inside a class is escaped so Swift
///   does not read class-set syntax.
///
/// Remaining differences: inside a class `\D`, `\W`, `\S` keep Swift's Unicode
/// meaning; Swift adds syntax ECMA lacks (possessive quantifiers, `(?i)`
/// inline options, `\p{…}` property names beyond ECMA's) which is accepted;
/// and matching is by Unicode scalar, like ECMA's `u` flag, never by UTF-16 unit.
/// Matching is a search: the pattern may match anywhere in the string.
///
/// A pattern of single-scalar atoms with quantifiers (most schema patterns) is
/// matched by ``SimplePattern`` instead, without compiling a `Regex`.
struct ECMARegex: @unchecked Sendable {
    // `Regex` is an immutable value whose compiled program is created on
    // first use; `init` forces that once, after which sharing it across
    // threads only reads. That is why the wrapper is `@unchecked Sendable`.
    private enum Engine {
        case simple(SimplePattern)
        case regex(Regex<AnyRegexOutput>)
    }

    private let engine: Engine
    /// The pattern as written.
    let source: String

    struct SyntaxError: Error {
        var reason: String
    }

    init(_ pattern: String) throws(SyntaxError) {
        source = pattern
        if let simple = SimplePattern(pattern) {
            engine = .simple(simple)
            return
        }
        engine = .regex(try Self.compile(pattern))
    }

    /// `pattern` compiled by Swift's `Regex` engine, whatever its shape.
    static func compile(_ pattern: String) throws(SyntaxError) -> Regex<AnyRegexOutput> {
        let translated = try ECMARegex.translate(pattern)
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(translated).matchingSemantics(.unicodeScalar)
        } catch {
            throw SyntaxError(reason: "\(error)")
        }
        _ = "".firstMatch(of: regex)
        return regex
    }

    /// True when the pattern matches somewhere in `text`.
    func matches(_ text: String) -> Bool {
        switch engine {
        case .simple(let pattern): pattern.matches(text)
        case .regex(let regex): text.firstMatch(of: regex) != nil
        }
    }

    // MARK: Translation

    private static let ecmaSpaces =
        "\\t\\n\\u{B}\\f\\r \\u{A0}\\u{1680}\\u{2000}\\u{2001}\\u{2002}\\u{2003}\\u{2004}\\u{2005}\\u{2006}"
        + "\\u{2007}\\u{2008}\\u{2009}\\u{200A}\\u{2028}\\u{2029}\\u{202F}\\u{205F}\\u{3000}\\u{FEFF}"

    static func translate(_ pattern: String) throws(SyntaxError) -> String {
        let scalars = Array(pattern.unicodeScalars)
        var out = ""
        var inClass = false
        var index = 0
        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        func readHex(_ count: Int) -> UInt32? {
            guard index + count <= scalars.count else { return nil }
            var value: UInt32 = 0
            for scalar in scalars[index..<(index + count)] {
                guard let digit = hexDigit(scalar) else { return nil }
                value = value * 16 + digit
            }
            index += count
            return value
        }
        func scalarEscape(_ value: UInt32) -> String { "\\u{" + String(value, radix: 16) + "}" }

        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\\":
                guard let next = peek() else { throw SyntaxError(reason: "pattern ends with a lone backslash") }
                index += 1
                switch next {
                case "d": out += inClass ? "0-9" : "[0-9]"
                case "D": out += inClass ? "\\D" : "[^0-9]"
                case "w": out += inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]"
                case "W": out += inClass ? "\\W" : "[^A-Za-z0-9_]"
                case "s": out += inClass ? ecmaSpaces : "[" + ecmaSpaces + "]"
                case "S": out += inClass ? "\\S" : "[^" + ecmaSpaces + "]"
                case "b": out += inClass ? "\\u{8}" : "\\b"
                case "B":
                    if inClass { throw SyntaxError(reason: "\\B inside a character class") }
                    out += "\\B"
                case "t", "n", "v", "f", "r": out += "\\" + String(next)
                case "c":
                    guard let letter = peek(), letter.isASCIILetter else {
                        throw SyntaxError(reason: "\\c must be followed by a letter")
                    }
                    index += 1
                    out += scalarEscape(letter.value % 32)
                case "x":
                    guard let value = readHex(2) else { throw SyntaxError(reason: "\\x needs two hex digits") }
                    out += scalarEscape(value)
                case "u":
                    if peek() == "{" {
                        index += 1
                        var value: UInt32 = 0
                        var digits = 0
                        while let digit = peek().flatMap(hexDigit) {
                            value = value &* 16 &+ digit
                            digits += 1
                            index += 1
                        }
                        guard digits > 0, peek() == "}", value <= 0x10FFFF else {
                            throw SyntaxError(reason: "malformed \\u{…} escape")
                        }
                        index += 1
                        out += scalarEscape(value)
                    } else {
                        guard var value = readHex(4) else { throw SyntaxError(reason: "\\u needs four hex digits") }
                        if (0xD800...0xDBFF).contains(value), peek() == "\\", peek(1) == "u" {
                            let saved = index
                            index += 2
                            if let low = readHex(4), (0xDC00...0xDFFF).contains(low) {
                                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                index = saved
                            }
                        }
                        out += scalarEscape(value)
                    }
                case "0":
                    if let digit = peek(), digit.isASCIIDigit {
                        throw SyntaxError(reason: "octal escapes are not allowed")
                    }
                    out += "\\u{0}"
                case "1"..."9":
                    if inClass { throw SyntaxError(reason: "back-reference inside a character class") }
                    out += "\\" + String(next)
                    while let digit = peek(), digit.isASCIIDigit {
                        out.unicodeScalars.append(digit)
                        index += 1
                    }
                case "k", "p", "P":
                    out += "\\" + String(next)
                    let close: Unicode.Scalar = next == "k" ? ">" : "}"
                    guard let open = peek(), open == (next == "k" ? "<" : "{") else {
                        throw SyntaxError(reason: "malformed \\\(next) escape")
                    }
                    while let part = peek() {
                        out.unicodeScalars.append(part)
                        index += 1
                        if part == close { break }
                    }
                case "/": out += "/"
                case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "-":
                    out += "\\" + String(next)
                default:
                    throw SyntaxError(reason: "invalid escape '\\\(next)'")
                }
            case "[" where !inClass:
                inClass = true
                out += "["
                if peek() == "^" {
                    out += "^"
                    index += 1
                }
                if peek() == "]" {
                    // ECMA: `[]` matches nothing, `[^]` matches anything.
                    index += 1
                    inClass = false
                    out = out.hasSuffix("[^") ? String(out.dropLast(2)) + "[\\s\\S]" : String(out.dropLast(1)) + "(?!)"
                }
            case "[", "&", "~":
                out += inClass ? "\\" + String(scalar) : String(scalar)
            case "]" where inClass:
                inClass = false
                out += "]"
            case "(" where !inClass && peek() == "?":
                // ECMA groups: (?:…), (?=…), (?!…), (?<=…), (?<!…), (?<name>…); no inline flags.
                let next = peek(1)
                let third = peek(2)
                let valid = next == ":" || next == "=" || next == "!"
                    || (next == "<" && (third == "=" || third == "!" || third?.isASCIILetter == true || third == "_" || third == "$"))
                guard valid else { throw SyntaxError(reason: "unsupported group syntax '(?\(next.map(String.init) ?? "")'") }
                out += "("
            case "$" where !inClass:
                out += "\\z"
            case "." where !inClass:
                out += "[^\\n\\r\\u{2028}\\u{2029}]"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        if inClass { throw SyntaxError(reason: "unterminated character class") }
        return out
    }
}

/// The value of a hexadecimal digit, or `nil` for another scalar.
func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
    switch scalar.value {
    case 0x30...0x39: scalar.value - 0x30
    case 0x41...0x46: scalar.value - 0x41 + 10
    case 0x61...0x66: scalar.value - 0x61 + 10
    default: nil
    }
}

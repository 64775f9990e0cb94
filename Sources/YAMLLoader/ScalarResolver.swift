import DocumentTree
import LibYAML

/// The tags the loader understands, as libyaml reports them.
enum Tags {
    static let prefix = "tag:yaml.org,2002:"
    static let str = prefix + "str"
    static let int = prefix + "int"
    static let float = prefix + "float"
    static let bool = prefix + "bool"
    static let null = prefix + "null"
    static let map = prefix + "map"
    static let seq = prefix + "seq"
    static let merge = prefix + "merge"
    /// `!`: "a string, sequence or mapping, as written".
    static let nonSpecific = "!"

    /// A tag as the user would write it: `!!int` rather than `tag:yaml.org,2002:int`.
    static func display(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    /// A known tag on the wrong kind of node, or an unknown tag.
    static func misuse(_ tag: String, on kind: String, at location: SourceLocation) -> DocumentError {
        switch tag {
        case str, int, float, bool, null, map, seq:
            DocumentError("tag '\(display(tag))' cannot be used on a \(kind)", at: location)
        case merge:
            DocumentError("merge keys ('<<') are not supported", at: location)
        default:
            DocumentError("unsupported tag '\(display(tag))'", at: location)
        }
    }
}

/// Scalar resolution by the YAML 1.2 core schema, and checking of explicit tags.
enum ScalarResolver {
    /// Hexadecimal and octal integers longer than this many bits are rejected rather than converted.
    static let maxRadixBits = 1024

    static func resolve(
        _ text: String, tag: String?, style: YAMLScalarStyle, at location: SourceLocation
    ) throws(DocumentError) -> Node.Value {
        switch tag {
        case nil:
            return style == .plain ? try implicit(text, at: location) : .string(text)
        case Tags.nonSpecific?, Tags.str?:
            return .string(text)
        case Tags.null?:
            guard isNull(text) else { throw invalid(text, for: Tags.null, at: location) }
            return .null
        case Tags.bool?:
            guard let value = bool(text) else { throw invalid(text, for: Tags.bool, at: location) }
            return .bool(value)
        case Tags.int?:
            guard let value = try integer(text, at: location) else { throw invalid(text, for: Tags.int, at: location) }
            return .number(value)
        case Tags.float?:
            guard let value = float(text) else { throw invalid(text, for: Tags.float, at: location) }
            return .number(value)
        case let other?:
            throw Tags.misuse(other, on: "scalar", at: location)
        }
    }

    /// The core schema's resolution of an untagged plain scalar.
    static func implicit(_ text: String, at location: SourceLocation) throws(DocumentError) -> Node.Value {
        if let first = text.utf8.first, !mayBeNonString(first: first, length: text.utf8.count) { return .string(text) }
        if isNull(text) { return .null }
        if let value = bool(text) { return .bool(value) }
        if let value = try integer(text, at: location) { return .number(value) }
        if let value = float(text) { return .number(value) }
        return .string(text)
    }

    /// Whether a plain scalar starting with `first`, `length` bytes long, could be
    /// anything but a string: numbers start with a digit, a sign or a dot; the null
    /// and bool words (`~`, `null`, `true`, `FALSE`, …) with one of `~nNtTfF` and
    /// are at most five bytes. Most text is ruled out by this alone.
    static func mayBeNonString(first: UInt8, length: Int) -> Bool {
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."): true
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"): length <= 5
        default: false
        }
    }

    static func isNull(_ text: String) -> Bool {
        switch text {
        case "", "~", "null", "Null", "NULL": true
        default: false
        }
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`; `nil` when `text` is none of them.
    static func integer(_ text: String, at location: SourceLocation) throws(DocumentError) -> Number? {
        let bytes = Array(text.utf8)
        if bytes.count > 2 && bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "x") {
                return try radix(bytes[2...], base: 16, text: text, at: location)
            }
            if bytes[1] == UInt8(ascii: "o") {
                return try radix(bytes[2...], base: 8, text: text, at: location)
            }
        }
        var digits = bytes[...]
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Number(literal: text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)`.
    static func float(_ text: String) -> Number? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity(negative: false)
        case "-.inf", "-.Inf", "-.INF": return .infinity(negative: true)
        case ".nan", ".NaN", ".NAN": return .nan
        default:
            // `Number(literal:)` reads exactly this grammar.
            return Number(literal: text)
        }
    }

    /// Converts hexadecimal or octal digits to an exact decimal ``Number``.
    private static func radix(
        _ digits: ArraySlice<UInt8>, base: Int, text: String, at location: SourceLocation
    ) throws(DocumentError) -> Number? {
        var values: [Int] = []
        values.reserveCapacity(digits.count)
        for byte in digits {
            let value: Int
            switch byte {
            case 48...57: value = Int(byte - 48)
            case 97...102: value = Int(byte - 87)
            case 65...70: value = Int(byte - 55)
            default: return nil
            }
            guard value < base else { return nil }
            values.append(value)
        }
        let significant = values.drop { $0 == 0 }
        let bitsPerDigit = base == 16 ? 4 : 3
        guard significant.count * bitsPerDigit <= maxRadixBits + bitsPerDigit else {
            throw DocumentError(
                "integer '\(abbreviated(text))' is too large (more than \(maxRadixBits) bits)", at: location)
        }
        // Decimal digits, least significant first: multiply by the base and add, digit by digit.
        var decimal: [UInt8] = []
        for value in significant {
            var carry = value
            for i in decimal.indices {
                let product = Int(decimal[i]) * base + carry
                decimal[i] = UInt8(product % 10)
                carry = product / 10
            }
            while carry > 0 {
                decimal.append(UInt8(carry % 10))
                carry /= 10
            }
        }
        let literal = decimal.isEmpty ? "0" : String(decoding: decimal.reversed().map { $0 + 48 }, as: UTF8.self)
        return Number(literal: literal)
    }

    private static func invalid(_ text: String, for tag: String, at location: SourceLocation) -> DocumentError {
        DocumentError("invalid value '\(abbreviated(text))' for tag '\(Tags.display(tag))'", at: location)
    }

    /// `text`, cut to a readable length for messages.
    static func abbreviated(_ text: String) -> String {
        text.count <= 40 ? text : text.prefix(40) + "…"
    }
}

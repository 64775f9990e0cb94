/// A strict RFC 8259 JSON reader that builds the ``Node`` tree with positions.
///
/// Strict means: no comments, no trailing commas, no single quotes, no `NaN` or
/// `Infinity`, no leading zeros or `+` on numbers, no control characters in
/// strings, no lone surrogates, and the bytes must be valid UTF-8. A UTF-8 byte
/// order mark at the very start is skipped. Duplicate object keys are an error
/// (RFC 8259 leaves them undefined; silently keeping one would lose data).
///
/// The reader is iterative: nesting depth costs heap, not stack, and is bounded
/// by ``DocumentLimits/maxDepth``.
///
/// ```swift
/// let node = try JSONReader.parse(Array(#"{"name": "Maya"}"#.utf8))
/// assert(node["name"]?.location == SourceLocation(line: 1, column: 10))
/// ```
public enum JSONReader {
    /// Parses one JSON text.
    public static func parse(_ bytes: [UInt8], limits: DocumentLimits = .default) throws(DocumentError) -> Node {
        var parser = Parser(bytes: bytes, limits: limits)
        return try parser.parseDocument()
    }

    /// Parses one JSON text given as a string.
    public static func parse(_ text: String, limits: DocumentLimits = .default) throws(DocumentError) -> Node {
        try parse(Array(text.utf8), limits: limits)
    }
}

private struct Parser {
    let bytes: [UInt8]
    let limits: DocumentLimits
    var pos = 0
    var line = 1
    var lineStart = 0
    // Column cache for the current line, so positions on one long line cost O(n) in all.
    var cachePos = 0
    var cacheColumn = 1

    init(bytes: [UInt8], limits: DocumentLimits) {
        self.bytes = bytes
        self.limits = limits
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            pos = 3
            lineStart = 3
            cachePos = 3
        }
    }

    /// The arrays and objects open at the current position, outermost first.
    var stack: [Frame] = []

    /// One open container on the explicit stack. Mutated in place, so appending stays O(1).
    struct Frame {
        var isObject: Bool
        var start: SourceLocation
        var items: [Node] = []
        var mapping = Mapping()
        var key = ""
        var keyLocation = SourceLocation.start
    }

    // MARK: Positions

    mutating func location(at index: Int) -> SourceLocation {
        if index < cachePos || cachePos < lineStart {
            cachePos = lineStart
            cacheColumn = 1
        }
        var i = cachePos
        var column = cacheColumn
        while i < index {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        cachePos = index
        cacheColumn = column
        return SourceLocation(line: line, column: column)
    }

    mutating func here() -> SourceLocation { location(at: pos) }

    /// The input ended early. Inside an array or object that is one left open:
    /// reported where it opens (what needs fixing), with a note at the end of
    /// the file; otherwise `unexpected end of input: <expected>` there.
    mutating func endOfInput(_ expected: String) -> DocumentError {
        let end = endLocation()
        guard let open = stack.last else { return DocumentError("unexpected end of input: \(expected)", at: end) }
        let message = open.isObject ? "unclosed '{': this object has no closing '}'" : "unclosed '[': this array has no closing ']'"
        return DocumentError(message, at: open.start, notes: [.init(message: "the file ends here", location: end)])
    }

    /// Where the text ends; for a text ending in a line break, the end of its
    /// last line (the "line" after the final break is not one an editor shows).
    func endLocation() -> SourceLocation {
        var end = bytes.count
        var lineNumber = 1
        // A byte order mark is not a column.
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var start = index
        if let last = bytes.last, last == 0x0A || last == 0x0D {
            end -= 1
            if last == 0x0A, end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        }
        while index < end {
            switch bytes[index] {
            case 0x0A:
                lineNumber += 1
                start = index + 1
            case 0x0D:
                lineNumber += 1
                if index + 1 < end, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            default:
                break
            }
            index += 1
        }
        let column = bytes[start..<max(start, end)].count { $0 & 0xC0 != 0x80 } + 1
        return SourceLocation(line: lineNumber, column: column)
    }

    mutating func fail(_ message: String, at index: Int? = nil) -> DocumentError {
        DocumentError(message, at: location(at: min(index ?? pos, bytes.count)))
    }

    /// `unexpected <what is at pos><rest>`; a comment where something else was
    /// expected gets a plainer message of its own.
    mutating func unexpected(_ rest: String) -> DocumentError {
        if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "/"),
            bytes[pos + 1] == UInt8(ascii: "/") || bytes[pos + 1] == UInt8(ascii: "*")
        {
            return fail("comments are not allowed in JSON")
        }
        return fail("unexpected \(describeByte(at: pos))\(rest)")
    }

    // MARK: Whitespace

    mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09:
                pos += 1
            case 0x0A:
                pos += 1
                newLine()
            case 0x0D:
                pos += 1
                if pos < bytes.count && bytes[pos] == 0x0A { pos += 1 }
                newLine()
            default:
                return
            }
        }
    }

    mutating func newLine() {
        line += 1
        lineStart = pos
        cachePos = pos
        cacheColumn = 1
    }

    // MARK: Structure

    mutating func parseDocument() throws(DocumentError) -> Node {
        skipWhitespace()
        guard pos < bytes.count else { throw DocumentError("empty document: expected a JSON value", at: endLocation()) }
        let root = try parseValue()
        skipWhitespace()
        if pos < bytes.count {
            throw unexpected(" after the JSON value")
        }
        return root
    }

    mutating func parseValue() throws(DocumentError) -> Node {
        stack = []
        while true {
            skipWhitespace()
            var completed: Node
            let start = here()
            guard pos < bytes.count else { throw endOfInput("expected a value") }
            switch bytes[pos] {
            case UInt8(ascii: "["):
                guard stack.count < limits.effectiveMaxDepth else {
                    throw fail("nesting deeper than \(limits.effectiveMaxDepth) levels")
                }
                pos += 1
                skipWhitespace()
                if pos < bytes.count && bytes[pos] == UInt8(ascii: "]") {
                    pos += 1
                    completed = Node(.array([]), at: start)
                } else {
                    stack.append(Frame(isObject: false, start: start))
                    continue
                }
            case UInt8(ascii: "{"):
                guard stack.count < limits.effectiveMaxDepth else {
                    throw fail("nesting deeper than \(limits.effectiveMaxDepth) levels")
                }
                pos += 1
                skipWhitespace()
                if pos < bytes.count && bytes[pos] == UInt8(ascii: "}") {
                    pos += 1
                    completed = Node(.object(Mapping()), at: start)
                } else {
                    stack.append(Frame(isObject: true, start: start))
                    (stack[stack.count - 1].key, stack[stack.count - 1].keyLocation) = try parseKey()
                    continue
                }
            case UInt8(ascii: "\""):
                completed = Node(.string(try parseString()), at: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                completed = Node(.number(try parseNumber()), at: start)
            case UInt8(ascii: "t"):
                try expectWord("true")
                completed = Node(.bool(true), at: start)
            case UInt8(ascii: "f"):
                try expectWord("false")
                completed = Node(.bool(false), at: start)
            case UInt8(ascii: "n"):
                try expectWord("null")
                completed = Node(.null, at: start)
            default:
                throw unexpected(": expected a value")
            }

            // Attach the completed value to its container, closing containers as they end.
            while true {
                guard let top = stack.indices.last else { return completed }
                skipWhitespace()
                if !stack[top].isObject {
                    stack[top].items.append(completed)
                    guard pos < bytes.count else {
                        throw endOfInput("expected ',' or ']'")
                    }
                    if bytes[pos] == UInt8(ascii: ",") {
                        pos += 1
                        skipWhitespace()
                        if pos < bytes.count && bytes[pos] == UInt8(ascii: "]") {
                            throw fail("trailing comma before ']'", at: pos)
                        }
                        break
                    } else if bytes[pos] == UInt8(ascii: "]") {
                        pos += 1
                        let frame = stack.removeLast()
                        completed = Node(.array(frame.items), at: frame.start)
                    } else {
                        throw unexpected(": expected ',' or ']'")
                    }
                } else {
                    let key = stack[top].key, keyLocation = stack[top].keyLocation
                    if let first = stack[top].mapping.insert(.init(key: key, keyLocation: keyLocation, value: completed)) {
                        throw DocumentError(
                            "duplicate key '\(key)' (first defined at \(first.keyLocation))", at: keyLocation,
                            notes: [.init(message: "first defined here", location: first.keyLocation)])
                    }
                    guard pos < bytes.count else {
                        throw endOfInput("expected ',' or '}'")
                    }
                    if bytes[pos] == UInt8(ascii: ",") {
                        pos += 1
                        skipWhitespace()
                        if pos < bytes.count && bytes[pos] == UInt8(ascii: "}") {
                            throw fail("trailing comma before '}'", at: pos)
                        }
                        (stack[top].key, stack[top].keyLocation) = try parseKey()
                        break
                    } else if bytes[pos] == UInt8(ascii: "}") {
                        pos += 1
                        let frame = stack.removeLast()
                        completed = Node(.object(frame.mapping), at: frame.start)
                    } else {
                        throw unexpected(": expected ',' or '}'")
                    }
                }
            }
        }
    }

    /// Reads `"key" :` and leaves the position at the value.
    mutating func parseKey() throws(DocumentError) -> (String, SourceLocation) {
        skipWhitespace()
        let location = here()
        guard pos < bytes.count else { throw endOfInput("expected a string key") }
        guard bytes[pos] == UInt8(ascii: "\"") else {
            throw unexpected(": object keys must be strings in double quotes")
        }
        let key = try parseString()
        skipWhitespace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
            throw pos < bytes.count ? unexpected(": expected ':' after the key") : endOfInput("expected ':'")
        }
        pos += 1
        return (key, location)
    }

    mutating func expectWord(_ word: StaticString) throws(DocumentError) {
        let start = pos
        let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for b in text {
            guard pos < bytes.count, bytes[pos] == b else {
                var end = start
                while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
                let found = String(decoding: bytes[start..<max(end, start + 1 <= bytes.count ? start + 1 : start)], as: UTF8.self)
                throw fail("invalid literal '\(found)': expected a value (JSON has true, false and null)", at: start)
            }
            pos += 1
        }
        if pos < bytes.count, isWordByte(bytes[pos]) {
            var end = pos
            while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
            throw fail("invalid literal '\(String(decoding: bytes[start..<end], as: UTF8.self))'", at: start)
        }
    }

    func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "_")
    }

    // MARK: Scalars

    mutating func parseNumber() throws(DocumentError) -> Number {
        let start = pos
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < bytes.count, isDigit(bytes[pos]) else {
            throw fail("invalid number: expected a digit after '-'")
        }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < bytes.count, isDigit(bytes[pos]) {
                throw fail("invalid number: leading zeros are not allowed", at: start)
            }
        } else {
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < bytes.count, isDigit(bytes[pos]) else {
                throw fail("invalid number: expected a digit after '.'")
            }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count, isDigit(bytes[pos]) else {
                throw fail("invalid number: expected a digit in the exponent")
            }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        guard let number = Number(literal: text) else {
            throw fail("invalid number '\(text)'", at: start)
        }
        return number
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    mutating func parseString() throws(DocumentError) -> String {
        let open = pos
        pos += 1  // opening quote
        var out: [UInt8] = []
        var runStart = pos
        while true {
            guard pos < bytes.count else {
                throw fail("unterminated string", at: open)
            }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[runStart..<pos])
                pos += 1
                return String(decoding: out, as: UTF8.self)
            } else if b == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[runStart..<pos])
                try parseEscape(into: &out)
                runStart = pos
            } else if b < 0x20 {
                if b == 0x0A || b == 0x0D {
                    throw fail("unterminated string: line break inside a string", at: open)
                }
                throw fail("control character U+\(hex4(UInt32(b))) in a string must be escaped")
            } else if b < 0x80 {
                pos += 1
            } else {
                try skipUTF8Sequence()
            }
        }
    }

    /// Checks one multi-byte UTF-8 sequence at `pos` and steps over it.
    mutating func skipUTF8Sequence() throws(DocumentError) {
        let b = bytes[pos]
        let length: Int
        let minimum: UInt32
        var scalar: UInt32
        switch b {
        case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80
        case 0xE0...0xEF: length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800
        case 0xF0...0xF4: length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000
        default: throw fail("invalid UTF-8 byte 0x\(String(b, radix: 16, uppercase: true))")
        }
        guard pos + length <= bytes.count else { throw fail("invalid UTF-8: truncated sequence") }
        for i in 1..<length {
            let c = bytes[pos + i]
            guard c & 0xC0 == 0x80 else {
                throw fail("invalid UTF-8 byte 0x\(String(bytes[pos], radix: 16, uppercase: true)) sequence")
            }
            scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
            throw fail("invalid UTF-8 sequence (overlong or surrogate)")
        }
        pos += length
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(DocumentError) {
        let start = pos
        pos += 1
        guard pos < bytes.count else { throw fail("unterminated string: incomplete escape") }
        let c = bytes[pos]
        pos += 1
        switch c {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try readHex4(escapeStart: start)
            var scalarValue = unit
            if (0xD800...0xDBFF).contains(unit) {
                guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                    throw fail("lone surrogate \\u\(hex4(unit)) in a string", at: start)
                }
                let lowStart = pos
                pos += 2
                let low = try readHex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw fail("lone surrogate \\u\(hex4(unit)) in a string", at: start)
                }
                scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw fail("lone surrogate \\u\(hex4(unit)) in a string", at: start)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else {
                throw fail("invalid \\u escape", at: start)
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw fail("invalid escape '\\\(String(decoding: [c], as: UTF8.self))' in a string", at: start)
        }
    }

    mutating func readHex4(escapeStart: Int) throws(DocumentError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard pos < bytes.count else { throw fail("invalid \\u escape: expected 4 hex digits", at: escapeStart) }
            let b = bytes[pos]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw fail("invalid \\u escape: expected 4 hex digits", at: escapeStart)
            }
            value = value << 4 | digit
            pos += 1
        }
        return value
    }

    func hex4(_ value: UInt32) -> String {
        let s = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    func describeByte(at index: Int) -> String {
        guard index < bytes.count else { return "end of input" }
        let b = bytes[index]
        if b >= 0x21 && b < 0x7F { return "character '\(String(decoding: [b], as: UTF8.self))'" }
        if b == 0x20 { return "space" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }
}

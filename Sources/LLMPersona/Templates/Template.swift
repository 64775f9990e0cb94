/// A text with `{placeholder}`s, split once into literal and variable segments.
///
/// The syntax is the subset of Python's `str.format` that names things:
/// `{identifier}` is a placeholder, `{{` and `}}` are literal braces. Anything
/// else with a brace — `{unclosed`, `{a.b}`, `{0}`, `{}`, `{x!r}`, `{x:>10}`, a
/// lone `}` — is an error, so a template we emit can be filled by `str.format`
/// in a Python service and gives the same text.
public struct Template: Sendable, Hashable {
    /// One piece of a template.
    public enum Segment: Sendable, Hashable {
        /// Text as it appears in the output (`{{` already turned into `{`).
        case literal(String)
        /// A variable's name.
        case variable(String)
    }

    /// The pieces, in order; adjacent literals are merged.
    public let segments: [Segment]

    /// The variables used, in order of first use.
    public var variableNames: [String] {
        var seen = Set<String>()
        return segments.compactMap {
            if case .variable(let name) = $0, seen.insert(name).inserted { return name }
            return nil
        }
    }

    /// True when the text has no placeholders.
    public var isLiteral: Bool { segments.allSatisfy { if case .literal = $0 { true } else { false } } }

    /// A brace misuse: what is wrong, and at which character of the text (0-based, in Unicode scalars).
    public struct SyntaxError: Error, Sendable, Hashable {
        public var message: String
        public var offset: Int
    }

    /// Every brace misuse in one text.
    public struct SyntaxErrors: Error, Sendable, Hashable {
        public var errors: [SyntaxError]
    }

    /// Splits `text`, or returns every misuse of braces in it.
    ///
    /// Works on the UTF-8 bytes (braces are ASCII, so they never occur inside
    /// a multi-byte character); a text without braces is one literal.
    public static func parse(_ text: String) throws(SyntaxErrors) -> Template {
        var utf8 = text
        // The closure of `withUTF8` cannot throw a typed error: the outcome is carried out as a value.
        let outcome: Result<Template, SyntaxErrors> = utf8.withUTF8 { bytes in
            guard BraceScanner.firstBrace(bytes, from: 0) < bytes.count else {
                return .success(Template(merged: bytes.isEmpty ? [] : [.literal(text)]))
            }
            func string(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            var segments: [Segment] = []
            var errors: [SyntaxError] = []
            var counter = ScalarCounter()
            var literal = ""
            func flush() {
                if !literal.isEmpty {
                    segments.append(.literal(literal))
                    literal = ""
                }
            }
            BraceScanner.scan(bytes) { token in
                switch token {
                case .text(let range):
                    literal += string(range)
                case .doubled(let brace):
                    literal += brace == BraceScanner.open ? "{" : "}"
                case .field(let range, let at):
                    let field = string(range)
                    do throws(FieldProblem) {
                        try checkField(field)
                        flush()
                        segments.append(.variable(field))
                    } catch {
                        errors.append(SyntaxError(message: error.message, offset: counter.offset(bytes, at)))
                    }
                case .unclosed(let at):
                    errors.append(SyntaxError(
                        message: "unclosed '{': write '{{' for a literal brace", offset: counter.offset(bytes, at)))
                    literal += "{"
                case .strayClose(let at):
                    errors.append(SyntaxError(
                        message: "single '}': write '}}' for a literal brace", offset: counter.offset(bytes, at)))
                }
            }
            flush()
            return errors.isEmpty ? .success(Template(segments: segments)) : .failure(SyntaxErrors(errors: errors))
        }
        return try outcome.get()
    }

    /// Whether `text` holds a `{` or a `}`, read a word of eight bytes at a time.
    static func holdsBrace(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { BraceScanner.firstBrace($0, from: 0) < $0.count }
    }

    /// Whether ``parse(_:)`` accepts `text`, found without building segments or
    /// messages: a check that passes on nearly every text costs one scan.
    public static func isWellFormed(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard BraceScanner.firstBrace(bytes, from: 0) < bytes.count else { return true }
            var wellFormed = true
            BraceScanner.scan(bytes) { token in
                switch token {
                case .field(let range, _): if !isIdentifier(bytes: bytes[range]) { wellFormed = false }
                case .unclosed, .strayClose: wellFormed = false
                case .text, .doubled: break
                }
            }
            return wellFormed
        }
    }

    /// Reads the braces of a text's UTF-8 bytes as `str.format` does; ``parse(_:)``
    /// and ``placeholders(in:)`` both walk a text with it, so they agree on where
    /// every field is.
    enum BraceScanner {
        static let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")

        enum Token {
            /// Bytes without braces.
            case text(Range<Int>)
            /// `{{` or `}}`: one literal brace.
            case doubled(UInt8)
            /// `{…}` (the range is inside the braces; `at` is the `{`).
            case field(Range<Int>, at: Int)
            /// A `{` with no `}` before the next `{` or the end.
            case unclosed(at: Int)
            /// A `}` that closes nothing and is not doubled.
            case strayClose(at: Int)
        }

        /// The offset of the first `{` or `}` in `bytes` at or after `start`, or
        /// `bytes.count` when there is none. Most of a prompt is plain text, so
        /// it is read eight bytes at a time until a word holds a brace.
        static func firstBrace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            let count = bytes.count
            var i = start
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                let opens = ones &* UInt64(open), closes = ones &* UInt64(close)
                while i + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    // A byte of `a` or `b` is zero where the word holds that brace.
                    let a = word ^ opens, b = word ^ closes
                    if ((a &- ones) & ~a | (b &- ones) & ~b) & highs != 0 { break }
                    i += 8
                }
            }
            while i < count && bytes[i] != open && bytes[i] != close { i += 1 }
            return i
        }

        /// Calls `visit` with each token of `bytes`, in order.
        static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ visit: (Token) -> Void) {
            let count = bytes.count
            var start = 0  // of the pending run of plain bytes
            var i = 0
            while i < count {
                i = firstBrace(bytes, from: i)
                guard i < count else { break }
                let c = bytes[i]
                if start < i { visit(.text(start..<i)) }
                if i + 1 < count && bytes[i + 1] == c {
                    visit(.doubled(c))
                    i += 2
                } else if c == close {
                    visit(.strayClose(at: i))
                    i += 1
                } else {
                    // Find the closing brace of this field.
                    let j = firstBrace(bytes, from: i + 1)
                    if j < count && bytes[j] == close {
                        visit(.field((i + 1)..<j, at: i))
                        i = j + 1
                    } else {
                        visit(.unclosed(at: i))
                        i += 1
                    }
                }
                start = i
            }
            if start < count { visit(.text(start..<count)) }
        }
    }

    /// Counts Unicode scalars before byte offsets of valid UTF-8, for offsets
    /// asked in increasing order (so a text is scanned once, whatever it holds).
    struct ScalarCounter {
        var byte = 0, scalars = 0
        mutating func offset(_ bytes: UnsafeBufferPointer<UInt8>, _ target: Int) -> Int {
            while byte < target {
                if bytes[byte] & 0xC0 != 0x80 { scalars += 1 }
                byte += 1
            }
            return scalars
        }
    }

    /// `text` with every placeholder filled by `value(name)` and each doubled brace
    /// made single, in one pass over its bytes: what ``parse(_:)``, then filling
    /// every variable and joining the segments, gives, without making the segments.
    /// `nil` when a brace is misused or `value` has nothing for a placeholder.
    static func filled(_ text: String, _ value: (String) -> String?) -> String? {
        var utf8 = text
        return utf8.withUTF8 { bytes -> String? in
            guard BraceScanner.firstBrace(bytes, from: 0) < bytes.count else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var complete = true
            BraceScanner.scan(bytes) { token in
                guard complete else { return }
                switch token {
                case .text(let range):
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
                case .doubled(let brace):
                    out.append(brace)
                case .field(let range, _):
                    let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                    do throws(FieldProblem) {
                        try checkField(name)
                    } catch {
                        complete = false
                        return
                    }
                    guard let filled = value(name) else {
                        complete = false
                        return
                    }
                    out.append(contentsOf: filled.utf8)
                case .unclosed, .strayClose:
                    complete = false
                }
            }
            return complete ? String(decoding: out, as: UTF8.self) : nil
        }
    }

    /// A template whose segments are already merged (no empty or adjacent literals).
    private init(merged: [Segment]) {
        self.segments = merged
    }

    /// Builds a template from segments, merging adjacent literals.
    public init(segments: [Segment]) {
        var merged: [Segment] = []
        for segment in segments {
            if case .literal(let text) = segment {
                if text.isEmpty { continue }
                if case .literal(let previous)? = merged.last {
                    merged[merged.count - 1] = .literal(previous + text)
                    continue
                }
            }
            merged.append(segment)
        }
        self.segments = merged
    }

    /// Whether `name` can be a variable: an ASCII identifier.
    public static func isIdentifier(_ name: some StringProtocol) -> Bool {
        isIdentifier(bytes: name.utf8)
    }

    /// Whether the UTF-8 bytes `name` spell an ASCII identifier.
    private static func isIdentifier(bytes name: some Collection<UInt8>) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let underscore = UInt8(ascii: "_")
        guard let first = name.first, first == underscore || isLetter(first) else { return false }
        // Any byte of a non-ASCII character is 0x80 or more, so fails every test.
        return name.allSatisfy { $0 == underscore || isLetter($0) || isDigit($0) }
    }

    /// Why the text between two braces is not a placeholder this library fills.
    private struct FieldProblem: Error {
        var message: String
    }

    /// Checks that `field` (the text between two braces) names a variable.
    private static func checkField(_ field: String) throws(FieldProblem) {
        if isIdentifier(field) { return }
        let hint = "; write '{{' and '}}' for literal braces"
        if field.isEmpty { throw FieldProblem(message: "empty placeholder '{}': name the variable, e.g. '{user_name}'" + hint) }
        if field.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            throw FieldProblem(message: "positional placeholder '{\(field)}' is not supported: name the variable" + hint)
        }
        if let mark = field.firstIndex(where: { $0 == "!" || $0 == ":" }), isIdentifier(field[..<mark]) {
            let what = field[mark] == "!" ? "conversions" : "format specifications"
            throw FieldProblem(message: "placeholder '{\(field)}' uses \(what), which are not supported: write '{\(field[..<mark])}'" + hint)
        }
        throw FieldProblem(message: "invalid placeholder '{\(field)}': a placeholder is '{identifier}'" + hint)
    }

    /// The template as `str.format` text: literal braces doubled, variables as `{name}`.
    public var formatText: String {
        var out = ""
        for segment in segments {
            switch segment {
            case .literal(let text): out += Template.escape(text)
            case .variable(let name): out += "{\(name)}"
            }
        }
        return out
    }

    /// `text` with braces doubled, so `str.format` gives it back unchanged.
    ///
    /// Works on Unicode scalars, as ``parse(_:)`` does: a brace followed by a
    /// combining mark is one `Character`, and comparing characters missed it
    /// (found by fuzzing: the format text then had a single brace).
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "{" || $0 == "}" }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(scalar)
            if scalar == "{" || scalar == "}" { out.append(scalar) }
        }
        return String(out)
    }
}

extension Template {
    /// Each well-formed `{name}` in `text`, with the offset of its `{` (in Unicode scalars).
    public static func placeholders(in text: String) -> [(name: String, offset: Int)] {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(BraceScanner.open) else { return [] }
            var result: [(String, Int)] = []
            var counter = ScalarCounter()
            BraceScanner.scan(bytes) { token in
                guard case .field(let range, let at) = token else { return }
                let field = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                if isIdentifier(field) { result.append((field, counter.offset(bytes, at))) }
            }
            return result
        }
    }
}

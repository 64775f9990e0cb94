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
    public static func parse(_ text: String) -> Result<Template, SyntaxErrors> {
        var segments: [Segment] = []
        var errors: [SyntaxError] = []
        var literal = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func flush() {
            if !literal.isEmpty {
                segments.append(.literal(String(literal)))
                literal = String.UnicodeScalarView()
            }
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == "{" {
                if i + 1 < scalars.count && scalars[i + 1] == "{" {
                    literal.append("{")
                    i += 2
                    continue
                }
                // Find the closing brace of this field.
                var j = i + 1
                while j < scalars.count && scalars[j] != "}" && scalars[j] != "{" { j += 1 }
                guard j < scalars.count, scalars[j] == "}" else {
                    errors.append(SyntaxError(
                        message: "unclosed '{': write '{{' for a literal brace", offset: i))
                    literal.append("{")
                    i += 1
                    continue
                }
                let field = String(String.UnicodeScalarView(scalars[(i + 1)..<j]))
                if let problem = fieldProblem(field) {
                    errors.append(SyntaxError(message: problem, offset: i))
                } else {
                    flush()
                    segments.append(.variable(field))
                }
                i = j + 1
            } else if c == "}" {
                if i + 1 < scalars.count && scalars[i + 1] == "}" {
                    literal.append("}")
                    i += 2
                    continue
                }
                errors.append(SyntaxError(message: "single '}': write '}}' for a literal brace", offset: i))
                i += 1
            } else {
                literal.append(c)
                i += 1
            }
        }
        flush()
        return errors.isEmpty ? .success(Template(segments: segments)) : .failure(SyntaxErrors(errors: errors))
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
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    private static func fieldProblem(_ field: String) -> String? {
        if isIdentifier(field) { return nil }
        let hint = "; write '{{' and '}}' for literal braces"
        if field.isEmpty { return "empty placeholder '{}': name the variable, e.g. '{user_name}'" + hint }
        if field.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            return "positional placeholder '{\(field)}' is not supported: name the variable" + hint
        }
        if let mark = field.firstIndex(where: { $0 == "!" || $0 == ":" }), isIdentifier(field[..<mark]) {
            let what = field[mark] == "!" ? "conversions" : "format specifications"
            return "placeholder '{\(field)}' uses \(what), which are not supported: write '{\(field[..<mark])}'" + hint
        }
        return "invalid placeholder '{\(field)}': a placeholder is '{identifier}'" + hint
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
        var result: [(String, Int)] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if (c == "{" || c == "}") && i + 1 < scalars.count && scalars[i + 1] == c {
                i += 2
                continue
            }
            if c == "{" {
                var j = i + 1
                while j < scalars.count && scalars[j] != "}" && scalars[j] != "{" { j += 1 }
                if j < scalars.count && scalars[j] == "}" {
                    let field = String(String.UnicodeScalarView(scalars[(i + 1)..<j]))
                    if isIdentifier(field) { result.append((field, i)) }
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        return result
    }
}

import DocumentTree

/// Short, user-oriented renderings of instance values for messages.
enum Describe {
    /// A value as it would be written, shortened: `"text"`, `1.5`, `true`, `null`,
    /// or just `array`/`object` for containers.
    static func value(_ node: Node) -> String {
        switch node.value {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let number): return number.sourceText
        case .string(let text): return quoted(text)
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// `number 1.1`, `string "x"`, `object`, `null`.
    static func typeAndValue(_ node: Node) -> String {
        switch node.value {
        case .null: return "null"
        case .array: return "array"
        case .object: return "object"
        default: return "\(node.typeName) \(value(node))"
        }
    }

    /// A JSON-like rendering of a value listed in a schema (`enum`, `const`),
    /// with containers rendered compactly and long output shortened.
    static func literal(_ node: Node) -> String {
        var text = ""
        render(node, into: &text, budget: 60)
        return text
    }

    private static func render(_ node: Node, into text: inout String, budget: Int) {
        if text.count > budget {
            text += "…"
            return
        }
        switch node.value {
        case .array(let items):
            text += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { text += ", " }
                render(item, into: &text, budget: budget)
                if text.hasSuffix("…") { break }
            }
            text += "]"
        case .object(let mapping):
            text += "{"
            for (offset, entry) in mapping.entries.enumerated() {
                if offset > 0 { text += ", " }
                text += quoted(entry.key) + ": "
                render(entry.value, into: &text, budget: budget)
                if text.hasSuffix("…") { break }
            }
            text += "}"
        default:
            text += value(node)
        }
    }

    /// A string in double quotes with quotes, backslashes and controls escaped,
    /// shortened past 60 characters.
    static func quoted(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > 60 else { return JSONWriter.quoted(text) }
        let prefix = String(String.UnicodeScalarView(scalars.prefix(60)))
        return String(JSONWriter.quoted(prefix).dropLast()) + "…\""
    }

    /// `a`, `a or b`, `a, b or c`.
    static func alternatives(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " or " + (items.last ?? "")
        }
    }

    /// `1 item`, `2 items`.
    static func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }
}

/// Suggestions for misspelt property names.
enum Spelling {
    /// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let limit = word.count <= 3 ? 1 : (word.count <= 6 ? 2 : 3)
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(word, candidate, limit: limit)
            if distance <= limit, best.map({ distance < $0.1 }) ?? true {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// Optimal string alignment distance (Levenshtein plus transpositions), case-insensitive,
    /// giving up early (returning `limit + 1`) once it exceeds `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[y.count]
    }
}

extension Describe {
    /// A property name in single quotes, as messages show it: `'role'`.
    static func quotedName(_ name: String) -> String {
        let inner = quoted(name).dropFirst().dropLast()
        return "'" + inner + "'"
    }
}

import DocumentTree

/// JSON equality as JSON Schema defines it, with strings compared by Unicode
/// scalars: Swift's `String ==` treats canonically equivalent strings
/// (`"é"` and `"e\u{301}"`) as equal, which JSON does not.
enum JSONEquality {
    static func equal(_ a: Node, _ b: Node) -> Bool {
        switch (a.value, b.value) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return sameScalars(x, y)
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            for (p, q) in zip(x, y) where !equal(p, q) { return false }
            return true
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for entry in x {
                guard let other = y.entry(entry.key), sameScalars(entry.key, other.key),
                      equal(entry.value, other.value) else { return false }
            }
            return true
        default:
            return false
        }
    }

    static func sameScalars(_ x: String, _ y: String) -> Bool {
        x.unicodeScalars.elementsEqual(y.unicodeScalars)
    }
}

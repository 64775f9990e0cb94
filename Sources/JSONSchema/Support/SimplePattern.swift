/// An ECMA-262 pattern made only of single-scalar atoms with quantifiers —
/// literals, escapes, `.`, character classes, `*` `+` `?` `{n,m}` — optionally
/// anchored by a leading `^` and a trailing `$`, matched without a regex engine.
///
/// Schemas mostly hold patterns of this shape (`^[A-Za-z_][A-Za-z0-9_]*$`).
/// Such a pattern is a chain of atoms, each taken once, at most once or any
/// number of times, so a match is found by following every place in the chain
/// at once along the text: time linear in the text, no backtracking, nothing
/// compiled at start-up and nothing allocated per match. Whether a match
/// exists does not depend on greedy or lazy quantifiers, so `*?` is accepted.
///
/// ``init(_:)`` returns `nil` for anything else (groups, alternation,
/// assertions, back-references, property escapes, `\D` `\W` `\S` inside a
/// class, a class with no member, escapes ECMA's Unicode mode rejects):
/// ``ECMARegex`` then hands the pattern to Swift's `Regex`, which also reports
/// syntax errors. What this type accepts is valid ECMA syntax.
struct SimplePattern: Sendable, Hashable {
    /// A set of Unicode scalar values: ranges, or everything outside them.
    struct ScalarSet: Sendable, Hashable {
        var ranges: [ClosedRange<UInt32>]
        var negated = false

        func contains(_ value: UInt32) -> Bool {
            var found = false
            for range in ranges where range.contains(value) {
                found = true
                break
            }
            return found != negated
        }

        static func scalar(_ value: UInt32) -> ScalarSet { ScalarSet(ranges: [value...value]) }
        static let digits = ScalarSet(ranges: [0x30...0x39])
        static let wordCharacters = ScalarSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
        /// ECMA's `\s`: white space and line terminators.
        static let spaces = ScalarSet(ranges: [
            0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
            0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
        ])
        /// ECMA's `.`: anything but a line terminator.
        static let notLineTerminator = ScalarSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029], negated: true)

        var inverted: ScalarSet { ScalarSet(ranges: ranges, negated: !negated) }
    }

    /// How many times an atom is taken.
    enum Repetition: Sendable, Hashable {
        case once
        case optional
        case any
    }

    struct Atom: Sendable, Hashable {
        var set: ScalarSet
        var repetition: Repetition
    }

    /// The atoms in order, quantifiers expanded (`a{2,3}` is `a`, `a`, `a?`).
    let atoms: [Atom]
    /// The pattern starts with `^`: a match starts at the start of the text.
    let anchoredAtStart: Bool
    /// The pattern ends with `$`: a match ends at the end of the text.
    let anchoredAtEnd: Bool

    /// At most this many atoms, so that the places in the chain fit one 64-bit word.
    static let maxAtoms = 63

    /// The pattern, or `nil` when it is not of the simple shape.
    init?(_ pattern: String) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        guard let parsed = parser.parse(), parsed.atoms.count <= Self.maxAtoms else { return nil }
        (atoms, anchoredAtStart, anchoredAtEnd) = parsed
    }

    /// True when the pattern matches somewhere in `text` (everywhere-anchored when it says so).
    func matches(_ text: String) -> Bool {
        let end = UInt64(1) << UInt64(atoms.count)
        var places = closure(1)
        if !anchoredAtEnd && places & end != 0 { return true }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            var next: UInt64 = 0
            var remaining = places & (end - 1)
            while remaining != 0 {
                let index = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                let atom = atoms[index]
                if atom.set.contains(value) {
                    next |= atom.repetition == .any ? UInt64(1) << UInt64(index) : UInt64(1) << UInt64(index + 1)
                }
            }
            if !anchoredAtStart { next |= 1 }
            places = closure(next)
            if !anchoredAtEnd && places & end != 0 { return true }
            if places == 0 { return false }
        }
        return places & end != 0
    }

    /// `places` with every place reachable from them by skipping optional atoms.
    private func closure(_ places: UInt64) -> UInt64 {
        var result = places
        for index in atoms.indices where result & (UInt64(1) << UInt64(index)) != 0 && atoms[index].repetition != .once {
            result |= UInt64(1) << UInt64(index + 1)
        }
        return result
    }

    // MARK: Parsing

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        /// At most this many repetitions in `{n,m}`.
        static let maxCount = 32

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        mutating func parse() -> (atoms: [Atom], anchoredAtStart: Bool, anchoredAtEnd: Bool)? {
            var atoms: [Atom] = []
            var anchoredAtStart = false
            var anchoredAtEnd = false
            if peek() == "^" {
                anchoredAtStart = true
                index += 1
            }
            while let scalar = peek() {
                if scalar == "$" && index == scalars.count - 1 {
                    anchoredAtEnd = true
                    index += 1
                    break
                }
                guard let set = atom() else { return nil }
                guard let repeated = quantified(set) else { return nil }
                atoms += repeated
                if atoms.count > SimplePattern.maxAtoms { return nil }
            }
            return (atoms, anchoredAtStart, anchoredAtEnd)
        }

        /// One atom outside a class.
        mutating func atom() -> ScalarSet? {
            guard let scalar = peek() else { return nil }
            index += 1
            switch scalar {
            case "\\":
                guard let escaped = escape(inClass: false) else { return nil }
                return escaped
            case "[":
                return characterClass()
            case ".":
                return .notLineTerminator
            case "^", "$", "(", ")", "|", "{", "}", "]", "*", "+", "?":
                return nil
            default:
                return .scalar(scalar.value)
            }
        }

        /// The quantifier after an atom, if any, applied to it.
        mutating func quantified(_ set: ScalarSet) -> [Atom]? {
            let minimum: Int, maximum: Int?
            switch peek() {
            case "*":
                index += 1
                (minimum, maximum) = (0, nil)
            case "+":
                index += 1
                (minimum, maximum) = (1, nil)
            case "?":
                index += 1
                (minimum, maximum) = (0, 1)
            case "{":
                index += 1
                guard let low = number() else { return nil }
                var high: Int? = low
                if peek() == "," {
                    index += 1
                    high = peek() == "}" ? nil : number()
                    if high == nil && peek() != "}" { return nil }
                }
                guard peek() == "}" else { return nil }
                index += 1
                if let high, high < low { return nil }
                (minimum, maximum) = (low, high)
            default:
                return [Atom(set: set, repetition: .once)]
            }
            // A lazy quantifier finds a match exactly when the greedy one does.
            if peek() == "?" { index += 1 }
            var atoms = Array(repeating: Atom(set: set, repetition: .once), count: minimum)
            if let maximum {
                atoms += Array(repeating: Atom(set: set, repetition: .optional), count: maximum - minimum)
            } else {
                atoms.append(Atom(set: set, repetition: .any))
            }
            return atoms
        }

        /// A decimal count of at most ``maxCount``.
        mutating func number() -> Int? {
            var value = 0
            var digits = 0
            while let scalar = peek(), scalar.properties.numericType == .decimal, scalar.isASCII {
                value = value * 10 + Int(scalar.value - 0x30)
                digits += 1
                index += 1
                if value > Self.maxCount { return nil }
            }
            return digits > 0 ? value : nil
        }

        /// The escape after a backslash (already read): a set, or `nil` when it is
        /// not one this type handles.
        mutating func escape(inClass: Bool) -> ScalarSet? {
            guard let scalar = peek() else { return nil }
            index += 1
            switch scalar {
            case "d": return .digits
            case "w": return .wordCharacters
            case "s": return .spaces
            case "D": return inClass ? nil : ScalarSet.digits.inverted
            case "W": return inClass ? nil : ScalarSet.wordCharacters.inverted
            case "S": return inClass ? nil : ScalarSet.spaces.inverted
            case "t": return .scalar(0x09)
            case "n": return .scalar(0x0A)
            case "v": return .scalar(0x0B)
            case "f": return .scalar(0x0C)
            case "r": return .scalar(0x0D)
            case "b": return inClass ? .scalar(0x08) : nil
            case "-": return inClass ? .scalar(0x2D) : nil
            case "0":
                if let next = peek(), next.isASCII, next.properties.numericType == .decimal { return nil }
                return .scalar(0)
            case "x":
                guard let value = hex(count: 2) else { return nil }
                return .scalar(value)
            case "u":
                if peek() == "{" {
                    index += 1
                    var value: UInt32 = 0
                    var digits = 0
                    while let digit = peek().flatMap(hexDigit) {
                        value = value &* 16 &+ digit
                        digits += 1
                        index += 1
                        if digits > 6 { return nil }
                    }
                    guard digits > 0, peek() == "}", value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
                    index += 1
                    return .scalar(value)
                }
                // Surrogates (pairs written as two escapes) are left to the regex engine.
                guard let value = hex(count: 4), !(0xD800...0xDFFF).contains(value) else { return nil }
                return .scalar(value)
            case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/":
                return .scalar(scalar.value)
            default:
                return nil
            }
        }

        mutating func hex(count: Int) -> UInt32? {
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let digit = peek().flatMap(hexDigit) else { return nil }
                value = value * 16 + digit
                index += 1
            }
            return value
        }

        /// A class after its `[` (already read), up to and including its `]`.
        mutating func characterClass() -> ScalarSet? {
            var negated = false
            if peek() == "^" {
                negated = true
                index += 1
            }
            // `[]` and `[^]` are left to the regex engine.
            if peek() == "]" { return nil }
            var ranges: [ClosedRange<UInt32>] = []
            while let scalar = peek(), scalar != "]" {
                guard let first = classAtom() else { return nil }
                if peek() == "-", let after = peek(1), after != "]" {
                    index += 1
                    guard let second = classAtom(),
                          let low = first.single, let high = second.single, low <= high
                    else { return nil }
                    ranges.append(low...high)
                } else {
                    ranges += first.ranges
                }
            }
            guard peek() == "]" else { return nil }
            index += 1
            return ScalarSet(ranges: ranges, negated: negated)
        }

        /// One member of a class: a scalar or a class escape.
        mutating func classAtom() -> ScalarSet? {
            guard let scalar = peek() else { return nil }
            index += 1
            if scalar == "\\" { return escape(inClass: true) }
            return .scalar(scalar.value)
        }
    }
}

extension SimplePattern.ScalarSet {
    /// The one scalar value of a set holding exactly one, for class ranges.
    fileprivate var single: UInt32? {
        guard !negated, ranges.count == 1, let range = ranges.first, range.lowerBound == range.upperBound else { return nil }
        return range.lowerBound
    }
}

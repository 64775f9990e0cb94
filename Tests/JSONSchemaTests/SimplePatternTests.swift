@testable import JSONSchema
import Testing
import TestSupport

@Suite("patterns matched without a regex engine")
struct SimplePatternTests {
    @Test(arguments: [
        // The persona schema's own patterns.
        (#"^[A-Za-z_][A-Za-z0-9_]*$"#, "user_name", true),
        (#"^[A-Za-z_][A-Za-z0-9_]*$"#, "9lives", false),
        (#"^[A-Za-z_][A-Za-z0-9_]*$"#, "", false),
        (#"^[A-Za-z_][A-Za-z0-9_]*$"#, "a\n", false),  // `$` is the very end, not before a final newline
        (#"^[^./\\\u0000-\u001F\u007F][^/\\\u0000-\u001F\u007F]*$"#, "Maya Premium", true),
        (#"^[^./\\\u0000-\u001F\u007F][^/\\\u0000-\u001F\u007F]*$"#, ".hidden", false),
        (#"^[^./\\\u0000-\u001F\u007F][^/\\\u0000-\u001F\u007F]*$"#, "a/b", false),
        (#"^[^./\\\u0000-\u001F\u007F][^/\\\u0000-\u001F\u007F]*$"#, "tab\there", false),
        (#"^[^./\\\u0000-\u001F\u007F][^/\\\u0000-\u001F\u007F]*$"#, "José 🙂", true),
        // A search, unless anchored.
        ("b+", "aaabbb", true),
        ("b+", "aaa", false),
        ("^b", "ab", false),
        ("a$", "ba", true),
        ("", "anything", true),
        ("^$", "", true),
        ("^$", "x", false),
        // Counts, optional atoms, lazy quantifiers.
        ("^a{2,3}$", "a", false),
        ("^a{2,3}$", "aaa", true),
        ("^a{2,3}$", "aaaa", false),
        ("^a{2,}$", "aaaaaa", true),
        ("^ab?c$", "ac", true),
        ("^a+?b$", "aaab", true),
        // `.` and the shorthand classes, as ECMA defines them.
        ("^.$", "\u{2028}", false),
        ("^.$", "é", true),
        ("^.$", "🙂", true),
        (#"^\d+$"#, "١٢", false),  // Arabic-Indic digits are not `\d`
        (#"^\w+$"#, "é", false),
        (#"^\s$"#, "\u{FEFF}", true),
        (#"^\s$"#, "\u{85}", false),
        (#"^[\d_]+$"#, "1_2", true),
        (#"^\u{1F642}$"#, "🙂", true),
        (#"^\x41\u0042$"#, "AB", true),
    ])
    func matchesAsECMADoes(pattern: String, text: String, expected: Bool) throws {
        let simple = try #require(SimplePattern(pattern), "not taken as simple: \(pattern)")
        #expect(simple.matches(text) == expected)
        // And Swift's Regex engine, given the same pattern, agrees.
        #expect((text.firstMatch(of: try ECMARegex.compile(pattern)) != nil) == expected)
    }

    @Test(arguments: [
        "(a)", "a|b", #"\bword"#, "[]", "[^]", #"[\D]"#, #"[\d-z]"#, "[z-a]", #"\-"#, "a{33}", "a{2,1}",
        #"\p{L}"#, #"(?=a)"#, #"\1"#, "a**", "*a", "a{", "}", "]", "^*", "a$b", #"\uD83D\uDE42"#, #"\c"#, #"\k<x>"#,
    ])
    func otherShapesAreLeftToTheRegexEngine(pattern: String) {
        #expect(SimplePattern(pattern) == nil)
    }

    @Test func whatTheEngineRefusesIsNeverTakenAsSimple() {
        for pattern in ["[z-a]", "a**", "*a", #"\c"#, "(a", "[a"] {
            #expect(SimplePattern(pattern) == nil)
            #expect(throws: ECMARegex.SyntaxError.self) { try ECMARegex(pattern) }
        }
    }

    /// Random patterns of the simple shape and random texts: the simple matcher
    /// and Swift's `Regex` engine give the same answer every time.
    @Test func agreesWithTheRegexEngineOnRandomPatterns() throws {
        let atoms = [
            "a", "b", "-", ".", #"\d"#, #"\w"#, #"\s"#, #"\D"#, #"\W"#, #"\S"#, "[a-c]", "[^b]", #"[\d_]"#, #"[\s-]"#,
            #"\u00e9"#, "é", #"\."#, #"\/"#, "[.]", #"[^\n]"#, #"\t"#, "[😀-🙏]",
        ]
        let quantifiers = ["", "", "", "*", "+", "?", "{2}", "{1,3}", "{0,}", "*?", "+?", "{0,2}"]
        let alphabet: [String] = ["a", "b", "c", "-", "1", "_", " ", "\n", "\t", "é", "\u{2028}", ".", "/", "🙂", "\u{A0}"]
        var generator = SeededGenerator(seed: 0x5EED_1234)
        var compared = 0
        for _ in 0..<300 {
            var pattern = Bool.random(using: &generator) ? "^" : ""
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                pattern += atoms.randomElement(using: &generator)! + quantifiers.randomElement(using: &generator)!
            }
            if Bool.random(using: &generator) { pattern += "$" }
            let simple = try #require(SimplePattern(pattern), "not taken as simple: \(pattern)")
            let regex = try ECMARegex.compile(pattern)
            for _ in 0..<12 {
                let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
                let expected = text.firstMatch(of: regex) != nil
                #expect(simple.matches(text) == expected, "pattern \(pattern) text \(text.debugDescription)")
                compared += 1
            }
        }
        #expect(compared == 3_600)
    }
}

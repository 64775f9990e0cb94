import DocumentTree
import Testing
@testable import YAMLLoader

@Suite("YAML core schema: the first-byte shortcut")
struct ScalarShortcutTests {
    /// Every text the shortcut calls a string must be one that the full
    /// null/bool/int/float tests also leave a string.
    @Test func theShortcutNeverHidesANonString() throws {
        let alphabet = ["0", "1", "9", "+", "-", ".", "e", "E", "x", "o", "a", "F", "n", "N", "t", "T", "f", "~", "i", "I", " ", "_"]
        var texts: [String] = ["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", ".inf", "-.Inf", ".NaN",
                               "0x1F", "0o17", "1e5", "-2.5E-3", "Nulls", "Trues", "falsey", "Ticket", "nothing", "~~"]
        for a in alphabet {
            texts.append(a)
            for b in alphabet {
                texts.append(a + b)
                for c in alphabet { texts.append(a + b + c) }
            }
        }
        let here = SourceLocation(line: 1, column: 1)
        for text in texts {
            let integer = try ScalarResolver.integer(text, at: here)
            let full = ScalarResolver.isNull(text) || ScalarResolver.bool(text) != nil || integer != nil || ScalarResolver.float(text) != nil
            guard let first = text.utf8.first else { continue }
            if full {
                #expect(ScalarResolver.mayBeNonString(first: first, length: text.utf8.count), "\(text)")
            }
        }
        #expect(texts.count > 10_000)
    }
}

import DocumentTree
import Testing
import YAMLLoader

@Suite("YAML keys")
struct KeyTests {
    @Test func duplicateKeyNamesBothPositions() throws {
        let error = try #require(loadError("name: a\nother: 1\nname: b\n"))
        #expect(error.message == "duplicate key 'name' (first defined at 1:1)")
        #expect(error.location == at(3, 1))
        #expect(error.notes == [DocumentError.Note(message: "first defined here", location: at(1, 1))])
        #expect(error.description == "3:1: error: duplicate key 'name' (first defined at 1:1)")
    }

    @Test func duplicateKeyInNestedFlowMapping() throws {
        let error = try #require(loadError("outer:\n  inner: {a: 1, b: 2, a: 3}\n"))
        #expect(error.message == "duplicate key 'a' (first defined at 2:11)")
        #expect(error.location == at(2, 23))
        #expect(error.notes.map(\.location) == [at(2, 11)])
    }

    @Test func keysAreTheScalarText() throws {
        let root = try loadOne("1: one\nnull: n\n~: tilde\ntrue: t\n1.10: f\n'quoted': q\n? \n: empty\n")
        #expect(root.objectValue?.keys == ["1", "null", "~", "true", "1.10", "quoted", ""])
        #expect(root["1.10"]?.value == .string("f"))
    }

    @Test func keysThatOnlyDifferInQuotingAreDuplicates() throws {
        let error = try #require(loadError("1: a\n\"1\": b\n"))
        #expect(error.message == "duplicate key '1' (first defined at 1:1)")
        #expect(error.location == at(2, 1))
    }

    @Test func collectionKeysAreErrors() throws {
        let seq = try #require(loadError("a: 1\n? [x, y]\n: 2\n"))
        #expect(seq.message == "mapping keys must be scalars")
        #expect(seq.location == at(2, 3))
        let map = try #require(loadError("a: 1\n{b: 1}: 2\n"))
        #expect(map.message == "mapping keys must be scalars")
        #expect(map.location == at(2, 1))
    }

    @Test func mergeKeysAreRejected() throws {
        let error = try #require(loadError("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n"))
        #expect(error.message == "merge keys ('<<') are not supported")
        #expect(error.location == at(3, 3))
        // Quoted, it is an ordinary key.
        let root = try loadOne("\"<<\": 1\n")
        #expect(root["<<"]?.numberValue == number("1"))
    }

    @Test func keyTagsAreChecked() throws {
        let error = try #require(loadError("!custom k: v\n"))
        #expect(error.message == "unsupported tag '!custom'")
        #expect(error.location == at(1, 1))
        let root = try loadOne("!!str 1: v\n")
        #expect(root.objectValue?.keys == ["1"])
    }
}

@Suite("YAML anchors and aliases")
struct AliasTests {
    @Test func aliasesCopyTheAnchoredNode() throws {
        let text = """
        base: &b
          x: 1
          y: [a, b]
        copy: *b
        name: &n Maya
        again: *n
        list: [*n, *b]

        """
        let root = try loadOne(text)
        let base = try #require(root["base"])
        #expect(base.location == at(1, 7))
        // The copy is the same node, positions included.
        #expect(root["copy"] == base)
        #expect(root["copy"]?["y"]?.location == at(3, 6))
        #expect(root["again"]?.value == .string("Maya"))
        #expect(root["again"]?.location == at(5, 7))
        #expect(root["list"]?.arrayValue == [root["name"], base].compactMap { $0 })
    }

    @Test func aliasOfAScalarCanBeAKey() throws {
        let root = try loadOne("- &k name\n- {*k : v}\n")
        let second = try #require(root.arrayValue?.last?.objectValue)
        #expect(second.keys == ["name"])
        #expect(second.entry("name")?.keyLocation == at(2, 4))
        let error = try #require(loadError("- &m {a: 1}\n- {*m : v}\n"))
        #expect(error.message == "mapping keys must be scalars")
        #expect(error.location == at(2, 4))
    }

    @Test func unknownAlias() throws {
        let error = try #require(loadError("a: 1\nb: *foo\n"))
        #expect(error.message == "unknown alias '*foo'")
        #expect(error.location == at(2, 4))
    }

    @Test func anchorIsNotVisibleInsideItself() throws {
        let error = try #require(loadError("a: &x [1, *x]\n"))
        #expect(error.message == "unknown alias '*x'")
        #expect(error.location == at(1, 11))
    }

    @Test func aliasBudgetCountsExpandedNodes() throws {
        let limits = DocumentLimits(maxAliasNodes: 5)
        // `a` is three nodes; the first alias costs 3, the second would make 6.
        let error = try #require(loadError("a: &a [1, 2]\nb: *a\nc: *a\n", limits: limits))
        #expect(error.message == "alias expansion exceeds 5 nodes (possible alias bomb)")
        #expect(error.location == at(3, 4))
        _ = try loadOne("a: &a [1, 2]\nb: *a\n", limits: limits)
    }

    @Test func billionLaughsFailsFast() throws {
        var lines = ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for i in 1..<names.count {
            let previous = "*" + names[i - 1]
            let items = Array(repeating: previous, count: 9).joined(separator: ", ")
            lines.append("\(names[i]): &\(names[i]) [\(items)]")
        }
        let text = lines.joined(separator: "\n") + "\n"
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(loadError(text))
        let elapsed = clock.now - start
        #expect(error.message == "alias expansion exceeds 100000 nodes (possible alias bomb)")
        // a: 10 nodes, b: 91, c: 820, d: 7381, e: 66430; the first *e in `f` crosses 100 000.
        #expect(error.location == at(6, 8))
        #expect(elapsed < .seconds(1))
    }

    @Test func anchorsAreScopedToTheirDocument() throws {
        let error = try #require(loadError("--- &a 1\n--- *a\n"))
        #expect(error.message == "unknown alias '*a'")
        #expect(error.location == at(2, 5))
    }
}

@Suite("YAML limits")
struct LimitTests {
    @Test func deeplyNestedBracketsAreAnErrorNotACrash() throws {
        let text = String(repeating: "[", count: 200_000)
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(loadError(text))
        #expect(error.message == "nesting deeper than 64 levels")
        #expect(error.location == at(1, 65))
        #expect(clock.now - start < .seconds(2))
    }

    @Test func sixtyFourLevelsAreFine() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        var node = try loadOne(text)
        var depth = 1
        while let first = node.arrayValue?.first {
            node = first
            depth += 1
        }
        #expect(depth == 64)
        let error = try #require(loadError("[" + text + "]"))
        #expect(error.message == "nesting deeper than 64 levels")
        #expect(error.location == at(1, 65))
    }

    @Test func blockNestingUsesTheConfiguredLimit() throws {
        let limits = DocumentLimits(maxDepth: 3)
        let error = try #require(loadError("a:\n  b:\n    c:\n      d: 1\n", limits: limits))
        #expect(error.message == "nesting deeper than 3 levels")
        #expect(error.location == at(4, 7))
        _ = try loadOne("a:\n  b:\n    c: 1\n", limits: limits)
    }

    @Test func deepBlockSequencesAreAnErrorNotACrash() throws {
        let text = String(repeating: "- ", count: 100_000) + "x\n"
        let error = try #require(loadError(text))
        #expect(error.message == "nesting deeper than 64 levels")
        #expect(error.location == at(1, 129))
    }
}

@Suite("YAML syntax and encoding errors")
struct SyntaxErrorTests {
    @Test func missingColon() throws {
        let error = try #require(loadError("key: value\nother\n"))
        #expect(error.message == "could not find expected ':' while scanning a simple key")
        // The end of the file is the end of its last line, never the line after the final break.
        #expect(error.location == at(2, 6))
        #expect(error.notes == [DocumentError.Note(message: "the simple key started here", location: at(2, 1))])
    }

    @Test func unterminatedQuote() throws {
        // Reported where the quote opened, which is what needs fixing; the end of the file is a note.
        let error = try #require(loadError("a: \"abc\n"))
        #expect(error.message == "unclosed quote: this quoted text has no closing quote")
        #expect(error.location == at(1, 4))
        #expect(error.notes == [DocumentError.Note(message: "the file ends here", location: at(1, 8))])
    }

    @Test func mappingValueInPlainScalar() throws {
        let error = try #require(loadError("a: b: c\n"))
        #expect(error.message == "mapping values are not allowed in this context")
        #expect(error.location == at(1, 5))
        #expect(error.notes.isEmpty)
    }

    @Test func unclosedFlowSequence() throws {
        let error = try #require(loadError("x: 1\ny: [1, 2\n"))
        #expect(error.message == "unclosed '[': this list has no closing ']'")
        #expect(error.location == at(2, 4))
        #expect(error.notes == [DocumentError.Note(message: "the file ends here", location: at(2, 9))])
    }

    @Test func tabIndentation() throws {
        let first = try #require(loadError("a:\n\tb: 1\n"))
        #expect(first.message == "found a tab character used for indentation; YAML indentation must use spaces")
        #expect(first.location == at(2, 1))
        let second = try #require(loadError("a:\n  b: 1\n\tc: 2\n"))
        #expect(second.message == "found a tab character used for indentation; YAML indentation must use spaces")
        #expect(second.location == at(3, 1))
        // Tabs elsewhere are fine.
        let root = try loadOne("a:\tb\t# comment\nc: [1,\t2]\n")
        #expect(root["a"]?.value == .string("b"))
    }

    @Test func invalidLeadingByte() throws {
        let error = try #require(loadError(bytes: Array("a: 1\nb: ".utf8) + [0xFF, 0x0A]))
        #expect(error.message == "invalid leading UTF-8 octet (byte 0xFF)")
        #expect(error.location == at(2, 4))
    }

    @Test func invalidTrailingByte() throws {
        // "é" is fine; then E2 82 is cut short by "x".
        let error = try #require(loadError(bytes: Array("a: 1\nb: é".utf8) + [0xE2, 0x82] + Array("x\n".utf8)))
        #expect(error.message == "invalid trailing UTF-8 octet (byte 0x78)")
        #expect(error.location == at(2, 5))
    }

    @Test func incompleteSequenceAtTheEnd() throws {
        let error = try #require(loadError(bytes: Array("a: ".utf8) + [0xE2, 0x82]))
        #expect(error.message == "incomplete UTF-8 octet sequence")
        #expect(error.location == at(1, 4))
    }

    @Test func controlCharacters() throws {
        let error = try #require(loadError("a: 1\r\nb: x\u{1}\n"))
        #expect(error.message == "control characters are not allowed (U+0001)")
        #expect(error.location == at(2, 5))
    }

    @Test func invalidByteFarIntoTheFileAfterABOM() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        for i in 0..<20_000 { bytes += Array("k\(i): value\r\n".utf8) }
        bytes += Array("last: ab".utf8) + [0x80] + Array("\n".utf8)
        let error = try #require(loadError(bytes: bytes))
        #expect(error.message == "invalid leading UTF-8 octet (byte 0x80)")
        #expect(error.location == at(20_001, 9))
    }
}

import DocumentTree
import Testing
import YAMLLoader

@Suite("YAML core schema")
struct SchemaTests {
    /// The value of `v` in `v: <scalar>`.
    private func node(_ scalar: String) throws -> Node {
        try #require(try loadOne("v: \(scalar)\n")["v"])
    }

    private func value(_ scalar: String) throws -> Node.Value {
        try node(scalar).value
    }

    @Test(arguments: ["~", "null", "Null", "NULL", ""])
    func nulls(_ text: String) throws {
        #expect(try value(text) == .null)
    }

    @Test(arguments: [("true", true), ("True", true), ("TRUE", true), ("false", false), ("False", false), ("FALSE", false)])
    func booleans(_ text: String, _ expected: Bool) throws {
        #expect(try value(text) == .bool(expected))
    }

    @Test(arguments: ["yes", "no", "on", "off", "NO", "Yes", "y", "n", "tRUE", "nULL", "0b101", "+0x1F", "-0o7", "0x", "1_000", "1:30", ".", "+", "e5", "1e", ".inf.", "+.nan", "inf", "NaN"])
    func plainStringsThatLookLikeOtherThings(_ text: String) throws {
        #expect(try value(text) == .string(text))
    }

    @Test(arguments: [
        ("0", "0"), ("42", "42"), ("-17", "-17"), ("+5", "5"), ("007", "7"),
        ("0x1F", "31"), ("0xff", "255"), ("0x0", "0"), ("0o17", "15"), ("0o0", "0"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("0xFFFFFFFFFFFFFFFFFFFFFFFF", "79228162514264337593543950335"),
    ])
    func integers(_ text: String, _ expected: String) throws {
        let n = try #require(try node(text).numberValue)
        #expect(n == number(expected))
        #expect(n.isInteger)
        if expected.count <= 21 { #expect(n.description == expected) }
    }

    @Test(arguments: [
        ("1.10", "1.1"), ("0.5", "0.5"), (".5", "0.5"), ("-.5", "-0.5"), ("1.", "1"), ("1e3", "1000"),
        ("1.5E-3", "0.0015"), ("+12.5e+1", "125"), ("-0.0", "0"), ("3.14159265358979323846264338327950288", "3.14159265358979323846264338327950288"),
    ])
    func floats(_ text: String, _ expected: String) throws {
        let n = try #require(try node(text).numberValue)
        #expect(n == number(expected))
        #expect(n.description == expected)
    }

    @Test func floatIsExact() throws {
        // 1.10 is exactly 11/10, not the nearest binary double.
        let n = try #require(try node("1.10").numberValue)
        #expect(n.decimalParts?.digits == [1, 1])
        #expect(n.decimalParts?.exponent == -1)
        #expect(!n.isInteger)
    }

    @Test func infinitiesAndNaN() throws {
        for text in [".inf", ".Inf", ".INF", "+.inf"] {
            #expect(try value(text) == .number(.infinity(negative: false)), "\(text)")
        }
        for text in ["-.inf", "-.Inf", "-.INF"] {
            #expect(try value(text) == .number(.infinity(negative: true)), "\(text)")
        }
        for text in [".nan", ".NaN", ".NAN"] {
            #expect(try node(text).numberValue?.isNaN == true, "\(text)")
        }
    }

    @Test func quotedScalarsAreStrings() throws {
        let root = try loadOne("a: \"true\"\nb: '12'\nc: \"~\"\nd: ''\ne: \"0x1F\"\n")
        #expect(root["a"]?.value == .string("true"))
        #expect(root["b"]?.value == .string("12"))
        #expect(root["c"]?.value == .string("~"))
        #expect(root["d"]?.value == .string(""))
        #expect(root["e"]?.value == .string("0x1F"))
    }

    @Test func literalBlockScalars() throws {
        let text = """
        clip: |
          line one
            indented
          12

        strip: |-
          no newline

        keep: |+
          kept

        last: x

        """
        let root = try loadOne(text)
        #expect(root["clip"]?.value == .string("line one\n  indented\n12\n"))
        #expect(root["strip"]?.value == .string("no newline"))
        #expect(root["keep"]?.value == .string("kept\n\n"))
        #expect(root["clip"]?.location == at(1, 7))
    }

    @Test func foldedBlockScalars() throws {
        let text = """
        folded: >
          one
          two

          three
        strip: >-
          true
        keep: >+
          42

        """
        let root = try loadOne(text)
        #expect(root["folded"]?.value == .string("one two\nthree\n"))
        #expect(root["strip"]?.value == .string("true"))
        #expect(root["keep"]?.value == .string("42\n"))
    }

    @Test func plainMultiLineScalarsFold() throws {
        let root = try loadOne("a: one\n  two\n\n  three\n")
        #expect(root["a"]?.value == .string("one two\nthree"))
    }

    @Test func escapesInDoubleQuotes() throws {
        let root = try loadOne(#"a: "tab\tnul\0é\u00e9 \x41""#)
        #expect(root["a"]?.value == .string("tab\tnul\u{0}éé A"))
    }
}

@Suite("YAML tags")
struct TagTests {
    @Test func supportedTags() throws {
        let text = """
        s: !!str 12
        t: !!str true
        i: !!int "0x1F"
        f: !!float 1
        g: !!float '1.10'
        b: !!bool "TRUE"
        n: !!null ""
        m: !!map {a: 1}
        q: !!seq [1]
        e: ! 12
        v: !<tag:yaml.org,2002:int> 7

        """
        let root = try loadOne(text)
        #expect(root["s"]?.value == .string("12"))
        #expect(root["t"]?.value == .string("true"))
        #expect(root["i"]?.numberValue == number("31"))
        #expect(root["f"]?.numberValue == number("1"))
        #expect(root["g"]?.numberValue == number("1.1"))
        #expect(root["b"]?.value == .bool(true))
        #expect(root["n"]?.value == .null)
        #expect(root["m"]?["a"]?.numberValue == number("1"))
        #expect(root["q"]?.arrayValue?.count == 1)
        #expect(root["e"]?.value == .string("12"))
        #expect(root["v"]?.numberValue == number("7"))
    }

    @Test func unknownTagIsAnError() throws {
        let error = try #require(loadError("a: 1\nb: !custom x\n"))
        #expect(error.message == "unsupported tag '!custom'")
        #expect(error.location == at(2, 4))
    }

    @Test func unsupportedStandardTagsAreErrors() throws {
        let binary = try #require(loadError("a: !!binary aGVsbG8=\n"))
        #expect(binary.message == "unsupported tag '!!binary'")
        #expect(binary.location == at(1, 4))
        let set = try #require(loadError("a: !!set {x: null}\n"))
        #expect(set.message == "unsupported tag '!!set'")
        #expect(set.location == at(1, 4))
    }

    @Test func contentThatDoesNotFitItsTag() throws {
        let int = try #require(loadError("a: 1\nb: !!int 1.5\n"))
        #expect(int.message == "invalid value '1.5' for tag '!!int'")
        #expect(int.location == at(2, 4))
        let bool = try #require(loadError("- !!bool yes\n"))
        #expect(bool.message == "invalid value 'yes' for tag '!!bool'")
        #expect(bool.location == at(1, 3))
        let null = try #require(loadError("x: !!null 0\n"))
        #expect(null.message == "invalid value '0' for tag '!!null'")
        let float = try #require(loadError("x: !!float 0x1F\n"))
        #expect(float.message == "invalid value '0x1F' for tag '!!float'")
    }

    @Test func tagOnTheWrongKindOfNode() throws {
        let seq = try #require(loadError("a: !!seq {x: 1}\n"))
        #expect(seq.message == "tag '!!seq' cannot be used on a mapping")
        #expect(seq.location == at(1, 4))
        let str = try #require(loadError("a:\n  - !!str [1]\n"))
        #expect(str.message == "tag '!!str' cannot be used on a sequence")
        #expect(str.location == at(2, 5))
        let map = try #require(loadError("a: !!map x\n"))
        #expect(map.message == "tag '!!map' cannot be used on a scalar")
    }

    @Test func tagDirectivesAreResolvedByLibYAML() throws {
        let root = try loadOne("%TAG !e! tag:yaml.org,2002:\n---\na: !e!int 5\n")
        #expect(root["a"]?.numberValue == number("5"))
    }

    @Test func hugeHexadecimalIsRejected() throws {
        let digits = String(repeating: "F", count: 300)
        let error = try #require(loadError("a: 0x\(digits)\n"))
        #expect(error.message == "integer '0x\(String(repeating: "F", count: 38))…' is too large (more than 1024 bits)")
        #expect(error.location == at(1, 4))
        // Exactly 1024 bits is fine.
        let ok = try loadOne("a: 0x\(String(repeating: "F", count: 256))\n")
        #expect(ok["a"]?.numberValue?.isInteger == true)
        // As a key it is only text.
        let key = try loadOne("0x\(digits): v\n")
        #expect(key.objectValue?.keys == ["0x\(digits)"])
    }
}

import Testing
import DocumentTree

@Suite("Exact numbers")
struct NumberTests {
    @Test func hugeExponentsSurviveAWriteAndARead() throws {
        // Found by the JSON fuzzer: an exponent saturated while reading came back
        // from its own written form as another number.
        let literals = [
            "1234534599999999999999999999999999999999999999999999999999E9999999999999999999",
            "10e999999999", "10e1000000000", "1.5e-9999999999999", "0.0001e-999999999", "2E400",
            "-7e99999999999999999999999999",
        ]
        for literal in literals {
            let node = try JSONReader.parse(Array("[\(literal)]".utf8))
            for text in [JSONWriter.compact(node), JSONWriter.pretty(node)] {
                let again = try JSONReader.parse(text)
                #expect(again.jsonEquals(node), "\(literal) -> \(text)")
            }
        }
        #expect(Number(literal: "1e9999999999999") == Number(literal: "1e1000000000"), "beyond the bound, one value")
        #expect(Number(literal: "1e999999999") != Number(literal: "1e1000000000"))
    }

    @Test func mathematicalEquality() throws {
        #expect(Number(literal: "1.0") == Number(1))
        #expect(Number(literal: "1e2") == Number(literal: "100"))
        #expect(Number(literal: "0.10") == Number(literal: "1e-1"))
        #expect(Number(literal: "-0") == Number(0))
        #expect(Number(literal: "1.10") != Number(literal: "1.1000001"))
        let a = try #require(Number(literal: "1.0")), b = try #require(Number(literal: "1"))
        #expect(a.hashValue == b.hashValue)
    }

    @Test func ordering() throws {
        let values = ["-1e3", "-2", "-0.5", "0", "0.0075", "0.01", "1", "1.5", "10", "1e30"].compactMap { Number(literal: $0) }
        #expect(values.count == 10)
        #expect(values == values.shuffled().sorted())
        #expect(Number.infinity(negative: true) < Number(-1_000_000))
        #expect(Number(1_000_000) < Number.infinity(negative: false))
    }

    @Test func canonicalText() {
        #expect(Number(literal: "1.10")?.description == "1.1")
        #expect(Number(literal: "100.0")?.description == "100")
        #expect(Number(literal: "1.5e-30")?.description == "1.5e-30")
        #expect(Number(literal: "-0.0075")?.description == "-0.0075")
        #expect(Number(literal: "12345678901234567890123")?.description == "1.2345678901234567890123e22")
    }

    @Test func integersAndConversions() {
        #expect(Number(literal: "9223372036854775807")?.intValue == Int.max)
        #expect(Number(literal: "9223372036854775808")?.intValue == nil)
        #expect(Number(literal: "9223372036854775808")?.isInteger == true)
        #expect(Number(literal: "2.5")?.intValue == nil)
        #expect(Number(literal: "0.1")?.doubleValue == 0.1)
        #expect(Number(literal: "1.") == Number(1))  // YAML writes floats this way
        #expect(Number(literal: "abc") == nil)
        #expect(Number(literal: "1e") == nil)
    }
}

@Suite("Number source text")
struct NumberLiteralTests {
    @Test func literalIsKeptButNotCompared() throws {
        let written = try #require(Number(literal: "1.10"))
        #expect(written.sourceText == "1.10")
        #expect(written.description == "1.1")
        #expect(written == Number(literal: "1.1"))
        #expect(Number(5).sourceText == "5")
        #expect(Number(5).literal == nil)
    }
}

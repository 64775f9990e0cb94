import Testing
import DocumentTree

/// `Node.jsonEquals` (and `==`), the package's one JSON equality.
@Suite("JSON equality")
struct JSONEqualityTests {
    @Test func jsonEqualityComparesStringsAndKeysByScalars() throws {
        let precomposed = Node(.string("\u{E9}")), decomposed = Node(.string("e\u{301}"))
        #expect(!precomposed.jsonEquals(decomposed))
        #expect(precomposed != decomposed)
        let a = try JSONReader.parse(#"{"x": [1, {"\u00e9": true}], "y": null}"#)
        let b = try JSONReader.parse(#"{"y": null, "x": [1.0, {"\u00e9": true}]}"#)
        let c = try JSONReader.parse(#"{"y": null, "x": [1.0, {"e\u0301": true}]}"#)
        #expect(a.jsonEquals(b) && a == b && a.hashValue == b.hashValue)
        #expect(!a.jsonEquals(c) && a != c)
    }

    @Test func jsonEqualityOfVeryDeepTreesDoesNotRecurse() {
        var a = Node(.null), b = Node(.null)
        for _ in 0..<100_000 {
            a = Node(.array([a]))
            b = Node(.array([b]))
        }
        #expect(a.jsonEquals(b))
        #expect(a.hashValue == b.hashValue)
        NodeTeardown.release(&a)
        NodeTeardown.release(&b)
    }
}

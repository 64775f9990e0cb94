import Testing
import DocumentTree
import YAMLLoader

/// Mapping keys are told apart by Unicode scalars, as in JSON, Python and PyYAML.
@Suite("Keys that differ only in Unicode normalisation")
struct NormalisedKeyTests {
    @Test func mappingKeysDifferingOnlyInNormalisationAreDifferentKeys() throws {
        // "é" precomposed (U+00E9) and decomposed (U+0065 U+0301).
        let yaml = try YAMLLoader.load("\u{E9}: 1\ne\u{301}: 2\n")
        let mapping = try #require(yaml.first?.objectValue)
        #expect(mapping.count == 2)
        #expect(mapping["\u{E9}"]?.numberValue == Number(1))
        #expect(mapping["e\u{301}"]?.numberValue == Number(2))
        let json = try JSONReader.parse(#"{"\u00e9": 1, "e\u0301": 2}"#)
        #expect(json.objectValue?.count == 2)
        // A real duplicate is still one.
        #expect(throws: DocumentError.self) { try JSONReader.parse(#"{"\u00e9": 1, "\u00e9": 2}"#) }
    }
}

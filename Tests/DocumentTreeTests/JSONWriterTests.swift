import Testing
import DocumentTree

@Suite("JSON writer")
struct JSONWriterTests {
    @Test func prettyOutputKeepsOrderAndEscapes() throws {
        let node = try JSONReader.parse(#"{"z": 1, "a": ["x\n\"y\"", true, null, 1.50], "e": {}, "l": [], "u": "é\u0001"}"#)
        let expected = """
        {
          "z": 1,
          "a": [
            "x\\n\\"y\\"",
            true,
            null,
            1.5
          ],
          "e": {},
          "l": [],
          "u": "é\\u0001"
        }

        """
        #expect(JSONWriter.pretty(node) == expected)
    }

    @Test func roundTripsThroughTheReader() throws {
        let text = #"{"name":"Maya","n":[0,-2.5e-30,1e+40],"s":"tab\there"}"#
        let node = try JSONReader.parse(text)
        let again = try JSONReader.parse(JSONWriter.compact(node))
        #expect(again.jsonEquals(node))
        #expect(JSONWriter.compact(node) == #"{"name":"Maya","n":[0,-2.5e-30,1e40],"s":"tab\there"}"#)
    }
}

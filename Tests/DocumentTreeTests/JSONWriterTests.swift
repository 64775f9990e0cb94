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

    @Test func everyCharacterToEscapeIsEscapedWhereverItFallsInAnEightByteWord() {
        // The writer reads plain text a word at a time: put each character at every offset.
        func reference(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u00" + (hex.count == 1 ? "0" + hex : hex)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let specials = (0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) } + ["\"", "\\", "\u{7F}"]
        let plain: [Character] = [" ", "!", "#", "[", "]", "~", "é", "€", "😀"]
        for character in specials + plain {
            for offset in 0..<17 {
                let text = String(repeating: "a", count: offset) + String(character) + String(repeating: "b", count: 19 - offset)
                #expect(JSONWriter.quoted(text) == reference(text), "\(character.unicodeScalars.first!.value) at \(offset)")
                let twice = String(repeating: "c", count: offset) + String(character) + String(character)
                #expect(JSONWriter.quoted(twice) == reference(twice))
            }
        }
        #expect(JSONWriter.quoted("") == "\"\"")
    }

    @Test func roundTripsThroughTheReader() throws {
        let text = #"{"name":"Maya","n":[0,-2.5e-30,1e+40],"s":"tab\there"}"#
        let node = try JSONReader.parse(text)
        let again = try JSONReader.parse(JSONWriter.compact(node))
        #expect(again.jsonEquals(node))
        #expect(JSONWriter.compact(node) == #"{"name":"Maya","n":[0,-2.5e-30,1e40],"s":"tab\there"}"#)
    }
}

import Testing
import DocumentTree

/// Parses `text`, expecting an error; returns it.
private func jsonError(_ text: String) -> DocumentError? {
    do {
        _ = try JSONReader.parse(text)
        return nil
    } catch {
        return error
    }
}

private func jsonError(bytes: [UInt8]) -> DocumentError? {
    do {
        _ = try JSONReader.parse(bytes)
        return nil
    } catch {
        return error
    }
}

@Suite("JSON reader")
struct JSONReaderTests {
    @Test func valuesAndPositions() throws {
        let text = """
        {
          "name": "Maya",
          "tags": [1, 2.50, true, null],
          "ünï": {"k": "v"}
        }
        """
        let root = try JSONReader.parse(text)
        #expect(root.location == SourceLocation(line: 1, column: 1))
        let mapping = try #require(root.objectValue)
        #expect(mapping.keys == ["name", "tags", "ünï"])
        #expect(mapping.entry("name")?.keyLocation == SourceLocation(line: 2, column: 3))
        #expect(root["name"]?.stringValue == "Maya")
        #expect(root["name"]?.location == SourceLocation(line: 2, column: 11))
        let tags = try #require(root["tags"]?.arrayValue)
        #expect(tags.map(\.location.column) == [12, 15, 21, 27])
        #expect(tags[1].numberValue == Number(literal: "2.5"))
        #expect(tags[2].boolValue == true)
        #expect(tags[3].isNull)
        // Columns count characters, not bytes: "ünï" has two 2-byte letters.
        #expect(root["ünï"]?["k"]?.location == SourceLocation(line: 4, column: 16))
    }

    @Test func escapesAndSurrogatePairs() throws {
        let root = try JSONReader.parse(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\ud83d\ude00"]"#)
        let items = try #require(root.arrayValue)
        #expect(items[0].stringValue == "a\"b\\c/d\u{8}\u{C}\n\r\t")
        #expect(items[1].stringValue == "é😀")
    }

    @Test func numbersAreExact() throws {
        let root = try JSONReader.parse("[1.0, 1, 1e2, 123456789012345678901234567890, -0.0075]")
        let items = try #require(root.arrayValue).compactMap(\.numberValue)
        #expect(items[0] == items[1])
        #expect(items[0].isInteger)
        #expect(items[2].intValue == 100)
        #expect(items[3].description == "1.2345678901234567890123456789e29")
        #expect(items[3].isInteger)
        #expect(items[4].description == "-0.0075")
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\r\n  \"a\": 1\r\n}".utf8)
        let root = try JSONReader.parse(bytes)
        #expect(root["a"]?.location == SourceLocation(line: 2, column: 8))
    }

    @Test(arguments: [
        ("[1, 2,]", "1:7: error: trailing comma before ']'"),
        ("{\"a\": 1,}", "1:9: error: trailing comma before '}'"),
        ("{\"a\": 1 // note\n}", "1:9: error: comments are not allowed in JSON"),
        ("/* c */ {}", "1:1: error: comments are not allowed in JSON"),
        ("[NaN]", "1:2: error: unexpected character 'N': expected a value"),
        ("[Infinity]", "1:2: error: unexpected character 'I': expected a value"),
        ("[01]", "1:2: error: invalid number: leading zeros are not allowed"),
        ("[+1]", "1:2: error: unexpected character '+': expected a value"),
        ("[1.]", "1:4: error: invalid number: expected a digit after '.'"),
        ("{'a': 1}", "1:2: error: unexpected character ''': object keys must be strings in double quotes"),
        ("{\"a\" 1}", "1:6: error: unexpected character '1': expected ':' after the key"),
        ("[\"\\ud800\"]", "1:3: error: lone surrogate \\uD800 in a string"),
        ("[\"\\udc00x\"]", "1:3: error: lone surrogate \\uDC00 in a string"),
        ("[\"a\\x\"]", "1:4: error: invalid escape '\\x' in a string"),
        ("[\"a\tb\"]", "1:4: error: control character U+0009 in a string must be escaped"),
        ("{\"a\": 1,\n \"a\": 2}", "2:2: error: duplicate key 'a' (first defined at 1:2)"),
        ("[tru]", "1:2: error: invalid literal 'tru': expected a value (JSON has true, false and null)"),
        ("[1] [2]", "1:5: error: unexpected character '[' after the JSON value"),
        ("", "1:1: error: empty document: expected a JSON value"),
        ("  \n ", "2:2: error: empty document: expected a JSON value"),
        ("[1, 2", "1:1: error: unclosed '[': this array has no closing ']'"),
        ("{\"a\": \"x", "1:7: error: unterminated string"),
    ])
    func strictnessErrors(input: String, expected: String) {
        #expect(jsonError(input)?.description == expected)
    }

    /// An array or object left open is reported where it opens, with a note at
    /// the end of the file — never the line after a final line break.
    @Test func unclosedArrayOrObjectIsReportedWhereItOpens() throws {
        let object = try #require(jsonError("{\"name\": \"A\",\n \"role\": [\"r\"]\n"))
        #expect(object.description == "1:1: error: unclosed '{': this object has no closing '}'")
        #expect(object.notes == [DocumentError.Note(message: "the file ends here", location: SourceLocation(line: 2, column: 15))])
        let array = try #require(jsonError("\u{FEFF}{\"a\": [1,\r\n"))
        #expect(array.description == "1:7: error: unclosed '[': this array has no closing ']'")
        #expect(array.notes.map(\.location) == [SourceLocation(line: 1, column: 10)])
        let key = try #require(jsonError("{\"a\""))
        #expect(key.description == "1:1: error: unclosed '{': this object has no closing '}'")
        #expect(jsonError("  \n")?.description == "1:3: error: empty document: expected a JSON value")
    }

    @Test func duplicateKeyHasNoteAtFirstDefinition() throws {
        let error = try #require(jsonError("{\"a\": 1,\n \"a\": 2}"))
        #expect(error.notes == [.init(message: "first defined here", location: SourceLocation(line: 1, column: 2))])
    }

    @Test func invalidUTF8IsAnError() {
        // "é" as Latin-1 (0xE9) inside a string on line 2.
        let bytes: [UInt8] = Array("{\n  \"a\": \"caf".utf8) + [0xE9] + Array("\"}".utf8)
        #expect(jsonError(bytes: bytes)?.description == "2:12: error: invalid UTF-8 byte 0xE9 sequence")
        // A lone continuation byte.
        #expect(jsonError(bytes: [0x22, 0x80, 0x22])?.description == "1:2: error: invalid UTF-8 byte 0x80")
        // An overlong encoding of '/'.
        #expect(jsonError(bytes: [0x22, 0xC0, 0xAF, 0x22])?.description == "1:2: error: invalid UTF-8 byte 0xC0")
    }

    @Test func depthLimitIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(jsonError(deep)?.description == "1:65: error: nesting deeper than 64 levels")
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(jsonError(ok) == nil)
    }

    @Test func longSingleLinePositionsStayLinear() throws {
        // 20 000 members on one line; positions must still be right at the end.
        let members = (0..<20_000).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let root = try JSONReader.parse("{" + members + "}")
        let last = try #require(root["k19999"])
        let prefix = "{" + (0..<19_999).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k19999\":"
        #expect(last.location == SourceLocation(line: 1, column: prefix.unicodeScalars.count + 1))
    }
}

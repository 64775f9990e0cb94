import DocumentTree
import Testing
import YAMLLoader

@Suite("YAML streams and text encoding")
struct StreamTests {
    @Test func emptyInputGivesNoDocuments() throws {
        #expect(try YAMLLoader.load([UInt8]()) == [])
        #expect(try YAMLLoader.load("") == [])
        #expect(try YAMLLoader.load("# only a comment\n\n   # another\n") == [])
        #expect(try YAMLLoader.load([0xEF, 0xBB, 0xBF]) == [])
    }

    @Test func multipleDocuments() throws {
        let documents = try YAMLLoader.load("a: 1\n---\nb: 2\n...\n---\n- x\n--- plain\n---\n")
        #expect(documents.count == 5)
        #expect(documents[0]["a"]?.numberValue == number("1"))
        #expect(documents[0].location == at(1, 1))
        #expect(documents[1]["b"]?.numberValue == number("2"))
        #expect(documents[1].location == at(3, 1))
        #expect(documents[2].arrayValue?.first?.stringValue == "x")
        #expect(documents[2].location == at(6, 1))
        #expect(documents[3].value == .string("plain"))
        #expect(documents[3].location == at(7, 5))
        #expect(documents[4].isNull)
    }

    @Test func errorInALaterDocumentKeepsItsLine() throws {
        let error = try #require(loadError("a: 1\n---\nb: 2\nb: 3\n"))
        #expect(error.message == "duplicate key 'b' (first defined at 3:1)")
        #expect(error.location == at(4, 1))
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let text = "\u{FEFF}a: 1\r\nb: |\r\n  x\r\n  y\r\nc: \"p\r\n  q\"\r\nd: plain\r\n  more\r\ne: >\r\n  f\r\n  g\r\n"
        let root = try loadOne(text)
        #expect(root.objectValue?.keys == ["a", "b", "c", "d", "e"])
        #expect(root["a"]?.numberValue == number("1"))
        #expect(root["a"]?.location == at(1, 4))
        #expect(root.objectValue?.entry("b")?.keyLocation == at(2, 1))
        #expect(root["b"]?.value == .string("x\ny\n"))
        #expect(root["c"]?.value == .string("p q"))
        #expect(root.objectValue?.entry("c")?.keyLocation == at(5, 1))
        #expect(root["d"]?.value == .string("plain more"))
        #expect(root["e"]?.value == .string("f g\n"))
        for entry in try #require(root.objectValue) {
            #expect(entry.value.stringValue?.contains("\r") != true)
        }
    }

    @Test func stringOverloadMatchesBytes() throws {
        let text = "k: [1, two]\n"
        #expect(try YAMLLoader.load(text) == YAMLLoader.load(Array(text.utf8)))
    }

    @Test func diagnosticsFormat() throws {
        let error = try #require(loadError("a: 1\na: 2\n"))
        let diagnostics = error.diagnostics(file: "p.yaml").map(\.description)
        #expect(diagnostics == [
            "p.yaml:2:1: error: duplicate key 'a' (first defined at 1:1)",
            "p.yaml:1:1: note: first defined here",
        ])
    }
}

import Testing
@testable import JSONSchema

@Suite("JSON Pointer and URI splitting work on bytes, not graphemes")
struct PointerAndURITests {
    @Test func pointerTokensRoundTripWhateverFollowsATilde() throws {
        // A tilde or slash followed by a combining mark is one grapheme, but still a `~` or `/`.
        let tokens = ["a~b", "c/d", "~\u{301}", "/\u{301}", "", "é~1", "plain"]
        let pointer = JSONPointer.pointer(tokens)
        #expect(pointer == "/a~0b/c~1d/~0\u{301}/~1\u{301}//é~01/plain")
        #expect(JSONPointer.tokens(pointer) == tokens)
        #expect(JSONPointer.escape("~\u{301}") == "~0\u{301}")
        #expect(JSONPointer.escape("no escapes") == "no escapes")
        #expect(JSONPointer.tokens("") == [])
        #expect(JSONPointer.tokens("/") == [""])
        for invalid in ["a", "/~", "/~2", "/x~"] {
            #expect(JSONPointer.tokens(invalid) == nil, "\(invalid)")
        }
    }

    @Test func uriDelimitersFollowedByCombiningMarksStillSplit() {
        let reference = URIReference("https://example.com/a?\u{301}q#\u{301}frag")
        #expect(reference.scheme == "https")
        #expect(reference.authority == "example.com")
        #expect(reference.path == "/a")
        #expect(reference.query == "\u{301}q")
        #expect(reference.fragment == "\u{301}frag")
        let relative = URIReference("x/y#/$defs/z")
        #expect(relative.scheme == nil && relative.path == "x/y" && relative.fragment == "/$defs/z")
    }
}

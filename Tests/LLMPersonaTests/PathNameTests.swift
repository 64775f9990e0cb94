import Testing
@testable import LLMPersona

@Suite("Path names: one helper for every path operation")
struct PathNameTests {
    /// (path, directory, last component) for the awkward cases: one-character
    /// names, non-ASCII names, the root, `..`, trailing and repeated slashes.
    static let cases: [(String, String, String)] = [
        ("a", "", "a"),
        ("m", "", "m"),
        ("./a", ".", "a"),
        ("/a", "/", "a"),
        ("a/", "", "a"),
        ("a/b", "a", "b"),
        ("a/b//", "a", "b"),
        ("a//b", "a", "b"),
        ("//a", "/", "a"),
        ("é", "", "é"),
        ("dir/é", "dir", "é"),
        ("e\u{301}/x", "e\u{301}", "x"),
        ("/\u{301}", "/", "\u{301}"),
        ("..", "", ".."),
        ("../a", "..", "a"),
        (".", "", "."),
        ("/", "/", "/"),
        ("///", "/", "/"),
        ("", "", ""),
    ]

    @Test("directory(of:) and lastComponent(of:) over one-character, root, dot-dot, empty and non-ASCII paths",
          arguments: cases.indices)
    func pathNameSplitsAwkwardPaths(_ index: Int) {
        let (path, directory, last) = Self.cases[index]
        #expect(PathName.directory(of: path) == directory, "directory of '\(path)'")
        #expect(PathName.lastComponent(of: path) == last, "last component of '\(path)'")
    }

    @Test func pathNameJoinPutsOneSlashBetween() {
        #expect(PathName.join("", "a") == "a")
        #expect(PathName.join(".", "a") == "./a")
        #expect(PathName.join("/", "a") == "/a")
        #expect(PathName.join("d", "a") == "d/a")
        #expect(PathName.join("d/", "a") == "d/a")
        #expect(PathName.join("d/", "/a") == "d/a")
        #expect(PathName.join("é", "personas.lock") == "é/personas.lock")
        #expect(PathName.join("d", "") == "d")
        #expect(PathName.join("", "") == "")
    }

    @Test func pathNameRejoinsWhatItSplits() {
        for (path, _, _) in Self.cases where !path.isEmpty && path.utf8.last != UInt8(ascii: "/") && path != "." && path != ".." {
            let rejoined = PathName.join(PathName.directory(of: path), PathName.lastComponent(of: path))
            #expect(rejoined.split(separator: "/") == path.split(separator: "/"), "'\(path)' -> '\(rejoined)'")
        }
    }

    @Test func pathNameHandlesA4000BytePath() {
        let component = String(repeating: "x", count: 99)
        let path = Array(repeating: component, count: 40).joined(separator: "/")  // 3 999 bytes
        #expect(path.utf8.count == 3999)
        #expect(PathName.lastComponent(of: path) == component)
        #expect(PathName.directory(of: path).utf8.count == 3999 - 100)
        #expect(PathName.join(PathName.directory(of: path), component) == path)
        let long = String(repeating: "é", count: 2000)  // 4 000 bytes, one component
        #expect(PathName.lastComponent(of: long) == long)
        #expect(PathName.directory(of: long) == "")
    }

    @Test func pathNameExtensionIsLowerCasedAndIgnoresLeadingDots() {
        #expect(PathName.fileExtension("maya.YAML") == "yaml")
        #expect(PathName.fileExtension("dir.d/maya.json") == "json")
        #expect(PathName.fileExtension("dir.d/maya") == "")
        #expect(PathName.fileExtension(".yaml") == "")
        #expect(PathName.fileExtension("m") == "")
        #expect(PathName.fileExtension("") == "")
        #expect(PathName.fileExtension("a.") == "")
    }

    @Test func defaultLockPathOfOneCharacterAndNonASCIIFileNames() {
        #expect(PersonaLock.defaultPath(for: ["m"]) == "personas.lock")
        #expect(PersonaLock.defaultPath(for: ["é"]) == "personas.lock")
        #expect(PersonaLock.defaultPath(for: ["./m"]) == "./personas.lock")
        #expect(PersonaLock.defaultPath(for: ["/nonexistent-dir-for-test/m"]) == "/nonexistent-dir-for-test/personas.lock")
        #expect(PersonaLock.defaultPath(for: []) == "personas.lock")
    }
}

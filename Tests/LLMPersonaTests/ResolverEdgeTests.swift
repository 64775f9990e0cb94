import Testing
import LLMPersona
import DocumentTree

/// Resolver errors at scale and after failed loads, and mapping keys that differ
/// only in Unicode normalisation.
@Suite("Resolver and key edges")
struct ResolverEdgeTests {
    private func compile(_ files: [(String, String)]) -> PersonaCompiler.Compilation {
        PersonaCompiler().compile(sources: files.map { ($0.0, Array($0.1.utf8)) })
    }

    @Test func missingParentOf5000ChildrenIsOneErrorWithACountingNote() {
        let children = (0..<5_000).map { i in
            "C\(i):\n  parent: Nina\n  role: r\n"
        }.joined()
        let result = compile([("kids.yaml", children), ("other.yaml", "name: Nino\nrole: r\n")])
        #expect(result.diagnostics.map(\.description) == [
            "kids.yaml:2:11: error: unknown parent 'Nina' (did you mean 'Nino'?)",
            "kids.yaml:5:11: note: 4999 other personas name 'Nina' as parent too (at kids.yaml:5:11, kids.yaml:8:11, kids.yaml:11:11, …)",
        ])
        #expect(result.personas.map(\.persona.name) == ["Nino"])
    }

    @Test func missingParentErrorIsAtTheFirstParentLineInFileOrder() {
        let result = compile([
            ("b.yaml", "name: A\nparent: Gone\nrole: r\n"),
            ("a.yaml", "name: Z\nparent: Gone\nrole: r\n"),
        ])
        #expect(result.diagnostics.map(\.description) == [
            "a.yaml:2:9: error: unknown parent 'Gone'",
            "b.yaml:2:9: note: 1 other persona names 'Gone' as parent too (at b.yaml:2:9)",
        ])
    }

    @Test func childOfAParentWhoseFileHasAnErrorIsToldTheParentCouldNotBeLoaded() {
        let result = compile([
            ("p/nina.yaml", "name: Nina\nrole: r\ntone: 5\n"),
            ("p/maya.yaml", "name: Maya\nparent: Nina\nrole: r\n"),
        ])
        let messages = result.diagnostics.map(\.description)
        #expect(!messages.contains { $0.contains("unknown parent") })
        #expect(messages.contains("p/maya.yaml:2:9: error: parent 'Nina' could not be loaded: its declaration has errors"))
        #expect(messages.contains { $0.hasPrefix("p/nina.yaml:3:7: note: 'Nina' is declared here with an error: 'tone' must be a string") })
    }

    @Test func grandchildOfAMissingParentGetsNoErrorOfItsOwn() {
        let result = compile([("f.yaml", "A:\n  parent: Gone\n  role: r\nB:\n  parent: A\n")])
        #expect(result.diagnostics.map(\.description) == ["f.yaml:2:11: error: unknown parent 'Gone'"])
        #expect(result.personas.isEmpty)
    }

    // MARK: Keys and Unicode normalisation

    @Test func sectionNamesDifferingOnlyInNormalisationAreAnError() {
        let result = compile([("k.yaml", "name: K\nrole: r\ncustom_sections:\n  \"\u{E9}\": x\n  \"e\u{301}\": y\n")])
        #expect(result.diagnostics.map(\.description) == [
            "k.yaml:5:3: error: 'custom_sections' key 'e\u{301}' (U+0065 U+0301) differs from '\u{E9}' (U+00E9, at 4:3) only in Unicode normalisation; use one spelling",
        ])
        #expect(result.personas.isEmpty)
    }
}

extension ResolverEdgeTests {
    @Test func unknownParentNotesAFileThatCouldNotBeRead() {
        let result = PersonaCompiler().compile(sources: [
            ("p/nina.yaml", Array("name: Nina\nrole: \"unclosed\n".utf8)),
            ("p/maya.yaml", Array("name: Maya\nparent: Nina\nrole: r\n".utf8)),
        ])
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains("p/maya.yaml:2:9: error: unknown parent 'Nina'"))
        #expect(messages.contains("p/nina.yaml: note: 'Nina' may be declared in this file, which could not be read"))
    }
}

import Testing
import LLMPersona
import DocumentTree
import TestSupport

/// The schema and the decoder check the same document; their reports are matched
/// by what they are about (the value or key at a pointer, a missing member), not by
/// position or text.
@Suite("Schema and decoder findings")
struct FindingMergeTests {
    private func diagnostics(_ text: String, schema: PersonaSchema? = .bundled) -> [Diagnostic] {
        PersonaLoader(schema: schema).load(sources: [("a.yaml", Array(text.utf8))]).diagnostics
    }

    @Test func twoDifferentProblemsAtOnePositionAreBothKept() throws {
        // A team schema that also requires 'role': the mapping (1:1) lacks it, and its
        // first key (also 1:1) is a misspelling of it. Two problems, one position.
        let scratch = try Scratch([
            "team.schema.json": #"{"allOf": [{"$ref": "urn:llm-persona:schema:persona"}, {"required": ["role"]}]}"#,
        ])
        defer { scratch.cleanup() }
        let schema = try PersonaSchema.load(scratch.path("team.schema.json"))
        let found = diagnostics("rol: x\nname: Nina\n", schema: schema)
        #expect(found.map(\.description) == [
            "a.yaml:1:1: error: unknown field 'rol' (did you mean 'role'?)",
            "a.yaml:1:1: error: missing required field 'role'",
        ])
        #expect(found.map(\.keyword) == ["additionalProperties", "required"])
    }

    @Test func aDirectiveMappingWithTwoKeysOneUnknownHasBothProblems() {
        // The mapping (4:3) has two keys, and its first key (also 4:3) is no directive.
        let found = diagnostics("name: Nina\nrole: x\ncapabilities:\n  apend: [a]\n  remove: [b]\n")
        #expect(found.map(\.description) == [
            "a.yaml:4:3: error: 'capabilities' as a mapping takes exactly one of replace, append, prepend, remove",
            "a.yaml:4:3: error: unknown directive 'apend' in 'capabilities' (did you mean 'append'?); use one of replace, append, prepend, remove",
        ])
        #expect(found.map(\.pointer) == ["/capabilities", "/capabilities/apend"])
    }

    @Test func oneProblemFoundByTheSchemaAndTheDecoderIsReportedOnce() {
        let found = diagnostics("name: Nina\nrole: 5\n")
        #expect(found.map(\.description) == [#"a.yaml:2:7: error: 'role' must be a string, found number 5 — quote it: "5""#])
        // The decoder's words, with the schema's pointer and keyword.
        #expect(found.first?.pointer == "/role")
        #expect(found.first?.keyword == "type")
    }

    @Test func severalSchemaKeywordsFailingForOneValueAreSaidOnce() {
        // An empty name fails both minLength and pattern; the decoder says why once.
        let found = diagnostics("name: \"\"\nrole: r\n")
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(line: 1, column: 7))
    }

    @Test func aKeyAndTheValueItNamesAreDifferentSubjects() {
        // In a file of personas by name, a bad name is the key's problem; the persona's
        // own fields are still checked, and each problem is said once.
        let found = diagnostics(".hidden:\n  role: 5\n")
        #expect(found.map(\.description) == [
            "a.yaml:1:1: error: persona name '.hidden' must not start with '.'",
            #"a.yaml:2:9: error: 'role' must be a string, found number 5 — quote it: "5""#,
        ])
    }
}

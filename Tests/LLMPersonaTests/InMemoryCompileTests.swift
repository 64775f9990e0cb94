import Testing
import LLMPersona
import DocumentTree
import TestSupport

/// `PersonaCompiler.compile(sources:)`, the in-memory front end the pipeline
/// fuzz target drives: it must agree with compiling the same files from disk.
@Suite("Compiling files held in memory")
struct InMemoryCompileTests {
    static let files: [(path: String, text: String)] = [
        ("p/a.yaml", "name: A\nrole: r {user}\nvariables:\n  user: {required: true}\n"),
        ("p/b.json", #"{"B": {"parent": "A", "capabilities": ["x"]}, "C": {"parent": "Nope", "role": "r"}}"#),
        ("p/c.yaml", "name: D\nrole: [unclosed\n"),
    ]

    @Test func agreesWithCompilingFromDisk() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        for (path, text) in Self.files { try scratch.write(path, text) }
        let fromDisk = PersonaCompiler().compile([scratch.path("p")])
        let inMemory = PersonaCompiler().compile(sources: Self.files.map { (scratch.path($0.path), Array($0.text.utf8)) })
        #expect(inMemory.files == fromDisk.files)
        #expect(inMemory.diagnostics == fromDisk.diagnostics)
        #expect(inMemory.personas.map(\.persona.name) == ["A", "B"])
        #expect(inMemory.personas.map(\.persona.name) == fromDisk.personas.map(\.persona.name))
    }

    @Test func sizeAndPersonaLimitsApply() {
        let loader = PersonaLoader(limits: .init(maxFileBytes: 20), maxPersonas: 1)
        let big = PersonaCompiler(loader: loader).compile(sources: [("big.yaml", Array("name: A\nrole: a long role\n".utf8))])
        #expect(big.diagnostics.map(\.description) == ["big.yaml: error: file is larger than the 20 bytes limit"])
        let many = PersonaCompiler(loader: PersonaLoader(maxPersonas: 1)).compile(sources: [("m.yaml", Array("A: {role: r}\nB: {role: r}\n".utf8))])
        #expect(many.diagnostics.map(\.description) == ["m.yaml:2:1: error: more than 1 persona; the rest are not loaded"])
        #expect(many.personas.map(\.persona.name) == ["A"])
    }
}

import Testing
import DocumentTree
@testable import LLMPersona
import TestSupport

/// Removal records pass down a chain: each persona reads its parent's, then its own.
@Suite("Removal records along a chain")
struct RemovalRecordTests {
    @Test func recordsAccumulateInOrderAndAreSharedWithTheParent() throws {
        let files = [
            "a.yaml": "name: A\nrole: r\nconstraints: [x, y, z]\n",
            "b.yaml": "name: B\nparent: A\nconstraints: {replace: [x]}\n",
            "c.yaml": "name: C\nparent: B\nconstraints: {replace: [w]}\n",
            "d.yaml": "name: D\nparent: C\ncapabilities: [k]\n",
            "e.yaml": "name: E\nparent: D\nconstraints: [y]\n",
        ]
        let scratch = try Scratch(files)
        defer { scratch.cleanup() }
        let compilation = PersonaCompiler().compile([scratch.root])
        #expect(!compilation.hasErrors)
        func persona(_ name: String) throws -> ResolvedPersona { try compilation.persona(named: name) }
        let (b, c, d, e) = (try persona("B"), try persona("C"), try persona("D"), try persona("E"))
        #expect(b.removedConstraints.map(\.value) == ["y", "z"])
        #expect(c.removedConstraints.map(\.value) == ["y", "z", "x"])
        #expect(c.removedConstraints.map(\.origin.persona) == ["B", "B", "C"])
        #expect(c.removedConstraints.map { $0.replaced?.persona } == ["A", "A", "B"])
        #expect(c.removedConstraints.allSatisfy { $0.action == .removed })
        // Shared, not copied: C's records extend B's, and D (which writes no constraints) has C's.
        #expect(c.removedConstraintList.extends(b.removedConstraintList))
        #expect(d.removedConstraints == c.removedConstraints)
        // A value added back is no longer listed as removed.
        #expect(e.persona.constraints == ["w", "y"])
        #expect(e.removedConstraints.map(\.value) == ["z", "x"])
    }
}

import Testing
@testable import LLMPersona
import DocumentTree

/// A 10 000-link chain where each link appends one capability: inherited lists
/// share their parent's storage, so the chain costs O(n), and every persona
/// still reads its full list, in order, with the right provenance.
@Suite("Long chains of appends")
struct LongChainTests {
    static let length = 10_000

    static func name(_ i: Int) -> String { "P\(i)" }

    /// `P0` is the root; `P<i>` inherits from `P<i-1>` and appends `cap <i>`.
    static func chain(_ length: Int) -> [PersonaDeclaration] {
        (0..<length).map { i in
            codeDeclaration(name(i), parent: i == 0 ? nil : name(i - 1), role: i == 0 ? "r" : nil, capabilities: ["cap \(i)"])
        }
    }

    @Test func chainOf10000AppendsResolvesEveryListInFullAndInOrder() throws {
        let resolution = PersonaResolver().resolve(Self.chain(Self.length))
        #expect(resolution.diagnostics.isEmpty)
        #expect(resolution.personas.count == Self.length)
        for i in [0, 1, 2, 4_999, Self.length - 1] {
            let persona = try #require(resolution.personas[Self.name(i)])
            #expect(persona.persona.capabilities == (0...i).map { "cap \($0)" })
            let provenance = persona.capabilities
            #expect(provenance.count == i + 1)
            // What an ancestor wrote reads as inherited; the persona's own item as appended (or declared, at the root).
            #expect(provenance.dropLast().allSatisfy { $0.action == .inherited })
            #expect(provenance.last?.action == (i == 0 ? .declared : .appended))
            #expect(provenance.last?.origin.persona == Self.name(i))
            #expect(provenance.first?.origin.persona == "P0")
        }
    }

    @Test func chainOf10000AppendsSharesItsParentsStorage() throws {
        let resolution = PersonaResolver().resolve(Self.chain(Self.length))
        let last = try #require(resolution.personas[Self.name(Self.length - 1)])
        let parent = try #require(resolution.personas[Self.name(Self.length - 2)])
        #expect(last.capabilityList.items.extends(parent.capabilityList.items))
        #expect(last.capabilityList.items.count == Self.length)
    }

    @Test func appendingWhatTheParentHasKeepsOneCopyAndSharingStillReadsTheSame() throws {
        let declarations = [
            codeDeclaration("A", role: "r", capabilities: ["x", "y"]),
            codeDeclaration("B", parent: "A", capabilities: ["y", "z", "z"]),
            codeDeclaration("C", parent: "B"),
            // A root may repeat an item; its child then drops the repeat.
            codeDeclaration("R", role: "r", capabilities: ["a", "a"]),
            codeDeclaration("S", parent: "R", capabilities: ["b"]),
        ]
        let resolution = PersonaResolver().resolve(declarations)
        #expect(resolution.diagnostics.isEmpty)
        #expect(resolution.personas["B"]?.persona.capabilities == ["x", "y", "z"])
        #expect(resolution.personas["C"]?.persona.capabilities == ["x", "y", "z"])
        #expect(resolution.personas["C"]?.capabilities.map(\.action) == [.inherited, .inherited, .inherited])
        #expect(resolution.personas["R"]?.persona.capabilities == ["a", "a"])
        #expect(resolution.personas["S"]?.persona.capabilities == ["a", "b"])
    }

    /// The checks that no longer read every inherited item still see placeholders in them.
    @Test func placeholdersInInheritedItemsAreStillCheckedAlongAChainOfAppends() {
        let file = """
            P0:
              role: r
              variables:
                user: {default: you}
              capabilities: ["help {user}"]
            P1:
              parent: P0
              capabilities: [plain]
            P2:
              parent: P1
              capabilities: [more]
              variables:
                user: null

            """
        let result = PersonaCompiler().compile(sources: [("c.yaml", Array(file.utf8))])
        // One error at the item's place (P0 declares 'user'; P2, which inherits the item, clears it).
        #expect(result.diagnostics.map(\.description) == [
            "c.yaml:5:24: error: undeclared variable 'user' in capabilities of 'P0' (declared there, but not by 'P2', which inherits it): declare it under 'variables'",
            "c.yaml:9:1: note: inherited by 'P2', which does not declare 'user'",
        ])
        // Used only in an inherited item: no unused-variable warning for P1.
        let clean = PersonaCompiler().compile(sources: [("c.yaml", Array(file.replacing("  variables:\n    user: null\n", with: "").utf8))])
        #expect(clean.diagnostics.isEmpty)
    }
}

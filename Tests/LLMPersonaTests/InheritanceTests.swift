import Foundation
import Testing
import LLMPersona
import DocumentTree
import TestSupport

private let base = """
    name: Base
    abstract: true
    role: Agent
    company: Acme
    tone: calm
    greeting: Hello
    description: the base
    version: "1.0"
    capabilities: [a, b]
    constraints: [x, y, z]
    custom_sections:
      intro: I
      legal: L
      outro: O
    variables:
      customer: {description: who}
      region: {default: EU}

    """

@Suite("Inheritance: scalars, abstract bases, completeness")
struct InheritanceScalarTests {
    @Test func childScalarsOverrideAndTheRestIsInherited() throws {
        let result = try compileFiles(["base.yaml": base, "kid.yaml": "name: Kid\nparent: Base\ntone: brisk\n"])
        #expect(result.lines.isEmpty)
        let kid = try #require(result.persona("Kid"))
        #expect(kid.persona.role == "Agent")
        #expect(kid.persona.company == "Acme")
        #expect(kid.persona.tone == "brisk")
        #expect(kid.persona.greeting == "Hello")
        #expect(kid.persona.description == "the base")
        #expect(kid.scalars[.tone]?.action == .overridden)
        #expect(kid.scalars[.tone]?.replaced?.location == SourceLocation(line: 5, column: 7))
        #expect(kid.scalars[.role]?.action == .inherited)
        #expect(kid.scalars[.role]?.origin.persona == "Base")
        #expect(kid.lineage == ["Base", "Kid"])
    }

    @Test func nameVersionAndAbstractAreNeverInherited() throws {
        let result = try compileFiles(["base.yaml": base, "kid.yaml": "name: Kid\nparent: Base\n"])
        let kid = try #require(result.persona("Kid"))
        #expect(kid.persona.name == "Kid")
        #expect(kid.persona.version == nil)
        #expect(kid.scalars[.version] == nil)
        #expect(kid.persona.isAbstract == false)
        let baseResolved = try #require(result.persona("Base"))
        #expect(baseResolved.persona.version == "1.0")
        #expect(baseResolved.persona.isAbstract)
    }

    @Test func nullClearsAnInheritedOptionalScalar() throws {
        let result = try compileFiles(["base.yaml": base, "kid.yaml": "name: Kid\nparent: Base\ncompany: null\ngreeting: null\n"])
        #expect(result.lines.isEmpty)
        let kid = try #require(result.persona("Kid"))
        #expect(kid.persona.company == nil)
        #expect(kid.persona.greeting == nil)
        #expect(kid.persona.buildSystemPrompt().hasPrefix("You are Kid, a Agent.\n\nTone: calm"))
        let cleared = try #require(kid.clearedScalars[.company])
        #expect(cleared.value == "Acme")
        #expect(cleared.action == .removed)
        #expect(cleared.origin.location == SourceLocation(line: 3, column: 10))
        #expect(cleared.replaced?.persona == "Base")
    }

    @Test func toneNullFallsBackToTheDefault() throws {
        let result = try compileFiles(["base.yaml": base, "kid.yaml": "name: Kid\nparent: Base\ntone: null\n"])
        let kid = try #require(result.persona("Kid"))
        #expect(kid.persona.tone == nil)
        #expect(kid.persona.effectiveTone == Persona.defaultTone)
        #expect(kid.persona.buildSystemPrompt().contains("\n\nTone: helpful and professional"))
    }

    @Test func clearedScalarsStayClearedDownTheChain() throws {
        let result = try compileFiles([
            "base.yaml": base,
            "kid.yaml": "name: Kid\nparent: Base\ncompany: null\n",
            "grandkid.yaml": "name: Grandkid\nparent: Kid\n",
        ])
        let grandkid = try #require(result.persona("Grandkid"))
        #expect(grandkid.persona.company == nil)
        #expect(grandkid.clearedScalars[.company]?.origin.persona == "Kid")
    }

    @Test func nullOnARequiredFieldIsAnError() throws {
        let result = try compileFiles(["base.yaml": base, "kid.yaml": "name: Kid\nparent: Base\nrole: null\n"])
        #expect(result.lines == ["kid.yaml:3:7: error: 'role' must not be null: every persona needs a role"])
        let named = try compileFiles(["kid.yaml": "name: null\nrole: r\n"])
        #expect(named.lines == ["kid.yaml:1:7: error: 'name' must be a string, found null"])
    }

    @Test func abstractBasesAreNotEmittedAndNeedNoRole() throws {
        let result = try compileFiles([
            "base.yaml": "name: Base\nabstract: true\ncompany: Acme\n",
            "kid.yaml": "name: Kid\nparent: Base\nrole: Agent\n",
        ])
        #expect(result.lines.isEmpty)
        let names = try ArtifactBuilder.artifacts(for: result.compilation.personas, format: .all).map(\.fileName)
        #expect(names == ["Kid.json", "Kid.txt"])
        #expect(result.prompt("Kid") == "You are Kid, a Agent at Acme.\n\nTone: helpful and professional")
    }

    @Test func anAbstractChildOfAConcretePersonaIsNotEmitted() throws {
        let result = try compileFiles([
            "p.yaml": "Concrete:\n  role: r\nTemplate:\n  parent: Concrete\n  abstract: true\n"
        ])
        #expect(result.lines.isEmpty)
        let names = try ArtifactBuilder.artifacts(for: result.compilation.personas, format: .text).map(\.fileName)
        #expect(names == ["Concrete.txt"])
    }

    @Test func everyConcretePersonaMustBeCompleteAfterResolution() throws {
        let result = try compileFiles([
            "base.yaml": "name: Base\nabstract: true\ncompany: Acme\n",
            "kid.yaml": "name: Kid\nparent: Base\n",
            "root.yaml": "name: Root\ncompany: Acme\n",
        ])
        #expect(result.lines == [
            "kid.yaml:1:7: error: persona 'Kid' has no 'role' after inheritance (chain: Base -> Kid); set it here or in an ancestor",
            "root.yaml:1:7: error: missing required field 'role' in persona 'Root'",
        ])
        #expect(result.persona("Kid") == nil)
        #expect(result.persona("Base") != nil)
    }
}

@Suite("Inheritance: lists and directives")
struct InheritanceListTests {
    private func lists(_ kid: String, file: String = "kid.yaml") throws -> (capabilities: [String], constraints: [String], lines: [String]) {
        let result = try compileFiles(["base.yaml": base, file: kid])
        let persona = result.persona("Kid")
        return (persona?.persona.capabilities ?? [], persona?.persona.constraints ?? [], result.lines)
    }

    @Test func plainListsAppendAndDropRepeatedItems() throws {
        let result = try lists("name: Kid\nparent: Base\ncapabilities: [b, c, c]\nconstraints: [w]\n")
        #expect(result.lines.isEmpty)
        #expect(result.capabilities == ["a", "b", "c"])
        #expect(result.constraints == ["x", "y", "z", "w"])
    }

    @Test func appendDirective() throws {
        let result = try lists("name: Kid\nparent: Base\ncapabilities:\n  append: [a, d]\n")
        #expect(result.lines.isEmpty)
        #expect(result.capabilities == ["a", "b", "d"])
    }

    @Test func prependDirectivePutsItemsFirstAndDropsTheLaterCopy() throws {
        let result = try lists("name: Kid\nparent: Base\nconstraints:\n  prepend: [w, z]\n")
        #expect(result.lines.isEmpty)
        #expect(result.constraints == ["w", "z", "x", "y"])
    }

    @Test func replaceDirectiveDropsWhatIsInheritedAndRepeatedItems() throws {
        let result = try compileFiles(["base.yaml": base, "kid.yaml": "name: Kid\nparent: Base\nconstraints: {replace: [y, q, q]}\n"])
        #expect(result.lines.isEmpty)
        let kid = try #require(result.persona("Kid"))
        #expect(kid.persona.constraints == ["y", "q"])
        #expect(kid.constraints.map(\.action) == [.overridden, .overridden])
        #expect(kid.removedConstraints.map(\.value) == ["x", "z"])
        #expect(kid.removedConstraints.first?.origin.location == SourceLocation(line: 3, column: 14))
        let cleared = try lists("name: Kid\nparent: Base\ncapabilities: {replace: []}\n")
        #expect(cleared.lines.isEmpty)
        #expect(cleared.capabilities == [])
    }

    @Test func removeDirective() throws {
        let result = try compileFiles(["base.yaml": base, "kid.yaml": "name: Kid\nparent: Base\nconstraints:\n  remove:\n    - y\n"])
        #expect(result.lines.isEmpty)
        let kid = try #require(result.persona("Kid"))
        #expect(kid.persona.constraints == ["x", "z"])
        let removal = try #require(kid.removedConstraints.first)
        #expect(removal.value == "y")
        #expect(removal.origin.location == SourceLocation(line: 5, column: 7))
        #expect(removal.replaced?.persona == "Base")
    }

    @Test func directivesReadTheSameInJSON() throws {
        let json = #"""
            {"name": "Kid", "parent": "Base",
             "capabilities": {"prepend": ["p"]},
             "constraints": {"remove": ["x", "z"]}}
            """#
        let result = try lists(json, file: "kid.json")
        #expect(result.lines.isEmpty)
        #expect(result.capabilities == ["p", "a", "b"])
        #expect(result.constraints == ["y"])
    }

    @Test func removingAnItemThatIsNotInheritedIsAnErrorWithItsPosition() throws {
        let result = try lists("name: Kid\nparent: Base\nconstraints:\n  remove:\n    - y\n    - zz\n")
        #expect(result.lines == [
            "kid.yaml:6:7: error: cannot remove 'zz' from 'constraints': no inherited item matches it (did you mean 'z'?)"
        ])
    }

    @Test func removeOnARootPersonaIsAnError() throws {
        let result = try compileFiles(["r.yaml": "name: R\nrole: r\ncapabilities: {remove: [x]}\n"])
        #expect(result.lines == ["r.yaml:3:25: error: cannot remove 'x' from 'capabilities': 'R' has no parent to inherit from"])
    }

    @Test func aRootPersonaKeepsItsListsExactlyAsWritten() throws {
        let result = try compileFiles([
            "r.yaml": "R:\n  role: r\n  capabilities: [a, a, b]\nS:\n  role: r\n  capabilities: {prepend: [c, c]}\n  constraints: {replace: [d, d]}\n"
        ])
        #expect(result.lines.isEmpty)
        #expect(result.persona("R")?.persona.capabilities == ["a", "a", "b"])
        #expect(result.persona("S")?.persona.capabilities == ["c", "c"])
        #expect(result.persona("S")?.persona.constraints == ["d", "d"])
    }

    @Test func aRemovedItemAddedBackIsNoLongerListedAsRemoved() throws {
        let result = try compileFiles([
            "base.yaml": base,
            "kid.yaml": "name: Kid\nparent: Base\nconstraints: {remove: [x]}\n",
            "grandkid.yaml": "name: Grandkid\nparent: Kid\nconstraints: [x]\n",
        ])
        #expect(result.lines.isEmpty)
        #expect(result.persona("Kid")?.removedConstraints.map(\.value) == ["x"])
        let grandkid = try #require(result.persona("Grandkid"))
        #expect(grandkid.persona.constraints == ["y", "z", "x"])
        #expect(grandkid.removedConstraints.isEmpty)
    }

    @Test func removalRecordsAccumulateDownAChainAndOneAddedBackLeavesTheOthers() throws {
        // Each level replaces its parent's items: the records of every level stay, in chain
        // order, for every descendant (shared, not copied), until a value comes back.
        let result = try compileFiles([
            "a.yaml": "name: A\nrole: r\ncapabilities: [a1, a2]\n",
            "b.yaml": "name: B\nparent: A\ncapabilities: {replace: [b1]}\n",
            "c.yaml": "name: C\nparent: B\ncapabilities: {replace: [c1]}\n",
            "d.yaml": "name: D\nparent: C\n",
            "e.yaml": "name: E\nparent: D\ncapabilities: {replace: [a2, e1]}\n",
            "f.yaml": "name: F\nparent: E\ncapabilities: {remove: [e1]}\n",
        ])
        #expect(result.lines.isEmpty)
        #expect(result.persona("C")?.removedCapabilities.map(\.value) == ["a1", "a2", "b1"])
        #expect(result.persona("D")?.removedCapabilities == result.persona("C")?.removedCapabilities)
        #expect(result.persona("D")?.removedCapabilities.map(\.action) == [.removed, .removed, .removed])
        let e = try #require(result.persona("E"))
        #expect(e.persona.capabilities == ["a2", "e1"])
        #expect(e.removedCapabilities.map(\.value) == ["a1", "b1", "c1"])
        #expect(e.removedCapabilities.map { $0.replaced?.persona } == ["A", "B", "C"])
        #expect(result.persona("F")?.removedCapabilities.map(\.value) == ["a1", "b1", "c1", "e1"])
    }

    @Test func malformedDirectivesAreErrors() throws {
        let two = try lists("name: Kid\nparent: Base\ncapabilities: {remove: [a], append: [b]}\n")
        #expect(two.lines == [
            "kid.yaml:3:15: error: 'capabilities' as a mapping takes exactly one of replace, append, prepend, remove"
        ])
        let unknown = try lists("name: Kid\nparent: Base\ncapabilities: {apend: [b]}\n")
        #expect(unknown.lines == [
            "kid.yaml:3:16: error: unknown directive 'apend' in 'capabilities' (did you mean 'append'?); use one of replace, append, prepend, remove"
        ])
        let null = try lists("name: Kid\nparent: Base\nconstraints: null\n")
        #expect(null.lines == [
            "kid.yaml:3:14: error: 'constraints' must be a list of strings, found null (use 'constraints: {replace: []}' to clear an inherited list)"
        ])
    }
}

@Suite("Inheritance: custom sections and variables")
struct InheritanceMapTests {
    @Test func mapsMergeByKey() throws {
        let kid = """
            name: Kid
            parent: Base
            custom_sections:
              extra: E
              legal: L2
              outro: null
            variables:
              region: {default: US, required: true}
              plan: {description: which plan}

            """
        let result = try compileFiles(["base.yaml": base, "kid.yaml": kid])
        #expect(result.lines.isEmpty)
        let resolved = try #require(result.persona("Kid"))
        #expect(Array(resolved.persona.customSections.keys) == ["intro", "legal", "extra"])
        #expect(Array(resolved.persona.customSections.values) == ["I", "L2", "E"])
        #expect(resolved.customSections["legal"]?.action == .overridden)
        #expect(resolved.customSections["extra"]?.action == .appended)
        #expect(resolved.customSections["intro"]?.action == .inherited)
        #expect(resolved.removedSections["outro"]?.origin.location == SourceLocation(line: 6, column: 3))
        #expect(resolved.persona.buildSystemPrompt().hasSuffix("\n\nI\n\nL2\n\nE"))
        #expect(Array(resolved.persona.variables.keys) == ["customer", "region", "plan"])
        #expect(resolved.persona.variables["region"] == VariableDeclaration(defaultValue: "US", isRequired: true))
        #expect(resolved.persona.variables["customer"]?.description == "who")
    }

    @Test func nullRemovesAnInheritedVariable() throws {
        let result = try compileFiles(["base.yaml": base, "kid.yaml": "name: Kid\nparent: Base\nvariables: {region: null}\n"])
        #expect(result.lines.isEmpty)
        #expect(Array(try #require(result.persona("Kid")).persona.variables.keys) == ["customer"])
    }

    @Test func nullForAKeyThatIsNotInheritedIsAnError() throws {
        let result = try compileFiles([
            "base.yaml": base,
            "kid.yaml": "name: Kid\nparent: Base\ncustom_sections: {legl: null}\n",
            "r.yaml": "name: R\nrole: r\ncustom_sections:\n  x: null\n",
        ])
        #expect(result.lines == [
            "kid.yaml:3:19: error: 'custom_sections.legl' is null, but there is no inherited 'legl' to remove (did you mean 'legal'?)",
            "r.yaml:4:3: error: 'custom_sections.x' is null, but 'R' has no parent to inherit 'x' from",
        ])
    }
}

@Suite("Inheritance: missing parents and cycles")
struct InheritanceErrorTests {
    @Test func missingParentIsReportedWithASuggestion() throws {
        let result = try compileFiles([
            "maya.yaml": "name: Maya\nrole: Support\n",
            "child.yaml": "name: Kid\nrole: r\nparent: Mya\n",
        ])
        #expect(result.lines == ["child.yaml:3:9: error: unknown parent 'Mya' (did you mean 'Maya'?)"])
        #expect(result.persona("Maya") != nil)
        #expect(result.persona("Kid") == nil)
    }

    @Test func theSuggestionIsNeverThePersonaItself() throws {
        let result = try compileFiles(["maya.yaml": "name: Maya\nrole: r\nparent: Mayaa\n"])
        #expect(result.lines == ["maya.yaml:3:9: error: unknown parent 'Mayaa'"])
    }

    @Test func descendantsOfAMissingParentAreLeftOutWithoutMoreErrors() throws {
        let declarations = [
            codeDeclaration("Kid", parent: "Nobody", role: "r"),
            codeDeclaration("Grandkid", parent: "Kid"),
            codeDeclaration("Other", role: "r"),
        ]
        let resolution = PersonaResolver().resolve(declarations)
        #expect(resolution.diagnostics.map(\.description) == ["(code): error: in persona 'Kid': unknown parent 'Nobody'"])
        #expect(Set(resolution.personas.keys) == ["Other"])
        #expect(resolution.failures["Grandkid"] == resolution.diagnostics)
        #expect(resolution.failures["Kid"] == resolution.diagnostics)
    }

    @Test func descendantsOfAPersonaWithErrorsReportTheirOwnAndAreLeftOut() throws {
        let result = try compileFiles([
            "base.yaml": "name: Base\nrole: r\nconstraints: [x]\n",
            "kid.yaml": "name: Kid\nparent: Base\nconstraints: {remove: [nope]}\n",
            "grandkid.yaml": "name: Grandkid\nparent: Kid\ncapabilities: {remove: [gone]}\n",
            "greatgrandkid.yaml": "name: Greatgrandkid\nparent: Grandkid\n",
        ])
        #expect(result.lines == [
            "grandkid.yaml:3:25: error: cannot remove 'gone' from 'capabilities': no inherited item matches it",
            "kid.yaml:3:24: error: cannot remove 'nope' from 'constraints': no inherited item matches it",
        ])
        #expect(result.compilation.personas.map(\.persona.name) == ["Base"])
    }

    @Test func aCycleOfOne() throws {
        let result = try compileFiles(["a.yaml": "name: A\nrole: r\nparent: A\n"])
        #expect(result.lines == [
            "a.yaml:3:9: error: inheritance cycle: A -> A",
            "a.yaml:3:9: note: 'A' inherits from 'A'",
        ])
        #expect(result.compilation.personas.isEmpty)
    }

    @Test func aCycleOfTwo() throws {
        let result = try compileFiles(["p.yaml": "B:\n  parent: A\nA:\n  role: r\n  parent: B\n"])
        #expect(result.lines == [
            "p.yaml:5:11: error: inheritance cycle: A -> B -> A",
            "p.yaml:5:11: note: 'A' inherits from 'B'",
            "p.yaml:2:11: note: 'B' inherits from 'A'",
        ])
    }

    @Test func aCycleOfThreeAcrossFilesWithOtherPersonasStillResolved() throws {
        let files = [
            "a.yaml": "name: A\nparent: B\n",
            "b.yaml": "name: B\nparent: C\n",
            "c.yaml": "name: C\nparent: A\n",
            "d.yaml": "name: D\nparent: C\n",  // a descendant of the cycle
            "e.yaml": "name: E\nrole: r\ncapabilites: [x]\n",  // unrelated, with its own error
            "f.yaml": "name: F\nrole: r\nparent: G\n",  // unrelated, missing parent
            "ok.yaml": "name: Ok\nrole: r\n",
        ]
        let result = try compileFiles(files)
        #expect(result.lines == [
            "e.yaml:3:1: error: unknown field 'capabilites' (did you mean 'capabilities'?)",
            "a.yaml:2:9: error: inheritance cycle: A -> B -> C -> A",
            "a.yaml:2:9: note: 'A' inherits from 'B'",
            "b.yaml:2:9: note: 'B' inherits from 'C'",
            "c.yaml:2:9: note: 'C' inherits from 'A'",
            "f.yaml:3:9: error: unknown parent 'G'",
        ])
        #expect(result.compilation.personas.map(\.persona.name) == ["Ok"])
    }

    @Test(arguments: [2, 3, 5, 500])
    func aCycleIsReportedOnceWhereverTheWalkStarts(length: Int) throws {
        // Members C000…, each inheriting from the next; tails hang off the cycle at
        // names that sort before and after it, so walks start both outside and inside it.
        func name(_ i: Int) -> String { "C" + String(format: "%03d", i) }
        var declarations = (0..<length).map { codeDeclaration(name($0), parent: name(($0 + 1) % length), role: "r") }
        declarations.append(codeDeclaration("A-tail", parent: name(length / 2)))
        declarations.append(codeDeclaration("Z-tail", parent: "A-tail"))
        let expectedCycle = (0..<length).map(name) + [name(0)]
        var generator = SeededGenerator(seed: UInt64(length))
        var first: [Diagnostic]?
        for _ in 0..<5 {
            declarations.shuffle(using: &generator)
            let resolution = PersonaResolver().resolve(declarations)
            let errors = resolution.diagnostics.filter { $0.severity == .error }
            #expect(errors.map(\.message) == ["in persona '\(name(0))': inheritance cycle: " + expectedCycle.joined(separator: " -> ")])
            let notes = resolution.diagnostics.filter { $0.severity == .note }.map(\.message)
            #expect(notes == (0..<length).map { "in persona '\(name($0))': '\(name($0))' inherits from '\(name(($0 + 1) % length))'" })
            #expect(resolution.personas.isEmpty)
            #expect(resolution.failures.count == length + 2)
            if let first { #expect(resolution.diagnostics == first) } else { first = resolution.diagnostics }
        }
    }

    @Test func aCycleOf500InAFileHasANotePerLink() throws {
        func name(_ i: Int) -> String { "P" + String(format: "%03d", i) }
        let text = (0..<500).map { "\(name($0)):\n  role: r\n  parent: \(name(($0 + 1) % 500))\n" }.joined()
        let result = try compileFiles(["p.yaml": text, "ok.yaml": "name: Ok\nrole: r\n"])
        #expect(result.lines.count == 501)
        #expect(result.lines.first == "p.yaml:3:11: error: inheritance cycle: " + ((0..<500).map(name) + ["P000"]).joined(separator: " -> "))
        #expect(result.lines[1] == "p.yaml:3:11: note: 'P000' inherits from 'P001'")
        #expect(result.lines[500] == "p.yaml:1500:11: note: 'P499' inherits from 'P000'")
        #expect(result.compilation.personas.map(\.persona.name) == ["Ok"])
    }

    @Test func twoCyclesAreTwoErrors() throws {
        let result = try compileFiles(["p.yaml": "A:\n  parent: B\nB:\n  parent: A\nC:\n  parent: C\n"])
        #expect(result.lines.filter { $0.contains(": error: ") } == [
            "p.yaml:2:11: error: inheritance cycle: A -> B -> A",
            "p.yaml:6:11: error: inheritance cycle: C -> C",
        ])
    }
}

/// A value handed from another thread.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var value: PersonaResolver.Resolution?

    func set(_ resolution: PersonaResolver.Resolution) { lock.withLock { value = resolution } }
    func get() -> PersonaResolver.Resolution? { lock.withLock { value } }
}

@Suite("Inheritance: long chains")
struct InheritanceChainTests {
    /// `P00000` (the leaf) … `P09999` (the root): the leaf sorts first, so one walk climbs the whole chain.
    private func chain(_ length: Int) -> [PersonaDeclaration] {
        func name(_ i: Int) -> String { "P" + String(format: "%05d", i) }
        return (0..<length).map { i in
            i == length - 1 ? codeDeclaration(name(i), role: "root") : codeDeclaration(name(i), parent: name(i + 1), capabilities: i == 0 ? ["leaf"] : [])
        }
    }

    @Test func aChainOf10000ResolvesWithoutDeepRecursion() throws {
        let declarations = chain(10_000)
        // A thread with a small stack: a recursive resolver would overflow it.
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.set(PersonaResolver().resolve(declarations))
            finished.signal()
        }
        thread.stackSize = 256 << 10
        let start = Date()
        thread.start()
        finished.wait()
        let elapsed = Date().timeIntervalSince(start)
        let resolution = try #require(outcome.get())
        #expect(resolution.diagnostics.isEmpty)
        #expect(resolution.personas.count == 10_000)
        let leaf = try #require(resolution.personas["P00000"])
        #expect(leaf.lineage.count == 10_000)
        #expect(leaf.lineage.first == "P09999")
        #expect(leaf.persona.role == "root")
        #expect(leaf.persona.capabilities == ["leaf"])
        #expect(elapsed < 30, "resolving took \(elapsed) s")
    }

    @Test func aChainOf10000FromAFile() throws {
        func name(_ i: Int) -> String { "P" + String(format: "%05d", i) }
        let text = (0..<10_000).map { i in
            i == 9_999 ? "\(name(i)):\n  role: root\n" : "\(name(i)):\n  parent: \(name(i + 1))\n"
        }.joined()
        let result = try compileFiles(["chain.yaml": text])
        #expect(result.lines.isEmpty)
        #expect(result.compilation.personas.count == 10_000)
        #expect(result.persona("P00000")?.lineage.count == 10_000)
        #expect(result.prompt("P00000") == "You are P00000, a root.\n\nTone: helpful and professional")
    }

    @Test func aChainLongerThanTheLimitIsOneError() throws {
        let resolution = PersonaResolver().resolve(chain(10_001))
        #expect(resolution.diagnostics.map(\.description) == [
            "(code): error: in persona 'P00000': parent chain of 'P00000' is longer than 10000 personas"
        ])
        #expect(resolution.personas.count == 10_000)

        // The limit counts the whole chain, however the walk meets it.
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<3 {
            let small = PersonaResolver(maxChainLength: 3).resolve(chain(6).shuffled(using: &generator))
            #expect(small.diagnostics.map(\.message) == ["in persona 'P00002': parent chain of 'P00002' is longer than 3 personas"])
            #expect(Set(small.personas.keys) == ["P00003", "P00004", "P00005"])
            #expect(small.failures["P00000"] == small.diagnostics)
        }
    }

    @Test func resolvedPersonasComeSortedByNameWhateverTheInputOrder() {
        // Several chains and levels, names that sort differently by bytes and by locale.
        let declarations = [
            codeDeclaration("b", parent: "Z", role: "R"), codeDeclaration("Z", role: "R"), codeDeclaration("a", parent: "b"),
            codeDeclaration("B2", parent: "a"), codeDeclaration("Lone", role: "R"), codeDeclaration("Orphan", parent: "Nobody", role: "R"),
        ]
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<4 {
            let resolution = PersonaResolver().resolve(declarations.shuffled(using: &generator))
            #expect(resolution.sortedPersonas.map(\.persona.name) == ["B2", "Lone", "Z", "a", "b"])
            #expect(resolution.sortedPersonas.map { resolution.personas[$0.persona.name] } == resolution.sortedPersonas.map { $0 })
            #expect(resolution.personas["a"]?.lineage == ["Z", "b", "a"])
        }
    }
}

@Suite("Inheritance: order independence and the seed story")
struct InheritanceOrderTests {
    private static let files = [
        "acme.yaml": "name: Acme\nabstract: true\ncompany: Acme Corp\nconstraints: [Never lie]\ncustom_sections: {privacy: Keep data private.}\n",
        "maya.json": #"{"name": "Maya", "parent": "Acme", "role": "Support", "capabilities": ["Track orders"]}"#,
        "variants.yaml": "MayaPremium:\n  parent: Maya\n  capabilities: {prepend: [Refund up to $500]}\n  constraints: {remove: [Never lie]}\nMayaNight:\n  parent: Maya\n  company: null\n",
        "sales/alex.yaml": "name: Alex\nparent: Acme\nrole: Sales\ncustom_sections: {privacy: null, pricing: Prices.}\n",
        "docs/theo.yaml": "name: Theo\nparent: Acme\nrole: Docs\ntone: precise\n",
    ]

    @Test func shufflingTheInputFilesGivesTheSameArtifacts() throws {
        let scratch = try Scratch(Self.files)
        defer { scratch.cleanup() }
        let paths = Self.files.keys.sorted().map(scratch.path)
        let reference = PersonaCompiler().compile(paths)
        #expect(reference.diagnostics.isEmpty)
        let expected = try ArtifactBuilder.artifacts(for: reference.personas, format: .all)
        #expect(expected.count == 10)
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<8 {
            let shuffled = paths.shuffled(using: &generator)
            let compilation = PersonaCompiler().compile(shuffled)
            #expect(try ArtifactBuilder.artifacts(for: compilation.personas, format: .all) == expected, "order: \(shuffled)")
            #expect(compilation.personas == reference.personas)
        }
    }

    @Test func shufflingTheInputsGivesTheSameDiagnostics() throws {
        var files = Self.files
        files["broken.yaml"] = "A:\n  parent: B\nB:\n  parent: A\nKid:\n  parent: Mya\n"
        files["bad-remove.yaml"] = "name: Bad\nparent: Maya\nconstraints: {remove: [Never lies]}\n"
        let scratch = try Scratch(files)
        defer { scratch.cleanup() }
        let paths = files.keys.sorted().map(scratch.path)
        let reference = PersonaCompiler().compile(paths).diagnostics
        #expect(reference.count == 5)
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<8 {
            #expect(PersonaCompiler().compile(paths.shuffled(using: &generator)).diagnostics == reference)
        }
    }

    @Test func lineageAndSourcesAreInTheJSONArtifact() throws {
        let result = try compileFiles(Self.files)
        let premium = try #require(result.persona("MayaPremium"))
        #expect(premium.lineage == ["Acme", "Maya", "MayaPremium"])
        #expect(premium.sources.map { ($0 as NSString).lastPathComponent } == ["acme.yaml", "maya.json", "variants.yaml"])
        let json = JSONWriter.pretty(ArtifactBuilder.jsonDocument(premium, prompt: try PromptFiller.fill(premium, VariableValues())))
        #expect(json.contains("\"lineage\": [\n    \"Acme\",\n    \"Maya\",\n    \"MayaPremium\"\n  ]"))
        #expect(json.contains("variants.yaml\"\n  ]"))
        #expect(premium.persona.buildSystemPrompt() == """
            You are MayaPremium, a Support at Acme Corp.

            Tone: helpful and professional

            You can:
            - Refund up to $500
            - Track orders

            Keep data private.
            """)
    }

    /// The story the project exists for: three agents share one abstract base;
    /// changing the base's company changes all three prompts, and nothing else.
    @Test func changingTheBaseChangesEveryAgent() throws {
        let agents = [
            "maya.yaml": "name: Maya\nparent: Company\nrole: Customer Support Specialist\n",
            "alex.yaml": "name: Alex\nparent: Company\nrole: Sales Assistant\ntone: warm\n",
            "theo.yaml": "name: Theo\nparent: Company\nrole: Documentation Assistant\ncapabilities: [Explain the API]\n",
        ]
        func prompts(company: String) throws -> [String: String] {
            var files = agents
            files["company.yaml"] = "name: Company\nabstract: true\ncompany: \(company)\nconstraints: [Never claim to be a human]\n"
            let result = try compileFiles(files)
            #expect(result.lines.isEmpty)
            let artifacts = try ArtifactBuilder.artifacts(for: result.compilation.personas, format: .text)
            return Dictionary(uniqueKeysWithValues: artifacts.map { ($0.fileName, String(decoding: $0.contents, as: UTF8.self)) })
        }
        let before = try prompts(company: "Acme Corp")
        let after = try prompts(company: "Globex")
        #expect(before.keys.sorted() == ["Alex.txt", "Maya.txt", "Theo.txt"])
        #expect(after.keys.sorted() == before.keys.sorted())
        for (file, prompt) in before {
            let changed = try #require(after[file])
            #expect(prompt.contains(" at Acme Corp.\n"))
            #expect(changed.contains(" at Globex.\n"))
            #expect(prompt.replacingOccurrences(of: "Acme Corp", with: "Globex") == changed)
            #expect(changed.contains("Do not:\n- Never claim to be a human"))
        }
    }

    @Test func theBundledPersonasCompile() throws {
        let compilation = PersonaCompiler().compile([packageRoot + "/personas"])
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        let names = try ArtifactBuilder.artifacts(for: compilation.personas, format: .text).map(\.fileName)
        #expect(names.contains("MayaPremium.txt"))
        #expect(!names.contains("AcmeAgent.txt"))
        let premium = try #require(compilation.personas.first { $0.persona.name == "MayaPremium" })
        #expect(premium.lineage == ["AcmeAgent", "Maya", "MayaPremium"])
        #expect(premium.persona.company == "Acme Corp")
        #expect(!premium.persona.constraints.contains("Never approve refunds over $50 without approval"))
        #expect(premium.persona.capabilities.last == "Schedule a call back with a senior agent")
        let night = try #require(compilation.personas.first { $0.persona.name == "MayaAfterHours" })
        #expect(!night.persona.capabilities.contains("Escalate complex issues"))
        #expect(night.constraints.first?.action == .prepended)
        #expect(night.customSections["escalation"]?.action == .overridden)
        #expect(Array(night.persona.customSections.keys) == ["privacy", "escalation"])
    }
}

@Suite("Inheritance through PersonaRegistry")
struct RegistryInheritanceTests {
    @Test func codeDefinedPersonasResolveLikeFiles() throws {
        let registry = PersonaRegistry()
        registry.define(Persona(name: "Maya", role: "Customer Support Specialist", company: "Acme Corp", constraints: ["Never lie"]))
        registry.define(Persona(name: "MayaPremium", parent: "Maya", capabilities: ["Approve refunds up to $500"]))
        let premium = try registry.get("MayaPremium")
        #expect(premium.role == "Customer Support Specialist")
        #expect(premium.company == "Acme Corp")
        #expect(premium.capabilities == ["Approve refunds up to $500"])
        #expect(premium.constraints == ["Never lie"])
        #expect(try registry.resolved("MayaPremium").lineage == ["Maya", "MayaPremium"])

        // The same personas from a file resolve to the same prompt.
        let result = try compileFiles([
            "p.yaml": "Maya:\n  role: Customer Support Specialist\n  company: Acme Corp\n  constraints: [Never lie]\nMayaPremium:\n  parent: Maya\n  capabilities: [Approve refunds up to $500]\n"
        ])
        #expect(result.prompt("MayaPremium") == premium.buildSystemPrompt())
    }

    @Test func getReturnsTheResolvedFilePersona() throws {
        let registry = try PersonaRegistry(loading: [packageRoot + "/personas"])
        let premium = try registry.get("MayaPremium")
        let compiled = PersonaCompiler().compile([packageRoot + "/personas"]).personas.first { $0.persona.name == "MayaPremium" }
        #expect(premium == compiled?.persona)
        #expect(premium.company == "Acme Corp")
    }

    @Test func aRegistryMixesFileAndCodePersonasBothWays() throws {
        let scratch = try Scratch(["kid.yaml": "name: Kid\nparent: CodeBase\nrole: Helper\n"])
        defer { scratch.cleanup() }
        let registry = PersonaRegistry()
        // A code-defined base for a file persona…
        registry.define(Persona(name: "CodeBase", company: "Initech", tone: "dry", isAbstract: true))
        try registry.load([scratch.path("kid.yaml"), packageRoot + "/personas"])
        let kid = try registry.get("Kid")
        #expect(kid.buildSystemPrompt() == "You are Kid, a Helper at Initech.\n\nTone: dry")
        #expect(try registry.resolved("Kid").sources == [scratch.path("kid.yaml")])
        // …and a code-defined child of a file persona.
        registry.define(Persona(name: "MayaVIP", parent: "MayaPremium", capabilities: ["Waive shipping fees"]))
        let vip = try registry.resolved("MayaVIP")
        #expect(vip.lineage == ["AcmeAgent", "Maya", "MayaPremium", "MayaVIP"])
        #expect(vip.persona.capabilities.last == "Waive shipping fees")
        #expect(vip.capabilities.last?.origin.place == "(code)")
        #expect(vip.persona.greeting == "Hi, I'm Maya from Acme Premium support.")
    }

    @Test func redefiningABaseChangesItsDescendants() throws {
        let registry = PersonaRegistry()
        registry.define(Persona(name: "Base", company: "Acme Corp", isAbstract: true))
        for name in ["Maya", "Alex", "Theo"] { registry.define(Persona(name: name, parent: "Base", role: "Agent")) }
        #expect(try registry.get("Alex").company == "Acme Corp")
        registry.define(Persona(name: "Base", company: "Globex", isAbstract: true))
        for name in ["Maya", "Alex", "Theo"] {
            #expect(try registry.get(name).buildSystemPrompt() == "You are \(name), a Agent at Globex.\n\nTone: helpful and professional")
        }
    }

    @Test func getReportsUnknownAbstractAndInvalidPersonas() throws {
        let registry = PersonaRegistry()
        registry.define(Persona(name: "Maya", role: "Support"))
        registry.define(Persona(name: "Base", company: "Acme", isAbstract: true))
        registry.define(Persona(name: "Broken", parent: "Mya"))
        registry.define(Persona(name: "Child", parent: "Broken"))

        #expect(throws: PersonaError.notFound(name: "Mayaa", suggestion: "Maya")) { try registry.get("Mayaa") }
        #expect(throws: PersonaError.notFound(name: "Zed", suggestion: nil)) { try registry.get("Zed") }
        #expect(throws: PersonaError.abstract(name: "Base")) { try registry.get("Base") }
        #expect(try registry.resolved("Base").persona.company == "Acme")

        let unknownParent = Diagnostic(file: "(code)", location: nil, message: "in persona 'Broken': unknown parent 'Mya' (did you mean 'Maya'?)")
        #expect(throws: PersonaError.invalid([unknownParent])) { try registry.get("Broken") }
        #expect(throws: PersonaError.invalid([unknownParent])) { try registry.get("Child") }
        #expect(throws: PersonaError.invalid([unknownParent])) { try registry.resolveAll() }
        // An error elsewhere does not stop a sound persona.
        #expect(try registry.get("Maya").role == "Support")
    }

    @Test func loadingANameDefinedInCodeIsAnError() throws {
        let scratch = try Scratch(["maya.yaml": "name: Maya\nrole: r\n"])
        defer { scratch.cleanup() }
        let registry = PersonaRegistry()
        registry.define(Persona(name: "Maya", role: "Support"))
        #expect(throws: PersonaError.invalid([
            Diagnostic(file: scratch.path("maya.yaml"), location: SourceLocation(line: 1, column: 7),
                       message: "persona 'Maya' is already defined (at (code))")
        ])) { try registry.load([scratch.path("maya.yaml")]) }
        #expect(try registry.get("Maya").role == "Support")
    }
}

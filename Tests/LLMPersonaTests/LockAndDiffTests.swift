import Foundation
import Testing
import DocumentTree
@testable import LLMPersona
import TestSupport

@Suite("personas.lock, the drift guard and persona diffs")
struct LockAndDiffTests {
    private func records(_ scratch: Scratch) throws -> [PersonaRecord] {
        try scratch.planBuild().records
    }

    private func lock(_ scratch: Scratch) throws -> PersonaLock {
        let compilation = PersonaCompiler().compile([scratch.path("p")])
        return PersonaLock(personas: compilation.personas)
    }

    private func edit(_ scratch: Scratch, _ file: String, _ old: String, _ new: String) throws {
        let text = try #require(scratch.fileText(file))
        #expect(text.contains(old))
        try scratch.write(file, text.replacingOccurrences(of: old, with: new))
    }

    @Test func lockRoundTripsAndSkipsAbstractPersonas() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let lock = try lock(scratch)
        #expect(lock.records.map(\.name) == ["Alex", "Maya", "Theo"])
        let bytes = lock.encoded()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"format\": 1,\n  \"personas\": [\n    {\n      \"name\": \"Alex\",\n      \"version\": \"2.0.0\",\n      \"fingerprint\": \"sha256:"))
        #expect(!text.contains("\"prompt\""))
        #expect(!text.contains("\"sources\""))
        let read = try PersonaLock.decode(bytes)
        #expect(read.encoded() == bytes)
        #expect(read.locations["Maya"] == SourceLocation(line: 25, column: 5))
        #expect(lock.records.map(\.fingerprint) == read.records.map(\.fingerprint))
    }

    @Test func lockFileLivesNextToTheInputs() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        #expect(PersonaLock.defaultPath(for: [scratch.path("p")]) == scratch.path("p/personas.lock"))
        #expect(PersonaLock.defaultPath(for: [scratch.path("p") + "/"]) == scratch.path("p/personas.lock"))
        #expect(PersonaLock.defaultPath(for: [scratch.path("p/maya.yaml"), scratch.path("other")]) == scratch.path("p/personas.lock"))
        #expect(PersonaLock.defaultPath(for: ["maya.yaml"]) == "personas.lock")
        #expect(PersonaLock.defaultPath(for: []) == "personas.lock")
    }

    @Test func unreadableLockFilesAreErrors() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        #expect(try PersonaLock.read(scratch.path("p/personas.lock")) == nil)
        let cases = [
            "<<<<<<< HEAD\n": "1:1: error: invalid lock file: ",
            #"{"format": 2, "personas": []}"#: "1:12: error: invalid lock file: unsupported lock file: 'format' must be 1",
            #"{"format": 1, "personas": [{"name": "A", "fingerprint": "abc"}]}"#:
                "1:57: error: invalid lock file: 'A' needs a 'fingerprint' starting with 'sha256:'",
        ]
        for (text, expected) in cases {
            try scratch.write("p/personas.lock", text)
            let result = failure { () throws(DiagnosticList) in try PersonaLock.read(scratch.path("p/personas.lock")) }
            #expect(result != nil)
            if let list = result {
                #expect(list.diagnostics.first?.description.hasPrefix(scratch.path("p/personas.lock") + ":" + expected) == true,
                        "\(list.diagnostics)")
            }
        }
    }

    @Test func changingAPersonaWithoutANewVersionIsDrift() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let locked = try lock(scratch)
        #expect(DriftGuard.drifts(try records(scratch), against: locked).isEmpty)

        try edit(scratch, "p/maya.yaml", "Look up orders", "Look up orders and invoices")
        let drifts = DriftGuard.drifts(try records(scratch), against: locked)
        #expect(drifts.map(\.current.name) == ["Maya"])
        #expect(drifts.first?.diff.changedFields == ["capabilities", "fingerprint"])

        let step = BuildStep(lockPath: scratch.path("p/personas.lock"))
        try locked.save(to: scratch.path("p/personas.lock"))
        let prepared = step.prepare([scratch.path("p")])
        #expect(prepared.plan == nil)
        #expect(prepared.diagnostics.map(\.description) == [
            "\(scratch.path("p/maya.yaml")):3:10: error: Maya changed but version is still 1.2.0: bump it or run persona lock",
            "\(scratch.path("p/personas.lock")):25:5: note: changed since the lock: capabilities",
        ])

        // A new version settles it, without touching the lock.
        try edit(scratch, "p/maya.yaml", "\"1.2.0\"", "\"1.3.0\"")
        #expect(DriftGuard.drifts(try records(scratch), against: locked).isEmpty)
        #expect(step.prepare([scratch.path("p")]).plan != nil)
    }

    @Test func checkingWithoutFilesReportsWhatTheFullPreparationReports() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        // The default place (a lock named explicitly must exist).
        let lockPath = scratch.path("p/personas.lock")
        var checking = BuildStep()
        checking.plansFiles = false
        let full = BuildStep()

        // No lock: no drift, no plan, no records needed.
        let clean = checking.prepare([scratch.path("p")])
        #expect(clean.plan == nil)
        #expect(!clean.hasErrors)
        let planned = try #require(full.prepare([scratch.path("p")]).plan)
        let personas = PersonaCompiler().compile([scratch.path("p")]).personas
        #expect(try BuildPlan.check(personas, records: true) == planned.records)
        #expect(try BuildPlan.check(personas, records: false).isEmpty)

        // With a lock and a drift, both say the same.
        try lock(scratch).save(to: lockPath)
        try edit(scratch, "p/maya.yaml", "Look up orders", "Look up orders and invoices")
        let checked = checking.prepare([scratch.path("p")])
        #expect(checked.hasErrors)
        #expect(checked.diagnostics == full.prepare([scratch.path("p")]).diagnostics)

        // Strict filling and unknown values fail the same way in both.
        let templated = PersonaCompiler().compile(sources: [(
            "t.yaml",
            Array("name: T\nrole: Answers for {region}\nvariables:\n  region:\n    required: true\n".utf8)
        )]).personas
        for values in [VariableValues(strict: true), VariableValues(["regoin": "EU"])] {
            let checkedFill = #expect(throws: DiagnosticList.self) { try BuildPlan.check(templated, values: values, records: false) }
            #expect(checkedFill?.diagnostics.isEmpty == false)
            let madeFill = #expect(throws: DiagnosticList.self) { try BuildPlan.make(templated, format: .all, values: values) }
            #expect(checkedFill?.diagnostics == madeFill?.diagnostics)
        }
    }

    @Test func changingABaseChangesEveryDescendant() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let locked = try lock(scratch)
        try edit(scratch, "p/base.yaml", "Be kind", "Be kind and brief")
        let drifts = DriftGuard.drifts(try records(scratch), against: locked)
        #expect(drifts.map(\.current.name) == ["Alex", "Maya"])
        for drift in drifts {
            #expect(drift.diff.text == """
                constraints: - Be kind
                constraints: + Be kind and brief
                fingerprint: \(drift.locked.fingerprint) -> \(drift.current.fingerprint)

                """)
            #expect(drift.locked.fingerprint != drift.current.fingerprint)
        }
    }

    @Test func whatCountsAsAChange() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let locked = try lock(scratch)
        // Documentation and provenance alone need no new version.
        try edit(scratch, "p/maya.yaml", "role: Support\n", "role: Support\ndescription: Answers customers.\n")
        #expect(DriftGuard.drifts(try records(scratch), against: locked).isEmpty)
        // The greeting is shipped to users: it counts.
        try edit(scratch, "p/maya.yaml", "greeting: Hi!", "greeting: Hello!")
        #expect(DriftGuard.drifts(try records(scratch), against: locked).map(\.current.name) == ["Maya"])
        // A persona without a version counts as version "": its changes need `persona lock`.
        try edit(scratch, "p/theo.yaml", "role: Docs", "role: Documentation")
        let drifts = DriftGuard.drifts(try records(scratch), against: locked)
        #expect(drifts.map(\.current.name) == ["Maya", "Theo"])
        let messages = DriftGuard.diagnostics(
            drifts, personas: PersonaCompiler().compile([scratch.path("p")]).personas, lockPath: "personas.lock", lock: locked
        ).map(\.description)
        #expect(messages == [
            "\(scratch.path("p/maya.yaml")):3:10: error: Maya changed but version is still 1.2.0: bump it or run persona lock",
            "personas.lock: note: changed since the lock: description, greeting",
            "\(scratch.path("p/theo.yaml")):1:7: error: Theo changed but has no version: set one, or run persona lock",
            "personas.lock: note: changed since the lock: role",
        ])
        // New personas are not drift: there is nothing to drift from.
        try scratch.write("p/zed.yaml", "name: Zed\nrole: New\n")
        #expect(DriftGuard.drifts(try records(scratch), against: locked).map(\.current.name) == ["Maya", "Theo"])
    }

    @Test func lockChangesSummary() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let locked = try lock(scratch)
        #expect(locked.changes(since: nil) == ["Alex: added (2.0.0)", "Maya: added (1.2.0)", "Theo: added (no version)"])
        #expect(locked.changes(since: locked).isEmpty)
        try edit(scratch, "p/maya.yaml", "\"1.2.0\"", "\"1.3.0\"")
        try edit(scratch, "p/theo.yaml", "role: Docs", "role: Documentation")
        try edit(scratch, "p/alex.json", #""role": "Sales""#, #""role": "Sales", "description": "Sells""#)
        try FileManager.default.removeItem(atPath: scratch.path("p/base.yaml"))
        try scratch.write("p/base.yaml", "name: Base\nabstract: true\ncompany: Acme\nconstraints:\n  - Be kind\n")
        try scratch.write("p/zed.yaml", "Zed:\n  role: z\n  version: \"0.1\"\n")
        try FileManager.default.removeItem(atPath: scratch.path("p/alex.json"))
        #expect(try lock(scratch).changes(since: locked) == [
            "Alex: removed", "Maya: 1.2.0 -> 1.3.0", "Theo: changed without a version (role)", "Zed: added (0.1)",
        ])
    }

    @Test func diffOfTwoPersonas() throws {
        let compilation = PersonaCompiler().compile([packageRoot + "/personas"])
        let maya = try #require(compilation.personas.first { $0.persona.name == "Maya" })
        let premium = try #require(compilation.personas.first { $0.persona.name == "MayaPremium" })
        let diff = PersonaDiff(from: ArtifactBuilder.record(for: maya), to: ArtifactBuilder.record(for: premium))
        #expect(diff.text == """
            version: "1.2.0" -> "1.0.0"
            description: "First-line customer support for orders and refunds." -> "Support for Premium plan customers, with a larger refund limit."
            lineage: ["AcmeAgent","Maya"] -> ["AcmeAgent","Maya","MayaPremium"]
            capabilities: + Process refunds up to $500
            capabilities: + Schedule a call back with a senior agent
            constraints: - Never approve refunds over $50 without approval
            greeting: "Hi, I'm Maya from Acme support." -> "Hi, I'm Maya from Acme Premium support."
            custom_sections.premium: added
            fingerprint: \(ArtifactBuilder.record(for: maya).fingerprint) -> \(ArtifactBuilder.record(for: premium).fingerprint)

            """)
        #expect(PersonaDiff(from: ArtifactBuilder.record(for: maya), to: ArtifactBuilder.record(for: maya)).isEmpty)
    }

    @Test func diffShowsOrderKeysAndMissingValues() {
        func record(_ fields: [(String, Node)], fingerprint: String = "sha256:1") -> PersonaRecord {
            var mapping = Mapping()
            for (key, value) in fields { mapping.set(key, value) }
            return PersonaRecord(name: "P", version: nil, fingerprint: fingerprint, fields: mapping)
        }
        func list(_ items: [String]) -> Node { Node(.array(items.map { Node(.string($0)) })) }
        func object(_ items: [(String, String)]) -> Node {
            var mapping = Mapping()
            for (key, value) in items { mapping.set(key, Node(.string(value))) }
            return Node(.object(mapping))
        }
        let old = record([
            ("company", Node(.null)), ("capabilities", list(["a", "b"])),
            ("custom_sections", object([("x", "1"), ("y", "2"), ("z", "3")])), ("variables", object([("v", "1"), ("w", "2")])),
        ])
        let new = record([
            ("company", Node(.string("Acme"))), ("capabilities", list(["b", "a"])),
            ("custom_sections", object([("y", "2"), ("x", "one"), ("n", "new")])), ("variables", object([("w", "2"), ("v", "1")])),
        ], fingerprint: "sha256:2")
        #expect(PersonaDiff(from: old, to: new, comparingFingerprints: false).text == """
            company: (none) -> "Acme"
            capabilities: order changed
            custom_sections.x: changed
            custom_sections.z: removed
            custom_sections.n: added
            variables: order changed

            """)
        // A lock entry holding only the fingerprint compares only that.
        let bare = record([], fingerprint: "sha256:1")
        #expect(PersonaDiff(from: bare, to: new).text == "fingerprint: sha256:1 -> sha256:2\n")
    }
}

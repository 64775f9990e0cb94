import Foundation
import Testing
import TestSupport
import DocumentTree
@testable import LLMPersona

/// What the `persona` commands used to do themselves, now library calls with
/// the same results: a tool built on the library says what `persona` says.
@Suite("The library does the work; the command line parses and prints")
struct LibraryFirstTests {
    @Test func item4_compilationLooksAPersonaUpWithASuggestion() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let compilation = PersonaCompiler().compile([scratch.path("p")])
        #expect(try compilation.persona(named: "Maya").persona.role == "Support")
        #expect(try compilation.persona(named: "Base").persona.isAbstract)
        #expect(throws: PersonaError.notFound(name: "Mya", suggestion: "Maya")) { try compilation.persona(named: "Mya") }
        // A problem about no file prints without a path.
        #expect(PersonaError.notFound(name: "Mya", suggestion: "Maya").diagnostics.map(\.description)
            == ["error: unknown persona 'Mya' (did you mean 'Maya'?)"])
        #expect(Diagnostic(file: "", location: nil, severity: .warning, message: "m").description == "warning: m")
    }

    @Test func item4_renderFillsAndRejectsAbstractPersonasAndUnknownValues() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let compilation = PersonaCompiler().compile([scratch.path("p")])
        let maya = try compilation.persona(named: "Maya")
        let rendered = try PromptFiller.render(maya, VariableValues())
        #expect(rendered.text == (try PromptFiller.fill(maya, VariableValues())).text)
        let base = try compilation.persona(named: "Base")
        guard let abstract = failure({ () throws(DiagnosticList) in try PromptFiller.render(base, VariableValues()) }) else {
            Issue.record("an abstract persona has no prompt")
            return
        }
        #expect(abstract.diagnostics.map(\.description)
            == ["error: persona 'Base' is abstract: it is a base for others and has no prompt of its own"])
        guard let unknown = failure({ () throws(DiagnosticList) in try PromptFiller.render(maya, VariableValues(["plan": "x"])) }) else {
            Issue.record("a value no persona declares is an error")
            return
        }
        #expect(unknown.diagnostics.map(\.message) == ["unknown variable 'plan': no persona declares it"])
        #expect(unknown.diagnostics.map(\.file) == [""])
        #expect(unknown.diagnostics.map(\.personaSetting) == [.variableValues])
    }

    @Test func item4_lockStalenessComparesTheFileBytes() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let lockPath = scratch.path("p/personas.lock")
        let lock = PersonaLock(personas: PersonaCompiler().compile([scratch.path("p")]).personas)
        #expect(lock.staleness(of: lockPath).map(\.message) == ["there is no lock file; run persona lock to create it"])
        try lock.save(to: lockPath)
        #expect(lock.staleness(of: lockPath).isEmpty)
        // The same lock written with other bytes (no final newline) is not up to date, though nothing changed.
        try scratch.write("p/personas.lock", bytes: Array(lock.encoded().dropLast()))
        #expect(lock.staleness(of: lockPath).map(\.message) == ["not up to date; run persona lock"])
        let older = PersonaLock(records: lock.records.filter { $0.name != "Theo" })
        try older.save(to: lockPath)
        let stale = lock.staleness(of: lockPath)
        #expect(stale.count == 1)
        #expect(stale.first?.message.hasPrefix("not up to date (Theo: added") == true)
        var warnings: [Diagnostic] = []
        let replaced = PersonaLock.replaced(at: lockPath, diagnostics: &warnings)
        #expect(replaced?.records.map(\.name) == older.records.map(\.name))
        #expect(warnings.isEmpty)
        try scratch.write("p/personas.lock", "<<<<<<< HEAD\n")
        let broken = PersonaLock.replaced(at: lockPath, diagnostics: &warnings)
        #expect(broken == nil)
        #expect(warnings.map(\.description) == ["\(lockPath): warning: replacing a lock file that cannot be read"])
    }

    @Test func item4_diffAgainstTheLockIsALibraryCall() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let lockPath = scratch.path("p/personas.lock")
        var compilation = PersonaCompiler().compile([scratch.path("p")])
        let maya = try compilation.persona(named: "Maya")
        guard let none = failure({ () throws(DiagnosticList) in try PersonaDiff.againstLock(maya, lockPath: lockPath) }) else {
            Issue.record("no lock file is an error")
            return
        }
        #expect(none.diagnostics.map(\.description) == ["\(lockPath): error: no lock file; run persona lock to create it"])
        try PersonaLock(personas: compilation.personas).save(to: lockPath)
        #expect(try PersonaDiff.againstLock(maya, lockPath: lockPath).isEmpty)
        let abstractBase = try compilation.persona(named: "Base")
        guard let abstract = failure({ () throws(DiagnosticList) in try PersonaDiff.againstLock(abstractBase, lockPath: lockPath) }) else {
            Issue.record("an abstract persona is not locked")
            return
        }
        #expect(abstract.diagnostics.map(\.message) == ["'Base' is not in the lock file; abstract personas are not locked"])
        try scratch.write("p/maya.yaml", "name: Maya\nparent: Base\nversion: \"1.2.0\"\nrole: Sales\ncapabilities:\n  - Look up orders\ngreeting: Hi!\n")
        compilation = PersonaCompiler().compile([scratch.path("p")])
        let changed = try PersonaDiff.againstLock(try compilation.persona(named: "Maya"), lockPath: lockPath)
        #expect(changed.changedFields.contains("role"))
        // Two personas: fingerprints are compared only when both have a prompt.
        let alex = try compilation.persona(named: "Alex"), base = try compilation.persona(named: "Base")
        #expect(PersonaDiff(from: alex, to: try compilation.persona(named: "Maya")).changedFields.contains("fingerprint"))
        #expect(!PersonaDiff(from: base, to: alex).changedFields.contains("fingerprint"))
    }

    @Test func item4_artifactFormatIsASetOfFormats() throws {
        #expect(ArtifactFormat.all == [.text, .json])
        #expect(OutputNames.fileNames(of: "Maya", format: [.text]) == ["Maya.txt"])
        #expect(OutputNames.fileNames(of: "Maya", format: [.json]) == ["Maya.json"])
        #expect(OutputNames.fileNames(of: "Maya", format: [.text, .json]) == ["Maya.json", "Maya.txt"])
        #expect(OutputNames.fileNames(of: "Maya", format: []).isEmpty)
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        #expect(try scratch.planBuild(format: .json).artifacts.map(\.fileName) == ["Alex.json", "Maya.json", "Theo.json"])
    }

    @Test func item4_libraryMessagesNameSettingsNotOptions() throws {
        let scratch = try Scratch(["p/a.yaml": "name: A\nrole: \"" + String(repeating: "x", count: 2000) + "\"\n", "p/m.yaml": "name: manifest\nrole: Support\n"])
        defer { scratch.cleanup() }
        var loader = PersonaLoader()
        loader.limits.maxFileBytes = 1024
        let big = PersonaCompiler(loader: loader).compile([scratch.path("p/a.yaml")])
        #expect(big.diagnostics.map(\.message) == ["file is larger than the 1 KiB limit"])
        #expect(big.diagnostics.map(\.personaSetting) == [.maxFileBytes])
        let step = BuildStep(lockPath: scratch.path("p/none.lock"))
        let prepared = step.prepare([scratch.path("p/m.yaml")])
        #expect(prepared.diagnostics.map(\.personaSetting) == [.artifactFormat, .lockFile])
        #expect(prepared.diagnostics.allSatisfy { !$0.message.contains("--") })
        let writer = OutputWriter(directory: scratch.path("out"))
        let check = OutputWriter.CheckReport(findings: [.init(fileName: "A.txt", kind: .missing)], fileCount: 1)
        #expect(writer.diagnostics(check).map(\.description) == [
            "\(scratch.path("out/A.txt")): error: missing (build would write it)",
            "\(scratch.path("out")): note: 1 file is not up to date; run persona build to update",
        ])
    }
}

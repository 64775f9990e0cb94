import Foundation
import Testing
import DocumentTree
@testable import LLMPersona
import TestSupport

@Suite("Template problems are reported once, at their place")
struct TemplateReportingTests {
    @Test func anUndeclaredVariableInAnInheritedTextIsOneErrorWithANoteNamingThePersonas() throws {
        let result = try compileFiles([
            "base.yaml": "name: Base\nabstract: true\nrole: helps {usr_name}\n",
            "kids.yaml": """
                C1:
                  parent: Base
                  variables:
                    user_name: {required: true}
                C2:
                  parent: Base
                C3:
                  parent: Base
                C4:
                  parent: Base
                C5:
                  parent: Base
                """,
        ])
        #expect(result.lines == [
            "base.yaml:3:13: error: undeclared variable 'usr_name' (did you mean 'user_name'?) in role of 'Base': declare it under 'variables'",
            "kids.yaml:1:1: note: inherited by 'C1', 'C2', 'C3' and 2 more, which do not declare 'usr_name'",
        ])
        #expect(result.warnings == ["kids.yaml:4:5: warning: variable 'user_name' is declared but no text of 'C1' uses it"])
    }

    @Test func aPersonaThatDeclaresTheVariableIsNotAffected() throws {
        let result = try compileFiles([
            "a.yaml": """
                Base:
                  role: helps {user}
                Good:
                  parent: Base
                  variables:
                    user: {default: you}
                Bad:
                  parent: Base
                """,
        ])
        #expect(result.lines == [
            "a.yaml:2:15: error: undeclared variable 'user' in role of 'Base': declare it under 'variables'",
            "a.yaml:7:1: note: inherited by 'Bad', which does not declare 'user'",
        ])
    }

    @Test func anUnusedVariableOfABaseIsOneWarningNamingItsDescendants() throws {
        let result = try compileFiles([
            "a.yaml": """
                Base:
                  role: r
                  variables:
                    plan: {default: free}
                Kid1:
                  parent: Base
                Kid2:
                  parent: Base
                Grandkid:
                  parent: Kid1
                """,
        ])
        #expect(result.lines == [])
        #expect(result.warnings == [
            "a.yaml:4:5: warning: variable 'plan' is declared but no text of 'Base' uses it, nor of 'Grandkid', 'Kid1' and 'Kid2', which inherit it",
        ])
    }

    @Test func anUnusedVariableIsReportedAtThePersonaWhoseTextsDoNotUseIt() throws {
        let result = try compileFiles([
            "base.yaml": "name: Base\nrole: helps on {plan}\nvariables:\n  plan: {default: free}\n",
            "kid.yaml": "name: Kid\nparent: Base\nrole: helps\n",
            "user.yaml": "name: User\nparent: Base\n",
        ])
        #expect(result.lines == [])
        #expect(result.warnings == ["kid.yaml:1:7: warning: variable 'plan' is inherited from 'Base' but no text of 'Kid' uses it"])
    }

    @Test func anAbstractBaseThatDeclaresForItsChildrenIsNotWarnedAbout() throws {
        let result = try compileFiles([
            "a.yaml": """
                Base:
                  abstract: true
                  variables:
                    user: {required: true}
                Uses:
                  parent: Base
                  role: helps {user}
                Ignores:
                  parent: Base
                  role: helps
                """,
        ])
        #expect(result.lines == [])
        #expect(result.warnings == ["a.yaml:4:5: warning: variable 'user' is declared but no text of 'Base' uses it, nor of 'Ignores', which inherits it"])
    }

    @Test func aVariableUsedOnlyInTheGreetingIsUsed() throws {
        let result = try compileFiles(["a.yaml": "name: A\nrole: r\ngreeting: Hi {user}\nvariables:\n  user: {required: true}\n"])
        #expect(result.lines == [] && result.warnings == [])
    }

    @Test func commandsThatOnlyShowPersonasCanTurnTheWarningOff() throws {
        var compiler = PersonaCompiler()
        compiler.reportsUnusedVariables = false
        let result = try compileFiles(["a.yaml": "name: A\nrole: r\nvariables:\n  user: {required: true}\n"], compiler: compiler)
        #expect(result.lines == [] && result.warnings == [])
    }
}

@Suite("The greeting is filled like the prompt")
struct GreetingFillTests {
    private let scratchFiles = ["a.yaml": "name: A\nrole: r\nvariables:\n  user: {required: true}\n  plan: {default: Free}\ngreeting: Hi {user}, on {plan}!\n"]

    @Test func strictFailsForAVariableOnlyTheGreetingUses() throws {
        let scratch = try Scratch(scratchFiles)
        defer { scratch.cleanup() }
        let personas = PersonaCompiler().compile([scratch.root]).personas
        let list = try #require(throws: DiagnosticList.self) { try BuildPlan.make(personas, format: .all, values: VariableValues(strict: true)) }
        #expect(list.diagnostics.map(\.message) == [
            "variable 'user' of 'A' has no value, and strict filling needs one: give it a value or a default",
        ])
        let filled = try PromptFiller.fill(try #require(personas.first), VariableValues(["user": "J{o}"], strict: true))
        #expect(filled.greeting == "Hi J{o}, on Free!")
        #expect(filled.allRemaining.isEmpty && !filled.isTemplate)
    }

    @Test func theArtifactListsWhatTheGreetingLeaves() throws {
        let scratch = try Scratch(scratchFiles)
        defer { scratch.cleanup() }
        let personas = PersonaCompiler().compile([scratch.root]).personas
        let plan = try BuildPlan.make(personas, format: .json)
        let json = try JSONReader.parse(try #require(plan.artifacts.first).contents)
        #expect(json["greeting"]?.stringValue == "Hi {user}, on Free!")
        #expect(json["variables"]?.objectValue?.keys == ["user"])
        #expect(plan.manifest.personas.map(\.prompt) == [.filled])
    }
}

@Suite("Names are literal text, through the library too")
struct LiteralNameTests {
    @Test(arguments: ["Bot{x}", "{{Bot}}", "Bot}", "{", "a{b}c{{d}}"])
    func aNameWithBracesRendersExactly(name: String) throws {
        let persona = Persona(name: name, role: "helper of {user}", variables: ["user": VariableDeclaration(isRequired: true)])
        let expected = "You are \(name), a helper of Ann.\n\nTone: helpful and professional"
        #expect(try persona.buildSystemPrompt(variables: ["user": "Ann"]) == expected)
        let template = try persona.promptTemplate()
        #expect(template.variableNames == ["user"])
        #expect(try template.render(["user": "Ann"]) == expected)
        // The emitted template parses back to the same segments: the name stays literal.
        #expect(template.template.formatText == persona.promptTemplateText)
        #expect(persona.promptTemplateText.hasPrefix("You are \(Template.escape(name)), a "))
        // The reference layout is unchanged.
        #expect(persona.buildSystemPrompt().hasPrefix("You are \(name), a helper of {user}."))
    }

    @Test func aNameWithBracesBuildsFromARegistry() throws {
        let registry = PersonaRegistry()
        registry.define(Persona(name: "Bot}", role: "r"))
        let resolved = try registry.resolved("Bot}")
        let filled = try PromptFiller.fill(resolved, VariableValues(strict: true))
        #expect(filled.text == "You are Bot}, a r.\n\nTone: helpful and professional")
        #expect(ArtifactBuilder.record(for: resolved).fingerprint == Fingerprint.of(filled.text))
    }
}

@Suite("Fingerprints of the bytes written")
struct FingerprintOfTextTests {
    @Test func fingerprintIsOfNAMEtxtAndTemplateFingerprintOfTheTemplate() throws {
        let scratch = try Scratch(["p/a.yaml": "name: A\nrole: r at {company}\nvariables:\n  company: {default: Acme}\ncustom_sections:\n  j: 'JSON {{}}'\n"])
        defer { scratch.cleanup() }
        let personas = PersonaCompiler().compile([scratch.path("p")]).personas
        for values in [VariableValues(), VariableValues(["company": "Globex"])] {
            let plan = try BuildPlan.make(personas, format: .text, values: values)
            let text = try #require(plan.artifacts.first { $0.fileName == "A.txt" })
            #expect(plan.records.first?.fingerprint == Fingerprint.of(bytes: text.contents))
            #expect(plan.manifest.personas.first?.fingerprint == Fingerprint.of(bytes: text.contents))
            #expect(plan.records.first?.templateFingerprint == Fingerprint.of("You are A, a r at {company}.\n\nTone: helpful and professional\n\nJSON {{}}"))
        }
    }

    @Test func aLockRecordsBothFingerprintsAndReadsThemBack() throws {
        let scratch = try Scratch(["p/a.yaml": "name: A\nrole: r at {company}\nvariables:\n  company: {default: Acme}\n"])
        defer { scratch.cleanup() }
        let lock = PersonaLock(personas: PersonaCompiler().compile([scratch.path("p")]).personas)
        let read = try PersonaLock.decode(lock.encoded())
        #expect(read.records.map(\.templateFingerprint) == lock.records.map(\.templateFingerprint))
        #expect(read.records.first?.fingerprint == Fingerprint.of("You are A, a r at Acme.\n\nTone: helpful and professional"))
        #expect(read.records.first?.templateFingerprint == Fingerprint.of("You are A, a r at {company}.\n\nTone: helpful and professional"))
    }

    @Test func anOldManifestWithoutPromptKindsStillReads() throws {
        let manifest = try Manifest.decode(Array(#"{"format": 1, "personas": [{"name": "A", "version": null, "fingerprint": "sha256:0", "files": ["A.txt"]}]}"#.utf8))
        #expect(manifest.personas.map(\.prompt) == [.filled])
        #expect(throws: DocumentError.self) {
            try Manifest.decode(Array(#"{"format": 1, "personas": [{"name": "A", "prompt": "raw", "files": []}]}"#.utf8))
        }
    }
}

/// `validate` checks prompts without filling them: it must fail exactly when a build's filling does.
@Suite("Checking a prompt without filling it")
struct PromptCheckTests {
    @Test func checkThrowsWhatFillThrows() throws {
        var random = SeededGenerator(seed: 5)
        let pieces = ["{", "}", "{{", "}}", "a ", "{user}", "{plan}", "{a.b}", "{}", "é"]
        func text() -> String {
            (0..<Int.random(in: 0..<4, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
        }
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var sources: [(path: String, bytes: [UInt8])] = []
        for index in 0..<120 {
            let json = """
                {"name": \(quoted("P\(index)" + (index % 7 == 0 ? "{x}" : ""))), "role": \(quoted(text())), "tone": \(quoted(text())),
                 "capabilities": [\(quoted(text())), \(quoted(text()))], "greeting": \(quoted(text())),
                 "custom_sections": {"s": \(quoted(text()))},
                 "variables": {"user": {"required": true}, "plan": {"default": "Free"}}}
                """
            sources.append((path: "p\(index).json", bytes: Array(json.utf8)))
        }
        let personas = PersonaCompiler().compile(sources: sources).personas
        #expect(personas.count == 120)
        var failures = 0
        for values in [VariableValues(), VariableValues(["user": "J{o}"]), VariableValues(strict: true), VariableValues(["user": "J"], strict: true)] {
            for resolved in personas {
                let filled = Result { () throws(DiagnosticList) in try PromptFiller.fill(resolved, values) }
                let checked = Result { () throws(DiagnosticList) in try PromptFiller.check(resolved, values) }
                switch (filled, checked) {
                case (.success, .success): break
                case (.failure(let a), .failure(let b)):
                    failures += 1
                    #expect(a == b)
                default: Issue.record("\(resolved.persona.name) with \(values): fill \(filled), check \(checked)")
                }
            }
        }
        #expect(failures > 20)
    }
}

import DocumentTree
import LLMPersona
import Testing

/// The identifiers generated code gives personas and variables, and the
/// language-neutral model: texts split once into literals and parameters.
@Suite("Generated code: identifiers and model")
struct GenerateModelTests {
    @Test(arguments: [
        ("MayaPremium", "maya_premium", "mayaPremium"),
        ("maya-premium", "maya_premium", "mayaPremium"),
        ("Maya Premium", "maya_premium", "mayaPremium"),
        ("maya_premium", "maya_premium", "mayaPremium"),
        ("HTTPServer", "http_server", "httpServer"),
        ("Agent007", "agent007", "agent007"),
        ("Maya 2.0 (beta)", "maya_2_0_beta", "maya20Beta"),
        ("maya", "maya", "maya"),
    ])
    func accessorsFollowEachLanguagesCase(name: String, python: String, camel: String) {
        #expect((try? GeneratedIdentifiers.accessor(for: name, in: .python)) == python)
        #expect((try? GeneratedIdentifiers.accessor(for: name, in: .swift)) == camel)
        #expect((try? GeneratedIdentifiers.accessor(for: name, in: .typescript)) == camel)
    }

    @Test func namesWithoutAnIdentifierAreRefusedWithASuggestion() {
        func problem(_ name: String, _ language: TargetLanguage) -> String? {
            do {
                _ = try GeneratedIdentifiers.accessor(for: name, in: language)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(problem("Café", .python)
            == "persona name 'Café' gives no Python identifier: the accessor is made from the ASCII letters and digits of the name; rename it, e.g. 'Cafe'")
        // The suggestion folds diacritics and full-width forms to ASCII, and drops other scripts.
        #expect(problem("Ångström-Bot", .python)?.hasSuffix("; rename it, e.g. 'AngstromBot'") == true)
        #expect(problem("\u{FF2D}\u{FF41}\u{FF59}\u{FF41}\u{FF11}", .swift)?.hasSuffix("; rename it, e.g. 'Maya1'") == true)
        #expect(problem("Cafe\u{301}", .typescript)?.hasSuffix("; rename it, e.g. 'Cafe'") == true)
        #expect(problem("数字", .python)?.hasSuffix("; rename it with ASCII letters, e.g. 'Assistant'") == true)
        #expect(problem("3PO", .swift) == "persona name '3PO' gives no Swift identifier: '3Po' starts with a digit; rename it, e.g. 'Persona3PO'")
        #expect(problem("--", .typescript)?.hasPrefix("persona name '--' gives no TypeScript identifier") == true)
        #expect(problem("Class", .python)?.contains("gives the Python identifier 'class', which is reserved") == true)
        #expect(problem("Class", .python)?.hasSuffix("rename it, e.g. 'ClassPersona'") == true)
        #expect(problem("Default", .swift)?.contains("'default', which is reserved") == true)
        #expect(problem("All", .swift)?.contains("'all', which is reserved") == true)
        #expect(problem("Delete", .typescript)?.contains("'delete', which is reserved") == true)
        // A keyword of one language is a fine name in another.
        #expect(problem("Class", .swift) != nil)
        #expect((try? GeneratedIdentifiers.accessor(for: "Def", in: .swift)) == "def")
        #expect((try? GeneratedIdentifiers.accessor(for: "Def", in: .typescript)) == "def")
    }

    @Test func variablesKeepTheirNamesEscapedWhereNeeded() {
        #expect((try? GeneratedIdentifiers.parameter(for: "class", in: .python)) == "class_")
        #expect((try? GeneratedIdentifiers.parameter(for: "user_name", in: .python)) == "user_name")
        #expect(GeneratedIdentifiers.swiftLabel("var", inDeclaration: true) == "`var`")
        #expect(GeneratedIdentifiers.swiftLabel("var", inDeclaration: false) == "var")
        #expect(GeneratedIdentifiers.swiftLabel("_", inDeclaration: false) == "`_`")
        #expect(GeneratedIdentifiers.swiftLabel("class", inDeclaration: true) == "class")
        #expect((try? GeneratedIdentifiers.parameter(for: "class", in: .typescript)) == "class")
        let problem = #expect(throws: IdentifierProblem.self) {
            try GeneratedIdentifiers.parameter(for: "__proto__", in: .typescript)
        }
        #expect(problem?.message.contains("rename it") == true)
    }

    static func compile(_ text: String, file: String = "p.yaml") -> [ResolvedPersona] {
        let compilation = PersonaCompiler().compile(sources: [(file, Array(text.utf8))])
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        return compilation.personas
    }

    @Test func collidingAccessorsAreErrorsAtEveryName() throws {
        let personas = Self.compile("""
            MayaPremium: {role: a}
            maya-premium: {role: b}
            Maya: {role: c}
            """)
        let list = try #require(throws: DiagnosticList.self) { try GeneratedModelBuilder.module(personas, language: .swift, sources: ["p.yaml"]) }
        #expect(list.diagnostics.map(\.description).sorted() == [
            "p.yaml:1:1: error: persona 'MayaPremium' gives the Swift identifier 'mayaPremium', as 'maya-premium' does: rename one of them so their names differ in more than case and punctuation",
            "p.yaml:2:1: error: persona 'maya-premium' gives the Swift identifier 'mayaPremium', as 'MayaPremium' does: rename one of them so their names differ in more than case and punctuation",
        ])
    }

    @Test func badNamesAndVariablesArePlacedAtTheirDeclarations() throws {
        let personas = Self.compile("""
            Café: {role: a}
            Ok:
              role: "{class} {class_}"
              variables:
                class: {default: x}
                class_: {default: y}
            """)
        let list = try #require(throws: DiagnosticList.self) { try GeneratedModelBuilder.module(personas, language: .python, sources: ["p.yaml"]) }
        let lines = list.diagnostics.map(\.description).sorted()
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("p.yaml:1:1: error: persona name 'Café' gives no Python identifier") == true)
        #expect(lines.last == "p.yaml:6:5: error: variable 'class_' of 'Ok' gives the Python parameter 'class_', as variable 'class' does (a keyword takes a trailing '_'); rename one of them")
        // Swift and TypeScript keep both names.
        #expect(throws: Never.self) { try GeneratedModelBuilder.module(Array(personas.dropFirst()), language: .swift, sources: []) }
    }

    @Test func textsAreSplitIntoLiteralsAndParameters() throws {
        let personas = Self.compile("""
            Base: {abstract: true, company: "{{Acme}}"}
            Agent:
              parent: Base
              role: "{role_name} for {user}"
              greeting: "Hi {user}"
              variables:
                user: {required: true}
                role_name: {default: Helper}
                mood: {}
                fixed: {required: true}
            """)
        let module = try GeneratedModelBuilder.module(
            personas, language: .python, values: VariableValues(["fixed": "now"]), sources: ["p.yaml"], generatorVersion: "9.9.9"
        )
        #expect(module.personas.map(\.name) == ["Agent"])  // abstract personas are not emitted
        let agent = try #require(module.personas.first)
        #expect(agent.identifier == "agent")
        #expect(agent.lineage == ["Base", "Agent"])
        #expect(agent.parameters.map(\.name) == ["user", "role_name", "mood"])  // 'fixed' was filled now
        #expect(agent.parameters.map(\.defaultValue) == [nil, "Helper", ""])
        #expect(agent.greeting == [.literal("Hi "), .parameter(0)])
        #expect(agent.systemPrompt.first == .literal("You are Agent, a "))
        #expect(agent.systemPrompt.dropFirst().first == .parameter(1))
        // The fingerprint is the template's, as build records it.
        let record = ArtifactBuilder.record(for: try #require(personas.first { $0.persona.name == "Agent" }))
        #expect(agent.fingerprint == record.templateFingerprint)
        // Filled, the pieces give what render gives for the same values.
        let values = ["user": "Ada {x}", "role_name": "Guide", "mood": "", "fixed": "now"]
        let rendered = try PromptFiller.render(try #require(personas.first { $0.persona.name == "Agent" }), VariableValues(values))
        #expect(agent.systemPrompt.filled(["Ada {x}", "Guide", ""]) == rendered.text)
        #expect(agent.greeting?.filled(["Ada {x}", "Guide", ""]) == rendered.greeting)
    }

    @Test func escapingPerLanguage() {
        let text = "a\"b\\c\n$\\(x)`${y}\u{0}\u{7}\u{301}😀\u{2028}"
        #expect(StringLiterals.swift(text) == #""a\"b\\c\n$\\(x)`${y}\0\u{7}\u{301}😀\u{2028}""#)
        #expect(StringLiterals.python(text) == #""a\"b\\c\n$\\(x)`${y}\x00\x07\u0301😀\u2028""#)
        #expect(StringLiterals.typeScript(text) == #""a\"b\\c\n$\\(x)`${y}\x00\x07\u0301😀\u2028""#)
        #expect(StringLiterals.typeScript("\u{E0001}") == #""\uDB40\uDC01""#)
        #expect(StringLiterals.python("\u{E0001}") == #""\U000E0001""#)
        #expect(StringLiterals.comment("a\nb") == #"a\u{A}b"#)
    }
}

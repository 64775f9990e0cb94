import Foundation
import Testing
import DocumentTree
@testable import LLMPersona
import TestSupport

@Suite("Template syntax")
struct TemplateSyntaxTests {
    @Test func placeholdersAndEscapes() throws {
        let template = try Template.parse("Hi {user_name}, {{literal}} and }} {plan}{user_name}")
        #expect(template.segments == [
            .literal("Hi "), .variable("user_name"), .literal(", {literal} and } "), .variable("plan"), .variable("user_name"),
        ])
        #expect(template.variableNames == ["user_name", "plan"])
        #expect(template.formatText == "Hi {user_name}, {{literal}} and }} {plan}{user_name}")
        #expect(try Template.parse("no braces").isLiteral)
    }

    @Test(arguments: [
        ("{unclosed", 0, "unclosed '{': write '{{' for a literal brace"),
        ("ab {a.b}", 3, "invalid placeholder '{a.b}': a placeholder is '{identifier}'; write '{{' and '}}' for literal braces"),
        ("{0}", 0, "positional placeholder '{0}' is not supported: name the variable; write '{{' and '}}' for literal braces"),
        ("x{}", 1, "empty placeholder '{}': name the variable, e.g. '{user_name}'; write '{{' and '}}' for literal braces"),
        ("{x!r}", 0, "placeholder '{x!r}' uses conversions, which are not supported: write '{x}'; write '{{' and '}}' for literal braces"),
        ("{x:>10}", 0, "placeholder '{x:>10}' uses format specifications, which are not supported: write '{x}'; write '{{' and '}}' for literal braces"),
        ("a } b", 2, "single '}': write '}}' for a literal brace"),
        ("é{a-b}", 1, "invalid placeholder '{a-b}': a placeholder is '{identifier}'; write '{{' and '}}' for literal braces"),
    ])
    func syntaxErrors(text: String, offset: Int, message: String) {
        guard let list = failure({ () throws(Template.SyntaxErrors) in try Template.parse(text) }) else {
            Issue.record("'\(text)' parsed")
            return
        }
        #expect(list.errors.map(\.message) == [message])
        #expect(list.errors.map(\.offset) == [offset])
    }

    @Test func everyErrorInOneText() {
        guard let list = failure({ () throws(Template.SyntaxErrors) in try Template.parse("{a.b} ok {c} } {") }) else {
            Issue.record("parsed")
            return
        }
        #expect(list.errors.map(\.offset) == [0, 13, 15])
    }

    /// ``Template/isWellFormed(_:)`` says whether ``Template/parse(_:)`` accepts a text.
    @Test func wellFormedIsWhatParseAccepts() {
        var random = SeededGenerator(seed: 11)
        let pieces = ["{", "}", "{{", "}}", "x", "{x}", "{a.b}", "{0}", "{}", "é", " ", "{x!r}", "{_1}", "{é}"]
        var accepted = 0
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0..<8, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            let parses = (try? Template.parse(text)) != nil
            if parses { accepted += 1 }
            #expect(Template.isWellFormed(text) == parses, "\(text)")
        }
        #expect(accepted > 100 && accepted < 2900)
    }

    /// Plain text is skipped a word of eight bytes at a time: a brace at any
    /// offset of a word, after ASCII or multi-byte text, is still found.
    @Test func bracesAtEveryOffsetOfAWord() throws {
        for before in 0..<20 {
            for after in [0, 1, 7, 8, 9, 17] {
                let head = String(repeating: "a", count: before), tail = String(repeating: "\u{E9}", count: after)
                let template = try Template.parse(head + "{x}" + tail + "}}")
                #expect(template.segments == (before > 0 ? [.literal(head)] : []) + [.variable("x"), .literal(tail + "}")])
                #expect(Template.placeholders(in: tail + "{x}" + head).map(\.offset) == [after])
                let unclosed = failure({ () throws(Template.SyntaxErrors) in try Template.parse(tail + head + "{" + head) })
                #expect(unclosed?.errors.map(\.offset) == [after + before])
            }
        }
    }
}

@Suite("Filling templates")
struct TemplateFillTests {
    private let persona = Persona(
        name: "Helper",
        role: "assistant at {company}",
        capabilities: ["Greet {user_name}", "Quote {{braces}}"],
        customSections: ["plan": "On the {plan} plan, {user_name}."],
        variables: [
            "user_name": VariableDeclaration(description: "first name", isRequired: true),
            "plan": VariableDeclaration(defaultValue: "free"),
            "company": VariableDeclaration(),
        ])

    @Test func fillingInOnePassGivesWhatFillingTheSegmentsGives() {
        let values = ["a": "x{y}z", "b": "é€", "c": ""]
        let texts = [
            "", "plain", "{a}", "{{a}}", "{a}{b}{c}", "pre {a} mid {{ {b} }} post", "{{{a}}}", "é{b}😀{a}",
            "{a", "a}", "{0}", "{a.b}", "{missing}", "}}{{", "{a} and {missing}",
        ]
        for text in texts {
            let direct = Template.filled(text) { values[$0] }
            guard let parsed = try? Template.parse(text) else {
                #expect(direct == nil, "\(text)")
                continue
            }
            let pieces = parsed.segments.map { segment -> String? in
                switch segment {
                case .literal(let literal): literal
                case .variable(let name): values[name]
                }
            }
            let expected = pieces.contains { $0 == nil } ? nil : pieces.compactMap { $0 }.joined()
            #expect(direct == expected, "\(text)")
        }
        #expect(Template.filled("{{{a}}} {b}") { values[$0] } == "{x{y}z} é€")
    }

    @Test func renderFillsValuesThenDefaults() throws {
        let template = try persona.promptTemplate()
        #expect(template.variableNames == ["company", "user_name", "plan"])
        let prompt = try template.render(["user_name": "John"])
        #expect(prompt == """
            You are Helper, a assistant at .

            Tone: helpful and professional

            You can:
            - Greet John
            - Quote {braces}

            On the free plan, John.
            """)
        #expect(try persona.buildSystemPrompt(variables: ["user_name": "Ann", "plan": "pro", "company": "Acme"])
            .hasSuffix("On the pro plan, Ann."))
    }

    @Test func missingRequiredVariableThrowsNamingIt() {
        #expect(throws: TemplateError.missingVariable("user_name")) {
            try persona.promptTemplate().render([:])
        }
    }

    @Test func valuesAreInsertedLiterally() throws {
        let prompt = try persona.buildSystemPrompt(variables: ["user_name": "{plan} {{x}}"])
        #expect(prompt.contains("- Greet {plan} {{x}}"))
        #expect(prompt.hasSuffix("On the free plan, {plan} {{x}}."))
    }

    @Test func buildSystemPromptWithoutValuesIsTheTemplate() {
        #expect(persona.buildSystemPrompt().contains("- Quote {{braces}}"))
        #expect(persona.buildSystemPrompt().contains("- Greet {user_name}"))
    }

    @Test func partialFillEscapesFilledText() throws {
        let partial = try persona.promptTemplate().partiallyFilled(["company": "{Acme}"])
        #expect(partial.variableNames == ["user_name"])
        #expect(partial.formatText.hasPrefix("You are Helper, a assistant at {{Acme}}."))
        #expect(partial.formatText.contains("On the free plan, {user_name}."))
    }

    /// A template artifact filled by Python's `str.format` equals our own fill.
    @Test func pythonStrFormatFillsOurTemplateTheSameWay() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let registry = PersonaRegistry()
        registry.define(persona)
        let resolved = try registry.resolved("Helper")
        let filled = try PromptFiller.fill(resolved, VariableValues(["company": "Ac{me}"]))
        #expect(filled.isTemplate)
        try scratch.write("template.txt", filled.text)
        // Optional variables took their defaults at build time; the required one is left for the service.
        #expect(filled.remaining.map(\.name) == ["user_name"])
        let values = ["user_name": "J{0}hn"]
        let ours = try persona.buildSystemPrompt(variables: values.merging(["company": "Ac{me}"]) { a, _ in a })
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", "-c",
            "import sys; t = open(sys.argv[1], encoding='utf-8').read(); sys.stdout.write(t.format(user_name=sys.argv[2]))",
            scratch.path("template.txt"), values["user_name"] ?? "",
        ]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        #expect(String(decoding: output, as: UTF8.self) == ours)
    }
}

@Suite("Template checks at build time")
struct TemplateCheckTests {
    private func lines(_ files: [String: String]) throws -> [String] {
        let scratch = try Scratch(files)
        defer { scratch.cleanup() }
        return diagnosticLines([scratch.root], root: scratch.root)
    }

    @Test func braceErrorsPointIntoEveryKindOfScalar() throws {
        #expect(try lines(["a.yaml": """
            name: A
            role: "quoted {0}"
            tone: plain {a.b} text
            capabilities:
              - 'single } quoted'
            custom_sections:
              literal: |
                first line
                  indented {x!r} here
              folded: >-
                folded
                text {unclosed
              escaped: "tab\\there {}"
            """]) == [
            "a.yaml:2:15: error: positional placeholder '{0}' is not supported: name the variable; write '{{' and '}}' for literal braces (in role)",
            "a.yaml:3:13: error: invalid placeholder '{a.b}': a placeholder is '{identifier}'; write '{{' and '}}' for literal braces (in tone)",
            "a.yaml:5:13: error: single '}': write '}}' for a literal brace (in capabilities)",
            "a.yaml:9:16: error: placeholder '{x!r}' uses conversions, which are not supported: write '{x}'; write '{{' and '}}' for literal braces (in custom_sections.literal)",
            "a.yaml:12:10: error: unclosed '{': write '{{' for a literal brace (in custom_sections.folded)",
            "a.yaml:13:23: error: empty placeholder '{}': name the variable, e.g. '{user_name}'; write '{{' and '}}' for literal braces (in custom_sections.escaped)",
        ])
    }

    @Test func jsonValuesToo() throws {
        #expect(try lines(["a.json": #"{"name": "A", "role": "r", "tone": "x \"q\" {y.z}"}"#]) == [
            "a.json:1:45: error: invalid placeholder '{y.z}': a placeholder is '{identifier}'; write '{{' and '}}' for literal braces (in tone)",
        ])
    }

    @Test func escapedBracesAreFine() throws {
        #expect(try lines(["a.yaml": "name: A\nrole: r\ncustom_sections:\n  json: |\n    Reply as {{\"ok\": true}}\n"]) == [])
    }

    @Test func undeclaredAndUnusedVariables() throws {
        #expect(try lines(["a.yaml": """
            name: A
            role: helps {usr_name}
            variables:
              user_name: {required: true}
              plan: {default: free}
            """]) == [
            "a.yaml:2:13: error: undeclared variable 'usr_name' (did you mean 'user_name'?) in role of 'A': declare it under 'variables'",
            "a.yaml:4:3: warning: variable 'user_name' is declared but no text of 'A' uses it",
            "a.yaml:5:3: warning: variable 'plan' is declared but no text of 'A' uses it",
        ])
    }

    @Test func declarationsInheritAlongTheChain() throws {
        let files = [
            "base.yaml": "name: Base\nabstract: true\nvariables:\n  user_name: {required: true}\n",
            "child.yaml": "name: Child\nparent: Base\nrole: helps {user_name} on {plan}\nvariables:\n  plan: {default: free}\n",
        ]
        #expect(try lines(files) == [])
        let scratch = try Scratch(files)
        defer { scratch.cleanup() }
        let compilation = PersonaCompiler().compile([scratch.root])
        let child = try #require(compilation.personas.first { $0.persona.name == "Child" })
        #expect(Array(child.persona.variables.keys) == ["user_name", "plan"])
        let filled = try PromptFiller.fill(child, VariableValues())
        #expect(filled.text == "You are Child, a helps {user_name} on free.\n\nTone: helpful and professional")
        #expect(filled.remaining.map(\.name) == ["user_name"])
    }

    @Test func strictMakesUnfilledVariablesErrors() throws {
        let scratch = try Scratch(["a.yaml": "name: A\nrole: helps {user_name}\nvariables:\n  user_name: {required: true}\n"])
        defer { scratch.cleanup() }
        let personas = PersonaCompiler().compile([scratch.root]).personas
        let list = try #require(throws: DiagnosticList.self) { try ArtifactBuilder.artifacts(for: personas, format: .text, values: VariableValues(strict: true)) }
        #expect(list.diagnostics.map { $0.description.replacingOccurrences(of: scratch.root + "/", with: "") } == [
            "a.yaml:1:7: error: variable 'user_name' of 'A' has no value, and strict filling needs one: give it a value or a default",
        ])
        let built = try ArtifactBuilder.artifacts(for: personas, format: .text, values: VariableValues(["user_name": "Jo"], strict: true))
        #expect(built.first.map { String(decoding: $0.contents, as: UTF8.self) } == "You are A, a helps Jo.\n\nTone: helpful and professional")
    }

    @Test func unknownVariableValueIsAnError() throws {
        let scratch = try Scratch(["a.yaml": "name: A\nrole: r\n"])
        defer { scratch.cleanup() }
        let personas = PersonaCompiler().compile([scratch.root]).personas
        let list = try #require(throws: DiagnosticList.self) { try ArtifactBuilder.artifacts(for: personas, format: .text, values: VariableValues(["plan": "x"])) }
        #expect(list.description == "error: unknown variable 'plan': no persona declares it")
    }
}

@Suite("Filling templates: sizes")
struct TemplateSizeTests {
    @Test func aLongValueUsedSeveralTimesFillsEveryUse() throws {
        let persona = Persona(
            name: "P", role: "{v}", customSections: ["a": "{v}|{v}", "b": "é{w}"],
            variables: ["v": VariableDeclaration(isRequired: true), "w": VariableDeclaration(defaultValue: "ü")])
        let long = String(repeating: "ab€", count: 4_000)
        let prompt = try persona.buildSystemPrompt(variables: ["v": long])
        #expect(prompt == "You are P, a \(long).\n\nTone: helpful and professional\n\n\(long)|\(long)\n\néü")
    }
}

/// Inputs the fuzzer found (`Fuzz/run.sh template`), each now a test.
@Suite("template fuzzing regressions")
struct TemplateFuzzRegressionTests {
    /// A brace followed by a combining mark is one `Character`; escaping compared
    /// characters and left it single, so `formatText` no longer parsed (and
    /// Python's `str.format` would have choked on the emitted template).
    @Test func braceBeforeACombiningMarkIsEscaped() throws {
        let bytes: [UInt8] = [0x52, 0x7D, 0x7D, 0xDD, 0x80, 0xDD, 0x84, 0x86] + Array(repeating: 0x7D, count: 14) + [0x65, 0x70, 0x61]
        let text = String(decoding: bytes, as: UTF8.self)
        guard let template = try? Template.parse(text) else {
            Issue.record("the fuzzer's input parses")
            return
        }
        guard let again = try? Template.parse(template.formatText) else {
            Issue.record("formatText does not parse: \(template.formatText)")
            return
        }
        #expect(again == template)
        #expect(Template.escape("}\u{301}{\u{301}") == "}}\u{301}{{\u{301}")
    }
}

@Suite("Variable names")
struct VariableNameTests {
    @Test func identifiersAreASCIILettersDigitsAndUnderscores() {
        for name in ["a", "Z", "_", "_x", "user_name", "A9", "Z_z0", "apiVersion2"] {
            #expect(Template.isIdentifier(name), "\(name)")
        }
        for name in ["", "9a", "a-b", "a b", "é", "naïve", "a{", "`", "@", "[", "ａ", "x\u{301}"] {
            #expect(!Template.isIdentifier(name), "\(name)")
        }
    }
}


import Foundation
import Testing
import LLMPersona
import TestSupport

/// The code of the DocC article `GettingStarted.md` of the LLMPersona catalog:
/// written out here so that it compiles with the package, and run where it
/// does not depend on the working directory.
@Suite("LLMPersona getting started article")
struct GettingStartedArticleTests {
    static let articlePath = packageRoot + "/Sources/LLMPersona/LLMPersona.docc/GettingStarted.md"

    @Test func everySwiftLineOfTheArticleIsCompiledInThisFile() throws {
        let article = try #require(FileManager.default.contents(atPath: Self.articlePath))
        let source = try #require(FileManager.default.contents(atPath: #filePath))
        let compiled = Set(String(decoding: source, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let snippets = swiftBlocks(String(decoding: article, as: UTF8.self)).filter { !$0.hasPrefix(".target(") }
        #expect(snippets.count == 6)
        for line in snippets.flatMap({ $0.split(separator: "\n") }) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            #expect(trimmed.isEmpty || compiled.contains(trimmed), "not compiled: \(trimmed)")
        }
    }

    /// The article's snippets in its order, returning what they computed.
    private func inCodeSnippets() throws -> (system: String, premium: Persona, prompt: String, template: PromptTemplate) {
        let registry = PersonaRegistry()
        registry.define(Persona(
            name: "Maya",
            role: "Customer Support Specialist",
            company: "Acme Corp",
            tone: "helpful, concise, empathetic",
            capabilities: ["Look up order status", "Process refunds under $50"],
            greeting: "Hi, I'm Maya from Acme support."
        ))
        let system = try registry.get("Maya").buildSystemPrompt()

        registry.define(Persona(name: "MayaPremium", parent: "Maya", capabilities: ["Approve refunds up to $500"]))
        let premium = try registry.get("MayaPremium")          // role, company, tone inherited from Maya
        print(PersonaExplanation.text(try registry.resolved("MayaPremium")))

        registry.define(Persona(
            name: "MayaContext", parent: "Maya",
            customSections: ["context": "You are assisting {user_name} on the {plan} plan."],
            variables: [
                "user_name": VariableDeclaration(description: "the customer's first name", isRequired: true),
                "plan": VariableDeclaration(description: "the customer's plan", defaultValue: "Free"),
            ]))
        let template = try registry.get("MayaContext").promptTemplate()   // parses every text once
        let prompt = try template.render(["user_name": "John"])            // "... on the Free plan."
        return (system, premium, prompt, template)
    }

    /// The article's snippets that read and write relative paths: compiled, and
    /// run by the tests below with the package's own folders.
    private func fileSnippets() throws -> String {
        let fromFiles = try PersonaRegistry(loading: ["personas"])
        let maya = try fromFiles.get("Maya")
        var printed = ""
        do {
            _ = try fromFiles.get("Mya")
        } catch {
            print(DiagnosticFormat.human.render(error.diagnostics))
            // error: unknown persona 'Mya' (did you mean 'Maya'?)
            printed = DiagnosticFormat.human.render(error.diagnostics)
        }

        var step = BuildStep(format: [.text, .json])
        step.outputDirectory = "build/personas"           // its persona files are errors, its artifacts not inputs
        let prepared = step.prepare(["personas"])          // compile, drift guard, plan; writes nothing
        if let plan = prepared.plan {                      // nil when prepared.diagnostics has an error
            let writer = OutputWriter(directory: "build/personas")
            try writer.prepare()                               // creates the folder, or throws why not
            let report = try writer.install(plan)          // or: try writer.check(plan)
            print(report.written, report.removed)
        }
        return maya.name + printed
    }

    @Test func articleCodeBuildsPromptsInheritsAndFillsVariables() throws {
        let result = try inCodeSnippets()
        #expect(result.system == """
            You are Maya, a Customer Support Specialist at Acme Corp.

            Tone: helpful, concise, empathetic

            You can:
            - Look up order status
            - Process refunds under $50
            """)
        #expect(result.premium.role == "Customer Support Specialist")
        #expect(result.premium.company == "Acme Corp")
        #expect(result.premium.capabilities == ["Look up order status", "Process refunds under $50", "Approve refunds up to $500"])
        #expect(result.prompt.hasSuffix("You are assisting John on the Free plan."))
        #expect(throws: TemplateError.missingVariable("user_name")) { try result.template.render([:]) }
    }

    @Test func articleErrorExamplePrintsTheSuggestion() throws {
        let fromFiles = try PersonaRegistry(loading: [packageRoot + "/personas"])
        #expect(try fromFiles.get("Maya").name == "Maya")
        #expect(throws: PersonaError.notFound(name: "Mya", suggestion: "Maya")) { try fromFiles.get("Mya") }
        let article = String(decoding: try #require(FileManager.default.contents(atPath: Self.articlePath)), as: UTF8.self)
        let shown = "error: unknown persona 'Mya' (did you mean 'Maya'?)"
        #expect(article.contains("// " + shown))
        #expect(PersonaError.notFound(name: "Mya", suggestion: "Maya").diagnostics.map(\.description) == [shown])
    }
}

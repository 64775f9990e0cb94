import Foundation
import Testing
import LLMPersona

/// The code examples of README.md and the doc comments, compiled and run.
@Suite("Documentation examples")
struct DocumentationExampleTests {
    @Test func readmeRegistryExample() throws {
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
        #expect(system == """
            You are Maya, a Customer Support Specialist at Acme Corp.

            Tone: helpful, concise, empathetic

            You can:
            - Look up order status
            - Process refunds under $50
            """)
        #expect(registry.names == ["Maya"])
    }

    @Test func readmeLoadingExample() throws {
        let fromFiles = try PersonaRegistry(loading: [packageRoot + "/personas"])
        #expect(try fromFiles.get("Maya").greeting == "Hi, I'm Maya from Acme support.")
        #expect(Set(fromFiles.names).isSuperset(of: ["AcmeAgent", "Maya", "MayaPremium", "Theo", "Alex"]))
    }

    @Test func registryDocCommentExample() throws {
        let registry = PersonaRegistry()
        registry.define(Persona(name: "Maya", role: "Customer Support Specialist", company: "Acme Corp"))
        registry.define(Persona(name: "MayaPremium", parent: "Maya", capabilities: ["Approve refunds up to $500"]))
        let prompt = try registry.get("MayaPremium").buildSystemPrompt()
        #expect(prompt == """
            You are MayaPremium, a Customer Support Specialist at Acme Corp.

            Tone: helpful and professional

            You can:
            - Approve refunds up to $500
            """)
    }

    @Test func personaDocCommentExample() {
        let maya = Persona(
            name: "Maya",
            role: "Customer Support Specialist",
            company: "Acme Corp",
            tone: "helpful, concise, empathetic",
            capabilities: ["Look up order status"],
            constraints: ["Never promise specific delivery dates"],
            greeting: "Hi, I'm Maya from Acme support."
        )
        #expect(maya.buildSystemPrompt().hasSuffix("Do not:\n- Never promise specific delivery dates"))
    }

    @Test func registryIsSafeToShareAcrossTasks() async throws {
        let registry = PersonaRegistry()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<50 {
                group.addTask { registry.define(Persona(name: "P\(i)", role: "r\(i)")) }
            }
        }
        #expect(registry.names.count == 50)
        #expect(try registry.get("P7").role == "r7")
    }

    @Test func readmeTemplateExample() throws {
        let registry = PersonaRegistry()
        registry.define(Persona(
            name: "Maya", role: "Customer Support Specialist",
            customSections: ["context": "You are assisting {user_name} on the {plan} plan."],
            variables: [
                "user_name": VariableDeclaration(description: "the customer's first name", isRequired: true),
                "plan": VariableDeclaration(description: "the customer's plan", defaultValue: "Free"),
            ]))
        let template = try registry.get("Maya").promptTemplate()
        let system = try template.render(["user_name": "John"])
        #expect(system.hasSuffix("You are assisting John on the Free plan."))
        #expect(throws: TemplateError.missingVariable("user_name")) { try template.render([:]) }
    }
}

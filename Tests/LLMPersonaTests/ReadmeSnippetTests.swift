import Foundation
import Testing
import LLMPersona
import TestSupport

/// The Swift blocks of README.md, written out here so that they compile with
/// the package as a reader would paste them (every name they use is declared
/// in the block); the dependency block is checked against Package.swift.
@Suite("README Swift snippets")
struct ReadmeSnippetTests {
    private static func text(_ path: String) throws -> String {
        String(decoding: try #require(FileManager.default.contents(atPath: packageRoot + "/" + path)), as: UTF8.self)
    }

    /// The README's Swift blocks: the `Package.swift` fragment first, then the code.
    private static func blocks() throws -> (manifest: [String], code: [String]) {
        // The generated-code example and the plugin's manifest line are checked by the
        // generate tests (they need `persona generate`'s output to compile against).
        let all = swiftBlocks(try text("README.md")).filter {
            !$0.hasPrefix("// persona generate") && !$0.hasPrefix(".executableTarget(")
        }
        let manifest = all.filter { $0.hasPrefix("dependencies: [") }
        return (manifest, all.filter { !$0.hasPrefix("dependencies: [") })
    }

    @Test func everyLineOfTheReadmeSwiftCodeIsCompiledInThisFile() throws {
        let compiled = Set(try Self.text("Tests/LLMPersonaTests/ReadmeSnippetTests.swift")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let code = try Self.blocks().code
        #expect(code.count == 2)
        for line in code.flatMap({ $0.split(separator: "\n") }) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            #expect(trimmed.isEmpty || compiled.contains(trimmed), "not compiled: \(trimmed)")
        }
    }

    @Test func dependencySnippetNamesThisPackageAndItsLibraryProduct() throws {
        let manifest = try Self.text("Package.swift")
        let snippet = try #require(try Self.blocks().manifest.first)
        #expect(manifest.contains(#"name: "llm-persona","#))
        #expect(manifest.contains(#".library(name: "LLMPersona", targets: ["LLMPersona"])"#))
        #expect(snippet.contains(#".product(name: "LLMPersona", package: "llm-persona")"#))
        // The version to depend on: this one, or an earlier one of the same major version.
        let from = try #require(snippet.split(separator: "\"").drop { $0.hasSuffix("from: ") == false }.dropFirst().first)
        #expect(from.split(separator: ".").first == PackageVersion.current.split(separator: ".").first)
        #expect(from.split(separator: ".").count == 3)
    }

    /// "Template variables": the README's snippet, for a `personas` folder holding the Maya above it.
    private func templateSnippet() throws -> String {
        let registry = try PersonaRegistry(loading: ["personas"])  // holding the Maya above
        let template = try registry.get("Maya").promptTemplate()   // parses every text once
        let system = try template.render(["user_name": "John"])     // one pass over segments
        return system
    }

    /// "Using it from Swift", its personas defined in code.
    private func libraryExampleInCode() throws -> (system: String, names: [String]) {
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
        return (system, registry.names)
    }

    /// "Using it from Swift", its personas read from the `personas` folder of this package.
    private func libraryExampleFromFiles() throws -> String {
        // Or load the same personas the CLI compiles:
        let fromFiles = try PersonaRegistry(loading: ["personas"])
        print(try fromFiles.get("Maya").greeting ?? "")

        // Personas in code inherit like files do, from code or from files:
        fromFiles.define(Persona(name: "MayaVIP", parent: "MayaPremium", capabilities: ["Waive shipping fees"]))
        print(try fromFiles.get("MayaVIP").buildSystemPrompt())            // role, company, ... inherited
        print(PersonaExplanation.text(try fromFiles.resolved("MayaVIP")))  // where each value came from
        return try fromFiles.get("MayaVIP").buildSystemPrompt()
    }

    @Test func inCodeExampleBuildsMayasPrompt() throws {
        let example = try libraryExampleInCode()
        #expect(example.names == ["Maya"])
        #expect(example.system == """
            You are Maya, a Customer Support Specialist at Acme Corp.

            Tone: helpful, concise, empathetic

            You can:
            - Look up order status
            - Process refunds under $50
            """)
    }

    /// The file snippets read paths relative to the working directory: they run
    /// with the tests run from the package root, as `swift test` runs them.
    @Test func fileExamplesRunFromThePackageRoot() throws {
        let here = FileManager.default.contents(atPath: "Package.swift")
        try #require(here != nil && here == FileManager.default.contents(atPath: packageRoot + "/Package.swift"), "run from the package root")
        let prompt = try libraryExampleFromFiles()
        #expect(prompt.hasPrefix("You are MayaVIP, a Customer Support Specialist at Acme Corp."))
        #expect(prompt.contains("- Waive shipping fees"))
        // This package's Maya declares no variables: the template is the prompt.
        #expect(try templateSnippet() == (try PersonaRegistry(loading: ["personas"]).get("Maya").buildSystemPrompt()))
    }
}

import Foundation
import Testing
import LLMPersona
import DocumentTree
import TestSupport

/// The code examples of README.md, docs/reference.md and the doc comments, compiled and run.
@Suite("Documentation examples")
struct DocumentationExampleTests {
    // The README's in-code registry example is compiled and checked by ReadmeSnippetTests.

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

    // MARK: README passages about messages and the schema

    private static func readme() throws -> String {
        try document("README.md")
    }

    /// The user reference that README.md links to for messages, tables and samples.
    private static func reference() throws -> String {
        try document("docs/reference.md")
    }

    private static func document(_ path: String) throws -> String {
        let data = try #require(FileManager.default.contents(atPath: packageRoot + "/" + path))
        return String(decoding: data, as: UTF8.self)
    }

    /// The body of the first fenced block (```` ```TAG ````) after the line containing `marker`.
    private static func block(after marker: String, tag: String, in text: String) throws -> String {
        let start = try #require(text.range(of: marker))
        let open = try #require(text.range(of: "```" + tag + "\n", range: start.upperBound..<text.endIndex))
        let close = try #require(text.range(of: "\n```", range: open.upperBound..<text.endIndex))
        return String(text[open.upperBound..<close.lowerBound])
    }

    private func errorLines(_ sources: [(String, String)], schema: PersonaSchema? = .bundled) -> [String] {
        let compiler = PersonaCompiler(loader: PersonaLoader(schema: schema))
        let compilation = compiler.compile(sources: sources.map { ($0.0, Array($0.1.utf8)) })
        return DiagnosticFormat.human.render(compilation.diagnostics.filter { $0.severity != .warning })
            .split(separator: "\n").map(String.init)
    }

    @Test func readmeTeamSchemaExampleRequiresAVersionInBothFileShapes() throws {
        let schemaText = try Self.block(after: "A team schema can build on the bundled one", tag: "json", in: Self.reference())
        let scratch = try Scratch(["team.schema.json": schemaText])
        defer { scratch.cleanup() }
        let schema = try PersonaSchema.load(scratch.path("team.schema.json"))
        #expect(errorLines([
            ("personas/one.yaml", "name: Theo\nrole: r\n"),
            ("personas/many.yaml", "Maya:\n  role: r\nAlex:\n  version: \"1.0\"\n  role: r\n"),
        ], schema: schema) == [
            "personas/many.yaml:2:3: error: persona 'Maya' is missing required field 'version'",
            "personas/one.yaml:1:1: error: missing required field 'version'",
        ])
        let reference = try Self.reference()
        #expect(reference.contains("`missing required field 'version'` for a one-persona file"))
        #expect(reference.contains("`persona 'Maya' is missing required field 'version'` in a file of personas by name"))
    }

    @Test func readmeMessageExamplesAreWhatValidatePrints() throws {
        let shown = try Self.block(after: "Messages speak of the persona file and its rules", tag: "", in: Self.reference())
        #expect(errorLines([
            ("personas/a.yaml", "name: A\nrole: r\ncapabilites: [x]\ntone: t\nversion: 1.10\n"),
            ("personas/b.yaml", "name: B\nparent: .base\nrole: r\ntone: t\nvariables:\n  user-name: {description: d}\n"),
        ]) == shown.split(separator: "\n").map(String.init))
    }

    @Test func readmeTabMessageIsWhatTabIndentationGives() throws {
        let reference = try Self.reference()
        let row = try #require(reference.split(separator: "\n").first { $0.hasPrefix("| tabs used for indentation |") })
        let message = try #require(row.split(separator: "`").dropFirst().first.map(String.init))
        // A tab alone, a tab after spaces, and a tab before a list item: the same message, at the tab.
        for (text, place) in [
            ("name: A\nrole: r\n\tcapabilities: [x]\n", "3:1"),
            ("name: A\n \trole: r\n", "2:2"),
            ("name: A\nrole: r\ncapabilities:\n  - a\n\t- b\n", "5:1"),
            ("name: A\nrole:\n\tr\n", "3:1"),
        ] {
            #expect(errorLines([("a.yaml", text)]) == ["a.yaml:\(place): error: \(message)"], "\(text)")
        }
    }

    /// The anchors of a Markdown file's headings, as GitHub makes them (outside code fences).
    private static func headingAnchors(_ text: String) -> Set<String> {
        var anchors: Set<String> = []
        var inFence = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle() }
            guard !inFence, line.hasPrefix("#"), let space = line.firstIndex(of: " ") else { continue }
            let title = line[line.index(after: space)...].lowercased()
            let kept = title.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || "_- ".unicodeScalars.contains($0) }
            anchors.insert(String(String.UnicodeScalarView(kept)).replacingOccurrences(of: " ", with: "-"))
        }
        return anchors
    }

    @Test func readmeLinksToReferenceSectionsThatExist() throws {
        let readme = try Self.readme()
        let anchors = Self.headingAnchors(try Self.reference())
        let marker = "](docs/reference.md#"
        var linked: [String] = []
        var rest = readme[...]
        while let start = rest.range(of: marker) {
            let tail = rest[start.upperBound...]
            let end = try #require(tail.firstIndex(of: ")"))
            linked.append(String(tail[..<end]))
            rest = tail[end...]
        }
        #expect(linked.count >= 10)
        for anchor in linked {
            #expect(anchors.contains(anchor), "README links to a missing reference section '#\(anchor)'")
        }
    }

    @Test func bundledSchemaCarriesTheNameLimitAsCharactersAndValidateCountsBytes() throws {
        let schema = try JSONReader.parse(BundledSchemas.persona)
        let name = try #require(schema["$defs"]?["personaName"])
        #expect(name["maxLength"]?.numberValue == Number(PersonaName.maxBytes))
        #expect(name["description"]?.stringValue?.contains("persona validate counts the bytes") == true)
        // 201 characters: the schema alone rejects it.
        let long = String(repeating: "a", count: 201)
        #expect(!PersonaSchema.bundled.check(try JSONReader.parse(#"{"name": "\#(long)", "role": "r"}"#), file: "a.json").isEmpty)
        // 150 characters of two bytes each: within the schema's approximation, over the byte limit.
        let wide = String(repeating: "é", count: 150)
        #expect(PersonaSchema.bundled.check(try JSONReader.parse(#"{"name": "\#(wide)", "role": "r"}"#), file: "a.json").isEmpty)
        #expect(errorLines([("a.json", #"{"name": "\#(wide)", "role": "r"}"#)]) == [
            "a.json:1:10: error: persona name is 300 bytes long; the limit is 200",
        ])
        #expect(try Self.reference().contains("`persona validate` (and every other command) counts the bytes"))
    }
}

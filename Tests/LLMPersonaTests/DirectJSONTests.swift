import Testing
@testable import LLMPersona
import DocumentTree

/// The artifact JSON and the manifest are written straight to bytes; they must
/// be exactly the bytes of the document trees they stand for.
@Suite("Writing the JSON artifacts without a document tree")
struct DirectJSONTests {
    static let files: [(path: String, bytes: [UInt8])] = [
        ("p/base.yaml", "name: Base\nabstract: true\ncompany: \"Acme \\\"Q\\\" \\\\ \\t\"\nconstraints:\n  - Be kind\n  - \"Café \\u0001 ☃ \\u007f\"\n"),
        ("p/maya.yaml", """
            name: Maya
            parent: Base
            version: "1.2.0"
            description: "Line one\\nline two\\r\\u0008\\u000c"
            role: Support for {user} on {plan}
            greeting: "Hi {user}, {{literal}}"
            capabilities:
              - Look up orders
            custom_sections:
              "é": "e acute"
              "ü\\u0001": "with a control character \\u001f"
              empty: ""
            variables:
              user: {required: true, description: "who"}
              plan: {default: "Pro"}
              unused_in_prompt: {default: "x"}

            """),
        ("p/theo.json", #"{"name": "Theo", "role": "Docs", "capabilities": [], "constraints": []}"#),
        ("p/ann.yaml", "name: Ann\nparent: Maya\ngreeting: \"Hello {user}\"\n"),
    ].map { ($0.0, Array($0.1.utf8)) }

    @Test func artifactJSONIsTheTreeWrittenOut() throws {
        let compilation = PersonaCompiler().compile(sources: Self.files)
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        var checked = 0
        for resolved in compilation.personas where !resolved.persona.isAbstract {
            for values in [VariableValues(), VariableValues(["user": "Ann \"A\"", "plan": "{x}"])] {
                let filled = try PromptFiller.fill(resolved, values)
                let record = ArtifactBuilder.record(for: resolved, prompt: filled)
                let direct = ArtifactBuilder.jsonBytes(resolved, record: record, prompt: filled)
                let tree = JSONWriter.prettyBytes(ArtifactBuilder.jsonDocument(resolved, record: record, prompt: filled))
                #expect(String(decoding: direct, as: UTF8.self) == String(decoding: tree, as: UTF8.self))
                #expect(direct == tree)
                checked += 1
            }
        }
        #expect(checked == 6)
    }

    @Test func manifestIsTheTreeWrittenOut() throws {
        let compilation = PersonaCompiler().compile(sources: Self.files)
        let plan = try BuildPlan.make(compilation.personas, format: .all)
        #expect(plan.manifest.personas.count == 3)
        #expect(plan.manifest.encoded() == plan.manifest.encodedThroughTree())
        let empty = Manifest(personas: [])
        #expect(empty.encoded() == empty.encodedThroughTree())
        #expect(String(decoding: empty.encoded(), as: UTF8.self) == "{\n  \"format\": 1,\n  \"personas\": []\n}\n")
    }

    @Test func aPlanMakesEachFileWhenAskedAndCountsThemWithoutMaking() throws {
        let compilation = PersonaCompiler().compile(sources: Self.files)
        for format in [ArtifactFormat.all, .text, .json] {
            let plan = try BuildPlan.make(compilation.personas, format: format)
            let files = plan.files
            #expect(plan.fileCount == files.count)
            #expect(files.last?.fileName == Manifest.fileName)
            #expect(files.dropLast().map(\.fileName) == files.dropLast().map(\.fileName).sorted { ByteOrder.less($0, $1) })
            let streamed = plan.mapArtifacts { file, number in (file.contents, number) }
            #expect(streamed.map(\.fileName) == files.dropLast().map(\.fileName))
            #expect(streamed.map(\.result.0) == files.dropLast().map(\.contents))
            #expect(Set(streamed.map(\.result.1)).count == streamed.count)
        }
    }

    @Test func aManifestReadsBackTheSameWhetherOrNotItIsInOurOwnLayout() throws {
        let compilation = PersonaCompiler().compile(sources: Self.files)
        let manifest = try BuildPlan.make(compilation.personas, format: .all).manifest
        #expect(try Manifest.decode(manifest.encoded()) == manifest)
        // Names with escapes, a null version, a template prompt, no files: read the same.
        let odd = Manifest(personas: [
            .init(name: "Quote\"d \\ \u{1}", version: nil, fingerprint: "sha256:00", prompt: .template, files: []),
            .init(name: "Zoë", version: "1", fingerprint: "sha256:11", files: ["Zoë.txt"]),
        ])
        #expect(try Manifest.decode(odd.encoded()) == odd)
        // The same manifest in another layout (compact JSON) goes through the general reader.
        let compact = #"{"format":1,"personas":[{"name":"Zoë","version":"1","fingerprint":"sha256:11","prompt":"filled","files":["Zoë.txt"]}]}"#
        #expect(try Manifest.decode(Array(compact.utf8)) == Manifest(personas: [odd.personas[1]]))
        // A canonical layout that breaks off, or trails bytes, is still an error.
        let bytes = manifest.encoded()
        #expect(throws: DocumentError.self) { try Manifest.decode(Array(bytes.dropLast(3))) }
        #expect(throws: DocumentError.self) { try Manifest.decode(bytes + Array("x".utf8)) }
    }
}

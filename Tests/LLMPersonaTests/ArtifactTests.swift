import Foundation
import Testing
import DocumentTree
import JSONSchema
@testable import LLMPersona
import TestSupport

@Suite("Build artifacts, fingerprints and the artifact schema")
struct ArtifactTests {
    @Test func fingerprintIsSHA256OfTheBytes() {
        #expect(Fingerprint.of("") == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Fingerprint.of("abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func jsonArtifactHoldsRecordPromptAndSources() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let plan = try scratch.planBuild()
        let files = Dictionary(uniqueKeysWithValues: plan.artifacts.map { ($0.fileName, $0.contents) })
        #expect(plan.artifacts.map(\.fileName) == ["Alex.json", "Alex.txt", "Maya.json", "Maya.txt", "Theo.json", "Theo.txt"])
        let prompt = "You are Maya, a Support at Acme.\n\nTone: helpful and professional\n\nYou can:\n- Look up orders\n\nDo not:\n- Be kind"
        #expect(files["Maya.txt"] == Array(prompt.utf8))
        let fingerprint = Fingerprint.of(prompt)
        let json = String(decoding: try #require(files["Maya.json"]), as: UTF8.self)
        #expect(json == """
            {
              "name": "Maya",
              "version": "1.2.0",
              "fingerprint": "\(fingerprint)",
              "template_fingerprint": "\(fingerprint)",
              "description": null,
              "lineage": [
                "Base",
                "Maya"
              ],
              "role": "Support",
              "company": "Acme",
              "tone": "helpful and professional",
              "capabilities": [
                "Look up orders"
              ],
              "constraints": [
                "Be kind"
              ],
              "greeting": "Hi!",
              "custom_sections": {},
              "variables": {},
              "prompt": "You are Maya, a Support at Acme.\\n\\nTone: helpful and professional\\n\\nYou can:\\n- Look up orders\\n\\nDo not:\\n- Be kind",
              "sources": [
                "\(scratch.path("p/base.yaml"))",
                "\(scratch.path("p/maya.yaml"))"
              ]
            }

            """)
    }

    @Test func manifestListsEveryBuiltPersonaSortedByName() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let plan = try scratch.planBuild(format: .text)
        let maya = Fingerprint.of(bytes: try #require(plan.artifacts.first { $0.fileName == "Maya.txt" }).contents)
        let text = String(decoding: plan.manifest.encoded(), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"format\": 1,\n  \"personas\": [\n    {\n      \"name\": \"Alex\",\n"))
        #expect(text.contains("""
                  "name": "Maya",
                  "version": "1.2.0",
                  "fingerprint": "\(maya)",
                  "prompt": "filled",
                  "files": [
                    "Maya.txt"
                  ]
            """))
        #expect(text.contains("\"name\": \"Theo\",\n      \"version\": null,"))
        #expect(!text.contains("Base"), "abstract personas are not emitted")
        #expect(try Manifest.decode(plan.manifest.encoded()) == plan.manifest)
        #expect(plan.files.last?.fileName == "manifest.json")
    }

    @Test func aPersonaCalledManifestCannotTakeTheManifestsName() throws {
        let scratch = try Scratch(["p/m.yaml": "name: manifest\nrole: r\n"])
        defer { scratch.cleanup() }
        let compilation = PersonaCompiler().compile([scratch.path("p")])
        let list = try #require(throws: DiagnosticList.self) { try BuildPlan.make(compilation.personas, format: .all) }
        #expect(list.diagnostics.map(\.description) == [
            "\(scratch.path("p/m.yaml")):1:7: error: persona 'manifest' would overwrite the build's manifest.json; rename it, or build only the text files",
        ])
        #expect((try? BuildPlan.make(compilation.personas, format: .text)) != nil)
    }

    // MARK: Schema

    private func artifactSchema() throws -> JSONSchemaValidator {
        let file = try #require(FileManager.default.contents(atPath: packageRoot + "/Schemas/artifact.schema.json"))
        // The artifact schema takes the persona name rule from the persona schema, by its `$id`.
        let persona = try JSONReader.parse(BundledSchemas.persona)
        return try JSONSchemaValidator(
            schema: try JSONReader.parse([UInt8](file)), remoteDocuments: [PersonaSchema.bundledID: persona])
    }

    @Test func everyBundledArtifactMatchesTheSchema() throws {
        let validator = try artifactSchema()
        let compilation = PersonaCompiler().compile([packageRoot + "/personas"])
        #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
        let plan = try BuildPlan.make(compilation.personas, format: .all)
        let documents = plan.artifacts.filter { $0.fileName.hasSuffix(".json") }
        #expect(documents.count == 5)
        for artifact in documents {
            let errors = validator.validate(try JSONReader.parse(artifact.contents))
            #expect(errors.isEmpty, "\(artifact.fileName): \(errors.map(\.message))")
        }
    }

    @Test func artifactWithVariablesMatchesTheSchema() throws {
        let scratch = try Scratch([
            "p/v.yaml": "name: V\nrole: r for {customer} on {plan}\nvariables:\n  customer:\n    description: Who\n    required: true\n  plan:\n    default: Team\n",
        ])
        defer { scratch.cleanup() }
        let plan = try scratch.planBuild()
        let json = try JSONReader.parse(try #require(plan.artifacts.first { $0.fileName == "V.json" }).contents)
        // Only what is left to fill at run time: `plan` took its default at build time.
        #expect(JSONWriter.compact(try #require(json["variables"])) ==
            #"{"customer":{"description":"Who","default":null,"required":true}}"#)
        #expect(try artifactSchema().validate(json).isEmpty)
    }

    @Test func schemaRejectsWhatIsNotAnArtifact() throws {
        let validator = try artifactSchema()
        let compilation = PersonaCompiler().compile([packageRoot + "/personas"])
        let persona = try #require(compilation.personas.first { $0.persona.name == "Maya" })
        var object = try #require(ArtifactBuilder.jsonDocument(persona).objectValue)
        object.set("fingerprint", Node(.string("md5:abc")))
        object.remove("prompt")
        object.set("extra", Node(.bool(true)))
        let errors = validator.validate(Node(.object(object)))
        #expect(errors.map(\.keyword).sorted() == ["additionalProperties", "pattern", "required"])
    }

    @Test func schemaDescribesEveryMemberAndIsEmbedded() throws {
        let file = try #require(FileManager.default.contents(atPath: packageRoot + "/Schemas/artifact.schema.json"))
        #expect(Array(BundledSchemas.artifact.utf8) == [UInt8](file), "run: python3 Schemas/embed.py")
        let schema = try JSONReader.parse([UInt8](file))
        #expect(schema["$schema"]?.stringValue == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["$id"]?.stringValue == "urn:llm-persona:schema:artifact")
        let properties = try #require(schema["properties"]?.objectValue)
        let compilation = PersonaCompiler().compile([packageRoot + "/personas"])
        let persona = try #require(compilation.personas.first { $0.persona.name == "Theo" })
        #expect(properties.keys == ArtifactBuilder.jsonDocument(persona).objectValue?.keys)
        for entry in properties {
            #expect(entry.value["title"]?.stringValue?.isEmpty == false, "\(entry.key) has no title")
            #expect(entry.value["description"]?.stringValue?.isEmpty == false, "\(entry.key) has no description")
        }
    }
}

@Suite("The build step from Swift")
struct BuildStepLibraryTests {
    @Test func readmeBuildStepExample() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let prepared = BuildStep(format: .all).prepare([scratch.path("p")])
        #expect(prepared.diagnostics.isEmpty)
        #expect(prepared.lockPath == scratch.path("p/personas.lock"))
        let plan = try #require(prepared.plan)
        let writer = OutputWriter(directory: scratch.path("build/personas"))
        #expect(throws: Never.self) { try writer.prepare() }
        let report = try writer.install(plan)
        #expect(report.written.count == 7 && report.removed.isEmpty)
        #expect(try writer.check(plan).isUpToDate)
    }
}

import Foundation
import Testing
import TestSupport

@Suite("persona validate and persona schema")
struct ValidateTests {
    private let broken = [
        "personas/a.yaml": "name: A\nrole: r\ncapabilites:\n  - x\nversion: 1.10\n",
        "personas/b.yaml": "B:\n  role: r\n  tone: 5\n",
    ]

    @Test func cleanFilesExitZeroAndWriteNothing() throws {
        let folder = try Scratch(["personas/a.yaml": "name: A\nrole: r\n"])
        defer { folder.cleanup() }
        let result = try CLI.run(["validate"], in: folder.root)
        #expect(result.status == 0)
        #expect(result.stdout == "1 file, 1 persona: no problems\n")
        #expect(result.stderr.isEmpty)
        #expect(!folder.exists("build"))
    }

    @Test func humanDiagnostics() throws {
        let folder = try Scratch(broken)
        defer { folder.cleanup() }
        let result = try CLI.run(["validate"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            personas/a.yaml:3:1: error: unknown field 'capabilites' (did you mean 'capabilities'?)
            personas/a.yaml:5:10: error: 'version' must be a string, found number 1.10 — quote it: "1.10"
            personas/b.yaml:3:9: error: 'tone' must be a string, found number 5 — quote it: "5"

            """)
    }

    @Test func jsonDiagnosticsCarryPointersAndKeywords() throws {
        let folder = try Scratch(broken)
        defer { folder.cleanup() }
        let result = try CLI.run(["validate", "--diagnostics", "json"], in: folder.root)
        #expect(result.status == 1)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let items = try #require(parsed)
        #expect(items.count == 3)
        #expect(items[0]["file"] as? String == "personas/a.yaml")
        #expect(items[0]["line"] as? Int == 3)
        #expect(items[0]["column"] as? Int == 1)
        #expect(items[0]["pointer"] as? String == "/capabilites")
        #expect(items[0]["keyword"] as? String == "additionalProperties")
        #expect(items[1]["pointer"] as? String == "/version")
        #expect(items[1]["keyword"] as? String == "type")
        #expect(items[2]["pointer"] as? String == "/B/tone")
        #expect(items[2]["message"] as? String == #"'tone' must be a string, found number 5 — quote it: "5""#)
    }

    @Test func githubAnnotations() throws {
        let folder = try Scratch(broken)
        defer { folder.cleanup() }
        let result = try CLI.run(["validate", "--diagnostics", "github"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").first == "::error file=personas/a.yaml,line=3,col=1::unknown field 'capabilites' (did you mean 'capabilities'?)")
        #expect(result.stdout.split(separator: "\n").count == 3)
    }

    @Test func aStricterTeamSchemaExtendsTheBundledOne() throws {
        let folder = try Scratch([
            "personas/a.yaml": "name: A\nrole: r\n",
            "team.schema.json": """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "allOf": [{"$ref": "urn:llm-persona:schema:persona"}],
                  "required": ["version"]
                }
                """,
        ])
        defer { folder.cleanup() }
        let result = try CLI.run(["validate", "--schema", "team.schema.json"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stderr == "personas/a.yaml:1:1: error: missing required field 'version'\n")
    }

    @Test func anInvalidSchemaIsReportedAgainstTheSchemaFile() throws {
        let folder = try Scratch([
            "personas/a.yaml": "name: A\nrole: r\n",
            "bad.schema.json": "{\n  \"properties\": {\"name\": {\"$ref\": \"#/$defs/missing\"}}\n}",
            "regex.schema.yaml": "properties:\n  name:\n    pattern: \"([\"\n",
        ])
        defer { folder.cleanup() }
        let unresolved = try CLI.run(["validate", "--schema", "bad.schema.json"], in: folder.root)
        #expect(unresolved.status == 1)
        #expect(unresolved.stderr.hasPrefix("bad.schema.json:2:35: error: invalid schema: cannot resolve reference "))
        #expect(unresolved.stderr.contains("#/$defs/missing"))
        let regex = try CLI.run(["validate", "--schema", "regex.schema.yaml"], in: folder.root)
        #expect(regex.status == 1)
        #expect(regex.stderr.hasPrefix("regex.schema.yaml:3:14: error: invalid schema: "))
        // A schema the metaschema rejects: "invalid schema" said once, the violation not repeated as a note.
        try folder.write("type.schema.json", "{\"type\": 5}")
        let metaschema = try CLI.run(["validate", "--schema", "type.schema.json"], in: folder.root)
        #expect(metaschema.status == 1)
        #expect(metaschema.stderr == """
            type.schema.json:1:10: error: invalid schema: value must be one of: "array", "boolean", "integer", "null", "number", "object", "string"

            """)
    }

    @Test func schemaCommandPrintsTheBundledFile() throws {
        let folder = try Scratch([:])
        defer { folder.cleanup() }
        let result = try CLI.run(["schema"], in: folder.root)
        #expect(result.status == 0)
        let file = try #require(FileManager.default.contents(atPath: packageRoot + "/Schemas/persona.schema.json"))
        #expect(Data(result.stdout.utf8) == file)
        let artifact = try CLI.run(["schema", "artifact"], in: folder.root)
        #expect(artifact.status == 0)
        let artifactFile = try #require(FileManager.default.contents(atPath: packageRoot + "/Schemas/artifact.schema.json"))
        #expect(Data(artifact.stdout.utf8) == artifactFile)
    }
}

@Suite("persona validate and the lock")
struct ValidateLockTests {
    @Test func validateReportsDriftLikeBuild() throws {
        let folder = try Scratch(["personas/a.yaml": "name: A\nversion: \"1.0.0\"\nrole: r\n"])
        defer { folder.cleanup() }
        let locked = try CLI.run(["lock"], in: folder.root)
        #expect(locked.status == 0, "\(locked.stderr)")
        #expect(try CLI.run(["validate"], in: folder.root).status == 0)
        try Data("name: A\nversion: \"1.0.0\"\nrole: changed\n".utf8).write(to: URL(fileURLWithPath: folder.root + "/personas/a.yaml"))
        let drifted = try CLI.run(["validate"], in: folder.root)
        #expect(drifted.status == 1)
        #expect(drifted.stderr.hasPrefix("personas/a.yaml:2:10: error: A changed but version is still 1.0.0: bump it or run persona lock\n"))
        #expect(!folder.exists("build"))
    }
}

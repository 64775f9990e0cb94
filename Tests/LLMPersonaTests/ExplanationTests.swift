import Foundation
import Testing
import LLMPersona
import DocumentTree
import TestSupport

/// Three generations that use every kind of change: override, null, remove, prepend, map merge.
private let explanationFiles = [
    "base.yaml": """
        name: Base
        abstract: true
        company: Acme
        tone: calm
        constraints: [Never lie, Never guess]
        custom_sections:
          legal: Legal text.
          privacy: |-
            Privacy line one.
            Privacy line two.
        variables:
          region: {default: EU}

        """,
    "kid.yaml": """
        name: Kid
        parent: Base
        role: Helper
        company: null
        capabilities: [Answer questions]
        constraints: {remove: [Never guess]}
        custom_sections:
          legal: null
          extra: Extra text.

        """,
    "grandkid.yaml": """
        name: Grandkid
        parent: Kid
        version: "2.0"
        tone: null
        capabilities:
          prepend: [Greet warmly]
        variables:
          region: {default: US, required: true}

        """,
]

/// The expected `persona explain Grandkid` text report.
private let grandkidExplanation = """
    Grandkid (lineage: Base -> Kid -> Grandkid)
    declared at grandkid.yaml:1:7
    sources: base.yaml, kid.yaml, grandkid.yaml

    role: Helper
      inherited from Kid at kid.yaml:3:7
    company: (not set)
      removed by Kid at kid.yaml:4:10 (was 'Acme', written by Base at base.yaml:3:10)
    tone: helpful and professional (default)
      removed by Grandkid at grandkid.yaml:4:7 (was 'calm', written by Base at base.yaml:4:7)
    greeting: (not set)
    description: (not set)
    version: 2.0
      declared by Grandkid at grandkid.yaml:3:10 (never inherited)
    capabilities:
      - Greet warmly      prepended by Grandkid at grandkid.yaml:6:13
      - Answer questions  inherited from Kid at kid.yaml:5:16
    constraints:
      - Never lie           inherited from Base at base.yaml:5:15
      removed: Never guess  removed by Kid at kid.yaml:6:24 (written by Base at base.yaml:5:26)
    custom_sections:
      privacy         inherited from Base at base.yaml:8:3
        Privacy line one.
        Privacy line two.
      extra           inherited from Kid at kid.yaml:9:3
        Extra text.
      removed: legal  removed by Kid at kid.yaml:8:3 (written by Base at base.yaml:7:3)
    variables:
      region  overridden by Grandkid at grandkid.yaml:8:3 (replacing Base at base.yaml:12:3)
        default: 'US', required: true

    """

@Suite("persona explain: provenance reports")
struct ExplanationTests {
    private func explained(_ name: String) throws -> (text: String, json: Node) {
        let scratch = try Scratch(explanationFiles)
        defer { scratch.cleanup() }
        let compilation = PersonaCompiler().compile(["base.yaml", "kid.yaml", "grandkid.yaml"].map(scratch.path))
        // The fixture declares variables it never uses: warnings, not errors.
        #expect(!compilation.hasErrors)
        let resolved = try #require(compilation.personas.first { $0.persona.name == name })
        let text = PersonaExplanation.text(resolved).replacingOccurrences(of: scratch.root + "/", with: "")
        let json = JSONWriter.pretty(PersonaExplanation.json(resolved)).replacingOccurrences(of: scratch.root + "/", with: "")
        return (text, try JSONReader.parse(Array(json.utf8)))
    }

    @Test func textNamesTheOriginAndActionOfEveryValue() throws {
        #expect(try explained("Grandkid").text == grandkidExplanation)
    }

    @Test func textOfAnAbstractBaseSaysSo() throws {
        let text = try explained("Base").text
        #expect(text.hasPrefix("Base (lineage: Base) — abstract: a base for others, not emitted\n"))
        #expect(text.contains("\nrole: (not set)\n"))
        #expect(text.contains("\ncapabilities: (none)\n"))
        #expect(text.contains("\n  - Never lie    declared by Base at base.yaml:5:15\n"))
    }

    @Test func jsonCarriesTheSameFacts() throws {
        let json = try explained("Grandkid").json
        #expect(json["lineage"]?.arrayValue?.compactMap(\.stringValue) == ["Base", "Kid", "Grandkid"])
        #expect(json["abstract"]?.boolValue == false)
        #expect(json["role"]?["action"]?.stringValue == "inherited")
        #expect(json["role"]?["origin"]?["persona"]?.stringValue == "Kid")
        #expect(json["role"]?["origin"]?["file"]?.stringValue == "kid.yaml")
        #expect(json["role"]?["origin"]?["line"]?.numberValue == Number(3))
        #expect(json["company"]?["value"]?.isNull == true)
        #expect(json["company"]?["action"]?.stringValue == "removed")
        #expect(json["company"]?["removed_value"]?.stringValue == "Acme")
        #expect(json["tone"]?["value"]?.stringValue == "helpful and professional")
        #expect(json["greeting"]?.objectValue?.keys == ["value"])
        let capabilities = try #require(json["capabilities"]?.arrayValue)
        #expect(capabilities.compactMap { $0["action"]?.stringValue } == ["prepended", "inherited"])
        let removed = try #require(json["removed_constraints"]?.arrayValue?.first)
        #expect(removed["value"]?.stringValue == "Never guess")
        #expect(removed["replaced"]?["persona"]?.stringValue == "Base")
        #expect(json["custom_sections"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["privacy", "extra"])
        #expect(json["removed_custom_sections"]?.arrayValue?.first?["name"]?.stringValue == "legal")
        #expect(json["variables"]?.arrayValue?.first?["value"]?["default"]?.stringValue == "US")
    }

    @Test func codeDefinedPersonasShowWhereTheyCameFrom() throws {
        let registry = PersonaRegistry()
        registry.define(Persona(name: "Base", role: "Agent", capabilities: ["Help"]))
        registry.define(Persona(name: "Kid", parent: "Base", tone: "brisk"))
        let text = PersonaExplanation.text(try registry.resolved("Kid"))
        #expect(text.hasPrefix("Kid (lineage: Base -> Kid)\ndeclared at (code)\nsources: (defined in code)\n"))
        #expect(text.contains("\ntone: brisk\n  declared by Kid at (code)\n"))
        #expect(text.contains("\n  - Help  inherited from Base at (code)\n"))
        let json = PersonaExplanation.json(try registry.resolved("Kid"))
        #expect(json["role"]?["origin"]?["file"]?.isNull == true)
    }
}

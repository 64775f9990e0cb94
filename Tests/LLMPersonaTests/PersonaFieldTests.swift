import Testing
import DocumentTree
import LLMPersona
import TestSupport

@Suite("Persona fields defined once")
struct PersonaFieldTests {
    @Test func theSchemaListsExactlyTheFieldsInTheirOrder() throws {
        let schema = try JSONReader.parse(BundledSchemas.persona)
        let persona = try #require(schema["$defs"]?["persona"]?["properties"]?.objectValue)
        #expect(Array(persona.keys) == PersonaField.allCases.map(\.key))
        let fields = try #require(schema["$defs"]?["personaFields"]?["properties"]?.objectValue)
        #expect(Array(fields.keys) == PersonaField.allCases.filter { $0 != .name }.map(\.key))
        #expect(PersonaDecoder.fields == PersonaField.allCases.map(\.key))
    }

    @Test func theArtifactSchemaHasEveryArtifactField() throws {
        let schema = try JSONReader.parse(BundledSchemas.artifact)
        let required = try #require(schema["required"]?.arrayValue).compactMap(\.stringValue)
        let artifactFields = PersonaField.allCases.filter(\.isArtifactField).map(\.key)
        #expect(required.filter { artifactFields.contains($0) } == artifactFields)
    }

    @Test func theArtifactSchemaTakesTheNameRuleFromThePersonaSchemaByID() throws {
        let schema = try JSONReader.parse(BundledSchemas.artifact)
        let rule = PersonaSchema.bundledID + "#/$defs/personaName"
        #expect(schema["properties"]?["name"]?["$ref"]?.stringValue == rule)
        #expect(schema["properties"]?["lineage"]?["items"]?["$ref"]?.stringValue == rule)
        #expect(schema["$defs"]?["personaName"] == nil)
    }

    @Test func theDriftGuardWatchesTheRunTimeFields() {
        #expect(DriftGuard.runtimeFields == ["greeting", "variables"])
        #expect(DriftGuard.runtimeFields == PersonaField.allCases.filter(\.isRunTimeData).map(\.key))
    }

    @Test func everyScalarIsReadAndWrittenOnTheModel() {
        for field in PersonaField.allCases {
            var persona = Persona(name: "P")
            persona[scalar: field] = "value of \(field.key)"
            if field.kind == .scalar {
                #expect(persona[scalar: field] == "value of \(field.key)")
                #expect(PersonaDeclaration(persona)[scalar: field]?.value == "value of \(field.key)")
                #expect(PersonaField.scalars.contains(field))
            } else {
                #expect(persona[scalar: field] == nil)
                #expect(persona == Persona(name: "P"))
            }
        }
    }

    @Test func theFieldsKnowHowTheyBehave() {
        #expect(PersonaField.placeholderScalars == [.role, .company, .tone, .greeting])
        #expect(PersonaField.placeholderLists == [.capabilities, .constraints])
        #expect(PersonaField.allCases.filter { !$0.inherits } == [.name, .parent, .abstract, .version])
        #expect(PersonaField.allCases.compactMap(\.defaultValue) == [Persona.defaultTone])
        #expect(PersonaField.allCases.filter { $0.kind == .map } == [.customSections, .variables])
        #expect(PersonaField.customSections.key == "custom_sections")
    }
}

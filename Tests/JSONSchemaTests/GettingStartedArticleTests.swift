import Foundation
import Testing
import DocumentTree
import JSONSchema
import TestSupport

/// The code of the DocC article `GettingStarted.md` of the JSONSchema catalog,
/// written out here so that it compiles and runs with the package.
@Suite("JSONSchema getting started article")
struct GettingStartedArticleTests {
    static let articlePath = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
        .joined(separator: "/") + "/Sources/JSONSchema/JSONSchema.docc/GettingStarted.md"

    @Test func everySwiftLineOfTheArticleIsCompiledInThisFile() throws {
        let article = try #require(FileManager.default.contents(atPath: Self.articlePath))
        let source = try #require(FileManager.default.contents(atPath: #filePath))
        let compiled = Set(String(decoding: source, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let snippets = swiftBlocks(String(decoding: article, as: UTF8.self))
        #expect(snippets.count == 4)
        for line in snippets.flatMap({ $0.split(separator: "\n") }) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            #expect(trimmed.isEmpty || compiled.contains(trimmed), "not compiled: \(trimmed)")
        }
    }

    @Test func articleCodeFindsTheMissingAndTheMistypedProperty() throws {
        let schema = try JSONReader.parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "required": ["name", "role"],
              "properties": {
                "name": {"type": "string", "minLength": 1},
                "role": {"type": "string"}
              },
              "additionalProperties": false
            }
            """)
        let instance = try JSONReader.parse("""
            {"name": "Maya", "rol": "Customer Support Specialist"}
            """)

        let validator = try JSONSchemaValidator(schema: schema)

        if !validator.isValid(instance) {                  // fast: builds no messages
            for error in validator.validate(instance) {    // every failure, with positions
                print("\(error.instanceLocation): \(error.keyword): \(error.message)")
            }
        }

        for error in validator.validate(instance) {
            switch error.kind {
            case .missingProperty(let name):
                print("\(error.instanceLocation): missing field '\(name)'")
            case .unknownProperty(let name, let suggestion):
                print("\(error.instanceLocation): unknown field '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
            default:
                print("\(error.instanceLocation): \(error.message)")
            }
        }

        let team = try JSONReader.parse("""
            {"$ref": "urn:example:person", "required": ["role"]}
            """)
        let validator2 = try JSONSchemaValidator(
            schema: team,
            remoteDocuments: ["urn:example:person": schema],
            options: ValidatorOptions(assertFormats: true))

        #expect(!validator.isValid(instance))
        let kinds = validator.validate(instance).map(\.kind)
        #expect(kinds.contains(.missingProperty(name: "role")))
        #expect(kinds.contains { if case .unknownProperty(name: "rol", _) = $0 { true } else { false } })
        #expect(validator.isValid(try JSONReader.parse(#"{"name": "Maya", "role": "r"}"#)))
        #expect(validator2.options.assertFormats)
        #expect(validator2.isValid(try JSONReader.parse(#"{"name": "Maya", "role": "r"}"#)))
        #expect(validator2.validate(try JSONReader.parse(#"{"name": "Maya"}"#)).map(\.kind).contains(.missingProperty(name: "role")))
    }
}

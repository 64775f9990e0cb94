import DocumentTree
import Testing
@testable import JSONSchema

/// The embedded metaschemas are loaded only for schemas that may name one;
/// schemas that do still reach them.
@Suite("Metaschemas on demand")
struct MetaschemaLoadingTests {
    private func named(_ schema: String, baseURI: String = "urn:example:schema") throws -> Bool {
        Metaschemas.mayBeNamed(by: [try JSONReader.parse(schema)], uris: [baseURI])
    }

    @Test func aSchemaOfTheStandardDialectThatNamesNoMetaschemaDoesNotLoadThem() throws {
        #expect(try !named(#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string", "minLength": 1}"#))
        #expect(try !named(##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"enum": ["json-schema", "org"]}}}"##))
    }

    @Test func anyMentionOfTheHostInAKeyAValueOrABaseURILoadsThem() throws {
        #expect(try named(#"{"$ref": "https://json-schema.org/draft/2020-12/meta/core"}"#))
        #expect(try named(#"{"allOf": [{"$ref": "HTTPS://JSON-Schema.ORG/draft/2020-12/schema"}]}"#))
        #expect(try named(#"{"$schema": "https://json-schema.org/draft/2020-12/meta/validation"}"#))
        #expect(try named(#"{"$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": true}}"#))
        #expect(try named(#"{"$ref": "meta/core"}"#, baseURI: "https://json-schema.org/draft/2020-12/x"))
    }

    @Test func aReferenceToTheMetaschemaStillValidatesAgainstIt() throws {
        let validator = try JSONSchemaValidator(schema: try JSONReader.parse(#"{"$ref": "https://json-schema.org/draft/2020-12/schema"}"#))
        #expect(validator.isValid(try JSONReader.parse(#"{"type": "string"}"#)))
        #expect(!validator.isValid(try JSONReader.parse(#"{"type": 12}"#)))
    }
}

import DocumentTree
@testable import JSONSchema
import Testing

/// The family each evaluating keyword of draft 2020-12 compiles to.
private let families: [String: String] = [
    "$ref": "reference", "$dynamicRef": "reference",
    "allOf": "combinator", "anyOf": "combinator", "oneOf": "combinator", "not": "combinator",
    "if": "combinator", "dependentSchemas": "combinator",
    "prefixItems": "array", "items": "array", "contains": "array", "unevaluatedItems": "array",
    "properties": "object", "patternProperties": "object", "additionalProperties": "object",
    "propertyNames": "object", "unevaluatedProperties": "object",
    "type": "assertion", "enum": "assertion", "const": "assertion", "multipleOf": "assertion",
    "maximum": "assertion", "exclusiveMaximum": "assertion", "minimum": "assertion",
    "exclusiveMinimum": "assertion", "maxLength": "assertion", "minLength": "assertion",
    "pattern": "assertion", "maxItems": "assertion", "minItems": "assertion", "uniqueItems": "assertion",
    "maxProperties": "assertion", "minProperties": "assertion", "required": "assertion",
    "dependentRequired": "assertion", "format": "assertion",
]

/// Keywords that are read by a sibling's compiled form rather than compiled on their own.
private let readBySibling: [String: String] = [
    "then": "if", "else": "if", "minContains": "contains", "maxContains": "contains",
]

/// Keywords of the evaluating vocabularies that only identify or annotate.
private let notEvaluated: Set<String> = [
    "$id", "$schema", "$anchor", "$dynamicAnchor", "$vocabulary", "$comment", "$defs",
]

/// A schema using every keyword of the evaluating vocabularies once.
private let everyKeyword = #"""
{
    "$ref": "#/$defs/a", "$dynamicRef": "#/$defs/a", "$defs": {"a": {}},
    "allOf": [{}], "anyOf": [{}], "oneOf": [{}], "not": {}, "if": {}, "then": {}, "else": {},
    "dependentSchemas": {"a": {}},
    "prefixItems": [{}], "items": {}, "contains": {}, "minContains": 1, "maxContains": 2,
    "properties": {"a": {}}, "patternProperties": {"^a": {}}, "additionalProperties": {}, "propertyNames": {},
    "unevaluatedItems": {}, "unevaluatedProperties": {},
    "type": "object", "enum": [1], "const": 1, "multipleOf": 2, "maximum": 1, "exclusiveMaximum": 1,
    "minimum": 1, "exclusiveMinimum": 1, "maxLength": 1, "minLength": 1, "pattern": "a", "maxItems": 1,
    "minItems": 1, "uniqueItems": true, "maxProperties": 1, "minProperties": 1, "required": ["a"],
    "dependentRequired": {"a": ["b"]}, "format": "email"
}
"""#

private func family(of keyword: Keyword) -> String {
    switch keyword {
    case .reference: "reference"
    case .combinator: "combinator"
    case .array: "array"
    case .object: "object"
    case .assertion: "assertion"
    }
}

@Suite("Keyword families")
struct KeywordFamilyTests {
    /// The table above covers exactly the keywords the 2020-12 vocabularies that
    /// evaluate (core, applicator, unevaluated, validation, format) define.
    @Test func everyVocabularyKeywordHasAFamily() {
        let vocabularies = ["core", "applicator", "unevaluated", "validation", "format-annotation"]
        var defined: Set<String> = []
        for name in vocabularies {
            let uri = "https://json-schema.org/draft/2020-12/meta/" + name
            let metaschema = Metaschemas.documents.first { $0.uri == uri }
            #expect(metaschema != nil, "no metaschema \(uri)")
            defined.formUnion(metaschema?.node["properties"]?.objectValue?.keys ?? [])
        }
        let classified = Set(families.keys).union(readBySibling.keys).union(notEvaluated)
        #expect(defined.subtracting(classified).sorted() == [])
        #expect(classified.subtracting(defined).sorted() == [])
    }

    /// Compiling a schema that uses every keyword gives one entry per
    /// evaluating keyword, in its family.
    @Test func everyKeywordCompilesIntoItsFamily() throws {
        let validator = try JSONSchemaValidator(schema: try JSONReader.parse(everyKeyword))
        let root = validator.program.schemas[validator.program.root]
        guard case .keywords(let entries) = root.body else {
            Issue.record("the root schema did not compile to keywords")
            return
        }
        var compiled: [String: String] = [:]
        for entry in entries {
            #expect(compiled[entry.name] == nil, "'\(entry.name)' compiled twice")
            compiled[entry.name] = family(of: entry.keyword)
        }
        func lines(_ table: [String: String]) -> [String] { table.map { "\($0.key): \($0.value)" }.sorted() }
        #expect(lines(compiled) == lines(families))
        #expect(validator.program.usesAnnotations)
    }

    /// Every applicator's subschemas are positions where `$id` and anchors are looked for.
    @Test func everyApplicatorHasASubschemaShape() {
        let applicators = families.filter { $0.value != "assertion" && $0.value != "reference" }.map(\.key)
            + ["then", "else"]
        for name in applicators {
            #expect(SchemaKeywords.subschemaShapes[name] != nil, "'\(name)' is not a subschema position")
        }
    }
}

import DocumentTree
import JSONSchema
import Testing

/// Inputs that could make the compiler or the evaluator recurse without end.
@Suite("schema limits")
struct LimitTests {
    /// A schema whose root refers to `$defs/d0`, which refers to `d1`, … up to `d<length>`.
    static func referenceChain(_ length: Int) throws -> Node {
        var definitions: [String] = (0..<length).map { ##""d\##($0)": {"$ref": "#/$defs/d\##($0 + 1)"}"## }
        definitions.append(##""d\##(length)": {"type": "object"}"##)
        return try JSONReader.parse(##"{"$ref": "#/$defs/d0", "$defs": {"## + definitions.joined(separator: ",") + "}}")
    }

    @Test func longReferenceChainStopsWithAnError() throws {
        let validator = try JSONSchemaValidator(schema: try Self.referenceChain(5_000))
        let errors = validator.validate(try JSONReader.parse("{}"))
        #expect(errors.map(\.message) == ["schema references nest too deeply"])
        #expect(!validator.isValid(try JSONReader.parse("{}")))
    }

    @Test func referenceChainWithinTheLimitWorks() throws {
        let validator = try JSONSchemaValidator(schema: try Self.referenceChain(1_990))
        #expect(validator.validate(try JSONReader.parse("{}")).isEmpty)
        #expect(validator.validate(try JSONReader.parse("1")).count == 1)
    }

    @Test(arguments: [
        ##"{"$ref": "#"}"##, ##"{"anyOf": [{"$ref": "#"}]}"##,
        ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##,
    ])
    func referenceLoopsEnd(_ schema: String) throws {
        let validator = try JSONSchemaValidator(schema: try JSONReader.parse(schema))
        _ = validator.validate(try JSONReader.parse(#"{"a": [1, {"b": 2}]}"#))
    }

    @Test func instanceAtTheDepthLimitThroughARecursiveSchema() throws {
        let validator = try JSONSchemaValidator(schema: try JSONReader.parse(##"{"items": {"$ref": "#"}, "type": "array"}"##))
        let deep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(validator.isValid(try JSONReader.parse(deep)))
    }
}

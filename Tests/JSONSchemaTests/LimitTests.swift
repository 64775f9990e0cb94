import DocumentTree
import Foundation
import JSONSchema
import Testing

/// The result of a thread's work, written by the thread before it signals `done`.
final class ThreadResult<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
    let done = DispatchSemaphore(value: 0)
}

/// Runs `body` on a thread with a `stackSize`-byte stack and waits for it, so
/// a test shows what fits in that much stack (test-runner threads vary).
func onThread<T: Sendable>(stackSize: Int, _ body: @escaping @Sendable () throws -> T) throws -> T {
    let box = ThreadResult<T>()
    let thread = Thread {
        box.result = Result { try body() }
        box.done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    box.done.wait()
    guard let result = box.result else { throw CocoaError(.featureUnsupported) }
    return try result.get()
}

/// Inputs that could make the compiler or the evaluator recurse without end.
@Suite("schema limits")
struct LimitTests {
    /// A schema whose root refers to `$defs/d0`, which refers to `d1`, … up to `d<length>`.
    static func referenceChain(_ length: Int) throws -> Node {
        var definitions: [String] = (0..<length).map { ##""d\##($0)": {"$ref": "#/$defs/d\##($0 + 1)"}"## }
        definitions.append(##""d\##(length)": {"type": "object"}"##)
        return try JSONReader.parse(##"{"$ref": "#/$defs/d0", "$defs": {"## + definitions.joined(separator: ",") + "}}")
    }

    /// Found under AddressSanitizer: a 5 000-step chain (then stopped at 2 000 levels)
    /// overflowed a test thread's stack. Now it stops at 512, within 4 MiB of stack.
    @Test func longReferenceChainStopsWithAnErrorWithinAFourMebibyteStack() throws {
        let schema = try Self.referenceChain(5_000)
        let (messages, valid) = try onThread(stackSize: 4 << 20) {
            let validator = try JSONSchemaValidator(schema: schema)
            let instance = try JSONReader.parse("{}")
            return (validator.validate(instance).map(\.message), validator.isValid(instance))
        }
        #expect(messages == ["schema references nest too deeply"])
        #expect(!valid)
    }

    @Test func referenceChainWithinTheLimitWorks() throws {
        let validator = try JSONSchemaValidator(schema: try Self.referenceChain(500))
        #expect(validator.validate(try JSONReader.parse("{}")).isEmpty)
        #expect(validator.validate(try JSONReader.parse("1")).count == 1)
    }

    /// The deepest documents the readers allow, a schema through the metaschema
    /// and an instance through a recursive schema, stay within the evaluator's limit.
    @Test func deepestDocumentsStayWithinTheLimit() throws {
        let deepSchema = String(repeating: #"{"items": "#, count: 63) + "true" + String(repeating: "}", count: 63)
        let validator = try JSONSchemaValidator(schema: try JSONReader.parse(deepSchema))
        #expect(validator.isValid(try JSONReader.parse("[[[1]]]")))
        let recursive = try JSONSchemaValidator(schema: try JSONReader.parse(
            ##"{"$defs": {"n": {"anyOf": [{"type": "integer"}, {"type": "array", "items": {"$ref": "#/$defs/n"}}]}}, "$ref": "#/$defs/n"}"##))
        let deep = String(repeating: "[", count: 63) + "1" + String(repeating: "]", count: 63)
        #expect(recursive.validate(try JSONReader.parse(deep)).isEmpty)
    }

    @Test(arguments: [
        ##"{"$ref": "#"}"##, ##"{"anyOf": [{"$ref": "#"}]}"##,
        ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##,
    ])
    func referenceLoopsEnd(_ schema: String) throws {
        let validator = try JSONSchemaValidator(schema: try JSONReader.parse(schema))
        let instance = try JSONReader.parse(#"{"a": [1, {"b": 2}]}"#)
        // The loop ends with a reason, not a hang or a crash, and both entry points agree.
        let errors = validator.validate(instance)
        #expect(errors.map(\.message).contains("the schema refers to itself without ever checking a value"))
        #expect(errors.map(\.kind).contains(.unresolvableReference))
        #expect(!validator.isValid(instance))
    }

    @Test func instanceAtTheDepthLimitThroughARecursiveSchema() throws {
        let validator = try JSONSchemaValidator(schema: try JSONReader.parse(##"{"items": {"$ref": "#"}, "type": "array"}"##))
        let deep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(validator.isValid(try JSONReader.parse(deep)))
    }
}

/// Inputs the fuzzer found (`Fuzz/run.sh schema`), each now a test.
@Suite("schema fuzzing regressions")
struct SchemaFuzzRegressionTests {
    /// `anyOf: []` (possible when the metaschema check is off) made `validate`
    /// return no errors while `isValid` said false; a persona would have passed.
    @Test(arguments: ["anyOf", "oneOf"])
    func emptyAlternativesFailWithAReason(_ keyword: String) throws {
        let schema = try JSONReader.parse(##"{"$defs":{"n":{"\##(keyword)":[]}},"$ref":"#/$defs/n"}"##)
        let validator = try JSONSchemaValidator(schema: schema, options: ValidatorOptions(validateSchema: false))
        let errors = validator.validate(schema)
        #expect(!validator.isValid(schema))
        #expect(errors.map(\.message) == ["'\(keyword)' lists no alternatives, so no value can match"])
        #expect(errors.map(\.keyword) == [keyword])
        #expect(throws: SchemaError.self) { try JSONSchemaValidator(schema: schema) }
    }

    @Test func nestedEmptyAlternativesStillGiveAReason() throws {
        let schema = try JSONReader.parse(#"{"anyOf": [{"anyOf": []}, {"oneOf": [{"anyOf": []}]}]}"#)
        let validator = try JSONSchemaValidator(schema: schema, options: ValidatorOptions(validateSchema: false))
        #expect(!validator.validate(try JSONReader.parse("1")).isEmpty)
        #expect(!validator.isValid(try JSONReader.parse("1")))
    }
}

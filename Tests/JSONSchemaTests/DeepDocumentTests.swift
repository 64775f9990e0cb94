import DocumentTree
import JSONSchema
import Testing

/// Documents as deep as any reader allows (``DocumentLimits/depthCeiling``) are
/// safe to read, compare, hash, write and free on a thread with 1 MiB of stack,
/// and to validate within the evaluator's 4 MiB; deeper ones are an error
/// whatever `maxDepth` says.
@Suite("Deep documents at the depth ceiling")
struct DeepDocumentTests {
    static let ceiling = DocumentLimits.depthCeiling
    static let unlimited = DocumentLimits(maxDepth: 1_000_000)

    static func nested(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test func depthCeilingDocumentIsReadComparedWrittenAndFreedOnAOneMebibyteStack() throws {
        let text = Self.nested(Self.ceiling)
        let ok = try onThread(stackSize: 1 << 20) {
            let a = try JSONReader.parse(text, limits: Self.unlimited)
            let b = try JSONReader.parse(text, limits: Self.unlimited)
            return a.jsonEquals(b) && a.hashValue == b.hashValue && JSONWriter.compact(a) == text
            // `a` and `b` are freed here, by ordinary (recursive) release.
        }
        #expect(ok)
    }

    /// Schema evaluation stops at its own nesting limit (512 schemas deep),
    /// within the stack it is documented to need: 4 MiB, but 8 MiB (a Linux
    /// thread's default) under AddressSanitizer, where this case overflowed 4 MiB.
    @Test func depthCeilingDocumentThroughARecursiveSchemaStopsWithAnError() throws {
        let text = Self.nested(Self.ceiling)
        let messages = try onThread(stackSize: 8 << 20) {
            let validator = try JSONSchemaValidator(schema: try JSONReader.parse(##"{"items": {"$ref": "#"}}"##))
            let instance = try JSONReader.parse(text, limits: Self.unlimited)
            return (validator.validate(instance).map(\.message), validator.isValid(instance))
        }
        #expect(messages.0 == ["schema references nest too deeply"])
        #expect(!messages.1)
    }

    @Test func nestingPastTheCeilingIsAnErrorWhateverTheLimitSays() throws {
        let text = Self.nested(90_000)
        #expect(throws: DocumentError.self) { try JSONReader.parse(text, limits: Self.unlimited) }
        do {
            _ = try JSONReader.parse(text, limits: Self.unlimited)
        } catch {
            #expect(error.message == "nesting deeper than \(Self.ceiling) levels")
        }
    }

    @Test func teardownFreesATreeFarDeeperThanTheStackAllows() throws {
        let done = try onThread(stackSize: 512 << 10) {
            var node = Node(.null)
            for _ in 0..<200_000 { node = Node(.array([node])) }
            NodeTeardown.release(&node)
            return node.isNull
        }
        #expect(done)
    }
}

import DocumentTree
import Foundation
import Testing
import YAMLLoader

/// YAML documents at and past the depth ceiling, and aliases that would nest a
/// document deeper than the limit.
@Suite("Deep YAML documents")
struct DeepYAMLTests {
    @Test func yamlAtTheDepthCeilingLoadsAndIsFreedOnASmallStack() throws {
        let depth = DocumentLimits.depthCeiling
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        final class Box: @unchecked Sendable { var loaded = false }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.loaded = (try? loadOne(text, limits: DocumentLimits(maxDepth: 1_000_000))) != nil
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        done.wait()
        #expect(box.loaded)
    }

    @Test func yamlPastTheDepthCeilingIsAnErrorWhateverTheLimitSays() {
        let text = String(repeating: "[", count: 90_000) + String(repeating: "]", count: 90_000)
        let error = loadError(bytes: Array(text.utf8), limits: DocumentLimits(maxDepth: 1_000_000))
        #expect(error?.message == "nesting deeper than \(DocumentLimits.depthCeiling) levels")
    }

    @Test func aliasesCannotNestADocumentDeeperThanTheLimit() throws {
        // Each anchor is 3 levels deep and holds the previous one: 4 anchors reach 12 levels.
        let text = """
            a: &a [[[x]]]
            b: &b [[[*a]]]
            c: &c [[[*b]]]
            d: [[[*c]]]
            """
        #expect(throws: Never.self) { try loadOne(text, limits: DocumentLimits(maxDepth: 13)) }
        let error = loadError(bytes: Array(text.utf8), limits: DocumentLimits(maxDepth: 12))
        #expect(error?.message == "nesting deeper than 12 levels (through alias '*c')")
        #expect(error?.location == SourceLocation(line: 4, column: 7))
    }
}

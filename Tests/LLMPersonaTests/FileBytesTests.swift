import Foundation
import Testing
@testable import LLMPersona
import TestSupport

@Suite("Reading input files")
struct FileBytesTests {
    private func read(_ path: String, max: Int) -> Result<[UInt8], FileBytes.Failure> {
        Result { () throws(FileBytes.Failure) in try FileBytes.read(path, maxBytes: max, tooLarge: "too large") }
    }

    @Test func sizesAroundTheLimit() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let text = String(repeating: "0123456789", count: 10_000)  // 100 000 bytes, more than one read chunk
        try scratch.write("a.yaml", text)
        try scratch.write("empty.yaml", "")
        #expect(try read(scratch.path("a.yaml"), max: 100_000).get() == Array(text.utf8))
        #expect(try read(scratch.path("a.yaml"), max: 1_000_000).get() == Array(text.utf8))
        #expect(try read(scratch.path("empty.yaml"), max: 10).get() == [])
        guard case .failure(let failure) = read(scratch.path("a.yaml"), max: 99_999) else {
            Issue.record("a file one byte over the limit was read")
            return
        }
        #expect(failure.message == "too large")
    }

    #if os(Linux)
    /// Files under /proc say they are empty but are not: the size from stat is only a hint.
    @Test func aFileLongerThanItsStatSizeIsReadWhole() throws {
        let status = try read("/proc/self/status", max: 1 << 20).get()
        #expect(String(decoding: status, as: UTF8.self).hasPrefix("Name:"))
        #expect(status.count > 100)
        guard case .failure = read("/proc/self/status", max: 10) else {
            Issue.record("the limit was not applied to a file longer than its stat size")
            return
        }
    }
    #endif
}

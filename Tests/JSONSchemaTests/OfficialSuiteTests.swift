import Foundation
import JSONSchema
import Testing

/// The official JSON-Schema-Test-Suite for draft 2020-12. Skipped (visibly)
/// only when the suite is not on disk.
@Suite("JSON-Schema-Test-Suite draft 2020-12", .enabled(if: OfficialSuite.directory != nil, "JSON-Schema-Test-Suite not found; set JSON_SCHEMA_TEST_SUITE=DIR"))
struct OfficialSuiteTests {
    private var draftDirectory: URL {
        get throws {
            try #require(OfficialSuite.directory).appendingPathComponent("tests").appendingPathComponent("draft2020-12")
        }
    }

    @Test("required tests all pass")
    func required() throws {
        let results = try OfficialSuite.runDirectory(try draftDirectory, label: "draft2020-12", options: .default)
        #expect(!results.isEmpty, "no test files found")
        for failure in results.flatMap(\.failures) {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test("optional/format with format assertion")
    func formatAssertion() throws {
        let directory = try draftDirectory.appendingPathComponent("optional").appendingPathComponent("format")
        let results = try OfficialSuite.runDirectory(
            directory, label: "optional/format", options: ValidatorOptions(assertFormats: true))
        let passed = results.reduce(0) { $0 + $1.passed }
        for failure in results.flatMap(\.failures) { print("  not passing: \(failure)") }
        #expect(passed >= 740, "format assertion passes \(passed)")
    }

    @Test("other optional tests (reported, not required)")
    func otherOptional() throws {
        let directory = try draftDirectory.appendingPathComponent("optional")
        let results = try OfficialSuite.runDirectory(directory, label: "optional", options: .default)
        for failure in results.flatMap(\.failures) { print("  not passing: \(failure)") }
    }
}

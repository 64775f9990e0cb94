import DocumentTree
import Foundation
import JSONSchema
import TestSupport

/// Finds and runs the official JSON-Schema-Test-Suite.
///
/// The suite is vendored in `Tests/JSON-Schema-Test-Suite` (see its README);
/// `$JSON_SCHEMA_TEST_SUITE`, when set, names another copy to run instead.
enum OfficialSuite {
    /// Results for one test file.
    struct FileResult {
        var name: String
        var passed = 0
        var total = 0
        var failures: [String] = []
    }

    /// The suite's root directory (the one holding `tests/` and `remotes/`):
    /// `$JSON_SCHEMA_TEST_SUITE` when set, otherwise the vendored copy.
    static let directory: URL = {
        if let override = ProcessInfo.processInfo.environment["JSON_SCHEMA_TEST_SUITE"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: packageRoot).appendingPathComponent("Tests").appendingPathComponent("JSON-Schema-Test-Suite")
    }()

    /// `tests/draft2020-12` of the suite.
    static var draftDirectory: URL {
        directory.appendingPathComponent("tests").appendingPathComponent("draft2020-12")
    }

    static let readLimits = DocumentLimits(maxDepth: 512)

    static func load(_ url: URL) throws -> Node {
        let data = try Data(contentsOf: url)
        return try JSONReader.parse([UInt8](data), limits: readLimits)
    }

    /// Every file under `remotes/`, keyed as the suite's server would serve it.
    static func remotes(in root: URL) throws -> [String: Node] {
        let base = root.appendingPathComponent("remotes")
        var result: [String: Node] = [:]
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
            return result
        }
        let prefix = base.standardizedFileURL.path + "/"
        for case let url as URL in enumerator where url.pathExtension == "json" {
            let relative = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            result["http://localhost:1234/" + relative] = try load(url)
        }
        return result
    }

    /// The `.json` files of a directory, sorted by name.
    static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Runs one test file.
    static func run(_ file: URL, remotes: [String: Node], options: ValidatorOptions) -> FileResult {
        var result = FileResult(name: file.lastPathComponent)
        let cases: [Node]
        do {
            cases = try load(file).arrayValue ?? []
        } catch {
            result.failures.append("\(result.name): cannot read: \(error)")
            return result
        }
        for testCase in cases {
            let description = testCase["description"]?.stringValue ?? "?"
            let tests = testCase["tests"]?.arrayValue ?? []
            guard let schema = testCase["schema"] else { continue }
            let validator: JSONSchemaValidator
            do {
                validator = try JSONSchemaValidator(schema: schema, remoteDocuments: remotes, options: options)
            } catch {
                result.total += tests.count
                result.failures.append("\(result.name) / \(description): schema rejected: \(error.message) at \(error.location)")
                continue
            }
            for test in tests {
                result.total += 1
                guard let data = test["data"], let expected = test["valid"]?.boolValue else { continue }
                let fast = validator.isValid(data)
                let errors = validator.validate(data)
                if fast == expected && errors.isEmpty == expected {
                    result.passed += 1
                } else {
                    let name = test["description"]?.stringValue ?? "?"
                    let got = fast == errors.isEmpty ? "\(fast)" : "isValid \(fast) / validate \(errors.isEmpty)"
                    let first = errors.first.map { " [\($0.keyword) at '\($0.instancePointer)': \($0.message)]" } ?? ""
                    result.failures.append("\(result.name) / \(description) / \(name): expected \(expected), got \(got)\(first)")
                }
            }
        }
        return result
    }

    /// Runs every file of `directory`, printing `file: passed/total` lines and the total.
    static func runDirectory(_ directory: URL, label: String, options: ValidatorOptions) throws -> [FileResult] {
        let remotes = try remotes(in: self.directory)
        let results = files(in: directory).map { run($0, remotes: remotes, options: options) }
        for result in results { print("\(label)/\(result.name): \(result.passed)/\(result.total)") }
        let passed = results.reduce(0) { $0 + $1.passed }, total = results.reduce(0) { $0 + $1.total }
        print("\(label) total: \(passed)/\(total)")
        return results
    }
}

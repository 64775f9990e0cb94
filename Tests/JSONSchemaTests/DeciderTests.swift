import DocumentTree
import Foundation
@testable import JSONSchema
import Testing
import TestSupport

/// The fast yes-or-no path (`Decider`) must give the evaluator's answer
/// whenever it answers at all, and must answer for the bundled persona schema.
@Suite("Decider")
struct DeciderTests {
    @Test("agrees with the evaluator on every official-suite instance it decides")
    func agreesWithEvaluator() throws {
        let remotes = try OfficialSuite.remotes(in: OfficialSuite.directory)
        let directories = [OfficialSuite.draftDirectory, OfficialSuite.draftDirectory.appendingPathComponent("optional")]
        var decided = 0
        var disagreements: [String] = []
        for file in directories.flatMap(OfficialSuite.files(in:)) {
            for testCase in try OfficialSuite.load(file).arrayValue ?? [] {
                guard let schema = testCase["schema"],
                      let validator = try? JSONSchemaValidator(schema: schema, remoteDocuments: remotes),
                      let decider = validator.decider
                else { continue }
                for test in testCase["tests"]?.arrayValue ?? [] {
                    guard let data = test["data"], let answer = decider.decide(data) else { continue }
                    decided += 1
                    if answer != validator.evaluatorDecides(data) {
                        disagreements.append("\(file.lastPathComponent) / \(testCase["description"]?.stringValue ?? "?") / \(test["description"]?.stringValue ?? "?")")
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
        // Most of the suite uses only the keywords the decider handles.
        #expect(decided > 500)
    }

    @Test("the bundled persona schema is decided without the evaluator")
    func personaSchema() throws {
        let path = packageRoot + "/Schemas/persona.schema.json"
        let schema = try JSONReader.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        let validator = try JSONSchemaValidator(schema: schema)
        let decider = try #require(validator.decider)
        let valid = try JSONReader.parse(#"{"name": "maya", "role": "guide", "capabilities": ["a"], "variables": {"x": null}}"#)
        let invalid = try JSONReader.parse(#"{"name": "maya", "capabilities": {"replace": ["a"], "append": []}}"#)
        #expect(decider.decide(valid) == true)
        #expect(decider.decide(invalid) == false)
        #expect(validator.validate(valid).isEmpty)
        #expect(!validator.validate(invalid).isEmpty)
    }

    @Test("gives up on a reference cycle, and the evaluator reports it")
    func referenceCycle() throws {
        let schema = try JSONReader.parse(##"{"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##)
        let validator = try JSONSchemaValidator(schema: schema)
        let instance = try JSONReader.parse("1")
        #expect(validator.decider != nil)
        #expect(validator.decider?.decide(instance) == nil)
        #expect(!validator.isValid(instance))
        #expect(validator.validate(instance).map(\.message) == ["the schema refers to itself without ever checking a value"])
    }

    @Test("programs with unevaluated keywords or $dynamicRef get no decider")
    func unsupportedPrograms() throws {
        for text in [#"{"unevaluatedProperties": false}"#, ##"{"$dynamicAnchor": "a", "$dynamicRef": "#a"}"##, #"{"minimum": 1}"#] {
            let validator = try JSONSchemaValidator(schema: try JSONReader.parse(text))
            #expect(validator.decider == nil, "\(text)")
        }
    }
}

import DocumentTree
import Foundation
import LLMPersona
import Testing
import TestSupport

/// What the persona tools say: persona rules rather than schema internals, no
/// pile of follow-on errors, and diffs that count repeated items.
@Suite("Messages in persona terms")
struct PersonaMessageTests {
    private func schemaMessages(_ json: String) throws -> [String] {
        PersonaSchema.bundled.check(try JSONReader.parse(json), file: "a.json").map(\.message)
    }

    private func errors(_ file: String, _ text: String) -> [String] {
        PersonaCompiler().compile(sources: [(file, Array(text.utf8))]).diagnostics.map(\.description)
    }

    @Test func schemaMessagesSpeakOfPersonaRulesNotPatterns() throws {
        let messages = try schemaMessages(#"""
            {"name": "A", "role": "r", "parent": ".base",
             "variables": {"bad-name": {}, "ok": {"descripton": "x"}},
             "capabilities": {"apend": []}}
            """#)
        #expect(messages == [
            "invalid 'parent': persona name '.base' must not start with '.'",
            "unknown directive 'apend' in 'capabilities' (did you mean 'append'?); use one of replace, append, prepend, remove",
            "invalid variable name 'bad-name': a variable name starts with a letter or '_' and holds only letters, digits and '_'",
            "variable 'ok': unknown field 'descripton' (did you mean 'description'?)",
        ])
        let map = try schemaMessages(#"{"a/b": {"role": "r"}, "C": {"role": 5, "parent": "x/y"}}"#)
        #expect(map == [
            "invalid persona name 'a/b': persona name 'a/b' must not contain '/' or '\\' (it becomes a file name)",
            "invalid 'parent': persona name 'x/y' must not contain '/' or '\\' (it becomes a file name)",
            "'role' must be a string, found number 5 — quote it: \"5\"",
        ])
        for message in messages + map {
            #expect(!message.contains("pattern") && !message.contains("^[") && !message.contains("property"), "\(message)")
        }
    }

    @Test func parentThatIsNoPersonaNameIsOneErrorNotAlsoAnUnknownParent() {
        #expect(errors("a.yaml", "name: A\nparent: ../B\nrole: r\n") == [
            "a.yaml:2:9: error: invalid 'parent': persona name '../B' must not start with '.'",
        ])
    }

    @Test func misspeltNameKeyGivesOneErrorWithTheHintFirst() {
        #expect(errors("a.yaml", "nme: Nina\nrole: r\ntone: calm\ncapabilities: [a]\nconstraints: [b]\ngreeting: hi\n") == [
            "a.yaml:1:1: error: unknown field 'nme' (did you mean 'name'?)",
        ])
        // The other fields are still checked as a persona's.
        #expect(errors("a.yaml", "Name: Nina\nrole: 5\n") == [
            "a.yaml:1:1: error: unknown field 'Name' (did you mean 'name'?)",
            "a.yaml:2:7: error: 'role' must be a string, found number 5 — quote it: \"5\"",
        ])
    }

    @Test func personaFileWithoutNameGetsOneMissingNameError() {
        #expect(errors("a.yaml", "role: r\ntone: calm\ncapabilities: [a]\n") == [
            "a.yaml:1:1: error: missing required field 'name' (a persona file is one persona with 'name', or persona names as keys)",
        ])
        // A file of personas by name is still read as one.
        #expect(errors("a.yaml", "Maya: {role: r}\nTheo: {role: r}\n").isEmpty)
    }

    @Test func trailingDocumentSeparatorIsReportedWithinTheFile() {
        #expect(errors("a.yaml", "name: A\nrole: r\n---\n") == [
            "a.yaml:3:1: error: expected a persona (a mapping with 'name') or a mapping of persona names to personas, found null",
        ])
        #expect(errors("a.yaml", "name: A\nrole: r\n---") == [
            "a.yaml:3:1: error: expected a persona (a mapping with 'name') or a mapping of persona names to personas, found null",
        ])
    }

    @Test func unclosedQuoteIsReportedWhereTheQuoteOpened() {
        #expect(errors("a.yaml", "name: A\nrole: r\nversion: \"1.0.0\ntone: x\n") == [
            "a.yaml:3:10: error: unclosed quote: this quoted text has no closing quote",
            "a.yaml:4:8: note: the file ends here",
        ])
    }

    @Test func diffShowsAnAddedOrRemovedDuplicateItem() {
        func record(_ items: [String]) -> PersonaRecord {
            var fields = Mapping()
            fields.set("capabilities", Node(.array(items.map { Node(.string($0)) })))
            return PersonaRecord(name: "P", version: nil, fingerprint: "sha256:0", fields: fields)
        }
        #expect(PersonaDiff(from: record(["a", "b"]), to: record(["a", "b", "a"])).text == "capabilities: + a\n")
        #expect(PersonaDiff(from: record(["a", "a", "b"]), to: record(["a", "b"])).text == "capabilities: - a\n")
        #expect(PersonaDiff(from: record(["a", "b"]), to: record(["b", "a"])).text == "capabilities: order changed\n")
    }

    @Test func lockFileWithMergeConflictMarkersGetsTheMergeConflictMessage() throws {
        let scratch = try Scratch(["personas.lock": "{\n<<<<<<< ours\n  \"format\": 1,\n=======\n  \"format\": 2,\n>>>>>>> theirs\n}\n"])
        defer { scratch.cleanup() }
        let path = scratch.path("personas.lock")
        guard let list = failure({ () throws(DiagnosticList) in try PersonaLock.read(path) }) else {
            Issue.record("a lock file with conflict markers was read")
            return
        }
        #expect(list.diagnostics.map(\.description) == [
            "\(path):2:1: error: merge conflict marker '<<<<<<<': resolve the conflict and remove the markers",
            "\(path):4:1: note: conflict separator '======='",
            "\(path):6:1: note: conflict ends here ('>>>>>>>')",
        ])
    }
}

import Testing
import LLMPersona
import DocumentTree
import TestSupport

/// Every class of bad input the loader must catch, each with its message and position,
/// as the command line prints it (`file:line:col: error: message`).
@Suite("Loading errors")
struct LoadingErrorTests {
    private func errors(_ files: [String: String]) throws -> [String] {
        let scratch = try Scratch(files)
        defer { scratch.cleanup() }
        return diagnosticLines([scratch.root], root: scratch.root)
    }

    @Test func yamlSyntaxErrorCarriesLibyamlPosition() throws {
        #expect(try errors(["a.yaml": "name: A\nrole: [unclosed\ntone: x\n"]) == [
            "a.yaml:3:5: error: did not find expected ',' or ']' while parsing a flow sequence",
            "a.yaml:2:7: note: the flow sequence started here",
        ])
    }

    @Test func duplicateKeyNamesBothPlaces() throws {
        #expect(try errors(["a.yaml": "name: A\nrole: one\ntone: x\nrole: two\n"]) == [
            "a.yaml:4:1: error: duplicate key 'role' (first defined at 2:1)",
            "a.yaml:2:1: note: first defined here",
        ])
    }

    @Test func aliasBombIsAnError() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for level in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = level
        }
        let lines = try errors(["bomb.yaml": text])
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("bomb.yaml:6:") == true)
        #expect(lines.first?.hasSuffix("error: alias expansion exceeds 100000 nodes (possible alias bomb)") == true)
    }

    @Test func invalidUTF8HasAPosition() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("bad.yaml", bytes: Array("name: A\nrole: caf".utf8) + [0xE9] + Array("\n".utf8))
        #expect(diagnosticLines([scratch.root], root: scratch.root) == ["bad.yaml:2:10: error: incomplete UTF-8 octet sequence"])
        try scratch.write("bad.yaml", bytes: Array("name: A\nrole: ".utf8) + [0xFF] + Array("x\n".utf8))
        #expect(diagnosticLines([scratch.root], root: scratch.root) == ["bad.yaml:2:7: error: invalid leading UTF-8 octet (byte 0xFF)"])
    }

    @Test func yaml12CoreSchemaResolution() throws {
        let scratch = try Scratch(["a.yaml": """
            name: "yes"
            role: no
            tone: on
            company: NO
            version: 1.10
            """])
        defer { scratch.cleanup() }
        let lines = diagnosticLines([scratch.root], root: scratch.root)
        // yes/no/on/NO are strings in YAML 1.2; 1.10 is a number, and the message keeps its spelling.
        #expect(lines == [#"a.yaml:5:10: error: 'version' must be a string, found number 1.10 — quote it: "1.10""#])
        let fixed = try Scratch(["a.yaml": "name: \"yes\"\nrole: no\ntone: on\ncompany: NO\n"])
        defer { fixed.cleanup() }
        let compilation = PersonaCompiler().compile([fixed.root])
        let persona = try #require(compilation.personas.first?.persona)
        #expect(persona.name == "yes")
        #expect(persona.role == "no")
        #expect(persona.tone == "on")
        #expect(persona.company == "NO")
    }

    @Test func jsonStrictness() throws {
        #expect(try errors(["a.json": "{\n  \"name\": \"A\", // comment\n  \"role\": \"r\"\n}"]) == [
            "a.json:2:16: error: comments are not allowed in JSON",
        ])
        #expect(try errors(["a.json": "{\"name\": \"A\", \"role\": NaN}"]) == [
            "a.json:1:23: error: unexpected character 'N': expected a value",
        ])
    }

    @Test func duplicatePersonaAcrossFiles() throws {
        let lines = try errors([
            "a.yaml": "name: Maya\nrole: r\n",
            "b.yaml": "Other:\n  role: r\nMaya:\n  role: r\n",
        ])
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("b.yaml:3:1: error: persona 'Maya' is defined twice (first at "))
        #expect(lines[0].hasSuffix("a.yaml:1:7)"))
        #expect(lines[1] == "a.yaml:1:7: note: 'Maya' first defined here")
    }

    @Test(arguments: [
        ("name: \"\"\nrole: r\n", "a.yaml:1:7: error: persona name must not be empty"),
        ("name: ../up\nrole: r\n", "a.yaml:1:7: error: persona name '../up' must not start with '.'"),
        ("name: .hidden\nrole: r\n", "a.yaml:1:7: error: persona name '.hidden' must not start with '.'"),
        ("name: a/b\nrole: r\n", "a.yaml:1:7: error: persona name 'a/b' must not contain '/' or '\\' (it becomes a file name)"),
        ("name: 'a\\b'\nrole: r\n", "a.yaml:1:7: error: persona name 'a\\b' must not contain '/' or '\\' (it becomes a file name)"),
        ("name: \"a\\tb\"\nrole: r\n", "a.yaml:1:7: error: persona name 'a\\tb' must not contain control characters"),
        ("\"x/y\":\n  role: r\n", "a.yaml:1:1: error: persona name 'x/y' must not contain '/' or '\\' (it becomes a file name)"),
    ])
    func unsafeNames(text: String, expected: String) throws {
        #expect(try errors(["a.yaml": text]) == [expected])
    }

    @Test func fieldTypeErrorsAndUnknownFields() throws {
        #expect(try errors(["a.yaml": """
            name: A
            role: r
            capabilites:
              - x
            constraints: just one
            custom_sections:
              legal: 42
            """]) == [
            "a.yaml:3:1: error: unknown field 'capabilites' (did you mean 'capabilities'?)",
            "a.yaml:5:14: error: 'constraints' must be a list of strings, found string 'just one'",
            #"a.yaml:7:10: error: section 'legal' must be text, found number 42 — quote it: "42""#,
        ])
    }

    @Test func missingRoleNamesThePersona() throws {
        #expect(try errors(["a.yaml": "name: A\ntone: calm\n"]) == [
            "a.yaml:1:7: error: missing required field 'role' in persona 'A'",
        ])
    }

    @Test func emptyAndCommentOnlyFiles() throws {
        #expect(try errors(["a.yaml": ""]) == ["a.yaml:1:1: error: file contains no personas (it is empty or only comments)"])
        #expect(try errors(["a.yaml": "# just a comment\n"]) == ["a.yaml:1:1: error: file contains no personas (it is empty or only comments)"])
        #expect(try errors(["a.json": ""]) == ["a.json:1:1: error: empty document: expected a JSON value"])
    }

    @Test func topLevelListOrScalar() throws {
        #expect(try errors(["a.yaml": "- name: A\n"]) == [
            "a.yaml:1:1: error: expected a persona (a mapping with 'name') or a mapping of persona names to personas, found a list",
        ])
        #expect(try errors(["a.yaml": "hello\n"]) == [
            "a.yaml:1:1: error: expected a persona (a mapping with 'name') or a mapping of persona names to personas, found string 'hello'",
        ])
    }

    @Test func multiDocumentStreamIsSeveralFiles() throws {
        let scratch = try Scratch(["a.yaml": "name: A\nrole: r\n---\nB:\n  role: s\n"])
        defer { scratch.cleanup() }
        let compilation = PersonaCompiler().compile([scratch.root])
        #expect(compilation.diagnostics.isEmpty)
        #expect(compilation.personas.map(\.persona.name) == ["A", "B"])
    }

    @Test func oversizedFileIsRefusedWithoutReadingIt() throws {
        let scratch = try Scratch(["big.yaml": "name: A\nrole: " + String(repeating: "x", count: 2000) + "\n"])
        defer { scratch.cleanup() }
        let compiler = PersonaCompiler(loader: PersonaLoader(limits: .init(maxFileBytes: 1024)))
        let lines = compiler.compile([scratch.root]).diagnostics.map { $0.description.replacingOccurrences(of: scratch.root + "/", with: "") }
        #expect(lines == ["big.yaml: error: file is larger than the 1 KiB limit"])
    }

    @Test func crlfAndByteOrderMarkWork() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("a.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("name: A\r\nrole: r\r\ncapabilities:\r\n  - one\r\n".utf8))
        let compilation = PersonaCompiler().compile([scratch.root])
        #expect(compilation.diagnostics.isEmpty)
        #expect(compilation.personas.first?.persona.buildSystemPrompt() == "You are A, a r.\n\nTone: helpful and professional\n\nYou can:\n- one")
    }
}

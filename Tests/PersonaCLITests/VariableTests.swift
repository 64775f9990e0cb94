import Foundation
import Testing
import TestSupport

@Suite("Template variables on the command line")
struct VariableCLITests {
    private let files = [
        "personas/helper.yaml": """
            name: Helper
            role: assistant for {company}
            variables:
              user_name: {description: the user's first name, required: true}
              company: {default: Acme}
            capabilities:
              - "Greet {user_name} warmly"
              - "Answer in JSON like {{\\"ok\\": true}}"
            greeting: Hi {user_name}!
            """,
    ]

    @Test func buildLeavesRequiredVariablesAsATemplateAndListsThem() throws {
        let folder = try Scratch(files)
        defer { folder.cleanup() }
        let result = try CLI.run(["build"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.read("build/personas/Helper.txt") == """
            You are Helper, a assistant for Acme.

            Tone: helpful and professional

            You can:
            - Greet {user_name} warmly
            - Answer in JSON like {{"ok": true}}
            """)
        let json = try #require(folder.read("build/personas/Helper.json"))
        #expect(json.contains("""
              "variables": {
                "user_name": {
                  "description": "the user's first name",
                  "default": null,
                  "required": true
                }
              },
            """))
        #expect(json.contains(#""greeting": "Hi {user_name}!""#))
    }

    @Test func varAndVarsFillAndRenderSharesTheFill() throws {
        let folder = try Scratch(files.merging(["vars.yaml": "user_name: Ann\ncompany: Globex\n"]) { a, _ in a })
        defer { folder.cleanup() }
        let built = try CLI.run(["build", "--vars", "vars.yaml", "--var", "company=In{it}ech"], in: folder.root)
        #expect(built.status == 0, "\(built.stderr)")
        let text = try #require(folder.read("build/personas/Helper.txt"))
        #expect(text.hasPrefix("You are Helper, a assistant for In{it}ech.\n"))
        #expect(text.contains("- Greet Ann warmly\n- Answer in JSON like {\"ok\": true}"))
        let rendered = try CLI.run(["render", "Helper", "--vars", "vars.yaml", "--var", "company=In{it}ech"], in: folder.root)
        #expect(rendered.status == 0)
        #expect(rendered.stdout == text)
        #expect(folder.read("build/personas/Helper.json")?.contains(#""variables": {}"#) == true)
    }

    @Test func strictAndUnknownVariables() throws {
        let folder = try Scratch(files)
        defer { folder.cleanup() }
        let strict = try CLI.run(["build", "--strict"], in: folder.root)
        #expect(strict.status == 1)
        #expect(strict.stderr == "personas/helper.yaml:1:7: error: variable 'user_name' of 'Helper' has no value, and strict filling needs one: give it a value or a default (see --strict, --var and --vars)\n")
        #expect(!folder.exists("build"))
        let unknown = try CLI.run(["build", "--var", "usr_name=x"], in: folder.root)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "--var: error: unknown variable 'usr_name': no persona declares it (did you mean 'user_name'?)\n")
        let malformed = try CLI.run(["build", "--var", "no-equals"], in: folder.root)
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("--var takes NAME=VALUE"))
    }

    @Test func badVarsFile() throws {
        let folder = try Scratch(files.merging(["vars.json": #"{"user_name": 42}"#]) { a, _ in a })
        defer { folder.cleanup() }
        let result = try CLI.run(["render", "Helper", "--vars", "vars.json"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stderr == #"vars.json:1:15: error: value of 'user_name' must be a string, found number 42 — quote it: "42""# + "\n")
    }
}

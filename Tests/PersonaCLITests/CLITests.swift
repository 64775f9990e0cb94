import Foundation
import Testing
import TestSupport

/// Runs the built `persona` executable, as a user would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `persona` binary next to the test bundle.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("persona")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: "persona")
    }()

    /// Runs `persona` in `directory`. Build records go to `directory/.cache`, removed with
    /// the scratch folder, not to the user's cache folder.
    static func run(_ arguments: [String], in directory: String) throws -> Result {
        let run = try ExternalTool(path: executable.path).run(
            arguments, in: directory, environment: ["XDG_CACHE_HOME": directory + "/.cache"])
        return Result(status: run.status, stdout: String(decoding: run.stdout, as: UTF8.self), stderr: run.stderr)
    }
}

private let maya = """
    name: Maya
    role: Customer Support Specialist
    company: Acme Corp
    capabilities:
      - Look up order status
    greeting: Hi!
    """

@Suite("persona command line")
struct CLITests {
    @Test func buildWritesTextAndJSON() throws {
        let folder = try Scratch(["personas/maya.yaml": maya])
        defer { folder.cleanup() }
        let result = try CLI.run(["build"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "built 1 persona into build/personas (3 of 3 files changed)\n")
        #expect(folder.read("build/personas/Maya.txt") == """
            You are Maya, a Customer Support Specialist at Acme Corp.

            Tone: helpful and professional

            You can:
            - Look up order status
            """)
        let json = try #require(folder.read("build/personas/Maya.json"))
        #expect(json.contains(#""greeting": "Hi!""#))
        #expect(json.contains(#""sources": [\#n    "personas/maya.yaml"\#n  ]"#))
    }

    @Test func formatAndOutDirectory() throws {
        let folder = try Scratch(["in/maya.yaml": maya])
        defer { folder.cleanup() }
        let result = try CLI.run(["build", "in", "--out", "out/prompts", "--format", "text"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.exists("out/prompts/Maya.txt"))
        #expect(!folder.exists("out/prompts/Maya.json"))
    }

    @Test func renderPrintsExactPromptBytes() throws {
        let folder = try Scratch(["personas/maya.yaml": maya])
        defer { folder.cleanup() }
        let rendered = try CLI.run(["render", "Maya"], in: folder.root)
        #expect(rendered.status == 0)
        #expect(rendered.stdout.hasPrefix("You are Maya, a Customer Support Specialist at Acme Corp."))
        #expect(rendered.stdout.hasSuffix("- Look up order status"))
        let unknown = try CLI.run(["render", "Mya"], in: folder.root)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: unknown persona 'Mya' (did you mean 'Maya'?)\n")
        #expect(unknown.stdout.isEmpty)
    }

    @Test func listPrintsSortedNames() throws {
        let folder = try Scratch([
            "p/b.yaml": "name: Zed\nrole: r\n",
            "p/a.json": #"{"Alpha": {"role": "r"}, "Mid": {"role": "r"}}"#,
        ])
        defer { folder.cleanup() }
        let result = try CLI.run(["list", "p"], in: folder.root)
        #expect(result.status == 0)
        #expect(result.stdout == "Alpha\nMid\nZed\n")
    }

    @Test func everyErrorIsReportedAndNothingIsWritten() throws {
        let folder = try Scratch([
            "personas/a.yaml": "name: A\nrole: r\ncapabilites: [x]\n",
            "personas/b.json": "{\"name\": \"B\", \"role\": \"r\",}",
            "personas/c.yaml": "name: ../evil\nrole: r\n",
        ])
        defer { folder.cleanup() }
        let result = try CLI.run(["build"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            personas/a.yaml:3:1: error: unknown field 'capabilites' (did you mean 'capabilities'?)
            personas/b.json:1:27: error: trailing comma before '}'
            personas/c.yaml:1:7: error: persona name '../evil' must not start with '.'

            """)
        #expect(!folder.exists("build"))
    }

    @Test func outputPathThatIsAFileIsAnError() throws {
        let folder = try Scratch(["personas/maya.yaml": maya, "out": "not a folder"])
        defer { folder.cleanup() }
        let result = try CLI.run(["build", "--out", "out"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stderr == "out: error: output path exists and is not a directory\n")
        #expect(folder.read("out") == "not a folder")
    }

    @Test func missingPathIsAnError() throws {
        let folder = try Scratch([:])
        defer { folder.cleanup() }
        let result = try CLI.run(["list", "nowhere"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stderr == "nowhere: error: no such file or directory\n")
    }

    @Test func helpListsTheCommands() throws {
        let folder = try Scratch([:])
        defer { folder.cleanup() }
        let result = try CLI.run(["--help"], in: folder.root)
        #expect(result.status == 0)
        for command in ["build", "render", "list"] {
            #expect(result.stdout.contains("  \(command) "), "\(command) missing from --help")
        }
    }
}

@Suite("persona --version")
struct VersionTests {
    @Test("--version prints the package version and exits 0")
    func version() throws {
        let result = try CLI.run(["--version"], in: NSTemporaryDirectory())
        #expect(result.status == 0)
        let printed = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = printed.split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }, "printed: \(printed)")
        #expect(result.stderr.isEmpty)
    }
}

import Foundation
import Testing
import TestSupport

/// Paths and options at the edges: one-character and non-ASCII paths, lock files
/// named on purpose, and deep documents — each a clear error or the right result,
/// never a signal.
@Suite("Edge inputs")
struct EdgeInputTests {
    private let persona = "name: M\nrole: r\n"

    /// True when the process ended normally (a crash ends it by a signal, exit status 128+).
    private func endedNormally(_ result: CLI.Result) -> Bool { result.status == 0 || result.status == 1 }

    @Test func oneCharacterFileNameValidates() throws {
        let folder = try Scratch(["m": persona])
        defer { folder.cleanup() }
        let result = try CLI.run(["validate", "m"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "1 file, 1 persona: no problems\n")
    }

    @Test func oneCharacterFileNameBuilds() throws {
        let folder = try Scratch(["m": persona])
        defer { folder.cleanup() }
        let result = try CLI.run(["build", "m", "--out", "o"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.read("o/M.txt")?.hasPrefix("You are M, a r.") == true)
    }

    @Test func oneCharacterFileNameLocksBesideIt() throws {
        let folder = try Scratch(["m": persona])
        defer { folder.cleanup() }
        let result = try CLI.run(["lock", "m"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.exists("personas.lock"))
    }

    @Test func lockOptionOneCharacterMissingIsAnError() throws {
        let folder = try Scratch(["personas/m.yaml": persona])
        defer { folder.cleanup() }
        let result = try CLI.run(["validate", "--lock", "x"], in: folder.root)
        #expect(endedNormally(result))
        #expect(result.status == 1)
        #expect(result.stderr == "x: error: no such lock file; run persona lock with this lock file to create it (persona lock --lock x)\n")
    }

    @Test func lockOptionNonASCIIMissingIsAnError() throws {
        let folder = try Scratch(["personas/m.yaml": persona])
        defer { folder.cleanup() }
        let result = try CLI.run(["build", "--lock", "é"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("é: error: no such lock file"))
        #expect(!folder.exists("build"))
    }

    @Test func lockOptionDirectoryIsAClearError() throws {
        let folder = try Scratch(["personas/m.yaml": persona, "d/keep": ""])
        defer { folder.cleanup() }
        for command in [["validate"], ["build"], ["build", "--check"], ["lock"]] {
            let result = try CLI.run(command + ["--lock", "d"], in: folder.root)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("d: error: "), "\(command): \(result.stderr)")
        }
    }

    @Test func lockOptionOneCharacterCreatedByLockThenUsed() throws {
        let folder = try Scratch(["personas/m.yaml": persona])
        defer { folder.cleanup() }
        #expect(try CLI.run(["lock", "--lock", "x"], in: folder.root).status == 0)
        #expect(folder.exists("x"))
        let result = try CLI.run(["validate", "--lock", "x"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
    }

    // MARK: A lock file named on purpose must exist

    @Test func missingExplicitLockFailsBuildCheckAndValidate() throws {
        let folder = try Scratch(["personas/m.yaml": persona])
        defer { folder.cleanup() }
        for command in [["build"], ["build", "--check"], ["validate"]] {
            let result = try CLI.run(command + ["--lock", "locks/personas.lock"], in: folder.root)
            #expect(result.status == 1, "\(command)")
            #expect(
                result.stderr.contains("locks/personas.lock: error: no such lock file; run persona lock with this lock file to create it (persona lock --lock locks/personas.lock)"),
                "\(command): \(result.stderr)")
        }
        #expect(!folder.exists("build"))
    }

    @Test func missingDefaultLockStillMeansNoDriftGuard() throws {
        let folder = try Scratch(["personas/m.yaml": persona])
        defer { folder.cleanup() }
        #expect(try CLI.run(["validate"], in: folder.root).status == 0)
        #expect(try CLI.run(["build"], in: folder.root).status == 0)
    }

    // MARK: Depth limits: an error at any flag value, never a signal

    private static func nested(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test func maxDepthAboveTheCeilingIsRefused() throws {
        let deep = Self.nested(90_000)
        let folder = try Scratch([
            "deep.json": #"{"name": "D", "role": "r", "capabilities": "# + deep + "}",
            "deep.yaml": "name: D\nrole: r\ncapabilities: " + deep + "\n",
        ])
        defer { folder.cleanup() }
        for file in ["deep.json", "deep.yaml"] {
            let result = try CLI.run(["validate", file, "--max-depth", "100000"], in: folder.root)
            #expect(result.status == 64, "\(file): \(result.stderr)")
            #expect(result.stderr.contains("--max-depth must be at most 1000"), "\(file)")
        }
    }

    @Test func ninetyThousandNestedListsAreADepthError() throws {
        let deep = Self.nested(90_000)
        let folder = try Scratch([
            "deep.json": #"{"name": "D", "role": "r", "capabilities": "# + deep + "}",
            "deep.yaml": "name: D\nrole: r\ncapabilities: " + deep + "\n",
        ])
        defer { folder.cleanup() }
        for (file, place) in [("deep.json", "deep.json:1:107"), ("deep.yaml", "deep.yaml:3:78")] {
            for depth in ["64", "1000"] {
                let result = try CLI.run(["validate", file, "--max-depth", depth], in: folder.root)
                #expect(result.status == 1, "\(file) \(depth): \(result.stderr)")
                #expect(result.stderr.hasPrefix("deep."), "\(file) \(depth): \(result.stderr)")
                #expect(result.stderr.contains(": error: nesting deeper than \(depth) levels"), "\(file) \(depth)")
                if depth == "64" { #expect(result.stderr.hasPrefix(place + ":"), "\(result.stderr)") }
            }
        }
    }

    @Test func documentsAtTheDepthCeilingAreCheckedWithoutASignal() throws {
        // 2 mapping levels + 998 list levels = 1 000, the ceiling.
        let lists = Self.nested(998)
        let folder = try Scratch([
            "cap.json": #"{"name": "D", "role": "r", "custom_sections": {"x": "# + lists + "}}",
            "cap.yaml": "name: D\nrole: r\ncustom_sections:\n  x: " + lists + "\n",
            "recursive.json": ##"{"$defs": {"a": {"items": {"$ref": "#/$defs/a"}}}, "properties": {"custom_sections": {"additionalProperties": {"$ref": "#/$defs/a"}}}}"##,
        ])
        defer { folder.cleanup() }
        for file in ["cap.json", "cap.yaml"] {
            let plain = try CLI.run(["validate", file, "--max-depth", "1000"], in: folder.root)
            #expect(plain.status == 1)
            #expect(plain.stderr.contains("error: section 'x' must be text, found a list"), "\(plain.stderr)")
            let schema = try CLI.run(["validate", file, "--max-depth", "1000", "--schema", "recursive.json"], in: folder.root)
            #expect(schema.status == 1)
            #expect(schema.stderr.contains("error: schema references nest too deeply"), "\(schema.stderr)")
            let build = try CLI.run(["build", file, "--max-depth", "1000"], in: folder.root)
            #expect(build.status == 1)
        }
        #expect(!folder.exists("build"))
    }
}

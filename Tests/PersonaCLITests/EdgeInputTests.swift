import Foundation
import Testing

/// Paths and options at the edges: one-character and non-ASCII paths, lock files
/// named on purpose, and deep documents — each a clear error or the right result,
/// never a signal.
@Suite("Edge inputs")
struct EdgeInputTests {
    private let persona = "name: M\nrole: r\n"

    /// True when the process ended normally (a crash ends it by a signal, exit status 128+).
    private func endedNormally(_ result: CLI.Result) -> Bool { result.status == 0 || result.status == 1 }

    @Test func oneCharacterFileNameValidates() throws {
        let folder = try Folder(["m": persona])
        defer { folder.cleanup() }
        let result = try CLI.run(["validate", "m"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "1 file, 1 persona: no problems\n")
    }

    @Test func oneCharacterFileNameBuilds() throws {
        let folder = try Folder(["m": persona])
        defer { folder.cleanup() }
        let result = try CLI.run(["build", "m", "--out", "o"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.read("o/M.txt") == "You are M, a r.")
    }

    @Test func oneCharacterFileNameLocksBesideIt() throws {
        let folder = try Folder(["m": persona])
        defer { folder.cleanup() }
        let result = try CLI.run(["lock", "m"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.exists("personas.lock"))
    }

    @Test func lockOptionOneCharacterMissingIsAnError() throws {
        let folder = try Folder(["personas/m.yaml": persona])
        defer { folder.cleanup() }
        let result = try CLI.run(["validate", "--lock", "x"], in: folder.root)
        #expect(endedNormally(result))
        #expect(result.status == 1)
        #expect(result.stderr == "x: error: no such lock file; run persona lock --lock x to create it\n")
    }

    @Test func lockOptionNonASCIIMissingIsAnError() throws {
        let folder = try Folder(["personas/m.yaml": persona])
        defer { folder.cleanup() }
        let result = try CLI.run(["build", "--lock", "é"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("é: error: no such lock file"))
        #expect(!folder.exists("build"))
    }

    @Test func lockOptionDirectoryIsAClearError() throws {
        let folder = try Folder(["personas/m.yaml": persona, "d/keep": ""])
        defer { folder.cleanup() }
        for command in [["validate"], ["build"], ["build", "--check"], ["lock"]] {
            let result = try CLI.run(command + ["--lock", "d"], in: folder.root)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("d: error: "), "\(command): \(result.stderr)")
        }
    }

    @Test func lockOptionOneCharacterCreatedByLockThenUsed() throws {
        let folder = try Folder(["personas/m.yaml": persona])
        defer { folder.cleanup() }
        #expect(try CLI.run(["lock", "--lock", "x"], in: folder.root).status == 0)
        #expect(folder.exists("x"))
        let result = try CLI.run(["validate", "--lock", "x"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
    }

    // MARK: A lock file named on purpose must exist

    @Test func missingExplicitLockFailsBuildCheckAndValidate() throws {
        let folder = try Folder(["personas/m.yaml": persona])
        defer { folder.cleanup() }
        for command in [["build"], ["build", "--check"], ["validate"]] {
            let result = try CLI.run(command + ["--lock", "locks/personas.lock"], in: folder.root)
            #expect(result.status == 1, "\(command)")
            #expect(
                result.stderr.contains("locks/personas.lock: error: no such lock file; run persona lock --lock locks/personas.lock to create it"),
                "\(command): \(result.stderr)")
        }
        #expect(!folder.exists("build"))
    }

    @Test func missingDefaultLockStillMeansNoDriftGuard() throws {
        let folder = try Folder(["personas/m.yaml": persona])
        defer { folder.cleanup() }
        #expect(try CLI.run(["validate"], in: folder.root).status == 0)
        #expect(try CLI.run(["build"], in: folder.root).status == 0)
    }
}

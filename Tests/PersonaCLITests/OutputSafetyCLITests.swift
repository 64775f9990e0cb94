import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let maya = "name: Maya\nrole: Support\n"
private let mayaJSON = #"{"name": "Maya", "role": "Support"}"#

private extension Scratch {
    /// The names in `directory`, sorted (hidden ones included).
    func listing(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + directory)) ?? []).sorted()
    }

    /// Every file in `directory` with its bytes.
    func snapshot(_ directory: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for name in listing(directory) { result[name] = FileManager.default.contents(atPath: root + "/" + directory + "/" + name) }
        return result
    }

    func temporaries(_ directory: String) -> [String] {
        listing(directory).filter { $0.hasPrefix(".persona-") && $0.hasSuffix(".tmp") }
    }
}

/// Starts `persona` with `arguments` in `directory` without waiting for it.
private func start(_ arguments: [String], in directory: String) throws -> Process {
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// `count` personas in one file, each with a long section, all with role `role`.
private func manyPersonas(_ count: Int, role: String) -> String {
    let section = String(repeating: "Answer with care and cite the policy. ", count: 40)
    return (0..<count).map { "P\($0):\n  role: \(role)\n  custom_sections:\n    policy: \(section)\n" }.joined()
}

@Suite("persona build never destroys or skips: ownership, empty inputs, names, interruptions")
struct OutputSafetyCLITests {
    // MARK: Item 1

    @Test func item1_buildIntoItsOwnSourceFolderOverwritesNothing() throws {
        let folder = try Scratch(["p2/Maya.json": mayaJSON])
        defer { folder.cleanup() }
        for arguments in [["build", "p2", "--out", "p2"], ["build", "p2", "--out", "p2", "--check"], ["build", "p2/Maya.json", "--out", "p2"]] {
            let result = try CLI.run(arguments, in: folder.root)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains(
                "p2/Maya.json: error: this persona file is inside the output folder 'p2', where build writes; choose an output folder outside the input folders (see --out)"),
                "\(result.stderr)")
            #expect(folder.listing("p2") == ["Maya.json"])
            #expect(folder.read("p2/Maya.json") == mayaJSON)
        }
    }

    @Test func item1_aForeignManifestInTheOutputFolderIsAnErrorAndStays() throws {
        let webManifest = #"{"name": "Shop", "start_url": "/", "icons": []}"#
        let folder = try Scratch(["personas/maya.yaml": maya, "build/personas/manifest.json": webManifest])
        defer { folder.cleanup() }
        for arguments in [["build"], ["build", "--check"]] {
            let result = try CLI.run(arguments, in: folder.root)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("build/personas/manifest.json: error: is not a manifest of persona build ("), "\(result.stderr)")
            #expect(folder.listing("build/personas") == ["manifest.json"])
            #expect(folder.read("build/personas/manifest.json") == webManifest)
        }
    }

    @Test func item1_aFileNotListedWithOtherBytesIsNotReplacedButTheSameBytesAre() throws {
        let folder = try Scratch(["personas/maya.yaml": maya, "build/personas/Maya.txt": "my own notes"])
        defer { folder.cleanup() }
        let refused = try CLI.run(["build"], in: folder.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("build/personas/Maya.txt: error: exists and was not written by persona build"), "\(refused.stderr)")
        #expect(folder.listing("build/personas") == ["Maya.txt"])
        #expect(folder.read("build/personas/Maya.txt") == "my own notes")

        // The same bytes as build would write: taken as they are.
        let prompt = try CLI.run(["render", "Maya"], in: folder.root).stdout
        try Data(prompt.utf8).write(to: URL(fileURLWithPath: folder.root + "/build/personas/Maya.txt"))
        let built = try CLI.run(["build"], in: folder.root)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout == "built 1 persona into build/personas (2 of 3 files changed)\n")
    }

    @Test func item1_anOutputFolderInsideTheInputsSkipsItsOwnArtifactsAndSaysWhatToDo() throws {
        let folder = try Scratch(["personas/maya.yaml": maya])
        defer { folder.cleanup() }
        let warning = "personas/out: warning: the output folder is inside the input folder 'personas'; "
        let first = try CLI.run(["build", "personas", "--out", "personas/out"], in: folder.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.hasPrefix(warning))
        let second = try CLI.run(["build", "personas", "--out", "personas/out"], in: folder.root)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr == warning + "its 2 build artifacts are not read as persona files; move the output folder outside the input folders (see --out)\n")
        #expect(second.stdout == "built 1 persona into personas/out (0 of 3 files changed)\n")
    }

    @Test func item1_anInputFolderInsideTheOutputFolderIsFine() throws {
        // A build writes only plain file names directly in the output folder, never into a folder in it.
        let folder = try Scratch(["site/personas/maya.yaml": maya])
        defer { folder.cleanup() }
        let result = try CLI.run(["build", "site/personas", "--out", "site"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(folder.listing("site") == ["Maya.json", "Maya.txt", "manifest.json", "personas"])
        #expect(folder.read("site/personas/maya.yaml") == maya)
    }

    // MARK: Item 6

    @Test func item6_validateRejectsTheOutputNamesBuildRejects() throws {
        let folder = try Scratch(["personas/m.yaml": "name: manifest\nrole: r\n"])
        defer { folder.cleanup() }
        let expected = "personas/m.yaml:1:7: error: persona 'manifest' would overwrite the build's manifest.json; rename it, or build only the text files (see --format text)\n"
        let validate = try CLI.run(["validate"], in: folder.root)
        #expect(validate.status == 1)
        #expect(validate.stderr == expected)
        let build = try CLI.run(["build"], in: folder.root)
        #expect(build.status == 1)
        #expect(build.stderr == expected)
        #expect(try CLI.run(["validate", "--format", "text"], in: folder.root).status == 0)
    }

    // MARK: Item 7

    @Test func item7_noPersonaFileInTheInputsIsAnErrorAndTouchesNothing() throws {
        let folder = try Scratch(["personas/maya.yaml": maya, "empty/README.md": "no personas here"])
        defer { folder.cleanup() }
        #expect(try CLI.run(["build"], in: folder.root).status == 0)
        let before = folder.snapshot("build/personas")
        try FileManager.default.removeItem(atPath: folder.root + "/personas/maya.yaml")
        let result = try CLI.run(["build"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "personas: error: no persona files found (looked for .yaml, .yml and .json files)\n")
        #expect(folder.snapshot("build/personas") == before)
        for command in [["validate", "empty"], ["list", "empty"], ["lock", "empty"], ["build", "empty", "--check"]] {
            let other = try CLI.run(command, in: folder.root)
            #expect(other.status == 1, "\(command)")
            #expect(other.stderr == "empty: error: no persona files found (looked for .yaml, .yml and .json files)\n", "\(command)")
        }
        #expect(!folder.exists("empty/personas.lock"))
    }

    // MARK: Item 13

    @Test func item13_personasWhoseFilesFoldTogetherAreAnErrorInValidateAndBuild() throws {
        let folder = try Scratch(["personas/a.yaml": "name: Maya\nrole: r\n", "personas/b.yaml": "name: maya\nrole: r\n"])
        defer { folder.cleanup() }
        let expected = """
            personas/a.yaml:1:7: error: persona 'Maya' would be written to 'Maya.json' and persona 'maya' (at personas/b.yaml:1:7) \
            to 'maya.json': names that differ only in letter case, one file on macOS and Windows; rename one of them
            personas/b.yaml:1:7: error: persona 'maya' would be written to 'maya.json' and persona 'Maya' (at personas/a.yaml:1:7) \
            to 'Maya.json': names that differ only in letter case, one file on macOS and Windows; rename one of them

            """
        for command in [["validate"], ["build"]] {
            let result = try CLI.run(command, in: folder.root)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr == expected, "\(command)")
        }
        #expect(!folder.exists("build"))
    }

    // MARK: Item 8

    @Test(arguments: [SIGINT, SIGTERM])
    func item8_anInterruptedBuildLeavesNoTemporariesAndAWholeOutput(signal: Int32) throws {
        let folder = try Scratch(["personas/many.yaml": manyPersonas(1500, role: "Old")])
        defer { folder.cleanup() }
        #expect(try CLI.run(["build"], in: folder.root).status == 0)
        let old = folder.snapshot("build/personas")
        var interrupted = false
        for attempt in 0..<4 where !interrupted {
            try Data(manyPersonas(1500, role: "New\(attempt)").utf8).write(to: URL(fileURLWithPath: folder.root + "/personas/many.yaml"))
            let process = try start(["build"], in: folder.root)
            // Wait until the build is staging (its first temporary shows), then interrupt it.
            while process.isRunning && folder.temporaries("build/personas").isEmpty { usleep(200) }
            if process.isRunning { kill(process.processIdentifier, signal) }
            process.waitUntilExit()
            #expect(folder.temporaries("build/personas").isEmpty, "no temporary is left behind")
            let now = folder.snapshot("build/personas")
            if process.terminationStatus == 128 + signal {
                interrupted = true
                // The old output, or the whole new one: never a mix.
                let mentionsNew = now.values.contains { String(decoding: $0, as: UTF8.self).contains("New\(attempt)") }
                let mentionsOld = now.values.contains { String(decoding: $0, as: UTF8.self).contains("a Old") }
                #expect(now == old || (mentionsNew && !mentionsOld && now.count == old.count))
            } else {
                #expect(process.terminationStatus == 0)
            }
        }
        #expect(interrupted, "the build was interrupted while it ran")
        let check = try CLI.run(["build", "--check"], in: folder.root)
        #expect(check.stderr.contains(".tmp") == false)
    }

    @Test func item8_theNextBuildRemovesTemporariesOfDeadRunsAndKeepsThoseOfLiveOnes() throws {
        let folder = try Scratch(["personas/maya.yaml": maya])
        defer { folder.cleanup() }
        #expect(try CLI.run(["build"], in: folder.root).status == 0)
        // A process that has ended: its id names no process now.
        let ended = try start(["--help"], in: folder.root)
        ended.waitUntilExit()
        let dead = ".persona-\(ended.processIdentifier)-interrupted-0.tmp"
        let live = ".persona-\(getpid())-running-0.tmp"
        for name in [dead, live] {
            try Data("half a file".utf8).write(to: URL(fileURLWithPath: folder.root + "/build/personas/" + name))
        }

        let check = try CLI.run(["build", "--check"], in: folder.root)
        #expect(check.status == 1)
        #expect(check.stderr.contains("build/personas/\(dead): error: temporary file left by an interrupted build"))
        #expect(check.stderr.contains("build/personas/\(live): error: temporary file left by an interrupted build"))

        let build = try CLI.run(["build"], in: folder.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout == "built 1 persona into build/personas (0 of 3 files changed; removed 1 temporary left by an interrupted build)\n")
        #expect(folder.temporaries("build/personas") == [live])
    }
}

import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let base = "name: Base\nabstract: true\ncompany: Acme\nconstraints:\n  - Be kind\n"
private let maya = "name: Maya\nparent: Base\nversion: \"1.2.0\"\nrole: Support\ncapabilities:\n  - Look up orders\ngreeting: Hi!\n"
private let alex = #"{"name": "Alex", "parent": "Base", "version": "2.0.0", "role": "Sales"}"#

private let family = ["personas/base.yaml": base, "personas/maya.yaml": maya, "personas/alex.json": alex]

/// The state of a folder: each file's bytes and modification time.
private struct FolderState: Equatable {
    var files: [String: Data]
    var dates: [String: Date]

    init(_ path: String) {
        files = [:]
        dates = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            let full = path + "/" + name
            files[name] = FileManager.default.contents(atPath: full)
            dates[name] = (try? FileManager.default.attributesOfItem(atPath: full))?[.modificationDate] as? Date
        }
    }
}

private let longAgo = Date(timeIntervalSince1970: 1_000_000_000)

private extension Scratch {
    func writeFile(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
    }

    func removeFile(_ path: String) throws {
        try FileManager.default.removeItem(atPath: root + "/" + path)
    }

    /// Sets every file in `directory` to an old modification time.
    func ageFiles(_ directory: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: root + "/" + directory) {
            try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: root + "/" + directory + "/" + name)
        }
    }

    func editFile(_ path: String, _ old: String, _ new: String) throws {
        let text = try #require(read(path))
        #expect(text.contains(old))
        try writeFile(path, text.replacingOccurrences(of: old, with: new))
    }

    /// The `fingerprint` recorded for `name` in `file` (a manifest or lock file).
    func recordedFingerprint(_ name: String, in file: String) throws -> String {
        let data = try #require(FileManager.default.contents(atPath: root + "/" + file))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let personas = try #require(root["personas"] as? [[String: Any]])
        return try #require(personas.first { $0["name"] as? String == name }?["fingerprint"] as? String)
    }
}

/// Results gathered from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: CLI.Result] = [:]

    func set(_ index: Int, _ result: CLI.Result?) {
        lock.lock()
        values[index] = result
        lock.unlock()
    }

    func get(_ index: Int) -> CLI.Result? {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}

/// Runs the commands at the same time, each in its own process, and waits for all of them.
private func runConcurrently(_ commands: [[String]], in directory: String) -> [CLI.Result?] {
    let results = Results()
    let group = DispatchGroup()
    for (index, arguments) in commands.enumerated() {
        group.enter()
        Thread.detachNewThread {
            results.set(index, try? CLI.run(arguments, in: directory))
            group.leave()
        }
    }
    group.wait()
    return commands.indices.map(results.get)
}

@Suite("persona build as a build step: determinism, safety, --check, lock and diff")
struct BuildStepCLITests {
    @Test func sameInputsGiveTheSameBytesWhateverTheOrder() throws {
        let folder = try Scratch(family)
        defer { folder.cleanup() }
        let one = try CLI.run(["build", "personas/maya.yaml", "personas/base.yaml", "personas/alex.json", "--out", "one"], in: folder.root)
        let two = try CLI.run(["build", "personas/alex.json", "personas/maya.yaml", "personas/base.yaml", "--out", "two"], in: folder.root)
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        let first = FolderState(folder.root + "/one"), second = FolderState(folder.root + "/two")
        #expect(first.files == second.files)
        #expect(first.files.keys.sorted() == ["Alex.json", "Alex.txt", "Maya.json", "Maya.txt", "manifest.json"])
        // No machine paths: sources are the paths as given.
        #expect(try #require(folder.read("one/Maya.json")).contains(#""sources": [\#n    "personas/base.yaml",\#n    "personas/maya.yaml"\#n  ]"#))
        #expect(!(try #require(folder.read("one/Maya.json"))).contains(folder.root))
    }

    @Test func aBadFileAfterAGoodBuildChangesNothing() throws {
        let folder = try Scratch(family)
        defer { folder.cleanup() }
        #expect(try CLI.run(["build"], in: folder.root).status == 0)
        try folder.ageFiles("build/personas")
        let before = FolderState(folder.root + "/build/personas")

        try folder.writeFile("personas/bad.yaml", "name: Bad\nrole: r\ncapabilites: [x]\n")
        try folder.removeFile("personas/alex.json")
        let result = try CLI.run(["build"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "personas/bad.yaml:3:1: error: unknown field 'capabilites' (did you mean 'capabilities'?)\n")
        #expect(FolderState(folder.root + "/build/personas") == before)
    }

    @Test func unchangedFilesKeepTheirModificationTime() throws {
        let folder = try Scratch(family)
        defer { folder.cleanup() }
        #expect(try CLI.run(["build"], in: folder.root).stdout == "built 2 personas into build/personas (5 of 5 files changed)\n")
        try folder.ageFiles("build/personas")
        #expect(try CLI.run(["build"], in: folder.root).stdout == "built 2 personas into build/personas (0 of 5 files changed)\n")
        #expect(FolderState(folder.root + "/build/personas").dates.values.allSatisfy { $0 == longAgo })

        try folder.editFile("personas/maya.yaml", "role: Support", "role: Helper")
        #expect(try CLI.run(["build"], in: folder.root).stdout == "built 2 personas into build/personas (3 of 5 files changed)\n")
        let dates = FolderState(folder.root + "/build/personas").dates
        #expect(dates.filter { $0.value == longAgo }.keys.sorted() == ["Alex.json", "Alex.txt"])
    }

    @Test func anUnchangedBuildIsProvenFromItsRecordAndSaysWhatAFullBuildSays() throws {
        let folder = try Scratch(family)
        defer { folder.cleanup() }
        let first = try CLI.run(["build"], in: folder.root)
        #expect(first.stdout == "built 2 personas into build/personas (5 of 5 files changed)\n")
        // The record is kept in the cache folder (here the test's own), not among the outputs.
        let records = try FileManager.default.contentsOfDirectory(atPath: folder.root + "/.cache/llm-persona/builds")
        #expect(records.count == 1)
        let record = try #require(folder.read(".cache/llm-persona/builds/" + (records.first ?? "")))
        #expect(record.hasPrefix("llm-persona build record 1\nkey sha256:"))
        #expect(FolderState(folder.root + "/build/personas").files.keys.sorted() == ["Alex.json", "Alex.txt", "Maya.json", "Maya.txt", "manifest.json"])
        try folder.ageFiles("build/personas")
        let before = FolderState(folder.root + "/build/personas")
        let again = try CLI.run(["build"], in: folder.root)
        #expect(again.stdout == "built 2 personas into build/personas (0 of 5 files changed)\n" && again.stderr.isEmpty)
        #expect(FolderState(folder.root + "/build/personas") == before, "nothing written")
        #expect(try CLI.run(["build", "--no-cache"], in: folder.root).stdout == again.stdout, "a full build says the same")
        let check = try CLI.run(["build", "--check"], in: folder.root)
        #expect(check.status == 0 && check.stdout == "build/personas is up to date (5 files)\n")

        // An output edited by hand: the record no longer proves anything; the full
        // build finds the file, and --check reports it, as without a record.
        try folder.writeFile("build/personas/Maya.txt", "edited\n")
        let stale = try CLI.run(["build", "--check"], in: folder.root)
        #expect(stale.status == 1)
        #expect(stale.stderr.hasPrefix("build/personas/Maya.txt: error: stale (differs from what build would write)\n"))
        #expect(try CLI.run(["build"], in: folder.root).stdout == "built 2 personas into build/personas (1 of 5 files changed)\n")
        #expect(FolderState(folder.root + "/build/personas").files == before.files)

        // A changed input, or another option, is a full build.
        try folder.editFile("personas/maya.yaml", "role: Support", "role: Helper")
        #expect(try CLI.run(["build"], in: folder.root).stdout == "built 2 personas into build/personas (3 of 5 files changed)\n")
        #expect(try CLI.run(["build", "--format", "text"], in: folder.root).stdout
            == "built 2 personas into build/personas (1 of 3 files changed, 2 removed)\n")
    }

    @Test func aBuildThatWarnsKeepsNoRecordSoEveryRunWarns() throws {
        let folder = try Scratch(["personas/maya.yaml": "name: Maya\nrole: Support\nvariables:\n  unused: {default: a}\n"])
        defer { folder.cleanup() }
        let first = try CLI.run(["build"], in: folder.root)
        #expect(first.status == 0)
        #expect(first.stderr.contains("warning:"), "\(first.stderr)")
        let records = (try? FileManager.default.contentsOfDirectory(atPath: folder.root + "/.cache/llm-persona/builds")) ?? []
        #expect(records.isEmpty, "no record of a build that warned")
        let second = try CLI.run(["build"], in: folder.root)
        #expect(second.stderr == first.stderr)
        #expect(second.stdout == "built 1 persona into build/personas (0 of 3 files changed)\n")
    }

    @Test func filesOfRemovedPersonasGoAndForeignFilesStay() throws {
        let folder = try Scratch(family.merging([
            "build/personas/README.md": "ours, not the build's",
            "build/personas/Old.txt": "not in any manifest",
        ]) { $1 })
        defer { folder.cleanup() }
        #expect(try CLI.run(["build"], in: folder.root).status == 0)
        try folder.removeFile("personas/alex.json")
        let result = try CLI.run(["build"], in: folder.root)
        #expect(result.stdout == "built 1 persona into build/personas (1 of 3 files changed, 2 removed)\n")
        #expect(FolderState(folder.root + "/build/personas").files.keys.sorted() == [
            "Maya.json", "Maya.txt", "Old.txt", "README.md", "manifest.json",
        ])
        #expect(folder.read("build/personas/README.md") == "ours, not the build's")
        #expect(folder.read("build/personas/Old.txt") == "not in any manifest")
    }

    @Test func checkWritesNothingAndListsEveryDifference() throws {
        let folder = try Scratch(family)
        defer { folder.cleanup() }
        let fresh = try CLI.run(["build", "--check"], in: folder.root)
        #expect(fresh.status == 1)
        #expect(fresh.stdout.isEmpty)
        #expect(fresh.stderr == """
            build/personas/Alex.json: error: missing (build would write it)
            build/personas/Alex.txt: error: missing (build would write it)
            build/personas/Maya.json: error: missing (build would write it)
            build/personas/Maya.txt: error: missing (build would write it)
            build/personas/manifest.json: error: missing (build would write it)
            build/personas: note: 5 files are not up to date; run persona build to update

            """)
        #expect(!folder.exists("build"))

        #expect(try CLI.run(["build"], in: folder.root).status == 0)
        let clean = try CLI.run(["build", "--check"], in: folder.root)
        #expect(clean.status == 0)
        #expect(clean.stdout == "build/personas is up to date (5 files)\n")
        #expect(clean.stderr.isEmpty)

        try folder.writeFile("build/personas/Maya.txt", "edited by hand")
        try folder.writeFile("build/personas/notes.md", "not the build's")
        try folder.editFile("personas/maya.yaml", "name: Maya", "name: Mia")
        let before = FolderState(folder.root + "/build/personas")
        let stale = try CLI.run(["build", "--check"], in: folder.root)
        #expect(stale.status == 1)
        #expect(stale.stderr == """
            build/personas/Maya.json: error: extra (listed in the manifest, no longer built)
            build/personas/Maya.txt: error: extra (listed in the manifest, no longer built)
            build/personas/Mia.json: error: missing (build would write it)
            build/personas/Mia.txt: error: missing (build would write it)
            build/personas/manifest.json: error: stale (differs from what build would write)
            build/personas: note: 5 files are not up to date; run persona build to update

            """)
        #expect(FolderState(folder.root + "/build/personas") == before)

        let text = try CLI.run(["build", "--check", "--format", "text", "--out", "build/personas"], in: folder.root)
        #expect(text.status == 1)
        #expect(text.stderr.contains("build/personas/Maya.json: error: extra"))

        #expect(try CLI.run(["build"], in: folder.root).status == 0)
        #expect(try CLI.run(["build", "--check"], in: folder.root).status == 0)
    }

    @Test func theLockFlow() throws {
        let folder = try Scratch(family)
        defer { folder.cleanup() }
        // No lock file yet: nothing to drift from.
        #expect(try CLI.run(["build"], in: folder.root).status == 0)

        let locked = try CLI.run(["lock"], in: folder.root)
        #expect(locked.status == 0)
        #expect(locked.stdout == "Alex: added (2.0.0)\nMaya: added (1.2.0)\nlocked 2 personas in personas/personas.lock\n")
        #expect(try CLI.run(["lock"], in: folder.root).stdout == "personas/personas.lock is up to date (2 personas)\n")
        #expect(try CLI.run(["lock", "--check"], in: folder.root).status == 0)
        let oldFingerprint = try folder.recordedFingerprint("Maya", in: "personas/personas.lock")

        // A change without a new version fails the build, and writes nothing.
        try folder.ageFiles("build/personas")
        let before = FolderState(folder.root + "/build/personas")
        try folder.editFile("personas/maya.yaml", "  - Look up orders\n", "  - Look up orders\n  - Issue refunds\n")
        let drift = try CLI.run(["build"], in: folder.root)
        #expect(drift.status == 1)
        #expect(drift.stdout.isEmpty)
        #expect(drift.stderr == """
            personas/maya.yaml:3:10: error: Maya changed but version is still 1.2.0: bump it or run persona lock
            personas/personas.lock:25:5: note: changed since the lock: capabilities

            """)
        #expect(FolderState(folder.root + "/build/personas") == before)
        #expect(try CLI.run(["build", "--check"], in: folder.root).stderr == drift.stderr)

        // What changed since the lock.
        let diff = try CLI.run(["diff", "Maya", "--against-lock"], in: folder.root)
        #expect(diff.status == 0)
        // A lock that records nothing lets the changed persona build (a lock named with --lock must exist).
        try Data(#"{"format": 1, "personas": []}"#.utf8).write(to: URL(fileURLWithPath: folder.root + "/empty.lock"))
        #expect(try CLI.run(["build", "--out", "peek", "--lock", "empty.lock"], in: folder.root).status == 0)
        let newFingerprint = try folder.recordedFingerprint("Maya", in: "peek/manifest.json")
        #expect(diff.stdout == """
            --- Maya (personas/personas.lock)
            +++ Maya (personas)
            capabilities: + Issue refunds
            fingerprint: \(oldFingerprint) -> \(newFingerprint)

            """)
        let stale = try CLI.run(["lock", "--check"], in: folder.root)
        #expect(stale.status == 1)
        #expect(stale.stderr == "personas/personas.lock: error: not up to date (Maya: changed at 1.2.0 (capabilities)); run persona lock\n")

        // Bumping the version is enough for the build; `persona lock` records it.
        try folder.editFile("personas/maya.yaml", "\"1.2.0\"", "\"1.3.0\"")
        #expect(try CLI.run(["build"], in: folder.root).stdout == "built 2 personas into build/personas (3 of 5 files changed)\n")
        #expect(try CLI.run(["lock"], in: folder.root).stdout == "Maya: 1.2.0 -> 1.3.0\nlocked 2 personas in personas/personas.lock\n")
        #expect(try CLI.run(["diff", "Maya", "--against-lock"], in: folder.root).stdout == "no differences\n")

        // A base counts for every descendant; `persona lock` accepts a change as it is.
        try folder.editFile("personas/base.yaml", "Be kind", "Be kind and brief")
        let base = try CLI.run(["build"], in: folder.root)
        #expect(base.status == 1)
        #expect(base.stderr == """
            personas/alex.json:1:47: error: Alex changed but version is still 2.0.0: bump it or run persona lock
            personas/personas.lock:4:5: note: changed since the lock: constraints
            personas/maya.yaml:3:10: error: Maya changed but version is still 1.3.0: bump it or run persona lock
            personas/personas.lock:25:5: note: changed since the lock: constraints

            """)
        let accepted = try CLI.run(["lock"], in: folder.root)
        #expect(accepted.stdout == """
            Alex: changed at 2.0.0 (constraints)
            Maya: changed at 1.3.0 (constraints)
            locked 2 personas in personas/personas.lock

            """)
        #expect(try CLI.run(["build"], in: folder.root).status == 0)
    }

    @Test func lockLocationAndOption() throws {
        let folder = try Scratch(family)
        defer { folder.cleanup() }
        // For a file input, the lock goes beside the file.
        #expect(try CLI.run(["lock", "personas/maya.yaml", "personas/base.yaml"], in: folder.root).stdout
            == "Maya: added (1.2.0)\nlocked 1 persona in personas/personas.lock\n")
        try folder.removeFile("personas/personas.lock")

        #expect(try CLI.run(["lock", "--lock", "team.lock"], in: folder.root).status == 0)
        #expect(folder.exists("team.lock"))
        #expect(!folder.exists("personas/personas.lock"))
        try folder.editFile("personas/maya.yaml", "role: Support", "role: Helper")
        #expect(try CLI.run(["build"], in: folder.root).status == 0, "no lock at the default place")
        let drift = try CLI.run(["build", "--lock", "team.lock"], in: folder.root)
        #expect(drift.status == 1)
        #expect(drift.stderr.hasPrefix("personas/maya.yaml:3:10: error: Maya changed but version is still 1.2.0: bump it or run persona lock\nteam.lock:"))

        try folder.writeFile("team.lock", "<<<<<<< HEAD\n")
        let broken = try CLI.run(["build", "--lock", "team.lock"], in: folder.root)
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("team.lock:1:1: error: invalid lock file: "))
        let missing = try CLI.run(["diff", "Maya", "--against-lock"], in: folder.root)
        #expect(missing.status == 1)
        #expect(missing.stderr == "personas/personas.lock: error: no lock file; run persona lock to create it\n")
        // persona lock replaces a lock file it cannot read, and says so.
        let replaced = try CLI.run(["lock", "--lock", "team.lock"], in: folder.root)
        #expect(replaced.status == 0)
        #expect(replaced.stderr == "team.lock: warning: replacing a lock file that cannot be read\n")
    }

    @Test func helpListsLockAndDiff() throws {
        let folder = try Scratch([:])
        defer { folder.cleanup() }
        let result = try CLI.run(["--help"], in: folder.root)
        for command in ["lock", "diff"] {
            #expect(result.stdout.contains("  \(command) "), "\(command) missing from --help")
        }
        let build = try CLI.run(["build", "--help"], in: folder.root)
        for option in ["--check", "--lock <file>", "--wait <seconds>"] {
            #expect(build.stdout.contains(option), "\(option) missing from build --help")
        }
    }

    @Test func diffOfTwoPersonas() throws {
        let folder = try Scratch(family)
        defer { folder.cleanup() }
        #expect(try CLI.run(["build", "--out", "out"], in: folder.root).status == 0)
        let result = try CLI.run(["diff", "Alex", "Maya"], in: folder.root)
        #expect(result.status == 0)
        #expect(result.stdout == """
            --- Alex
            +++ Maya
            version: "2.0.0" -> "1.2.0"
            lineage: ["Base","Alex"] -> ["Base","Maya"]
            role: "Sales" -> "Support"
            capabilities: + Look up orders
            greeting: (none) -> "Hi!"
            fingerprint: \(try folder.recordedFingerprint("Alex", in: "out/manifest.json")) -> \(try folder.recordedFingerprint("Maya", in: "out/manifest.json"))

            """)
        #expect(try CLI.run(["diff", "Maya", "Maya", "personas"], in: folder.root).stdout == "no differences\n")
        let unknown = try CLI.run(["diff", "Maya", "Mya"], in: folder.root)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: unknown persona 'Mya' (did you mean 'Maya'?)\n")
        let one = try CLI.run(["diff", "Maya"], in: folder.root)
        #expect(one.status != 0)
        #expect(one.stderr.contains("expected two persona names"))
    }

    @Test func aBuildWaitsForTheFolderLockAndGivesUpWithAClearMessage() throws {
        let folder = try Scratch(family)
        defer { folder.cleanup() }
        #expect(try CLI.run(["build", "--out", "out"], in: folder.root).status == 0)
        try folder.editFile("personas/maya.yaml", "role: Support", "role: Helper")
        let before = FolderState(folder.root + "/out")

        let descriptor = open(folder.root + "/out", O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX) == 0)
        let gaveUp = try CLI.run(["build", "--out", "out", "--wait", "1"], in: folder.root)
        #expect(gaveUp.status == 1)
        #expect(gaveUp.stderr == "out: error: another persona build is writing to this directory; gave up after 1 second (see --wait)\n")
        #expect(FolderState(folder.root + "/out") == before)

        // A build that finds the lock held waits, and finishes once it is released.
        let results = Results()
        let group = DispatchGroup()
        group.enter()
        Thread.detachNewThread {
            results.set(0, try? CLI.run(["build", "--out", "out", "--wait", "60"], in: folder.root))
            group.leave()
        }
        #expect(group.wait(timeout: .now() + 1) == .timedOut, "the build waits for the lock")
        #expect(FolderState(folder.root + "/out") == before)
        #expect(flock(descriptor, LOCK_UN) == 0)
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(results.get(0)?.status == 0)
        #expect(results.get(0)?.stdout == "built 2 personas into out (3 of 5 files changed)\n")
    }

    @Test func concurrentBuildsIntoOneFolderLeaveOneConsistentSet() throws {
        // Two input sets with many personas each (a long write phase), sharing one name.
        func set(_ prefix: String, role: String) -> String {
            (0..<120).map { "\(prefix)\($0):\n  role: \(role)\n  version: \"1.0.0\"\n" }.joined()
                + "Shared:\n  role: \(role)\n"
        }
        let folder = try Scratch(["a/all.yaml": set("A", role: "Alpha"), "b/all.yaml": set("B", role: "Beta")])
        defer { folder.cleanup() }
        #expect(try CLI.run(["build", "a", "--out", "ref-a"], in: folder.root).status == 0)
        #expect(try CLI.run(["build", "b", "--out", "ref-b"], in: folder.root).status == 0)
        let expectedA = FolderState(folder.root + "/ref-a").files
        let expectedB = FolderState(folder.root + "/ref-b").files
        #expect(expectedA.count == 243 && expectedB.count == 243)

        for round in 0..<6 {
            let order = round % 2 == 0 ? ["a", "b"] : ["b", "a"]
            let results = runConcurrently(order.map { ["build", $0, "--out", "out"] }, in: folder.root)
            for result in results {
                #expect(result?.status == 0, "\(result?.stderr ?? "did not run")")
            }
            let files = FolderState(folder.root + "/out").files
            #expect(files == expectedA || files == expectedB, "round \(round): a mixed set of \(files.count) files")
        }
    }
}

import Foundation
import Testing
import TestSupport

/// How every command reports: in file and position order, one line a problem,
/// and saying why (merge conflicts, missing lock files, output folders).
@Suite("persona diagnostics: order, escaping, reasons")
struct DiagnosticReportTests {
    /// Errors in three files, named on the command line out of order; the
    /// first file's error is found late (by the template check, after inheritance).
    private static let threeBadFiles = [
        "p/c.yaml": "name: C\nrole: r\ncapabilites: [x]\n",
        "p/a.yaml": "name: A\nrole: r\ncustom_sections:\n  s: \"{nope}\"\n",
        "p/b.yaml": "name: B\nrole: r\ntone: [x]\n",
    ]

    @Test func diagnosticsOfSeveralFilesComeOutInFileAndPositionOrder() throws {
        let folder = try Scratch(Self.threeBadFiles)
        defer { folder.cleanup() }
        let files = ["p/c.yaml", "p/a.yaml", "p/b.yaml"]
        let human = try CLI.run(["validate"] + files, in: folder.root)
        #expect(human.status == 1)
        #expect(human.stderr.split(separator: "\n").map { $0.components(separatedBy: ": error: ")[0] } == [
            "p/a.yaml:4:7", "p/b.yaml:3:7", "p/c.yaml:3:1",
        ])
        #expect(human.stderr.hasSuffix("""
            p/b.yaml:3:7: error: 'tone' must be a string, found a list
            p/c.yaml:3:1: error: unknown field 'capabilites' (did you mean 'capabilities'?)

            """))
        let github = try CLI.run(["validate", "--diagnostics", "github"] + files, in: folder.root)
        #expect(github.stdout.split(separator: "\n").map { $0.split(separator: ",").prefix(2).joined(separator: ",") } == [
            "::error file=p/a.yaml,line=4", "::error file=p/b.yaml,line=3", "::error file=p/c.yaml,line=3",
        ])
        let json = try CLI.run(["validate", "--diagnostics", "json"] + files, in: folder.root)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(items.map { "\($0["file"] ?? ""):\($0["line"] ?? "")" } == ["p/a.yaml:4", "p/b.yaml:3", "p/c.yaml:3"])
        // build and list report in the same order.
        for command in [["build", "--out", "out"], ["list"]] {
            #expect(try CLI.run(command + files, in: folder.root).stderr == human.stderr)
        }
    }

    @Test func errorsFoundByDifferentChecksInterleaveByPosition() throws {
        // A template error (found after inheritance) in a.yaml comes before a schema error in b.yaml.
        let folder = try Scratch([
            "p/b.yaml": "name: B\nrole: r\ncapabilites: [x]\n",
            "p/a.yaml": "name: A\nrole: \"{nope}\"\n",
        ])
        defer { folder.cleanup() }
        let result = try CLI.run(["validate", "p"], in: folder.root)
        let files = result.stderr.split(separator: "\n").map { $0.prefix(8) }
        #expect(files == ["p/a.yaml", "p/b.yaml"], "\(result.stderr)")
    }

    @Test func driftErrorsComeOutInFileOrder() throws {
        // Alex sorts before Maya by name, but its file comes after Maya's.
        let folder = try Scratch([
            "p/a-maya.yaml": "name: Maya\nversion: \"1\"\nrole: r\n",
            "p/z-alex.yaml": "name: Alex\nversion: \"1\"\nrole: r\n",
        ])
        defer { folder.cleanup() }
        #expect(try CLI.run(["lock", "p"], in: folder.root).status == 0)
        try Data("name: Maya\nversion: \"1\"\nrole: changed\n".utf8).write(to: URL(fileURLWithPath: folder.root + "/p/a-maya.yaml"))
        try Data("name: Alex\nversion: \"1\"\nrole: changed\n".utf8).write(to: URL(fileURLWithPath: folder.root + "/p/z-alex.yaml"))
        let result = try CLI.run(["validate", "p"], in: folder.root)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("p/a-maya.yaml:2:10: error: Maya changed") == true)
        #expect(lines.dropFirst().first?.hasPrefix("p/personas.lock:") == true)
        #expect(lines.dropFirst(2).first?.hasPrefix("p/z-alex.yaml:2:10: error: Alex changed") == true)
    }

    @Test func valuesWithLineBreaksAndTabsAreEscapedInHumanOutput() throws {
        let folder = try Scratch(["p/a.yaml": "name: A\nrole: r\n\"bad\\nfield\\tx\": 1\n"])
        defer { folder.cleanup() }
        let result = try CLI.run(["validate", "p"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stderr == #"p/a.yaml:3:1: error: unknown field 'bad\nfield\tx'"# + "\n")
        // JSON output keeps the value as it is.
        let json = try CLI.run(["validate", "p", "--diagnostics", "json"], in: folder.root)
        #expect(json.stdout.contains(#""message": "unknown field 'bad\nfield\tx'""#))
    }

    @Test func lockFileWithMergeConflictMarkersGetsTheMergeConflictMessage() throws {
        let folder = try Scratch([
            "p/a.yaml": "name: A\nrole: r\n",
            "p/personas.lock": "{\n<<<<<<< ours\n  \"format\": 1,\n=======\n  \"format\": 1,\n>>>>>>> theirs\n}\n",
        ])
        defer { folder.cleanup() }
        for command in [["validate", "p"], ["build", "p", "--out", "out"], ["lock", "p", "--check"]] {
            let result = try CLI.run(command, in: folder.root)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix(
                "p/personas.lock:2:1: error: merge conflict marker '<<<<<<<': resolve the conflict and remove the markers\n"),
                "\(command): \(result.stderr)")
        }
        #expect(!folder.exists("out"))
    }

    @Test func lockCheckWithoutALockFileSaysThereIsNone() throws {
        let folder = try Scratch(["p/a.yaml": "name: A\nversion: \"1\"\nrole: r\n"])
        defer { folder.cleanup() }
        let result = try CLI.run(["lock", "p", "--check"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stderr == "p/personas.lock: error: there is no lock file; run persona lock to create it\n")
        #expect(!folder.exists("p/personas.lock"))
    }

    @Test func listMarksAbstractBases() throws {
        let folder = try Scratch([
            "p/a.yaml": "Base: {abstract: true, company: Acme}\nMaya: {parent: Base, role: r}\nZed: {role: r}\n",
        ])
        defer { folder.cleanup() }
        let result = try CLI.run(["list", "p"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Base\tabstract\nMaya\nZed\n")
    }

    @Test func emptyOutputFolderNameSaysWhy() throws {
        let folder = try Scratch(["p/a.yaml": "name: A\nrole: r\n"])
        defer { folder.cleanup() }
        for check in [[], ["--check"]] {
            let result = try CLI.run(["build", "p", "--out", ""] + check, in: folder.root)
            #expect(result.status == 1)
            #expect(result.stderr == "--out \"\": error: the output directory path is empty: No such file or directory\n")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func outputFolderThatCannotBeCreatedSaysWhy() throws {
        let folder = try Scratch(["p/a.yaml": "name: A\nrole: r\n", "file": "x"])
        defer { folder.cleanup() }
        let below = try CLI.run(["build", "p", "--out", "file/out"], in: folder.root)
        #expect(below.status == 1)
        #expect(below.stderr == "file/out: error: cannot create output directory: Not a directory\n")
        let long = String(repeating: "x", count: 300)
        let tooLong = try CLI.run(["build", "p", "--out", long], in: folder.root)
        #expect(tooLong.status == 1)
        #expect(tooLong.stderr == "\(long): error: cannot create output directory: File name too long\n")
        // Missing parents are created.
        let nested = try CLI.run(["build", "p", "--out", "a/b//c/"], in: folder.root)
        #expect(nested.status == 0, "\(nested.stderr)")
        #expect(folder.exists("a/b/c/A.txt"))
    }
}

@Suite("persona diagnostics: names from the command line")
struct CommandLineNameTests {
    @Test func unknownPersonaNameWithALineBreakIsShownEscaped() throws {
        let folder = try Scratch(["p/a.yaml": "name: A\nrole: r\n"])
        defer { folder.cleanup() }
        let result = try CLI.run(["render", "B\nC", "p"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stderr == #"error: unknown persona 'B\nC'"# + "\n")
    }
}

import Foundation
import Testing
import TestSupport

/// Every class of bad input a pre-commit hook or CI job meets, through the real
/// `persona` binary: exit status 1, the file named (with `line:col` where there
/// is one), nothing on standard output, and a previous build left exactly as it was.
///
/// Each case starts from a good build into `out/`, then builds the good folder
/// together with the bad input into the same `out/`.
@Suite("bad input through the command line")
struct BadInputTests {
    /// One bad file: its name, its bytes, and the start of the first error line.
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var file: String
        var bytes: [UInt8]
        var expected: String
        var testDescription: String { label }

        init(_ label: String, _ file: String, _ text: String, _ expected: String) {
            self.init(label, file, bytes: Array(text.utf8), expected)
        }

        init(_ label: String, _ file: String, bytes: [UInt8], _ expected: String) {
            self.label = label
            self.file = file
            self.bytes = bytes
            self.expected = expected
        }
    }

    static let aliasBomb: String = {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for level in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = level
        }
        return text
    }()

    /// Bytes that are not text: a PNG signature, then a fixed pseudo-random run.
    static let binaryGarbage: [UInt8] = {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var state: UInt32 = 2_463_534_242
        for _ in 0..<4096 {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            bytes.append(UInt8(truncatingIfNeeded: state))
        }
        return bytes
    }()

    static let cases: [Case] = [
        Case("empty file", "bad.yaml", "", "bad.yaml:1:1: error: file contains no personas"),
        Case("only comments", "bad.yaml", "# a persona\n# goes here\n", "bad.yaml:1:1: error: file contains no personas"),
        Case("top-level list", "bad.yaml", "- name: A\n  role: r\n", "bad.yaml:1:1: error: expected a persona"),
        Case("top-level scalar", "bad.json", "\"Maya\"", "bad.json:1:1: error: expected a persona"),
        Case("invalid UTF-8", "bad.yaml", bytes: Array("name: A\nrole: ".utf8) + [0xFF, 0xFE, 0x0A],
             "bad.yaml:2:7: error: invalid leading UTF-8 octet"),
        Case("invalid UTF-8 in JSON", "bad.json", bytes: Array(#"{"name": "A", "role": ""#.utf8) + [0xC3, 0x28, 0x22, 0x7D],
             "bad.json:1:24: error: "),
        Case("NUL byte in YAML", "bad.yaml", "name: A\nrole: r\u{0}x\n", "bad.yaml:2:8: error: control characters are not allowed (U+0000)"),
        Case("NUL byte in JSON", "bad.json", "{\"name\": \"A\", \"role\": \"r\u{0}\"}", "bad.json:1:25: error: control character U+0000"),
        Case("merge conflict in YAML", "bad.yaml",
             "name: A\n<<<<<<< HEAD\nrole: r\n=======\nrole: s\n>>>>>>> feature\n",
             "bad.yaml:2:1: error: merge conflict marker '<<<<<<<'"),
        Case("merge conflict in JSON", "bad.json",
             "{\"name\": \"A\",\r\n<<<<<<< HEAD\r\n\"role\": \"r\"\r\n=======\r\n\"role\": \"s\"\r\n>>>>>>> feature\r\n}",
             "bad.json:2:1: error: merge conflict marker '<<<<<<<'"),
        Case("tab indentation", "bad.yaml", "name: A\nrole: r\ncapabilities:\n\t- x\n",
             "bad.yaml:4:1: error: found a tab character used for indentation"),
        Case("unclosed quote", "bad.yaml", "name: \"A\nrole: r\n", "bad.yaml:1:7: error: unclosed quote: this quoted text has no closing quote"),
        Case("unclosed bracket", "bad.yaml", "name: A\nrole: [r\n", "bad.yaml:2:7: error: unclosed '[': this list has no closing ']'"),
        Case("unclosed brace in JSON", "bad.json", "{\"name\": \"A\", \"role\": \"r\"", "bad.json:1:1: error: unclosed '{': this object has no closing '}'"),
        Case("duplicate key", "bad.yaml", "name: A\nrole: r\nrole: s\n", "bad.yaml:3:1: error: duplicate key 'role' (first defined at 2:1)"),
        Case("duplicate key in JSON", "bad.json", "{\"name\": \"A\", \"name\": \"B\", \"role\": \"r\"}", "bad.json:1:15: error: duplicate key 'name'"),
        Case("binary garbage", "bad.yaml", bytes: binaryGarbage, "bad.yaml:1:1: error: invalid leading UTF-8 octet"),
        Case("binary garbage as JSON", "bad.json", bytes: binaryGarbage, "bad.json:1:1: error: unexpected byte 0x89"),
        Case("200 000 nested brackets", "bad.yaml",
             String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000),
             "bad.yaml:1:65: error: nesting deeper than 64 levels"),
        Case("200 000 nested brackets in JSON", "bad.json",
             String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000),
             "bad.json:1:65: error: nesting deeper than 64 levels"),
        Case("2 000 nested block mappings", "bad.yaml",
             (0..<2_000).map { String(repeating: " ", count: $0) + "k:\n" }.joined(),
             "bad.yaml:65:"),
        Case("alias bomb", "bad.yaml", aliasBomb, "bad.yaml:6:"),
        Case("name escaping the output folder", "bad.yaml", "name: ../../etc/evil\nrole: r\n",
             "bad.yaml:1:7: error: persona name '../../etc/evil' must not start with '.'"),
        Case("name '..'", "bad.yaml", "\"..\":\n  role: r\n", "bad.yaml:1:1: error: persona name '..' must not start with '.'"),
        Case("name with a slash", "bad.json", #"{"sub/evil": {"role": "r"}}"#,
             "bad.json:1:2: error: persona name 'sub/evil' must not contain '/' or '\\'"),
        Case("absolute name", "bad.yaml", "name: /tmp/evil\nrole: r\n", "bad.yaml:1:7: error: persona name '/tmp/evil' must not contain '/'"),
    ]

    @Test(arguments: cases)
    func badFileFailsAndWritesNothing(_ bad: Case) throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("bad/" + bad.file, bad.bytes)
        let result = try CLI.run(["build", "good", "bad", "--out", "out"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("bad/" + bad.expected), "\(result.stderr.prefix(500))")
        #expect(build.unchanged())
    }

    @Test func crlfAndByteOrderMarkWork() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("bad/crlf.yaml", [0xEF, 0xBB, 0xBF] + Array("name: Bo\r\nrole: Tester\r\ncapabilities:\r\n  - Test\r\n".utf8))
        try build.write("bad/bom.json", [0xEF, 0xBB, 0xBF] + Array("{\"name\": \"Cy\",\r\n \"role\": \"Tester\"}\r\n".utf8))
        let result = try CLI.run(["build", "bad", "--out", "crlf"], in: build.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(build.read("crlf/Bo.txt") == "You are Bo, a Tester.\n\nTone: helpful and professional\n\nYou can:\n- Test")
        #expect(build.read("crlf/Cy.txt") == "You are Cy, a Tester.\n\nTone: helpful and professional")
    }

    @Test func sixtyMebibyteFileIsRefusedBySize() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("bad/huge.yaml", Array("name: A\nrole: r\n".utf8))
        // Sparse: 60 MiB long, no disk used.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: build.path("bad/huge.yaml")))
        try handle.truncate(atOffset: 60 << 20)
        try handle.close()
        let result = try CLI.run(["build", "good", "bad", "--out", "out"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stderr == "bad/huge.yaml: error: file is larger than the 8 MiB limit (see --max-file-size)\n")
        #expect(build.unchanged())
        let raised = try CLI.run(["validate", "bad", "--max-file-size", "100"], in: build.root)
        #expect(raised.stderr == "bad/huge.yaml: error: file is larger than the 100 bytes limit (see --max-file-size)\n")
    }

    @Test func directorySymlinkLoopIsAnError() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("bad/a.yaml", Array("name: A\nrole: r\n".utf8))
        try FileManager.default.createDirectory(atPath: build.path("bad/sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: build.path("bad/sub/up"), withDestinationPath: "..")
        let result = try CLI.run(["build", "good", "bad", "--out", "out"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stderr == "bad/sub/up: error: symbolic link loop: '..' leads back to a folder this link is inside\n")
        #expect(build.unchanged())
    }

    @Test func secondWayIntoAFolderIsReadOnce() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("more/a.yaml", Array("name: A\nrole: r\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: build.path("good/alias"), withDestinationPath: "../more")
        let result = try CLI.run(["list", "good", "more"], in: build.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "A\nMaya\n")
    }

    @Test func brokenSymlinkIsAnError() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try FileManager.default.createDirectory(atPath: build.path("bad"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: build.path("bad/gone.yaml"), withDestinationPath: "moved.yaml")
        let result = try CLI.run(["build", "good", "bad", "--out", "out"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stderr == "bad/gone.yaml: error: broken symbolic link (to 'moved.yaml')\n")
        #expect(build.unchanged())
    }

    /// A FIFO named like a persona file used to block the build forever.
    @Test func pipeNamedLikeAPersonaFileIsAnErrorNotAHang() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try FileManager.default.createDirectory(atPath: build.path("bad"), withIntermediateDirectories: true)
        #expect(mkfifo(build.path("bad/pipe.yaml"), 0o644) == 0)
        let result = try CLI.run(["build", "good", "bad", "--out", "out"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stderr == "bad/pipe.yaml: error: not a regular file (a pipe, socket or device)\n")
        #expect(build.unchanged())
    }

    @Test func missingPathFailsAndWritesNothing() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        let result = try CLI.run(["build", "good", "nowhere.yaml", "--out", "out"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stderr == "nowhere.yaml: error: no such file or directory\n")
        #expect(build.unchanged())
    }

    /// Permission bits do not stop root, and the tests may run as root (in containers).
    @Test(.enabled(if: getuid() != 0, "running as root: permission bits do not apply"))
    func unreadableFileFailsAndWritesNothing() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("bad/secret.yaml", Array("name: A\nrole: r\n".utf8))
        #expect(chmod(build.path("bad/secret.yaml"), 0) == 0)
        let result = try CLI.run(["build", "good", "bad", "--out", "out"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stderr == "bad/secret.yaml: error: permission denied\n")
        #expect(build.unchanged())
    }

    @Test(.enabled(if: getuid() != 0, "running as root: permission bits do not apply"))
    func unwritableOutputDirectoryFailsAndKeepsItsFiles() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("good/more.yaml", Array("name: Zed\nrole: r\n".utf8))
        #expect(chmod(build.path("out"), 0o555) == 0)
        defer { _ = chmod(build.path("out"), 0o755) }
        let result = try CLI.run(["build", "good", "--out", "out"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("out"), "\(result.stderr)")
        #expect(build.unchanged())
    }

    @Test func outputDirectoryThatIsAFileFails() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("plain", Array("keep me".utf8))
        let direct = try CLI.run(["build", "good", "--out", "plain"], in: build.root)
        #expect(direct.status == 1)
        #expect(direct.stderr == "plain: error: output path exists and is not a directory\n")
        let below = try CLI.run(["build", "good", "--out", "plain/prompts"], in: build.root)
        #expect(below.status == 1)
        #expect(below.stderr == "plain/prompts: error: cannot create output directory: Not a directory\n")
        #expect(build.read("plain") == "keep me")
        #expect(build.unchanged())
    }

    @Test func tooManyPersonasIsAnError() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("bad/many.yaml", Array("A: {role: r}\nB: {role: r}\nC: {role: r}\n".utf8))
        let result = try CLI.run(["build", "good", "bad", "--out", "out", "--max-personas", "3"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stderr == "bad/many.yaml:3:1: error: more than 3 personas; the rest are not loaded (see --max-personas)\n")
        #expect(build.unchanged())
    }

    @Test func limitsAreConfigurable() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("bad/deep.yaml", Array("name: A\nrole: r\ncustom_sections: {a: [[[x]]]}\n".utf8))
        let depth = try CLI.run(["validate", "bad", "--max-depth", "3"], in: build.root)
        #expect(depth.status == 1)
        #expect(depth.stderr == "bad/deep.yaml:3:23: error: nesting deeper than 3 levels\n")
        try build.write("bad/deep.yaml", Array("A: {role: r}\nB: {parent: A}\nC: {parent: B}\n".utf8))
        let chain = try CLI.run(["validate", "bad", "--max-chain-length", "2"], in: build.root)
        #expect(chain.status == 1)
        #expect(chain.stderr.hasPrefix("bad/deep.yaml:3:"), "\(chain.stderr)")
        #expect(chain.stderr.contains("--max-chain-length"), "\(chain.stderr)")
    }

    @Test func deepSchemaFileIsAnErrorNotACrash() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("deep.schema.json", Array((String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).utf8))
        let result = try CLI.run(["validate", "good", "--schema", "deep.schema.json"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stderr == "deep.schema.json:1:65: error: nesting deeper than 64 levels\n")
    }

    @Test func deepVariablesFileIsAnErrorNotACrash() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("vars.yaml", Array((String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).utf8))
        let result = try CLI.run(["build", "good", "--out", "out", "--vars", "vars.yaml"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stderr == "vars.yaml:1:65: error: nesting deeper than 64 levels\n")
        #expect(build.unchanged())
        let lowered = try CLI.run(["render", "Maya", "good", "--vars", "vars.yaml", "--max-depth", "2"], in: build.root)
        #expect(lowered.status == 1)
        #expect(lowered.stderr == "vars.yaml:1:3: error: nesting deeper than 2 levels\n")
    }

    @Test func corruptLockFileFailsAndWritesNothing() throws {
        let build = try PreviousBuild()
        defer { build.cleanup() }
        try build.write("good/personas.lock", Array((String(repeating: "[", count: 200_000)).utf8))
        let result = try CLI.run(["build", "good", "--out", "out"], in: build.root)
        #expect(result.status == 1)
        #expect(result.stderr == "good/personas.lock:1:65: error: invalid lock file: nesting deeper than 64 levels\n")
        #expect(build.unchanged())
    }
}

/// A folder with a good persona in `good/`, already built into `out/`, and a
/// snapshot of `out/` (names, bytes and modification times) to compare against.
struct PreviousBuild {
    let folder: Scratch
    private let snapshot: [String: (bytes: Data, modified: Date)]

    var root: String { folder.root }

    init() throws {
        folder = try Scratch(["good/maya.yaml": "name: Maya\nrole: Support\n"])
        let first = try CLI.run(["build", "good", "--out", "out"], in: folder.root)
        guard first.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        snapshot = Self.contents(of: folder.root + "/out")
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ bytes: [UInt8]) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    func read(_ relative: String) -> String? { folder.read(relative) }

    /// True when `out/` holds exactly what the first build left, untouched.
    func unchanged() -> Bool {
        let now = Self.contents(of: root + "/out")
        guard now.keys.sorted() == snapshot.keys.sorted(), snapshot.count == 3 else { return false }
        return snapshot.allSatisfy { name, before in
            now[name].map { $0.bytes == before.bytes && $0.modified == before.modified } ?? false
        }
    }

    func cleanup() { folder.cleanup() }

    private static func contents(of directory: String) -> [String: (bytes: Data, modified: Date)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var result: [String: (bytes: Data, modified: Date)] = [:]
        for name in names {
            let full = directory + "/" + name
            let modified = (try? FileManager.default.attributesOfItem(atPath: full)[.modificationDate] as? Date) ?? .distantPast
            result[name] = (FileManager.default.contents(atPath: full) ?? Data(), modified)
        }
        return result
    }
}

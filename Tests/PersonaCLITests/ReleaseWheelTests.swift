import Foundation
import Testing
import TestSupport

/// Runs `command` through `/usr/bin/env` in `directory`.
private func run(_ command: [String], in directory: String = packageRoot) throws -> CLI.Result {
    let run = try ExternalTool(path: "/usr/bin/env").run(command, in: directory)
    return CLI.Result(status: run.status, stdout: String(decoding: run.stdout, as: UTF8.self), stderr: run.stderr)
}

/// A wheel's RECORD digest of the file at `path`: `sha256=` and the URL-safe base64 digest
/// without padding, computed here with `sha256sum`, independently of the wheel script.
private func recordDigest(_ path: String) throws -> String {
    let hex = try run(["sha256sum", path]).stdout.prefix(64)
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        bytes.append(try #require(UInt8(hex[index..<next], radix: 16)))
        index = next
    }
    let base64 = Data(bytes).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
    return "sha256=" + base64
}

#if arch(arm64)
private let wheelArch = "aarch64"
#else
private let wheelArch = "x86_64"
#endif

/// `scripts/make_wheel.py`, which packs the release binary for pip, on a stand-in binary.
@Suite("release wheel layout")
struct ReleaseWheelTests {
    private let script = packageRoot + "/scripts/make_wheel.py"
    private let platform = "manylinux_2_17_" + wheelArch

    /// Builds a wheel of a two-line shell script and unpacks it into the scratch folder's `unpacked/`.
    private func wheel(in folder: Scratch) throws -> String {
        try folder.write("bin/persona", "#!/bin/sh\necho stand-in\n")
        let made = try run([
            "python3", script, "--binary", folder.path("bin/persona"), "--version", "1.2.3",
            "--license", "LICENSE", "--readme", "README.md", "--out", folder.path("dist"), "--platform", platform,
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let path = made.stdout.trimmingCharacters(in: .newlines)
        #expect(path == folder.path("dist/llm_persona-1.2.3-py3-none-\(platform).whl"))
        let unpacked = try run(["python3", "-m", "zipfile", "-e", path, folder.path("unpacked")])
        #expect(unpacked.status == 0, "\(unpacked.stderr)")
        return path
    }

    @Test func distInfoDeclaresAPlatformWheelWithItsLicense() throws {
        let folder = try Scratch()
        defer { folder.cleanup() }
        _ = try wheel(in: folder)
        let info = "unpacked/llm_persona-1.2.3.dist-info/"
        let wheelFile = try #require(folder.read(info + "WHEEL"))
        #expect(wheelFile.contains("Wheel-Version: 1.0\n"))
        #expect(wheelFile.contains("Root-Is-Purelib: false\n"))
        #expect(wheelFile.contains("Tag: py3-none-\(platform)\n"))
        let metadata = try #require(folder.read(info + "METADATA"))
        #expect(metadata.hasPrefix("Metadata-Version: 2.1\nName: llm-persona\nVersion: 1.2.3\n"))
        #expect(metadata.contains("\nLicense: MIT\n"))
        #expect(folder.read(info + "LICENSE") == (try String(contentsOfFile: packageRoot + "/LICENSE", encoding: .utf8)))
        #expect(folder.read("unpacked/llm_persona-1.2.3.data/scripts/persona") == "#!/bin/sh\necho stand-in\n")
    }

    @Test func recordListsEveryFileWithItsDigestAndSize() throws {
        let folder = try Scratch()
        defer { folder.cleanup() }
        _ = try wheel(in: folder)
        let record = try #require(folder.read("unpacked/llm_persona-1.2.3.dist-info/RECORD"))
        let rows = record.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.map { String($0[0]) } == [
            "llm_persona-1.2.3.data/scripts/persona",
            "llm_persona-1.2.3.dist-info/LICENSE",
            "llm_persona-1.2.3.dist-info/METADATA",
            "llm_persona-1.2.3.dist-info/WHEEL",
            "llm_persona-1.2.3.dist-info/RECORD",
        ])
        for row in rows.dropLast() {
            let path = folder.path("unpacked/" + row[0])
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(row.count == 3)
            #expect(String(row[1]) == (try recordDigest(path)), "\(row[0])")
            #expect(Int(row[2]) == size, "\(row[0])")
        }
        #expect(rows.last?.dropFirst().allSatisfy(\.isEmpty) == true)  // RECORD lists itself without digest
    }

    #if os(Linux)
    @Test func pipInstallsTheBinaryAsAnExecutableCommand() throws {
        let folder = try Scratch()
        defer { folder.cleanup() }
        let path = try wheel(in: folder)
        let pip = try run([
            "python3", "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", "--disable-pip-version-check",
            "--target", folder.path("site"), path,
        ])
        #expect(pip.status == 0, "\(pip.stderr)")
        let installed = try run([folder.path("site/bin/persona")])
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stdout == "stand-in\n")
    }

    /// The tag is the newest glibc symbol version the binary uses (here: the test build of `persona`),
    /// which the glibc it runs on has.
    @Test func platformTagIsTheNewestGlibcTheBinaryNeeds() throws {
        let tag = try run(["python3", script, "--platform-of", CLI.executable.path])
        #expect(tag.status == 0, "\(tag.stderr)")
        let parts = tag.stdout.trimmingCharacters(in: .newlines).split(separator: "_")
        #expect(parts.count >= 4 && parts[0] == "manylinux" && parts[1] == "2")
        #expect(parts.dropFirst(3).joined(separator: "_") == wheelArch)
        let minor = try #require(parts.count > 2 ? Int(parts[2]) : nil)
        // "glibc 2.36"
        let running = try run(["getconf", "GNU_LIBC_VERSION"]).stdout.split(separator: " ").last?.split(separator: ".") ?? []
        #expect(minor >= 17)
        #expect(minor <= (running.count > 1 ? Int(running[1].trimmingCharacters(in: .newlines)) ?? 0 : 0))
    }
    #endif

    @Test func glibcVersionsAreReadFromSymbolVersionsWithA217Floor() throws {
        let code = """
            import sys; sys.path.insert(0, 'scripts'); import make_wheel as w
            print(w.glibc_needed('printf (GLIBC_2.2.5)\\nfoo (GLIBC_PRIVATE)\\nsem_post (GLIBC_2.34)\\nhypot (GLIBC_2.35)\\nx (GLIBC_2.4)'))
            print(w.glibc_needed('printf (GLIBC_2.2.5)'))
            """
        let result = try run(["python3", "-c", code])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "(2, 35)\n(2, 17)\n")
    }
}

/// The toolchain-free hooks of docs/pre-commit.md run what the repository's `language: swift` hooks run.
@Suite("pre-commit hooks")
struct PreCommitHookTests {
    /// `key: value` lines of each `- id:` entry in `yaml`, by id.
    private func hooks(_ yaml: String) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        var id: String?
        for line in yaml.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("- id: ") {
                id = String(text.dropFirst(6))
            } else if let id, let colon = text.firstIndex(of: ":"), !text.hasPrefix("-"), !text.hasPrefix("#") {
                result[id, default: [:]][String(text[..<colon])] = text[text.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            }
        }
        return result
    }

    @Test func localPythonHooksMatchTheSwiftHooks() throws {
        let swift = hooks(try String(contentsOfFile: packageRoot + "/.pre-commit-hooks.yaml", encoding: .utf8))
        let docs = try String(contentsOfFile: packageRoot + "/docs/pre-commit.md", encoding: .utf8)
        let start = try #require(docs.range(of: "# .pre-commit-config.yaml\n"))
        let end = try #require(docs.range(of: "\n```", range: start.upperBound..<docs.endIndex))
        let local = hooks(String(docs[start.upperBound..<end.lowerBound]))
        #expect(Set(local.keys) == Set(swift.keys))
        #expect(swift.keys.count == 2)
        for (id, hook) in swift {
            #expect(hook["language"] == "swift")
            #expect(local[id]?["language"] == "python", "\(id)")
            for key in ["name", "entry", "files", "pass_filenames"] {
                #expect(local[id]?[key] == hook[key], "\(id) \(key)")
            }
        }
    }
}

import Foundation
import Testing
import DocumentTree
@testable import LLMPersona
import TestSupport

@Suite("Installing and checking build output")
struct OutputWriterTests {
    private let old = Date(timeIntervalSince1970: 1_000_000_000)

    @Test func sameInputsInAnyOrderGiveTheSameBytes() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let files = ["p/alex.json", "p/base.yaml", "p/maya.yaml", "p/theo.yaml"]
        let reference = try scratch.planBuild(files).files
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<8 {
            let shuffled = files.shuffled(using: &generator)
            #expect(try scratch.planBuild(shuffled).files == reference, "order: \(shuffled)")
        }
        #expect(try scratch.planBuild(files.reversed()).files == reference)

        // Two runs into two folders: the same bytes, file for file.
        for out in ["one", "two"] {
            let writer = OutputWriter(directory: scratch.path(out))
            #expect(throws: Never.self) { try writer.prepare() }
            _ = try writer.install(try scratch.planBuild(files.shuffled(using: &generator)))
        }
        #expect(scratch.outputSnapshot("one") == scratch.outputSnapshot("two"))
        #expect(scratch.outputListing("one") == [
            "Alex.json", "Alex.txt", "Maya.json", "Maya.txt", "Theo.json", "Theo.txt", "manifest.json",
        ])
        #expect(scratch.outputSnapshot("one") == Dictionary(uniqueKeysWithValues: reference.map { ($0.fileName, $0.contents) }))
    }

    @Test func installWritesOnlyWhatChangedAndKeepsModificationTimes() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let writer = OutputWriter(directory: scratch.path("out"))
        #expect(throws: Never.self) { try writer.prepare() }
        let first = try writer.install(try scratch.planBuild())
        #expect(first.written == ["Alex.json", "Alex.txt", "Maya.json", "Maya.txt", "Theo.json", "Theo.txt", "manifest.json"])
        #expect(first.unchanged.isEmpty && first.removed.isEmpty && first.warnings.isEmpty)

        for name in scratch.outputListing("out") { try scratch.setFileDate("out/" + name, old) }
        let again = try writer.install(try scratch.planBuild())
        #expect(again.written.isEmpty)
        #expect(again.unchanged.count == 7)

        try scratch.write("p/maya.yaml", buildStepFamily["p/maya.yaml", default: ""].replacingOccurrences(of: "role: Support", with: "role: Helper"))
        let changed = try writer.install(try scratch.planBuild())
        #expect(changed.written == ["Maya.json", "Maya.txt", "manifest.json"])
        for name in scratch.outputListing("out") {
            let kept = scratch.fileDate("out/" + name) == old
            #expect(kept == !changed.written.contains(name), "\(name)")
        }
        #expect(scratch.outputListing("out").allSatisfy { !$0.hasPrefix(".") }, "no temporaries are left behind")
    }

    @Test func aFolderWithOnlyHiddenFilesIsNewButAPlainFileInItIsStillLookedAt() throws {
        let scratch = try Scratch(buildStepFamily.merging(["out/.keep": "kept", "other/Maya.txt": "not ours"]) { $1 })
        defer { scratch.cleanup() }
        let report = try OutputWriter(directory: scratch.path("out")).install(try scratch.planBuild())
        #expect(report.written == ["Alex.json", "Alex.txt", "Maya.json", "Maya.txt", "Theo.json", "Theo.txt", "manifest.json"])
        #expect(scratch.read("out/.keep") == "kept")
        // No manifest, one plain file: it is looked at, and refused as not ours.
        #expect(throws: WriteError.self) { try OutputWriter(directory: scratch.path("other")).install(try scratch.planBuild()) }
        #expect(scratch.read("other/Maya.txt") == "not ours")
        #expect(scratch.outputListing("other") == ["Maya.txt"])
    }

    @Test func filesNoLongerBuiltAreRemovedButNothingElse() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let writer = OutputWriter(directory: scratch.path("out"))
        #expect(throws: Never.self) { try writer.prepare() }
        _ = try writer.install(try scratch.planBuild())
        let foreign = ["README.md": "keep me", "Zed.txt": "looks like an artifact", ".hidden": "h", "Alex.txt.orig": "backup"]
        for (name, text) in foreign { try scratch.write("out/" + name, text) }

        try FileManager.default.removeItem(atPath: scratch.path("p/alex.json"))
        let report = try writer.install(try scratch.planBuild())
        #expect(report.removed == ["Alex.json", "Alex.txt"])
        #expect(report.written == ["manifest.json"])
        for (name, text) in foreign { #expect(scratch.fileText("out/" + name) == text, "\(name)") }
        #expect(scratch.outputListing("out") == [
            ".hidden", "Alex.txt.orig", "Maya.json", "Maya.txt", "README.md", "Theo.json", "Theo.txt", "Zed.txt", "manifest.json",
        ])

        // Switching to text only removes the JSON files the manifest listed.
        let textOnly = try writer.install(try scratch.planBuild(format: .text))
        #expect(textOnly.removed == ["Maya.json", "Theo.json"])
        #expect(scratch.outputListing("out") == [".hidden", "Alex.txt.orig", "Maya.txt", "README.md", "Theo.txt", "Zed.txt", "manifest.json"])
    }

    @Test func anUnreadableManifestIsNotOursAndStopsTheInstall() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let writer = OutputWriter(directory: scratch.path("out"))
        #expect(throws: Never.self) { try writer.prepare() }
        _ = try writer.install(try scratch.planBuild())
        try scratch.write("out/manifest.json", "{\"format\": 1, \"personas\": [")
        try FileManager.default.removeItem(atPath: scratch.path("p/alex.json"))
        let before = scratch.outputSnapshot("out")
        #expect(throws: WriteError.self) { try writer.install(try scratch.planBuild()) }
        do {
            _ = try writer.install(try scratch.planBuild())
        } catch let error as WriteError {
            #expect(error.path == scratch.path("out/manifest.json"))
            #expect(error.message.hasPrefix("is not a manifest of persona build (unclosed '[': this array has no closing ']' at line 1, column 27)"))
        }
        #expect(scratch.outputSnapshot("out") == before, "nothing written, nothing removed")
    }

    @Test func aManifestNamingPathsOutsideTheFolderTouchesNothingThere() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        try scratch.write("victim.txt", "precious")
        try scratch.write("out/.hidden", "h")
        let evil = Manifest(personas: [.init(name: "X", version: nil, fingerprint: "", files: ["../victim.txt", ".hidden", ""])])
        try scratch.write("out/manifest.json", bytes: evil.encoded())
        let writer = OutputWriter(directory: scratch.path("out"))
        let report = try writer.install(try scratch.planBuild())
        #expect(report.removed.isEmpty)
        #expect(report.warnings.count == 3)
        #expect(report.warnings.contains {
            $0.message == "the previous manifest lists '../victim.txt', which is not a file name in this directory; left alone"
        })
        #expect(scratch.fileText("victim.txt") == "precious")
        #expect(scratch.fileText("out/.hidden") == "h")
    }

    @Test func aFailureWhileStagingLeavesTheFolderAsItWas() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let writer = OutputWriter(directory: scratch.path("out"))
        #expect(throws: Never.self) { try writer.prepare() }
        _ = try writer.install(try scratch.planBuild())
        for name in scratch.outputListing("out") { try scratch.setFileDate("out/" + name, old) }
        let before = scratch.outputSnapshot("out")

        // Every persona changes, but Theo.txt cannot be replaced: it is now a directory.
        try scratch.write("p/base.yaml", "name: Base\nabstract: true\ncompany: Acme Inc\n")
        try scratch.write("p/theo.yaml", "name: Theo\nrole: Writer\n")
        try FileManager.default.removeItem(atPath: scratch.path("out/Theo.txt"))
        try FileManager.default.createDirectory(atPath: scratch.path("out/Theo.txt"), withIntermediateDirectories: false)
        var expected = before
        expected["Theo.txt"] = nil

        #expect(throws: WriteError.self) { try writer.install(try scratch.planBuild()) }
        do {
            _ = try writer.install(try scratch.planBuild())
        } catch let error as WriteError {
            #expect(error.description == "\(scratch.path("out/Theo.txt")): error: exists and is not a regular file")
        }
        #expect(scratch.outputSnapshot("out") == expected)
        #expect(scratch.outputListing("out") == ["Alex.json", "Alex.txt", "Maya.json", "Maya.txt", "Theo.json", "Theo.txt", "manifest.json"])
        for name in expected.keys { #expect(scratch.fileDate("out/" + name) == old, "\(name)") }
    }

    @Test func checkReportsMissingStaleAndExtraFiles() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let writer = OutputWriter(directory: scratch.path("out"))

        let empty = try writer.check(try scratch.planBuild())
        #expect(empty.findings.map(\.fileName) == ["Alex.json", "Alex.txt", "Maya.json", "Maya.txt", "Theo.json", "Theo.txt", "manifest.json"])
        #expect(empty.findings.allSatisfy { $0.kind == .missing })
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")), "check writes nothing")

        #expect(throws: Never.self) { try writer.prepare() }
        _ = try writer.install(try scratch.planBuild())
        let clean = try writer.check(try scratch.planBuild())
        #expect(clean.isUpToDate)
        #expect(clean.fileCount == 7)

        try scratch.write("out/Maya.txt", "edited by hand")
        try FileManager.default.removeItem(atPath: scratch.path("out/Theo.json"))
        try scratch.write("out/notes.md", "not ours")
        try FileManager.default.removeItem(atPath: scratch.path("p/alex.json"))
        let before = scratch.outputSnapshot("out")
        let report = try writer.check(try scratch.planBuild())
        #expect(report.findings.map { "\($0.fileName): \($0.message)" } == [
            "Alex.json: extra (listed in the manifest, no longer built)",
            "Alex.txt: extra (listed in the manifest, no longer built)",
            "Maya.txt: stale (differs from what build would write)",
            "Theo.json: missing (build would write it)",
            "manifest.json: stale (differs from what build would write)",
        ])
        #expect(scratch.outputSnapshot("out") == before)
    }
}

import Foundation
import Testing
import TestSupport
import DocumentTree
@testable import LLMPersona
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A build never replaces a file it does not own, file names that are one file on
/// macOS or Windows are rejected, and staged temporaries never outlive their run.
@Suite("Output safety: ownership, folded file names, temporaries")
struct OutputSafetyTests {
    // MARK: Item 1: ownership

    @Test func item1_installReplacesNoFileItDoesNotOwnAndNamesEachOne() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let plan = try scratch.planBuild()
        let maya = try #require(plan.files.first { $0.fileName == "Maya.txt" })
        try scratch.write("out/Theo.txt", "the user's own notes")
        try scratch.write("out/Alex.json", "{\"name\": \"Alex\", \"role\": \"Sales\"}")
        try scratch.write("out/Maya.txt", bytes: maya.contents)  // the very bytes: fine
        let before = scratch.outputSnapshot("out")
        let writer = OutputWriter(directory: scratch.path("out"))
        do {
            _ = try writer.install(plan)
            Issue.record("the install replaced files it does not own")
        } catch {
            #expect(([error] + error.more).map(\.path) == [scratch.path("out/Alex.json"), scratch.path("out/Theo.txt")])
            #expect(error.message.hasPrefix("exists and was not written by persona build"))
        }
        #expect(scratch.outputSnapshot("out") == before, "nothing written")

        // The check agrees, and says why.
        let report = try writer.check(plan)
        #expect(report.buildWouldRefuse)
        #expect(report.findings.filter { $0.kind == .notOurs }.map(\.fileName) == ["Alex.json", "Theo.txt"])
    }

    @Test func item1_aManifestThatIsNotOursIsNeitherReplacedNorTrusted() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let webManifest = "{\"name\": \"Web app\", \"icons\": [], \"files\": [\"index.html\"]}\n"
        try scratch.write("out/manifest.json", webManifest)
        try scratch.write("out/index.html", "<html></html>")
        let writer = OutputWriter(directory: scratch.path("out"))
        #expect(throws: WriteError.self) { try writer.install(try scratch.planBuild()) }
        #expect(scratch.outputListing("out") == ["index.html", "manifest.json"])
        #expect(scratch.fileText("out/manifest.json") == webManifest)
        let report = try writer.check(try scratch.planBuild())
        #expect(report.findings.first { $0.fileName == "manifest.json" }?.kind == .notOurs)
    }

    @Test func item1_filesListedByOurManifestAreReplacedAndRemoved() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let writer = OutputWriter(directory: scratch.path("out"))
        #expect(throws: Never.self) { try writer.prepare() }
        _ = try writer.install(try scratch.planBuild())
        try scratch.write("out/Maya.txt", "edited by hand")
        try FileManager.default.removeItem(atPath: scratch.path("p/alex.json"))
        let report = try writer.install(try scratch.planBuild())
        #expect(report.written == ["Maya.txt", "manifest.json"])
        #expect(report.removed == ["Alex.json", "Alex.txt"])
    }

    @Test func item1_outputFolderInsideTheInputsSkipsOnlyItsOwnArtifacts() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        var step = BuildStep(format: .all)
        step.outputDirectory = scratch.path("p/out")
        let first = step.prepare([scratch.path("p")])
        let plan = try #require(first.plan, "\(first.diagnostics)")
        #expect(first.diagnostics.map(\.severity) == [.warning])
        #expect(first.diagnostics.first?.message.contains("move the output folder outside the input folders") == true)
        let writer = OutputWriter(directory: scratch.path("p/out"))
        #expect(throws: Never.self) { try writer.prepare() }
        _ = try writer.install(plan)

        // The artifacts are not read as persona files the second time.
        let second = step.prepare([scratch.path("p")])
        #expect(second.plan == plan, "\(second.diagnostics)")
        #expect(second.diagnostics.map(\.message) == [
            "the output folder is inside the input folder '\(scratch.path("p"))'; its 4 build artifacts are not read as persona files; "
                + "move the output folder outside the input folders",
        ])

        // A persona file in the output folder is an error, and nothing is planned.
        try scratch.write("p/out/zoe.yaml", "name: Zoe\nrole: r\n")
        let third = step.prepare([scratch.path("p")])
        #expect(third.plan == nil)
        #expect(third.diagnostics.map(\.description).contains(
            "\(scratch.path("p/out/zoe.yaml")): error: this persona file is inside the output folder '\(scratch.path("p/out"))', "
                + "where build writes; choose an output folder outside the input folders"))
    }

    // MARK: Item 13: file names that are one file elsewhere

    @Test func item13_fileNamesThatFoldTogetherAreAnErrorAtBothPersonas() throws {
        let nfc = "Jos\u{E9}", nfd = "Jose\u{301}"
        let scratch = try Scratch([
            "p/a.yaml": "name: Maya\nrole: r\n",
            "p/b.yaml": "name: maya\nrole: r\n",
            "p/c.yaml": "name: \(nfc)\nrole: r\n",
            "p/d.yaml": "name: \(nfd)\nrole: r\n",
            "p/e.yaml": "name: Manifest\nrole: r\n",
        ])
        defer { scratch.cleanup() }
        // Each file on its own: the loader reports names equal as Swift strings as defined twice.
        let personas = ["a", "b", "c", "d", "e"].flatMap { PersonaCompiler().compile([scratch.path("p/\($0).yaml")]).personas }
        let lines = OutputNames.diagnostics(personas, format: .all).map {
            $0.description.replacingOccurrences(of: scratch.root + "/", with: "")
        }
        #expect(lines == [
            "p/a.yaml:1:7: error: persona 'Maya' would be written to 'Maya.json' and persona 'maya' (at p/b.yaml:1:7) to 'maya.json': "
                + "names that differ only in letter case, one file on macOS and Windows; rename one of them",
            "p/b.yaml:1:7: error: persona 'maya' would be written to 'maya.json' and persona 'Maya' (at p/a.yaml:1:7) to 'Maya.json': "
                + "names that differ only in letter case, one file on macOS and Windows; rename one of them",
            "p/c.yaml:1:7: error: persona '\(nfc)' would be written to '\(nfc).json' and persona '\(nfd)' (at p/d.yaml:1:7) to '\(nfd).json': "
                + "names that differ only in Unicode normalisation, one file on macOS and Windows; rename one of them",
            "p/d.yaml:1:7: error: persona '\(nfd)' would be written to '\(nfd).json' and persona '\(nfc)' (at p/c.yaml:1:7) to '\(nfc).json': "
                + "names that differ only in Unicode normalisation, one file on macOS and Windows; rename one of them",
            "p/e.yaml:1:7: error: persona 'Manifest' would be written to 'Manifest.json', which is the build's manifest.json "
                + "on file systems that ignore letter case (macOS, Windows); rename it, or build only the text files",
        ])
        // With text artifacts only, 'Manifest' no longer meets the manifest.
        #expect(!OutputNames.diagnostics(personas, format: .text).contains { $0.message.contains("Manifest") })
        // The plan refuses them too.
        #expect((try? BuildPlan.make(personas, format: .all)) == nil)
    }

    @Test func item13_asciiFileNamesFoldAsTheUnicodeFoldDoes() {
        // ASCII names take a byte-wise fold; it must give the key NFC + lowercased + NFC gives.
        let printable = (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }
        let names = [String(printable), "Maya.json", "MANIFEST.JSON", "a_B-c.9.txt", "", "\u{7F}\t"]
        for name in names {
            let unicodeFold = Array(OutputNames.nfc(OutputNames.nfc(name).lowercased()).unicodeScalars)
            #expect(OutputNames.foldedKey(name) == unicodeFold, "\(name)")
        }
        #expect(OutputNames.foldedKey("Jos\u{E9}.json") == OutputNames.foldedKey("JOSE\u{301}.JSON"))
    }

    @Test func item13_validatesPreparationRejectsFoldedFileNamesLikeBuild() throws {
        let scratch = try Scratch(["p/a.yaml": "name: Maya\nrole: r\n", "p/b.yaml": "name: maya\nrole: r\n"])
        defer { scratch.cleanup() }
        var step = BuildStep(format: .all)
        step.plansFiles = false
        let checked = step.prepare([scratch.path("p")])
        step.plansFiles = true
        let planned = step.prepare([scratch.path("p")])
        #expect(checked.diagnostics.filter { $0.severity == .error }.count == 2)
        #expect(checked.diagnostics == planned.diagnostics)
        #expect(planned.plan == nil)
    }

    @Test func item13_aPersonaRenamedFromNFDToNFCHasItsOldFilesRemoved() throws {
        let nfc = "Jos\u{E9}", nfd = "Jose\u{301}"
        let scratch = try Scratch(["p/j.yaml": "name: \(nfd)\nrole: r\n"])
        defer { scratch.cleanup() }
        let writer = OutputWriter(directory: scratch.path("out"))
        #expect(throws: Never.self) { try writer.prepare() }
        _ = try writer.install(try scratch.planBuild(format: .text))
        let listing = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out"))
        let nfdFile = nfd + ".txt"
        // Only where the file system keeps both spellings apart can two files exist.
        guard listing.contains(where: { $0.unicodeScalars.elementsEqual(nfdFile.unicodeScalars) }) else { return }
        try scratch.write("p/j.yaml", "name: \(nfc)\nrole: r\n")
        let report = try writer.install(try scratch.planBuild(format: .text))
        #expect(report.removed.map { Array($0.unicodeScalars) } == [Array(nfdFile.unicodeScalars)])
        let after = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out")).map { Array($0.unicodeScalars) }
        #expect(after.sorted { $0.lexicographicallyPrecedes($1) { $0.value < $1.value } }
            == [Array((nfc + ".txt").unicodeScalars), Array("manifest.json".unicodeScalars)])
    }

    // MARK: Item 8: temporaries

    @Test func item8_aStoppedRegistryRemovesWhatIsStagedAndCreatesNothingMore() throws {
        let scratch = try Scratch(["out/keep.txt": "k"])
        defer { scratch.cleanup() }
        let registry = StagedTemporaries()
        let staged = try AtomicFile.stage(
            Array("x".utf8), in: scratch.path("out"), for: scratch.path("out/a.txt"), flush: false, temporaries: registry)
        #expect(FileManager.default.fileExists(atPath: staged))
        #expect(registry.removeAll() == 1)
        #expect(!FileManager.default.fileExists(atPath: staged))
        #expect(throws: WriteError.self) {
            try AtomicFile.stage(Array("y".utf8), in: scratch.path("out"), for: scratch.path("out/b.txt"), flush: false, temporaries: registry)
        }
        #expect(scratch.outputListing("out") == ["keep.txt"])
    }

    @Test func item8_temporaryNamesCarryTheirProcess() {
        let name = LeftoverTemporaries.name(run: "R", index: 3)
        #expect(name == ".persona-\(getpid())-R-3.tmp")
        #expect(LeftoverTemporaries.maker(of: name) == .process(getpid()))
        #expect(LeftoverTemporaries.maker(of: ".persona-0F8FAD5B-D9CB-469F-A165-70867728950E-12.tmp") == .lockedBuild)
        #expect(LeftoverTemporaries.maker(of: ".persona-notes.tmp") == nil)
        #expect(LeftoverTemporaries.maker(of: "persona-12-x.tmp") == nil)
        #expect(LeftoverTemporaries.isAlive(getpid()))
    }
}

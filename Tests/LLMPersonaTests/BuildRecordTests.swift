import Foundation
import Testing
import DocumentTree
@testable import LLMPersona
import TestSupport

/// A build step over the scratch folder `p`, writing to `out`.
private func step(_ scratch: Scratch, values: VariableValues = .init(), format: ArtifactFormat = .all) -> BuildStep {
    var step = BuildStep(format: format, values: values)
    step.outputDirectory = scratch.path("out")
    return step
}

/// A writer into `out` keeping its records in `records`.
private func writer(_ scratch: Scratch) -> OutputWriter {
    var writer = OutputWriter(directory: scratch.path("out"))
    writer.buildRecords = scratch.path("records")
    return writer
}

/// The path of the record of `out`.
private func recordPath(_ scratch: Scratch) throws -> String {
    try #require(BuildRecord.path(for: scratch.path("out"), in: scratch.path("records")))
}

/// Builds `p` into `out` with a record, as `persona build` does; returns the inputs' key.
@discardableResult
private func buildWithRecord(_ scratch: Scratch, _ step: BuildStep) throws -> String {
    let inputs = step.readInputs([scratch.path("p")])
    let key = try #require(inputs.key)
    let prepared = step.prepare(inputs)
    let plan = try #require(prepared.plan, "\(prepared.diagnostics)")
    let writer = writer(scratch)
    try writer.prepare()
    _ = try writer.install(plan, recordKey: key)
    return key
}

@Suite("The build record: unchanged inputs are proven, not rebuilt")
struct BuildRecordTests {
    @Test func theKeyNamesEveryInputAndSetting() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let base = step(scratch)
        let key = try #require(base.readInputs([scratch.path("p")]).key)
        #expect(key.hasPrefix("sha256:") && key.count == 71)
        #if os(Linux)
        #expect(ProgramIdentity.current != nil, "the running program is part of the key")
        #endif
        #expect(base.readInputs([scratch.path("p")]).key == key, "the same inputs give the same key")

        var variants: [String: String?] = [:]
        variants["a variable"] = step(scratch, values: VariableValues(["x": "1"])).readInputs([scratch.path("p")]).key
        variants["strict"] = step(scratch, values: VariableValues(strict: true)).readInputs([scratch.path("p")]).key
        variants["format"] = step(scratch, format: .text).readInputs([scratch.path("p")]).key
        var limited = base
        limited.compiler.loader.limits.document.maxDepth = 10
        variants["a limit"] = limited.readInputs([scratch.path("p")]).key
        var chain = base
        chain.compiler.resolver.maxChainLength = 3
        variants["the chain limit"] = chain.readInputs([scratch.path("p")]).key
        var elsewhere = base
        elsewhere.outputDirectory = scratch.path("other")
        variants["the output folder"] = elsewhere.readInputs([scratch.path("p")]).key
        variants["the paths as named"] = base.readInputs([scratch.path("p/")]).key

        try scratch.write("p/maya.yaml", try #require(buildStepFamily["p/maya.yaml"]) + "# one more byte\n")
        variants["a file's bytes"] = base.readInputs([scratch.path("p")]).key
        try scratch.write("p/maya.yaml", try #require(buildStepFamily["p/maya.yaml"]))
        #expect(base.readInputs([scratch.path("p")]).key == key, "the same bytes again give the same key")

        try scratch.write("p/zed.yaml", "name: Zed\nrole: Docs\n")
        variants["a new file"] = base.readInputs([scratch.path("p")]).key
        try FileManager.default.removeItem(atPath: scratch.path("p/zed.yaml"))

        try scratch.write("p/personas.lock", #"{"format": 1, "personas": []}"# + "\n")
        variants["the lock file"] = base.readInputs([scratch.path("p")]).key
        try FileManager.default.removeItem(atPath: scratch.path("p/personas.lock"))

        for (change, changed) in variants {
            let changed = try #require(changed, "\(change): a key")
            #expect(changed != key, "\(change) changes the key")
        }
        #expect(Set(variants.values.compactMap { $0 }).count == variants.count, "every change gives its own key")
        #expect(base.readInputs([scratch.path("p")]).key == key)
    }

    /// A new stored setting that the key does not cover would let a build reuse
    /// outputs made with the old setting: every one must be listed here, and in the key.
    @Test func everyStoredSettingIsCoveredByTheKey() {
        func labels(_ value: Any) -> Set<String> { Set(Mirror(reflecting: value).children.compactMap(\.label)) }
        #expect(labels(BuildStep()) == ["compiler", "format", "lockPath", "values", "plansFiles", "outputDirectory"])
        #expect(labels(PersonaCompiler()) == ["loader", "resolver", "reportsUnusedVariables"])
        #expect(labels(PersonaLoader()) == ["limits", "schema", "maxPersonas"])
        #expect(labels(SourceDocuments.Limits()) == ["maxFileBytes", "document"])
        #expect(labels(DocumentLimits()) == ["maxDepth", "maxAliasNodes"])
        #expect(labels(PersonaResolver()) == ["maxChainLength"])
        #expect(labels(VariableValues()) == ["values", "strict"])
    }

    @Test func inputsThatCannotBeNamedHaveNoKey() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let base = step(scratch)
        #expect(base.readInputs([scratch.path("p"), scratch.path("missing")]).key == nil, "collecting reported a problem")
        try scratch.write("p/huge.yaml", String(repeating: "#", count: 2_000))
        var small = base
        small.compiler.loader.limits.maxFileBytes = 1_000
        let inputs = small.readInputs([scratch.path("p")])
        #expect(inputs.key == nil, "a file over the limit was not read")
        // Then the compilation reads the files itself, and reports what the paths would.
        #expect(small.prepare(inputs).diagnostics == small.prepare([scratch.path("p")]).diagnostics)
        #expect(small.prepare(inputs).hasErrors)
        try FileManager.default.removeItem(atPath: scratch.path("p/huge.yaml"))
        var custom = base
        custom.compiler.loader.schema = PersonaSchema(validator: PersonaSchema.bundled.validator, source: "my.schema.json")
        #expect(custom.readInputs([scratch.path("p")]).key == nil, "a schema file is not among the bytes read")
    }

    @Test func preparingReadInputsPlansWhatPreparingPathsPlans() throws {
        let scratch = try Scratch(buildStepFamily.merging(["p/personas.lock": #"{"format": 1, "personas": []}"# + "\n"]) { $1 })
        defer { scratch.cleanup() }
        let base = step(scratch)
        let fromInputs = base.prepare(base.readInputs([scratch.path("p")]))
        let fromPaths = base.prepare([scratch.path("p")])
        #expect(fromInputs.diagnostics == fromPaths.diagnostics)
        #expect(fromInputs.lock?.records == fromPaths.lock?.records)
        let plan = try #require(fromInputs.plan)
        #expect(plan.files == fromPaths.plan?.files)
        #expect(plan.records.count == 3)
    }

    @Test func aRecordedFolderIsReusedOnlyWhileEveryFileHoldsItsBytes() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let key = try buildWithRecord(scratch, step(scratch))
        let writer = writer(scratch)
        #expect(!scratch.outputListing("out").contains { $0.hasPrefix(".") }, "the record is not in the output folder")
        #expect(try recordPath(scratch).hasPrefix(scratch.path("records/")))
        let recordBytes = try #require(readFileBytes(try recordPath(scratch)))
        let record = try #require(BuildRecord.decode(recordBytes))
        #expect(record.key == key && record.personaCount == 3)
        #expect(record.files.map(\.name) == ["Alex.json", "Alex.txt", "Maya.json", "Maya.txt", "Theo.json", "Theo.txt", "manifest.json"])
        for file in record.files {
            let bytes = try #require(readFileBytes(scratch.path("out/" + file.name)))
            #expect(file.size == bytes.count && file.digest == Fingerprint.sha256(bytes), "\(file.name)")
        }

        #expect(try writer.reuse(key) == OutputWriter.Reuse(personaCount: 3, fileCount: 7))
        #expect(try writer.checkReuse(key) == OutputWriter.Reuse(personaCount: 3, fileCount: 7))
        #expect(try writer.reuse("sha256:" + String(repeating: "0", count: 64)) == nil, "another key")

        // One byte changed, the size kept: read back, the digest differs.
        let maya = try #require(scratch.read("out/Maya.txt"))
        try scratch.write("out/Maya.txt", String(maya.dropLast()) + "!")
        #expect(try writer.reuse(key) == nil)
        #expect(try writer.checkReuse(key) == nil)
        try scratch.write("out/Maya.txt", maya)
        #expect(try writer.reuse(key) != nil)

        try FileManager.default.removeItem(atPath: scratch.path("out/manifest.json"))
        #expect(try writer.reuse(key) == nil, "a missing file")
        #expect(try OutputWriter(directory: scratch.path("out")).reuse(key) == nil, "no folder of records, no reuse")
        try buildWithRecord(scratch, step(scratch))
        #expect(try writer.reuse(key) != nil, "a full build restores the folder and its record")

        // A temporary left by an interrupted build: a check is not up to date; a build removes it.
        let leftover = ".persona-999999-0123456789abcdef.tmp"
        try scratch.write("out/" + leftover, "half")
        #expect(try writer.checkReuse(key) == nil)
        #expect(try writer.reuse(key)?.removedTemporaries == [leftover])
        #expect(!scratch.exists("out/" + leftover))
    }

    @Test func anInstallWithoutAKeyDropsTheOldRecord() throws {
        let scratch = try Scratch(buildStepFamily)
        defer { scratch.cleanup() }
        let key = try buildWithRecord(scratch, step(scratch))
        #expect(FileManager.default.fileExists(atPath: try recordPath(scratch)))
        try scratch.write("p/theo.yaml", "name: Theo\nrole: Writer\n")
        let writer = writer(scratch)
        let report = try writer.install(try #require(step(scratch).prepare([scratch.path("p")]).plan))
        #expect(report.written == ["Theo.json", "Theo.txt", "manifest.json"])
        #expect(!FileManager.default.fileExists(atPath: try recordPath(scratch)))
        #expect(try writer.reuse(key) == nil)
    }

    @Test func aRecordFileThatIsNotOursIsLeftAlone() throws {
        let scratch = try Scratch(buildStepFamily.merging(["out/README": "outputs"]) { $1 })
        defer { scratch.cleanup() }
        let foreign = try recordPath(scratch)
        try scratch.write(String(foreign.dropFirst(scratch.root.count + 1)), "my notes\n")
        let base = step(scratch)
        let inputs = base.readInputs([scratch.path("p")])
        let writer = writer(scratch)
        let report = try writer.install(try #require(base.prepare(inputs).plan), recordKey: inputs.key)
        #expect(report.warnings.isEmpty)
        #expect(readFileText(foreign) == "my notes\n")
        #expect(try writer.reuse(try #require(inputs.key)) == nil)
    }

    @Test func recordsLiveInTheUsersCacheFolder() {
        let environment = ["HOME": "/home/ann", "XDG_CACHE_HOME": "/var/cache/ann"]
        #expect(BuildRecord.cacheFolder { environment[$0] } == "/var/cache/ann/llm-persona/builds")
        #expect(BuildRecord.cacheFolder { ["HOME": "/home/ann", "XDG_CACHE_HOME": "relative"][$0] } == "/home/ann/.cache/llm-persona/builds")
        #expect(BuildRecord.cacheFolder { _ in nil } == nil)
    }

    @Test func recordsReadBackExactlyAndNothingElseIsOne() throws {
        let record = BuildRecord(key: "sha256:" + String(repeating: "ab", count: 32), personaCount: 2, files: [
            .init(name: "manifest.json", digest: Array(repeating: 7, count: 32), size: 10),
            .init(name: "Maya Two.txt", digest: Array(0..<32), size: 0),
        ])
        let bytes = try #require(record.encoded())
        #expect(BuildRecord.decode(bytes) == record)
        #expect(record.files.map(\.name) == ["Maya Two.txt", "manifest.json"], "sorted by name")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("llm-persona build record 1\nkey sha256:abab"))
        for damaged in [
            String(text.dropLast()), text.replacingOccurrences(of: "record 1", with: "record 2"),
            text.replacingOccurrences(of: " 10 ", with: " -1 "), text.replacingOccurrences(of: "0001", with: "00g1"),
            text + "extra\n", text.replacingOccurrences(of: "personas 2", with: "personas two"),
        ] {
            #expect(BuildRecord.decode(Array(damaged.utf8)) == nil, "\(damaged)")
        }
        #expect(BuildRecord(key: "k", personaCount: 0, files: [.init(name: "a\nb", digest: [], size: 0)]).encoded() == nil)
    }
}

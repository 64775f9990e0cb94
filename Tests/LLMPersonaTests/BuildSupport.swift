import Foundation
import LLMPersona
import TestSupport

/// A small family of personas: an abstract base, two children with versions, one root without.
let buildStepFamily: [String: String] = [
    "p/base.yaml": "name: Base\nabstract: true\ncompany: Acme\nconstraints:\n  - Be kind\n",
    "p/maya.yaml": "name: Maya\nparent: Base\nversion: \"1.2.0\"\nrole: Support\ncapabilities:\n  - Look up orders\ngreeting: Hi!\n",
    "p/alex.json": #"{"name": "Alex", "parent": "Base", "version": "2.0.0", "role": "Sales"}"#,
    "p/theo.yaml": "name: Theo\nrole: Docs\n",
]

extension Scratch {
    /// Plans the build of the personas under `paths` (relative to the scratch root).
    func planBuild(_ paths: [String] = ["p"], format: ArtifactFormat = .all) throws -> BuildPlan {
        let compilation = PersonaCompiler().compile(paths.map(path))
        guard !compilation.hasErrors else { throw DiagnosticList(compilation.diagnostics) }
        return try BuildPlan.make(compilation.personas, format: format)
    }

    /// Every regular file directly in `directory`, by name, with its bytes.
    func outputSnapshot(_ directory: String) -> [String: [UInt8]] {
        let full = path(directory)
        var result: [String: [UInt8]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: full)) ?? [] {
            if let bytes = readFileBytes(full + "/" + name) { result[name] = bytes }
        }
        return result
    }

    /// The names of the files directly in `directory`, sorted.
    func outputListing(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(directory))) ?? []).sorted()
    }

    func fileText(_ relative: String) -> String? {
        readFileText(path(relative))
    }

    func fileDate(_ relative: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path(relative)))?[.modificationDate] as? Date
    }

    func setFileDate(_ relative: String, _ date: Date) throws {
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path(relative))
    }
}

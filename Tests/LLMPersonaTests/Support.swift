import Foundation
import LLMPersona
import DocumentTree

/// A fresh temporary folder holding `files` (relative path → contents), removed by `cleanup()`.
struct Scratch {
    let root: String

    init(_ files: [String: String] = [:]) throws {
        root = NSTemporaryDirectory() + "persona-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let full = self.path(path)
        try FileManager.default.createDirectory(
            atPath: PathName.directory(of: full), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func cleanup() { try? FileManager.default.removeItem(atPath: root) }
}

/// The package's root folder (where Package.swift is).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    return FileManager.default.currentDirectoryPath
}()

/// Compiles `paths` and returns the diagnostics as printed, with `root/` removed from paths.
func diagnosticLines(_ paths: [String], root: String) -> [String] {
    PersonaCompiler().compile(paths).diagnostics.map {
        $0.description.replacingOccurrences(of: root + "/", with: "")
    }
}

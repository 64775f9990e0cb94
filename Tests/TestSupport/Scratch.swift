import Foundation

/// A fresh temporary folder holding `files` (relative path → contents), removed by `cleanup()`.
public struct Scratch: Sendable {
    /// The folder's absolute path.
    public let root: String

    /// Creates the folder and writes `files` into it (with their folders).
    public init(_ files: [String: String] = [:]) throws {
        root = NSTemporaryDirectory() + "persona-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    /// Writes `text` to `path` (relative to the folder), creating its folders.
    public func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    /// Writes `bytes` to `path` (relative to the folder), creating its folders.
    public func write(_ path: String, bytes: [UInt8]) throws {
        let full = self.path(path)
        if let slash = full.lastIndex(of: "/"), slash != full.startIndex {
            try FileManager.default.createDirectory(
                atPath: String(full[..<slash]), withIntermediateDirectories: true)
        }
        guard FileManager.default.createFile(atPath: full, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// The absolute path of `relative`.
    public func path(_ relative: String) -> String { root + "/" + relative }

    /// The text of the file at `relative`, or `nil` when it cannot be read.
    public func read(_ relative: String) -> String? {
        readFileText(path(relative))
    }

    /// Whether anything exists at `relative`.
    public func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Removes the folder and everything in it.
    public func cleanup() { try? FileManager.default.removeItem(atPath: root) }
}

import Foundation

/// Writes artifacts into an output folder, each file atomically.
///
/// Each file is written to a temporary file in the same folder and renamed
/// over its target, so a reader never sees half a file. A file whose bytes
/// are already right is left alone (its modification time stays).
public struct OutputWriter: Sendable {
    /// The output folder.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Why the output folder cannot be used, or `nil` when it can (creating it if needed).
    public func prepare() -> String? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { return "output path exists and is not a directory" }
        } else {
            do {
                try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                return "cannot create output directory"
            }
        }
        if !fileManager.isWritableFile(atPath: directory) { return "output directory is not writable" }
        return nil
    }

    /// Writes every artifact; returns the names of the files whose bytes changed.
    public func write(_ artifacts: [Artifact]) throws(WriteError) -> [String] {
        var changed: [String] = []
        for artifact in artifacts {
            // Names were checked when the personas were loaded; check again at the door.
            guard !artifact.fileName.contains("/"), !artifact.fileName.hasPrefix(".") else {
                throw WriteError(path: artifact.fileName, message: "refusing to write outside the output directory")
            }
            let target = path(artifact.fileName)
            if let existing = FileManager.default.contents(atPath: target), [UInt8](existing) == artifact.contents {
                continue
            }
            try writeAtomically(artifact.contents, to: target)
            changed.append(artifact.fileName)
        }
        return changed
    }

    /// The path of `fileName` inside the output folder.
    public func path(_ fileName: String) -> String {
        directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
    }

    private func writeAtomically(_ bytes: [UInt8], to target: String) throws(WriteError) {
        let temporary = path(".persona-\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw WriteError(path: target, message: "cannot write file")
        }
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw WriteError(path: target, message: "cannot write file: \(reason)")
        }
    }
}

/// A file that could not be written.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): error: \(message)" }
}

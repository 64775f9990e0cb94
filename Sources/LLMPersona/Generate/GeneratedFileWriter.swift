/// Writes a generated source file, all or nothing, as `persona build` writes its artifacts.
///
/// The file is replaced atomically (a temporary beside it, renamed over it), and
/// only when its bytes change, so an unchanged file keeps its modification time.
/// It never replaces a file it did not write: an existing file whose first line
/// is not the header's marker (``GeneratedHeader/marker``) is refused, and so is
/// one of the persona files read.
public enum GeneratedFileWriter {
    /// What ``write(_:to:inputs:temporaries:)`` did.
    public enum Outcome: Sendable, Hashable {
        /// The file was created or replaced.
        case written
        /// The file already held these bytes and was left untouched.
        case unchanged
    }

    /// The largest existing file read to compare with the new bytes.
    static let maxExistingBytes = 1 << 30

    /// Writes `code` to `path` unless it holds those bytes already. `inputs` are
    /// the persona files read (the output must not be one of them).
    public static func write(
        _ code: [UInt8], to path: String, inputs: [String], temporaries: StagedTemporaries? = nil
    ) throws(WriteError) -> Outcome {
        guard !path.isEmpty else { throw WriteError(path: "\"\"", message: "the output file name is empty") }
        if let target = InputFiles.FileID.lookup(path) {
            if target.isDirectory { throw WriteError(path: path, message: "is a directory; name the file to write") }
            if inputs.contains(where: { InputFiles.FileID.lookup($0)?.id == target.id }) {
                throw WriteError(path: path, message: "is one of the persona files read; write the generated code to another file")
            }
            let existing: [UInt8]
            do {
                existing = try FileBytes.read(path, maxBytes: maxExistingBytes, tooLarge: "too large to be a generated file")
            } catch {
                throw WriteError(path: path, message: error.message)
            }
            if existing == code { return .unchanged }
            let firstLine = existing.prefix { $0 != UInt8(ascii: "\n") }
            guard GeneratedHeader.isMarkerLine(String(decoding: firstLine, as: UTF8.self)) else {
                throw WriteError(
                    path: path,
                    message: "exists and was not written by persona generate (its first line is not the "
                        + "'\(GeneratedHeader.marker)' header); not replaced: remove it or write to another file")
            }
        }
        let directory = PathName.directory(of: path)
        let temporary = try AtomicFile.stage(code, in: directory, for: path, flush: true, temporaries: temporaries)
        try AtomicFile.commit(temporary, to: path)
        temporaries?.forget(temporary)
        AtomicFile.syncDirectory(directory)
        return .written
    }
}

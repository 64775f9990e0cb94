import CSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file so that readers see the old bytes or the new, never half.
enum AtomicFile {
    /// Writes `bytes` to a new hidden temporary file beside `target`
    /// (`.persona-….tmp`), flushed to disk, and returns its path.
    static func stage(_ bytes: [UInt8], nextTo target: String) throws(WriteError) -> String {
        try stage(bytes, in: PathName.directory(of: target), for: target, flush: true)
    }

    /// Writes `bytes` to a new hidden temporary file in `directory` and returns its path;
    /// flushed to disk when `flush` is true (otherwise call ``flushFileSystem(of:)`` before
    /// renaming it into place). Errors name `target`. `name` is the temporary's file name;
    /// by default a fresh `.persona-PID-UUID.tmp` (see `LeftoverTemporaries`). The file is
    /// created exclusively, so an existing file of that name is an error, never overwritten.
    /// When `temporaries` is given, the file is recorded there (and removed from it if
    /// staging fails), and none is created once that registry has been emptied for an interruption.
    static func stage(
        _ bytes: [UInt8], in directory: String, for target: String, flush: Bool, name: String? = nil,
        temporaries: StagedTemporaries? = nil
    ) throws(WriteError) -> String {
        let name = name ?? LeftoverTemporaries.name(run: LeftoverTemporaries.runToken())
        let temporary = PathName.join(directory, name)
        let create = { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644) }
        let descriptor: Int32
        if let temporaries {
            guard let created = temporaries.create(temporary, create) else {
                throw WriteError(path: target, message: "not written: the build was interrupted")
            }
            descriptor = created
        } else {
            descriptor = create()
        }
        guard descriptor >= 0 else { throw failure(target) }
        func unlink(_ path: String) {
            _ = unlinkFile(path)
            temporaries?.forget(path)
        }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(descriptor, base + offset, buffer.count - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let error = failure(target)
                close(descriptor)
                unlink(temporary)
                throw error
            }
            offset += count
        }
        if flush && fsync(descriptor) != 0 {
            let error = failure(target)
            close(descriptor)
            unlink(temporary)
            throw error
        }
        if close(descriptor) != 0 {
            let error = failure(target)
            unlink(temporary)
            throw error
        }
        return temporary
    }

    /// Renames a staged temporary over `target`; removes the temporary if that fails.
    static func commit(_ temporary: String, to target: String) throws(WriteError) {
        if rename(temporary, target) != 0 {
            let error = failure(target)
            unlink(temporary)
            throw error
        }
    }

    /// Writes `bytes` to `target` atomically.
    static func save(_ bytes: [UInt8], to target: String) throws(WriteError) {
        try commit(try stage(bytes, nextTo: target), to: target)
    }

    /// Whether ``flushFileSystem(of:)`` flushes file contents (Linux `syncfs`); elsewhere
    /// each file is flushed as it is written.
    #if os(Linux)
    static let canFlushFileSystem = true
    #else
    static let canFlushFileSystem = false
    #endif

    /// Flushes every written file of the file system holding `directory` to disk at
    /// once (one `syncfs` instead of an `fsync` per file). Staged files are durable
    /// after it, before any is renamed into place.
    static func flushFileSystem(of directory: String) throws(WriteError) {
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(directory) }
        defer { close(descriptor) }
        if persona_syncfs(descriptor) != 0 { throw failure(directory) }
    }

    /// Flushes a directory's entries (the renames in it) to disk, as far as the system allows.
    static func syncDirectory(_ directory: String) {
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func failure(_ target: String) -> WriteError {
        WriteError(path: target, message: "cannot write file: \(String(cString: strerror(errno)))")
    }
}

/// `unlink(2)`, under a name no local function hides.
private func unlinkFile(_ path: String) -> Int32 {
    unlink(path)
}

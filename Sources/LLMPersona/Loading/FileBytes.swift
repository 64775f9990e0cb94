#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole regular files, safely for any path a user or a checkout may hold.
///
/// The file is opened without blocking and checked to be a regular file before
/// anything is read, so a FIFO, socket or device named like a persona file is
/// an error instead of a hang or an endless read. At most `maxBytes + 1` bytes
/// are read, so a huge file costs no more than the limit.
enum FileBytes {
    /// Why a file could not be read, as a message for a diagnostic.
    struct Failure: Error, Sendable, Hashable {
        var message: String
        /// Whether the file is over the size limit (rather than unreadable).
        var isTooLarge = false
        init(_ message: String, isTooLarge: Bool = false) {
            self.message = message
            self.isTooLarge = isTooLarge
        }
    }

    /// The bytes of the regular file at `path`, or why they cannot be had.
    ///
    /// - Parameters:
    ///   - maxBytes: The largest size accepted; a larger file fails with `tooLarge`'s message.
    ///   - tooLarge: The message for a file over `maxBytes`.
    static func read(_ path: String, maxBytes: Int, tooLarge: @autoclosure () -> String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(describe(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(describe(errno)) }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            throw Failure(kind == S_IFDIR ? "is a directory" : "not a regular file (a pipe, socket or device)")
        }
        let limit = max(0, maxBytes)
        // The size stat reports is only a hint (the file may grow); never trust it for more than the limit.
        let hint = Int(clamping: info.st_size)
        // Read straight into the result, sized by the hint plus one byte to see the end.
        let first = min(hint, limit) + 1
        var bytes: [UInt8]
        do {
            bytes = try read(from: descriptor, upTo: first)
        } catch {
            throw Failure("cannot read file: " + describe(error.code))
        }
        // Longer than stat said (the file grew): read on in chunks, up to the limit.
        if bytes.count == first && bytes.count <= limit {
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while bytes.count <= limit {
                let wanted = min(chunk.count, limit + 1 - bytes.count)
                let count = chunk.withUnsafeMutableBytes { readFile(descriptor, $0.baseAddress, wanted) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw Failure("cannot read file: " + describe(errno))
                }
                if count == 0 { break }
                bytes.append(contentsOf: chunk[0..<count])
            }
        }
        if bytes.count > limit { throw Failure(tooLarge(), isTooLarge: true) }
        return bytes
    }

    /// A failed `read(2)`, with its error number.
    struct ReadError: Error, Sendable, Hashable {
        var code: Int32
    }

    /// Up to `count` bytes from the open file `descriptor`, read straight into
    /// the result (fewer when the file ends first).
    static func read(from descriptor: Int32, upTo count: Int) throws(ReadError) -> [UInt8] {
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < count {
                let read = readFile(descriptor, base + initialized, count - initialized)
                if read < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if read == 0 { return }
                initialized += read
            }
        }
        if let failure { throw ReadError(code: failure) }
        return bytes
    }

    /// The C library's `read(2)`: this type's own `read` hides that name.
    private static func readFile(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    /// A short message for an `open`/`read` error number.
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file or directory"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a directory"
        case ELOOP: "too many levels of symbolic links"
        case ENOTDIR: "a part of the path is not a directory"
        case ENAMETOOLONG: "file name too long"
        default: String(cString: strerror(code))
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocumentTree
import YAMLLoader

/// Reads one persona file and parses it into document trees.
///
/// `.json` files hold one JSON text; `.yaml`/`.yml` files may hold a stream of
/// several YAML documents (`---`), each read as if it were a file of its own.
public enum SourceDocuments {
    /// Limits on what a file may hold.
    public struct Limits: Sendable, Hashable {
        /// The largest file read, in bytes. Default 8 MiB.
        public var maxFileBytes: Int
        /// Depth and alias limits for the parsers.
        public var document: DocumentLimits

        public init(maxFileBytes: Int = 8 << 20, document: DocumentLimits = .default) {
            self.maxFileBytes = maxFileBytes
            self.document = document
        }
    }

    /// Reads and parses `path`. Errors are diagnostics about `path`.
    public static func load(_ path: String, limits: Limits = Limits()) -> Result<[Node], DiagnosticList> {
        read(path, limits: limits).flatMap { parse($0, path: path, limits: limits.document) }
    }

    /// Reads the bytes of `path`, refusing files over the size limit without reading them whole.
    public static func read(_ path: String, limits: Limits = Limits()) -> Result<[UInt8], DiagnosticList> {
        read(path, maxBytes: limits.maxFileBytes).mapError {
            DiagnosticList([Diagnostic(file: path, location: nil, message: $0.message)])
        }
    }

    /// Parses `bytes` as the kind of file `path` names (JSON for `.json`, YAML otherwise).
    public static func parse(_ bytes: [UInt8], path: String, limits: DocumentLimits = .default) -> Result<[Node], DiagnosticList> {
        do {
            if InputFiles.fileExtension(path) == "json" {
                return .success([try JSONReader.parse(bytes, limits: limits)])
            }
            return .success(try YAMLLoader.load(bytes, limits: limits))
        } catch {
            return .failure(DiagnosticList(error.diagnostics(file: path)))
        }
    }

    private static func read(_ path: String, maxBytes: Int) -> Result<[UInt8], ReadError> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(ReadError(errno == ENOENT ? "no such file or directory" : "cannot read file (permission denied?)"))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(ReadError("cannot read file: \(systemError(errno))")) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(ReadError("cannot read file: \(systemError(EISDIR))")) }
        // The size from fstat is only a hint (the file may change, or be a pipe): read
        // until end of file, but at most one byte past the limit, so a huge file
        // costs no more than the limit.
        var bytes = [UInt8](repeating: 0, count: min(max(Int(info.st_size), 0), maxBytes) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                if count > maxBytes { break }
                bytes.append(contentsOf: repeatElement(0, count: min(count, maxBytes + 1 - count)))
            }
            let n = bytes.withUnsafeMutableBytes { raw in readBytes(descriptor, raw.baseAddress! + count, raw.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(ReadError("cannot read file: \(systemError(errno))"))
            }
            if n == 0 { break }
            count += n
        }
        if count > maxBytes {
            return .failure(ReadError("file is larger than the \(formatBytes(maxBytes)) limit (see --max-file-size)"))
        }
        bytes.removeLast(bytes.count - count)
        return .success(bytes)
    }

    static func formatBytes(_ n: Int) -> String {
        if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(n) bytes"
    }
}

/// A reason a file could not be read.
struct ReadError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Diagnostics as an error value.
public struct DiagnosticList: Error, Sendable, Hashable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// `read(2)`, under a name the `read` methods above do not hide.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// The system's message for an `errno` value.
private func systemError(_ code: Int32) -> String {
    String(cString: strerror(code))
}

import Foundation
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
        guard let handle = FileHandle(forReadingAtPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                return .failure(ReadError("cannot read file (permission denied?)"))
            }
            return .failure(ReadError("no such file or directory"))
        }
        defer { try? handle.close() }
        do {
            // Read at most one byte past the limit, so a huge file costs no more than the limit.
            let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
            if data.count > maxBytes {
                return .failure(ReadError("file is larger than the \(formatBytes(maxBytes)) limit (see --max-file-size)"))
            }
            return .success([UInt8](data))
        } catch {
            return .failure(ReadError("cannot read file: \(error.localizedDescription)"))
        }
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

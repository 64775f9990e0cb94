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
    public static func load(_ path: String, limits: Limits = Limits()) throws(DiagnosticList) -> [Node] {
        try parse(try read(path, limits: limits), path: path, limits: limits.document)
    }

    /// Reads the bytes of `path`, refusing files over the size limit without reading them whole.
    public static func read(_ path: String, limits: Limits = Limits()) throws(DiagnosticList) -> [UInt8] {
        let maxBytes = limits.maxFileBytes
        do {
            return try FileBytes.read(path, maxBytes: maxBytes, tooLarge: "file is larger than the \(formatBytes(maxBytes)) limit")
        } catch {
            throw DiagnosticList([Diagnostic(
                file: path, location: nil, message: error.message,
                setting: error.isTooLarge ? PersonaSetting.maxFileBytes.rawValue : nil)])
        }
    }

    /// Parses `bytes` as the kind of file `path` names (JSON for `.json`, YAML otherwise).
    public static func parse(_ bytes: [UInt8], path: String, limits: DocumentLimits = .default) throws(DiagnosticList) -> [Node] {
        try rejectMergeConflict(in: bytes, path: path)
        do {
            if InputFiles.fileExtension(path) == "json" {
                return [try JSONReader.parse(bytes, limits: limits)]
            }
            return try YAMLLoader.load(bytes, limits: limits)
        } catch {
            throw DiagnosticList(error.diagnostics(file: path))
        }
    }

    /// Throws an error for unresolved merge-conflict markers: a line starting with
    /// `<<<<<<<` followed, later, by one starting with `>>>>>>>` (the `=======`
    /// between them gets a note). Such a file never parses, and the parser's
    /// own message would not say why.
    static func rejectMergeConflict(in bytes: [UInt8], path: String) throws(DiagnosticList) {
        // Without a '<' there is no opening marker: one pass over the bytes, no lines.
        let mayHoldMarker = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { memchr($0, Int32(UInt8(ascii: "<")), buffer.count) != nil } ?? false
        }
        guard mayHoldMarker else { return }
        var start: SourceLocation?
        var middle: SourceLocation?
        var line = 1
        var lineStart = 0
        while lineStart < bytes.count {
            let end = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let here = SourceLocation(line: line, column: 1)
            if isMarker(bytes, lineStart, end, UInt8(ascii: "<")) {
                if start == nil { start = here }
            } else if start != nil, middle == nil, isMarker(bytes, lineStart, end, UInt8(ascii: "=")) {
                middle = here
            } else if let start, isMarker(bytes, lineStart, end, UInt8(ascii: ">")) {
                var diagnostics = [Diagnostic(
                    file: path, location: start,
                    message: "merge conflict marker '<<<<<<<': resolve the conflict and remove the markers")]
                if let middle {
                    diagnostics.append(Diagnostic(file: path, location: middle, severity: .note, message: "conflict separator '======='"))
                }
                diagnostics.append(Diagnostic(file: path, location: here, severity: .note, message: "conflict ends here ('>>>>>>>')"))
                throw DiagnosticList(diagnostics)
            }
            line += 1
            lineStart = end + 1
        }
    }

    /// Whether `bytes[start..<end]` is a conflict marker line: seven `mark`s,
    /// then the end of the line or a space (and a label).
    private static func isMarker(_ bytes: [UInt8], _ start: Int, _ end: Int, _ mark: UInt8) -> Bool {
        guard end - start >= 7, bytes[start..<(start + 7)].allSatisfy({ $0 == mark }) else { return false }
        guard start + 7 < end else { return true }
        let next = bytes[start + 7]
        return next == UInt8(ascii: " ") || next == UInt8(ascii: "\r") || next == UInt8(ascii: "\t")
    }

    static func formatBytes(_ n: Int) -> String {
        if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(n) bytes"
    }
}

/// Diagnostics as an error value: what an operation that stops at its failure
/// throws when the failure is several diagnostics (a file that cannot be parsed,
/// with notes), as `throws(DiagnosticList)`.
public struct DiagnosticList: Error, Sendable, Hashable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of the file at `path`, or `nil` when it cannot be opened or read.
///
/// Reads with `open`/`read` rather than `FileManager.contents(atPath:)`, whose
/// empty-file path keeps a 4 KiB buffer that LeakSanitizer reports in the
/// sanitizer run of the tests.
public func readFileBytes(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            return nil
        }
        if count == 0 { return bytes }
        bytes.append(contentsOf: chunk[0..<count])
    }
}

/// The text (UTF-8, invalid bytes replaced) of the file at `path`, or `nil` when it cannot be read.
public func readFileText(_ path: String) -> String? {
    readFileBytes(path).map { String(decoding: $0, as: UTF8.self) }
}

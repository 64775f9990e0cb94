import LLMPersona

/// libFuzzer entry point: the path helper every path operation goes through.
///
/// Arbitrary bytes (as UTF-8, invalid sequences repaired) are taken apart and
/// put together again; nothing may crash, and the pieces must add up to the
/// path: same components, same root, a last component without a `/`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPath(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let directory = PathName.directory(of: path)
    let last = PathName.lastComponent(of: path)
    let ext = PathName.fileExtension(path)
    // By bytes: `"/\u{301}"` is one Character, yet `/` still separates there.
    func components(_ text: String) -> [[UInt8]] {
        text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
    }
    precondition(!ext.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") }, "extension '\(ext)' of '\(path)'")
    precondition(path.isEmpty == last.isEmpty, "empty last component of '\(path)'")
    if components(path).isEmpty {
        // Empty, or slashes only.
        precondition(directory == (path.isEmpty ? "" : "/") && last == directory, "root-only '\(path)'")
    } else {
        precondition(!last.utf8.contains(UInt8(ascii: "/")), "last component '\(last)' of '\(path)'")
        precondition(components(path).last == Array(last.utf8), "last component '\(last)' of '\(path)'")
        let rejoined = PathName.join(directory, last)
        precondition(components(rejoined) == components(path), "'\(path)' -> '\(directory)' + '\(last)'")
        precondition(PathName.isAbsolute(rejoined) == PathName.isAbsolute(path), "root of '\(path)'")
        precondition(PathName.directory(of: rejoined) == directory, "directory of '\(path)'")
    }
    let lock = PersonaLock.defaultPath(for: [path])
    precondition(PathName.lastComponent(of: lock) == PersonaLock.fileName, "lock path '\(lock)' for '\(path)'")
    return 0
}

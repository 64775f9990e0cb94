/// The one place the package takes file paths apart and puts them together.
///
/// Paths are POSIX paths handled as text, byte by byte on their UTF-8 form:
/// only the byte `/` separates components, so no name — `m`, `é`, a name
/// starting with a combining mark, a path of thousands of bytes — is ever
/// read as anything else. Nothing here touches the file system, and nothing
/// here can fail: every function gives an answer for every string, the empty
/// one included.
///
/// The empty string, as a directory, means the current directory: it is what
/// ``directory(of:)`` gives for a bare file name, and ``join(_:_:)`` leaves the
/// name as it is, so a path the user wrote as `maya.yaml` stays `maya.yaml`.
///
/// | path      | ``directory(of:)`` | ``lastComponent(of:)`` |
/// |-----------|--------------------|------------------------|
/// | `a`       | ``                 | `a`                    |
/// | `./a`     | `.`                | `a`                    |
/// | `/a`      | `/`                | `a`                    |
/// | `a/`      | ``                 | `a`                    |
/// | `a/b//`   | `a`                | `b`                    |
/// | `..`      | ``                 | `..`                   |
/// | `/`       | `/`                | `/`                    |
/// | ``        | ``                 | ``                     |
public enum PathName {
    private static let slash = UInt8(ascii: "/")

    /// `name` inside `directory`: `directory/name`, with exactly one `/` between
    /// them. An empty `directory` (the current one) gives `name` unchanged; an
    /// empty `name` gives `directory`.
    public static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        if name.isEmpty { return directory }
        let endsWithSlash = directory.utf8.last == slash
        let startsWithSlash = name.utf8.first == slash
        switch (endsWithSlash, startsWithSlash) {
        case (true, true): return directory + String(Substring(name.utf8.dropFirst()))
        case (false, false): return directory + "/" + name
        default: return directory + name
        }
    }

    /// The directory that holds the last component of `path`, spelled as in
    /// `path` (trailing `/`s ignored): `` (the current directory) when `path`
    /// names no directory, `/` for a component of the root.
    public static func directory(of path: String) -> String {
        let bytes = path.utf8
        guard let end = endOfLastComponent(bytes) else {
            // Empty, or only slashes: the root is its own directory.
            return bytes.isEmpty ? "" : "/"
        }
        guard let separator = bytes[..<end].lastIndex(of: slash) else { return "" }
        // Drop the run of slashes before the last component, keeping a lone leading one.
        var cut = separator
        while cut > bytes.startIndex, bytes[bytes.index(before: cut)] == slash { cut = bytes.index(before: cut) }
        if cut == bytes.startIndex { return "/" }
        return String(Substring(bytes[..<cut]))
    }

    /// The last component of `path` (trailing `/`s ignored): `b` for `a/b/`,
    /// `/` for a path of slashes only, `` for the empty path.
    public static func lastComponent(of path: String) -> String {
        let bytes = path.utf8
        guard let end = endOfLastComponent(bytes) else { return bytes.isEmpty ? "" : "/" }
        let start = bytes[..<end].lastIndex(of: slash).map { bytes.index(after: $0) } ?? bytes.startIndex
        return String(Substring(bytes[start..<end]))
    }

    /// The lower-cased extension of the last component of `path`, without its dot
    /// (`yaml` for `maya.YAML`); `` when it has none. A name that only starts
    /// with a dot (`.yaml`) has no extension.
    public static func fileExtension(_ path: String) -> String {
        let name = lastComponent(of: path).utf8
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return "" }
        return String(Substring(name[name.index(after: dot)...])).lowercased()
    }

    /// Whether `path` starts at the root.
    public static func isAbsolute(_ path: String) -> Bool {
        path.utf8.first == slash
    }

    /// Where the last component of `bytes` ends (before any trailing slashes);
    /// `nil` when there is no component (empty, or slashes only).
    private static func endOfLastComponent(_ bytes: String.UTF8View) -> String.Index? {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
        return end == bytes.startIndex ? nil : end
    }
}

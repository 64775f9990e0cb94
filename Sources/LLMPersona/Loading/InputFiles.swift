#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocumentTree

/// Expands the paths a user names into the persona files to read.
///
/// A file is taken as it is; a directory is scanned recursively for `.yaml`,
/// `.yml` and `.json` files, skipping entries whose names start with `.`
/// (such as `.git`). Symbolic links are followed, but a directory already
/// visited (a link loop) is not entered twice. The result is sorted by path,
/// byte-wise, so every machine reads files in the same order.
public enum InputFiles {
    /// File name endings read as persona files.
    public static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// The files under `paths`, with a diagnostic for each path that cannot be used.
    /// Paths in the result keep the spelling the user gave (`personas/maya.yaml`).
    public static func collect(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var seen = Set<FileID>()
        for path in paths {
            guard let info = FileID.lookup(path) else {
                diagnostics.append(Diagnostic(file: path, location: nil, message: "no such file or directory"))
                continue
            }
            if !info.isDirectory {
                if seen.insert(info.id).inserted { files.append(path) }
                continue
            }
            var found: [(path: String, id: FileID)] = []
            var visited = Set<FileID>()
            var pending = [(path, info.id)]
            while let (directory, directoryID) = pending.popLast() {
                guard visited.insert(directoryID).inserted else { continue }
                guard let entries = entries(of: directory) else {
                    diagnostics.append(Diagnostic(file: directory, location: nil, message: "cannot read directory"))
                    continue
                }
                for entry in entries where !entry.hasPrefix(".") {
                    let child = join(directory, entry)
                    guard let childInfo = FileID.lookup(child) else { continue }
                    if childInfo.isDirectory {
                        pending.append((child, childInfo.id))
                    } else if extensions.contains(fileExtension(entry)) {
                        found.append((child, childInfo.id))
                    }
                }
            }
            found.sort { ByteOrder.less($0.path, $1.path) }
            for file in found where seen.insert(file.id).inserted {
                files.append(file.path)
            }
        }
        return (files, diagnostics)
    }

    /// A file's identity (device and inode, after following symbolic links):
    /// the same file reached by two spellings or through a link is read once.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64

        /// The identity of `path` and whether it is a directory; `nil` when it does not exist.
        static func lookup(_ path: String) -> (id: FileID, isDirectory: Bool)? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return (FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)), (info.st_mode & S_IFMT) == S_IFDIR)
        }
    }

    /// The names in a directory, or `nil` when it cannot be read.
    private static func entries(of directory: String) -> [String]? {
        guard let handle = opendir(directory) else { return nil }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The lower-cased extension of a file name (`yaml` for `maya.YAML`).
    public static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    private static func join(_ directory: String, _ entry: String) -> String {
        directory.hasSuffix("/") ? directory + entry : directory + "/" + entry
    }
}

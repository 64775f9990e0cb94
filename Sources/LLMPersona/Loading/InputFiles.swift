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
/// (such as `.git`). Symbolic links are followed; a directory reached twice is
/// read once, a link back to a folder it sits in (a loop) is an error, and so
/// is a broken link named like a persona file. The result is sorted by path,
/// byte-wise, so every machine reads files in the same order.
public enum InputFiles {
    /// File name endings read as persona files.
    public static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// The message for a folder in which no persona file was found.
    static let noPersonaFiles = "no persona files found (looked for .yaml, .yml and .json files)"

    /// The files under `paths`; a diagnostic for each path that cannot be used is
    /// added to `diagnostics`.
    /// Paths in the result keep the spelling the user gave (`personas/maya.yaml`).
    /// When no file is found at all, each folder given is an error (nothing to
    /// build is a mistake, not a clean run).
    public static func collect(_ paths: [String], diagnostics: inout [Diagnostic]) -> [String] {
        var files: [String] = []
        var seen = Set<FileID>()
        var emptyFolders: [String] = []
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
            let problemsBefore = diagnostics.count
            var visited = Set<FileID>()
            // Each folder to scan, with the identities of the folders above it, so a
            // link back to one of them (a loop) can be told from a mere second way in.
            var pending: [(directory: String, id: FileID, ancestors: Set<FileID>)] = [(path, info.id, [])]
            while let (directory, directoryID, ancestors) = pending.popLast() {
                guard visited.insert(directoryID).inserted else { continue }
                guard let entries = entries(of: directory) else {
                    diagnostics.append(Diagnostic(file: directory, location: nil, message: "cannot read directory"))
                    continue
                }
                let inside = ancestors.union([directoryID])
                // One `stat` per entry, on every core (a folder of ten thousand files
                // waits on as many system calls); then the entries in order.
                let names = entries.filter { !$0.hasPrefix(".") }.sorted(by: ByteOrder.less)
                let infos = ParallelMap.map(names) { FileID.lookup(PathName.join(directory, $0)) }
                for (entry, childInfo) in zip(names, infos) {
                    let child = PathName.join(directory, entry)
                    guard let childInfo else {
                        // A dangling link named like a persona file would otherwise vanish without a word.
                        if extensions.contains(fileExtension(entry)), let target = linkTarget(child) {
                            diagnostics.append(Diagnostic(file: child, location: nil, message: "broken symbolic link (to '\(target)')"))
                        }
                        continue
                    }
                    if childInfo.isDirectory {
                        if inside.contains(childInfo.id) {
                            let written = linkTarget(child) ?? child
                            diagnostics.append(Diagnostic(
                                file: child, location: nil,
                                message: "symbolic link loop: '\(written)' leads back to a folder this link is inside"))
                            continue
                        }
                        pending.append((child, childInfo.id, inside))
                    } else if extensions.contains(fileExtension(entry)) {
                        found.append((child, childInfo.id))
                    }
                }
            }
            found.sort { ByteOrder.less($0.path, $1.path) }
            for file in found where seen.insert(file.id).inserted {
                files.append(file.path)
            }
            if found.isEmpty && diagnostics.count == problemsBefore { emptyFolders.append(path) }
        }
        // Nothing to read is never a clean run: a build would otherwise remove every output.
        if files.isEmpty {
            diagnostics += emptyFolders.map { Diagnostic(file: $0, location: nil, message: noPersonaFiles) }
        }
        return files
    }

    /// A file's identity (device and inode, after following symbolic links):
    /// the same file reached by two spellings or through a link is read once.
    struct FileID: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64

        /// The identity of `path` and whether it is a directory; `nil` when it does not exist.
        static func lookup(_ path: String) -> (id: FileID, isDirectory: Bool)? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return (FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)), (info.st_mode & S_IFMT) == S_IFDIR)
        }
    }

    /// Where the symbolic link at `path` points, or `nil` when it is not a link.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The names in a directory, or `nil` when it cannot be read.
    static func entries(of directory: String) -> [String]? {
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
        PathName.fileExtension(name)
    }
}

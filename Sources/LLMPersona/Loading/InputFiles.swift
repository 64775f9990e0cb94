import Foundation
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
        var seen = Set<String>()
        let fileManager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(file: path, location: nil, message: "no such file or directory"))
                continue
            }
            if !isDirectory.boolValue {
                if seen.insert(canonical(path)).inserted { files.append(path) }
                continue
            }
            var found: [String] = []
            var visited = Set<String>()
            var pending = [path]
            while let directory = pending.popLast() {
                guard visited.insert(canonical(directory)).inserted else { continue }
                let entries: [String]
                do {
                    entries = try fileManager.contentsOfDirectory(atPath: directory)
                } catch {
                    diagnostics.append(Diagnostic(file: directory, location: nil, message: "cannot read directory"))
                    continue
                }
                for entry in entries where !entry.hasPrefix(".") {
                    let child = join(directory, entry)
                    var childIsDirectory: ObjCBool = false
                    guard fileManager.fileExists(atPath: child, isDirectory: &childIsDirectory) else { continue }
                    if childIsDirectory.boolValue {
                        pending.append(child)
                    } else if extensions.contains(fileExtension(entry)) {
                        found.append(child)
                    }
                }
            }
            for file in found.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            where seen.insert(canonical(file)).inserted {
                files.append(file)
            }
        }
        return (files, diagnostics)
    }

    /// The lower-cased extension of a file name (`yaml` for `maya.YAML`).
    public static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    private static func join(_ directory: String, _ entry: String) -> String {
        directory.hasSuffix("/") ? directory + entry : directory + "/" + entry
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
}

import Foundation
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
            // Each folder to scan, with the canonical paths of the folders above it,
            // so a link back to one of them (a loop) can be told from a mere second way in.
            var pending: [(directory: String, ancestors: Set<String>)] = [(path, [])]
            while let (directory, ancestors) = pending.popLast() {
                let real = canonical(directory)
                guard visited.insert(real).inserted else { continue }
                let entries: [String]
                do {
                    entries = try fileManager.contentsOfDirectory(atPath: directory)
                } catch {
                    diagnostics.append(Diagnostic(file: directory, location: nil, message: "cannot read directory"))
                    continue
                }
                let inside = ancestors.union([real])
                for entry in entries.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !entry.hasPrefix(".") {
                    let child = join(directory, entry)
                    var childIsDirectory: ObjCBool = false
                    guard fileManager.fileExists(atPath: child, isDirectory: &childIsDirectory) else {
                        // A dangling link named like a persona file would otherwise vanish without a word.
                        if extensions.contains(fileExtension(entry)),
                           let target = try? fileManager.destinationOfSymbolicLink(atPath: child) {
                            diagnostics.append(Diagnostic(file: child, location: nil, message: "broken symbolic link (to '\(target)')"))
                        }
                        continue
                    }
                    if childIsDirectory.boolValue {
                        let target = canonical(child)
                        if inside.contains(target) {
                            let written = (try? fileManager.destinationOfSymbolicLink(atPath: child)) ?? target
                            diagnostics.append(Diagnostic(
                                file: child, location: nil,
                                message: "symbolic link loop: '\(written)' leads back to a folder this link is inside"))
                            continue
                        }
                        pending.append((child, inside))
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

import DocumentTree

/// Keeps a build's output folder and its inputs apart.
///
/// A build must never read what it writes, nor write where persona files live.
/// Folders are compared by identity (device and inode, through symbolic
/// links), never by spelling:
/// - an input file directly in the output folder that is not one of the
///   folder's own build artifacts (listed by its manifest, or the manifest
///   itself) is an error: the build could overwrite it;
/// - when the output folder is, or is inside, an input folder, every input
///   file found inside the output folder must be such an artifact; the
///   artifacts are then not read as persona files, and a warning says to
///   move the output folder out of the inputs;
/// - an input folder inside the output folder is fine: a build only writes
///   plain file names directly in the output folder, never into a folder in it.
enum OutputFolderInputs {
    /// The input `files` without the output folder's own artifacts; what was found
    /// is added to `diagnostics`.
    static func separate(
        _ files: [String], inputPaths: [String], output: String, diagnostics: inout [Diagnostic]
    ) -> [String] {
        typealias FileID = InputFiles.FileID
        let outputInfo = FileID.lookup(output)
        let chain = ancestry(of: outputInfo != nil ? output : nearestExisting(output))
        let enclosing = inputPaths.first { path in
            guard let info = FileID.lookup(path), info.isDirectory else { return false }
            return chain.contains(info.id)
        }
        guard let outputInfo, outputInfo.isDirectory else {
            // Nothing is inside a folder that does not exist yet.
            if let enclosing { diagnostics.append(warning(output, enclosing: enclosing, artifacts: 0)) }
            return files
        }
        // Read only if an input file is directly in the output folder (rarely).
        lazy var ownership = OutputOwnership(directory: output)
        // Whether a folder is the output folder or inside it, by identity.
        var insideOutput: [FileID: Bool] = [outputInfo.id: true]
        func isInsideOutput(_ directory: String) -> Bool {
            var path = directory
            var walked: [FileID] = []
            var result = false
            while let id = FileID.lookup(path)?.id {
                if let known = insideOutput[id] {
                    result = known
                    break
                }
                if walked.last == id { break }  // the root is its own parent
                walked.append(id)
                path = PathName.join(path, "..")
            }
            for id in walked { insideOutput[id] = result }
            return result
        }

        var kept: [String] = []
        let problemsBefore = diagnostics.count
        var artifacts = 0
        // Files of one folder share its identity: look each folder up once.
        var folderIsOutput: [String: Bool] = [:]
        for file in files {
            guard let info = FileID.lookup(file) else {
                kept.append(file)  // the loader reports it
                continue
            }
            let parent = parentDirectory(of: file)
            let isDirect = folderIsOutput[parent] ?? {
                let isOutput = FileID.lookup(parent)?.id == outputInfo.id
                folderIsOutput[parent] = isOutput
                return isOutput
            }()
            guard isDirect || (enclosing != nil && isInsideOutput(parent)) else {
                kept.append(file)
                continue
            }
            if isDirect && ownership.owns(identity: info.id) {
                artifacts += 1
                continue
            }
            kept.append(file)
            diagnostics.append(Diagnostic(
                file: file, location: nil,
                message: "this persona file is inside the output folder '\(output)', where build writes; "
                    + "choose an output folder outside the input folders",
                setting: PersonaSetting.outputDirectory.rawValue))
        }
        if diagnostics.count == problemsBefore, enclosing != nil || artifacts > 0 {
            diagnostics.append(warning(output, enclosing: enclosing, artifacts: artifacts))
        }
        if kept.isEmpty && !files.isEmpty {
            diagnostics.append(Diagnostic(
                file: output, location: nil,
                message: "every input file found is a build artifact of this output folder; there are no persona files to build"))
        }
        return kept
    }

    private static func warning(_ output: String, enclosing: String?, artifacts: Int) -> Diagnostic {
        let skipped = artifacts == 0
            ? "its build artifacts are not read as persona files"
            : "its \(artifacts) build artifact\(artifacts == 1 ? " is" : "s are") not read as persona files"
        let message = enclosing.map {
            "the output folder is inside the input folder '\($0)'; \(skipped); move the output folder outside the input folders"
        } ?? "\(artifacts) input file\(artifacts == 1 ? " is a build artifact" : "s are build artifacts") of this output folder, not read as persona files"
        return Diagnostic(
            file: output, location: nil, severity: .warning, message: message,
            setting: enclosing == nil ? nil : PersonaSetting.outputDirectory.rawValue)
    }

    /// The identities of `directory` and every folder above it, up to the root.
    private static func ancestry(of directory: String) -> Set<InputFiles.FileID> {
        var ids = Set<InputFiles.FileID>()
        var path = directory
        while let id = InputFiles.FileID.lookup(path)?.id, ids.insert(id).inserted {
            path = PathName.join(path, "..")
        }
        return ids
    }

    /// The longest leading part of `path` that exists (`.` when none does).
    private static func nearestExisting(_ path: String) -> String {
        var current = path
        while InputFiles.FileID.lookup(current) == nil {
            let parent = parentDirectory(of: current)
            if parent == current { return "." }
            current = parent
        }
        return current
    }

    /// The folder holding `path` (``PathName/directory(of:)``), `.` for a bare file name.
    private static func parentDirectory(of path: String) -> String {
        let directory = PathName.directory(of: path)
        return directory.isEmpty ? "." : directory
    }
}

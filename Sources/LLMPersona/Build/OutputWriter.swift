import DocumentTree
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Installs a ``BuildPlan`` into an output folder, all or nothing, or checks
/// the folder against one.
///
/// Installing, under an exclusive lock on the folder (see `lockTimeout`):
/// 1. every file whose bytes differ from the plan is written to a temporary
///    file in the folder (`.persona-….tmp`) and flushed; if any fails, the
///    temporaries are removed and the folder is as it was;
/// 2. the temporaries are renamed over their targets, so a reader never sees
///    half a file; a file whose bytes are already right is not touched (its
///    modification time stays);
/// 3. the files the previous `manifest.json` listed that the plan no longer
///    has are removed — only those, never any other file in the folder;
/// 4. the new manifest goes in last.
///
/// A previous manifest that cannot be read removes nothing and gives a warning.
public struct OutputWriter: Sendable {
    /// The output folder.
    public var directory: String
    /// How long to wait for another build that holds the folder's lock.
    public var lockTimeout: Duration
    /// Whether written files are flushed to disk before they are renamed into place
    /// (default `true`). Without it, readers still never see half a file, but a
    /// power loss may leave empty files; for throwaway output (CI) it saves the wait.
    public var flushesToDisk = true

    /// A writer for `directory` that waits up to `lockTimeout` for another build.
    public init(directory: String, lockTimeout: Duration = .seconds(60)) {
        self.directory = directory
        self.lockTimeout = lockTimeout
    }

    /// Why the output folder cannot be used, or `nil` when it can (creating it if needed).
    public func prepare() -> String? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { return "output path exists and is not a directory" }
        } else {
            do {
                try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                return "cannot create output directory"
            }
        }
        if !fileManager.isWritableFile(atPath: directory) { return "output directory is not writable" }
        return nil
    }

    /// What an install did.
    public struct InstallReport: Sendable, Hashable {
        /// The files written because their bytes changed (the manifest included), sorted.
        public var written: [String] = []
        /// The files already right, left untouched, sorted.
        public var unchanged: [String] = []
        /// The files of the previous manifest that are no longer built, removed, sorted.
        public var removed: [String] = []
        /// Problems that did not stop the install (an unreadable previous manifest).
        public var warnings: [Diagnostic] = []
    }

    /// Installs `plan` (see the type's description). The folder must exist (``prepare()``).
    public func install(_ plan: BuildPlan) throws(WriteError) -> InstallReport {
        try DirectoryLock.with(directory, .exclusive, timeout: lockTimeout) { () throws(WriteError) -> InstallReport in
            try installLocked(plan)
        }
    }

    private func installLocked(_ plan: BuildPlan) throws(WriteError) -> InstallReport {
        var report = InstallReport()
        let previous = readManifest(consequence: "no stale files were removed")
        if let warning = previous.warning { report.warnings.append(warning) }

        // 1. Stage every changed file, on every core (each file is independent);
        // on any failure, discard everything staged and report the first failure in file order.
        let files = plan.files
        let flushEach = flushesToDisk && !AtomicFile.canFlushFileSystem
        let run = UUID().uuidString
        let outcomes = ParallelMap.map(Array(files.indices)) { index -> Staging in
            let file = files[index]
            let target = path(file.fileName)
            do throws(WriteError) {
                try checkFileName(file.fileName)
                switch existingContents(target) {
                case .regularFile(let bytes) where bytes == file.contents:
                    return .unchanged
                case .notRegularFile:
                    throw WriteError(path: target, message: "exists and is not a regular file")
                default:
                    return .staged(try AtomicFile.stage(
                        file.contents, in: directory, for: target, flush: flushEach, name: ".persona-\(run)-\(index).tmp"))
                }
            } catch {
                return .failed(error)
            }
        }
        var staged: [(temporary: String, fileName: String)] = []
        func discard(_ items: some Sequence<(temporary: String, fileName: String)>) {
            for item in items { unlink(item.temporary) }
        }
        var firstFailure: WriteError?
        for (file, outcome) in zip(files, outcomes) {
            switch outcome {
            case .unchanged: report.unchanged.append(file.fileName)
            case .staged(let temporary): staged.append((temporary, file.fileName))
            case .failed(let error): firstFailure = firstFailure ?? error
            }
        }
        if let firstFailure {
            discard(staged)
            throw firstFailure
        }
        // Every staged file reaches the disk before the first rename: one flush for them all.
        if flushesToDisk && AtomicFile.canFlushFileSystem && !staged.isEmpty {
            do throws(WriteError) {
                try AtomicFile.flushFileSystem(of: directory)
            } catch {
                discard(staged)
                throw error
            }
        }

        // 2. Rename the artifacts in; the manifest waits until stale files are gone.
        let manifestItem = staged.first { $0.fileName == Manifest.fileName }
        let artifactItems = staged.filter { $0.fileName != Manifest.fileName }
        for (index, item) in artifactItems.enumerated() {
            do throws(WriteError) {
                try AtomicFile.commit(item.temporary, to: path(item.fileName))
            } catch {
                discard(artifactItems[(index + 1)...])
                if let manifestItem { discard([manifestItem]) }
                throw error
            }
            report.written.append(item.fileName)
        }

        // 3. Remove what the previous manifest listed and this build does not produce.
        let produced = Set(files.map(\.fileName))
        for fileName in previous.manifest?.files ?? [] where !produced.contains(fileName) {
            guard isPlainFileName(fileName) else {
                report.warnings.append(Diagnostic(
                    file: path(Manifest.fileName), location: nil, severity: .warning,
                    message: "the previous manifest lists '\(fileName)', which is not a file name in this directory; left alone"))
                continue
            }
            if unlink(path(fileName)) == 0 {
                report.removed.append(fileName)
            } else if errno != ENOENT {
                report.warnings.append(Diagnostic(
                    file: path(fileName), location: nil, severity: .warning,
                    message: "cannot remove file no longer built: \(String(cString: strerror(errno)))"))
            }
        }

        // 4. The manifest last.
        if let manifestItem {
            try AtomicFile.commit(manifestItem.temporary, to: path(manifestItem.fileName))
            report.written.append(manifestItem.fileName)
        }
        if flushesToDisk { AtomicFile.syncDirectory(directory) }
        report.written.sort { ByteOrder.less($0, $1) }
        report.unchanged.sort { ByteOrder.less($0, $1) }
        report.removed.sort { ByteOrder.less($0, $1) }
        return report
    }

    /// How the folder differs from a plan.
    public struct CheckReport: Sendable, Hashable {
        /// One file that is not as the build would leave it.
        public struct Finding: Sendable, Hashable {
            /// How the file differs.
            public enum Kind: String, Sendable, Hashable {
                /// The build would write it and it is not there.
                case missing
                /// It is there with other bytes than the build would write.
                case stale
                /// The manifest lists it but the build no longer produces it.
                case extra
            }
            /// The file, inside the output folder.
            public var fileName: String
            /// How it differs.
            public var kind: Kind

            /// `missing (build would write it)`, and so on.
            public var message: String {
                switch kind {
                case .missing: "missing (build would write it)"
                case .stale: "stale (differs from what build would write)"
                case .extra: "extra (listed in the manifest, no longer built)"
                }
            }
        }

        /// The differences, sorted by file name.
        public var findings: [Finding] = []
        /// The number of files the plan holds (the manifest included).
        public var fileCount = 0
        /// Problems that limit the check (an unreadable manifest hides extra files).
        public var warnings: [Diagnostic] = []

        /// Whether the folder holds exactly what the build would write.
        public var isUpToDate: Bool { findings.isEmpty }
    }

    /// Compares the folder with `plan`, writing nothing.
    public func check(_ plan: BuildPlan) throws(WriteError) -> CheckReport {
        // `plan.files` encodes the manifest each time it is read: once here.
        let files = plan.files
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            var report = CheckReport(fileCount: files.count)
            report.findings = files.map { CheckReport.Finding(fileName: $0.fileName, kind: .missing) }
            report.findings.sort { ByteOrder.less($0.fileName, $1.fileName) }
            return report
        }
        guard isDirectory.boolValue else {
            throw WriteError(path: directory, message: "output path exists and is not a directory")
        }
        return try DirectoryLock.with(directory, .shared, timeout: lockTimeout) { () throws(WriteError) -> CheckReport in
            var report = CheckReport(fileCount: files.count)
            for file in files {
                switch existingContents(path(file.fileName)) {
                case .absent: report.findings.append(.init(fileName: file.fileName, kind: .missing))
                case .regularFile(let bytes) where bytes == file.contents: break
                default: report.findings.append(.init(fileName: file.fileName, kind: .stale))
                }
            }
            let previous = readManifest(consequence: "extra files cannot be detected")
            if let warning = previous.warning { report.warnings.append(warning) }
            let produced = Set(files.map(\.fileName))
            for fileName in previous.manifest?.files ?? []
            where !produced.contains(fileName) && isPlainFileName(fileName) {
                if case .absent = existingContents(path(fileName)) { continue }
                report.findings.append(.init(fileName: fileName, kind: .extra))
            }
            report.findings.sort { ByteOrder.less($0.fileName, $1.fileName) }
            return report
        }
    }

    /// The path of `fileName` inside the output folder.
    public func path(_ fileName: String) -> String {
        PathName.join(directory, fileName)
    }

    // MARK: Files

    /// What staging did with one planned file.
    private enum Staging: Sendable {
        case unchanged
        case staged(String)
        case failed(WriteError)
    }

    private enum Existing {
        case absent
        case regularFile([UInt8])
        case notRegularFile
    }

    private func existingContents(_ target: String) -> Existing {
        var info = stat()
        if stat(target, &info) != 0 { return errno == ENOENT || errno == ENOTDIR ? .absent : .notRegularFile }
        if (info.st_mode & S_IFMT) != S_IFREG { return .notRegularFile }
        // Outputs are our own files; FileBytes opens without blocking, so a pipe swapped in is not waited on.
        guard case .success(let bytes) = FileBytes.read(target, maxBytes: Int.max - 1, tooLarge: "") else { return .notRegularFile }
        return .regularFile(bytes)
    }

    /// Plans only hold plain file names; check again at the door.
    private func checkFileName(_ fileName: String) throws(WriteError) {
        guard isPlainFileName(fileName) else {
            throw WriteError(path: path(fileName), message: "refusing to write outside the output directory")
        }
    }

    /// A name of a file directly inside the folder, and not hidden (temporaries are hidden).
    private func isPlainFileName(_ fileName: String) -> Bool {
        !fileName.isEmpty && !fileName.contains("/") && !fileName.contains("\\") && !fileName.hasPrefix(".")
            && !fileName.utf8.contains(0)
    }

    /// The folder's manifest; when it exists but cannot be read, a warning ending in `consequence`.
    private func readManifest(consequence: String) -> (manifest: Manifest?, warning: Diagnostic?) {
        let file = path(Manifest.fileName)
        switch existingContents(file) {
        case .absent:
            return (nil, nil)
        case .notRegularFile:
            return (nil, Diagnostic(
                file: file, location: nil, severity: .warning,
                message: "the previous manifest is not a readable file; \(consequence)"))
        case .regularFile(let bytes):
            do {
                return (try Manifest.decode(bytes), nil)
            } catch {
                return (nil, Diagnostic(
                    file: file, location: error.location, severity: .warning,
                    message: "cannot read the previous manifest (\(error.message)); \(consequence)"))
            }
        }
    }
}

/// A file that could not be written.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    /// The file (inside the output folder) or the folder itself.
    public var path: String
    /// What went wrong.
    public var message: String

    /// An error about `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: error: message`.
    public var description: String { "\(path): error: \(message)" }
}

/// `read(2)`, under a name no method hides.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

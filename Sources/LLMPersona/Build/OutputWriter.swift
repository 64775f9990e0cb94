import DocumentTree
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Installs a ``BuildPlan`` into an output folder, all or nothing, or checks
/// the folder against one.
///
/// A build only ever writes or removes a file that (a) does not exist yet,
/// (b) the folder's previous `manifest.json` (ours) lists, or (c) already has
/// exactly the bytes it would write (then it is left untouched). Any other
/// file the plan would replace — a persona's source, a `manifest.json` that is
/// not ours — stops the install before anything is written, naming every such file.
///
/// Installing, under an exclusive lock on the folder (see `lockTimeout`):
/// 1. each persona's files are made (on every core, one persona at a time, so
///    the outputs are never all in memory), checked against the rule above and,
///    when their bytes differ, written to temporaries in the folder
///    (`.persona-PID-….tmp`); if any file is refused or fails, every temporary
///    is removed and the folder is as it was;
/// 2. temporaries left by interrupted builds are removed (see
///    `LeftoverTemporaries`), the manifest is staged, and everything staged is
///    flushed to disk;
/// 3. the temporaries are renamed over their targets, so a reader never sees
///    half a file; a file whose bytes are already right is not touched (its
///    modification time stays);
/// 4. the files the previous `manifest.json` listed that the plan no longer
///    has are removed — only those, never any other file in the folder;
/// 5. the new manifest goes in last.
///
/// Temporaries are recorded in ``temporaries`` while they exist, so a process
/// interrupted while staging can remove them before it exits.
public struct OutputWriter: Sendable {
    /// The output folder.
    public var directory: String
    /// How long to wait for another build that holds the folder's lock.
    public var lockTimeout: Duration
    /// Whether written files are flushed to disk before they are renamed into place
    /// (default `true`). Without it, readers still never see half a file, but a
    /// power loss may leave empty files; for throwaway output (CI) it saves the wait.
    public var flushesToDisk = true
    /// Where the temporaries this writer stages are recorded while they exist, so that an
    /// interrupted process can remove them (see ``StagedTemporaries``).
    public var temporaries = StagedTemporaries()
    /// The folder of build records (see ``BuildRecord``), created when first
    /// needed; `nil` (the default) reads and writes no record.
    public var buildRecords: String?

    /// A writer for `directory` that waits up to `lockTimeout` for another build.
    public init(directory: String, lockTimeout: Duration = .seconds(60)) {
        self.directory = directory
        self.lockTimeout = lockTimeout
    }

    /// Makes the output folder ready (creating it, and any missing parent, if
    /// needed), or throws why it cannot be used. Each reason ends with the system's
    /// own words for it (`No such file or directory`, `Permission denied`, …).
    public func prepare() throws(WriteError) {
        func unusable(_ message: String) -> WriteError { WriteError(path: directory, message: message) }
        if directory.isEmpty { throw unusable("the output directory path is empty: \(Self.systemMessage(ENOENT))") }
        var info = stat()
        if stat(directory, &info) == 0 {
            if info.st_mode & S_IFMT != S_IFDIR { throw unusable("output path exists and is not a directory") }
        } else if let code = Self.makeDirectories(directory) {
            throw unusable("cannot create output directory: \(Self.systemMessage(code))")
        }
        if access(directory, W_OK | X_OK) != 0 { throw unusable("output directory is not writable: \(Self.systemMessage(errno))") }
    }

    /// `mkdir -p`: creates `path` and the folders above it that are missing;
    /// returns the `errno` of the first failure, or `nil`.
    static func makeDirectories(_ path: String) -> Int32? {
        // The missing folders, innermost first, found by walking up the path.
        var missing: [String] = []
        var current = Substring(path)
        while !current.isEmpty {
            var info = stat()
            if stat(String(current), &info) == 0 { break }
            if errno != ENOENT { return errno }
            missing.append(String(current))
            // The parent: drop the last component and the slashes before it.
            guard let slash = current.lastIndex(of: "/") else { break }
            current = current[..<slash]
            while current.last == "/" { current = current.dropLast() }
        }
        for folder in missing.reversed() where mkdir(folder, 0o777) != 0 && errno != EEXIST {
            return errno
        }
        var info = stat()
        if stat(path, &info) != 0 { return errno }
        return info.st_mode & S_IFMT == S_IFDIR ? nil : ENOTDIR
    }

    /// The system's description of an `errno` value.
    private static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// What an install did.
    public struct InstallReport: Sendable, Hashable {
        /// The files written because their bytes changed (the manifest included), sorted.
        public var written: [String] = []
        /// The files already right, left untouched, sorted.
        public var unchanged: [String] = []
        /// The files of the previous manifest that are no longer built, removed, sorted.
        public var removed: [String] = []
        /// Temporaries left in the folder by interrupted builds, removed, sorted.
        public var removedTemporaries: [String] = []
        /// Problems that did not stop the install.
        public var warnings: [Diagnostic] = []
    }

    /// Installs `plan` (see the type's description). The folder must exist (``prepare()``).
    ///
    /// With ``buildRecords``, the folder's ``BuildRecord`` (when ours) is removed before
    /// the first file is renamed; with `recordKey` too (the ``BuildInputs/key`` of the
    /// inputs `plan` was made from, given only when preparing it reported nothing), a
    /// new one is written last, so the next build of the same inputs can
    /// ``reuse(_:)`` the folder. A record that cannot be written only costs that reuse.
    public func install(_ plan: BuildPlan, recordKey: String? = nil) throws(WriteError) -> InstallReport {
        try DirectoryLock.with(directory, .exclusive, timeout: lockTimeout) { () throws(WriteError) -> InstallReport in
            try installLocked(plan, recordKey: recordKey)
        }
    }

    private func installLocked(_ plan: BuildPlan, recordKey: String?) throws(WriteError) -> InstallReport {
        var report = InstallReport()
        // 1-2. Decide every file, and stage those to write, one persona at a time on
        // every core: a file is written only when it does not exist, is ours (the
        // previous manifest lists it), or already holds these bytes. Each persona's
        // files are made, compared and staged, then released, so all the outputs are
        // never in memory at once. Any refusal or failure removes every temporary
        // staged, and the folder is as it was.
        let ownership = OutputOwnership(directory: directory)
        let manifestFile = plan.manifestArtifact
        let manifestDecision = decide(manifestFile, ownership)
        // A refused manifest stops the build whatever the rest: then only decide, stage nothing.
        let stages: Bool
        if case .failed = manifestDecision { stages = false } else { stages = true }
        let flushEach = flushesToDisk && !AtomicFile.canFlushFileSystem
        let run = LeftoverTemporaries.runToken()
        let temporaries = self.temporaries
        // The record: replaced when ours, never touched when not (then none is kept).
        let recordPath = recordPath()
        let recordStanding = recordPath.map(BuildRecord.standing(at:)) ?? .absent
        var recordKey = recordPath == nil ? nil : recordKey
        if case .foreign = recordStanding { recordKey = nil }
        let records = recordKey != nil
        let outcomes = plan.mapArtifacts { file, number -> Staging in
            let decision = decide(file, ownership)
            guard case .write = decision else {
                if case .failed(let error) = decision { return .refused(error) }
                return .unchanged(records ? Self.recorded(file) : nil)
            }
            guard stages else { return .unchanged(nil) }
            do throws(WriteError) {
                return .staged(try AtomicFile.stage(
                    file.contents, in: directory, for: path(file.fileName), flush: flushEach,
                    name: LeftoverTemporaries.name(run: run, index: number), temporaries: temporaries),
                    records ? Self.recorded(file) : nil)
            } catch {
                return .failed(error)
            }
        }
        var staged: [(temporary: String, fileName: String)] = []
        func discard(_ items: some Sequence<(temporary: String, fileName: String)>, _ forget: (String) -> Void) {
            for item in items {
                unlink(item.temporary)
                forget(item.temporary)
            }
        }
        var refusals: [WriteError] = []
        var firstFailure: WriteError?
        var recordedFiles: [BuildRecord.File] = []
        for (fileName, outcome) in outcomes {
            switch outcome {
            case .unchanged(let recorded):
                report.unchanged.append(fileName)
                if let recorded { recordedFiles.append(recorded) }
            case .staged(let temporary, let recorded):
                staged.append((temporary, fileName))
                if let recorded { recordedFiles.append(recorded) }
            case .refused(let error): refusals.append(error)
            case .failed(let error): firstFailure = firstFailure ?? error
            }
        }
        if case .failed(let error) = manifestDecision { refusals.append(error) }
        if let first = refusals.first {
            discard(staged, temporaries.forget)
            throw WriteError(first, more: Array(refusals.dropFirst()))
        }
        if let firstFailure {
            discard(staged, temporaries.forget)
            throw firstFailure
        }
        // Temporaries of interrupted runs go (we hold the exclusive lock: no build of ours is
        // staging here; this run's own temporaries carry this process's id and are kept).
        report.removedTemporaries = LeftoverTemporaries.removeAbandoned(in: directory)
        // The manifest, staged last.
        if case .write = manifestDecision {
            do throws(WriteError) {
                staged.append((try AtomicFile.stage(
                    manifestFile.contents, in: directory, for: path(manifestFile.fileName), flush: flushEach,
                    name: LeftoverTemporaries.name(run: run, index: plan.fileCount), temporaries: temporaries), manifestFile.fileName))
            } catch {
                discard(staged, temporaries.forget)
                throw error
            }
        } else {
            report.unchanged.append(manifestFile.fileName)
        }
        // The record, staged in its own folder after the manifest; its key stands for the
        // whole plan. It is a cache: when it cannot be written, the build goes on without it.
        var stagedRecord: String?
        if let recordKey, let recordPath, let records = buildRecords, Self.makeDirectories(records) == nil {
            recordedFiles.append(Self.recorded(manifestFile))
            let record = BuildRecord(key: recordKey, personaCount: plan.records.count, files: recordedFiles)
            if let bytes = record.encoded() {
                stagedRecord = try? AtomicFile.stage(
                    bytes, in: records, for: recordPath, flush: false,
                    name: LeftoverTemporaries.name(run: run, index: plan.fileCount + 1), temporaries: temporaries)
            }
        }
        // Every staged file reaches the disk before the first rename: one flush for them all.
        if flushesToDisk && AtomicFile.canFlushFileSystem && !staged.isEmpty {
            do throws(WriteError) {
                try AtomicFile.flushFileSystem(of: directory)
            } catch {
                discard(staged, temporaries.forget)
                throw error
            }
        }

        // 3. Rename the artifacts in, remove stale files, then the manifest; an
        // interruption waits until this is over, so the folder never holds a mix.
        let fileNames = outcomes.map(\.fileName) + [manifestFile.fileName]
        try temporaries.committing { (forget) throws(WriteError) in
            // The folder is about to change: its old record no longer describes it.
            if let recordPath, recordStanding.isOurs { unlink(recordPath) }
            do throws(WriteError) {
                try commit(staged, previous: ownership.manifest, fileNames: fileNames, report: &report, discard: { discard($0, forget) }, forget: forget)
            } catch {
                if let stagedRecord {
                    unlink(stagedRecord)
                    forget(stagedRecord)
                }
                throw error
            }
            // Then the record of what the folder now holds.
            if let stagedRecord, let recordPath {
                forget(stagedRecord)
                if rename(stagedRecord, recordPath) != 0 { unlink(stagedRecord) }
            }
        }
        if flushesToDisk { AtomicFile.syncDirectory(directory) }
        report.written.sort { ByteOrder.less($0, $1) }
        report.unchanged.sort { ByteOrder.less($0, $1) }
        report.removed.sort { ByteOrder.less($0, $1) }
        return report
    }

    /// What the install does with one planned file.
    private func decide(_ file: Artifact, _ ownership: OutputOwnership) -> Decision {
        do throws(WriteError) {
            try checkFileName(file.fileName)
        } catch {
            return .failed(error)
        }
        switch standing(of: file, ownership) {
        case .same: return .unchanged
        case .absent, .ours: return .write
        case .refused(let error): return .failed(error)
        }
    }

    /// Renames the staged files into place (the manifest last) and removes the
    /// files the previous manifest listed that this build no longer produces.
    private func commit(
        _ staged: [(temporary: String, fileName: String)], previous: Manifest?, fileNames: [String], report: inout InstallReport,
        discard: ([(temporary: String, fileName: String)]) -> Void, forget: (String) -> Void
    ) throws(WriteError) {
        let manifestItem = staged.first { $0.fileName == Manifest.fileName }
        let artifactItems = staged.filter { $0.fileName != Manifest.fileName }
        for (index, item) in artifactItems.enumerated() {
            do throws(WriteError) {
                try AtomicFile.commit(item.temporary, to: path(item.fileName))
                forget(item.temporary)
            } catch {
                forget(item.temporary)
                discard(Array(artifactItems[(index + 1)...]) + (manifestItem.map { [$0] } ?? []))
                throw error
            }
            report.written.append(item.fileName)
        }

        // Remove what the previous manifest listed and this build does not produce.
        // Names are compared as bytes: a persona renamed from one Unicode normalisation
        // to another has its old files removed. A listed name that is, on this file
        // system, one of the files just written (another letter case or normalisation
        // of it) is left alone.
        let produced = Set(fileNames.map { Array($0.utf8) })
        lazy var producedIdentities = Set(fileNames.compactMap { InputFiles.FileID.lookup(path($0))?.id })
        for fileName in previous?.files ?? [] where !produced.contains(Array(fileName.utf8)) {
            guard OutputOwnership.isPlainFileName(fileName) else {
                report.warnings.append(Diagnostic(
                    file: path(Manifest.fileName), location: nil, severity: .warning,
                    message: "the previous manifest lists '\(fileName)', which is not a file name in this directory; left alone"))
                continue
            }
            if let id = InputFiles.FileID.lookup(path(fileName))?.id, producedIdentities.contains(id) { continue }
            if unlink(path(fileName)) == 0 {
                report.removed.append(fileName)
            } else if errno != ENOENT {
                report.warnings.append(Diagnostic(
                    file: path(fileName), location: nil, severity: .warning,
                    message: "cannot remove file no longer built: \(String(cString: strerror(errno)))"))
            }
        }

        // The manifest last.
        if let manifestItem {
            defer { forget(manifestItem.temporary) }
            try AtomicFile.commit(manifestItem.temporary, to: path(manifestItem.fileName))
            report.written.append(manifestItem.fileName)
        }
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
                /// The build would write it, but it is there, with other bytes, and not
                /// ours: the build would stop (see ``OutputWriter``).
                case notOurs
                /// A temporary file left by an interrupted build (the next build removes it).
                case temporary
            }
            /// The file, inside the output folder.
            public var fileName: String
            /// How it differs.
            public var kind: Kind
            /// For ``Kind/notOurs``: why the build would not replace it.
            public var detail: String?

            /// A finding about `fileName`.
            public init(fileName: String, kind: Kind, detail: String? = nil) {
                self.fileName = fileName
                self.kind = kind
                self.detail = detail
            }

            /// `missing (build would write it)`, and so on.
            public var message: String {
                switch kind {
                case .missing: "missing (build would write it)"
                case .stale: "stale (differs from what build would write)"
                case .extra: "extra (listed in the manifest, no longer built)"
                case .notOurs: detail ?? "exists and was not written by persona build; build will not replace it"
                case .temporary: "temporary file left by an interrupted build (persona build removes it)"
                }
            }
        }

        /// The differences, sorted by file name.
        public var findings: [Finding] = []
        /// The number of files the plan holds (the manifest included).
        public var fileCount = 0
        /// Problems that limit the check.
        public var warnings: [Diagnostic] = []

        /// Whether the folder holds exactly what the build would write.
        public var isUpToDate: Bool { findings.isEmpty }
        /// Whether a build into the folder would stop on a file that is not ours.
        public var buildWouldRefuse: Bool { findings.contains { $0.kind == .notOurs } }
    }

    /// What `report` says about this folder, as `persona build --check` prints it:
    /// an error per finding, at its file, and a note on the folder saying what
    /// a build would do. None when the folder is up to date.
    public func diagnostics(_ report: CheckReport) -> [Diagnostic] {
        guard !report.isUpToDate else { return [] }
        let count = report.findings.count
        let note = report.buildWouldRefuse
            ? "build would stop: it writes only files that do not exist, that its manifest lists, or that already hold its bytes"
            : "\(count) file\(count == 1 ? " is" : "s are") not up to date; run persona build to update"
        return report.findings.map { Diagnostic(file: path($0.fileName), location: nil, message: $0.message) }
            + [Diagnostic(file: directory, location: nil, severity: .note, message: note)]
    }

    /// Compares the folder with `plan`, writing nothing. A file the build would
    /// refuse to replace (see the type's description) is a ``CheckReport/Finding/Kind/notOurs``
    /// finding; temporaries left by interrupted builds are findings too.
    public func check(_ plan: BuildPlan) throws(WriteError) -> CheckReport {
        guard let isDirectory = InputFiles.FileID.lookup(directory)?.isDirectory else {
            var report = CheckReport(fileCount: plan.fileCount)
            report.findings = plan.units.flatMap { unit in
                unit.fileNames(plan.format).map { CheckReport.Finding(fileName: $0, kind: .missing) }
            } + [CheckReport.Finding(fileName: Manifest.fileName, kind: .missing)]
            report.findings.sort { ByteOrder.less($0.fileName, $1.fileName) }
            return report
        }
        guard isDirectory else {
            throw WriteError(path: directory, message: "output path exists and is not a directory")
        }
        return try DirectoryLock.with(directory, .shared, timeout: lockTimeout) { () throws(WriteError) -> CheckReport in
            var report = CheckReport(fileCount: plan.fileCount)
            let ownership = OutputOwnership(directory: directory)
            // Each persona's files are made and compared on every core, then released.
            let standings = plan.mapArtifacts { file, _ in standing(of: file, ownership) }
                + [(fileName: Manifest.fileName, result: standing(of: plan.manifestArtifact, ownership))]
            for (fileName, standing) in standings {
                switch standing {
                case .absent: report.findings.append(.init(fileName: fileName, kind: .missing))
                case .same: break
                case .ours: report.findings.append(.init(fileName: fileName, kind: .stale))
                case .refused(let error):
                    report.findings.append(.init(fileName: fileName, kind: .notOurs, detail: error.message))
                }
            }
            let produced = Set(standings.map { Array($0.fileName.utf8) })
            for fileName in ownership.manifest?.files ?? []
            where !produced.contains(Array(fileName.utf8)) && OutputOwnership.isPlainFileName(fileName) {
                if case .absent = existingStanding(path(fileName), expected: []) { continue }
                report.findings.append(.init(fileName: fileName, kind: .extra))
            }
            for name in LeftoverTemporaries.all(in: directory) {
                report.findings.append(.init(fileName: name, kind: .temporary))
            }
            report.findings.sort { ByteOrder.less($0.fileName, $1.fileName) }
            return report
        }
    }

    /// The record line of `file`.
    private static func recorded(_ file: Artifact) -> BuildRecord.File {
        BuildRecord.File(name: file.fileName, digest: Fingerprint.sha256(file.contents), size: file.contents.count)
    }

    /// The path of `fileName` inside the output folder.
    public func path(_ fileName: String) -> String {
        PathName.join(directory, fileName)
    }

    // MARK: Files

    /// What the install will do with one planned file, decided before anything is written.
    private enum Decision: Sendable {
        case unchanged
        case write
        case failed(WriteError)
    }

    /// What staging did with one planned file; with its record line when one is kept.
    private enum Staging: Sendable {
        case unchanged(BuildRecord.File?)
        case staged(String, BuildRecord.File?)
        /// The file is not ours to replace: the build stops before anything is renamed.
        case refused(WriteError)
        case failed(WriteError)
    }

    /// How a planned file stands against the folder: the one decision that
    /// ``install(_:)`` acts on and ``check(_:)`` reports, so the two agree.
    private enum Standing: Sendable {
        /// Not there: the build creates it.
        case absent
        /// There with exactly these bytes: left alone.
        case same
        /// There with other bytes, and ours (the previous manifest lists it): replaced.
        case ours
        /// There and not ours to replace (other bytes, a foreign manifest, not a regular file).
        case refused(WriteError)
    }

    private func standing(of file: Artifact, _ ownership: OutputOwnership) -> Standing {
        // A new folder: nothing to open (a build into an empty folder opens each file once, to write it).
        if ownership.holdsNoPlainFile { return .absent }
        let target = path(file.fileName)
        switch existingStanding(target, expected: file.contents) {
        case .absent:
            return .absent
        case .same:
            return .same
        case .notRegularFile:
            return .refused(WriteError(path: target, message: "exists and is not a regular file"))
        case .differs:
            if file.fileName == Manifest.fileName, let foreign = ownership.foreignManifest { return .refused(foreign) }
            return ownership.owns(file.fileName) ? .ours : .refused(ownership.notOurs(file.fileName))
        }
    }

    private enum Existing {
        case absent
        case same
        case differs
        case notRegularFile
    }

    /// Whether `target` exists and holds exactly `expected`. The file is opened once and
    /// read only when its size is that of `expected`; without blocking, so a pipe swapped
    /// in is not waited on.
    private func existingStanding(_ target: String, expected: [UInt8]) -> Existing {
        let descriptor = open(target, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if descriptor < 0 { return errno == ENOENT || errno == ENOTDIR ? .absent : .notRegularFile }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .notRegularFile }
        if (info.st_mode & S_IFMT) != S_IFREG { return .notRegularFile }
        guard Int(clamping: info.st_size) == expected.count else { return .differs }
        // Same size: read one byte more than expected, to see a file that grew.
        guard let actual = try? FileBytes.read(from: descriptor, upTo: expected.count + 1) else { return .notRegularFile }
        return actual == expected ? .same : .differs
    }

    /// Plans only hold plain file names; check again at the door.
    private func checkFileName(_ fileName: String) throws(WriteError) {
        guard OutputOwnership.isPlainFileName(fileName) else {
            throw WriteError(path: path(fileName), message: "refusing to write outside the output directory")
        }
    }
}

/// A file that could not be written.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    /// The file (inside the output folder) or the folder itself.
    public var path: String
    /// What went wrong.
    public var message: String

    /// Further files that could not be written, when one run found several.
    public var more: [WriteError] = []
    /// The setting the error depends on, if any (see ``Diagnostic/setting``).
    public var setting: PersonaSetting?

    /// An error about `path`, depending on `setting` when given.
    public init(path: String, message: String, setting: PersonaSetting? = nil) {
        self.path = path
        self.message = message
        self.setting = setting
    }

    /// `first`, followed by the errors `more`.
    public init(_ first: WriteError, more: [WriteError]) {
        self = first
        self.more = first.more + more
    }

    /// One error diagnostic per file, this one first.
    public var diagnostics: [Diagnostic] {
        ([self] + more).map { Diagnostic(file: $0.path, location: nil, message: $0.message, setting: $0.setting?.rawValue) }
    }

    /// `path: error: message`, one line per file.
    public var description: String {
        ([self] + more).map { "\($0.path): error: \($0.message)" }.joined(separator: "\n")
    }
}

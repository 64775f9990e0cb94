import DocumentTree

/// `personas.lock`: the version and fingerprints of every persona at the time
/// of the last `persona lock`, committed with the persona files.
///
/// Each entry is the persona's build record — its JSON artifact without
/// `prompt` and `sources` — so `persona diff NAME --against-lock` can say
/// which fields changed, not only that the prompt did:
///
/// ```json
/// {
///   "format": 1,
///   "personas": [
///     {"name": "Maya", "version": "1.2.0", "fingerprint": "sha256:…", "template_fingerprint": "sha256:…", "description": "…", …}
///   ]
/// }
/// ```
///
/// Entries are sorted by name; abstract personas are not locked (their
/// changes show in every descendant's fingerprint). A lock file is JSON,
/// written deterministically, so it diffs and merges like source.
public struct PersonaLock: Sendable, Hashable {
    /// The lock's file name.
    public static let fileName = "personas.lock"
    /// The version of the lock's layout, written as `format`.
    public static let formatVersion = 1

    /// The `{"format": …, "personas": […]}` envelope of a lock file.
    private static let file = PersonaListFile(
        format: formatVersion, document: "a lock file",
        wrongFormat: "unsupported lock file: 'format' must be \(formatVersion)")

    /// The locked personas, sorted by name.
    public var records: [PersonaRecord]
    /// Where each persona's entry starts in the file it was read from, by name.
    public var locations: [String: SourceLocation]

    /// A lock of `records` (sorted by name here).
    public init(records: [PersonaRecord], locations: [String: SourceLocation] = [:]) {
        self.records = records.sorted { ByteOrder.less($0.name, $1.name) }
        self.locations = locations
    }

    /// The lock of `personas`: one entry per non-abstract persona.
    public init(personas: [ResolvedPersona]) {
        self.init(records: personas.filter { !$0.persona.isAbstract }.map(ArtifactBuilder.record(for:)))
    }

    /// The entry of the persona called `name`.
    public func record(named name: String) -> PersonaRecord? {
        records.first { $0.name == name }
    }

    /// The lock as pretty JSON, with a final newline.
    public func encoded() -> [UInt8] {
        Self.file.encoded(records.map(\.node))
    }

    /// Reads a lock file's bytes.
    public static func decode(_ bytes: [UInt8]) throws(DocumentError) -> PersonaLock {
        let list = try file.entries(in: bytes)
        var records: [PersonaRecord] = []
        var locations: [String: SourceLocation] = [:]
        for item in list {
            guard let entry = item.objectValue else {
                throw DocumentError("each persona entry must be an object, found \(item.typeName)", at: item.location)
            }
            guard let name = PersonaListFile.name(of: item) else {
                throw DocumentError("each persona entry needs a string 'name'", at: item.location)
            }
            guard let fingerprint = entry["fingerprint"]?.stringValue, fingerprint.hasPrefix(Fingerprint.prefix) else {
                throw DocumentError(
                    "'\(name)' needs a 'fingerprint' starting with '\(Fingerprint.prefix)'", at: entry["fingerprint"]?.location ?? item.location)
            }
            // The drift guard compares template fingerprints; a lock without them
            // (written before they existed) cannot be checked against.
            guard let templateFingerprint = entry["template_fingerprint"] else {
                throw DocumentError(
                    "'\(name)' has no 'template_fingerprint' (the lock file was written by an older version of persona): run persona lock to write it afresh",
                    at: item.location)
            }
            guard let template = templateFingerprint.stringValue, template.hasPrefix(Fingerprint.prefix) else {
                throw DocumentError(
                    "'\(name)' needs a 'template_fingerprint' starting with '\(Fingerprint.prefix)'", at: templateFingerprint.location)
            }
            let version: String?
            switch entry["version"]?.value {
            case nil, .null?: version = nil
            case .string(let text)?: version = text
            default:
                throw DocumentError("'\(name)': 'version' must be a string or null", at: entry["version"]?.location ?? item.location)
            }
            if locations[name] != nil {
                throw DocumentError("'\(name)' is locked twice", at: item.location)
            }
            var fields = Mapping()
            for member in entry where !["name", "version", "fingerprint", "template_fingerprint", "prompt", "sources"].contains(member.key) {
                fields.set(member.key, member.value, keyLocation: member.keyLocation)
            }
            records.append(PersonaRecord(
                name: name, version: version, fingerprint: fingerprint, templateFingerprint: template, fields: fields))
            locations[name] = item.location
        }
        return PersonaLock(records: records, locations: locations)
    }

    /// The largest lock file read: 1 GiB, room for far more personas than the input limits allow.
    static let maxFileBytes = 1 << 30

    /// The lock file at `path`: `nil` when there is none, a diagnostic when it cannot be read.
    public static func read(_ path: String) throws(DiagnosticList) -> PersonaLock? {
        guard InputFiles.FileID.lookup(path) != nil else { return nil }
        return try parse(try readBytes(path), path: path)
    }

    /// The bytes of the lock file at `path`, or a diagnostic saying why they cannot be read.
    static func readBytes(_ path: String) throws(DiagnosticList) -> [UInt8] {
        do {
            return try FileBytes.read(path, maxBytes: maxFileBytes, tooLarge: "the lock file is larger than \(SourceDocuments.formatBytes(maxFileBytes))")
        } catch {
            throw DiagnosticList([Diagnostic(file: path, location: nil, message: "cannot read the lock file: \(error.message)")])
        }
    }

    /// The lock held by `bytes`, read from the lock file at `path`.
    static func parse(_ bytes: [UInt8], path: String) throws(DiagnosticList) -> PersonaLock {
        // A lock file both sides of a merge changed: say so, not that it is bad JSON.
        try SourceDocuments.rejectMergeConflict(in: bytes, path: path)
        do {
            return try decode(bytes)
        } catch {
            throw DiagnosticList(error.diagnostics(file: path).map {
                var diagnostic = $0
                if diagnostic.severity == .error { diagnostic.message = "invalid lock file: " + diagnostic.message }
                return diagnostic
            })
        }
    }

    /// Where the lock of `inputs` lives by default: "next to the inputs".
    ///
    /// For a first input that is a directory, `DIR/personas.lock`; for a file,
    /// `personas.lock` in the file's directory. Only the first input counts.
    public static func defaultPath(for inputs: [String]) -> String {
        guard let first = inputs.first else { return fileName }
        let directory: String
        if InputFiles.FileID.lookup(first)?.isDirectory == true {
            directory = first
        } else {
            directory = PathName.directory(of: first)
        }
        return PathName.join(directory, fileName)
    }
}

extension PersonaLock {
    /// Why the lock file at `path` does not hold exactly this lock (`persona lock --check`):
    /// none when it does; else one error, saying there is no lock file, that it cannot be
    /// read, or that it is not up to date and what updating it would change.
    public func staleness(of path: String) -> [Diagnostic] {
        let old: PersonaLock
        do {
            guard let lock = try Self.read(path) else {
                return [Diagnostic(file: path, location: nil, message: "there is no lock file; run persona lock to create it")]
            }
            old = lock
        } catch {
            return error.diagnostics
        }
        if let current = try? FileBytes.read(path, maxBytes: Self.maxFileBytes, tooLarge: ""), current == encoded() {
            return []
        }
        let changes = changes(since: old)
        let summary = changes.isEmpty ? "" : " (" + changes.joined(separator: "; ") + ")"
        return [Diagnostic(file: path, location: nil, message: "not up to date\(summary); run persona lock")]
    }

    /// The lock at `path` that saving this one would replace, to report
    /// ``changes(since:)`` (`persona lock`): `nil` when there is none, and when it
    /// cannot be read, adding a warning to `diagnostics` that it will be replaced.
    public static func replaced(at path: String, diagnostics: inout [Diagnostic]) -> PersonaLock? {
        do {
            return try read(path)
        } catch {
            diagnostics.append(Diagnostic(file: path, location: nil, severity: .warning, message: "replacing a lock file that cannot be read"))
            return nil
        }
    }

    /// Writes the lock to `path` atomically, unless the file already holds
    /// exactly these bytes. Returns whether the file changed.
    @discardableResult
    public func save(to path: String) throws(WriteError) -> Bool {
        let bytes = encoded()
        if let existing = try? FileBytes.read(path, maxBytes: Self.maxFileBytes, tooLarge: ""), existing == bytes { return false }
        try AtomicFile.save(bytes, to: path)
        return true
    }
}

extension PersonaLock {
    /// What updating the lock from `old` to `self` changes, one line a persona, sorted by name:
    ///
    /// ```
    /// Alex: changed at 2.0.0 (tone)
    /// Maya: 1.2.0 -> 1.3.0
    /// Old: removed
    /// Theo: added (0.3.1)
    /// ```
    public func changes(since old: PersonaLock?) -> [String] {
        func show(_ version: String?) -> String { version ?? "no version" }
        var lines: [(name: String, text: String)] = []
        for record in records {
            guard let locked = old?.record(named: record.name) else {
                lines.append((record.name, "\(record.name): added (\(show(record.version)))"))
                continue
            }
            if locked.version != record.version {
                lines.append((record.name, "\(record.name): \(show(locked.version)) -> \(show(record.version))"))
                continue
            }
            let diff = PersonaDiff(from: locked, to: record)
            if !diff.isEmpty {
                var fields = diff.changedFields.filter { !PersonaDiff.fingerprintFields.contains($0) }
                if fields.isEmpty { fields = ["prompt"] }
                let at = record.version.map { "at \($0)" } ?? "without a version"
                lines.append((record.name, "\(record.name): changed \(at) (\(fields.joined(separator: ", ")))"))
            }
        }
        for locked in old?.records ?? [] where record(named: locked.name) == nil {
            lines.append((locked.name, "\(locked.name): removed"))
        }
        return lines.sorted { ByteOrder.less($0.name, $1.name) }.map(\.text)
    }
}

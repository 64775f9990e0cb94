import DocumentTree
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything one build reads, read once, and the key that names it.
///
/// A build's output depends only on what this holds: the input files (their
/// paths and bytes), the lock file's bytes, the step's settings and the
/// program itself. ``key`` is a SHA-256 digest over all of it, so two builds
/// with the same key make the same files byte for byte; an output folder whose
/// ``BuildRecord`` has this key, and whose files still hold the recorded bytes,
/// is up to date without compiling anything (see ``OutputWriter/reuse(_:)``).
///
/// The compilation runs on exactly the bytes the key was made from, so a file
/// edited during a build can never pair new outputs with an old key.
public struct BuildInputs: Sendable {
    /// The input files, collected as ``InputFiles/collect(_:diagnostics:)`` does.
    public var files: [String]
    /// What collecting the files reported.
    public var diagnostics: [Diagnostic]
    /// The bytes of each of ``files``, in the same order; `nil` when a file or the
    /// lock file could not be read (the compilation then reads them itself and says why).
    var contents: [[UInt8]]?
    /// The lock file consulted, and its bytes (`nil` when it does not exist).
    var lockPath: String
    var lockBytes: [UInt8]?
    /// `sha256:` and the hex digest naming these inputs, or `nil` when they cannot be
    /// named: a file could not be read, collecting them reported anything, the
    /// program's own file cannot be identified, or the step uses a schema other than
    /// the bundled one (its file is not read here).
    public var key: String?
}

extension BuildStep {
    /// Collects and reads every input under `paths` (and the lock file), and
    /// names them with a key; ``prepare(_:)-(BuildInputs)`` compiles exactly these bytes.
    public func readInputs(_ paths: [String]) -> BuildInputs {
        var diagnostics: [Diagnostic] = []
        var files = InputFiles.collect(paths, diagnostics: &diagnostics)
        if let outputDirectory {
            files = OutputFolderInputs.separate(files, inputPaths: paths, output: outputDirectory, diagnostics: &diagnostics)
        }
        let lockPath = lockPath ?? PersonaLock.defaultPath(for: paths)
        let limits = compiler.loader.limits
        // Each file read and hashed on every core, while its bytes are fresh in the cache.
        let read = ParallelMap.map(files) { file -> (bytes: [UInt8], digest: [UInt8])? in
            guard let bytes = try? SourceDocuments.read(file, limits: limits) else { return nil }
            return (bytes, Fingerprint.sha256(bytes))
        }
        var contents: [[UInt8]]? = []
        var digests: [[UInt8]] = []
        contents?.reserveCapacity(read.count)
        digests.reserveCapacity(read.count)
        for file in read {
            guard let file else {
                contents = nil
                break
            }
            contents?.append(file.bytes)
            digests.append(file.digest)
        }
        var lockBytes: [UInt8]?
        if InputFiles.FileID.lookup(lockPath) != nil {
            lockBytes = try? PersonaLock.readBytes(lockPath)
            if lockBytes == nil { contents = nil }
        }
        var inputs = BuildInputs(
            files: files, diagnostics: diagnostics, contents: contents, lockPath: lockPath, lockBytes: lockBytes, key: nil)
        if contents != nil, diagnostics.isEmpty {
            inputs.key = key(paths: paths, files: files, digests: digests, lockPath: lockPath, lockBytes: lockBytes)
        }
        return inputs
    }

    /// The digest of everything the outputs depend on (see ``BuildInputs``), or `nil`.
    private func key(
        paths: [String], files: [String], digests: [[UInt8]], lockPath: String, lockBytes: [UInt8]?
    ) -> String? {
        guard let program = ProgramIdentity.current else { return nil }
        let schema: String
        switch compiler.loader.schema?.source {
        case nil: schema = "none"
        case "bundled": schema = "bundled"
        default: return nil
        }
        var key = KeyBytes()
        key.field("llm-persona build inputs 1")
        key.field(PackageVersion.current)
        key.field(program)
        // The settings (BuildInputsTests checks that every stored setting is here).
        key.field(schema)
        key.number(compiler.loader.limits.maxFileBytes)
        key.number(compiler.loader.limits.document.maxDepth)
        key.number(compiler.loader.limits.document.maxAliasNodes)
        key.number(compiler.loader.maxPersonas)
        key.number(compiler.resolver.maxChainLength)
        key.number(compiler.reportsUnusedVariables ? 1 : 0)
        key.number(Int(format.rawValue))
        key.number(plansFiles ? 1 : 0)
        key.field(outputDirectory ?? "")
        key.number(values.strict ? 1 : 0)
        let names = values.values.keys.sorted { ByteOrder.less($0, $1) }
        key.number(names.count)
        for name in names {
            key.field(name)
            key.field(values.values[name] ?? "")
        }
        key.number(paths.count)
        for path in paths { key.field(path) }
        key.field(lockPath)
        if let lockBytes {
            key.number(1)
            key.bytes(Fingerprint.sha256(lockBytes))
        } else {
            key.number(0)
        }
        key.number(files.count)
        for (file, digest) in zip(files, digests) {
            key.field(file)
            key.bytes(digest)
        }
        return Fingerprint.of(bytes: key.bytes)
    }

    /// Compiles `inputs` (read by ``readInputs(_:)``), checks drift against its lock
    /// file and plans the output, as ``prepare(_:)-([String])`` does for paths.
    public func prepare(_ inputs: BuildInputs) -> Preparation {
        guard let contents = inputs.contents else {
            // Something could not be read: the ordinary path reads again and says why.
            return prepare(files: inputs.files, diagnostics: inputs.diagnostics, lockPath: inputs.lockPath)
        }
        let compilation = compiler.compile(files: inputs.files, contents: contents, diagnostics: inputs.diagnostics)
        return prepare(compilation, lockPath: inputs.lockPath, lock: .bytes(inputs.lockBytes))
    }
}

/// Length-prefixed fields, so that no two different sequences of fields give the same bytes.
private struct KeyBytes {
    var bytes: [UInt8] = []

    mutating func number(_ value: Int) {
        withUnsafeBytes(of: UInt64(truncatingIfNeeded: value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func field(_ text: String) {
        number(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func bytes(_ data: [UInt8]) {
        number(data.count)
        bytes.append(contentsOf: data)
    }
}

/// Which program is running, as precisely as the file system tells: a program
/// built anew (even with the same version number) is another program, so its
/// builds never reuse a record of the old one.
enum ProgramIdentity {
    /// The running executable's device, inode, size and modification and change
    /// times; `nil` where the system does not name the running executable's file.
    static var current: String? {
        #if os(Linux)
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return nil }
        return "\(info.st_dev) \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) "
            + "\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
        #else
        return nil
        #endif
    }
}

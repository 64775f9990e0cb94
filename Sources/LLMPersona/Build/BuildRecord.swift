import DocumentTree
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the last build of an output folder was made from (its
/// ``BuildInputs/key``) and the digest of every file it left there, so that
/// the next build with the same inputs can prove the folder up to date by
/// reading the files back, without compiling anything.
///
/// A record is a cache: it lives outside the output folder, in a folder of
/// records (``cacheFolder(environment:)``: `$XDG_CACHE_HOME/llm-persona/builds`,
/// by default `~/.cache/llm-persona/builds`), one file per output folder named
/// by the SHA-256 of the folder's real path. The output folder holds exactly
/// the build's artifacts, the same bytes on every machine; deleting the records
/// only makes the next build a full one.
///
/// ```
/// llm-persona build record 1
/// key sha256:…
/// personas 2
/// 3f…9a 881 Maya.txt
/// …
/// ```
///
/// One line per file (the manifest included): the lowercase hex SHA-256 of its
/// bytes, its size, its name; sorted by name. A build writes a record only when
/// it reported nothing at all (no warning either), so reusing it prints what the
/// full build would. A file in the record's place that does not start with the
/// record's first line is not ours: it is left alone, and no record is kept.
public struct BuildRecord: Sendable, Hashable {
    /// The folder of build records under the user's cache folder: `$XDG_CACHE_HOME`
    /// when it is an absolute path, else `$HOME/.cache`; `nil` when neither is set.
    /// `environment` looks up an environment variable.
    public static func cacheFolder(environment: (String) -> String?) -> String? {
        let base: String
        if let cache = environment("XDG_CACHE_HOME"), cache.hasPrefix("/") {
            base = cache
        } else if let home = environment("HOME"), !home.isEmpty {
            base = PathName.join(home, ".cache")
        } else {
            return nil
        }
        return PathName.join(PathName.join(base, "llm-persona"), "builds")
    }

    /// The record of the output folder `directory` in the folder of records
    /// `records`: named by the SHA-256 of the output folder's real path; `nil`
    /// when that path cannot be had (the folder does not exist).
    static func path(for directory: String, in records: String) -> String? {
        guard let real = realpath(directory.isEmpty ? "." : directory, nil) else { return nil }
        defer { free(real) }
        return PathName.join(records, Fingerprint.hex(Fingerprint.sha256(Array(String(cString: real).utf8))))
    }
    /// The first line, naming the layout's version.
    static let header = signature + "1"
    /// How every record's first line starts, whatever its layout's version.
    static let signature = "llm-persona build record "

    /// One recorded file.
    public struct File: Sendable, Hashable {
        /// The file's name inside the output folder.
        public var name: String
        /// The SHA-256 digest of its bytes.
        public var digest: [UInt8]
        /// Its size in bytes.
        public var size: Int
    }

    /// The key of the inputs the files were made from.
    public var key: String
    /// How many personas the build emitted.
    public var personaCount: Int
    /// The files, sorted by name.
    public var files: [File]

    /// A record of `files` (sorted here).
    public init(key: String, personaCount: Int, files: [File]) {
        self.key = key
        self.personaCount = personaCount
        self.files = files.sorted { ByteOrder.less($0.name, $1.name) }
    }

    /// The record's bytes; `nil` when a file name cannot be written on one line.
    func encoded() -> [UInt8]? {
        var text = "\(Self.header)\nkey \(key)\npersonas \(personaCount)\n"
        for file in files {
            guard !file.name.isEmpty, !file.name.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
            text += Fingerprint.hex(file.digest) + " \(file.size) " + file.name + "\n"
        }
        return Array(text.utf8)
    }

    /// The record in `bytes`, or `nil` when they are not one, exactly as ``encoded()`` writes it.
    static func decode(_ bytes: [UInt8]) -> BuildRecord? {
        // Byte by byte: a record of ten thousand personas has twenty thousand lines.
        guard bytes.last == 0x0A else { return nil }
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(bytes[start..<index])
            start = index + 1
        }
        guard lines.count >= 3, lines[0].elementsEqual(header.utf8),
              let key = text(lines[1], after: "key "), key.hasPrefix(Fingerprint.prefix),
              let countText = text(lines[2], after: "personas "), let count = Int(countText), count >= 0
        else { return nil }
        var files: [File] = []
        files.reserveCapacity(lines.count - 3)
        for line in lines[3...] {
            // DIGEST SIZE NAME: 64 hex digits, a space, decimal digits, a space, the rest.
            guard line.count > 67, line[line.startIndex + 64] == 0x20, let digest = digest(line.prefix(64)) else { return nil }
            let rest = line.dropFirst(65)
            guard let space = rest.firstIndex(of: 0x20),
                  let sizeText = String(validating: rest[..<space], as: UTF8.self), let size = Int(sizeText), size >= 0,
                  let name = String(validating: rest[(space + 1)...], as: UTF8.self), !name.isEmpty
            else { return nil }
            files.append(File(name: name, digest: digest, size: size))
        }
        let record = BuildRecord(key: key, personaCount: count, files: files)
        return record.files == files ? record : nil
    }

    /// The UTF-8 text of `line` after `prefix`, when it starts with it.
    private static func text(_ line: ArraySlice<UInt8>, after prefix: String) -> String? {
        guard line.starts(with: prefix.utf8) else { return nil }
        return String(validating: line.dropFirst(prefix.utf8.count), as: UTF8.self)
    }

    private static func digest(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        let digits = Array(text)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// How the folder's record file stands.
    enum Standing {
        /// There is none.
        case absent
        /// Ours: the record it holds, or `nil` when it is ours but cannot be read as one
        /// (a newer layout, a damaged file); either way a build may replace it.
        case ours(BuildRecord?)
        /// A file of that name that this program did not write: never touched.
        case foreign

        /// Whether the file is there and ours.
        var isOurs: Bool {
            if case .ours = self { return true }
            return false
        }
    }

    /// The record file at `path`.
    static func standing(at path: String) -> Standing {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        if descriptor < 0 { return errno == ENOENT ? .absent : .foreign }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .foreign }
        // Sized by stat, one byte more to see a file that grew meanwhile (then it is not read as a record).
        let size = Int(clamping: info.st_size)
        guard let bytes = try? FileBytes.read(from: descriptor, upTo: size + 1), bytes.starts(with: Array(signature.utf8))
        else { return .foreign }
        return .ours(bytes.count == size ? decode(bytes) : nil)
    }
}

extension OutputWriter {
    /// What reusing a folder's record found: the folder already holds what a build
    /// of the same inputs would write.
    public struct Reuse: Sendable, Hashable {
        /// How many personas the recorded build emitted.
        public var personaCount: Int
        /// How many files it wrote (the manifest included).
        public var fileCount: Int
        /// Temporaries left in the folder by interrupted builds, removed (a check removes none).
        public var removedTemporaries: [String] = []
    }

    /// The path of this folder's record, when records are kept (``buildRecords``) and the folder exists.
    func recordPath() -> String? {
        buildRecords.flatMap { BuildRecord.path(for: directory, in: $0) }
    }

    /// Proves the folder up to date for inputs with `key`, writing nothing but the
    /// removal of temporaries left by interrupted builds: the folder's
    /// ``BuildRecord`` (in ``buildRecords``) has this key, and every file it lists holds exactly the
    /// recorded bytes (each is read back and its digest compared). `nil` when that
    /// cannot be shown; then build as usual. Holds the folder's exclusive lock.
    public func reuse(_ key: String) throws(WriteError) -> Reuse? {
        // A folder a build could not write to is left to the full build to report.
        guard InputFiles.FileID.lookup(directory)?.isDirectory == true, access(directory, W_OK | X_OK) == 0 else { return nil }
        return try DirectoryLock.with(directory, .exclusive, timeout: lockTimeout) { () throws(WriteError) -> Reuse? in
            guard var reuse = recordedFilesHold(key) else { return nil }
            reuse.removedTemporaries = LeftoverTemporaries.removeAbandoned(in: directory)
            return reuse
        }
    }

    /// ``reuse(_:)`` for `persona build --check`: the folder is up to date when its
    /// record has `key`, every recorded file holds its bytes and no temporary of an
    /// interrupted build is left. Writes nothing; holds the folder's shared lock.
    public func checkReuse(_ key: String) throws(WriteError) -> Reuse? {
        guard InputFiles.FileID.lookup(directory)?.isDirectory == true else { return nil }
        return try DirectoryLock.with(directory, .shared, timeout: lockTimeout) { () throws(WriteError) -> Reuse? in
            guard let reuse = recordedFilesHold(key), LeftoverTemporaries.all(in: directory).isEmpty else { return nil }
            return reuse
        }
    }

    /// Whether the record has `key` and every file it lists holds the recorded bytes.
    private func recordedFilesHold(_ key: String) -> Reuse? {
        guard let recordPath = recordPath(), case .ours(let found) = BuildRecord.standing(at: recordPath),
              let record = found, record.key == key,
              record.files.contains(where: { $0.name == Manifest.fileName })
        else { return nil }
        let directory = self.directory
        let holds = ParallelMap.map(record.files) { file -> Bool in
            guard OutputOwnership.isPlainFileName(file.name) else { return false }
            let descriptor = open(PathName.join(directory, file.name), O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(clamping: info.st_size) == file.size,
                  let bytes = try? FileBytes.read(from: descriptor, upTo: file.size + 1), bytes.count == file.size
            else { return false }
            return Fingerprint.sha256(bytes) == file.digest
        }
        guard !holds.contains(false) else { return nil }
        return Reuse(personaCount: record.personaCount, fileCount: record.files.count)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// The temporary files one process has staged and not yet renamed into place
/// or removed, so that an interrupted run (SIGINT, SIGTERM) can remove them
/// before it exits.
///
/// A temporary is created while the registry's lock is held, and recorded at
/// once; after ``removeAll()`` no new one is created. Renaming the staged files
/// into place (`committing(_:)`) also holds the lock, so an interruption waits
/// for the renames to finish and the folder holds one whole set of files, the
/// old or the new, never a mix. The lock is never held while file contents are
/// written.
public final class StagedTemporaries: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = DispatchSemaphore(value: 1)
    private var paths: Set<String> = []
    private var stopped = false

    /// An empty registry.
    public init() {}

    /// Creates the temporary at `path` with `create` (which returns a file
    /// descriptor, or -1 setting `errno`) and records it; `nil` when the run is
    /// being interrupted (nothing is created then).
    func create(_ path: String, _ create: () -> Int32) -> Int32? {
        lock.wait()
        defer { lock.signal() }
        guard !stopped else { return nil }
        let descriptor = create()
        if descriptor >= 0 { paths.insert(path) }
        return descriptor
    }

    /// Forgets `path`: it was renamed into place or removed.
    func forget(_ path: String) {
        lock.wait()
        defer { lock.signal() }
        paths.remove(path)
    }

    /// Runs `body` holding the lock: an interruption waits until it returns.
    /// `body` reports each temporary it renames or removes through its argument
    /// (it must not call the registry's other methods).
    func committing<T>(_ body: (_ forget: (String) -> Void) throws(WriteError) -> T) throws(WriteError) -> T {
        lock.wait()
        defer { lock.signal() }
        return try body { self.paths.remove($0) }
    }

    /// Removes every temporary still recorded and refuses to create new ones.
    /// Returns how many were removed. Call it when the process is interrupted, then exit.
    @discardableResult
    public func removeAll() -> Int {
        lock.wait()
        defer { lock.signal() }
        stopped = true
        var removed = 0
        for path in paths where unlink(path) == 0 { removed += 1 }
        paths.removeAll()
        return removed
    }
}

/// The names of staged temporaries, and the removal of those an interrupted
/// run left behind.
///
/// A temporary is named `.persona-PID-RUN.tmp` or `.persona-PID-RUN-INDEX.tmp`,
/// where PID is the process that created it. A later build, holding the output
/// folder's exclusive lock, removes the temporaries whose process no longer
/// exists, and those of the older `.persona-UUID-INDEX.tmp` form (which only a
/// build holding that lock ever wrote). A temporary of a live process is kept.
enum LeftoverTemporaries {
    /// A fresh random token naming one run's temporaries (16 hex digits).
    static func runToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next()
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The name of a temporary created by this process.
    static func name(run: String, index: Int? = nil) -> String {
        ".persona-\(getpid())-\(run)\(index.map { "-\($0)" } ?? "").tmp"
    }

    /// Who made the temporary called `fileName`.
    enum Maker: Equatable {
        /// A process, by id.
        case process(Int32)
        /// A build of the older naming, which held the folder's lock while it wrote.
        case lockedBuild
    }

    /// Who made `fileName`, or `nil` when it is not a temporary of ours.
    static func maker(of fileName: String) -> Maker? {
        guard fileName.hasPrefix(".persona-"), fileName.hasSuffix(".tmp") else { return nil }
        let middle = fileName.dropFirst(".persona-".count).dropLast(".tmp".count)
        let parts = middle.split(separator: "-", omittingEmptySubsequences: false)
        // The older form: a UUID (five groups of hex digits), then the index.
        if parts.count == 6, parts[0..<5].map(\.count) == [8, 4, 4, 4, 12],
           parts[0..<5].allSatisfy({ $0.allSatisfy(\.isHexDigit) }), !parts[5].isEmpty, parts[5].allSatisfy(\.isASCII),
           parts[5].allSatisfy(\.isNumber) {
            return .lockedBuild
        }
        guard parts.count >= 2, parts[0].count <= 10, let pid = Int32(parts[0]), pid > 0 else { return nil }
        return .process(pid)
    }

    /// Whether process `pid` exists (one we may not signal exists too).
    static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// The temporaries of ours in `directory`, sorted.
    static func all(in directory: String) -> [String] {
        let names = InputFiles.entries(of: directory) ?? []
        return names.filter { maker(of: $0) != nil }.sorted { ByteOrder.less($0, $1) }
    }

    /// Removes the temporaries in `directory` left by runs that are over; returns
    /// their names, sorted. Call it only while holding the folder's exclusive lock.
    static func removeAbandoned(in directory: String) -> [String] {
        // This process's own temporaries (all a build into an empty folder finds
        // there) are kept: they are passed over by their prefix, unparsed.
        let own = Array(".persona-\(getpid())-".utf8)
        var removed: [String] = []
        for name in InputFiles.entries(of: directory) ?? [] where !name.utf8.starts(with: own) {
            switch maker(of: name) {
            case .process(let pid) where pid == getpid() || isAlive(pid): continue
            case nil: continue
            default: break
            }
            if unlink(PathName.join(directory, name)) == 0 { removed.append(name) }
        }
        return removed.sorted { ByteOrder.less($0, $1) }
    }
}

import DocumentTree
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files of an output folder a build may replace or remove: the ones its
/// previous manifest lists, and that manifest itself.
///
/// A build writes or removes a file only when it does not exist yet, when it
/// is ours (this type says so), or when it already holds exactly the bytes to
/// be written. Files are matched by name as bytes (a name in another Unicode
/// normalisation is another name) and by identity (device and inode), so that
/// on a case- or normalisation-insensitive file system a listed file reached
/// under another spelling is still known as ours.
struct OutputOwnership: Sendable {
    /// The folder.
    var directory: String
    /// The previous manifest, when `manifest.json` exists and is ours.
    var manifest: Manifest?
    /// Why `manifest.json` is not ours, when it exists and is not.
    var foreignManifest: WriteError?
    /// True when the folder held no file but hidden ones (a new folder) when this was
    /// read: then no file a plan names (never a hidden one) exists, whatever the file
    /// system's rules for case and normalisation, and none need be looked up.
    private(set) var holdsNoPlainFile = false
    /// The plain file names the manifest lists, as bytes, and the manifest's own name.
    private var names: Set<[UInt8]> = []
    /// The identities of the listed files that exist, and of the manifest: looked
    /// up (a `stat` per listed file) only when a name alone does not decide.
    private let identities = ListedIdentities()

    /// Reads the ownership of `directory` (a folder that does not exist owns nothing).
    init(directory: String) {
        self.directory = directory
        let file = Self.path(Manifest.fileName, in: directory)
        var info = stat()
        guard lstat(file, &info) == 0 else {
            holdsNoPlainFile = Self.holdsOnlyHiddenEntries(directory)
            return
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            foreignManifest = WriteError(
                path: file, message: "exists and is not a regular file, so it is not a manifest of persona build; "
                    + "move it away or choose another output folder", setting: .outputDirectory)
            return
        }
        // A manifest of ours lists every file of a run; one larger than a lock file may be is not ours.
        let read = Result { () throws(FileBytes.Failure) in try FileBytes.read(file, maxBytes: 1 << 30, tooLarge: "it is larger than 1 GiB") }
        switch read {
        case .failure(let failure):
            foreignManifest = WriteError(path: file, message: "cannot read it (\(failure.message)), so it is not known as a manifest of persona build")
            return
        case .success(let bytes):
            do {
                manifest = try Manifest.decode(bytes)
            } catch {
                let place = " at line \(error.location.line), column \(error.location.column)"
                foreignManifest = WriteError(
                    path: file, message: "is not a manifest of persona build (\(error.message)\(place)); "
                        + "it was not written by persona build, so build will not replace it: move it away or choose another output folder",
                    setting: .outputDirectory)
                return
            }
        }
        names.insert(Array(Manifest.fileName.utf8))
        for fileName in manifest?.files ?? [] where Self.isPlainFileName(fileName) {
            names.insert(Array(fileName.utf8))
        }
    }

    /// The identities of the manifest and of the files it lists that exist.
    private func listedIdentities() -> Set<InputFiles.FileID> {
        identities.get {
            guard manifest != nil else { return [] }
            var result: Set<InputFiles.FileID> = []
            if let id = InputFiles.FileID.lookup(Self.path(Manifest.fileName, in: directory))?.id { result.insert(id) }
            for fileName in manifest?.files ?? [] where Self.isPlainFileName(fileName) {
                if let id = InputFiles.FileID.lookup(Self.path(fileName, in: directory))?.id { result.insert(id) }
            }
            return result
        }
    }

    /// Whether the existing file `fileName` in the folder is ours to replace or remove.
    func owns(_ fileName: String) -> Bool {
        if names.contains(Array(fileName.utf8)) { return true }
        guard let id = InputFiles.FileID.lookup(Self.path(fileName, in: directory))?.id else { return false }
        return listedIdentities().contains(id)
    }

    /// Whether the file with identity `id` is the manifest or a file it lists.
    func owns(identity id: InputFiles.FileID) -> Bool {
        listedIdentities().contains(id)
    }

    /// The error for an existing file with other bytes that is not ours.
    func notOurs(_ fileName: String) -> WriteError {
        WriteError(
            path: Self.path(fileName, in: directory),
            message: "exists and was not written by persona build (the folder's \(Manifest.fileName) does not list it); "
                + "build will not replace it: move it away, or choose another output folder",
            setting: .outputDirectory)
    }

    /// A name of a file directly inside the folder, and not hidden (temporaries are hidden).
    static func isPlainFileName(_ fileName: String) -> Bool {
        // Bytes, not Foundation's substring search (a build asks this of every file).
        !fileName.isEmpty && !fileName.hasPrefix(".")
            && !fileName.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == 0 }
    }

    /// Whether every entry of `directory` is hidden (its name starts with a dot);
    /// stops at the first that is not. False when the folder cannot be read.
    static func holdsOnlyHiddenEntries(_ directory: String) -> Bool {
        guard let handle = opendir(directory) else { return false }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let first = withUnsafeBytes(of: &entry.pointee.d_name) { $0[0] }
            if first != UInt8(ascii: ".") { return false }
        }
        return true
    }

    /// `fileName` inside `directory`.
    static func path(_ fileName: String, in directory: String) -> String {
        PathName.join(directory, fileName)
    }
}

/// The identities of a manifest's files, looked up once, on first use, by
/// whichever thread asks first (the ownership is read on every core).
private final class ListedIdentities: Sendable {
    private let value = Mutex<Set<InputFiles.FileID>?>(nil)

    func get(_ make: () -> Set<InputFiles.FileID>) -> Set<InputFiles.FileID> {
        value.withLock { value in
            if let value { return value }
            let made = make()
            value = made
            return made
        }
    }
}

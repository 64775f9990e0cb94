import DocumentTree
import LLMPersona
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer entry point: output-folder ownership.
///
/// The input fills a fresh output folder with files: it is cut at NUL bytes
/// into parts, and each part's first byte picks a file name (an artifact's, the
/// manifest's, another case of one, a foreign file, a temporary), the rest is
/// its contents; with the high bit set, `manifest.json` is instead a manifest of
/// ours listing names picked by the rest. Then a fixed plan is checked and
/// installed, and the target traps when:
/// - the install changed or removed a file that was neither listed by a manifest
///   of ours, nor the manifest itself, nor already holding the planned bytes;
/// - a failed install changed anything at all;
/// - `check` and `install` disagree on whether the build is refused;
/// - a temporary of this process is left behind, or one of a live process is removed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOutput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var template = Array("/tmp/persona-fuzz-output-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { return 0 }
    let directory = String(cString: made)
    defer { removeFolder(directory) }

    let names = [
        "Maya.txt", "Maya.json", "Alex.txt", "Alex.json", "manifest.json", "maya.txt", "MANIFEST.json",
        "notes.md", "Old.txt", ".persona-1-live-0.tmp",
    ]
    var planted: [String: [UInt8]] = [:]
    var ourManifest: Manifest?
    for part in bytes.split(separator: 0, omittingEmptySubsequences: false).prefix(12) {
        guard let first = part.first else { continue }
        let name = names[Int(first & 0x7F) % names.count]
        var contents = Array(part.dropFirst())
        if name == "manifest.json" && first & 0x80 != 0 {
            let listed = contents.map { names[Int($0) % names.count] }
            let manifest = Manifest(personas: [.init(name: "Old", version: nil, fingerprint: "", files: listed)])
            contents = manifest.encoded()
            ourManifest = manifest
        } else if name == "manifest.json" {
            ourManifest = try? Manifest.decode(contents)
        }
        planted[name] = contents
    }
    for (name, contents) in planted { write(directory + "/" + name, contents) }
    // On a file system that folds case, a later name may have replaced an earlier one.
    let before = snapshot(directory)
    if let manifestBytes = before["manifest.json"] { ourManifest = try? Manifest.decode(manifestBytes) } else { ourManifest = nil }
    let owned = Set((ourManifest?.files ?? []) + (ourManifest == nil ? [] : ["manifest.json"]))

    let plan = fixedPlan()
    var writer = OutputWriter(directory: directory)
    writer.flushesToDisk = false  // throwaway folders: no need to wait for the disk
    let refusedByCheck = (try? writer.check(plan))?.buildWouldRefuse
    let installed: Bool
    do {
        _ = try writer.install(plan)
        installed = true
    } catch {
        installed = false
    }
    let after = snapshot(directory)
    let planned = Dictionary(plan.files.map { ($0.fileName, $0.contents) }, uniquingKeysWith: { a, _ in a })
    if !installed && after != before { fatalError("a failed install changed the folder") }
    if let refusedByCheck, refusedByCheck == installed { fatalError("check and install disagree on ownership") }
    for (name, old) in before where after[name] != old {
        if owned.contains(name) || planned[name] == old { continue }
        fatalError("the install changed or removed '\(name)', which is not its own")
    }
    if before[".persona-1-live-0.tmp"] != nil && after[".persona-1-live-0.tmp"] == nil {
        fatalError("a temporary of a live process was removed")
    }
    if after.keys.contains(where: { $0.hasPrefix(".persona-\(getpid())-") }) { fatalError("a temporary was left behind") }
    return 0
}

/// The plan installed every run: two personas, both formats. (Made per run: a
/// plan kept in a `static let` shows as leaked to LeakSanitizer at exit.)
private func fixedPlan() -> BuildPlan {
    let compilation = PersonaCompiler().compile(sources: [
        (path: "a.yaml", bytes: Array("name: Maya\nrole: Support\n---\nname: Alex\nrole: Sales\n".utf8)),
    ])
    guard let plan = try? BuildPlan.make(compilation.personas, format: .all) else { fatalError("the fixed plan failed") }
    return plan
}

private func write(_ path: String, _ bytes: [UInt8]) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { return }
    _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
}

/// Every entry of `directory` (regular files with their bytes; others as empty).
private func snapshot(_ directory: String) -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    guard let handle = opendir(directory) else { return result }
    defer { closedir(handle) }
    while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name == "." || name == ".." { continue }
        result[name] = read(directory + "/" + name)
    }
    return result
}

private func read(_ path: String) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return [] }
    defer { close(descriptor) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 { return result }
        result += buffer[0..<count]
    }
}

private func removeFolder(_ directory: String) {
    for name in snapshot(directory).keys { unlink(directory + "/" + name) }
    rmdir(directory)
}

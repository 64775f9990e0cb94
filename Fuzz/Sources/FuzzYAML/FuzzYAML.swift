import DocumentTree
import YAMLLoader

/// libFuzzer entry point: the YAML loader on arbitrary bytes.
///
/// Any outcome is fine except a crash, a sanitizer report or a hang. Every
/// loaded document is also written as JSON, which walks the whole tree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // A smaller alias budget than the default keeps each run fast.
    let limits = DocumentLimits(maxDepth: 64, maxAliasNodes: 10_000)
    guard let documents = try? YAMLLoader.load(bytes, limits: limits) else { return 0 }
    for document in documents {
        _ = JSONWriter.compact(document)
    }
    return 0
}

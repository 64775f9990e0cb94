import DocumentTree

/// libFuzzer entry point: the strict JSON reader on arbitrary bytes.
///
/// Whatever it accepts must survive a round trip: written back as compact and
/// as pretty JSON, it must read again to an equal tree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let node = try? JSONReader.parse(bytes) else { return 0 }
    for text in [JSONWriter.compact(node), JSONWriter.pretty(node)] {
        guard let again = try? JSONReader.parse(text) else {
            fatalError("the writer's output does not read back: \(text)")
        }
        precondition(again.jsonEquals(node), "round trip changed the document: \(text)")
    }
    return 0
}

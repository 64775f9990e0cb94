import DocumentTree
import JSONSchema

/// libFuzzer entry point: the JSON Schema compiler and validator.
///
/// The input is split at its first NUL byte (or, failing that, its first
/// newline): the part before is the schema, the part after the instance, each
/// read as JSON. Compiling may fail with a ``SchemaError``; validating must
/// return without crashing, with and without format assertion.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchema(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let cut = bytes.firstIndex(of: 0) ?? bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
    let schemaBytes = Array(bytes[..<cut])
    let instanceBytes = cut < bytes.endIndex ? Array(bytes[(cut + 1)...]) : []
    guard let schema = try? JSONReader.parse(schemaBytes) else { return 0 }
    let instance = (try? JSONReader.parse(instanceBytes)) ?? schema
    for options in [ValidatorOptions(assertFormats: false), ValidatorOptions(assertFormats: true, validateSchema: false)] {
        guard let validator = try? JSONSchemaValidator(schema: schema, options: options) else { continue }
        let errors = validator.validate(instance)
        precondition(errors.isEmpty == validator.isValid(instance), "validate and isValid disagree")
    }
    return 0
}

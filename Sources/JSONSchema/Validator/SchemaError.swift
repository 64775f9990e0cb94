import DocumentTree

/// A problem with a schema itself, found while compiling it: an unresolvable
/// `$ref`, an invalid regular expression, an unsupported vocabulary, or a
/// schema that is invalid against its metaschema.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in plain words.
    public var message: String
    /// Where in the schema document the problem is.
    public var location: SourceLocation
    /// The JSON Pointer of the offending schema value inside its document.
    public var pointer: String
    /// The document the problem is in (its `$id` or retrieval URI).
    public var documentURI: String
    /// For metaschema violations: every violation found.
    public var violations: [ValidationError]

    public init(
        _ message: String, at location: SourceLocation, pointer: String, documentURI: String,
        violations: [ValidationError] = []
    ) {
        self.message = message
        self.location = location
        self.pointer = pointer
        self.documentURI = documentURI
        self.violations = violations
    }

    /// `line:column: error: message`.
    public var description: String { "\(location): error: \(message)" }
}

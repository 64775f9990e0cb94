import DocumentTree

/// One way an instance fails its schema.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the offending value is in the instance's source. For `required`
    /// and `dependentRequired` this is the object lacking the property; for an
    /// unknown or badly named property it is the property's key.
    public var instanceLocation: SourceLocation
    /// The JSON Pointer (RFC 6901) of the offending value in the instance.
    public var instancePointer: String
    /// The keyword that failed (`required`, `type`, `additionalProperties`, …).
    public var keyword: String
    /// The JSON Pointer of the failing keyword inside the schema document that defines it.
    public var schemaPointer: String
    /// Where the failing keyword's value is in the schema's source.
    public var schemaLocation: SourceLocation
    /// What is wrong, in plain words, e.g. `missing required property 'role'`.
    public var message: String
    /// Extra lines that may help, such as what the other `anyOf` branches wanted.
    public var details: [String]

    /// For merging `anyOf`/`oneOf` branches that all failed on `type`.
    var expectedTypes: [String]?

    public init(
        instanceLocation: SourceLocation, instancePointer: String, keyword: String,
        schemaPointer: String, schemaLocation: SourceLocation, message: String, details: [String] = []
    ) {
        self.instanceLocation = instanceLocation
        self.instancePointer = instancePointer
        self.keyword = keyword
        self.schemaPointer = schemaPointer
        self.schemaLocation = schemaLocation
        self.message = message
        self.details = details
    }

    /// `line:column: message` (with the pointer when not at the root).
    public var description: String {
        let at = instancePointer.isEmpty ? "" : " (at \(instancePointer))"
        return "\(instanceLocation): \(message)\(at)"
    }
}

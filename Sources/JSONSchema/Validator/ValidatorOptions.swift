/// How a ``JSONSchemaValidator`` treats optional behaviour.
public struct ValidatorOptions: Sendable, Hashable {
    /// Check `format` values (dates, e-mail addresses, URIs, …) as assertions
    /// instead of only annotating them. Default `false`, as draft 2020-12 specifies.
    public var assertFormats: Bool
    /// Check the schema against its metaschema while compiling. Default `true`.
    public var validateSchema: Bool

    public init(assertFormats: Bool = false, validateSchema: Bool = true) {
        self.assertFormats = assertFormats
        self.validateSchema = validateSchema
    }

    public static let `default` = ValidatorOptions()
}

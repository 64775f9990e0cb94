import DocumentTree

/// Why a persona could not be loaded, resolved or found.
public enum PersonaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No persona has this name; `suggestion` is the closest name that exists.
    case notFound(name: String, suggestion: String?)
    /// The persona is an abstract base: it has no prompt of its own.
    case abstract(name: String)
    /// Problems in the inputs, each with its file and position.
    case invalid([Diagnostic])

    /// The diagnostics this error carries. An unknown or abstract persona is a
    /// problem of no file: its diagnostic has an empty ``Diagnostic/file``.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .notFound(let name, let suggestion):
            let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            return [Diagnostic(file: "", location: nil, message: "unknown persona '\(name)'\(hint)")]
        case .abstract:
            return [Diagnostic(file: "", location: nil, message: description)]
        case .invalid(let diagnostics):
            return diagnostics
        }
    }

    public var description: String {
        switch self {
        case .notFound(let name, let suggestion):
            "unknown persona '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .abstract(let name):
            "persona '\(name)' is abstract: it is a base for others and has no prompt of its own"
        case .invalid(let diagnostics):
            diagnostics.map(\.description).joined(separator: "\n")
        }
    }
}

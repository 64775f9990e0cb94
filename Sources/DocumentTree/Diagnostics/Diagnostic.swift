/// A message about one place in one file, as the tools print it:
/// `path:line:col: error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The file as the user named it.
    public var file: String
    /// Where in the file; `nil` when the problem is the file as a whole (unreadable, too large).
    public var location: SourceLocation?
    public var severity: Severity
    public var message: String
    /// The JSON Pointer of the offending value inside the document, when known.
    public var pointer: String?
    /// The JSON Schema keyword that failed, for schema violations.
    public var keyword: String?

    public init(
        file: String, location: SourceLocation?, severity: Severity = .error, message: String,
        pointer: String? = nil, keyword: String? = nil
    ) {
        self.file = file
        self.location = location
        self.severity = severity
        self.message = message
        self.pointer = pointer
        self.keyword = keyword
    }

    /// `path:line:col: severity: message` (or `path: severity: message` without a position).
    public var description: String {
        if let location {
            return "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        }
        return "\(file): \(severity.rawValue): \(message)"
    }
}

extension DocumentError {
    /// This error, and its notes, as diagnostics about `file`.
    public func diagnostics(file: String) -> [Diagnostic] {
        [Diagnostic(file: file, location: location, message: message)]
            + notes.map { Diagnostic(file: file, location: $0.location, severity: .note, message: $0.message) }
    }
}

/// A problem libyaml found while reading, scanning or parsing the input.
public struct YAMLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which stage of libyaml failed.
    public enum Kind: Sendable, Hashable {
        /// Decoding the bytes: invalid UTF-8, control characters.
        case reader
        /// Splitting the text into tokens.
        case scanner
        /// Assembling tokens into events.
        case parser
        /// libyaml could not allocate memory.
        case memory
    }

    /// Which stage failed.
    public var kind: Kind
    /// libyaml's description of the problem, e.g. `could not find expected ':'`.
    public var problem: String
    /// What libyaml was doing, e.g. `while scanning a simple key`; `nil` when it gave none.
    public var context: String?
    /// Where the problem is.
    public var mark: YAMLMark
    /// Where the construct named by ``context`` started, when libyaml gave one.
    public var contextMark: YAMLMark?

    public init(kind: Kind, problem: String, context: String? = nil, mark: YAMLMark, contextMark: YAMLMark? = nil) {
        self.kind = kind
        self.problem = problem
        self.context = context
        self.mark = mark
        self.contextMark = contextMark
    }

    /// The problem followed by its context, in libyaml's words:
    /// `could not find expected ':' while scanning a simple key`.
    public var message: String {
        if let context, !context.isEmpty { return "\(problem) \(context)" }
        return problem
    }

    /// `line:column: message`.
    public var description: String { "\(mark): \(message)" }
}

/// A problem in a source text, found while reading it.
///
/// The message says what is wrong in the user's terms; `location` says where.
/// The file name is added by whoever knows it (see ``Diagnostic``).
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation
    /// Further positions worth showing, such as the first definition of a duplicate key.
    public var notes: [Note]

    public struct Note: Sendable, Hashable {
        public var message: String
        public var location: SourceLocation
        public init(message: String, location: SourceLocation) {
            self.message = message
            self.location = location
        }
    }

    public init(_ message: String, at location: SourceLocation, notes: [Note] = []) {
        self.message = message
        self.location = location
        self.notes = notes
    }

    public var description: String { "\(location): error: \(message)" }
}

/// A position in the YAML input.
///
/// Lines and columns are 1-based and count Unicode scalars, the way libyaml
/// counts characters (a tab is one column; CRLF ends one line). The offset is
/// the 0-based byte offset into the input as given, including any byte order mark.
public struct YAMLMark: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number, in Unicode scalars.
    public var column: Int
    /// The 0-based byte offset into the input.
    public var offset: Int

    /// Creates a mark from 1-based `line` and `column` and a 0-based byte `offset`.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: YAMLMark, rhs: YAMLMark) -> Bool {
        (lhs.offset, lhs.line, lhs.column) < (rhs.offset, rhs.line, rhs.column)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

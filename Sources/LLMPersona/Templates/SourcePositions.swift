import DocumentTree

/// Finds where a character of a text value stands in the source file.
///
/// A value's text is not its source: YAML strips indentation, folds lines and
/// unescapes; JSON unescapes. Braces, though, pass through unchanged, so the
/// n-th brace of a value is the n-th brace of its source from the value's
/// start — which is how a brace error inside a block scalar gets its exact
/// line and column.
enum SourcePositions {
    /// The location of the brace at scalar `offset` of `value`, whose source starts at `start`.
    static func braceLocation(offset: Int, in value: String, start: SourceLocation, source: [UInt8]) -> SourceLocation {
        var bracesBefore = 0
        for (index, scalar) in value.unicodeScalars.enumerated() {
            if index >= offset { break }
            if scalar == "{" || scalar == "}" { bracesBefore += 1 }
        }
        // Move to the start position.
        var i = 0
        var line = 1
        var column = 1
        if source.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < source.count && (line < start.line || (line == start.line && column < start.column)) {
            advance(&i, &line, &column, source)
        }
        // Count braces from there.
        var seen = 0
        while i < source.count {
            let b = source[i]
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "}") {
                if seen == bracesBefore { return SourceLocation(line: line, column: column) }
                seen += 1
            }
            advance(&i, &line, &column, source)
        }
        return start
    }

    private static func advance(_ i: inout Int, _ line: inout Int, _ column: inout Int, _ source: [UInt8]) {
        let b = source[i]
        if b == 0x0A || (b == 0x0D && !(i + 1 < source.count && source[i + 1] == 0x0A)) {
            line += 1
            column = 1
            i += 1
            return
        }
        if b == 0x0D {  // the CR of a CRLF: the LF ends the line
            i += 1
            return
        }
        i += 1
        while i < source.count && source[i] & 0xC0 == 0x80 { i += 1 }
        column += 1
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocumentTree

/// Finds where a character of a text value stands in the source file.
///
/// A value's text is not its source: YAML strips indentation, folds lines and
/// unescapes; JSON unescapes. Braces, though, pass through unchanged, so the
/// n-th brace of a value is the n-th brace of its source from the value's
/// start — which is how a brace error inside a block scalar gets its exact
/// line and column.
enum SourcePositions {
    /// The location of the brace at scalar `offset` of `value`, whose source starts at `start`,
    /// in a file whose braces are `braces`.
    static func braceLocation(offset: Int, in value: String, start: SourceLocation, braces: SourceBraces) -> SourceLocation {
        var bracesBefore = 0
        for (index, scalar) in value.unicodeScalars.enumerated() {
            if index >= offset { break }
            if scalar == "{" || scalar == "}" { bracesBefore += 1 }
        }
        return braces.location(ofBrace: bracesBefore, from: start) ?? start
    }
}

/// Where each `{` and `}` of a source file stands, in file order: all that
/// placing an error inside a value needs of the file, kept instead of its
/// bytes (a few locations where the file is a kilobyte or more).
///
/// Lines end at LF, CRLF or a lone CR; columns count Unicode scalars; a
/// byte-order mark at the start takes no column.
public struct SourceBraces: Sendable, Hashable {
    private var locations: [SourceLocation]

    /// The braces of `source`, or `nil` when it has none.
    public init?(_ source: [UInt8]) {
        let found = source.withUnsafeBufferPointer { bytes in
            let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            guard Template.BraceScanner.firstBrace(bytes, from: start) < bytes.count else { return [SourceLocation]() }
            return Self.holdsCR(bytes) ? Self.stepping(bytes, from: start) : Self.byLines(bytes, from: start)
        }
        guard !found.isEmpty else { return nil }
        locations = found
    }

    /// The location of the `index`-th brace (0-based) at or after `start`, if there is one.
    func location(ofBrace index: Int, from start: SourceLocation) -> SourceLocation? {
        // The first brace at or after `start`, by binary search.
        var low = 0, high = locations.count
        while low < high {
            let middle = (low + high) / 2
            if locations[middle] < start { low = middle + 1 } else { high = middle }
        }
        let position = low + index
        return position < locations.count ? locations[position] : nil
    }

    private static func holdsCR(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, 0x0D, bytes.count) != nil
    }

    /// The braces of a file whose lines all end at LF: each brace found a word
    /// at a time, the lines before it counted with `memchr`, and only the lines
    /// holding a brace read for their columns.
    private static func byLines(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [SourceLocation] {
        guard let base = bytes.baseAddress else { return [] }
        var result: [SourceLocation] = []
        var line = 1, lineStart = start
        var counted = start  // newlines before this offset are counted
        var brace = Template.BraceScanner.firstBrace(bytes, from: start)
        while brace < bytes.count {
            while counted < brace, let found = memchr(base + counted, 0x0A, brace - counted) {
                let newline = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                line += 1
                lineStart = newline + 1
                counted = newline + 1
            }
            counted = brace
            // The column: the line's first byte, then each byte that starts a character.
            var column = 1
            if lineStart < brace {
                column += 1
                for i in (lineStart + 1)..<brace where bytes[i] & 0xC0 != 0x80 { column += 1 }
            }
            result.append(SourceLocation(line: line, column: column))
            brace = Template.BraceScanner.firstBrace(bytes, from: brace + 1)
        }
        return result
    }

    /// The braces of any file, reading it a character at a time.
    private static func stepping(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [SourceLocation] {
        var result: [SourceLocation] = []
        var i = start, line = 1, column = 1
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) {
                line += 1
                column = 1
                i += 1
                continue
            }
            if b == 0x0D {  // the CR of a CRLF: the LF ends the line
                i += 1
                continue
            }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "}") { result.append(SourceLocation(line: line, column: column)) }
            i += 1
            while i < bytes.count && bytes[i] & 0xC0 == 0x80 { i += 1 }
            column += 1
        }
        return result
    }
}

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

    /// The braces of a file whose lines all end at LF: each brace and each line
    /// end found with `memchr`, and the column of a brace counted a word of
    /// eight bytes at a time from the previous brace or the start of its line.
    private static func byLines(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [SourceLocation] {
        var result: [SourceLocation] = []
        result.reserveCapacity(8)
        var line = 1
        // A position whose column is known: the start of a line, or a brace.
        var anchor = start, anchorColumn = 1
        var nextOpen = find(UInt8(ascii: "{"), bytes, from: start), nextClose = find(UInt8(ascii: "}"), bytes, from: start)
        while true {
            let brace = min(nextOpen, nextClose)
            guard brace < bytes.count else { break }
            var newline = find(0x0A, bytes, from: anchor, to: brace)
            if newline < brace {
                while newline < brace {
                    line += 1
                    anchor = newline + 1
                    newline = find(0x0A, bytes, from: anchor, to: brace)
                }
                anchorColumn = 1
            }
            // The anchor, then each byte after it that starts a character, takes a column.
            let column = anchor < brace ? anchorColumn + 1 + characterStarts(bytes, (anchor + 1)..<brace) : anchorColumn
            result.append(SourceLocation(line: line, column: column))
            (anchor, anchorColumn) = (brace, column)
            if brace == nextOpen {
                nextOpen = find(UInt8(ascii: "{"), bytes, from: brace + 1)
            } else {
                nextClose = find(UInt8(ascii: "}"), bytes, from: brace + 1)
            }
        }
        return result
    }

    /// The offset of the first `byte` in `bytes[from..<to]` (`to` defaults to the end), or `to` when there is none.
    private static func find(_ byte: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int? = nil) -> Int {
        let end = to ?? bytes.count
        guard from < end, let base = bytes.baseAddress, let found = memchr(base + from, Int32(byte), end - from) else { return end }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// How many bytes of `range` start a character (are not UTF-8 continuation
    /// bytes), read a word of eight bytes at a time.
    private static func characterStarts(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var continuations = 0
        var i = range.lowerBound
        while i + 8 <= range.upperBound, let base = bytes.baseAddress {
            let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A continuation byte is 10xxxxxx: its high bit set, the next one clear.
            continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            i += 8
        }
        while i < range.upperBound {
            if bytes[i] & 0xC0 == 0x80 { continuations += 1 }
            i += 1
        }
        return range.count - continuations
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

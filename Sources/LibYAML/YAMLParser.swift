import CYAML

/// A pull parser over libyaml's event API.
///
/// ```swift
/// var parser = YAMLParser(Array("a: 1".utf8))
/// while true {
///     let event = try parser.next()
///     if case .streamEnd = event { break }
/// }
/// ```
///
/// The input must be UTF-8; a leading UTF-8 byte order mark is skipped. The
/// parser keeps its own copy of the bytes, so the caller's buffer may go away.
/// After ``next()`` has thrown, every further call throws the same error;
/// after ``YAMLEvent/streamEnd(mark:)`` every further call returns it again.
///
/// Copies of a `YAMLParser` share one libyaml parser; use one copy at a time.
/// The parser is not `Sendable`: keep it on one task.
public struct YAMLParser {
    private let state: ParserState

    /// Prepares to parse `bytes` (UTF-8, optionally with a byte order mark).
    public init(_ bytes: [UInt8]) {
        state = ParserState(bytes)
    }

    /// Prepares to parse `text`.
    public init(_ text: String) {
        self.init(Array(text.utf8))
    }

    /// The next event of the stream.
    ///
    /// - Throws: ``YAMLSyntaxError`` when libyaml rejects the input, with its
    ///   message and the 1-based position of the problem.
    public mutating func next() throws(YAMLSyntaxError) -> YAMLEvent {
        try state.next()
    }
}

/// Owns libyaml's parser and the input buffer it reads from; frees both on deinit.
private final class ParserState {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The input without its byte order mark; libyaml reads it in place, so it lives as long as the parser.
    private let input: UnsafeMutableBufferPointer<UInt8>
    /// Bytes of byte order mark removed from the front of the input.
    private let bomLength: Int
    /// The number of text bytes in `input` (which holds one spare byte when the text is empty).
    private let textCount: Int
    private let initialized: Bool
    private var failure: YAMLSyntaxError?
    private var end: YAMLEvent?

    /// A known (character index, byte offset) pair, moved as marks are converted.
    /// Consecutive marks are close to each other, so conversion stays cheap.
    private var cursorCharacter = 0
    private var cursorByte = 0
    /// True when every byte is ASCII: then a character index is its byte offset.
    private let isASCII: Bool

    init(_ bytes: [UInt8]) {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        bomLength = bytes.starts(with: bom) ? 3 : 0
        let count = bytes.count - bomLength
        textCount = count
        // Never zero-sized: libyaml wants a valid pointer even for empty input.
        let input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(count, 1))
        let skipped = bomLength
        bytes.withUnsafeBufferPointer { source in
            if let from = source.baseAddress, let to = input.baseAddress, count > 0 {
                to.initialize(from: from + skipped, count: count)
            }
        }
        self.input = input
        isASCII = Self.isASCII(UnsafeBufferPointer(rebasing: input[0..<count]))
        parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        initialized = yaml_parser_initialize(parser) != 0
        if initialized {
            // The byte order mark is already gone; fixing the encoding keeps libyaml
            // from guessing UTF-16 and keeps character and byte offsets in step.
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            if let base = input.baseAddress {
                yaml_parser_set_input_string(parser, base, count)
            }
        }
    }

    /// Whether no byte has its high bit set; eight bytes at a time.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            var high: UInt64 = 0
            while i + 8 <= bytes.count {
                high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
            }
            if high & 0x8080_8080_8080_8080 != 0 { return false }
        }
        while i < bytes.count {
            if bytes[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    deinit {
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
        input.deallocate()
    }

    func next() throws(YAMLSyntaxError) -> YAMLEvent {
        if let failure { throw failure }
        if let end { return end }
        guard initialized else {
            let error = YAMLSyntaxError(
                kind: .memory, problem: "out of memory", mark: YAMLMark(line: 1, column: 1, offset: 0))
            failure = error
            throw error
        }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else {
            let error = currentError()
            failure = error
            throw error
        }
        defer { yaml_event_delete(&event) }
        let result = convert(event)
        if case .streamEnd = result { end = result }
        return result
    }

    // MARK: - Events

    private func convert(_ event: yaml_event_t) -> YAMLEvent {
        let mark = convert(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart(mark: mark)
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(implicit: event.data.document_start.implicit != 0, mark: mark)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd(implicit: event.data.document_end.implicit != 0, mark: mark)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return .mappingStart(
                anchor: string(data.anchor), tag: string(data.tag),
                style: data.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block, mark: mark)
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd(mark: mark)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return .sequenceStart(
                anchor: string(data.anchor), tag: string(data.tag),
                style: data.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block, mark: mark)
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd(mark: mark)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            var value = ""
            if let pointer = data.value {
                // The value may contain NUL (from a "\0" escape), so use the length, not the terminator.
                value = String(decoding: UnsafeBufferPointer(start: pointer, count: data.length), as: UTF8.self)
            }
            let style: YAMLScalarStyle =
                switch data.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
            return .scalar(value: value, anchor: string(data.anchor), tag: string(data.tag), style: style, mark: mark)
        case YAML_ALIAS_EVENT:
            return .alias(anchor: string(event.data.alias.anchor) ?? "", mark: mark)
        default:
            // YAML_NO_EVENT or YAML_STREAM_END_EVENT: libyaml only reports "nothing" once the stream has ended.
            return .streamEnd(mark: mark)
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafePointer(pointer))
    }

    // MARK: - Marks

    /// libyaml marks are 0-based and count characters; ours are 1-based with a byte offset.
    private func convert(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: mark.line + 1, column: mark.column + 1, offset: byteOffset(ofCharacter: mark.index) + bomLength)
    }

    /// The byte offset (into `input`) of the character with index `target`, moving the cursor there.
    private func byteOffset(ofCharacter target: Int) -> Int {
        let count = textCount
        if isASCII { return min(max(target, 0), count) }
        while cursorCharacter < target && cursorByte < count {
            cursorByte = min(count, cursorByte + Self.sequenceLength(input[cursorByte]))
            cursorCharacter += 1
        }
        while cursorCharacter > target && cursorByte > 0 {
            cursorByte -= 1
            while cursorByte > 0 && Self.isContinuation(input[cursorByte]) { cursorByte -= 1 }
            cursorCharacter -= 1
        }
        return cursorByte
    }

    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }

    // MARK: - Errors

    private func currentError() -> YAMLSyntaxError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) }
        let context = p.context.map { String(cString: $0) }
        switch p.error {
        case YAML_READER_ERROR:
            return readerError(problem: problem ?? "invalid input", offset: p.problem_offset, value: Int(p.problem_value))
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let contextMark = context == nil ? nil : convert(p.context_mark)
            return YAMLSyntaxError(
                kind: p.error == YAML_SCANNER_ERROR ? .scanner : .parser,
                problem: problem ?? "invalid YAML", context: context,
                mark: convert(p.problem_mark), contextMark: contextMark)
        default:
            return YAMLSyntaxError(
                kind: .memory, problem: problem ?? "out of memory", mark: convert(p.mark))
        }
    }

    /// libyaml's reader reports a byte offset and the offending byte or code point, but no mark;
    /// work out the line and column from the text before the offset.
    private func readerError(problem: String, offset rawOffset: Int, value: Int) -> YAMLSyntaxError {
        let count = textCount
        var offset = min(max(rawOffset, 0), count)
        if problem.contains("trailing") {
            // The offset names the bad continuation byte; point at the character it belongs to.
            var start = offset
            while start > 0 && offset - start < 4 {
                start -= 1
                if !Self.isContinuation(input[start]) { break }
            }
            if start < offset && input[start] >= 0xC0 { offset = start }
        }
        var line = 1
        var column = 1
        var index = 0
        while index < offset {
            let byte = input[index]
            switch byte {
            case 0x0A:
                line += 1
                column = 1
                index += 1
            case 0x0D:
                // CR, or CRLF: one line break either way.
                line += 1
                column = 1
                index += index + 1 < count && input[index + 1] == 0x0A ? 2 : 1
            case 0xC2 where index + 1 < count && input[index + 1] == 0x85:
                // NEL
                line += 1
                column = 1
                index += 2
            case 0xE2 where index + 2 < count && input[index + 1] == 0x80
                && (input[index + 2] == 0xA8 || input[index + 2] == 0xA9):
                // LINE SEPARATOR, PARAGRAPH SEPARATOR
                line += 1
                column = 1
                index += 3
            default:
                if !Self.isContinuation(byte) { column += 1 }
                index += 1
            }
        }
        var text = problem
        if value >= 0 {
            if problem.contains("octet") || problem.contains("length") {
                text += " (byte 0x\(Self.hex(value, width: 2)))"
            } else {
                text += " (U+\(Self.hex(value, width: 4)))"
            }
        }
        return YAMLSyntaxError(
            kind: .reader, problem: text, mark: YAMLMark(line: line, column: column, offset: offset + bomLength))
    }

    private static func hex(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

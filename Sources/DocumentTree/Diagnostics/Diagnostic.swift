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

    /// The file as the user named it; empty when the problem is about no file
    /// (a persona name that does not exist).
    public var file: String
    /// Where in the file; `nil` when the problem is the file as a whole (unreadable, too large).
    public var location: SourceLocation?
    public var severity: Severity
    public var message: String
    /// The JSON Pointer of the offending value inside the document, when known.
    public var pointer: String?
    /// The JSON Schema keyword that failed, for schema violations.
    public var keyword: String?
    /// The setting this problem depends on (a limit, an output folder), as the
    /// library that reported it names it, so a tool can add how to change it;
    /// the message itself never names a tool's options.
    public var setting: String?

    public init(
        file: String, location: SourceLocation?, severity: Severity = .error, message: String,
        pointer: String? = nil, keyword: String? = nil, setting: String? = nil
    ) {
        self.file = file
        self.location = location
        self.severity = severity
        self.message = message
        self.pointer = pointer
        self.keyword = keyword
        self.setting = setting
    }

    /// `path:line:col: severity: message` (or `path: severity: message` without a position,
    /// `severity: message` without a file), always one line: line breaks, tabs and other control characters in the
    /// path or the message are shown escaped (`\n`, `\t`, `\u{7}`).
    public var description: String {
        let file = Self.oneLine(file), message = Self.oneLine(message)
        if let location {
            return "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        }
        if file.isEmpty { return "\(severity.rawValue): \(message)" }
        return "\(file): \(severity.rawValue): \(message)"
    }

    /// `text` with control characters and line or paragraph separators escaped
    /// the way Swift writes them in a string literal, so it prints as one line.
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}

extension Diagnostic {
    /// `diagnostics` in reading order, each problem once.
    ///
    /// An error or warning and the notes after it form a group that moves as
    /// one, so a note stays under the problem it explains. Groups are sorted by
    /// file (the bytes of its UTF-8 path), then line, then column; a problem
    /// about a file as a whole (no position) comes before that file's positioned
    /// ones, and groups at the same place keep their order. A group equal to an
    /// earlier one (the same problem found twice) is dropped.
    public static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var groups: [ArraySlice<Diagnostic>] = []
        var start = 0
        for index in diagnostics.indices.dropFirst() where diagnostics[index].severity != .note {
            groups.append(diagnostics[start..<index])
            start = index
        }
        if start < diagnostics.count { groups.append(diagnostics[start...]) }
        let sorted = groups.enumerated().sorted { a, b in
            let (x, y) = (a.element[a.element.startIndex], b.element[b.element.startIndex])
            if !x.file.utf8.elementsEqual(y.file.utf8) { return x.file.utf8.lexicographicallyPrecedes(y.file.utf8) }
            switch (x.location, y.location) {
            case (nil, .some): return true
            case (.some, nil): return false
            case (.some(let l), .some(let r)) where l != r: return l < r
            default: return a.offset < b.offset
            }
        }
        var seen = Set<ArraySlice<Diagnostic>>()
        var result: [Diagnostic] = []
        result.reserveCapacity(diagnostics.count)
        for (_, group) in sorted where seen.insert(group).inserted {
            result += group
        }
        return result
    }
}

extension DocumentError {
    /// This error, and its notes, as diagnostics about `file`.
    public func diagnostics(file: String) -> [Diagnostic] {
        [Diagnostic(file: file, location: location, message: message)]
            + notes.map { Diagnostic(file: file, location: $0.location, severity: .note, message: $0.message) }
    }
}

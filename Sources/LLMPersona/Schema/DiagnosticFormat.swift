import DocumentTree

/// How diagnostics are printed.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `path:line:col: error: message`, one a line.
    case human
    /// A JSON array of `{file, line, column, severity, pointer, keyword, message}`.
    case json
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`.
    case github

    /// The diagnostics in this format (ending with a newline when not empty),
    /// in reading order (`Diagnostic.ordered(_:)`): by file, line and column,
    /// notes under their problem, each problem once.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        let diagnostics = Diagnostic.ordered(diagnostics)
        switch self {
        case .human:
            return diagnostics.map { $0.description + "\n" }.joined()
        case .json:
            let items = diagnostics.map { diagnostic -> Node in
                var object = Mapping()
                object.set("file", Node(.string(diagnostic.file)))
                object.set("line", diagnostic.location.map { Node(.number(Number($0.line))) } ?? Node(.null))
                object.set("column", diagnostic.location.map { Node(.number(Number($0.column))) } ?? Node(.null))
                object.set("severity", Node(.string(diagnostic.severity.rawValue)))
                object.set("pointer", diagnostic.pointer.map { Node(.string($0)) } ?? Node(.null))
                object.set("keyword", diagnostic.keyword.map { Node(.string($0)) } ?? Node(.null))
                object.set("message", Node(.string(diagnostic.message)))
                return Node(.object(object))
            }
            return JSONWriter.pretty(Node(.array(items)))
        case .github:
            return diagnostics.map { diagnostic in
                var properties = ["file=" + escapeProperty(diagnostic.file)]
                if let location = diagnostic.location {
                    properties.append("line=\(location.line)")
                    properties.append("col=\(location.column)")
                }
                let command = switch diagnostic.severity {
                case .error: "error"
                case .warning: "warning"
                case .note: "notice"
                }
                return "::\(command) \(properties.joined(separator: ","))::\(escapeData(diagnostic.message))\n"
            }.joined()
        }
    }

    /// Workflow command data escaping: `%`, CR and LF.
    private func escapeData(_ text: String) -> String {
        percentEscape(text, ["%", "\r", "\n"])
    }

    /// Workflow command property escaping: as data, plus `:` and `,`.
    private func escapeProperty(_ text: String) -> String {
        percentEscape(text, ["%", "\r", "\n", ":", ","])
    }

    /// `text` with each of `special` as `%XX`, compared by Unicode scalar (a
    /// character-wise replace misses `:` followed by a combining mark).
    private func percentEscape(_ text: String, _ special: Set<Unicode.Scalar>) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if special.contains(scalar) {
                out += "%" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    /// The string with zeros in front, to at least `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

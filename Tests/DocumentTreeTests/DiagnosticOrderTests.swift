import DocumentTree
import Testing

@Suite("Diagnostics: reading order and one line each")
struct DiagnosticOrderTests {
    private func at(_ line: Int, _ column: Int) -> DocumentTree.SourceLocation { DocumentTree.SourceLocation(line: line, column: column) }

    @Test func orderedSortsByFileLineAndColumnKeepingNotesUnderTheirProblem() {
        let given = [
            Diagnostic(file: "c.yaml", location: at(2, 1), message: "c2"),
            Diagnostic(file: "b.yaml", location: at(9, 1), message: "b9"),
            Diagnostic(file: "z.lock", location: at(1, 1), severity: .note, message: "note of b9"),
            Diagnostic(file: "a.yaml", location: at(3, 5), message: "a3:5"),
            Diagnostic(file: "a.yaml", location: at(3, 2), severity: .warning, message: "a3:2"),
            Diagnostic(file: "b.yaml", location: nil, message: "b whole file"),
            Diagnostic(file: "a.yaml", location: at(10, 1), message: "a10"),
            Diagnostic(file: "B.yaml", location: at(1, 1), message: "B (uppercase sorts first by bytes)"),
        ]
        #expect(Diagnostic.ordered(given).map(\.message) == [
            "B (uppercase sorts first by bytes)", "a3:2", "a3:5", "a10", "b whole file", "b9", "note of b9", "c2",
        ])
    }

    @Test func orderedReportsTheSameProblemOnce() {
        let problem = [
            Diagnostic(file: "a.yaml", location: at(1, 1), message: "same"),
            Diagnostic(file: "a.yaml", location: at(2, 1), severity: .note, message: "here"),
        ]
        let other = Diagnostic(file: "a.yaml", location: at(1, 1), message: "other")
        #expect(Diagnostic.ordered(problem + [other] + problem) == problem + [other])
    }

    @Test func humanLineEscapesLineBreaksAndTabs() {
        let diagnostic = Diagnostic(file: "a\nb.yaml", location: at(1, 7), message: "unknown field 'x\ty\r\n\u{7}\u{2028}'")
        #expect(diagnostic.description == #"a\nb.yaml:1:7: error: unknown field 'x\ty\r\n\u{7}\u{2028}'"#)
        #expect(!diagnostic.description.contains("\n"))
    }
}

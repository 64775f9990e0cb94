import DocumentTree
import Foundation
import LLMPersona

/// Writing to the terminal: data to standard output, diagnostics to standard error.
enum Output {
    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints each diagnostic on its own line to standard error, in reading
    /// order (by file, line and column; notes under their problem).
    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        standardError(DiagnosticFormat.human.render(diagnostics))
    }
}

import Foundation
import LLMPersona
import DocumentTree

/// Compiles `paths` and returns the diagnostics as printed, with `root/` removed from paths.
func diagnosticLines(_ paths: [String], root: String) -> [String] {
    PersonaCompiler().compile(paths).diagnostics.map {
        $0.description.replacingOccurrences(of: root + "/", with: "")
    }
}

import Foundation
import LLMPersona
import DocumentTree

/// Compiles `paths` and returns the diagnostics as printed, with `root/` removed from paths.
func diagnosticLines(_ paths: [String], root: String) -> [String] {
    PersonaCompiler().compile(paths).diagnostics.map {
        $0.description.replacingOccurrences(of: root + "/", with: "")
    }
}

/// The typed error `body` fails with, or `nil` when it succeeds.
func failure<T, E: Error>(_ body: () throws(E) -> T) -> E? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

import Foundation
import LLMPersona
import DocumentTree
import TestSupport

/// The result of compiling a scratch folder, with paths shown relative to it.
struct Compiled {
    var compilation: PersonaCompiler.Compilation
    /// The errors and notes as printed, with the scratch folder's path removed.
    var lines: [String]
    /// The warnings as printed (unused template variables, say), likewise.
    var warnings: [String]

    /// The resolved persona `name`, when it resolved without error.
    func persona(_ name: String) -> ResolvedPersona? {
        compilation.personas.first { $0.persona.name == name }
    }

    /// The prompt of persona `name`, or `nil`.
    func prompt(_ name: String) -> String? {
        persona(name)?.persona.buildSystemPrompt()
    }
}

/// Writes `files` (relative path → text) into a scratch folder and compiles them,
/// in the order `order` gives (by default, sorted by path).
func compileFiles(
    _ files: [String: String], order: [String]? = nil, compiler: PersonaCompiler = PersonaCompiler()
) throws -> Compiled {
    let scratch = try Scratch(files)
    defer { scratch.cleanup() }
    let paths = (order ?? files.keys.sorted()).map(scratch.path)
    let compilation = compiler.compile(paths)
    func printed(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { $0.description.replacingOccurrences(of: scratch.root + "/", with: "") }
    }
    return Compiled(
        compilation: compilation,
        lines: printed(compilation.diagnostics.filter { $0.severity != .warning }),
        warnings: printed(compilation.diagnostics.filter { $0.severity == .warning }))
}

/// A persona declared in code, as `PersonaRegistry.define` would see it.
func codeDeclaration(
    _ name: String, parent: String? = nil, role: String? = nil, capabilities: [String] = [], isAbstract: Bool = false
) -> PersonaDeclaration {
    PersonaDeclaration(Persona(name: name, parent: parent, role: role, capabilities: capabilities, isAbstract: isAbstract))
}


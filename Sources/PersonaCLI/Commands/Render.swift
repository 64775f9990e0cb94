import ArgumentParser
import DocumentTree
import LLMPersona

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one persona's prompt to standard output, exactly (no newline is added)."
    )

    @Argument(help: "The persona's name.")
    var name: String

    @OptionGroup var input: InputOptions

    func run() throws {
        let compilation = input.compiler.compile(input.paths)
        Output.report(compilation.diagnostics)
        if compilation.hasErrors { throw ExitCode.failure }
        guard let resolved = compilation.personas.first(where: { $0.persona.name == name }) else {
            let error = PersonaError.notFound(
                name: name, suggestion: PersonaRegistry.suggestion(for: name, in: compilation.personas.map(\.persona.name)))
            Output.standardError("error: \(error)\n")
            throw ExitCode.failure
        }
        if resolved.persona.isAbstract {
            Output.standardError("error: \(PersonaError.abstract(name: name))\n")
            throw ExitCode.failure
        }
        Output.standardOutput(resolved.persona.buildSystemPrompt())
    }
}

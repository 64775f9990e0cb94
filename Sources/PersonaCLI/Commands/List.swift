import ArgumentParser
import LLMPersona

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the name of every persona, one a line, sorted.",
        discussion: """
            An abstract base (abstract: true; never built) is followed by a tab and 'abstract', \
            so 'cut -f1' gives the names alone. A name never holds a tab.
            """
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let compilation = input.showingCompiler.compile(input.paths)
        Output.report(compilation.diagnostics)
        if compilation.hasErrors { throw ExitCode.failure }
        let lines = compilation.personas.map { $0.persona.isAbstract ? $0.persona.name + "\tabstract" : $0.persona.name }
        if !lines.isEmpty { Output.standardOutput(lines.joined(separator: "\n") + "\n") }
    }
}

import ArgumentParser
import LLMPersona

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the name of every persona, one a line, sorted."
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let compilation = input.showingCompiler.compile(input.paths)
        Output.report(compilation.diagnostics)
        if compilation.hasErrors { throw ExitCode.failure }
        let names = compilation.personas.map(\.persona.name)
        if !names.isEmpty { Output.standardOutput(names.joined(separator: "\n") + "\n") }
    }
}

import ArgumentParser
import LLMPersona

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print one persona's prompt to standard output, exactly (no newline is added).",
        discussion: """
            Prints what build would write to NAME.txt: the prompt with --var/--vars values and \
            defaults filled in, or the template when required variables are left.
            """
    )

    @Argument(help: "The persona's name.")
    var name: String

    @OptionGroup var input: InputOptions

    @OptionGroup(title: "Template variables") var variables: VariableOptions

    func run() throws {
        let resolved = try input.compilePersona(named: name)
        // The same filling as build: render prints what NAME.txt would hold.
        let filled: FilledPrompt
        do {
            filled = try PromptFiller.render(resolved, try variables.values(limits: input.compiler.loader.limits))
        } catch {
            Output.report(error.diagnostics)
            throw ExitCode.failure
        }
        Output.standardOutput(filled.text)
    }
}

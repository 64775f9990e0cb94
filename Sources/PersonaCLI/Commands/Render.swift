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
        switch variables.values(limits: input.compiler.loader.limits).flatMap({ PromptFiller.render(resolved, $0) }) {
        case .failure(let list):
            Output.report(list.diagnostics)
            throw ExitCode.failure
        case .success(let filled):
            Output.standardOutput(filled.text)
        }
    }
}

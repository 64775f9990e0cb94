import ArgumentParser
import DocumentTree
import LLMPersona

/// How `persona explain` prints its report.
enum ExplainFormat: String, ArgumentChoice {
    case text, json
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show where each of a persona's values comes from along its parent chain.",
        discussion: """
            Prints the resolved persona with, for every field, list item, section and \
            variable, the persona and path:line:col that wrote it and whether it was \
            declared, inherited, overridden, appended, prepended or removed. Abstract \
            personas can be explained too.
            """
    )

    @Argument(help: "The persona's name.")
    var name: String

    @OptionGroup var input: InputOptions

    @Option(help: "How to print the report: text or json.")
    var format: ExplainFormat = .text

    func run() throws {
        let resolved = try input.compilePersona(named: name)
        switch format {
        case .text: Output.standardOutput(PersonaExplanation.text(resolved))
        case .json: Output.standardOutput(JSONWriter.pretty(PersonaExplanation.json(resolved)))
        }
    }
}

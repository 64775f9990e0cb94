import ArgumentParser
import LLMPersona

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a bundled JSON Schema (draft 2020-12): persona files, or the NAME.json build artifacts."
    )

    enum Kind: String, ArgumentChoice {
        case persona, artifact
    }

    @Argument(help: "Which schema: persona or artifact.")
    var kind: Kind = .persona

    func run() {
        switch kind {
        case .persona: Output.standardOutput(BundledSchemas.persona)
        case .artifact: Output.standardOutput(BundledSchemas.artifact)
        }
    }
}

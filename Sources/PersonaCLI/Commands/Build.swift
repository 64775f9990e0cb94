import ArgumentParser
import LLMPersona

extension ArtifactFormat: ExpressibleByArgument {}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write each persona's prompt into the output directory.",
        discussion: """
            Writes DIR/NAME.txt (exactly the prompt) and/or DIR/NAME.json (the resolved \
            persona, its prompt and its sources). Abstract personas are not written. If any \
            input has an error, nothing is written.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("out"), help: ArgumentHelp("Output directory.", valueName: "dir"))
    var outputDirectory = "build/personas"

    @Option(help: "What to write: text, json or all.")
    var format: ArtifactFormat = .all

    @OptionGroup(title: "Template variables") var variables: VariableOptions

    func run() throws {
        let compilation = input.compiler.compile(input.paths)
        Output.report(compilation.diagnostics)
        if compilation.hasErrors { throw ExitCode.failure }

        let artifacts: [Artifact]
        switch variables.values().flatMap({ ArtifactBuilder.artifacts(for: compilation.personas, format: format, values: $0) }) {
        case .failure(let list):
            Output.report(list.diagnostics)
            throw ExitCode.failure
        case .success(let built): artifacts = built
        }
        let writer = OutputWriter(directory: outputDirectory)
        if let problem = writer.prepare() {
            Output.standardError("\(outputDirectory): error: \(problem)\n")
            throw ExitCode.failure
        }
        do {
            let changed = try writer.write(artifacts)
            let count = compilation.personas.filter { !$0.persona.isAbstract }.count
            Output.standardOutput(
                "built \(count) persona\(count == 1 ? "" : "s") into \(outputDirectory) (\(changed.count) of \(artifacts.count) files changed)\n")
        } catch {
            Output.standardError("\(writer.path(error.path)): error: \(error.message)\n")
            throw ExitCode.failure
        }
    }
}

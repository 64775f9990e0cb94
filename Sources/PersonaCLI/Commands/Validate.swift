import ArgumentParser
import DocumentTree
import LLMPersona

extension DiagnosticFormat: ArgumentChoice {}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check persona files without writing anything (for pre-commit hooks and CI).",
        discussion: """
            Runs every check that build runs: parsing, the JSON Schema, names (also as file \
            names, for --format), inheritance, template variables and, when a lock file exists, the version drift guard. \
            Exits 0 when every file is clean, 1 when anything is wrong. With --diagnostics json \
            or github, the report goes to standard output.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("A JSON Schema (JSON or YAML) to check each file against instead of the bundled one.", valueName: "file"))
    var schema: String?

    @Option(help: "How to print problems: human, json or github.")
    var diagnostics: DiagnosticFormat = .human

    @OptionGroup var lock: LockOptions

    @Option(help: "Check the output file names as build --format would write them: text, json or all.")
    var format: FormatChoice = .all

    func run() throws {
        var compiler = input.compiler
        if let schema {
            do {
                compiler.loader.schema = try PersonaSchema.load(schema, limits: compiler.loader.limits)
            } catch {
                emit(error.diagnostics)
                throw ExitCode.failure
            }
        }
        // The same checks as build — compile, output names, fill, drift guard — minus the files.
        var step = BuildStep(compiler: compiler, format: format.formats, lockPath: lock.lockFile)
        step.plansFiles = false
        let prepared = step.prepare(input.paths)
        let compilation = prepared.compilation
        emit(prepared.diagnostics)
        if prepared.hasErrors { throw ExitCode.failure }
        if diagnostics == .human {
            let files = compilation.files.count, personas = compilation.personas.count
            Output.standardOutput("\(files) file\(files == 1 ? "" : "s"), \(personas) persona\(personas == 1 ? "" : "s"): no problems\n")
        }
        Output.finish(keeping: prepared)
    }

    private func emit(_ list: [Diagnostic]) {
        let list = Output.withOptionHints(list)
        switch diagnostics {
        case .human: Output.standardError(diagnostics.render(list))
        case .json: Output.standardOutput(diagnostics.render(list))
        case .github: Output.standardOutput(diagnostics.render(list))
        }
    }
}

import ArgumentParser
import DocumentTree
import LLMPersona

extension TargetLanguage: ArgumentChoice {}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the personas as typed code: one Swift, Python or TypeScript file.",
        discussion: """
            Each concrete persona gets an accessor (Python snake_case, Swift and TypeScript \
            lowerCamelCase of its name) with name, version, fingerprint (the template \
            fingerprint), lineage, greeting(...) and systemPrompt(...) / system_prompt(...) \
            taking the persona's variables as named parameters; a table by name \
            (Personas.all, PERSONAS) takes values by variable name. A variable given \
            with --var or --vars is filled in now and is no longer a parameter. The \
            inputs are checked as build checks them; on any error nothing is written. \
            The file is not rewritten when its bytes do not change, and a file that \
            persona generate did not write is never replaced. See docs/generate.md.
            """
    )

    @Argument(help: "The language to write.")
    var language: TargetLanguage

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("out"), help: ArgumentHelp("The file to write.", valueName: "file"))
    var outputFile: String

    @OptionGroup var lock: LockOptions

    @OptionGroup(title: "Template variables") var variables: VariableOptions

    func run() throws {
        let temporaries = StagedTemporaries()
        Interruption.removeOnSignal(temporaries)
        let values = try variables.valuesOrExit(limits: input.compiler.loader.limits)
        let step = GenerateStep(language: language, compiler: input.compiler, lockPath: lock.lockFile, values: values)
        let prepared = step.prepare(input.paths)
        Output.report(prepared.diagnostics)
        guard let code = prepared.code, let module = prepared.module else { throw ExitCode.failure }
        do {
            let outcome = try GeneratedFileWriter.write(
                code, to: outputFile, inputs: prepared.compilation.files, temporaries: temporaries)
            let count = module.personas.count
            let what = outcome == .written ? "wrote" : "unchanged:"
            Output.standardOutput("\(what) \(outputFile) (\(language.rawValue), \(count) persona\(count == 1 ? "" : "s"))\n")
        } catch {
            Output.report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

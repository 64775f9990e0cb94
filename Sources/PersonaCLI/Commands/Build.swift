import ArgumentParser
import DocumentTree
import LLMPersona

/// `--format`: which files build writes for each persona.
enum FormatChoice: String, ArgumentChoice {
    case text, json, all

    /// The library's set of formats this choice names.
    var formats: ArtifactFormat {
        switch self {
        case .text: .text
        case .json: .json
        case .all: .all
        }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Write each persona's prompt into the output directory.",
        discussion: """
            Writes DIR/NAME.txt (exactly the prompt, or the template when required variables \
            are left unfilled), DIR/NAME.json (the resolved persona, its \
            prompt, its fingerprints and sources) and DIR/manifest.json (every persona built). Abstract \
            personas are not written. If any input has an error, or a persona changed since \
            personas.lock without a new version, nothing is written. Files whose bytes did not \
            change are left untouched; files the previous manifest listed that are no longer \
            built are removed. Build never replaces or removes a file it did not write: \
            one that exists, is not listed by DIR/manifest.json and holds other bytes \
            stops the build. DIR must not hold persona files.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("out"), help: ArgumentHelp("Output directory.", valueName: "dir"))
    var outputDirectory = "build/personas"

    @Option(help: "What to write: text, json or all.")
    var format: FormatChoice = .all

    @OptionGroup var lock: LockOptions

    @OptionGroup(title: "Template variables") var variables: VariableOptions

    @Flag(help: "Write nothing; exit 1 listing every file that is missing, stale or extra.")
    var check = false

    @Option(name: .customLong("wait"), help: ArgumentHelp(
        "How long to wait for another build writing to the same directory.", valueName: "seconds"))
    var waitSeconds = 60

    @Flag(name: .customLong("no-sync"), help: "Do not flush written files to disk (faster; for throwaway output such as CI).")
    var noSync = false

    func validate() throws {
        guard waitSeconds >= 0 else { throw ValidationError("--wait must not be negative") }
    }

    func run() throws {
        let temporaries = StagedTemporaries()
        if !check { Interruption.removeOnSignal(temporaries) }
        let values = try variables.valuesOrExit(limits: input.compiler.loader.limits)
        var step = BuildStep(compiler: input.compiler, format: format.formats, lockPath: lock.lockFile, values: values)
        step.outputDirectory = outputDirectory
        let prepared = step.prepare(input.paths)
        Output.report(prepared.diagnostics)
        guard let plan = prepared.plan else { throw ExitCode.failure }

        var writer = OutputWriter(directory: outputDirectory, lockTimeout: .seconds(waitSeconds))
        writer.flushesToDisk = !noSync
        // An empty --out names no folder: say so, for --check too (prepare touches nothing then).
        if outputDirectory.isEmpty {
            do {
                try writer.prepare()
            } catch {
                Output.report([Diagnostic(file: "--out \"\"", location: nil, message: error.message)])
                throw ExitCode.failure
            }
        }
        writer.temporaries = temporaries
        do {
            if check {
                let report = try writer.check(plan)
                Output.report(report.warnings)
                guard report.isUpToDate else {
                    Output.report(writer.diagnostics(report))
                    throw ExitCode.failure
                }
                Output.standardOutput("\(outputDirectory) is up to date (\(report.fileCount) files)\n")
                Output.finish(keeping: prepared)
                return
            }
            try writer.prepare()
            let report = try writer.install(plan)
            Output.report(report.warnings)
            let count = plan.records.count
            let removed = report.removed.isEmpty ? "" : ", \(report.removed.count) removed"
            let leftoverCount = report.removedTemporaries.count
            let leftovers = leftoverCount == 0
                ? "" : "; removed \(leftoverCount) temporar\(leftoverCount == 1 ? "y" : "ies") left by an interrupted build"
            Output.standardOutput(
                "built \(count) persona\(count == 1 ? "" : "s") into \(outputDirectory) "
                    + "(\(report.written.count) of \(plan.fileCount) files changed\(removed)\(leftovers))\n")
            Output.finish(keeping: prepared)
        } catch let error as WriteError {
            Output.report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

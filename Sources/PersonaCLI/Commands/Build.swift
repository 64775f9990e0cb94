import ArgumentParser
import DocumentTree
import LLMPersona
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            stops the build. DIR must not hold persona files. When the inputs, options and \
            program are those recorded for DIR's last build (in the cache folder; see \
            --no-cache), build and --check read DIR's files back instead of compiling.
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

    @Flag(name: .customLong("no-cache"), help: ArgumentHelp(
        "Neither read nor write the build record in the cache folder: compile everything.",
        discussion: "By default a build whose inputs, options and program are those recorded for DIR "
            + "in $XDG_CACHE_HOME/llm-persona/builds (or ~/.cache/...) reads DIR's files back and, when each "
            + "holds the recorded bytes, stops there."))
    var noCache = false

    func validate() throws {
        guard waitSeconds >= 0 else { throw ValidationError("--wait must not be negative") }
    }

    func run() throws {
        let temporaries = StagedTemporaries()
        if !check { Interruption.removeOnSignal(temporaries) }
        let values = try variables.valuesOrExit(limits: input.compiler.loader.limits)
        var step = BuildStep(compiler: input.compiler, format: format.formats, lockPath: lock.lockFile, values: values)
        step.outputDirectory = outputDirectory
        // Read once: the record check and the compilation see the same bytes.
        let inputs = step.readInputs(input.paths)

        var writer = OutputWriter(directory: outputDirectory, lockTimeout: .seconds(waitSeconds))
        writer.flushesToDisk = !noSync
        writer.temporaries = temporaries
        if !noCache {
            writer.buildRecords = BuildRecord.cacheFolder { name in getenv(name).map { String(cString: $0) } }
        }
        do throws(WriteError) {
            // Inputs exactly as the folder's record says it was built from, and every
            // recorded file still as written: nothing to compile, nothing to write.
            if writer.buildRecords != nil, let key = inputs.key {
                if check, let reuse = try writer.checkReuse(key) {
                    reportUpToDate(files: reuse.fileCount)
                    return
                }
                if !check, let reuse = try writer.reuse(key) {
                    reportBuilt(
                        personas: reuse.personaCount, written: 0, files: reuse.fileCount, removed: 0,
                        leftovers: reuse.removedTemporaries.count)
                    return
                }
            }
        } catch {
            Output.report(error.diagnostics)
            throw ExitCode.failure
        }

        let prepared = step.prepare(inputs)
        Output.report(prepared.diagnostics)
        guard let plan = prepared.plan else { throw ExitCode.failure }

        // An empty --out names no folder: say so, for --check too (prepare touches nothing then).
        if outputDirectory.isEmpty {
            do {
                try writer.prepare()
            } catch {
                Output.report([Diagnostic(file: "--out \"\"", location: nil, message: error.message)])
                throw ExitCode.failure
            }
        }
        do {
            if check {
                let report = try writer.check(plan)
                Output.report(report.warnings)
                guard report.isUpToDate else {
                    Output.report(writer.diagnostics(report))
                    throw ExitCode.failure
                }
                reportUpToDate(files: report.fileCount)
                Output.finish(keeping: prepared)
                return
            }
            try writer.prepare()
            // A record only of a build that reported nothing: reusing it must print what this prints.
            let report = try writer.install(plan, recordKey: prepared.diagnostics.isEmpty ? inputs.key : nil)
            Output.report(report.warnings)
            reportBuilt(
                personas: plan.records.count, written: report.written.count, files: plan.fileCount,
                removed: report.removed.count, leftovers: report.removedTemporaries.count)
            Output.finish(keeping: prepared)
        } catch let error as WriteError {
            Output.report(error.diagnostics)
            throw ExitCode.failure
        }
    }

    /// `DIR is up to date (F files)`.
    private func reportUpToDate(files: Int) {
        Output.standardOutput("\(outputDirectory) is up to date (\(files) files)\n")
    }

    /// `built N personas into DIR (W of F files changed, R removed; …)`.
    private func reportBuilt(personas count: Int, written: Int, files: Int, removed: Int, leftovers: Int) {
        let removedText = removed == 0 ? "" : ", \(removed) removed"
        let leftoverText = leftovers == 0
            ? "" : "; removed \(leftovers) temporar\(leftovers == 1 ? "y" : "ies") left by an interrupted build"
        Output.standardOutput(
            "built \(count) persona\(count == 1 ? "" : "s") into \(outputDirectory) "
                + "(\(written) of \(files) files changed\(removedText)\(leftoverText))\n")
    }
}

import ArgumentParser
import DocumentTree
import LLMPersona

/// The `--lock FILE` option of the commands that read `personas.lock`.
struct LockOptions: ParsableArguments {
    @Option(name: .customLong("lock"), help: ArgumentHelp(
        "The lock file (default: personas.lock in the first PATH, or beside it when it is a file).", valueName: "file"))
    var lockFile: String?

    func path(for inputs: [String]) -> String {
        lockFile ?? PersonaLock.defaultPath(for: inputs)
    }
}

struct Lock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Record each persona's version, fingerprints and resolved fields in personas.lock.",
        discussion: """
            Commit the lock file with the personas. From then on, persona build fails when a \
            persona's prompt, greeting or variables change while its version stays the same; \
            bump the version, or run persona lock again to accept the change.
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var lock: LockOptions

    @Flag(help: "Write nothing; exit 1 when the lock file is not up to date.")
    var check = false

    func run() throws {
        let compilation = input.compiler.compile(input.paths)
        Output.report(compilation.diagnostics)
        if compilation.hasErrors { throw ExitCode.failure }

        let path = lock.path(for: input.paths)
        let updated = PersonaLock(personas: compilation.personas)
        let count = updated.records.count
        let personas = "\(count) persona\(count == 1 ? "" : "s")"
        if check {
            let problems = updated.staleness(of: path)
            guard problems.isEmpty else {
                Output.report(problems)
                throw ExitCode.failure
            }
            Output.standardOutput("\(path) is up to date (\(personas))\n")
            return
        }
        var warnings: [Diagnostic] = []
        let old = PersonaLock.replaced(at: path, diagnostics: &warnings)
        Output.report(warnings)
        let changes = updated.changes(since: old)
        do {
            let changed = try updated.save(to: path)
            if !changes.isEmpty { Output.standardOutput(changes.joined(separator: "\n") + "\n") }
            Output.standardOutput(changed ? "locked \(personas) in \(path)\n" : "\(path) is up to date (\(personas))\n")
        } catch {
            Output.report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

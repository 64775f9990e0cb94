import ArgumentParser
import LLMPersona

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how two resolved personas differ, field by field.",
        usage: """
            persona diff A B [PATH ...]
            persona diff NAME --against-lock [PATH ...] [--lock FILE]
            """,
        discussion: """
            Compares the personas after inheritance: scalar fields as 'tone: "x" -> "y"', \
            lists item by item ('capabilities: + item', '- item'), custom_sections and variables \
            key by key ('custom_sections.escalation: changed'), and the prompt's fingerprint. \
            With --against-lock, compares NAME as locked in personas.lock with NAME now. \
            The first operands are persona names; the rest are the files or directories to read \
            (default: personas). The exit status is 0 whether or not the personas differ, 1 on error.
            """
    )

    @OptionGroup var input: InputOptions

    @Flag(name: .customLong("against-lock"), help: "Compare NAME with its entry in the lock file.")
    var againstLock = false

    @OptionGroup var lock: LockOptions

    private var nameCount: Int { againstLock ? 1 : 2 }

    func validate() throws {
        guard input.paths.count >= nameCount else {
            throw ValidationError(againstLock ? "expected a persona name" : "expected two persona names")
        }
    }

    func run() throws {
        let operands = input.paths
        let names = Array(operands.prefix(nameCount))
        let rest = Array(operands.dropFirst(nameCount))
        let paths = rest.isEmpty ? ["personas"] : rest

        let compilation = input.showingCompiler.compile(paths)
        Output.report(compilation.diagnostics)
        if compilation.hasErrors { throw ExitCode.failure }
        func find(_ name: String) throws -> ResolvedPersona {
            do {
                return try compilation.persona(named: name)
            } catch {
                Output.report(error.diagnostics)
                throw ExitCode.failure
            }
        }

        let diff: PersonaDiff
        let header: (old: String, new: String)
        if againstLock {
            let resolved = try find(names[0])
            let path = lock.path(for: paths)
            do {
                diff = try PersonaDiff.againstLock(resolved, lockPath: path)
            } catch {
                Output.report(error.diagnostics)
                throw ExitCode.failure
            }
            header = ("\(names[0]) (\(path))", "\(names[0]) (\(paths.joined(separator: " ")))")
        } else {
            diff = PersonaDiff(from: try find(names[0]), to: try find(names[1]))
            header = (names[0], names[1])
        }
        if diff.isEmpty {
            Output.standardOutput("no differences\n")
        } else {
            Output.standardOutput("--- \(header.old)\n+++ \(header.new)\n" + diff.text)
        }
    }
}

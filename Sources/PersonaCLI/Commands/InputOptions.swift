import ArgumentParser
import DocumentTree
import LLMPersona

/// Options shared by every command that reads persona files.
struct InputOptions: ParsableArguments {
    @Argument(help: "Persona files or directories to read.")
    var paths: [String] = ["personas"]

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Largest input file, in bytes.", valueName: "bytes"))
    var maxFileSize: Int = 8 << 20

    @Option(name: .customLong("max-depth"), help: ArgumentHelp(
        "Deepest nesting of lists and mappings in an input file (at most \(DocumentLimits.depthCeiling)).", valueName: "n"))
    var maxDepth: Int = 64

    @Option(name: .customLong("max-alias-nodes"), help: ArgumentHelp("Most nodes YAML aliases may expand to in one document.", valueName: "n"))
    var maxAliasNodes: Int = 100_000

    @Option(name: .customLong("max-chain-length"), help: ArgumentHelp("Longest parent chain.", valueName: "n"))
    var maxChainLength: Int = 10_000

    @Option(name: .customLong("max-personas"), help: ArgumentHelp("Most personas in one run, over all files.", valueName: "n"))
    var maxPersonas: Int = 100_000

    func validate() throws {
        guard maxFileSize > 0, maxDepth > 0, maxAliasNodes >= 0, maxChainLength > 0, maxPersonas > 0 else {
            throw ValidationError("limits must be positive numbers")
        }
        guard maxDepth <= DocumentLimits.depthCeiling else {
            throw ValidationError(
                "--max-depth must be at most \(DocumentLimits.depthCeiling): deeper documents are not safe to process")
        }
    }

    var compiler: PersonaCompiler {
        PersonaCompiler(
            loader: PersonaLoader(limits: .init(
                maxFileBytes: maxFileSize,
                document: DocumentLimits(maxDepth: maxDepth, maxAliasNodes: maxAliasNodes)),
                maxPersonas: maxPersonas),
            resolver: PersonaResolver(maxChainLength: maxChainLength))
    }

    /// The compiler for commands that show personas rather than check them
    /// (`render`, `explain`, `list`, `diff`): no unused-variable warnings.
    var showingCompiler: PersonaCompiler {
        var compiler = compiler
        compiler.reportsUnusedVariables = false
        return compiler
    }

    /// Compiles the inputs and finds persona `name`, printing diagnostics; exits 1
    /// when any input has an error or no persona has that name.
    func compilePersona(named name: String) throws -> ResolvedPersona {
        let compilation = showingCompiler.compile(paths)
        Output.report(compilation.diagnostics)
        if compilation.hasErrors { throw ExitCode.failure }
        do {
            return try compilation.persona(named: name)
        } catch {
            Output.report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

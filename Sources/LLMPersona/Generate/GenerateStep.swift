import DocumentTree

/// `persona generate` as a library call: read, resolve and check the personas
/// as a build does (the lock file's drift guard included), then make the
/// source file for one language — writing nothing yet (see ``GeneratedFileWriter``).
///
/// ```swift
/// let step = GenerateStep(language: .swift)
/// let prepared = step.prepare(["personas"])
/// guard let code = prepared.code else { /* report prepared.diagnostics */ return }
/// let outcome = try GeneratedFileWriter.write(code, to: "Sources/App/Personas.swift", inputs: prepared.compilation.files)
/// ```
public struct GenerateStep: Sendable {
    /// The language to generate.
    public var language: TargetLanguage
    /// Reads and resolves the input files.
    public var compiler: PersonaCompiler
    /// The lock file; `nil` for the default next to the inputs (see ``BuildStep/lockPath``).
    public var lockPath: String?
    /// Values filled in at generation time: such a variable is no longer a parameter.
    public var values: VariableValues

    /// A step generating `language`, reading with `compiler`, consulting the lock
    /// file at `lockPath`, filling the variables in `values` now.
    public init(
        language: TargetLanguage, compiler: PersonaCompiler = PersonaCompiler(), lockPath: String? = nil,
        values: VariableValues = .init()
    ) {
        self.language = language
        self.compiler = compiler
        self.lockPath = lockPath
        self.values = values
    }

    /// What ``prepare(_:)`` found.
    public struct Preparation: Sendable {
        /// The compiled inputs.
        public var compilation: PersonaCompiler.Compilation
        /// The language-neutral model; `nil` when there is any error.
        public var module: GeneratedModule?
        /// The file's bytes; `nil` when there is any error.
        public var code: [UInt8]?
        /// Every problem: the compiler's, the lock's, drift, filling and identifiers.
        public var diagnostics: [Diagnostic]

        /// True when any diagnostic is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Compiles `paths`, checks them as a build does, and makes the file.
    public func prepare(_ paths: [String]) -> Preparation {
        // Build's checks without its files: no format, so no file name problem (a persona
        // named 'manifest', names equal but for case) that only build's files have.
        var checks = BuildStep(compiler: compiler, format: [], lockPath: lockPath, values: values)
        checks.plansFiles = false
        let built = checks.prepare(paths)
        var preparation = Preparation(compilation: built.compilation, diagnostics: built.diagnostics)
        guard !built.compilation.hasErrors else { return preparation }
        do {
            let module = try GeneratedModelBuilder.module(
                built.compilation.personas, language: language, values: values, sources: built.compilation.files)
            guard !preparation.hasErrors else { return preparation }
            preparation.module = module
            preparation.code = Array(Self.emit(module, language: language).utf8)
        } catch {
            preparation.diagnostics += error.diagnostics
        }
        return preparation
    }

    /// The source text of `module` in `language`.
    public static func emit(_ module: GeneratedModule, language: TargetLanguage) -> String {
        switch language {
        case .swift: SwiftEmitter.emit(module)
        case .python: PythonEmitter.emit(module)
        case .typescript: TypeScriptEmitter.emit(module)
        }
    }
}

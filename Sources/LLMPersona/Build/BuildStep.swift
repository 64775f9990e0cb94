import DocumentTree

/// `persona build` as a library call: read and resolve the personas, hold them
/// to the lock file, and plan every output file — writing nothing yet.
///
/// ```swift
/// var step = BuildStep(format: [.text, .json])
/// step.outputDirectory = "build/personas"
/// let prepared = step.prepare(["personas"])
/// guard let plan = prepared.plan else { /* report prepared.diagnostics */ return }
/// let writer = OutputWriter(directory: "build/personas")
/// try writer.prepare()                      // creates the folder, or throws why it cannot be used
/// let report = try writer.install(plan)      // or: try writer.check(plan)
/// ```
///
/// A run with any error yields no plan, so nothing can be written.
public struct BuildStep: Sendable {
    /// Reads and resolves the input files.
    public var compiler: PersonaCompiler
    /// Which artifacts to plan.
    public var format: ArtifactFormat
    /// The lock file; `nil` for the default next to the inputs (``PersonaLock/defaultPath(for:)``).
    /// The default may be absent (no drift guard then); a lock file named here must exist.
    public var lockPath: String?
    /// Build-time values for template variables.
    public var values: VariableValues
    /// Whether ``prepare(_:)`` plans the output files. When false (`persona
    /// validate`), it runs the same checks — the output file names for `format`
    /// (``OutputNames``), template filling and the drift guard — without producing
    /// any file contents, and the preparation has no plan.
    public var plansFiles = true
    /// The folder the build will write to, when known: input files inside it are
    /// checked, and its own artifacts are not read as inputs (see `OutputFolderInputs`).
    public var outputDirectory: String?

    /// A build step reading with `compiler`, planning `format`, consulting the lock file at `lockPath`,
    /// filling template variables from `values`.
    public init(
        compiler: PersonaCompiler = PersonaCompiler(), format: ArtifactFormat = .all, lockPath: String? = nil,
        values: VariableValues = .init()
    ) {
        self.compiler = compiler
        self.format = format
        self.lockPath = lockPath
        self.values = values
    }

    /// What ``prepare(_:)`` found.
    public struct Preparation: Sendable {
        /// The compiled inputs.
        public var compilation: PersonaCompiler.Compilation
        /// The lock file consulted.
        public var lockPath: String
        /// The lock, when the file exists and could be read.
        public var lock: PersonaLock?
        /// The files to write; `nil` when there is any error.
        public var plan: BuildPlan?
        /// Every problem: the compiler's, the lock's, drift, and the plan's.
        public var diagnostics: [Diagnostic]

        /// True when any diagnostic is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Compiles `paths`, checks drift against the lock file (when there is
    /// one) and plans the output.
    public func prepare(_ paths: [String]) -> Preparation {
        let lockPath = lockPath ?? PersonaLock.defaultPath(for: paths)
        guard let outputDirectory else { return prepare(compiler.compile(paths), lockPath: lockPath, lock: .read) }
        var inputDiagnostics: [Diagnostic] = []
        let collected = InputFiles.collect(paths, diagnostics: &inputDiagnostics)
        let files = OutputFolderInputs.separate(collected, inputPaths: paths, output: outputDirectory, diagnostics: &inputDiagnostics)
        return prepare(files: files, diagnostics: inputDiagnostics, lockPath: lockPath)
    }

    /// Compiles `files`, already collected, whose collection reported `diagnostics`.
    func prepare(files: [String], diagnostics: [Diagnostic], lockPath: String) -> Preparation {
        prepare(compiler.compile(files: files, diagnostics: diagnostics), lockPath: lockPath, lock: .read)
    }

    /// Where ``prepare(_:lockPath:lock:)`` gets the lock file's bytes.
    enum LockSource {
        /// From the lock file.
        case read
        /// Read already: the bytes, or `nil` when there is no lock file.
        case bytes([UInt8]?)
    }

    /// Checks drift of `compilation` against the lock file at `lockPath` (when
    /// there is one) and plans the output.
    func prepare(_ compilation: PersonaCompiler.Compilation, lockPath: String, lock: LockSource) -> Preparation {
        var preparation = Preparation(
            compilation: compilation, lockPath: lockPath, lock: nil, plan: nil, diagnostics: compilation.diagnostics)
        guard !compilation.hasErrors else { return preparation }
        // The files' names are checked whether or not they are planned: validate rejects what build would.
        let nameProblems = OutputNames.diagnostics(compilation.personas, format: format)
        preparation.diagnostics += nameProblems

        do {
            switch lock {
            case .read: preparation.lock = try PersonaLock.read(lockPath)
            case .bytes(let bytes): preparation.lock = try bytes.map { bytes throws(DiagnosticList) in try PersonaLock.parse(bytes, path: lockPath) }
            }
            if preparation.lock == nil && self.lockPath != nil {
                // Only the default place may lack a lock: a lock named on purpose that is
                // missing would silently turn the drift guard off.
                preparation.diagnostics.append(Diagnostic(
                    file: lockPath, location: nil, message: "no such lock file; run persona lock with this lock file to create it",
                    setting: PersonaSetting.lockFile.rawValue))
            }
        } catch {
            preparation.diagnostics += error.diagnostics
        }
        guard plansFiles && nameProblems.isEmpty else {
            // Checking only (or no plan can be made): the plan's checks and the drift guard, no file contents.
            do {
                let records = try BuildPlan.check(compilation.personas, values: values, records: preparation.lock != nil)
                if let lock = preparation.lock {
                    let drifts = DriftGuard.drifts(records, against: lock)
                    preparation.diagnostics += DriftGuard.diagnostics(
                        drifts, personas: compilation.personas, lockPath: lockPath, lock: lock)
                }
            } catch {
                preparation.diagnostics += error.diagnostics
            }
            return preparation
        }
        // The names were checked above, with no problem (else no plan is made).
        do {
            let plan = try BuildPlan.make(namesChecked: compilation.personas, format: format, values: values)
            if let lock = preparation.lock {
                let drifts = DriftGuard.drifts(plan.records, against: lock)
                preparation.diagnostics += DriftGuard.diagnostics(
                    drifts, personas: compilation.personas, lockPath: lockPath, lock: lock)
            }
            if !preparation.hasErrors { preparation.plan = plan }
        } catch {
            preparation.diagnostics += error.diagnostics
        }
        return preparation
    }
}

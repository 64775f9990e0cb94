import DocumentTree

/// Every file one build writes into its output folder, decided before anything is written.
///
/// The plan depends only on the resolved personas and the format: the same
/// inputs give the same files, byte for byte, whatever the order the files
/// were read in, the machine or the time.
///
/// A plan holds each persona's filled prompt and record, not its files' bytes:
/// those are made when asked for (``artifacts``), and an ``OutputWriter`` makes
/// each persona's files as it writes or compares them, so a build never holds
/// every output in memory at once.
public struct BuildPlan: Sendable, Hashable {
    /// What was asked for.
    public var format: ArtifactFormat
    /// The emitted (non-abstract) personas, sorted by name.
    public var records: [PersonaRecord]
    /// The persona files, sorted by file name (the manifest is not among them),
    /// made each time this is read.
    public var artifacts: [Artifact] {
        get {
            ParallelMap.map(units) { $0.artifacts(format) }.flatMap { $0 }.sorted { ByteOrder.less($0.fileName, $1.fileName) }
        }
        set { units = [Unit(source: .made(newValue))] }
    }
    /// The manifest describing `artifacts`.
    public var manifest: Manifest
    /// How to make each persona's files, in name order.
    var units: [Unit]

    /// The artifacts, then `manifest.json`: the order a build installs them in.
    public var files: [Artifact] {
        artifacts + [manifestArtifact]
    }

    /// `manifest.json` as an artifact.
    var manifestArtifact: Artifact {
        Artifact(fileName: Manifest.fileName, contents: manifest.encoded())
    }

    /// How many files ``files`` holds (the manifest included), without making them.
    public var fileCount: Int {
        units.reduce(1) { $0 + $1.fileCount(format) }
    }

    /// A plan holding the given files.
    public init(format: ArtifactFormat, records: [PersonaRecord], artifacts: [Artifact], manifest: Manifest) {
        self.format = format
        self.records = records
        self.manifest = manifest
        units = [Unit(source: .made(artifacts))]
    }

    init(format: ArtifactFormat, records: [PersonaRecord], units: [Unit], manifest: Manifest) {
        self.format = format
        self.records = records
        self.units = units
        self.manifest = manifest
    }

    public static func == (lhs: BuildPlan, rhs: BuildPlan) -> Bool {
        lhs.format == rhs.format && lhs.records == rhs.records && lhs.manifest == rhs.manifest
            && lhs.artifacts == rhs.artifacts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(format)
        hasher.combine(records)
        hasher.combine(manifest)
    }

    /// One persona's files, made on demand.
    struct Unit: Sendable {
        enum Source: Sendable {
            /// A concrete persona, its record and its filled prompt (without its template).
            case persona(ResolvedPersona, record: PersonaRecord, prompt: FilledPrompt)
            /// Files given as they are.
            case made([Artifact])
        }
        var source: Source

        /// The files, sorted by file name.
        func artifacts(_ format: ArtifactFormat) -> [Artifact] {
            switch source {
            case .persona(let resolved, let record, let prompt):
                ArtifactBuilder.files(resolved, record: record, prompt: prompt, format: format)
            case .made(let artifacts):
                artifacts
            }
        }

        /// The names of the files ``artifacts(_:)`` makes, sorted.
        func fileNames(_ format: ArtifactFormat) -> [String] {
            switch source {
            case .persona(let resolved, _, _): OutputNames.fileNames(of: resolved.persona.name, format: format)
            case .made(let artifacts): artifacts.map(\.fileName)
            }
        }

        /// How many files ``artifacts(_:)`` makes.
        func fileCount(_ format: ArtifactFormat) -> Int {
            switch source {
            case .persona: (format.contains(.json) ? 1 : 0) + (format.contains(.text) ? 1 : 0)
            case .made(let artifacts): artifacts.count
            }
        }
    }

    /// `body` applied to every persona file (not the manifest), on every core:
    /// each persona's files are made just before and released just after, so
    /// the bytes of all files are never held at once. `body` also receives a
    /// number unique to the file within this plan. Results are in file-name order.
    func mapArtifacts<R: Sendable>(
        _ body: @Sendable (_ file: Artifact, _ number: Int) -> R
    ) -> [(fileName: String, result: R)] {
        var firstNumbers: [Int] = []
        firstNumbers.reserveCapacity(units.count)
        var next = 0
        for unit in units {
            firstNumbers.append(next)
            next += unit.fileCount(format)
        }
        let format = self.format
        let units = self.units
        let firsts = firstNumbers
        let results = ParallelMap.map(Array(units.indices)) { index -> [(fileName: String, result: R)] in
            let first = firsts[index]
            return units[index].artifacts(format).enumerated().map { offset, file in
                (file.fileName, body(file, first + offset))
            }
        }
        return results.flatMap { $0 }.sorted { ByteOrder.less($0.fileName, $1.fileName) }
    }

    /// Plans the build of `personas` (abstract ones are skipped), filling
    /// template variables from `values`.
    ///
    /// Fails when the personas' files cannot all be written (see ``OutputNames``):
    /// a persona's file would take the manifest's name, or two personas' files
    /// would be one file on a case- or normalisation-insensitive file system.
    public static func make(
        _ personas: [ResolvedPersona], format: ArtifactFormat, values: VariableValues = .init()
    ) throws(DiagnosticList) -> BuildPlan {
        let nameProblems = OutputNames.diagnostics(personas, format: format)
        if !nameProblems.isEmpty { throw DiagnosticList(nameProblems) }
        return try make(namesChecked: personas, format: format, values: values)
    }

    /// ``make(_:format:values:)`` for personas whose file names ``OutputNames``
    /// has already found clean (``BuildStep`` checks them for `validate` too).
    static func make(
        namesChecked personas: [ResolvedPersona], format: ArtifactFormat, values: VariableValues
    ) throws(DiagnosticList) -> BuildPlan {
        var records: [PersonaRecord] = []
        var units: [Unit] = []
        var entries: [Manifest.Entry] = []
        var diagnostics = PromptFiller.unknownNames(values, in: personas)
        // Each persona's prompt and record are independent: make them on every core,
        // then gather them in name order. The files are made when written (see `mapArtifacts`).
        let order = nameOrder(personas)
        let built = ParallelMap.map(order) { index -> Result<(record: PersonaRecord, prompt: FilledPrompt, isTemplate: Bool), DiagnosticList>? in
            let resolved = personas[index]
            guard !resolved.persona.isAbstract else { return nil }
            return Result { () throws(DiagnosticList) in try PromptFiller.fill(resolved, values) }.map { filled in
                // The files need the filled text, not the template (its fingerprint is in the
                // record): a plan of thousands of long prompts holds half as much without it.
                var kept = filled
                kept.template = ""
                return (ArtifactBuilder.record(for: resolved, prompt: filled), kept, filled.isTemplate)
            }
        }
        for (index, result) in zip(order, built) {
            guard let result else { continue }
            let record: PersonaRecord, prompt: FilledPrompt, isTemplate: Bool
            switch result {
            case .success(let built): (record, prompt, isTemplate) = built
            case .failure(let list):
                diagnostics += list.diagnostics
                continue
            }
            records.append(record)
            units.append(Unit(source: .persona(personas[index], record: record, prompt: prompt)))
            entries.append(Manifest.Entry(
                name: record.name, version: record.version, fingerprint: record.fingerprint,
                prompt: isTemplate ? .template : .filled, files: OutputNames.fileNames(of: record.name, format: format)))
        }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return BuildPlan(format: format, records: records, units: units, manifest: Manifest(personas: entries))
    }

    /// The checks of ``make(_:format:values:)`` without producing any file:
    /// every concrete persona's prompt must fill with `values`. Returns the
    /// personas' records (sorted by name) when `records` is true, for the drift
    /// guard; otherwise an empty list, and no fingerprint is computed.
    public static func check(
        _ personas: [ResolvedPersona], values: VariableValues = .init(), records: Bool
    ) throws(DiagnosticList) -> [PersonaRecord] {
        var diagnostics = PromptFiller.unknownNames(values, in: personas)
        let order = nameOrder(personas)
        let checked = ParallelMap.map(order) { index -> Result<PersonaRecord?, DiagnosticList> in
            let resolved = personas[index]
            guard !resolved.persona.isAbstract else { return .success(nil) }
            // A prompt without a brace is its own template: nothing to fill, nothing to check.
            guard records || resolved.mayHoldTemplateSyntax else { return .success(nil) }
            guard records else {
                return Result { () throws(DiagnosticList) in try PromptFiller.check(resolved, values) }.map { nil }
            }
            return Result { () throws(DiagnosticList) in try PromptFiller.fill(resolved, values) }.map { filled in
                ArtifactBuilder.record(for: resolved, prompt: filled)
            }
        }
        var result: [PersonaRecord] = []
        for outcome in checked {
            switch outcome {
            case .success(let record): if let record { result.append(record) }
            case .failure(let list): diagnostics += list.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return result
    }

    /// The positions of `personas` in name order (byte order), the order of every plan.
    private static func nameOrder(_ personas: [ResolvedPersona]) -> [Int] {
        personas.indices.sorted { ByteOrder.less(personas[$0].persona.name, personas[$1].persona.name) }
    }
}

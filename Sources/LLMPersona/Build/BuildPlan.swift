import DocumentTree

/// Every file one build writes into its output folder, decided before anything is written.
///
/// The plan depends only on the resolved personas and the format: the same
/// inputs give the same files, byte for byte, whatever the order the files
/// were read in, the machine or the time.
public struct BuildPlan: Sendable, Hashable {
    /// What was asked for.
    public var format: ArtifactFormat
    /// The emitted (non-abstract) personas, sorted by name.
    public var records: [PersonaRecord]
    /// The persona files, sorted by file name (the manifest is not among them).
    public var artifacts: [Artifact]
    /// The manifest describing `artifacts`.
    public var manifest: Manifest

    /// The artifacts, then `manifest.json`: the order a build installs them in.
    public var files: [Artifact] {
        artifacts + [Artifact(fileName: Manifest.fileName, contents: manifest.encoded())]
    }

    /// Plans the build of `personas` (abstract ones are skipped), filling
    /// template variables from `values`.
    ///
    /// Fails when the personas' files cannot all be written (see ``OutputNames``):
    /// a persona's file would take the manifest's name, or two personas' files
    /// would be one file on a case- or normalisation-insensitive file system.
    public static func make(
        _ personas: [ResolvedPersona], format: ArtifactFormat, values: VariableValues = .init()
    ) -> Result<BuildPlan, DiagnosticList> {
        let nameProblems = OutputNames.diagnostics(personas, format: format)
        if !nameProblems.isEmpty { return .failure(DiagnosticList(nameProblems)) }
        return make(namesChecked: personas, format: format, values: values)
    }

    /// ``make(_:format:values:)`` for personas whose file names ``OutputNames``
    /// has already found clean (``BuildStep`` checks them for `validate` too).
    static func make(
        namesChecked personas: [ResolvedPersona], format: ArtifactFormat, values: VariableValues
    ) -> Result<BuildPlan, DiagnosticList> {
        var records: [PersonaRecord] = []
        var artifacts: [Artifact] = []
        var entries: [Manifest.Entry] = []
        var diagnostics = PromptFiller.unknownNames(values, in: personas)
        // Each persona's files and record are independent: build them on every core,
        // then gather them in name order.
        let order = nameOrder(personas)
        let built = ParallelMap.map(order) { index -> Result<(artifacts: [Artifact], record: PersonaRecord, prompt: FilledPrompt), DiagnosticList>? in
            let resolved = personas[index]
            guard !resolved.persona.isAbstract else { return nil }
            return ArtifactBuilder.built(resolved, format: format, values: values)
        }
        for result in built {
            guard let result else { continue }
            let files: [Artifact], record: PersonaRecord, prompt: FilledPrompt
            switch result {
            case .success(let built): (files, record, prompt) = built
            case .failure(let list):
                diagnostics += list.diagnostics
                continue
            }
            records.append(record)
            artifacts.append(contentsOf: files)
            entries.append(Manifest.Entry(
                name: record.name, version: record.version, fingerprint: record.fingerprint,
                prompt: prompt.isTemplate ? .template : .filled, files: files.map(\.fileName)))
        }
        if !diagnostics.isEmpty { return .failure(DiagnosticList(diagnostics)) }
        artifacts.sort { ByteOrder.less($0.fileName, $1.fileName) }
        return .success(BuildPlan(format: format, records: records, artifacts: artifacts, manifest: Manifest(personas: entries)))
    }

    /// The checks of ``make(_:format:values:)`` without producing any file:
    /// every concrete persona's prompt must fill with `values`. Returns the
    /// personas' records (sorted by name) when `records` is true, for the drift
    /// guard; otherwise an empty list, and no fingerprint is computed.
    public static func check(
        _ personas: [ResolvedPersona], values: VariableValues = .init(), records: Bool
    ) -> Result<[PersonaRecord], DiagnosticList> {
        var diagnostics = PromptFiller.unknownNames(values, in: personas)
        let order = nameOrder(personas)
        let checked = ParallelMap.map(order) { index -> Result<PersonaRecord?, DiagnosticList> in
            let resolved = personas[index]
            guard !resolved.persona.isAbstract else { return .success(nil) }
            // A prompt without a brace is its own template: nothing to fill, nothing to check.
            guard records || resolved.mayHoldTemplateSyntax else { return .success(nil) }
            return Result { () throws(DiagnosticList) in try PromptFiller.fill(resolved, values) }.map { filled in
                records ? ArtifactBuilder.record(for: resolved, prompt: filled) : nil
            }
        }
        var result: [PersonaRecord] = []
        for outcome in checked {
            switch outcome {
            case .success(let record): if let record { result.append(record) }
            case .failure(let list): diagnostics += list.diagnostics
            }
        }
        return diagnostics.isEmpty ? .success(result) : .failure(DiagnosticList(diagnostics))
    }

    /// The positions of `personas` in name order (byte order), the order of every plan.
    private static func nameOrder(_ personas: [ResolvedPersona]) -> [Int] {
        personas.indices.sorted { ByteOrder.less(personas[$0].persona.name, personas[$1].persona.name) }
    }
}

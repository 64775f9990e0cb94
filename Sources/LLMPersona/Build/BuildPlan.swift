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
    /// Fails when a persona's file would take the manifest's name (a persona
    /// called `manifest` built with JSON artifacts).
    public static func make(
        _ personas: [ResolvedPersona], format: ArtifactFormat, values: VariableValues = .init()
    ) -> Result<BuildPlan, DiagnosticList> {
        var records: [PersonaRecord] = []
        var artifacts: [Artifact] = []
        var entries: [Manifest.Entry] = []
        var diagnostics = PromptFiller.unknownNames(values, in: personas)
        let sorted = personas.sorted { $0.persona.name.utf8.lexicographicallyPrecedes($1.persona.name.utf8) }
        for resolved in sorted where !resolved.persona.isAbstract {
            let files: [Artifact]
            switch ArtifactBuilder.artifacts(for: resolved, format: format, values: values) {
            case .success(let built): files = built
            case .failure(let list):
                diagnostics += list.diagnostics
                continue
            }
            if files.contains(where: { $0.fileName == Manifest.fileName }) {
                let origin = resolved.origin
                diagnostics.append(Diagnostic(
                    file: origin.file ?? "(code)", location: origin.location,
                    message: "persona '\(resolved.persona.name)' would overwrite the build's \(Manifest.fileName); rename it, or build with --format text"))
                continue
            }
            let record = ArtifactBuilder.record(for: resolved)
            records.append(record)
            artifacts.append(contentsOf: files)
            entries.append(Manifest.Entry(
                name: record.name, version: record.version, fingerprint: record.fingerprint,
                files: files.map(\.fileName)))
        }
        if !diagnostics.isEmpty { return .failure(DiagnosticList(diagnostics)) }
        artifacts.sort { $0.fileName.utf8.lexicographicallyPrecedes($1.fileName.utf8) }
        return .success(BuildPlan(format: format, records: records, artifacts: artifacts, manifest: Manifest(personas: entries)))
    }
}

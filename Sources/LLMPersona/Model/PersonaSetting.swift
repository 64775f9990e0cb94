/// A setting of the compiler that a problem depends on: a limit, the output
/// folder, the formats, the lock file, strict filling.
///
/// The library's messages say what is wrong in persona terms and never name a
/// command-line option; a diagnostic caused by a setting carries it in
/// ``DocumentTree/Diagnostic/setting`` (as the raw value), so a tool can add how
/// its users change that setting (the `persona` tool adds its option, such as
/// `(see --max-file-size)`).
import DocumentTree

public enum PersonaSetting: String, Sendable, Hashable, CaseIterable {
    /// The largest input file (``SourceDocuments/Limits/maxFileBytes``).
    case maxFileBytes
    /// The most personas in one run (``PersonaLoader/maxPersonas``).
    case maxPersonas
    /// The longest parent chain (``PersonaResolver/maxChainLength``).
    case maxChainLength
    /// How long a build waits for another build of the same folder (``OutputWriter/lockTimeout``).
    case lockTimeout
    /// The folder a build writes to (``OutputWriter/directory``).
    case outputDirectory
    /// Which files a build writes for each persona (``ArtifactFormat``).
    case artifactFormat
    /// The lock file named on purpose (``BuildStep/lockPath``).
    case lockFile
    /// Whether every variable must get a value (``VariableValues/strict``).
    case strictVariables
    /// The build-time values of template variables (``VariableValues/values``).
    case variableValues
}

extension Diagnostic {
    /// This diagnostic, marked as caused by `setting`.
    func caused(by setting: PersonaSetting) -> Diagnostic {
        var diagnostic = self
        diagnostic.setting = setting.rawValue
        return diagnostic
    }

    /// The setting this problem depends on, when the library named one.
    public var personaSetting: PersonaSetting? { setting.flatMap(PersonaSetting.init(rawValue:)) }
}

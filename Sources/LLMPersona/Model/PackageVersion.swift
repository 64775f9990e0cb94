/// The version of this package, as `persona --version` prints it.
///
/// Raise it with each release (semantic versioning); the release artifacts are named after it.
public enum PackageVersion {
    /// `MAJOR.MINOR.PATCH`.
    public static let current = "0.1.0"
}

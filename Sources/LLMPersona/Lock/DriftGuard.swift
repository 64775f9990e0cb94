import DocumentTree

/// The rule that a persona's version changes when the persona does.
///
/// A persona has *changed* since the lock when its template fingerprint (the
/// prompt before any variable is filled, so `--var` values do not count)
/// differs from the locked one, or its `greeting` or `variables` —
/// the other things an application uses at run time — differ. `description`,
/// `lineage` and `sources` are documentation and provenance: changing them
/// alone needs no new version. A persona without a version counts as version
/// `""`, so its changes, too, need `persona lock`.
///
/// A changed persona whose version equals the locked one has *drifted*: the
/// build fails until its version is bumped or the lock is updated. Personas
/// that are new since the lock, or gone, are not drift. Because a template
/// fingerprint covers the resolved prompt, changing a base persona changes
/// the template fingerprint of every descendant.
public enum DriftGuard {
    /// The fields besides the prompt whose change counts as a change of the persona.
    public static let runtimeFields = PersonaField.allCases.filter(\.isRunTimeData).map(\.key)

    /// A persona that changed since the lock while keeping the locked version.
    public struct Drift: Sendable, Hashable {
        /// The persona now.
        public var current: PersonaRecord
        /// The persona as locked.
        public var locked: PersonaRecord
        /// What changed, field by field.
        public var diff: PersonaDiff
    }

    /// Whether `current` differs from `locked` in anything that needs a new version.
    public static func hasChanged(_ current: PersonaRecord, since locked: PersonaRecord) -> Bool {
        if current.templateFingerprint != locked.templateFingerprint { return true }
        // A record made from a persona builds its fields when read: read them once.
        let (lockedFields, currentFields) = (locked.fields, current.fields)
        for field in runtimeFields {
            guard let before = lockedFields[field] else { continue }
            if !before.jsonEquals(currentFields[field] ?? Node(.null)) { return true }
        }
        return false
    }

    /// The personas of `current` that drifted from `lock`, sorted by name.
    public static func drifts(_ current: [PersonaRecord], against lock: PersonaLock) -> [Drift] {
        var result: [Drift] = []
        for record in current {
            guard let locked = lock.record(named: record.name) else { continue }
            guard (record.version ?? "") == (locked.version ?? ""), hasChanged(record, since: locked) else { continue }
            result.append(Drift(current: record, locked: locked, diff: PersonaDiff(from: locked, to: record)))
        }
        return result.sorted { ByteOrder.less($0.current.name, $1.current.name) }
    }

    /// The drifts as diagnostics: an error at the persona's `version` (or its
    /// declaration, when it has none), and a note at its entry in the lock
    /// file naming the fields that changed.
    public static func diagnostics(
        _ drifts: [Drift], personas: [ResolvedPersona], lockPath: String, lock: PersonaLock
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for drift in drifts {
            let name = drift.current.name
            let resolved = personas.first { $0.persona.name == name }
            let origin = resolved?.scalars[.version]?.origin ?? resolved?.origin
            let message = if let version = drift.current.version {
                "\(name) changed but version is still \(version): bump it or run persona lock"
            } else {
                "\(name) changed but has no version: set one, or run persona lock"
            }
            diagnostics.append(Diagnostic(file: origin?.file ?? "(code)", location: origin?.location, message: message))
            var fields = drift.diff.changedFields.filter { !PersonaDiff.fingerprintFields.contains($0) && $0 != PersonaField.version.key }
            if fields.isEmpty { fields = ["prompt"] }
            diagnostics.append(Diagnostic(
                file: lockPath, location: lock.locations[name], severity: .note,
                message: "changed since the lock: \(fields.joined(separator: ", "))"))
        }
        return diagnostics
    }
}

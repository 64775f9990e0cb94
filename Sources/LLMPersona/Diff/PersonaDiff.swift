import DocumentTree

/// A field-level comparison of two persona records: what a reader of the
/// resolved personas would want to know changed.
///
/// Each change prints as one line:
///
/// ```
/// version: "1.2.0" -> "1.3.0"
/// tone: "helpful" -> "helpful, concise"
/// capabilities: + Process refunds up to $500
/// constraints: - Never approve refunds over $50 without approval
/// custom_sections.premium: added
/// custom_sections.escalation: changed
/// capabilities: order changed
/// fingerprint: sha256:… -> sha256:…
/// ```
///
/// Lists (`capabilities`, `constraints`) are compared by item, maps
/// (`custom_sections`, `variables`) by key, everything else (`lineage`
/// included) as a whole value. A field one side does not have (a lock entry
/// written by hand may hold only the fingerprint) is not compared.
public struct PersonaDiff: Sendable, Hashable {
    /// One difference.
    public enum Change: Sendable, Hashable {
        /// A field's whole value changed.
        case value(field: String, old: Node, new: Node)
        /// A list gained an item.
        case itemAdded(field: String, item: Node)
        /// A list lost an item.
        case itemRemoved(field: String, item: Node)
        /// A list or map holds the same items in another order.
        case reordered(field: String)
        /// A map gained a key.
        case entryAdded(field: String, key: String)
        /// A map lost a key.
        case entryRemoved(field: String, key: String)
        /// A map key's value changed.
        case entryChanged(field: String, key: String)

        /// The top-level field the change is in (`custom_sections`).
        public var field: String {
            switch self {
            case .value(let field, _, _), .itemAdded(let field, _), .itemRemoved(let field, _), .reordered(let field),
                .entryAdded(let field, _), .entryRemoved(let field, _), .entryChanged(let field, _):
                field
            }
        }

        /// The change as one line, without a newline.
        public var line: String {
            switch self {
            case .value(let field, let old, let new) where PersonaDiff.fingerprintFields.contains(field):
                "\(field): \(PersonaDiff.showItem(old)) -> \(PersonaDiff.showItem(new))"
            case .value(let field, let old, let new): "\(field): \(PersonaDiff.show(old)) -> \(PersonaDiff.show(new))"
            case .itemAdded(let field, let item): "\(field): + \(PersonaDiff.showItem(item))"
            case .itemRemoved(let field, let item): "\(field): - \(PersonaDiff.showItem(item))"
            case .reordered(let field): "\(field): order changed"
            case .entryAdded(let field, let key): "\(field).\(key): added"
            case .entryRemoved(let field, let key): "\(field).\(key): removed"
            case .entryChanged(let field, let key): "\(field).\(key): changed"
            }
        }
    }

    /// The differences, in field order: `version`, the resolved fields, then `fingerprint`.
    public var changes: [Change]

    /// Whether the two records are the same in every compared field.
    public var isEmpty: Bool { changes.isEmpty }

    /// The fields that changed, each once, in order.
    public var changedFields: [String] {
        var seen = Set<String>()
        return changes.map(\.field).filter { seen.insert($0).inserted }
    }

    /// One line per change, each ending in a newline.
    public var text: String {
        changes.map { $0.line + "\n" }.joined()
    }

    /// The fields that identify the prompt rather than describe the persona.
    public static let fingerprintFields: Set<String> = ["fingerprint", "template_fingerprint"]

    /// Compares `old` with `new`. With `comparingFingerprints`, `fingerprint`
    /// is compared, and `template_fingerprint` when the fingerprints are equal
    /// (one line is enough to say the prompt changed).
    public init(from old: PersonaRecord, to new: PersonaRecord, comparingFingerprints: Bool = true) {
        var changes: [Change] = []
        func node(_ version: String?) -> Node { version.map { Node(.string($0)) } ?? Node(.null) }
        if old.version != new.version {
            changes.append(.value(field: "version", old: node(old.version), new: node(new.version)))
        }
        // A record made from a persona builds its fields when read: read them once.
        let (oldFields, newFields) = (old.fields, new.fields)
        for key in oldFields.keys {
            guard let before = oldFields[key], let after = newFields[key] else { continue }
            changes += Self.compare(key, before, after)
        }
        if comparingFingerprints && old.fingerprint != new.fingerprint {
            changes.append(.value(field: "fingerprint", old: Node(.string(old.fingerprint)), new: Node(.string(new.fingerprint))))
        } else if comparingFingerprints && old.templateFingerprint != new.templateFingerprint {
            changes.append(.value(
                field: "template_fingerprint", old: Node(.string(old.templateFingerprint)), new: Node(.string(new.templateFingerprint))))
        }
        self.changes = changes
    }

    private static func compare(_ field: String, _ old: Node, _ new: Node) -> [Change] {
        if orderedEquals(old, new) { return [] }
        switch (old.value, new.value) {
        case (.array(let before), .array(let after)) where field != "lineage":
            // Items are counted, not just looked up: a list without a parent keeps
            // repeated items, so one more (or one fewer) copy is an added (or
            // removed) item, never a change of order.
            let beforeKeys = before.map(JSONWriter.compact), afterKeys = after.map(JSONWriter.compact)
            var changes: [Change] = []
            var unmatched = Self.counts(afterKeys)
            for (item, key) in zip(before, beforeKeys) {
                if let left = unmatched[key], left > 0 {
                    unmatched[key] = left - 1
                } else {
                    changes.append(.itemRemoved(field: field, item: item))
                }
            }
            unmatched = Self.counts(beforeKeys)
            for (item, key) in zip(after, afterKeys) {
                if let left = unmatched[key], left > 0 {
                    unmatched[key] = left - 1
                } else {
                    changes.append(.itemAdded(field: field, item: item))
                }
            }
            return changes.isEmpty ? [.reordered(field: field)] : changes
        case (.object(let before), .object(let after)):
            var changes: [Change] = []
            for entry in before {
                if let other = after[entry.key] {
                    if !orderedEquals(entry.value, other) { changes.append(.entryChanged(field: field, key: entry.key)) }
                } else {
                    changes.append(.entryRemoved(field: field, key: entry.key))
                }
            }
            for entry in after where before[entry.key] == nil {
                changes.append(.entryAdded(field: field, key: entry.key))
            }
            return changes.isEmpty ? [.reordered(field: field)] : changes
        default:
            return [.value(field: field, old: old, new: new)]
        }
    }

    /// How many times each key occurs.
    private static func counts(_ keys: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for key in keys { counts[key, default: 0] += 1 }
        return counts
    }

    /// JSON equality that also compares the order of object members: the
    /// order of custom sections is the order of the prompt's blocks.
    static func orderedEquals(_ a: Node, _ b: Node) -> Bool {
        switch (a.value, b.value) {
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { orderedEquals($0, $1) }
        case (.object(let x), .object(let y)):
            return x.keys == y.keys && zip(x.entries, y.entries).allSatisfy { orderedEquals($0.value, $1.value) }
        default:
            return a.jsonEquals(b)
        }
    }

    /// A value as a diff line shows it: JSON, with `null` as `(none)`.
    static func show(_ node: Node) -> String {
        node.isNull ? "(none)" : JSONWriter.compact(node)
    }

    /// A list item: its text as is, or JSON when it is not a one-line string.
    static func showItem(_ node: Node) -> String {
        if let text = node.stringValue, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return text
        }
        return JSONWriter.compact(node)
    }
}

extension PersonaDiff {
    /// How resolved persona `old` differs from `new` (`persona diff A B`); the
    /// prompts' fingerprints are compared only when neither is abstract.
    public init(from old: ResolvedPersona, to new: ResolvedPersona) {
        self.init(
            from: ArtifactBuilder.record(for: old), to: ArtifactBuilder.record(for: new),
            comparingFingerprints: !old.persona.isAbstract && !new.persona.isAbstract)
    }

    /// How `resolved` now differs from its entry in the lock file at `lockPath`
    /// (`persona diff NAME --against-lock`); an error when there is no lock file,
    /// it cannot be read, or it has no entry for the persona.
    public static func againstLock(_ resolved: ResolvedPersona, lockPath: String) throws(DiagnosticList) -> PersonaDiff {
        let name = resolved.persona.name
        func failure(_ message: String) -> DiagnosticList {
            DiagnosticList([Diagnostic(file: lockPath, location: nil, message: message)])
        }
        guard let lock = try PersonaLock.read(lockPath) else {
            throw failure("no lock file; run persona lock to create it")
        }
        guard let record = lock.record(named: name) else {
            let why = resolved.persona.isAbstract ? "abstract personas are not locked" : "run persona lock to add it"
            throw failure("'\(name)' is not in the lock file; \(why)")
        }
        return PersonaDiff(from: record, to: ArtifactBuilder.record(for: resolved))
    }
}

import DocumentTree
import OrderedCollections

/// Where every value of a resolved persona came from, for people and for tools
/// (`persona explain`).
///
/// For each field, list item, section and variable it names the persona and
/// `path:line:col` that wrote the value, and what the chain did with it:
/// declared, inherited, overridden, appended, prepended or removed. Values
/// taken away along the chain are listed too, with who took them away.
public enum PersonaExplanation {
    /// The scalar fields, in the order they are shown.
    static let scalarFields = PersonaField.scalars

    /// The widest a list item may be before its provenance stops being aligned.
    static let alignLimit = 60

    // MARK: Text

    /// A readable report, one value a line with its provenance, ending with a newline:
    ///
    /// ```
    /// MayaPremium (lineage: AcmeAgent -> Maya -> MayaPremium)
    /// declared at personas/support/variants.yaml:5:1
    /// sources: personas/acme-base.yaml, personas/support/maya.yaml, personas/support/variants.yaml
    ///
    /// role: Customer Support Specialist
    ///   inherited from Maya at personas/support/maya.yaml:6:7
    /// capabilities:
    ///   - Look up order status          inherited from Maya at personas/support/maya.yaml:9:5
    ///   - Process refunds up to $500    appended by MayaPremium at personas/support/variants.yaml:10:7
    /// constraints:
    ///   removed: Never approve refunds over $50 without approval  removed by MayaPremium at … (written by Maya at …)
    /// ```
    public static func text(_ resolved: ResolvedPersona) -> String {
        let persona = resolved.persona
        var lines: [String] = []
        var title = "\(persona.name) (lineage: \(resolved.lineage.joined(separator: " -> ")))"
        if persona.isAbstract { title += " — abstract: a base for others, not emitted" }
        lines.append(title)
        lines.append("declared at \(resolved.origin.place)")
        let sources = resolved.sources
        lines.append("sources: " + (sources.isEmpty ? "(defined in code)" : sources.joined(separator: ", ")))
        lines.append("")

        for field in scalarFields {
            if let value = resolved.scalars[field] {
                lines.append(labelled(field.key, value.value))
                lines.append("  " + describe(value) + (field.inherits ? "" : " (never inherited)"))
            } else {
                if let defaultValue = field.defaultValue {
                    lines.append(labelled(field.key, defaultValue) + " (default)")
                } else {
                    lines.append("\(field): (not set)")
                }
                if let cleared = resolved.clearedScalars[field] {
                    lines.append("  " + describe(cleared, was: cleared.value))
                }
            }
        }

        for field in PersonaField.allCases where field.kind == .list {
            lines += listLines(field.key, resolved[list: field], removed: resolved[removed: field])
        }

        lines += mapLines(
            "custom_sections", resolved.customSections.elements.map { ($0.key, $0.value) },
            removed: resolved.removedSections.elements.map { ($0.key, $0.value) }
        ) { text in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        lines += mapLines(
            "variables", resolved.variables.elements.map { ($0.key, $0.value) },
            removed: resolved.removedVariables.elements.map { ($0.key, $0.value) }, body: variableLines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `field: value`, or `field: |` and the value's lines indented when it spans several lines.
    private static func labelled(_ field: String, _ value: String) -> String {
        guard value.contains("\n") else { return "\(field): \(value)" }
        return "\(field): |\n" + value.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }

    private static func listLines(_ field: String, _ items: [Provenanced<String>], removed: [Provenanced<String>]) -> [String] {
        if items.isEmpty && removed.isEmpty { return ["\(field): (none)"] }
        let rows = items.map { ("  - " + oneLine($0.value), describe($0)) }
            + removed.map { ("  removed: " + oneLine($0.value), describe($0)) }
        return ["\(field):"] + aligned(rows)
    }

    private static func mapLines<V>(
        _ field: String, _ entries: [(String, Provenanced<V>)], removed: [(String, Provenanced<V>)],
        body: (V) -> [String]
    ) -> [String] {
        if entries.isEmpty && removed.isEmpty { return ["\(field): (none)"] }
        let rows = aligned(
            entries.map { ("  " + oneLine($0.0), describe($0.1)) }
                + removed.map { ("  removed: " + oneLine($0.0), describe($0.1)) })
        var lines = ["\(field):"]
        for (row, (_, value)) in zip(rows, entries) {
            lines.append(row)
            lines += body(value.value).map { $0.isEmpty ? "" : "    " + $0 }
        }
        lines += rows.dropFirst(entries.count)
        return lines
    }

    private static func variableLines(_ variable: VariableDeclaration) -> [String] {
        var parts: [String] = []
        if let description = variable.description { parts.append("description: " + quoted(description)) }
        if let value = variable.defaultValue { parts.append("default: " + quoted(value)) }
        parts.append("required: \(variable.isRequired)")
        return [parts.joined(separator: ", ")]
    }

    /// Rows of `label  provenance`, the provenance aligned in one column (long labels push theirs out).
    private static func aligned(_ rows: [(String, String)]) -> [String] {
        let width = rows.map(\.0.count).filter { $0 <= alignLimit }.max() ?? 0
        return rows.map { label, note in
            label + String(repeating: " ", count: max(2, width - label.count + 2)) + note
        }
    }

    /// What happened to a value, and where: `inherited from Maya at personas/support/maya.yaml:9:5`.
    /// For a removal, `was` names the value taken away, when the line does not show it.
    static func describe<V>(_ value: Provenanced<V>, was: String? = nil) -> String {
        let at = "\(value.origin.persona) at \(value.origin.place)"
        let replaced = value.replaced.map { "\($0.persona) at \($0.place)" }
        switch value.action {
        case .declared: return "declared by \(at)"
        case .inherited: return "inherited from \(at)" + (replaced.map { " (which overrode \($0))" } ?? "")
        case .overridden: return "overridden by \(at)" + (replaced.map { " (replacing \($0))" } ?? "")
        case .appended: return "appended by \(at)"
        case .prepended: return "prepended by \(at)"
        case .removed:
            let what = was.map { "was \(quoted($0))" }
            let written = replaced.map { "written by \($0)" }
            let detail = [what, written].compactMap { $0 }.joined(separator: ", ")
            return "removed by \(at)" + (detail.isEmpty ? "" : " (\(detail))")
        }
    }

    /// A value on one line: line breaks and tabs shown as `\n` and `\t`.
    private static func oneLine(_ text: String) -> String {
        var line = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": line.append(contentsOf: #"\n"#.unicodeScalars)
            case "\t": line.append(contentsOf: #"\t"#.unicodeScalars)
            default: line.append(scalar)
            }
        }
        return String(line)
    }

    private static func quoted(_ text: String) -> String {
        "'" + oneLine(text) + "'"
    }

    // MARK: JSON

    /// The same report as a JSON document:
    ///
    /// - `name`, `abstract`, `lineage`, `sources`, `declared_at` (an origin);
    /// - one member per scalar field: `{"value", "action", "origin", "replaced"}`;
    ///   an unset field is `{"value": null}`, the default tone has `"action": "default"`,
    ///   a cleared field has `"action": "removed"` and `"removed_value"`;
    /// - `capabilities`, `constraints`: arrays of `{"value", "action", "origin"}`,
    ///   and `removed_capabilities`, `removed_constraints` likewise;
    /// - `custom_sections`, `variables`: arrays of `{"name", "value", "action", "origin"}`,
    ///   and `removed_custom_sections`, `removed_variables` likewise.
    ///
    /// An origin is `{"persona", "file", "line", "column"}`; `file` is `null`
    /// for personas defined in code.
    public static func json(_ resolved: ResolvedPersona) -> Node {
        let persona = resolved.persona
        var object = Mapping()
        object.set("name", .init(.string(persona.name)))
        object.set("abstract", .init(.bool(persona.isAbstract)))
        object.set("lineage", strings(resolved.lineage))
        object.set("sources", strings(resolved.sources))
        object.set("declared_at", originNode(resolved.origin))
        for field in scalarFields {
            var entry = Mapping()
            if let value = resolved.scalars[field] {
                entry = provenanceMapping(value) { .init(.string($0)) }
            } else {
                let cleared = resolved.clearedScalars[field]
                entry.set("value", field.defaultValue.map { .init(.string($0)) } ?? .init(.null))
                if let cleared {
                    entry.set("action", .init(.string(ProvenanceAction.removed.rawValue)))
                    entry.set("origin", originNode(cleared.origin))
                    entry.set("removed_value", .init(.string(cleared.value)))
                    if let replaced = cleared.replaced { entry.set("replaced", originNode(replaced)) }
                } else if field.defaultValue != nil {
                    entry.set("action", .init(.string("default")))
                }
            }
            object.set(field.key, .init(.object(entry)))
        }
        func items(_ list: [Provenanced<String>]) -> Node {
            .init(.array(list.map { .init(.object(provenanceMapping($0) { .init(.string($0)) })) }))
        }
        for field in PersonaField.allCases where field.kind == .list {
            object.set(field.key, items(resolved[list: field]))
            object.set("removed_" + field.key, items(resolved[removed: field]))
        }
        func entries<V>(_ list: [(String, Provenanced<V>)], _ encode: (V) -> Node) -> Node {
            .init(.array(list.map { key, value in
                var mapping = Mapping()
                mapping.set("name", .init(.string(key)))
                for entry in provenanceMapping(value, encode) { mapping.set(entry.key, entry.value) }
                return .init(.object(mapping))
            }))
        }
        let text: (String) -> Node = { .init(.string($0)) }
        object.set("custom_sections", entries(resolved.customSections.elements.map { ($0.key, $0.value) }, text))
        object.set("removed_custom_sections", entries(resolved.removedSections.elements.map { ($0.key, $0.value) }, text))
        object.set("variables", entries(resolved.variables.elements.map { ($0.key, $0.value) }, variableNode))
        object.set("removed_variables", entries(resolved.removedVariables.elements.map { ($0.key, $0.value) }, variableNode))
        return .init(.object(object))
    }

    private static func provenanceMapping<V>(_ value: Provenanced<V>, _ encode: (V) -> Node) -> Mapping {
        var mapping = Mapping()
        mapping.set("value", encode(value.value))
        mapping.set("action", .init(.string(value.action.rawValue)))
        mapping.set("origin", originNode(value.origin))
        if let replaced = value.replaced { mapping.set("replaced", originNode(replaced)) }
        return mapping
    }

    private static func originNode(_ origin: Origin) -> Node {
        var mapping = Mapping()
        mapping.set("persona", .init(.string(origin.persona)))
        mapping.set("file", origin.file.map { .init(.string($0)) } ?? .init(.null))
        if let location = origin.location {
            mapping.set("line", .init(.number(Number(location.line))))
            mapping.set("column", .init(.number(Number(location.column))))
        }
        return .init(.object(mapping))
    }

    private static func variableNode(_ variable: VariableDeclaration) -> Node {
        var mapping = Mapping()
        mapping.set("description", variable.description.map { .init(.string($0)) } ?? .init(.null))
        mapping.set("default", variable.defaultValue.map { .init(.string($0)) } ?? .init(.null))
        mapping.set("required", .init(.bool(variable.isRequired)))
        return .init(.object(mapping))
    }

    private static func strings(_ items: [String]) -> Node {
        .init(.array(items.map { .init(.string($0)) }))
    }
}

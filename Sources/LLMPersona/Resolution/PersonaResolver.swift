import DocumentTree
import OrderedCollections

/// Resolves `parent` chains: one complete ``ResolvedPersona`` per declaration.
///
/// Rules, by kind of field:
/// - scalars (`role`, `company`, `tone`, `greeting`, `description`): the
///   child's value overrides; `null` clears an inherited value (`tone` falls
///   back to its default);
/// - lists (`capabilities`, `constraints`): the parent's items, then the
///   child's, an item equal to an earlier one dropped; or, written as a
///   mapping, `replace`, `append`, `prepend` or `remove` — a `remove` item that
///   matches nothing inherited is an error. A persona without a parent keeps
///   its lists exactly as written;
/// - maps (`custom_sections`, `variables`): merged by key — inherited keys keep
///   their place, the child's value replaces theirs, new keys follow in the
///   child's order, and `key: null` removes an inherited key;
/// - `name`, `version` and `abstract` are never inherited.
///
/// Each chain is resolved once, without recursion (a chain of any length
/// costs heap, not stack), and the result does not depend on the order the
/// declarations are given in. Every error is reported, each cycle once.
public struct PersonaResolver: Sendable {
    /// The longest parent chain allowed.
    public var maxChainLength: Int

    public init(maxChainLength: Int = 10_000) {
        self.maxChainLength = maxChainLength
    }

    /// Resolves every declaration. Personas whose chain has an error are left out of `personas`.
    public func resolve(_ declarations: [PersonaDeclaration]) -> (personas: [String: ResolvedPersona], diagnostics: [Diagnostic]) {
        var byName: [String: PersonaDeclaration] = [:]
        for declaration in declarations where byName[declaration.name.value] == nil {
            byName[declaration.name.value] = declaration
        }
        var resolved: [String: ResolvedPersona] = [:]
        var failed = Set<String>()
        var diagnostics: [Diagnostic] = []

        // Visit names in sorted order so diagnostics come out the same whatever the input order.
        for start in byName.keys.sorted() where resolved[start] == nil && !failed.contains(start) {
            // Walk up to a resolved ancestor, a root, a failure or a cycle.
            var path: [String] = []
            var indexInPath: [String: Int] = [:]
            var current = start
            var outcome: WalkEnd
            while true {
                if resolved[current] != nil { outcome = .resolvedAncestor; break }
                if failed.contains(current) { outcome = .failedAncestor; break }
                guard let declaration = byName[current] else { outcome = .failedAncestor; break }
                if let index = indexInPath[current] { outcome = .cycle(from: index); break }
                indexInPath[current] = path.count
                path.append(current)
                guard let parent = declaration.parent else { outcome = .root; break }
                if byName[parent.value] == nil {
                    diagnostics.append(diagnostic(
                        at: parent.origin,
                        "unknown parent '\(parent.value)'" + Suggestions.hint(for: parent.value, in: byName.keys.sorted())))
                    outcome = .failedAncestor
                    break
                }
                if path.count > maxChainLength {
                    diagnostics.append(diagnostic(
                        at: declaration.name.origin,
                        "parent chain of '\(start)' is longer than \(maxChainLength) personas (see --max-chain-length)"))
                    outcome = .failedAncestor
                    break
                }
                current = parent.value
            }

            switch outcome {
            case .cycle(let index):
                let cycle = Array(path[index...])
                diagnostics.append(contentsOf: cycleDiagnostics(cycle, byName))
                for name in path { failed.insert(name) }
                continue
            case .failedAncestor:
                for name in path { failed.insert(name) }
                continue
            case .root, .resolvedAncestor:
                break
            }
            // Resolve from the top of the path down.
            for name in path.reversed() {
                guard let declaration = byName[name] else { continue }
                let parent = declaration.parent.flatMap { resolved[$0.value] }
                switch apply(declaration, onto: parent) {
                case .success(let persona): resolved[name] = persona
                case .failure(let list):
                    diagnostics.append(contentsOf: list.diagnostics)
                    failed.insert(name)
                }
                if failed.contains(name) {
                    // Descendants on this path cannot resolve; their cause is reported once.
                    for rest in path { if resolved[rest] == nil { failed.insert(rest) } }
                    break
                }
            }
        }
        return (resolved, diagnostics)
    }

    private enum WalkEnd {
        case root, resolvedAncestor, failedAncestor
        case cycle(from: Int)
    }

    private func diagnostic(at origin: Origin, severity: Diagnostic.Severity = .error, _ message: String) -> Diagnostic {
        Diagnostic(file: origin.file ?? "(code)", location: origin.location, severity: severity, message: message)
    }

    /// One error for the cycle, at its alphabetically first member, and a note per `parent` link.
    private func cycleDiagnostics(_ cycle: [String], _ byName: [String: PersonaDeclaration]) -> [Diagnostic] {
        // Start the cycle at its smallest name so it reads the same however it was found.
        guard let first = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return [] }
        let ordered = Array(cycle[first...] + cycle[..<first])
        let text = (ordered + [ordered[0]]).joined(separator: " -> ")
        guard let head = byName[ordered[0]], let headLink = head.parent else { return [] }
        var result = [diagnostic(at: headLink.origin, "inheritance cycle: \(text)")]
        for name in ordered {
            guard let link = byName[name]?.parent else { continue }
            result.append(diagnostic(at: link.origin, severity: .note, "'\(name)' inherits from '\(link.value)'"))
        }
        return result
    }

    // MARK: Applying one declaration

    private func apply(_ declaration: PersonaDeclaration, onto parent: ResolvedPersona?) -> Result<ResolvedPersona, DiagnosticList> {
        var errors: [Diagnostic] = []
        let name = declaration.name.value
        var result = ResolvedPersona(
            persona: Persona(name: name, parent: declaration.parent?.value, isAbstract: declaration.isAbstract),
            lineage: (parent?.lineage ?? []) + [name],
            sources: parent?.sources ?? [],
            origin: declaration.origin,
            scalarOrigins: [:], clearedScalars: [:],
            capabilities: [], constraints: [], removedItems: [:],
            customSections: [:], variables: [:], removedKeys: [:])
        if let file = declaration.origin.file, !result.sources.contains(file) { result.sources.append(file) }

        // Scalars. `version` is never inherited.
        let scalarFields: [(String, PersonaDeclaration.Scalar?, Bool)] = [
            ("role", declaration.role, true), ("company", declaration.company, true), ("tone", declaration.tone, true),
            ("greeting", declaration.greeting, true), ("description", declaration.description, true),
            ("version", declaration.version, false),
        ]
        for (field, declared, inheritable) in scalarFields {
            let inherited = inheritable ? parent?.scalarOrigins[field] : nil
            var final: Provenanced<String>?
            if let declared {
                if let value = declared.value {
                    final = Provenanced(value, declared.origin, inherited == nil ? .declared : .overridden)
                } else {
                    result.clearedScalars[field] = declared.origin
                }
            } else if let inherited {
                final = Provenanced(inherited.value, inherited.origin, .inherited)
            }
            if let final { result.scalarOrigins[field] = final }
            let value = final?.value
            switch field {
            case "role": result.persona.role = value
            case "company": result.persona.company = value
            case "tone": result.persona.tone = value
            case "greeting": result.persona.greeting = value
            case "description": result.persona.description = value
            default: result.persona.version = value
            }
        }

        // Lists.
        result.capabilities = mergeList(
            "capabilities", parent?.capabilities, declaration.capabilities, hasParent: parent != nil,
            removed: &result.removedItems, errors: &errors)
        result.constraints = mergeList(
            "constraints", parent?.constraints, declaration.constraints, hasParent: parent != nil,
            removed: &result.removedItems, errors: &errors)
        result.persona.capabilities = result.capabilities.map(\.value)
        result.persona.constraints = result.constraints.map(\.value)

        // Maps.
        result.customSections = mergeMap(
            "custom_sections", hasParent: parent != nil, parent?.customSections ?? [:], declaration.customSections,
            removed: &result.removedKeys, errors: &errors)
        result.persona.customSections = result.customSections.mapValues(\.value)
        let variables = mergeMap(
            "variables", hasParent: parent != nil, parent?.variables ?? [:], declaration.variables.map { MapEntryEdit(key: $0.key, value: $0.value) },
            removed: &result.removedKeys, errors: &errors)
        result.variables = variables
        result.persona.variables = variables.mapValues(\.value)

        if !declaration.isAbstract && result.persona.role == nil {
            let chain = result.lineage.joined(separator: " -> ")
            errors.append(diagnostic(
                at: declaration.origin,
                result.lineage.count > 1
                    ? "persona '\(name)' has no 'role' after inheritance (chain: \(chain)); set it here or in an ancestor"
                    : "missing required field 'role' in persona '\(name)'"))
        }
        return errors.isEmpty ? .success(result) : .failure(DiagnosticList(errors))
    }

    private func mergeList(
        _ field: String, _ inherited: [Provenanced<String>]?, _ edit: ListEdit?, hasParent: Bool,
        removed: inout [String: [Provenanced<String>]], errors: inout [Diagnostic]
    ) -> [Provenanced<String>] {
        let base = (inherited ?? []).map { Provenanced($0.value, $0.origin, .inherited) }
        guard let edit else { return base }
        func dedupe(_ items: [Provenanced<String>]) -> [Provenanced<String>] {
            var seen = Set<String>()
            return items.filter { seen.insert($0.value).inserted }
        }
        switch edit {
        case .append(let items):
            let added = items.map { Provenanced($0.value, $0.origin, hasParent ? .appended : .declared) }
            // A persona without a parent keeps its list exactly as written (as the original library does).
            return hasParent ? dedupe(base + added) : added
        case .prepend(let items):
            return dedupe(items.map { Provenanced($0.value, $0.origin, hasParent ? .prepended : .declared) } + base)
        case .replace(let items):
            return dedupe(items.map { Provenanced($0.value, $0.origin, .declared) })
        case .remove(let items):
            var remaining = base
            for item in items {
                guard let index = remaining.firstIndex(where: { $0.value == item.value }) else {
                    let hint = Suggestions.closest(to: item.value, in: remaining.map(\.value)).map { " (did you mean '\($0)'?)" } ?? ""
                    errors.append(diagnostic(
                        at: item.origin,
                        "cannot remove '\(item.value)' from '\(field)': no inherited item matches it\(hint)"))
                    continue
                }
                let gone = remaining.remove(at: index)
                removed[field, default: []].append(Provenanced(gone.value, item.origin, .removed))
            }
            return remaining
        }
    }

    private func mergeMap<V: Sendable & Hashable>(
        _ field: String, hasParent: Bool, _ inherited: OrderedDictionary<String, Provenanced<V>>, _ edits: [MapEntryEdit<Located<V>>],
        removed: inout [String: Origin], errors: inout [Diagnostic]
    ) -> OrderedDictionary<String, Provenanced<V>> {
        var result = inherited.mapValues { Provenanced($0.value, $0.origin, .inherited) }
        for edit in edits {
            let key = edit.key.value
            if let value = edit.value {
                let action: ProvenanceAction = result[key] != nil ? .overridden : (hasParent ? .appended : .declared)
                result[key] = Provenanced(value.value, value.origin, action)
            } else if result.removeValue(forKey: key) != nil {
                removed["\(field).\(key)"] = edit.key.origin
            } else {
                errors.append(diagnostic(
                    at: edit.key.origin,
                    "'\(field).\(key)' is null, but there is no inherited '\(key)' to remove"
                        + Suggestions.hint(for: key, in: result.keys)))
            }
        }
        return result
    }
}

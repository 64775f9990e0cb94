import DocumentTree
import OrderedCollections
import HashTreeCollections

/// Resolves `parent` chains: one complete ``ResolvedPersona`` per declaration.
///
/// Rules, by kind of field:
/// - scalars (`role`, `company`, `tone`, `greeting`, `description`): the
///   child's value overrides; `null` clears an inherited value (`tone` then
///   falls back to its default);
/// - lists (`capabilities`, `constraints`): the parent's items, then the
///   child's, an item equal to an earlier one dropped; or, written as a
///   mapping, `replace`, `append`, `prepend` or `remove` — a `remove` item that
///   matches nothing inherited is an error. A persona without a parent keeps
///   its lists exactly as written, as the original library does;
/// - maps (`custom_sections`, `variables`): merged by key — inherited keys keep
///   their place, the child's value replaces theirs, new keys follow in the
///   child's order, and `key: null` removes an inherited key;
/// - `name`, `version` and `abstract` are never inherited.
///
/// Each persona is resolved once, without recursion (a chain of any length
/// costs heap, not stack), and the result does not depend on the order the
/// declarations are given in.
///
/// Every error is reported, each once: a cycle once (not once per member), a
/// missing parent once at its `parent` line. A persona whose chain has an
/// error is left out of ``Resolution/personas``; ``Resolution/failures`` says
/// why. Descendants of a cycle, of a missing parent or of an over-long chain
/// cannot be resolved and get no error of their own (their cause is already
/// reported); descendants of a persona with other errors are still resolved,
/// so their own errors are reported too.
public struct PersonaResolver: Sendable {
    /// The longest parent chain allowed, counting the persona itself.
    public var maxChainLength: Int

    /// A resolver that allows chains of up to `maxChainLength` personas.
    public init(maxChainLength: Int = 10_000) {
        self.maxChainLength = maxChainLength
    }

    /// What a resolution found.
    public struct Resolution: Sendable {
        /// Every persona whose whole chain resolved without error, by name (abstract ones included).
        public var personas: [String: ResolvedPersona]
        /// Every problem, each error followed by its notes, sorted by file and position.
        public var diagnostics: [Diagnostic]
        /// For each persona left out of ``personas``: the diagnostics that explain why
        /// (its own errors and those of its ancestors).
        public var failures: [String: [Diagnostic]]
        /// ``personas`` sorted by name (byte order).
        public var sortedPersonas: [ResolvedPersona]
    }

    /// Resolves every declaration. When two declarations share a name, the first is used
    /// (duplicates are reported by the loader, not here).
    ///
    /// `unloaded` names personas that are declared but could not be read (their
    /// declarations have errors), each with its first error: a child of one is told
    /// that its parent could not be loaded, not that the parent is unknown.
    /// `unreadable` lists files that could not be read or parsed at all: an unknown
    /// parent's error then notes that it may be declared there.
    ///
    /// A parent that cannot be found is reported once per name, at the first
    /// `parent` line naming it (in file and position order), with a note counting
    /// the other personas that name it; suggestions are computed once per name.
    public func resolve(
        _ declarations: [PersonaDeclaration], unloaded: [String: Diagnostic] = [:], unreadable: [String] = []
    ) -> Resolution {
        // Index the personas in name order, so nothing depends on the input order.
        // Positions into `declarations`, not copies: a declaration is a large value.
        var byName: [String: Int] = [:]
        byName.reserveCapacity(declarations.count)
        for (position, declaration) in declarations.enumerated() where byName[declaration.name.value] == nil {
            byName[declaration.name.value] = position
        }
        let names = byName.keys.sorted { ByteOrder.less($0, $1) }
        var indexOf: [String: Int] = [:]
        indexOf.reserveCapacity(names.count)
        for (i, name) in names.enumerated() { indexOf[name] = i }
        let decls = NameOrder(declarations, positions: names.compactMap { byName[$0] })
        let table = ChainTable(decls.map {
            ChainTable.Entry(name: $0.name.value, file: $0.origin.file, parent: $0.parent.flatMap { indexOf[$0.value] })
        })

        var groups: [[Diagnostic]] = []
        /// Why a persona (or an ancestor) failed; `nil` while it has no error.
        var failure = [[Diagnostic]?](repeating: nil, count: decls.count)
        /// True when the persona has no resolved value to pass on (cycle, missing parent, chain too long).
        var unresolvable = [Bool](repeating: false, count: decls.count)
        /// The parent's index, for personas whose parent can be resolved.
        var parentOf = [Int?](repeating: nil, count: decls.count)
        var depth = [Int](repeating: 0, count: decls.count)
        var done = [Bool](repeating: false, count: decls.count)
        var positionInPath = [Int?](repeating: nil, count: decls.count)
        // Personas that can be resolved, by depth: level 0 holds the roots, level k
        // those whose parent is in level k - 1.
        var levels: [[Int]] = []
        /// The personas naming each parent that is not among the declarations.
        var missing: [String: [Int]] = [:]

        // 1. The shape of every chain: cycles, missing parents, over-long chains, depths.
        for start in decls.indices where !done[start] {
            // Walk up to a finished ancestor, a root, a missing parent or a cycle.
            var path: [Int] = []
            var current = start
            while !done[current] {
                if let position = positionInPath[current] {
                    let cycle = Array(path[position...])
                    let diagnostics = cycleDiagnostics(cycle.map { decls[$0] })
                    groups.append(diagnostics)
                    for member in cycle {
                        unresolvable[member] = true
                        failure[member] = diagnostics
                        done[member] = true
                    }
                    break
                }
                positionInPath[current] = path.count
                path.append(current)
                guard let parent = decls[current].parent, let next = indexOf[parent.value] else { break }
                current = next
            }

            // Settle from the top of the path down; each parent is settled before its children.
            for index in path.reversed() where !done[index] {
                done[index] = true
                positionInPath[index] = nil
                let parentLink = decls[index].parent  // not the whole declaration: copying one is costly
                if let link = parentLink {
                    guard let found = indexOf[link.value] else {
                        // Reported below, once per missing name.
                        missing[link.value, default: []].append(index)
                        unresolvable[index] = true
                        continue
                    }
                    if unresolvable[found] {
                        // The cause is reported at the ancestor; this persona cannot be built without it.
                        failure[index] = failure[found]
                        unresolvable[index] = true
                        continue
                    }
                    parentOf[index] = found
                }
                depth[index] = parentOf[index].map { depth[$0] + 1 } ?? 1
                if depth[index] > maxChainLength, let link = parentLink {
                    let error = diagnostic(
                        at: link.origin,
                        "parent chain of '\(names[index])' is longer than \(maxChainLength) personas"
                    ).caused(by: .maxChainLength)
                    groups.append([error])
                    failure[index] = [error]
                    unresolvable[index] = true
                    continue
                }
                if levels.count < depth[index] { levels.append([]) }
                levels[depth[index] - 1].append(index)
            }
        }

        // Each missing parent once, at the first link naming it; every child shares the error.
        for (parentName, children) in missing {
            let group = missingParentDiagnostics(
                parentName, children: children.map { decls[$0] }, names: names, unloaded: unloaded[parentName],
                unreadable: unreadable)
            groups.append(group)
            for child in children { failure[child] = group }
        }
        // Their descendants (settled before the error existed) share it too.
        for index in decls.indices where failure[index] == nil && unresolvable[index] {
            var path = [index]
            var ancestor = decls[index].parent.flatMap { indexOf[$0.value] }
            while let current = ancestor, failure[current] == nil, path.count <= decls.count {
                path.append(current)
                ancestor = decls[current].parent.flatMap { indexOf[$0.value] }
            }
            let why = ancestor.flatMap { failure[$0] }
            for member in path { failure[member] = why }
        }

        // 2. Apply the declarations a level at a time; the personas of one level
        // are independent of each other, so each level is resolved on every core.
        var resolved: [[ResolvedPersona]] = []
        /// Each persona's position among its level's results.
        var slot = [Int](repeating: 0, count: decls.count)
        for var level in levels {
            level.sort()
            let parents = resolved.last ?? []
            let work = level.map { (index: $0, parent: parentOf[$0].map { slot[$0] }) }
            let applied = ParallelMap.map(work) { item in
                var errors: [Diagnostic] = []
                let persona = apply(
                    decls[item.index], onto: item.parent.map { parents[$0] }, chain: ChainReference(table: table, index: item.index),
                    diagnostics: &errors)
                return (persona, errors)
            }
            for (position, (index, (_, errors))) in zip(level, applied).enumerated() {
                slot[index] = position
                for error in errors { groups.append([error]) }
                if let inherited = parentOf[index].flatMap({ failure[$0] }) {
                    failure[index] = errors.isEmpty ? inherited : inherited + errors
                } else if !errors.isEmpty {
                    failure[index] = errors
                }
            }
            resolved.append(applied.map(\.0))
        }

        // A resolved persona is about a kilobyte inline: sized once, the two tables
        // never hold an old and a new copy of their storage while growing.
        var personas: [String: ResolvedPersona] = [:]
        personas.reserveCapacity(decls.count)
        var sortedPersonas: [ResolvedPersona] = []
        sortedPersonas.reserveCapacity(decls.count)
        var failures: [String: [Diagnostic]] = [:]
        for index in decls.indices {  // in name order
            if let why = failure[index] {
                failures[names[index]] = why
            } else if !unresolvable[index] {
                let persona = resolved[depth[index] - 1][slot[index]]
                personas[names[index]] = persona
                sortedPersonas.append(persona)
            }
        }
        return Resolution(
            personas: personas, diagnostics: Diagnostic.ordered(groups.flatMap { $0 }), failures: failures, sortedPersonas: sortedPersonas)
    }

    /// A diagnostic at `origin`. A persona defined in code has no file or position,
    /// so the message names the persona instead.
    private func diagnostic(at origin: Origin, severity: Diagnostic.Severity = .error, _ message: String) -> Diagnostic {
        guard let file = origin.file else {
            return Diagnostic(file: "(code)", location: nil, severity: severity, message: "in persona '\(origin.persona)': \(message)")
        }
        return Diagnostic(file: file, location: origin.location, severity: severity, message: message)
    }

    /// How many other places are named in a missing parent's note.
    static let missingParentPlaces = 3

    /// The error for a parent name no declaration has, at the first `parent` link naming
    /// it, and a note counting the other personas that name it. When the parent is
    /// declared but could not be loaded, the error says so, with a note at its first error.
    private func missingParentDiagnostics(
        _ parentName: String, children: [PersonaDeclaration], names: [String], unloaded: Diagnostic?, unreadable: [String]
    ) -> [Diagnostic] {
        let links = children.compactMap(\.parent).sorted { a, b in
            let (x, y) = (a.origin.file ?? "", b.origin.file ?? "")
            if x != y { return ByteOrder.less(x, y) }
            return (a.origin.location ?? .start) < (b.origin.location ?? .start)
        }
        guard let first = links.first else { return [] }
        var result: [Diagnostic]
        if let unloaded {
            result = [
                diagnostic(at: first.origin, "parent '\(parentName)' could not be loaded: its declaration has errors"),
                Diagnostic(file: unloaded.file, location: unloaded.location, severity: .note,
                           message: "'\(parentName)' is declared here with an error: \(unloaded.message)"),
            ]
        } else {
            // The only place a name is compared with every other: once per missing name.
            let child = first.origin.persona
            let candidates = names.filter { $0 != child }
            result = [diagnostic(at: first.origin, "unknown parent '\(parentName)'" + Suggestions.hint(for: parentName, in: candidates))]
            if let file = unreadable.first {
                let others = unreadable.count - 1
                result.append(Diagnostic(
                    file: file, location: nil, severity: .note,
                    message: "'\(parentName)' may be declared in this file, which could not be read"
                        + (others > 0 ? " (nor could \(others) other file\(others == 1 ? "" : "s"))" : "")))
            }
        }
        let others = links.dropFirst()
        if let next = others.first {
            let count = others.count
            let shown = others.prefix(Self.missingParentPlaces).map(\.origin.place)
            let more = count > shown.count ? ", …" : ""
            result.append(diagnostic(
                at: next.origin, severity: .note,
                "\(count) other persona\(count == 1 ? " names" : "s name") '\(parentName)' as parent too (at \(shown.joined(separator: ", "))\(more))"))
        }
        return result
    }

    /// One error for the cycle, at the `parent` link of its alphabetically first member,
    /// then a note per `parent` link, in the cycle's order.
    ///
    /// `cycle` lists the members as the walk met them (each one's parent is the next).
    private func cycleDiagnostics(_ cycle: [PersonaDeclaration]) -> [Diagnostic] {
        // Start at the smallest name so the cycle reads the same whichever member the walk started from.
        guard let first = cycle.indices.min(by: {
            ByteOrder.less(cycle[$0].name.value, cycle[$1].name.value)
        }) else { return [] }
        let ordered = Array(cycle[first...] + cycle[..<first])
        let text = (ordered + [ordered[0]]).map(\.name.value).joined(separator: " -> ")
        guard let headLink = ordered[0].parent else { return [] }
        var result = [diagnostic(at: headLink.origin, "inheritance cycle: \(text)")]
        for member in ordered {
            guard let link = member.parent else { continue }
            result.append(diagnostic(at: link.origin, severity: .note, "'\(member.name.value)' inherits from '\(link.value)'"))
        }
        return result
    }

    // MARK: Applying one declaration

    /// The persona `declaration` makes of its resolved parent; the errors found are added to
    /// `errors`. Always gives a persona: an edit in error is skipped, so descendants can still be checked.
    private func apply(
        _ declaration: PersonaDeclaration, onto parent: ResolvedPersona?, chain: ChainReference,
        diagnostics errors: inout [Diagnostic]
    ) -> ResolvedPersona {
        let name = declaration.name.value
        var result = ResolvedPersona(
            persona: Persona(name: name, parent: declaration.parent?.value, isAbstract: declaration.isAbstract),
            origin: declaration.name.origin,
            scalars: [:], clearedScalars: [:],
            capabilityList: InheritedList(), constraintList: InheritedList(), removedCapabilities: [], removedConstraints: [],
            customSections: [:], variables: [:], removedSections: [:], removedVariables: [:],
            chain: chain)

        // Scalars. `version` is never inherited.
        for field in PersonaField.scalars {
            let declared = declaration[scalar: field]
            let inherited = field.inherits ? parent?.scalars[field] : nil
            var cleared = field.inherits ? parent?.clearedScalars[field]?.inherited : nil
            var final: Provenanced<String>?
            if let declared {
                if let value = declared.value {
                    final = Provenanced(value, declared.origin, inherited == nil ? .declared : .overridden, replaced: inherited?.origin)
                    cleared = nil
                } else if let inherited {
                    cleared = Provenanced(inherited.value, declared.origin, .removed, replaced: inherited.origin)
                }
            } else {
                final = inherited?.inherited
            }
            result.scalars[field] = final
            result.clearedScalars[field] = cleared
            result.persona[scalar: field] = final?.value
        }

        // Lists.
        for field in PersonaField.allCases where field.kind == .list {
            (result[inheritedList: field], result[removed: field]) = mergeList(
                field.key, of: declaration, parent?[inheritedList: field], parent?[removed: field],
                declaration[list: field], hasParent: parent != nil, errors: &errors)
            // Shared, not copied: a chain of appends costs O(items) in all.
            result.persona[textList: field] = TextList(result[inheritedList: field])
        }

        // Maps.
        (result.customSections, result.removedSections) = mergeMap(
            "custom_sections", of: declaration, parent?.customSections ?? [:], parent?.removedSections ?? [:],
            declaration.customSections, hasParent: parent != nil, errors: &errors)
        result.persona.customSections = result.customSections.mapValues(\.value)
        (result.variables, result.removedVariables) = mergeMap(
            "variables", of: declaration, parent?.variables ?? [:], parent?.removedVariables ?? [:],
            declaration.variables, hasParent: parent != nil, errors: &errors)
        result.persona.variables = result.variables.mapValues(\.value)

        // Completeness: `name` is always there; `role` may come from any ancestor.
        if !declaration.isAbstract && result.persona.role == nil {
            let lineage = chain.entries.map(\.name)
            errors.append(diagnostic(
                at: declaration.name.origin,
                lineage.count > 1
                    ? "persona '\(name)' has no 'role' after inheritance (chain: \(lineage.joined(separator: " -> "))); set it here or in an ancestor"
                    : "missing required field 'role' in persona '\(name)'"))
        }
        return result
    }

    private func mergeList(
        _ field: String, of declaration: PersonaDeclaration,
        _ inherited: InheritedList?, _ inheritedRemovals: [Provenanced<String>]?, _ edit: Located<ListEdit>?,
        hasParent: Bool, errors: inout [Diagnostic]
    ) -> (items: InheritedList, removed: [Provenanced<String>]) {
        var removed = (inheritedRemovals ?? []).map(\.inherited)
        // Nothing written: the parent's list itself (its items read as inherited here).
        guard let edit else { return (inherited ?? InheritedList(), removed) }

        // Appending to a list without repeats: share it and add the new values,
        // checked against its value set — O(items added), whatever the chain's length.
        if hasParent, case .append(let added) = edit.value, let inherited, var values = inherited.values {
            var own: [Provenanced<String>] = []
            own.reserveCapacity(added.count)
            for item in added where values.insert(item.value).inserted {
                own.append(Provenanced(item.value, item.origin, .appended))
            }
            if !removed.isEmpty { removed.removeAll { values.contains($0.value) } }
            return (InheritedList(inherited, appending: own, values: values), removed)
        }

        let base = inherited?.items(seenBy: declaration.name.value) ?? []
        /// A persona with a parent never holds an item twice; a root keeps its list exactly as written.
        func merged(_ items: [Provenanced<String>]) -> [Provenanced<String>] {
            guard hasParent else { return items }
            return Self.withoutRepeats(items)
        }
        func own(_ action: ProvenanceAction) -> [Provenanced<String>] {
            edit.value.items.map { Provenanced($0.value, $0.origin, hasParent ? action : .declared) }
        }
        /// `first` then `second`, in storage of exactly their size (the list is kept).
        func joined(_ first: [Provenanced<String>], _ second: [Provenanced<String>]) -> [Provenanced<String>] {
            var result: [Provenanced<String>] = []
            result.reserveCapacity(first.count + second.count)
            result += first
            result += second
            return result
        }
        var items: [Provenanced<String>]
        switch edit.value {
        case .append:
            items = merged(joined(base, own(.appended)))
        case .prepend:
            items = merged(joined(own(.prepended), base))
        case .replace:
            items = merged(own(.overridden))
            let kept = Set(items.map(\.value))
            var seen = Set<String>()
            removed.reserveCapacity(removed.count + base.count)
            for item in base where !kept.contains(item.value) && seen.insert(item.value).inserted {
                removed.append(Provenanced(item.value, edit.origin, .removed, replaced: item.origin))
            }
        case .remove(let targets):
            items = base
            let inheritedValues = Set(base.map(\.value))
            for target in targets {
                guard inheritedValues.contains(target.value) else {
                    let message: String
                    if hasParent {
                        let hint = Suggestions.hint(for: target.value, in: base.map(\.value))
                        message = "cannot remove '\(target.value)' from '\(field)': no inherited item matches it\(hint)"
                    } else {
                        message = "cannot remove '\(target.value)' from '\(field)': '\(declaration.name.value)' has no parent to inherit from"
                    }
                    errors.append(diagnostic(at: target.origin, message))
                    continue
                }
                // Every copy goes (a root may hold duplicates); a repeated target removes nothing more.
                if let gone = items.first(where: { $0.value == target.value }) {
                    removed.append(Provenanced(gone.value, target.origin, .removed, replaced: gone.origin))
                    items.removeAll { $0.value == target.value }
                }
            }
        }
        // A removal record describes a value that is absent now.
        if !removed.isEmpty {
            let present = Set(items.map(\.value))
            removed.removeAll { present.contains($0.value) }
        }
        return (InheritedList(items), removed)
    }

    /// `items` without any whose value an earlier one has. Lists are short,
    /// so up to a few dozen items comparing beats hashing every text.
    private static func withoutRepeats(_ items: [Provenanced<String>]) -> [Provenanced<String>] {
        guard items.count > 32 else {
            var result: [Provenanced<String>] = []
            result.reserveCapacity(items.count)
            for item in items where !result.contains(where: { $0.value == item.value }) { result.append(item) }
            return result
        }
        var seen = Set<String>()
        return items.filter { seen.insert($0.value).inserted }
    }

    private func mergeMap<V: Sendable & Hashable>(
        _ field: String, of declaration: PersonaDeclaration,
        _ inherited: OrderedDictionary<String, Provenanced<V>>, _ inheritedRemovals: OrderedDictionary<String, Provenanced<V>>,
        _ edits: [MapEntryEdit<Located<V>>], hasParent: Bool, errors: inout [Diagnostic]
    ) -> (entries: OrderedDictionary<String, Provenanced<V>>, removed: OrderedDictionary<String, Provenanced<V>>) {
        var result = inherited.mapValues(\.inherited)
        var removed = inheritedRemovals.mapValues(\.inherited)
        for edit in edits {
            let key = edit.key.value
            if let value = edit.value {
                let previous = result[key]
                let action: ProvenanceAction = previous != nil ? .overridden : (hasParent ? .appended : .declared)
                result[key] = Provenanced(value.value, edit.key.origin, action, replaced: previous?.origin)
                removed.removeValue(forKey: key)
            } else if let gone = result.removeValue(forKey: key) {
                removed[key] = Provenanced(gone.value, edit.key.origin, .removed, replaced: gone.origin)
            } else {
                let reason = hasParent
                    ? "there is no inherited '\(key)' to remove" + Suggestions.hint(for: key, in: result.keys)
                    : "'\(declaration.name.value)' has no parent to inherit '\(key)' from"
                errors.append(diagnostic(at: edit.key.origin, "'\(field).\(key)' is null, but \(reason)"))
            }
        }
        return (result, removed)
    }
}

/// Declarations in name order, read in place from the caller's array.
private struct NameOrder: Sendable, RandomAccessCollection {
    let declarations: [PersonaDeclaration]
    let positions: [Int]

    init(_ declarations: [PersonaDeclaration], positions: [Int]) {
        self.declarations = declarations
        self.positions = positions
    }

    var startIndex: Int { 0 }
    var endIndex: Int { positions.count }

    subscript(index: Int) -> PersonaDeclaration {
        _read { yield declarations[positions[index]] }
    }
}


import OrderedCollections

/// What happened to a value along a persona's parent chain, seen from the persona itself.
public enum ProvenanceAction: String, Sendable, Hashable {
    /// Written by the persona itself, with nothing inherited to replace.
    case declared
    /// Taken unchanged from an ancestor.
    case inherited
    /// Written by the persona itself in place of an inherited value
    /// (a scalar, a map key, or a list given with `replace`).
    case overridden
    /// Added after the inherited items (a plain list, or `append`).
    case appended
    /// Added before the inherited items (`prepend`).
    case prepended
    /// Taken away by a `remove` directive, a `replace` directive or a `null`.
    case removed
}

/// A value of a resolved persona, where it was written, and what the chain did with it.
public struct Provenanced<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value (for a removal: the value that was taken away).
    public var value: Value
    /// Where the value was written (for a removal: where it was taken away).
    public var origin: Origin
    /// What the chain did with the value.
    public var action: ProvenanceAction
    /// For a value that overrode another: where the replaced value was written.
    /// For a removal: where the removed value was written. Kept when the value is inherited further.
    public var replaced: Origin?

    /// `value`, written at `origin`, with what the chain did with it.
    public init(_ value: Value, _ origin: Origin, _ action: ProvenanceAction, replaced: Origin? = nil) {
        self.value = value
        self.origin = origin
        self.action = action
        self.replaced = replaced
    }

    /// The same value and history, as a descendant sees it: inherited.
    var inherited: Provenanced {
        Provenanced(value, origin, action == .removed ? .removed : .inherited, replaced: replaced)
    }
}

/// A persona after inheritance: complete fields, its lineage, and where each value came from.
///
/// Removal records (``clearedScalars``, ``removedCapabilities``, …) describe
/// values that are absent from the persona and say who took them away; a
/// value that a descendant adds back is no longer listed as removed.
public struct ResolvedPersona: Sendable, Hashable {
    /// The stored fields. A resolved persona is about half a kilobyte of them;
    /// they live in a shared box, copied on the first change to a shared one,
    /// so the tables of a resolution and every copy of a persona cost one
    /// reference each.
    struct Fields: Sendable, Hashable {
        var persona: Persona
        var origin: Origin
        var scalars: [PersonaField: Provenanced<String>]
        var clearedScalars: [PersonaField: Provenanced<String>]
        var capabilityList: InheritedList
        var constraintList: InheritedList
        var removedCapabilities: SharedList<Provenanced<String>>
        var removedConstraints: SharedList<Provenanced<String>>
        var customSections: OrderedDictionary<String, Provenanced<String>>
        var variables: OrderedDictionary<String, Provenanced<VariableDeclaration>>
        var removedSections: OrderedDictionary<String, Provenanced<String>>
        var removedVariables: OrderedDictionary<String, Provenanced<VariableDeclaration>>
        var chain: ChainReference
    }

    /// Holds ``Fields``; changed only through a reference no other value shares.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// The fields, copied out of a box another value shares before they change.
    private var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    init(
        persona: Persona, origin: Origin,
        scalars: [PersonaField: Provenanced<String>], clearedScalars: [PersonaField: Provenanced<String>],
        capabilityList: InheritedList, constraintList: InheritedList,
        removedCapabilities: SharedList<Provenanced<String>>, removedConstraints: SharedList<Provenanced<String>>,
        customSections: OrderedDictionary<String, Provenanced<String>>,
        variables: OrderedDictionary<String, Provenanced<VariableDeclaration>>,
        removedSections: OrderedDictionary<String, Provenanced<String>>,
        removedVariables: OrderedDictionary<String, Provenanced<VariableDeclaration>>,
        chain: ChainReference
    ) {
        box = Box(Fields(
            persona: persona, origin: origin, scalars: scalars, clearedScalars: clearedScalars,
            capabilityList: capabilityList, constraintList: constraintList,
            removedCapabilities: removedCapabilities, removedConstraints: removedConstraints,
            customSections: customSections, variables: variables,
            removedSections: removedSections, removedVariables: removedVariables, chain: chain))
    }

    public static func == (lhs: ResolvedPersona, rhs: ResolvedPersona) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
    }

    /// The complete persona (its `parent` is the declared parent).
    public var persona: Persona {
        get { box.fields.persona }
        _modify { yield &fields.persona }
    }
    /// Where the persona was declared (its name).
    public var origin: Origin {
        get { box.fields.origin }
        _modify { yield &fields.origin }
    }
    /// For each scalar field that has a value (`role`, `company`, `tone`, `greeting`,
    /// `description`, `version`): the value's origin and how it got there.
    public var scalars: [PersonaField: Provenanced<String>] {
        get { box.fields.scalars }
        _modify { yield &fields.scalars }
    }
    /// Inherited scalars cleared with `null` along the chain, by field: the value
    /// cleared, where the `null` is, and (in `replaced`) where the value was.
    public var clearedScalars: [PersonaField: Provenanced<String>] {
        get { box.fields.clearedScalars }
        _modify { yield &fields.clearedScalars }
    }
    /// The capabilities, in order, with their provenance.
    public var capabilities: [Provenanced<String>] {
        get { capabilityList.items(seenBy: persona.name) }
        set { capabilityList = InheritedList(newValue) }
    }
    /// The constraints, in order, with their provenance.
    public var constraints: [Provenanced<String>] {
        get { constraintList.items(seenBy: persona.name) }
        set { constraintList = InheritedList(newValue) }
    }
    /// The storage of ``capabilities``, shared with the parent's where this persona only appends.
    var capabilityList: InheritedList {
        get { box.fields.capabilityList }
        _modify { yield &fields.capabilityList }
    }
    /// The storage of ``constraints``.
    var constraintList: InheritedList {
        get { box.fields.constraintList }
        _modify { yield &fields.constraintList }
    }

    /// Whether any text of the persona that goes into its prompt holds a brace; when
    /// none does, the prompt is its own template and needs no filling. Costs
    /// O(own fields), not O(inherited items).
    var mayHoldTemplateSyntax: Bool {
        func braces(_ text: String) -> Bool { Template.holdsBrace(text) }
        return capabilityList.hasBraces || constraintList.hasBraces || braces(persona.name)
            || PersonaField.placeholderScalars.contains { scalars[$0].map { braces($0.value) } ?? false }
            || customSections.values.contains { braces($0.value) }
    }
    /// Inherited capabilities taken away along the chain (by `remove` or `replace`).
    public var removedCapabilities: [Provenanced<String>] {
        get { removedCapabilityList.array }
        set { removedCapabilityList = SharedList(newValue) }
    }
    /// Inherited constraints taken away along the chain (by `remove` or `replace`).
    public var removedConstraints: [Provenanced<String>] {
        get { removedConstraintList.array }
        set { removedConstraintList = SharedList(newValue) }
    }
    /// The storage of ``removedCapabilities``: the parent's records, shared, then this persona's.
    var removedCapabilityList: SharedList<Provenanced<String>> {
        get { box.fields.removedCapabilities }
        _modify { yield &fields.removedCapabilities }
    }
    /// The storage of ``removedConstraints``.
    var removedConstraintList: SharedList<Provenanced<String>> {
        get { box.fields.removedConstraints }
        _modify { yield &fields.removedConstraints }
    }
    /// The custom sections, in prompt order, by name; the origin is where the section's key was written.
    public var customSections: OrderedDictionary<String, Provenanced<String>> {
        get { box.fields.customSections }
        _modify { yield &fields.customSections }
    }
    /// The declared variables, by name; the origin is where the variable's key was written.
    public var variables: OrderedDictionary<String, Provenanced<VariableDeclaration>> {
        get { box.fields.variables }
        _modify { yield &fields.variables }
    }
    /// Inherited custom sections removed with `null` along the chain, by name.
    public var removedSections: OrderedDictionary<String, Provenanced<String>> {
        get { box.fields.removedSections }
        _modify { yield &fields.removedSections }
    }
    /// Inherited variables removed with `null` along the chain, by name.
    public var removedVariables: OrderedDictionary<String, Provenanced<VariableDeclaration>> {
        get { box.fields.removedVariables }
        _modify { yield &fields.removedVariables }
    }

    /// The chain, kept in a table shared by every persona of one resolution, so
    /// a chain of n personas costs O(n) memory in all, not O(n²).
    var chain: ChainReference {
        get { box.fields.chain }
        _modify { yield &fields.chain }
    }

    /// The chain of names from the root ancestor down to this persona.
    public var lineage: [String] { chain.entries.map(\.name) }

    /// The files that contributed, in lineage order, each once. Personas defined in code add none.
    public var sources: [String] {
        let files = chain.entries.compactMap(\.file)
        // A chain is short and its files nearly always distinct: comparing beats hashing every path.
        guard files.count > 16 else {
            var result: [String] = []
            result.reserveCapacity(files.count)
            for file in files where !result.contains(file) { result.append(file) }
            return result
        }
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }
}

/// The personas of one resolution: each name, its file, and the index of its parent.
final class ChainTable: Sendable {
    struct Entry: Sendable, Hashable {
        var name: String
        var file: String?
        /// The parent's index in the table, or `nil` for a root (or a missing parent).
        var parent: Int?
    }

    let entries: [Entry]

    init(_ entries: [Entry]) {
        self.entries = entries
    }
}

/// One persona's place in a ``ChainTable``. Two references are equal when their chains read the same.
struct ChainReference: Sendable, Hashable {
    let table: ChainTable
    let index: Int

    /// The chain's entries from the root down to this persona. Only used for
    /// resolved personas, whose chains end at a root (no cycle).
    var entries: [ChainTable.Entry] {
        var result: [ChainTable.Entry] = []
        var current: Int? = index
        while let i = current {
            let entry = table.entries[i]
            result.append(entry)
            current = entry.parent
        }
        return result.reversed()
    }

    static func == (lhs: ChainReference, rhs: ChainReference) -> Bool {
        (lhs.table === rhs.table && lhs.index == rhs.index) || lhs.entries == rhs.entries
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(entries)
    }
}

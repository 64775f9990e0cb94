import HashTreeCollections

/// A list that extends another without copying it: a child persona's inherited
/// list holds its parent's, plus its own items, so a chain of n personas that
/// each add an item costs O(n) memory in all, not O(n²).
///
/// Reading ``array`` walks the segments (O(count)); appending is O(items added).
struct SharedList<Element: Sendable & Hashable>: Sendable, Hashable {
    /// Some items, after those of the segment before.
    final class Segment: Sendable {
        let previous: Segment?
        let items: [Element]
        /// Items in this segment and all before it.
        let count: Int

        init(previous: Segment?, items: [Element]) {
            self.previous = previous
            self.items = items
            self.count = (previous?.count ?? 0) + items.count
        }
    }

    private let last: Segment?

    /// The empty list.
    init() { last = nil }

    /// A list of `items`.
    init(_ items: [Element]) {
        last = items.isEmpty ? nil : Segment(previous: nil, items: items)
    }

    private init(last: Segment?) { self.last = last }

    var count: Int { last?.count ?? 0 }
    var isEmpty: Bool { count == 0 }

    /// This list followed by `items`; shares this list's storage.
    func appending(_ items: [Element]) -> SharedList {
        items.isEmpty ? self : SharedList(last: Segment(previous: last, items: items))
    }

    /// Whether this list is `other` followed by more items, sharing its storage.
    func extends(_ other: SharedList) -> Bool {
        last != nil && last?.previous === other.last
    }

    /// The items, in order.
    var array: [Element] {
        let segments = self.segments
        if segments.count == 1 { return segments[0].items }
        var result: [Element] = []
        result.reserveCapacity(count)
        for segment in segments.reversed() { result += segment.items }
        return result
    }

    /// `transform` of each item, in order, in one pass.
    func map<T>(_ transform: (Element) -> T) -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for segment in segments.reversed() {
            for item in segment.items { result.append(transform(item)) }
        }
        return result
    }

    /// The non-empty segments, last first.
    private var segments: [Segment] {
        var segments: [Segment] = []
        var current = last
        while let segment = current {
            if !segment.items.isEmpty { segments.append(segment) }
            current = segment.previous
        }
        return segments
    }

    static func == (lhs: SharedList, rhs: SharedList) -> Bool {
        lhs.last === rhs.last || (lhs.count == rhs.count && lhs.array == rhs.array)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(array)
    }
}

/// A resolved list field (`capabilities`, `constraints`): its items, shared with
/// the parent's where the child only appends, and the set of their values for
/// checking new items against (persistent too, so each link adds O(log n)).
struct InheritedList: Sendable, Hashable {
    /// The items, each with its provenance as seen by the persona that wrote it.
    var items: SharedList<Provenanced<String>>
    /// The values of ``items`` when no value occurs twice; `nil` when one does
    /// (a root keeps its list exactly as written).
    var values: TreeSet<String>?
    /// Whether any item holds a brace (so may hold template syntax).
    private(set) var hasBraces: Bool
    /// The names of the `{placeholders}` the items use, kept along the chain so a
    /// persona's checks need not read every inherited item again.
    private(set) var placeholderNames: TreeSet<String>

    init() {
        items = SharedList()
        values = []
        hasBraces = false
        placeholderNames = []
    }

    init(_ list: [Provenanced<String>]) {
        items = SharedList(list)
        let set = TreeSet(list.lazy.map(\.value))
        values = set.count == list.count ? set : nil
        (hasBraces, placeholderNames) = Self.summary(list, after: (false, []))
    }

    /// `list` followed by `added`, sharing `list`'s storage; `values` are the values of both.
    init(_ list: InheritedList, appending added: [Provenanced<String>], values: TreeSet<String>) {
        items = list.items.appending(added)
        self.values = values
        (hasBraces, placeholderNames) = Self.summary(added, after: (list.hasBraces, list.placeholderNames))
    }

    private static func summary(
        _ items: [Provenanced<String>], after previous: (Bool, TreeSet<String>)
    ) -> (Bool, TreeSet<String>) {
        var (braces, names) = previous
        for item in items where item.value.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) {
            braces = true
            for placeholder in Template.placeholders(in: item.value) { names.insert(placeholder.name) }
        }
        return (braces, names)
    }

    /// The items as persona `name` sees them: what an ancestor wrote is inherited.
    func items(seenBy name: String) -> [Provenanced<String>] {
        items.map { $0.origin.persona == name ? $0 : $0.inherited }
    }

    /// The values, in order.
    var strings: [String] { items.map(\.value) }

    static func == (lhs: InheritedList, rhs: InheritedList) -> Bool { lhs.items == rhs.items }
    func hash(into hasher: inout Hasher) { hasher.combine(items) }
}

/// The text of a persona's list field: a plain array, or the values of a
/// resolved list shared along the chain (read when asked for).
struct TextList: Sendable, Hashable {
    private enum Storage: Sendable {
        case plain([String])
        case inherited(SharedList<Provenanced<String>>)
    }

    private var storage: Storage

    init(_ values: [String]) { storage = .plain(values) }

    init(_ list: InheritedList) { storage = .inherited(list.items) }

    var values: [String] {
        switch storage {
        case .plain(let values): values
        case .inherited(let list): list.map(\.value)
        }
    }

    static func == (lhs: TextList, rhs: TextList) -> Bool {
        if case .inherited(let a) = lhs.storage, case .inherited(let b) = rhs.storage, a == b { return true }
        return lhs.values == rhs.values
    }

    func hash(into hasher: inout Hasher) { hasher.combine(values) }
}

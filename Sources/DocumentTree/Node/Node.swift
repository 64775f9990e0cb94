import OrderedCollections

/// One value of a parsed document, with the position where it starts.
///
/// YAML and JSON files both load into this tree, so every later stage — the
/// schema validator, the persona model, diagnostics — works on one shape and
/// can point back at `line:column` in the source.
public struct Node: Sendable, Hashable {
    /// The value.
    public var value: Value
    /// Where the node starts in its source text.
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation = .start) {
        self.value = value
        self.location = location
    }

    /// The JSON-compatible values a document can hold.
    public enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        case number(Number)
        case string(String)
        case array([Node])
        case object(Mapping)
    }

    /// The JSON type name of the value, as JSON Schema spells it
    /// (`null`, `boolean`, `integer`, `number`, `string`, `array`, `object`).
    public var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number(let n): n.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    public var stringValue: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }

    public var numberValue: Number? {
        if case .number(let n) = value { return n }
        return nil
    }

    public var arrayValue: [Node]? {
        if case .array(let a) = value { return a }
        return nil
    }

    public var objectValue: Mapping? {
        if case .object(let m) = value { return m }
        return nil
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The member `key` of an object node, or `nil`.
    public subscript(key: String) -> Node? {
        objectValue?[key]
    }

    /// JSON equality, the package's one definition of it (JSON Schema's): numbers
    /// compare mathematically (`1 == 1.0`), objects ignore member order, strings and
    /// keys compare by Unicode scalars (`"é"` written precomposed and decomposed are
    /// different strings, as in JSON, Python and PyYAML, although Swift's `String ==`
    /// calls them equal), and positions are ignored. `==` is this equality too.
    ///
    /// The walk keeps its own stack, so a tree of any depth compares without recursion.
    public func jsonEquals(_ other: Node) -> Bool {
        var pending: [(Node, Node)] = []
        var pair = (self, other)
        while true {
            switch (pair.0.value, pair.1.value) {
            case (.null, .null): break
            case (.bool(let a), .bool(let b)): if a != b { return false }
            case (.number(let a), .number(let b)): if a != b { return false }
            case (.string(let a), .string(let b)): if !ScalarText.equal(a, b) { return false }
            case (.array(let a), .array(let b)):
                guard a.count == b.count else { return false }
                for (x, y) in zip(a, b).reversed() { pending.append((x, y)) }
            case (.object(let a), .object(let b)):
                guard a.count == b.count else { return false }
                for entry in a.entries.reversed() {
                    guard let other = b[entry.key] else { return false }
                    pending.append((entry.value, other))
                }
            default: return false
            }
            guard let next = pending.popLast() else { return true }
            pair = next
        }
    }

    /// JSON equality (``jsonEquals(_:)``): positions and member order do not count.
    public static func == (lhs: Node, rhs: Node) -> Bool { lhs.jsonEquals(rhs) }

    /// A hash that agrees with ``jsonEquals(_:)``, computed without recursion:
    /// an object contributes its size and its keys (in any order), not its values.
    public func hash(into hasher: inout Hasher) {
        var pending: [Node] = [self]
        while let node = pending.popLast() {
            switch node.value {
            case .null: hasher.combine(0 as UInt8)
            case .bool(let b):
                hasher.combine(1 as UInt8)
                hasher.combine(b)
            case .number(let n):
                hasher.combine(2 as UInt8)
                hasher.combine(n)
            case .string(let s):
                hasher.combine(3 as UInt8)
                ScalarText.hash(s, into: &hasher)
            case .array(let items):
                hasher.combine(4 as UInt8)
                hasher.combine(items.count)
                pending.append(contentsOf: items.reversed())
            case .object(let mapping):
                hasher.combine(5 as UInt8)
                hasher.combine(mapping)
            }
        }
    }
}

/// Strings compared and hashed by their Unicode scalars (equivalently, their
/// UTF-8 bytes), not by Swift's canonical equivalence.
enum ScalarText {
    static func equal(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        // Native strings (what parsers make) compare as two byte buffers; others byte by byte.
        return a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.elementsEqual(y) }
        }.flatMap { $0 } ?? a.utf8.elementsEqual(b.utf8)
    }

    static func hash(_ text: String, into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// A mapping key: equal to another only when their Unicode scalars are the same.
struct MappingKey: Hashable, Sendable {
    var text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: MappingKey, rhs: MappingKey) -> Bool { ScalarText.equal(lhs.text, rhs.text) }

    func hash(into hasher: inout Hasher) { ScalarText.hash(text, into: &hasher) }
}

/// An ordered JSON object: members keep the order they were written in, and
/// each key remembers where it was written.
///
/// Keys are told apart by their Unicode scalars: `"é"` precomposed and
/// `"e\u{301}"` are two keys, as in JSON, Python and PyYAML. Two mappings are
/// `==` when they are equal JSON objects (``Node/jsonEquals(_:)``).
public struct Mapping: Sendable, Hashable, Sequence {
    /// One member of a mapping.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: Node

        public init(key: String, keyLocation: SourceLocation, value: Node) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    private var storage: OrderedDictionary<MappingKey, Entry> = [:]

    public init() {}

    /// Builds a mapping from entries; a later duplicate key replaces the earlier value in place.
    public init(_ entries: [Entry]) {
        for entry in entries { storage[MappingKey(entry.key)] = entry }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    public var keys: [String] { storage.keys.map(\.text) }
    public var entries: [Entry] { Array(storage.values) }

    public subscript(key: String) -> Node? {
        storage[MappingKey(key)]?.value
    }

    /// The entry for `key`, with the key's own position.
    public func entry(_ key: String) -> Entry? {
        storage[MappingKey(key)]
    }

    /// Adds `entry` at the end. If the key is already present nothing changes and
    /// the existing entry is returned, so the caller can report the duplicate.
    @discardableResult
    public mutating func insert(_ entry: Entry) -> Entry? {
        let key = MappingKey(entry.key)
        // One lookup for a new key (the common case); a duplicate puts the first entry back.
        guard let existing = storage.updateValue(entry, forKey: key) else { return nil }
        storage.updateValue(existing, forKey: key)
        return existing
    }

    /// Sets `key` to `value`, keeping its place when present, appending otherwise.
    public mutating func set(_ key: String, _ value: Node, keyLocation: SourceLocation? = nil) {
        let stored = MappingKey(key)
        let location = keyLocation ?? storage[stored]?.keyLocation ?? value.location
        storage[stored] = Entry(key: key, keyLocation: location, value: value)
    }

    /// Removes `key`, returning its entry.
    @discardableResult
    public mutating func remove(_ key: String) -> Entry? {
        storage.removeValue(forKey: MappingKey(key))
    }

    /// JSON object equality: the same keys (by Unicode scalars) with equal values, in any order.
    public static func == (lhs: Mapping, rhs: Mapping) -> Bool {
        Node(.object(lhs)).jsonEquals(Node(.object(rhs)))
    }

    /// A hash that agrees with `==`: the size and the keys, in any order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.count)
        var keys = 0
        for key in storage.keys { keys &+= key.hashValue }
        hasher.combine(keys)
    }

    /// Iterates the entries in order, without copying them into an array first.
    public func makeIterator() -> Iterator {
        Iterator(base: storage.values.makeIterator())
    }

    /// The iterator over a mapping's entries, in order.
    public struct Iterator: IteratorProtocol {
        var base: OrderedDictionary<MappingKey, Entry>.Values.Iterator

        public mutating func next() -> Entry? { base.next() }
    }
}

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

    /// JSON equality as JSON Schema defines it: numbers compare mathematically
    /// (`1 == 1.0`), objects ignore member order, positions are ignored.
    public func jsonEquals(_ other: Node) -> Bool {
        switch (value, other.value) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where !x.jsonEquals(y) { return false }
            return true
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for entry in a {
                guard let other = b[entry.key], entry.value.jsonEquals(other) else { return false }
            }
            return true
        default: return false
        }
    }
}

/// An ordered JSON object: members keep the order they were written in, and
/// each key remembers where it was written.
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

    private var storage: OrderedDictionary<String, Entry> = [:]

    public init() {}

    /// Builds a mapping from entries; a later duplicate key replaces the earlier value in place.
    public init(_ entries: [Entry]) {
        for entry in entries { storage[entry.key] = entry }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    public var keys: [String] { Array(storage.keys) }
    public var entries: [Entry] { Array(storage.values) }

    public subscript(key: String) -> Node? {
        storage[key]?.value
    }

    /// The entry for `key`, with the key's own position.
    public func entry(_ key: String) -> Entry? {
        storage[key]
    }

    /// Adds `entry` at the end. If the key is already present nothing changes and
    /// the existing entry is returned, so the caller can report the duplicate.
    @discardableResult
    public mutating func insert(_ entry: Entry) -> Entry? {
        if let existing = storage[entry.key] { return existing }
        storage[entry.key] = entry
        return nil
    }

    /// Sets `key` to `value`, keeping its place when present, appending otherwise.
    public mutating func set(_ key: String, _ value: Node, keyLocation: SourceLocation? = nil) {
        let location = keyLocation ?? storage[key]?.keyLocation ?? value.location
        storage[key] = Entry(key: key, keyLocation: location, value: value)
    }

    /// Removes `key`, returning its entry.
    @discardableResult
    public mutating func remove(_ key: String) -> Entry? {
        storage.removeValue(forKey: key)
    }

    public func makeIterator() -> IndexingIterator<[Entry]> {
        entries.makeIterator()
    }
}

import DocumentTree

/// Where a value was written: which persona, which file, which position.
///
/// Every value of every persona carries one, so it is kept small (16 bytes):
/// the persona and file are held once per declaration and shared by all its
/// origins (see ``at(_:)``), the position is packed into one word.
public struct Origin: Sendable, Hashable, CustomStringConvertible {
    /// The persona and file, shared by the origins of one declaration.
    private final class Declaring: Sendable {
        let persona: String
        let file: String?

        init(persona: String, file: String?) {
            self.persona = persona
            self.file = file
        }
    }

    private var declaring: Declaring
    /// 0 for no position; otherwise `(line + 1) << 32 | column` (see ``pack(_:)``).
    private var packedLocation: UInt64

    /// The persona whose declaration holds the value.
    public var persona: String {
        get { declaring.persona }
        set { declaring = Declaring(persona: newValue, file: declaring.file) }
    }

    /// The file, as the user named it; `nil` for personas defined in code.
    public var file: String? {
        get { declaring.file }
        set { declaring = Declaring(persona: declaring.persona, file: newValue) }
    }

    /// The position in the file.
    public var location: SourceLocation? {
        get {
            guard packedLocation != 0 else { return nil }
            return SourceLocation(line: Int(packedLocation >> 32) - 1, column: Int(packedLocation & 0xFFFF_FFFF))
        }
        set { packedLocation = Self.pack(newValue) }
    }

    /// An origin in `file` at `location`; without a file, a persona defined in code.
    public init(persona: String, file: String? = nil, location: SourceLocation? = nil) {
        declaring = Declaring(persona: persona, file: file)
        packedLocation = Self.pack(location)
    }

    /// The same persona and file at another position.
    public func at(_ location: SourceLocation?) -> Origin {
        var moved = self
        moved.packedLocation = Self.pack(location)
        return moved
    }

    /// Lines and columns are kept in 32 bits each; a position past line or
    /// column 4 294 967 294 (a file of more than 4 GiB) reads as that number.
    private static func pack(_ location: SourceLocation?) -> UInt64 {
        guard let location else { return 0 }
        let limit = Int(UInt32.max) - 1
        let line = UInt64(min(max(location.line, 0), limit) + 1)
        let column = UInt64(min(max(location.column, 0), limit))
        return line << 32 | column
    }

    public static func == (lhs: Origin, rhs: Origin) -> Bool {
        lhs.packedLocation == rhs.packedLocation
            && (lhs.declaring === rhs.declaring
                || (lhs.declaring.persona == rhs.declaring.persona && lhs.declaring.file == rhs.declaring.file))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(declaring.persona)
        hasher.combine(declaring.file)
        hasher.combine(packedLocation)
    }

    /// `file:line:col`, or `(code)` for personas defined in code.
    public var place: String {
        guard let file else { return "(code)" }
        guard let location else { return file }
        return "\(file):\(location.line):\(location.column)"
    }

    /// `PERSONA at PLACE`.
    public var description: String { "\(persona) at \(place)" }
}

/// A value and where it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var origin: Origin

    /// `value`, written at `origin`.
    public init(_ value: Value, _ origin: Origin) {
        self.value = value
        self.origin = origin
    }
}

/// How a declaration changes an inherited list field (`capabilities`, `constraints`).
///
/// Written as a plain list, a list field appends: the parent's items first,
/// then the child's, an item equal to an earlier one dropped. Written as a
/// mapping with exactly one of `replace`, `append`, `prepend`, `remove`, it
/// says so explicitly.
public enum ListEdit: Sendable, Hashable {
    case append([Located<String>])
    case prepend([Located<String>])
    case replace([Located<String>])
    case remove([Located<String>])

    /// A directive's name as written in files, in the order messages list them.
    public enum Directive: String, Sendable, CaseIterable {
        case replace, append, prepend, remove
    }

    /// `replace, append, prepend, remove`: every directive, for messages.
    public static let directiveNames = Directive.allCases.map(\.rawValue).joined(separator: ", ")

    /// The edit `directive` makes with `items`.
    public init(_ directive: Directive, _ items: [Located<String>]) {
        switch directive {
        case .replace: self = .replace(items)
        case .append: self = .append(items)
        case .prepend: self = .prepend(items)
        case .remove: self = .remove(items)
        }
    }

    /// Which directive this edit is.
    public var kind: Directive {
        switch self {
        case .append: .append
        case .prepend: .prepend
        case .replace: .replace
        case .remove: .remove
        }
    }

    /// The directive's name as written in files.
    public var directive: String { kind.rawValue }

    /// The directive's items, each with its position.
    public var items: [Located<String>] {
        switch self {
        case .append(let i), .prepend(let i), .replace(let i), .remove(let i): i
        }
    }
}

/// One key of a map field (`custom_sections`, `variables`) as a declaration writes it.
public struct MapEntryEdit<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The key and where it was written.
    public var key: Located<String>
    /// The new value, or `nil` to remove an inherited key (`legal: null`).
    public var value: Value?

    public init(key: Located<String>, value: Value?) {
        self.key = key
        self.value = value
    }
}

/// A persona as one file (or one `Persona` value in code) declares it, before
/// inheritance: only what it sets, each value with its origin.
///
/// ``PersonaResolver`` turns declarations into complete ``Persona`` values.
public struct PersonaDeclaration: Sendable, Hashable {
    /// A scalar field's declared state: a value, or an explicit `null` that clears what is inherited.
    public typealias Scalar = Located<String?>

    /// The persona's name, where it was written (the `name` value, or the key in the name-keyed layout).
    public var name: Located<String>
    /// The `parent` it names, if any.
    public var parent: Located<String>?
    /// `role`, when written; `nil` when left to inherit. Never an explicit `null` (that is an error).
    public var role: Scalar?
    /// `company`, when written; a `nil` value clears an inherited company.
    public var company: Scalar?
    /// `tone`, when written; a `nil` value clears an inherited tone (the default applies).
    public var tone: Scalar?
    /// `greeting`, when written; a `nil` value clears an inherited greeting.
    public var greeting: Scalar?
    /// `description`, when written; a `nil` value clears an inherited description.
    public var description: Scalar?
    /// `version`, when written. Never inherited.
    public var version: Scalar?
    /// The `capabilities` edit, with where the field's value starts.
    public var capabilities: Located<ListEdit>?
    /// The `constraints` edit, with where the field's value starts.
    public var constraints: Located<ListEdit>?
    /// The `custom_sections` keys it writes, in order; a `nil` value removes an inherited section.
    public var customSections: [MapEntryEdit<Located<String>>]
    /// The `variables` it writes, in order; a `nil` value removes an inherited variable.
    public var variables: [MapEntryEdit<Located<VariableDeclaration>>]
    /// `abstract: true`: a base that is not emitted and need not be complete. Never inherited.
    public var isAbstract: Bool
    /// Where the declaration's mapping starts.
    public var origin: Origin

    /// A declaration of `name` that sets nothing yet.
    public init(name: Located<String>, origin: Origin) {
        self.name = name
        self.origin = origin
        self.customSections = []
        self.variables = []
        self.isAbstract = false
    }
}

extension PersonaDeclaration {
    /// The declaration a `Persona` value made in code stands for: every field it sets
    /// (lists append to what a parent gives, as in files).
    public init(_ persona: Persona) {
        let origin = Origin(persona: persona.name)
        func scalar(_ value: String?) -> Scalar? { value.map { Located(Optional($0), origin) } }
        self.init(name: Located(persona.name, origin), origin: origin)
        parent = persona.parent.map { Located($0, origin) }
        for field in PersonaField.scalars {
            self[scalar: field] = scalar(persona[scalar: field])
        }
        for field in PersonaField.allCases where field.kind == .list {
            let items = persona[list: field]
            guard !items.isEmpty else { continue }
            self[list: field] = Located(.append(items.map { Located($0, origin) }), origin)
        }
        customSections = persona.customSections.map {
            MapEntryEdit(key: Located($0.key, origin), value: Located($0.value, origin))
        }
        variables = persona.variables.map {
            MapEntryEdit(key: Located($0.key, origin), value: Located($0.value, origin))
        }
        isAbstract = persona.isAbstract
    }
}

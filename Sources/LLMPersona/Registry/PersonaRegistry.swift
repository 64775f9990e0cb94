import DocumentTree
import Synchronization

/// A named collection of personas: define once, use everywhere.
///
/// Personas come from code (``define(_:)``) or from files (``load(_:)``), and
/// both may name parents in either: a registry resolves `parent` chains the
/// same way for all. It is safe to share between threads and tasks.
///
/// ```swift
/// let registry = PersonaRegistry()
/// registry.define(Persona(name: "Maya", role: "Customer Support Specialist", company: "Acme Corp"))
/// registry.define(Persona(name: "MayaPremium", parent: "Maya", capabilities: ["Approve refunds up to $500"]))
/// let prompt = try registry.get("MayaPremium").buildSystemPrompt()
/// ```
public final class PersonaRegistry: Sendable {
    private struct State {
        var declarations: [String: PersonaDeclaration] = [:]
        var order: [String] = []
        var resolved: [String: ResolvedPersona]?
        var diagnostics: [Diagnostic] = []
    }

    private let state = Mutex(State())
    private let loader: PersonaLoader
    private let resolver: PersonaResolver

    public init(loader: PersonaLoader = PersonaLoader(), resolver: PersonaResolver = PersonaResolver()) {
        self.loader = loader
        self.resolver = resolver
    }

    /// A registry holding the personas in the files and directories at `paths`.
    public convenience init(loading paths: [String]) throws(PersonaError) {
        self.init()
        try load(paths)
    }

    /// Stores `persona` under its name, replacing any persona of that name.
    public func define(_ persona: Persona) {
        define(PersonaDeclaration(persona))
    }

    /// Stores a declaration (as read from a file) under its name, replacing any of that name.
    public func define(_ declaration: PersonaDeclaration) {
        state.withLock { state in
            let name = declaration.name.value
            if state.declarations.updateValue(declaration, forKey: name) == nil { state.order.append(name) }
            state.resolved = nil
        }
    }

    /// Loads every persona in the files and directories at `paths`.
    ///
    /// All or nothing: when any file has an error, or a name is already
    /// defined, nothing is added and the error lists every problem.
    public func load(_ paths: [String]) throws(PersonaError) {
        let output = loader.load(paths)
        let hasErrors = output.diagnostics.contains { $0.severity == .error }
        var diagnostics = hasErrors ? output.diagnostics : []
        try state.withLock { (state) throws(PersonaError) in
            for declaration in output.declarations {
                if let existing = state.declarations[declaration.name.value] {
                    diagnostics.append(Diagnostic(
                        file: declaration.name.origin.file ?? "(code)", location: declaration.name.origin.location,
                        message: "persona '\(declaration.name.value)' is already defined (at \(existing.name.origin.place))"))
                }
            }
            guard diagnostics.isEmpty else { throw PersonaError.invalid(diagnostics) }
            for declaration in output.declarations {
                state.declarations[declaration.name.value] = declaration
                state.order.append(declaration.name.value)
            }
            state.resolved = nil
        }
    }

    /// The names of all defined personas, in the order they were defined.
    public var names: [String] {
        state.withLock { $0.order }
    }

    /// The resolved persona `name`: its fields after inheritance.
    public func get(_ name: String) throws(PersonaError) -> Persona {
        try resolved(name).persona
    }

    /// The resolved persona `name`, with lineage and provenance.
    public func resolved(_ name: String) throws(PersonaError) -> ResolvedPersona {
        try state.withLock { (state) throws(PersonaError) -> ResolvedPersona in
            guard state.declarations[name] != nil else {
                throw PersonaError.notFound(name: name, suggestion: Suggestions.closest(to: name, in: state.order))
            }
            let all = resolveAll(&state)
            guard let persona = all[name] else {
                throw PersonaError.invalid(state.diagnostics)
            }
            return persona
        }
    }

    /// Every persona resolved, or every problem found while resolving.
    public func resolveAll() throws(PersonaError) -> [ResolvedPersona] {
        try state.withLock { (state) throws(PersonaError) -> [ResolvedPersona] in
            let all = resolveAll(&state)
            if !state.diagnostics.isEmpty { throw PersonaError.invalid(state.diagnostics) }
            return state.order.compactMap { all[$0] }
        }
    }

    private func resolveAll(_ state: inout State) -> [String: ResolvedPersona] {
        if let resolved = state.resolved { return resolved }
        let declarations = state.order.compactMap { state.declarations[$0] }
        let (personas, diagnostics) = resolver.resolve(declarations)
        state.resolved = personas
        state.diagnostics = diagnostics
        return personas
    }
}

extension PersonaRegistry {
    /// The name in `names` closest to `name`, for "did you mean" hints.
    public static func suggestion(for name: String, in names: [String]) -> String? {
        Suggestions.closest(to: name, in: names)
    }
}

import DocumentTree
import Synchronization

/// A named collection of personas: define once, use everywhere.
///
/// Personas come from code (``define(_:)-(Persona)``) or from files (``load(_:)``), and
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
        /// The last resolution, until a definition changes.
        var resolution: PersonaResolver.Resolution?
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
            state.resolution = nil
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
            state.resolution = nil
        }
    }

    /// The names of all defined personas, in the order they were defined.
    public var names: [String] {
        state.withLock { $0.order }
    }

    /// The resolved persona `name`: its fields after inheritance, ready to build a prompt.
    ///
    /// Throws ``PersonaError/notFound(name:suggestion:)`` for an unknown name,
    /// ``PersonaError/abstract(name:)`` for an abstract base (use ``resolved(_:)``
    /// to see its fields), and ``PersonaError/invalid(_:)`` with the problems of
    /// the persona's chain when it, or an ancestor, has an error. Problems in
    /// unrelated personas do not stop it.
    public func get(_ name: String) throws(PersonaError) -> Persona {
        let resolved = try resolved(name)
        if resolved.persona.isAbstract { throw PersonaError.abstract(name: name) }
        return resolved.persona
    }

    /// The resolved persona `name` (abstract or not), with lineage and provenance.
    ///
    /// Throws as ``get(_:)`` does, except for abstract personas.
    public func resolved(_ name: String) throws(PersonaError) -> ResolvedPersona {
        try state.withLock { (state) throws(PersonaError) -> ResolvedPersona in
            guard state.declarations[name] != nil else {
                throw PersonaError.notFound(name: name, suggestion: Suggestions.closest(to: name, in: state.order))
            }
            let resolution = resolve(&state)
            guard let persona = resolution.personas[name] else {
                throw PersonaError.invalid(resolution.failures[name] ?? resolution.diagnostics)
            }
            return persona
        }
    }

    /// Every persona resolved (abstract ones included), in the order they were defined;
    /// or, when any has an error, every problem found.
    public func resolveAll() throws(PersonaError) -> [ResolvedPersona] {
        try state.withLock { (state) throws(PersonaError) -> [ResolvedPersona] in
            let resolution = resolve(&state)
            if !resolution.diagnostics.isEmpty { throw PersonaError.invalid(resolution.diagnostics) }
            return state.order.compactMap { resolution.personas[$0] }
        }
    }

    private func resolve(_ state: inout State) -> PersonaResolver.Resolution {
        if let resolution = state.resolution { return resolution }
        let resolution = resolver.resolve(state.order.compactMap { state.declarations[$0] })
        state.resolution = resolution
        return resolution
    }
}

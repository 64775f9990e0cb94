import DocumentTree

/// The whole front end in one call: read the files, check them, resolve inheritance.
///
/// `persona build`, `render`, `list` and `validate` all run this, so they all
/// report the same problems.
public struct PersonaCompiler: Sendable {
    public var loader: PersonaLoader
    public var resolver: PersonaResolver
    /// Whether a declared variable that no text uses is a warning. Commands that
    /// check personas (`build`, `validate`, `lock`) report it; commands that only
    /// show them (`render`, `explain`, `list`, `diff`) turn it off.
    public var reportsUnusedVariables = true

    public init(loader: PersonaLoader = PersonaLoader(), resolver: PersonaResolver = PersonaResolver()) {
        self.loader = loader
        self.resolver = resolver
    }

    /// What a compilation found.
    public struct Compilation: Sendable {
        /// The files read, in reading order.
        public var files: [String]
        /// Every declaration, in file order.
        public var declarations: [PersonaDeclaration]
        /// The resolved personas, sorted by name (abstract ones included). A persona
        /// whose chain has an error is not among them.
        public var personas: [ResolvedPersona]
        /// Every problem found, errors and notes.
        public var diagnostics: [Diagnostic]

        /// True when any diagnostic is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

        /// The resolved persona `name` (abstract or not). Throws
        /// ``PersonaError/notFound(name:suggestion:)``, with the closest name
        /// there is, when no persona has that name.
        public func persona(named name: String) throws(PersonaError) -> ResolvedPersona {
            if let resolved = personas.first(where: { $0.persona.name == name }) { return resolved }
            throw PersonaError.notFound(name: name, suggestion: Suggestions.closest(to: name, in: personas.map(\.persona.name)))
        }
    }

    /// Loads and resolves the personas under `paths`.
    public func compile(_ paths: [String]) -> Compilation {
        compile(loaded: loader.load(paths))
    }

    /// Loads and resolves `files`, already collected (see ``InputFiles/collect(_:diagnostics:)``),
    /// whose collection reported `diagnostics`.
    public func compile(files: [String], diagnostics: [Diagnostic]) -> Compilation {
        compile(loaded: loader.load(files: files, diagnostics: diagnostics))
    }

    /// Loads and resolves `files`, already collected and read: `contents[i]` holds
    /// the bytes of `files[i]`; their collection reported `diagnostics`.
    public func compile(files: [String], contents: [[UInt8]], diagnostics: [Diagnostic]) -> Compilation {
        compile(loaded: loader.load(files: files, contents: contents, diagnostics: diagnostics))
    }

    /// Loads and resolves personas from files already in memory (see
    /// ``PersonaLoader/load(sources:)``); nothing is read from disk.
    public func compile(sources: [(path: String, bytes: [UInt8])]) -> Compilation {
        compile(loaded: loader.load(sources: sources))
    }

    /// Checks templates and resolves inheritance over what the loader read.
    private func compile(loaded: PersonaLoader.Output) -> Compilation {
        var diagnostics = loaded.diagnostics
        // Duplicates were reported by the loader; resolve the first of each name.
        var templates = TemplateChecker(braces: loaded.braces)
        templates.checkSyntax(loaded.declarations)
        let resolution = resolver.resolve(loaded.declarations, unloaded: loaded.unloaded, unreadable: loaded.unreadable)
        diagnostics.append(contentsOf: resolution.diagnostics)
        let personas = resolution.sortedPersonas
        // Variables are checked only on personas whose texts are well-formed.
        let syntaxErrorFiles = Set(templates.diagnostics.map(\.file))
        // (Each persona's sources walk its chain: only when there is something to filter.)
        let wellFormed = syntaxErrorFiles.isEmpty ? personas : personas.filter { !$0.sources.contains(where: syntaxErrorFiles.contains) }
        templates.checkVariables(wellFormed, reportsUnused: reportsUnusedVariables)
        diagnostics.append(contentsOf: templates.diagnostics)
        return Compilation(files: loaded.files, declarations: loaded.declarations, personas: personas, diagnostics: diagnostics)
    }
}

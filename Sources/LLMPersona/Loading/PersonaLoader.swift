import DocumentTree

/// Reads persona files into declarations: collects the files, parses each,
/// decodes the personas, and checks that no name is defined twice.
///
/// Every problem in every file is reported; nothing stops at the first.
public struct PersonaLoader: Sendable {
    /// Size, depth and alias limits for each file.
    public var limits: SourceDocuments.Limits
    /// The schema every document is checked against; `nil` skips the schema check.
    public var schema: PersonaSchema?

    /// The most personas one run may declare, over all files. Default 100 000.
    public var maxPersonas: Int

    public init(limits: SourceDocuments.Limits = .init(), schema: PersonaSchema? = .bundled, maxPersonas: Int = 100_000) {
        self.limits = limits
        self.schema = schema
        self.maxPersonas = maxPersonas
    }

    /// The result of loading: declarations in file order, and every diagnostic.
    public struct Output: Sendable {
        public var files: [String]
        /// The bytes of each file read, for mapping positions inside values.
        public var sources: [String: [UInt8]]
        public var declarations: [PersonaDeclaration]
        public var diagnostics: [Diagnostic]
    }

    /// Loads every persona file under `paths`.
    public func load(_ paths: [String]) -> Output {
        let (files, collectDiagnostics) = InputFiles.collect(paths)
        var output = Output(files: files, sources: [:], declarations: [], diagnostics: collectDiagnostics)
        for file in files {
            switch SourceDocuments.read(file, limits: limits) {
            case .failure(let list):
                output.diagnostics.append(contentsOf: list.diagnostics)
            case .success(let bytes):
                add(file: file, bytes: bytes, to: &output)
            }
            if tooManyPersonas(&output) { break }
        }
        output.diagnostics.append(contentsOf: Self.duplicateNames(output.declarations))
        return output
    }

    /// Loads files already in memory, as ``load(_:)`` would after reading them:
    /// each `path` only names the file (its extension picks JSON or YAML).
    /// The size limit applies to each file's bytes.
    public func load(sources: [(path: String, bytes: [UInt8])]) -> Output {
        var output = Output(files: sources.map(\.path), sources: [:], declarations: [], diagnostics: [])
        for (file, bytes) in sources {
            if bytes.count > limits.maxFileBytes {
                output.diagnostics.append(Diagnostic(
                    file: file, location: nil,
                    message: "file is larger than the \(SourceDocuments.formatBytes(limits.maxFileBytes)) limit (see --max-file-size)"))
                continue
            }
            add(file: file, bytes: bytes, to: &output)
            if tooManyPersonas(&output) { break }
        }
        output.diagnostics.append(contentsOf: Self.duplicateNames(output.declarations))
        return output
    }

    /// When `output` holds more than ``maxPersonas`` declarations: reports it at
    /// the first one over the limit, drops the rest, and returns true so loading stops.
    private func tooManyPersonas(_ output: inout Output) -> Bool {
        guard output.declarations.count > maxPersonas else { return false }
        let origin = output.declarations[maxPersonas].name.origin
        output.diagnostics.append(Diagnostic(
            file: origin.file ?? "(code)", location: origin.location,
            message: "more than \(maxPersonas) persona\(maxPersonas == 1 ? "" : "s"); no further files were read (see --max-personas)"))
        output.declarations.removeLast(output.declarations.count - maxPersonas)
        return true
    }

    /// Parses and decodes one file's bytes into `output`.
    private func add(file: String, bytes: [UInt8], to output: inout Output) {
        output.sources[file] = bytes
        switch SourceDocuments.parse(bytes, path: file, limits: limits.document) {
        case .failure(let list):
            output.diagnostics.append(contentsOf: list.diagnostics)
        case .success(let documents):
            let (declarations, diagnostics) = decode(documents, file: file)
            output.declarations.append(contentsOf: declarations)
            output.diagnostics.append(contentsOf: diagnostics)
        }
    }

    /// Decodes already-parsed documents of one file.
    public func decode(_ documents: [Node], file: String) -> (declarations: [PersonaDeclaration], diagnostics: [Diagnostic]) {
        if documents.isEmpty {
            return ([], [Diagnostic(file: file, location: SourceLocation.start, message: "file contains no personas (it is empty or only comments)")])
        }
        var declarations: [PersonaDeclaration] = []
        var diagnostics: [Diagnostic] = []
        for document in documents {
            let schemaDiagnostics = schema?.check(document, file: file) ?? []
            let decoded = PersonaDecoder.decode(document, file: file)
            declarations.append(contentsOf: decoded.declarations)
            diagnostics.append(contentsOf: Self.merge(schema: schemaDiagnostics, decoder: decoded.diagnostics))
        }
        return (declarations, diagnostics)
    }

    /// One list from the schema's and the decoder's findings, in source order.
    ///
    /// Both check the same document; where both report the same position, the
    /// decoder's message (in persona terms) is kept, with the schema's pointer
    /// and keyword.
    static func merge(schema: [Diagnostic], decoder: [Diagnostic]) -> [Diagnostic] {
        var byLocation: [SourceLocation: Diagnostic] = [:]
        for diagnostic in decoder where diagnostic.severity == .error {
            if let location = diagnostic.location, byLocation[location] == nil { byLocation[location] = diagnostic }
        }
        var merged: [Diagnostic] = []
        var used = Set<SourceLocation>()
        for var diagnostic in schema {
            if let location = diagnostic.location, let ours = byLocation[location] {
                // Several schema keywords may fail at one place; say it once.
                if used.contains(location) { continue }
                diagnostic.message = ours.message
                used.insert(location)
            }
            merged.append(diagnostic)
        }
        merged += decoder.filter { $0.location.map { !used.contains($0) } ?? true }
        // Stable sort by position; diagnostics without one come first.
        return merged.enumerated().sorted { a, b in
            let la = a.element.location ?? SourceLocation(line: 0, column: 0)
            let lb = b.element.location ?? SourceLocation(line: 0, column: 0)
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }

    /// An error for every name defined more than once, naming both places.
    public static func duplicateNames(_ declarations: [PersonaDeclaration]) -> [Diagnostic] {
        var first: [String: Origin] = [:]
        var diagnostics: [Diagnostic] = []
        for declaration in declarations {
            let name = declaration.name.value
            let origin = declaration.name.origin
            if let earlier = first[name] {
                diagnostics.append(Diagnostic(
                    file: origin.file ?? "(code)", location: origin.location,
                    message: "persona '\(name)' is defined twice (first at \(earlier.place))"))
                diagnostics.append(Diagnostic(
                    file: earlier.file ?? "(code)", location: earlier.location, severity: .note,
                    message: "'\(name)' first defined here"))
            } else {
                first[name] = origin
            }
        }
        return diagnostics
    }
}

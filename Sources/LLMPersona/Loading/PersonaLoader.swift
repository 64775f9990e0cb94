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
        /// Where the braces of each file that declares a persona stand, for placing
        /// template errors inside values (files without a brace are left out).
        public var braces: [String: SourceBraces]
        public var declarations: [PersonaDeclaration]
        public var diagnostics: [Diagnostic]
        /// Personas declared but left out for errors in their declarations, each with
        /// its first error (so a child can be told why its parent is missing).
        public var unloaded: [String: Diagnostic] = [:]
        /// Files that could not be read or parsed at all, in file order: any persona
        /// may be declared in them.
        public var unreadable: [String] = []
    }

    /// Loads every persona file under `paths`.
    ///
    /// Files are read, parsed, checked against the schema and decoded in
    /// parallel (they are independent); the results are then gathered in file
    /// order, so the output never depends on the scheduling.
    public func load(_ paths: [String]) -> Output {
        var diagnostics: [Diagnostic] = []
        let files = InputFiles.collect(paths, diagnostics: &diagnostics)
        return load(files: files, diagnostics: diagnostics)
    }

    /// Loads `files`, already collected (see ``InputFiles/collect(_:diagnostics:)``), whose
    /// collection reported `collectDiagnostics`.
    public func load(files: [String], diagnostics collectDiagnostics: [Diagnostic]) -> Output {
        load(files: files, diagnostics: collectDiagnostics) { index in loadFile(files[index]) }
    }

    /// Loads `files`, already collected and read (`contents[i]` holds the bytes of
    /// `files[i]`, read with this loader's size limit), as ``load(files:diagnostics:)``
    /// would after reading them.
    public func load(files: [String], contents: [[UInt8]], diagnostics collectDiagnostics: [Diagnostic]) -> Output {
        precondition(files.count == contents.count, "one content per file")
        return load(files: files, diagnostics: collectDiagnostics) { index in parse(files[index], contents[index]) }
    }

    /// Loads `files`, each through `loadFile(index)`, in batches on every core.
    private func load(
        files: [String], diagnostics collectDiagnostics: [Diagnostic], _ loadFile: @Sendable (Int) -> LoadedFile
    ) -> Output {
        var output = Output(files: files, braces: [:], declarations: [], diagnostics: collectDiagnostics)
        // Most files declare one persona: room for that many, rather than doubling past it.
        output.declarations.reserveCapacity(files.count)
        // Files are read, parsed and decoded in parallel, a batch at a time, and
        // taken in file order; past the persona limit no further batch is read.
        var start = 0
        while start < files.count {
            let batch = Array(start..<min(files.count, start + 512))
            start += batch.count
            if gather(zip(batch.map { files[$0] }, ParallelMap.map(batch, loadFile)), into: &output) { break }
        }
        output.diagnostics.append(contentsOf: Self.duplicateNames(output.declarations))
        return output
    }

    /// Loads files already in memory, as ``load(_:)`` would after reading them:
    /// each `path` only names the file (its extension picks JSON or YAML).
    /// The size limit applies to each file's bytes.
    public func load(sources: [(path: String, bytes: [UInt8])]) -> Output {
        var output = Output(files: sources.map(\.path), braces: [:], declarations: [], diagnostics: [])
        let loaded = sources.map { file, bytes in
            bytes.count > limits.maxFileBytes
                ? LoadedFile(braces: nil, diagnostics: [Diagnostic(
                    file: file, location: nil,
                    message: "file is larger than the \(SourceDocuments.formatBytes(limits.maxFileBytes)) limit",
                    setting: PersonaSetting.maxFileBytes.rawValue)])
                : parse(file, bytes)
        }
        _ = gather(zip(sources.map(\.path), loaded), into: &output)
        output.diagnostics.append(contentsOf: Self.duplicateNames(output.declarations))
        return output
    }

    /// What one file gave.
    private struct LoadedFile: Sendable {
        /// Kept instead of the file's bytes, which are released with the file.
        var braces: SourceBraces?
        var declarations: [PersonaDeclaration] = []
        var diagnostics: [Diagnostic] = []
        var unloaded: [String: Diagnostic] = [:]
        var unreadable = false
    }

    /// Reads, parses and decodes one file.
    private func loadFile(_ file: String) -> LoadedFile {
        do {
            return parse(file, try SourceDocuments.read(file, limits: limits))
        } catch {
            return LoadedFile(braces: nil, diagnostics: error.diagnostics, unreadable: true)
        }
    }

    /// Parses and decodes one file's bytes.
    private func parse(_ file: String, _ bytes: [UInt8]) -> LoadedFile {
        var documents: [Node]
        do {
            documents = try SourceDocuments.parse(bytes, path: file, limits: limits.document)
        } catch {
            return LoadedFile(braces: nil, diagnostics: error.diagnostics, unreadable: true)
        }
        var diagnostics: [Diagnostic] = []
        let decoded = decode(documents, file: file, diagnostics: &diagnostics)
        // The declarations hold values, not the tree: free it without recursion.
        NodeTeardown.release(&documents)
        // Only a declared text's template error is placed inside the file.
        let braces = decoded.declarations.isEmpty ? nil : SourceBraces(bytes)
        return LoadedFile(braces: braces, declarations: decoded.declarations, diagnostics: diagnostics, unloaded: decoded.unloaded)
    }

    /// Adds loaded files to `output` in order; returns true, having reported it,
    /// when the persona limit is passed (what comes after is dropped).
    private func gather(_ loaded: some Sequence<(String, LoadedFile)>, into output: inout Output) -> Bool {
        for (file, result) in loaded {
            if let braces = result.braces { output.braces[file] = braces }
            output.declarations.append(contentsOf: result.declarations)
            output.diagnostics.append(contentsOf: result.diagnostics)
            output.unloaded.merge(result.unloaded) { first, _ in first }
            if result.unreadable { output.unreadable.append(file) }
            guard output.declarations.count > maxPersonas else { continue }
            let origin = output.declarations[maxPersonas].name.origin
            output.diagnostics.append(Diagnostic(
                file: origin.file ?? "(code)", location: origin.location,
                message: "more than \(maxPersonas) persona\(maxPersonas == 1 ? "" : "s"); the rest are not loaded",
                setting: PersonaSetting.maxPersonas.rawValue))
            output.declarations.removeLast(output.declarations.count - maxPersonas)
            return true
        }
        return false
    }

    /// Decodes already-parsed documents of one file, checking each against the
    /// schema; every problem found is added to `diagnostics`.
    public func decode(_ documents: [Node], file: String, diagnostics: inout [Diagnostic]) -> PersonaDecoder.Decoded {
        if documents.isEmpty {
            diagnostics.append(Diagnostic(file: file, location: SourceLocation.start, message: "file contains no personas (it is empty or only comments)"))
            return PersonaDecoder.Decoded()
        }
        var result = PersonaDecoder.Decoded()
        for document in documents {
            // A persona without its name would meet the schema's rules for personas by
            // name, one error a field: the decoder says what is wrong instead.
            let schemaFindings = PersonaDecoder.lacksName(document) ? [] : schema?.findings(document, file: file) ?? []
            var decoderFindings: [DocumentFinding] = []
            let decoded = PersonaDecoder.decode(document, file: file, findings: &decoderFindings)
            result.declarations += decoded.declarations
            diagnostics += DocumentFinding.merge(schema: schemaFindings, decoder: decoderFindings)
            result.unloaded.merge(decoded.unloaded) { first, _ in first }
        }
        return result
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

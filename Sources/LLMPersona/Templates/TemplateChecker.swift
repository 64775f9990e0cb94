import DocumentTree

/// Checks the `{placeholders}` of every persona text at build time.
///
/// - every brace misuse is an error at its exact position (block scalars included);
/// - a placeholder that no persona in the chain declares under `variables` is
///   an error, with a suggestion;
/// - a declared variable that no text of the persona uses is a warning.
struct TemplateChecker {
    /// The bytes of each file, to place errors inside values.
    var sources: [String: [UInt8]]

    private var seen = Set<String>()
    private(set) var diagnostics: [Diagnostic] = []

    init(sources: [String: [UInt8]]) {
        self.sources = sources
    }

    /// Checks the brace syntax of every text each declaration writes.
    mutating func checkSyntax(_ declarations: [PersonaDeclaration]) {
        for declaration in declarations {
            for (field, text) in Self.texts(of: declaration) {
                guard case .failure(let list) = Template.parse(text.value) else { continue }
                for error in list.errors {
                    report(.error, "\(error.message) (in \(field))", text: text.value, offset: error.offset, origin: text.origin)
                }
            }
        }
    }

    /// Checks that every placeholder a resolved persona uses is declared, and every declaration used.
    mutating func checkVariables(_ personas: [ResolvedPersona]) {
        for resolved in personas where !resolved.persona.isAbstract {
            let declared = resolved.persona.variables
            var used = Set<String>()
            for (field, text) in Self.texts(of: resolved) {
                for placeholder in Template.placeholders(in: text.value) {
                    used.insert(placeholder.name)
                    guard declared[placeholder.name] == nil else { continue }
                    let hint = Suggestions.hint(for: placeholder.name, in: declared.keys)
                    report(
                        .error,
                        "undeclared variable '\(placeholder.name)'\(hint) in \(field) of '\(resolved.persona.name)': declare it under 'variables'",
                        text: text.value, offset: placeholder.offset, origin: text.origin)
                }
            }
            for (name, declaration) in resolved.variables where !used.contains(name) {
                let origin = declaration.origin
                let key = "warning|\(origin.place)|\(name)"
                guard seen.insert(key).inserted else { continue }
                diagnostics.append(Diagnostic(
                    file: origin.file ?? "(code)", location: origin.location, severity: .warning,
                    message: "variable '\(name)' is declared but no text of '\(resolved.persona.name)' uses it"))
            }
        }
    }

    private mutating func report(_ severity: Diagnostic.Severity, _ message: String, text: String, offset: Int, origin: Origin) {
        var location = origin.location
        if let file = origin.file, let start = origin.location, let source = sources[file] {
            location = SourcePositions.braceLocation(offset: offset, in: text, start: start, source: source)
        }
        let key = "\(origin.file ?? "")|\(location?.description ?? "")|\(message)"
        guard seen.insert(key).inserted else { return }
        diagnostics.append(Diagnostic(file: origin.file ?? "(code)", location: location, severity: severity, message: message))
    }

    /// The texts a declaration writes that may hold placeholders, by field.
    static func texts(of declaration: PersonaDeclaration) -> [(String, Located<String>)] {
        var result: [(String, Located<String>)] = []
        let scalars: [(String, PersonaDeclaration.Scalar?)] = [
            ("role", declaration.role), ("company", declaration.company), ("tone", declaration.tone),
            ("greeting", declaration.greeting),
        ]
        for (field, scalar) in scalars {
            if let scalar, let value = scalar.value { result.append((field, Located(value, scalar.origin))) }
        }
        for (field, edit) in [("capabilities", declaration.capabilities), ("constraints", declaration.constraints)] {
            guard let edit = edit?.value else { continue }
            if case .remove = edit { continue }  // matched against inherited text, not rendered
            result += edit.items.map { (field, $0) }
        }
        for section in declaration.customSections {
            if let value = section.value { result.append(("custom_sections.\(section.key.value)", value)) }
        }
        return result
    }

    /// The texts of a resolved persona, by field.
    static func texts(of resolved: ResolvedPersona) -> [(String, Located<String>)] {
        var result: [(String, Located<String>)] = []
        for field in ["role", "company", "tone", "greeting"] {
            if let value = resolved.scalars[field] { result.append((field, Located(value.value, value.origin))) }
        }
        result += resolved.capabilities.map { ("capabilities", Located($0.value, $0.origin)) }
        result += resolved.constraints.map { ("constraints", Located($0.value, $0.origin)) }
        result += resolved.customSections.map { ("custom_sections.\($0.key)", Located($0.value.value, $0.value.origin)) }
        return result
    }
}

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

    /// One problem, with the key that says it once however many personas share the text.
    private struct Finding: Sendable {
        var key: String
        var diagnostic: Diagnostic
    }

    /// Checks the brace syntax of every text each declaration writes.
    mutating func checkSyntax(_ declarations: [PersonaDeclaration]) {
        let sources = sources
        // Declarations are independent: check them on every core, report in order.
        let found = ParallelMap.map(declarations) { declaration -> [Finding] in
            var findings: [Finding] = []
            for (field, text) in Self.texts(of: declaration) {
                guard case .failure(let list) = Template.parse(text.value) else { continue }
                for error in list.errors {
                    findings.append(Self.finding(
                        .error, "\(error.message) (in \(field))", text: text.value, offset: error.offset, origin: text.origin,
                        sources: sources))
                }
            }
            return findings
        }
        for findings in found { add(findings) }
    }

    /// Checks that every placeholder a resolved persona uses is declared, and every declaration used.
    mutating func checkVariables(_ personas: [ResolvedPersona]) {
        let sources = sources
        let found = ParallelMap.map(personas) { resolved -> [Finding] in
            guard !resolved.persona.isAbstract else { return [] }
            var findings: [Finding] = []
            let declared = resolved.persona.variables
            var used = Set<String>()
            // The lists' placeholder names are kept along the chain: read their
            // (inherited) items only when one of those names is undeclared, to place the error.
            let listNames = resolved.capabilityList.placeholderNames.union(resolved.constraintList.placeholderNames)
            let readLists = listNames.contains { declared[$0] == nil }
            if !readLists { used.formUnion(listNames) }
            for (field, text) in Self.texts(of: resolved, includingLists: readLists) {
                for placeholder in Template.placeholders(in: text.value) {
                    used.insert(placeholder.name)
                    guard declared[placeholder.name] == nil else { continue }
                    let hint = Suggestions.hint(for: placeholder.name, in: declared.keys)
                    findings.append(Self.finding(
                        .error,
                        "undeclared variable '\(placeholder.name)'\(hint) in \(field) of '\(resolved.persona.name)': declare it under 'variables'",
                        text: text.value, offset: placeholder.offset, origin: text.origin, sources: sources))
                }
            }
            for (name, declaration) in resolved.variables where !used.contains(name) {
                let origin = declaration.origin
                findings.append(Finding(
                    key: "warning|\(origin.place)|\(name)",
                    diagnostic: Diagnostic(
                        file: origin.file ?? "(code)", location: origin.location, severity: .warning,
                        message: "variable '\(name)' is declared but no text of '\(resolved.persona.name)' uses it")))
            }
            return findings
        }
        for findings in found { add(findings) }
    }

    private mutating func add(_ findings: [Finding]) {
        for finding in findings where seen.insert(finding.key).inserted {
            diagnostics.append(finding.diagnostic)
        }
    }

    private static func finding(
        _ severity: Diagnostic.Severity, _ message: String, text: String, offset: Int, origin: Origin, sources: [String: [UInt8]]
    ) -> Finding {
        var location = origin.location
        if let file = origin.file, let start = origin.location, let source = sources[file] {
            location = SourcePositions.braceLocation(offset: offset, in: text, start: start, source: source)
        }
        return Finding(
            key: "\(origin.file ?? "")|\(location?.description ?? "")|\(message)",
            diagnostic: Diagnostic(file: origin.file ?? "(code)", location: location, severity: severity, message: message))
    }

    /// Which field a text is in, as messages name it (`custom_sections.NAME` is
    /// spelled out only for a message).
    enum Field: CustomStringConvertible {
        case named(String)
        case section(String)

        var description: String {
            switch self {
            case .named(let name): name
            case .section(let name): "custom_sections.\(name)"
            }
        }
    }

    /// The texts a declaration writes that may hold placeholders, by field.
    static func texts(of declaration: PersonaDeclaration) -> [(Field, Located<String>)] {
        var result: [(Field, Located<String>)] = []
        let scalars: [(String, PersonaDeclaration.Scalar?)] = [
            ("role", declaration.role), ("company", declaration.company), ("tone", declaration.tone),
            ("greeting", declaration.greeting),
        ]
        for (field, scalar) in scalars {
            if let scalar, let value = scalar.value { result.append((.named(field), Located(value, scalar.origin))) }
        }
        for (field, edit) in [("capabilities", declaration.capabilities), ("constraints", declaration.constraints)] {
            guard let edit = edit?.value else { continue }
            if case .remove = edit { continue }  // matched against inherited text, not rendered
            result += edit.items.map { (.named(field), $0) }
        }
        for section in declaration.customSections {
            if let value = section.value { result.append((.section(section.key.value), value)) }
        }
        return result
    }

    /// The texts of a resolved persona, by field.
    static func texts(of resolved: ResolvedPersona, includingLists: Bool = true) -> [(Field, Located<String>)] {
        var result: [(Field, Located<String>)] = []
        for field in ["role", "company", "tone", "greeting"] {
            if let value = resolved.scalars[field] { result.append((.named(field), Located(value.value, value.origin))) }
        }
        if includingLists {
            result += resolved.capabilities.map { (.named("capabilities"), Located($0.value, $0.origin)) }
            result += resolved.constraints.map { (.named("constraints"), Located($0.value, $0.origin)) }
        }
        result += resolved.customSections.map { (.section($0.key), Located($0.value.value, $0.value.origin)) }
        return result
    }
}

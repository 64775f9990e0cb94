import DocumentTree
import HashTreeCollections
import OrderedCollections

/// Checks the `{placeholders}` of every persona text at build time.
///
/// - every brace misuse is an error at its exact position (block scalars included);
/// - a placeholder that no persona in the chain declares under `variables` is
///   an error, with a suggestion, once per text however many personas inherit it;
/// - a declared variable that no text of the persona uses is a warning, once
///   per place (see ``unusedVariables(_:used:)``).
struct TemplateChecker {
    /// Where the braces of each file stand, to place errors inside values.
    var braces: [String: SourceBraces]

    private var seen = Set<String>()
    private(set) var diagnostics: [Diagnostic] = []

    init(braces: [String: SourceBraces]) {
        self.braces = braces
    }

    /// One problem, with the key that says it once however many personas share the text.
    private struct Finding: Sendable {
        var key: String
        var diagnostic: Diagnostic
    }

    /// Checks the brace syntax of every text each declaration writes.
    mutating func checkSyntax(_ declarations: [PersonaDeclaration]) {
        let braces = braces
        // Declarations are independent: check them on every core, report in order.
        let found = ParallelMap.map(declarations) { declaration -> [Finding] in
            var findings: [Finding] = []
            Self.forEachText(of: declaration) { field, text in
                guard !Template.isWellFormed(text.value) else { return }
                do throws(Template.SyntaxErrors) {
                    _ = try Template.parse(text.value)
                } catch {
                    for problem in error.errors {
                        findings.append(Self.finding(
                            .error, "\(problem.message) (in \(field))", text: text.value, offset: problem.offset,
                            origin: text.origin, braces: braces))
                    }
                }
            }
            return findings
        }
        for findings in found { add(findings) }
    }

    /// Checks that every placeholder a resolved persona uses is declared, and
    /// (with `reportsUnused`) that every declaration is used.
    ///
    /// Each problem is reported once, at its place, however many personas
    /// inherit it: an undeclared placeholder in a text is one error at the
    /// placeholder, with a note naming the other personas it affects; an unused
    /// declaration is one warning (see ``unusedVariables(_:used:)``).
    mutating func checkVariables(_ personas: [ResolvedPersona], reportsUnused: Bool = true) {
        let scans = ParallelMap.map(personas) { resolved -> (used: Set<String>, undeclared: [Use]) in
            var used = Set<String>()
            var undeclared: [Use] = []
            let declared = resolved.persona.variables
            // The lists' placeholder names are kept along the chain: read their
            // (inherited) items only when one of those names is undeclared, to place the error.
            let listNames = resolved.capabilityList.placeholderNames.union(resolved.constraintList.placeholderNames)
            let readLists = listNames.contains { declared[$0] == nil }
            if !readLists { used.formUnion(listNames) }
            Self.forEachTextWithBraces(of: resolved, includingLists: readLists) { field, text in
                for placeholder in Template.placeholders(in: text.value) {
                    used.insert(placeholder.name)
                    // An abstract base may use what only its descendants declare.
                    guard declared[placeholder.name] == nil, !resolved.persona.isAbstract else { continue }
                    undeclared.append(Use(
                        origin: text.origin, field: field.description, text: text.value, offset: placeholder.offset,
                        name: placeholder.name))
                }
            }
            return (used, undeclared)
        }
        // Gather the personas each use affects, in persona order.
        var uses: [Use] = []
        var affected: [Use: [Int]] = [:]
        for (index, scan) in scans.enumerated() {
            for use in scan.undeclared {
                if affected[use] == nil { uses.append(use) }
                affected[use, default: []].append(index)
            }
        }
        var position: [String: Int] = [:]
        if !uses.isEmpty {
            for (index, resolved) in personas.enumerated() where position[resolved.persona.name] == nil {
                position[resolved.persona.name] = index
            }
        }
        for use in uses {
            let indices = affected[use] ?? []
            var seen = Set<String>()
            let declared = indices.flatMap { personas[$0].persona.variables.keys }.filter { seen.insert($0).inserted }
            let hint = Suggestions.hint(for: use.name, in: declared)
            var location = use.origin.location
            if let file = use.origin.file, let start = location, let fileBraces = braces[file] {
                location = SourcePositions.braceLocation(offset: use.offset, in: use.text, start: start, braces: fileBraces)
            }
            let others = indices.filter { personas[$0].persona.name != use.origin.persona }
            // The text's own persona may declare the variable while a descendant that
            // inherits the text clears it: then say who lacks it.
            let ownerDeclares = position[use.origin.persona].map { personas[$0].persona.variables[use.name] != nil } ?? false
            let lacking = !ownerDeclares || others.isEmpty ? "" : " (declared there, but not by \(Self.list(others.map { personas[$0].persona.name })), which inherit\(others.count == 1 ? "s" : "") it)"
            diagnostics.append(Diagnostic(
                file: use.origin.file ?? "(code)", location: location,
                message: "undeclared variable '\(use.name)'\(hint) in \(use.field) of '\(use.origin.persona)'\(lacking): declare it under 'variables'"))
            if let first = others.first {
                let names = Self.list(others.map { personas[$0].persona.name })
                let which = others.count == 1 ? "which does" : "which do"
                diagnostics.append(Diagnostic(
                    file: personas[first].origin.file ?? "(code)", location: personas[first].origin.location, severity: .note,
                    message: "inherited by \(names), \(which) not declare '\(use.name)'"))
            }
        }
        if reportsUnused {
            diagnostics += Self.unusedVariables(personas, used: scans.map(\.used))
        }
    }

    /// One placeholder of one text: the same for every persona that inherits the text.
    private struct Use: Hashable, Sendable {
        var origin: Origin
        var field: String
        var text: String
        var offset: Int
        var name: String
    }

    /// The warnings for declared variables no text uses.
    ///
    /// A persona *misses* a variable it has when none of its texts (prompt
    /// texts and greeting) uses it. A declaration's missing personas form
    /// subtrees of the inheritance tree; each subtree with a concrete persona
    /// in it is one warning, at its top: at the declaration when the declaring
    /// persona misses it, else at the persona whose texts stopped using it (it
    /// overrode or removed the text that did). The warning names the other
    /// concrete personas of the subtree, so a base's unused variable is said
    /// once, not once per descendant.
    static func unusedVariables(_ personas: [ResolvedPersona], used: [Set<String>]) -> [Diagnostic] {
        var index: [String: Int] = [:]
        for (i, resolved) in personas.enumerated() where index[resolved.persona.name] == nil { index[resolved.persona.name] = i }
        func parent(_ i: Int) -> Int? { personas[i].persona.parent.flatMap { index[$0] } }
        struct Declaration: Hashable {
            var origin: Origin
            var name: String
        }
        var declarations: [Declaration] = []
        var missing: [Declaration: [Int]] = [:]
        for (i, resolved) in personas.enumerated() {
            for (name, declaration) in resolved.variables where !used[i].contains(name) {
                let key = Declaration(origin: declaration.origin, name: name)
                if missing[key] == nil { declarations.append(key) }
                missing[key, default: []].append(i)
            }
        }
        var diagnostics: [Diagnostic] = []
        for declaration in declarations {
            let members = missing[declaration] ?? []
            let inGroup = Set(members)
            // The top of each member's subtree, found once per member.
            var top: [Int: Int] = [:]
            func findTop(_ start: Int) -> Int {
                var path: [Int] = []
                var current = start
                while top[current] == nil {
                    path.append(current)
                    guard personas[current].persona.name != declaration.origin.persona,
                          let up = parent(current), inGroup.contains(up)
                    else { break }
                    current = up
                }
                let found = top[current] ?? current
                for member in path { top[member] = found }
                return found
            }
            var tops: [Int] = []
            var concrete: [Int: [Int]] = [:]
            for member in members {
                let t = findTop(member)
                if concrete[t] == nil {
                    tops.append(t)
                    concrete[t] = []
                }
                if !personas[member].persona.isAbstract { concrete[t, default: []].append(member) }
            }
            for t in tops {
                let affected = concrete[t] ?? []
                guard !affected.isEmpty else { continue }
                let persona = personas[t].persona.name
                let declares = persona == declaration.origin.persona
                let origin = declares ? declaration.origin : personas[t].origin
                let others = affected.filter { $0 != t }
                let verb = others.count == 1 ? "inherits" : "inherit"
                let nor = others.isEmpty ? "" : ", nor of \(list(others.map { personas[$0].persona.name })), which \(verb) it"
                let message = declares
                    ? "variable '\(declaration.name)' is declared but no text of '\(persona)' uses it\(nor)"
                    : "variable '\(declaration.name)' is inherited from '\(declaration.origin.persona)' but no text of '\(persona)' uses it\(nor)"
                diagnostics.append(Diagnostic(
                    file: origin.file ?? "(code)", location: origin.location, severity: .warning, message: message))
            }
        }
        return diagnostics
    }

    /// `'A'`, `'A' and 'B'`, `'A', 'B' and 'C'`, `'A', 'B', 'C' and 4 more`.
    static func list(_ names: [String]) -> String {
        let quoted = names.prefix(3).map { "'\($0)'" }
        if names.count > 3 { return quoted.joined(separator: ", ") + " and \(names.count - 3) more" }
        if quoted.count <= 1 { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
    }

    private mutating func add(_ findings: [Finding]) {
        for finding in findings where seen.insert(finding.key).inserted {
            diagnostics.append(finding.diagnostic)
        }
    }

    private static func finding(
        _ severity: Diagnostic.Severity, _ message: String, text: String, offset: Int, origin: Origin, braces: [String: SourceBraces]
    ) -> Finding {
        var location = origin.location
        if let file = origin.file, let start = origin.location, let fileBraces = braces[file] {
            location = SourcePositions.braceLocation(offset: offset, in: text, start: start, braces: fileBraces)
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

    /// Calls `body` with each text a declaration writes that may hold
    /// placeholders, by field, in field order (no list of them is built).
    static func forEachText(of declaration: PersonaDeclaration, _ body: (Field, Located<String>) -> Void) {
        for field in PersonaField.placeholderScalars {
            if let scalar = declaration[scalar: field], let value = scalar.value {
                body(.named(field.key), Located(value, scalar.origin))
            }
        }
        for field in PersonaField.placeholderLists {
            guard let edit = declaration[list: field]?.value else { continue }
            if case .remove = edit { continue }  // matched against inherited text, not rendered
            for item in edit.items { body(.named(field.key), item) }
        }
        for section in declaration.customSections {
            if let value = section.value { body(.section(section.key.value), value) }
        }
    }

    /// Calls `body` with each text of a resolved persona that holds a `{`, by
    /// field (the list items only when `includingLists`). A persona deep in a
    /// chain inherits many texts, nearly all without braces: they are skipped
    /// without building anything.
    static func forEachTextWithBraces(
        of resolved: ResolvedPersona, includingLists: Bool = true, _ body: (Field, Located<String>) -> Void
    ) {
        func hasBrace(_ text: String) -> Bool {
            // Most texts hold no brace at all: the word-at-a-time scan says so first.
            guard Template.holdsBrace(text) else { return false }
            var text = text
            return text.withUTF8 { $0.contains(Template.BraceScanner.open) }
        }
        for field in PersonaField.placeholderScalars {
            if let value = resolved.scalars[field], hasBrace(value.value) { body(.named(field.key), Located(value.value, value.origin)) }
        }
        if includingLists {
            for field in PersonaField.placeholderLists {
                for item in resolved[list: field] where hasBrace(item.value) { body(.named(field.key), Located(item.value, item.origin)) }
            }
        }
        for (name, text) in resolved.customSections where hasBrace(text.value) { body(.section(name), Located(text.value, text.origin)) }
    }
}

import DocumentTree

/// Reads persona declarations out of a parsed document.
///
/// Two file shapes are accepted, both from the original library:
/// - one persona per document: a mapping with a `name` field;
/// - a mapping from persona name to that persona's fields (the
///   `personas.yaml` layout), where the fields have no `name`.
///
/// The decoder checks types itself, so it never trusts a document that a
/// replaced (`--schema`) or absent schema let through; every problem becomes
/// a diagnostic with its position, and decoding goes on to find the rest.
public enum PersonaDecoder {
    /// The fields a persona may have, in the order the schema lists them.
    public static let fields = PersonaField.allCases.map(\.key)

    /// What one document declares.
    public struct Decoded: Sendable {
        /// The personas declared without errors, in document order.
        public var declarations: [PersonaDeclaration] = []
        /// Each persona left out because its declaration has errors, with the first of them.
        public var unloaded: [String: Diagnostic] = [:]
    }

    /// The declarations in `document`, read from `file`; every problem found is
    /// added to `diagnostics`.
    public static func decode(_ document: Node, file: String, diagnostics: inout [Diagnostic]) -> Decoded {
        var findings: [DocumentFinding] = []
        let decoded = decode(document, file: file, findings: &findings)
        diagnostics += findings.map(\.diagnostic)
        return decoded
    }

    /// `decode(_:file:diagnostics:)`, with what each problem is about.
    static func decode(_ document: Node, file: String, findings: inout [DocumentFinding]) -> Decoded {
        var context = Context(file: file)
        defer { findings += context.findings }
        var decoded = Decoded()
        guard let root = document.objectValue else {
            context.error(
                "expected a persona (a mapping with 'name') or a mapping of persona names to personas, found \(describe(document))",
                at: document.location, about: .value(at: []))
            return decoded
        }
        if let nameNode = root["name"], nameNode.objectValue == nil {
            // One persona: the document is its fields.
            guard let name = nameNode.stringValue else {
                context.error("'name' must be a string, found \(describe(nameNode))", at: nameNode.location, about: .value(at: ["name"]))
                return decoded
            }
            if let declaration = context.declaration(
                named: name, nameLocation: nameNode.location, fields: root, mapping: document, path: [], nameIsField: true
            ) {
                decoded.declarations.append(declaration)
            }
        } else if lacksName(document) {
            // One persona whose 'name' is missing or misspelt (`nme: Nina`): read as
            // personas by name, each of its fields would be an error of its own. Say
            // what is wrong once, and check its fields as a persona's.
            let nearMiss = root.entries.first { Suggestions.closest(to: $0.key, in: ["name"]) != nil }
            if nearMiss == nil {
                context.error(
                    "missing required field 'name' (a persona file is one persona with 'name', or persona names as keys)",
                    at: document.location, about: .missing("", member: "name"))
            }
            // Misspelt, the key is reported as an unknown field (with the hint) among the others.
            let name = nearMiss?.value.stringValue.flatMap { PersonaName.isValid($0) ? $0 : nil } ?? "persona"
            _ = context.declaration(
                named: name, nameLocation: nearMiss?.value.location ?? document.location, fields: root, mapping: document,
                path: [], nameIsField: true)
        } else {
            if root.isEmpty {
                context.error(
                    "no personas defined: expected a mapping with 'name', or persona names as keys",
                    at: document.location, about: .value(at: []))
            }
            for entry in root {
                guard let fields = entry.value.objectValue else {
                    context.error(
                        "persona '\(entry.key)' must be a mapping of fields, found \(describe(entry.value))"
                            + (fields.contains(entry.key) ? " (this file has no 'name', so its keys are read as persona names)" : ""),
                        at: entry.value.location, about: .value(at: [entry.key]))
                    continue
                }
                if let declaration = context.declaration(
                    named: entry.key, nameLocation: entry.keyLocation, fields: fields, mapping: entry.value,
                    path: [entry.key], nameIsField: false
                ) {
                    decoded.declarations.append(declaration)
                }
            }
        }
        decoded.unloaded = context.unloaded
        return decoded
    }

    /// Whether `document` is one persona without its `name` rather than a
    /// mapping of persona names: it has no `name`, and a key that is a persona
    /// field or close to `name` holds something other than a mapping (a
    /// persona's fields always are one).
    public static func lacksName(_ document: Node) -> Bool {
        guard let root = document.objectValue, root["name"] == nil else { return false }
        return root.entries.contains { entry in
            entry.value.objectValue == nil
                && (fields.contains(entry.key) || Suggestions.closest(to: entry.key, in: ["name"]) != nil)
        }
    }

    /// `string 'x'`, `number 1.10`, `boolean true`, `null`, `a list`, `a mapping`.
    static func describe(_ node: Node) -> String {
        switch node.value {
        case .null: "null"
        case .bool(let b): "boolean \(b)"
        case .number(let n): "number \(n.sourceText)"
        case .string(let s): "string '\(s)'"
        case .array: "a list"
        case .object: "a mapping"
        }
    }

    private struct Context {
        let file: String
        var findings: [DocumentFinding] = []
        /// Personas left out for errors in their declarations, with the first error.
        var unloaded: [String: Diagnostic] = [:]
        /// Where the persona being read is in the document (tokens from its root).
        var path: [String] = []

        mutating func error(_ message: String, at location: SourceLocation, about subject: DocumentFinding.Subject) {
            findings.append(DocumentFinding(subject: subject, diagnostic: Diagnostic(file: file, location: location, message: message)))
        }

        /// The value at `tokens` inside the persona being read.
        func valueOf(_ tokens: String...) -> DocumentFinding.Subject { .value(at: path + tokens) }
        /// The key ending `tokens` inside the persona being read.
        func keyOf(_ tokens: String...) -> DocumentFinding.Subject { .key(at: path + tokens) }

        /// The persona `name`, its fields read from `fields` (the mapping `mapping`, at
        /// `path` in the document); `nil` when it has errors.
        mutating func declaration(
            named name: String, nameLocation: SourceLocation, fields: Mapping, mapping: Node, path: [String], nameIsField: Bool
        ) -> PersonaDeclaration? {
            self.path = path
            let errorsBefore = findings.count
            do {
                try PersonaName.check(name)
            } catch let invalid {
                // The name is the value of `name`, or the key naming the persona.
                error(invalid.message, at: nameLocation, about: nameIsField ? valueOf("name") : .key(at: path))
            }
            // One origin, moved to each value's position: they all share its persona and file.
            let origin = Origin(persona: name, file: file, location: mapping.location)
            var declaration = PersonaDeclaration(name: Located(name, origin.at(nameLocation)), origin: origin)
            func here(_ location: SourceLocation) -> Origin { origin.at(location) }

            for entry in fields {
                let node = entry.value
                let known = PersonaField(rawValue: entry.key)
                switch entry.key {
                case "name":
                    if !nameIsField {
                        error(
                            "'name' is not allowed here: in this file shape the key '\(name)' names the persona",
                            at: entry.keyLocation, about: keyOf("name"))
                    }
                case "parent":
                    if let value = string(node, field: "parent") {
                        // A name no persona can have is not looked up (it would only be "unknown").
                        do {
                            try PersonaName.check(value)
                            declaration.parent = Located(value, here(node.location))
                        } catch let invalid {
                            error("invalid 'parent': \(invalid.message)", at: node.location, about: valueOf("parent"))
                        }
                    }
                case "abstract":
                    if let value = node.boolValue {
                        declaration.isAbstract = value
                    } else {
                        error("'abstract' must be true or false, found \(describe(node))", at: node.location, about: valueOf("abstract"))
                    }
                case let key where known?.kind == .scalar:
                    guard let field = known,
                          case .some(let value) = scalar(node, field: key) else { continue }
                    if value == nil && !field.mayBeNull {
                        error("'\(key)' must not be null: every persona needs a \(key)", at: node.location, about: valueOf(key))
                        continue
                    }
                    declaration[scalar: field] = Located(value, here(node.location))
                case let key where known?.kind == .list:
                    guard let field = known else { continue }
                    declaration[list: field] = list(node, field: key, origin: origin).map { Located($0, here(node.location)) }
                case "custom_sections":
                    guard let sections = node.objectValue else {
                        error(
                            "'custom_sections' must be a mapping of section name to text, found \(describe(node))",
                            at: node.location, about: valueOf("custom_sections"))
                        continue
                    }
                    rejectNormalisationTwins(sections, field: "custom_sections")
                    for section in sections {
                        let key = Located(section.key, here(section.keyLocation))
                        if section.value.isNull {
                            declaration.customSections.append(MapEntryEdit(key: key, value: nil))
                        } else if let text = section.value.stringValue {
                            declaration.customSections.append(MapEntryEdit(key: key, value: Located(text, here(section.value.location))))
                        } else {
                            error(
                                "section '\(section.key)' must be text, found \(describe(section.value))\(quoteHint(section.value))",
                                at: section.value.location, about: valueOf("custom_sections", section.key))
                        }
                    }
                case "variables":
                    guard let variables = node.objectValue else {
                        error(
                            "'variables' must be a mapping of variable name to its declaration, found \(describe(node))",
                            at: node.location, about: valueOf("variables"))
                        continue
                    }
                    rejectNormalisationTwins(variables, field: "variables")
                    for variable in variables {
                        let key = Located(variable.key, here(variable.keyLocation))
                        if variable.value.isNull {
                            declaration.variables.append(MapEntryEdit(key: key, value: nil))
                        } else if let parsed = variableDeclaration(variable.value, name: variable.key) {
                            declaration.variables.append(MapEntryEdit(key: key, value: Located(parsed, here(variable.value.location))))
                        }
                    }
                default:
                    error(
                        "unknown field '\(entry.key)'" + Suggestions.hint(for: entry.key, in: PersonaDecoder.fields),
                        at: entry.keyLocation, about: keyOf(entry.key))
                }
            }
            guard findings.count == errorsBefore else {
                if unloaded[name] == nil { unloaded[name] = findings[errorsBefore].diagnostic }
                return nil
            }
            return declaration
        }

        /// Reports keys of `mapping` that differ only in Unicode normalisation (`é`
        /// precomposed and decomposed). The document keeps them apart, as JSON does,
        /// but a persona's sections and variables are looked up by name, where the
        /// two would read as one and one value would be lost.
        mutating func rejectNormalisationTwins(_ mapping: Mapping, field: String) {
            var first: [String: Mapping.Entry] = [:]  // `String ==` is canonical equivalence
            for entry in mapping {
                if let twin = first[entry.key] {
                    error(
                        "'\(field)' key '\(entry.key)' (\(codePoints(entry.key))) differs from '\(twin.key)' (\(codePoints(twin.key)), at \(twin.keyLocation)) "
                            + "only in Unicode normalisation; use one spelling",
                        at: entry.keyLocation, about: keyOf(field, entry.key))
                } else {
                    first[entry.key] = entry
                }
            }
        }

        /// `U+0065 U+0301`: the scalars of a short text, to tell look-alikes apart.
        func codePoints(_ text: String) -> String {
            let shown = text.unicodeScalars.prefix(8).map { scalar in
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
            return shown.joined(separator: " ") + (text.unicodeScalars.count > 8 ? " …" : "")
        }

        /// A string field; `nil` after reporting when it is not a string.
        mutating func string(_ node: Node, field: String) -> String? {
            if let value = node.stringValue { return value }
            error("'\(field)' must be a string, found \(describe(node))\(quoteHint(node))", at: node.location, about: valueOf(field))
            return nil
        }

        /// An optional scalar field: `.some(nil)` for an explicit null, `nil` after reporting an error.
        mutating func scalar(_ node: Node, field: String) -> String?? {
            if node.isNull { return .some(nil) }
            if let value = node.stringValue { return .some(value) }
            error("'\(field)' must be a string, found \(describe(node))\(quoteHint(node))", at: node.location, about: valueOf(field))
            return nil
        }

        /// A list field, plain or as a directive mapping.
        mutating func list(_ node: Node, field: String, origin declared: Origin) -> ListEdit? {
            func origin(_ location: SourceLocation) -> Origin { declared.at(location) }
            func items(_ node: Node, context: String, at tokens: [String]) -> [Located<String>]? {
                guard let array = node.arrayValue else {
                    error("'\(context)' must be a list of strings, found \(describe(node))", at: node.location, about: .value(at: path + tokens))
                    return nil
                }
                var result: [Located<String>] = []
                var ok = true
                for (index, item) in array.enumerated() {
                    if let text = item.stringValue {
                        result.append(Located(text, origin(item.location)))
                    } else {
                        error(
                            "'\(field)' items must be strings, found \(describe(item))\(quoteHint(item))",
                            at: item.location, about: .value(at: path + tokens + [String(index)]))
                        ok = false
                    }
                }
                return ok ? result : nil
            }
            if let directives = node.objectValue {
                let known = ListEdit.Directive.allCases.map(\.rawValue)
                guard directives.count == 1, let entry = directives.entries.first,
                      let directive = ListEdit.Directive(rawValue: entry.key) else {
                    if let unknown = directives.entries.first(where: { !known.contains($0.key) }) {
                        error(
                            "unknown directive '\(unknown.key)' in '\(field)'\(Suggestions.hint(for: unknown.key, in: known)); use one of \(ListEdit.directiveNames)",
                            at: unknown.keyLocation, about: keyOf(field, unknown.key))
                    } else {
                        error(
                            "'\(field)' as a mapping takes exactly one of \(ListEdit.directiveNames)",
                            at: node.location, about: valueOf(field))
                    }
                    return nil
                }
                guard let list = items(entry.value, context: "\(field).\(entry.key)", at: [field, entry.key]) else { return nil }
                return ListEdit(directive, list)
            }
            if node.isNull {
                error(
                    "'\(field)' must be a list of strings, found null (use '\(field): {replace: []}' to clear an inherited list)",
                    at: node.location, about: valueOf(field))
                return nil
            }
            return items(node, context: field, at: [field]).map { .append($0) }
        }

        mutating func variableDeclaration(_ node: Node, name: String) -> VariableDeclaration? {
            guard let mapping = node.objectValue else {
                error(
                    "variable '\(name)' must be a mapping with description, default and required, found \(describe(node))",
                    at: node.location, about: valueOf("variables", name))
                return nil
            }
            var result = VariableDeclaration()
            var ok = true
            for entry in mapping {
                switch entry.key {
                case "description":
                    if let text = entry.value.stringValue { result.description = text } else if !entry.value.isNull {
                        error(
                            "variable '\(name)': 'description' must be a string, found \(describe(entry.value))",
                            at: entry.value.location, about: valueOf("variables", name, entry.key))
                        ok = false
                    }
                case "default":
                    if let text = entry.value.stringValue { result.defaultValue = text } else if !entry.value.isNull {
                        error(
                            "variable '\(name)': 'default' must be a string, found \(describe(entry.value))\(quoteHint(entry.value))",
                            at: entry.value.location, about: valueOf("variables", name, entry.key))
                        ok = false
                    }
                case "required":
                    if let flag = entry.value.boolValue { result.isRequired = flag } else {
                        error(
                            "variable '\(name)': 'required' must be true or false, found \(describe(entry.value))",
                            at: entry.value.location, about: valueOf("variables", name, entry.key))
                        ok = false
                    }
                default:
                    error(
                        "variable '\(name)': unknown field '\(entry.key)'\(Suggestions.hint(for: entry.key, in: ["description", "default", "required"]))",
                        at: entry.keyLocation, about: keyOf("variables", name, entry.key))
                    ok = false
                }
            }
            return ok ? result : nil
        }

        /// ` — quote it: "1.10"` for numbers and booleans where text was surely meant.
        func quoteHint(_ node: Node) -> String {
            switch node.value {
            case .number(let n): " — quote it: \"\(n.sourceText)\""
            case .bool(let b): " — quote it: \"\(b)\""
            default: ""
            }
        }
    }
}

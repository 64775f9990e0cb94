/// Writes a ``GeneratedModule`` as one Swift file with no dependencies.
///
/// `Personas.mayaPremium.systemPrompt(user_name: "Ada")` is the typed call:
/// one argument label per variable, in declaration order, required ones
/// without a default. `Personas.all["MayaPremium"]?.systemPrompt(["user_name": "Ada"])`
/// is the dynamic one, throwing ``VariableError`` for a missing required or an
/// unknown variable. Each persona's type is `Personas.<UpperCamelName>Persona`.
public enum SwiftEmitter {
    /// The file's text.
    public static func emit(_ module: GeneratedModule) -> String {
        var out = GeneratedHeader.lines(module, language: .swift).map { "// " + $0 }.joined(separator: "\n") + "\n"
        out += """

            /// The personas, each with a typed accessor, and ``all`` by name.
            public enum Personas {
                /// Why ``Entry`` could not fill a text with values given by name.
                public enum VariableError: Error, Sendable, Hashable, CustomStringConvertible {
                    /// A required variable was given no value.
                    case missingVariable(persona: String, name: String)
                    /// A value was given for a variable the persona does not take.
                    case unknownVariable(persona: String, name: String)

                    public var description: String {
                        switch self {
                        case .missingVariable(let persona, let name):
                            return "missing value for required variable '\\(name)' of persona '\\(persona)'"
                        case .unknownVariable(let persona, let name):
                            return "unknown variable '\\(name)' of persona '\\(persona)'"
                        }
                    }
                }

                /// A persona for dynamic use: values by variable name, as declared.
                public struct Entry: Sendable {
                    /// The persona's name.
                    public let name: String
                    /// The persona's version, when it has one.
                    public let version: String?
                    /// The fingerprint of the prompt template (before any variable is filled).
                    public let fingerprint: String
                    /// The chain of names from the root ancestor down to this persona.
                    public let lineage: [String]
                    /// The variables it takes, in declaration order, with their defaults (`nil`: required).
                    public let variables: [(name: String, defaultValue: String?)]
                    let fillPrompt: @Sendable ([String: String]) -> String
                    let fillGreeting: @Sendable ([String: String]) -> String?

                    /// The system prompt filled with `values`, then defaults.
                    public func systemPrompt(_ values: [String: String] = [:]) throws(VariableError) -> String {
                        try check(values)
                        return fillPrompt(values)
                    }

                    /// The greeting filled with `values`, then defaults; `nil` when the persona has none.
                    public func greeting(_ values: [String: String] = [:]) throws(VariableError) -> String? {
                        try check(values)
                        return fillGreeting(values)
                    }

                    private func check(_ values: [String: String]) throws(VariableError) {
                        for key in values.keys.sorted() where !variables.contains(where: { $0.name == key }) {
                            throw .unknownVariable(persona: name, name: key)
                        }
                        for variable in variables where variable.defaultValue == nil && values[variable.name] == nil {
                            throw .missingVariable(persona: name, name: variable.name)
                        }
                    }
                }

            """
        for persona in module.personas {
            out += "\n" + documentation(persona, indent: "    ")
            out += "    public static let \(persona.identifier) = \(typeName(persona))()\n"
        }
        out += "\n    /// Every persona, by name.\n"
        if module.personas.isEmpty {
            out += "    public static let all: [String: Entry] = [:]\n"
        } else {
            out += "    public static let all: [String: Entry] = [\n"
            for persona in module.personas {
                out += entry(persona)
            }
            out += "    ]\n"
        }
        for persona in module.personas {
            out += "\n" + type(persona)
        }
        out += "}\n"
        return out
    }

    /// `Personas.<UpperCamelName>Persona`'s name (unique: the accessors are).
    static func typeName(_ persona: GeneratedPersona) -> String {
        persona.identifier.prefix(1).uppercased() + persona.identifier.dropFirst() + "Persona"
    }

    private static func entry(_ persona: GeneratedPersona) -> String {
        let variables = persona.parameters.map {
            "(\(StringLiterals.swift($0.name)), \($0.defaultValue.map(StringLiterals.swift) ?? "nil"))"
        }
        let arguments = persona.parameters.map { parameter in
            "\(GeneratedIdentifiers.swiftLabel(parameter.name, inDeclaration: false)): values[\(StringLiterals.swift(parameter.name))] ?? \(StringLiterals.swift(parameter.defaultValue ?? ""))"
        }.joined(separator: ", ")
        let valuesName = persona.parameters.isEmpty ? "_" : "values"
        return """
                    \(StringLiterals.swift(persona.name)): Entry(
                        name: \(StringLiterals.swift(persona.name)), version: \(persona.version.map(StringLiterals.swift) ?? "nil"),
                        fingerprint: \(StringLiterals.swift(persona.fingerprint)), lineage: [\(persona.lineage.map(StringLiterals.swift).joined(separator: ", "))],
                        variables: [\(variables.joined(separator: ", "))],
                        fillPrompt: { \(valuesName) in Personas.\(persona.identifier).systemPrompt(\(arguments)) },
                        fillGreeting: { \(valuesName) in Personas.\(persona.identifier).greeting(\(arguments)) }),

            """
    }

    private static func type(_ persona: GeneratedPersona) -> String {
        let parameters = persona.parameters.enumerated().map { index, parameter in
            "\(GeneratedIdentifiers.swiftLabel(parameter.name, inDeclaration: true)) v\(index): String" + (parameter.defaultValue.map { " = " + StringLiterals.swift($0) } ?? "")
        }.joined(separator: ", ")
        var out = documentation(persona, indent: "    ") + """
                public struct \(typeName(persona)): Sendable {
                    /// The persona's name.
                    public let name = \(StringLiterals.swift(persona.name))
                    /// The persona's version, when it has one.
                    public let version: String? = \(persona.version.map(StringLiterals.swift) ?? "nil")
                    /// The fingerprint of the prompt template (before any variable is filled).
                    public let fingerprint = \(StringLiterals.swift(persona.fingerprint))
                    /// The chain of names from the root ancestor down to this persona.
                    public let lineage: [String] = [\(persona.lineage.map(StringLiterals.swift).joined(separator: ", "))]

            \(parameterDocumentation(persona))
                    public func systemPrompt(\(parameters)) -> String {
            \(body(persona.systemPrompt, persona))
                    }

            """
        if let greeting = persona.greeting {
            out += """

                        /// The greeting, filled like the prompt.
                        public func greeting(\(parameters)) -> String {
                \(body(greeting, persona))
                        }

                """
        } else {
            out += """

                        /// The persona has no greeting.
                        public func greeting(\(parameters)) -> String? {
                            nil
                        }

                """
        }
        out += "    }\n"
        return out
    }

    /// `/// The persona NAME.` and its description, as doc comment lines ending with a line break.
    private static func documentation(_ persona: GeneratedPersona, indent: String) -> String {
        var lines = ["The persona \(StringLiterals.comment(persona.name))."]
        if let description = persona.description { lines += [""] + StringLiterals.commentLines(description) }
        return lines.map { (indent + "/// " + $0).trimmingTrailingSpaces }.joined(separator: "\n") + "\n"
    }

    /// `systemPrompt`'s doc comment: its summary, then the `- Parameters:` list of
    /// the variables that have a description.
    private static func parameterDocumentation(_ persona: GeneratedPersona) -> String {
        let summary = "        /// The system prompt with these values."
        let described = persona.parameters.compactMap { parameter in
            parameter.description.map { (parameter.name, StringLiterals.commentLines($0).joined(separator: " ")) }
        }
        guard !described.isEmpty else { return summary }
        return ([summary, "        ///", "        /// - Parameters:"] + described.map { "        ///   - \($0.0): \($0.1)" })
            .joined(separator: "\n")
    }

    /// A function body returning `pieces` joined.
    private static func body(_ pieces: [GeneratedPiece], _ persona: GeneratedPersona) -> String {
        let indent = "            "
        let parameterPieces = pieces.compactMap { if case .parameter(let index) = $0 { index } else { nil } }
        guard !parameterPieces.isEmpty else {
            let literal = pieces.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
            return indent + "return " + StringLiterals.swift(literal)
        }
        var lines = [indent + "var text = \"\""]
        let sizes = parameterPieces.map { "v\($0).utf8.count" }
        lines.append(indent + "text.reserveCapacity(\(([String(pieces.literalUTF8Count)] + sizes).joined(separator: " + ")))")
        for piece in pieces {
            switch piece {
            case .literal(let text): lines.append(indent + "text += " + StringLiterals.swift(text))
            case .parameter(let index): lines.append(indent + "text += v\(index)")
            }
        }
        lines.append(indent + "return text")
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The text without the spaces at its end.
    var trimmingTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

/// The first lines of every generated file, without the comment marker.
public enum GeneratedHeader {
    /// The first line: how `persona generate` recognizes a file it may replace.
    public static let marker = "Generated by persona generate: do not edit."

    /// The header: the marker, the version, the language, the input files.
    public static func lines(_ module: GeneratedModule, language: TargetLanguage) -> [String] {
        var lines = [marker, "persona \(StringLiterals.comment(module.generatorVersion)), \(language.rawValue), from:"]
        lines += module.sources.map { "  " + StringLiterals.comment($0) }
        lines.append("Each fingerprint is the persona's template fingerprint: its prompt before any variable is filled.")
        return lines
    }

    /// Whether `firstLine` (without its line break) is the marker line of a generated file.
    public static func isMarkerLine(_ firstLine: some StringProtocol) -> Bool {
        firstLine == "// " + marker || firstLine == "# " + marker
    }
}

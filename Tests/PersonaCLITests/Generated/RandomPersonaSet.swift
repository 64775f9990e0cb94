import TestSupport

/// A declared template variable.
struct RandomVariable: Sendable, Hashable {
    var name: String
    var required: Bool
    /// The default, for an optional variable that has one.
    var defaultValue: String?
    /// Its description: any text (it becomes documentation in the generated code).
    var description: String?
}

/// One persona of a random set, as written to its file.
struct RandomPersona: Sendable {
    var name: String
    var parent: String?
    var abstract = false
    var version: String?
    /// Any text: it becomes documentation in the generated code.
    var description: String?
    /// Scalar fields in file order: `role`, `company`, `tone`, `greeting`; a `nil` value writes `null`.
    var scalars: [(key: String, value: String?)] = []
    /// List fields: the key, the directive (`nil` for a plain list) and the items.
    var lists: [(key: String, directive: String?, items: [String])] = []
    /// Sections in order; a `nil` text removes an inherited section.
    var sections: [(key: String, text: String?)] = []
    var variables: [RandomVariable] = []
    /// The variables of the persona after inheritance, in their merged order.
    var resolvedVariables: [RandomVariable] = []
}

/// The values one call of a persona's generated code passes, by variable name.
typealias VariableAssignment = [(name: String, value: String)]

/// A random set of personas with inheritance, variables, `{{ }}` escapes,
/// unicode and awkward characters, spread over YAML and JSON files in both
/// file shapes, and two sets of values to fill them with.
struct RandomPersonaSet: Sendable {
    let seed: UInt64
    var personas: [RandomPersona] = []
    /// Relative path → contents.
    var files: [String: String] = [:]
    /// Two value sets by variable name: each gives every required variable a
    /// value and leaves some optional ones to their defaults.
    var valueSets: [[String: String]] = []

    /// The personas that are emitted (not abstract).
    var concrete: [RandomPersona] { personas.filter { !$0.abstract } }

    /// The values `set` gives `persona`, in the persona's variable order.
    func assignment(_ persona: RandomPersona, set: Int) -> VariableAssignment {
        persona.resolvedVariables.compactMap { variable in
            valueSets[set][variable.name].map { (variable.name, $0) }
        }
    }

    init(seed: UInt64, count: Int = 28) {
        self.seed = seed
        var random = SeededGenerator(seed: seed)
        var names = Set<String>()
        for index in 0..<count {
            var name: String
            repeat {
                name = Self.personaName(&random)
            } while names.contains(Self.words(name))
            names.insert(Self.words(name))
            personas.append(Self.persona(named: name, index: index, among: personas, &random))
        }
        // Every persona without a role in its chain that must be complete gets one.
        for index in personas.indices where !personas[index].abstract && !hasRole(personas[index]) {
            personas[index].scalars.insert((key: "role", value: Self.template(personas[index].resolvedVariables, &random)), at: 0)
        }
        files = Self.files(personas, &random)
        let declared = Dictionary(
            personas.flatMap(\.resolvedVariables).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for _ in 0..<2 {
            var values: [String: String] = [:]
            for name in declared.keys.sorted() {
                // A name declared required by any persona always gets a value.
                let required = personas.contains { $0.resolvedVariables.contains { $0.name == name && $0.required } }
                if required || Bool.random(using: &random) {
                    values[name] = Self.value(&random)
                }
            }
            valueSets.append(values)
        }
    }

    private func hasRole(_ persona: RandomPersona) -> Bool {
        var current: RandomPersona? = persona
        while let this = current {
            if this.scalars.contains(where: { $0.key == "role" && $0.value != nil }) { return true }
            current = this.parent.flatMap { parent in personas.first { $0.name == parent } }
        }
        return false
    }

    // MARK: Personas

    private static let firstWords = ["Maya", "Alex", "Theo", "Nova", "Iris", "Omar", "Lena", "Kofi", "Rin", "Ada"]
    private static let secondWords = ["Support", "Sales", "Premium", "Night", "Docs", "Billing", "Triage", "Coach"]

    /// `MayaNight`, `Maya Night` or `maya-night`: the accessor is made of the two words either way.
    private static func personaName(_ random: inout SeededGenerator) -> String {
        let first = firstWords.randomElement(using: &random) ?? "Maya"
        let second = secondWords.randomElement(using: &random) ?? "Night"
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return first + " " + second
        case 1: return first.lowercased() + "-" + second.lowercased()
        default: return first + second
        }
    }

    /// The words of a name, lowercased: two names with the same words give one identifier.
    private static func words(_ name: String) -> String {
        name.lowercased().filter { $0 != " " && $0 != "-" }
    }

    private static let variablePool = [
        "user_name", "plan", "region", "ticket_id", "lang", "_tag", "x1", "class", "from", "default",
    ]

    private static func persona(
        named name: String, index: Int, among earlier: [RandomPersona], _ random: inout SeededGenerator
    ) -> RandomPersona {
        var persona = RandomPersona(name: name)
        let parent = earlier.isEmpty || Int.random(in: 0..<10, using: &random) < 3
            ? nil : earlier.randomElement(using: &random)
        persona.parent = parent?.name
        persona.abstract = Int.random(in: 0..<7, using: &random) == 0
        if Bool.random(using: &random) { persona.version = "\(index).\(Int.random(in: 0..<10, using: &random)).0" }
        if Bool.random(using: &random) { persona.description = value(&random) }

        // Variables: inherited ones keep their place; a redeclared one takes the child's declaration.
        var resolved = parent?.resolvedVariables ?? []
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            guard let variableName = variablePool.randomElement(using: &random),
                  !persona.variables.contains(where: { $0.name == variableName }) else { continue }
            var variable: RandomVariable
            switch Int.random(in: 0..<3, using: &random) {
            case 0: variable = RandomVariable(name: variableName, required: true)
            case 1: variable = RandomVariable(name: variableName, required: false, defaultValue: value(&random))
            default: variable = RandomVariable(name: variableName, required: false)
            }
            if Bool.random(using: &random) { variable.description = value(&random) }
            persona.variables.append(variable)
            if let place = resolved.firstIndex(where: { $0.name == variableName }) {
                resolved[place] = variable
            } else {
                resolved.append(variable)
            }
        }
        persona.resolvedVariables = resolved
        let variables = resolved

        // Scalars.
        if parent == nil ? !persona.abstract || Bool.random(using: &random) : Int.random(in: 0..<10, using: &random) < 3 {
            persona.scalars.append((key: "role", value: template(variables, &random)))
        }
        for key in ["company", "tone", "greeting"] {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4: persona.scalars.append((key: key, value: template(variables, &random)))
            case 4 where parent != nil && key != "greeting": persona.scalars.append((key: key, value: nil))
            default: break
            }
        }

        // Lists.
        for key in ["capabilities", "constraints"] where Int.random(in: 0..<10, using: &random) < 7 {
            let items = (0..<Int.random(in: 1...3, using: &random)).map { _ in template(variables, &random) }
            let directive = parent == nil ? nil : [nil, nil, "append", "prepend", "replace"].randomElement(using: &random) ?? nil
            persona.lists.append((key: key, directive: directive, items: items))
        }

        // Sections: a new one, an inherited one overridden or removed.
        var inheritedSections = sectionKeys(of: parent, among: earlier)
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            let choice = Int.random(in: 0..<4, using: &random)
            if choice < 2 || inheritedSections.isEmpty {
                let key = "s\(index)_\(persona.sections.count)"
                persona.sections.append((key: key, text: template(variables, &random, multiline: true)))
            } else if let key = inheritedSections.randomElement(using: &random) {
                inheritedSections.removeAll { $0 == key }
                persona.sections.append((key: key, text: choice == 2 ? template(variables, &random, multiline: true) : nil))
            }
        }
        return persona
    }

    /// The section keys `persona` ends up with after inheritance.
    private static func sectionKeys(of persona: RandomPersona?, among personas: [RandomPersona]) -> [String] {
        guard let persona else { return [] }
        var keys = sectionKeys(of: persona.parent.flatMap { name in personas.first { $0.name == name } }, among: personas)
        for section in persona.sections {
            if section.text == nil {
                keys.removeAll { $0 == section.key }
            } else if !keys.contains(section.key) {
                keys.append(section.key)
            }
        }
        return keys
    }

    // MARK: Texts and values

    /// Literal pieces of a template: none holds a lone brace.
    private static let literalPieces = [
        "Hello", "the customer", " ", " ", ", ", ".", "é", "e\u{301}", "日本語", "😀", "𝔘𝔫𝔦", "👩‍💻", "ß", "İ", "مرحبا",
        "\"", "'", "\\", "\\n", "\\\\", "$", "${{x}}", "`", "\\(x)", "%s", "%(x)s", "#{{x}}", "\t", "<b>", "&amp;",
        "\u{2028}", "\u{FEFF}", "*/", "\"\"\"", "{{", "}}", "{{x}}", "{{{{",
    ]

    /// A template text using `variables` as placeholders; `multiline` adds line breaks.
    private static func template(
        _ variables: [RandomVariable], _ random: inout SeededGenerator, multiline: Bool = false
    ) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...7, using: &random) {
            if !variables.isEmpty, Int.random(in: 0..<4, using: &random) == 0,
               let variable = variables.randomElement(using: &random) {
                text += "{" + variable.name + "}"
            } else if multiline, Int.random(in: 0..<6, using: &random) == 0 {
                text += "\n"
            } else {
                text += literalPieces.randomElement(using: &random) ?? ""
            }
        }
        return text
    }

    /// Pieces of a value: values are inserted literally, so lone braces and placeholders are fine.
    private static let valuePieces = literalPieces + [
        "{", "}", "{user_name}", "{0}", "\n", "\r\n", "Ada", "🇫🇷", "\u{1F600}", "/*", "*/", "///", "#", "'''", "-->",
    ]

    /// A value for a variable (sometimes empty).
    private static func value(_ random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...4, using: &random)).map { _ in valuePieces.randomElement(using: &random) ?? "" }.joined()
    }

    // MARK: Files

    /// The personas spread over one-persona YAML files, one-persona JSON files
    /// and a YAML file of personas by name; parents may be in any file.
    private static func files(_ personas: [RandomPersona], _ random: inout SeededGenerator) -> [String: String] {
        var files: [String: String] = [:]
        var team = ""
        for (index, persona) in personas.enumerated() {
            switch Int.random(in: 0..<3, using: &random) {
            case 0: files["personas/yaml/p\(index).yaml"] = yaml(persona, indent: "", withName: true)
            case 1: files["personas/json/p\(index).json"] = json(persona)
            default: team += quoted(persona.name) + ":\n" + yaml(persona, indent: "  ", withName: false)
            }
        }
        if !team.isEmpty { files["personas/team.yaml"] = team }
        return files
    }

    /// A double-quoted string that reads the same in YAML and JSON: quotes,
    /// backslashes, control characters and the characters YAML takes for line
    /// breaks or byte order marks are escaped; everything else is written as is.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || [0x2028, 0x2029, 0xFEFF].contains(scalar.value):
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func yaml(_ persona: RandomPersona, indent: String, withName: Bool) -> String {
        var lines: [String] = []
        if withName { lines.append("name: " + quoted(persona.name)) }
        if let parent = persona.parent { lines.append("parent: " + quoted(parent)) }
        if persona.abstract { lines.append("abstract: true") }
        if let version = persona.version { lines.append("version: " + quoted(version)) }
        if let description = persona.description { lines.append("description: " + quoted(description)) }
        for scalar in persona.scalars { lines.append(scalar.key + ": " + (scalar.value.map(quoted) ?? "null")) }
        for list in persona.lists {
            if let directive = list.directive {
                lines.append(list.key + ":")
                lines.append("  " + directive + ":")
                lines += list.items.map { "    - " + quoted($0) }
            } else {
                lines.append(list.key + ":")
                lines += list.items.map { "  - " + quoted($0) }
            }
        }
        if !persona.sections.isEmpty {
            lines.append("custom_sections:")
            lines += persona.sections.map { "  " + quoted($0.key) + ": " + ($0.text.map(quoted) ?? "null") }
        }
        if !persona.variables.isEmpty {
            lines.append("variables:")
            lines += persona.variables.map { "  " + quoted($0.name) + ": " + declaration($0) }
        }
        return lines.map { indent + $0 + "\n" }.joined()
    }

    private static func declaration(_ variable: RandomVariable) -> String {
        var members: [String] = []
        if let description = variable.description { members.append("\"description\": " + quoted(description)) }
        if variable.required { members.append("\"required\": true") }
        if let value = variable.defaultValue { members.append("\"default\": " + quoted(value)) }
        return "{" + members.joined(separator: ", ") + "}"
    }

    private static func json(_ persona: RandomPersona) -> String {
        var members = ["\"name\": " + quoted(persona.name)]
        if let parent = persona.parent { members.append("\"parent\": " + quoted(parent)) }
        if persona.abstract { members.append("\"abstract\": true") }
        if let version = persona.version { members.append("\"version\": " + quoted(version)) }
        if let description = persona.description { members.append("\"description\": " + quoted(description)) }
        for scalar in persona.scalars { members.append(quoted(scalar.key) + ": " + (scalar.value.map(quoted) ?? "null")) }
        for list in persona.lists {
            let items = "[" + list.items.map(quoted).joined(separator: ", ") + "]"
            members.append(quoted(list.key) + ": " + (list.directive.map { "{" + quoted($0) + ": " + items + "}" } ?? items))
        }
        if !persona.sections.isEmpty {
            let sections = persona.sections.map { quoted($0.key) + ": " + ($0.text.map(quoted) ?? "null") }
            members.append("\"custom_sections\": {" + sections.joined(separator: ", ") + "}")
        }
        if !persona.variables.isEmpty {
            let variables = persona.variables.map { quoted($0.name) + ": " + declaration($0) }
            members.append("\"variables\": {" + variables.joined(separator: ", ") + "}")
        }
        return "{\n  " + members.joined(separator: ",\n  ") + "\n}\n"
    }
}

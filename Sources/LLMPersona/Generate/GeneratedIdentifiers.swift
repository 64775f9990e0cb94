/// How persona names and variable names become identifiers of a target language.
///
/// A persona's accessor is made from the words of its name: runs of ASCII
/// letters and digits, split where a lowercase letter or digit meets an
/// uppercase one (`MayaPremium`, `maya-premium`, `Maya Premium` all have the
/// words `maya`, `premium`). Python joins them in `snake_case`
/// (`maya_premium`); Swift and TypeScript in `lowerCamelCase` (`mayaPremium`).
/// A name with no words, a name starting with a digit or holding a non-ASCII
/// character, and a name giving a keyword of the language give no identifier.
///
/// Variables keep their names (they are ASCII identifiers): a Python keyword
/// takes a trailing underscore (`class` → `class_`), a Swift label is written
/// in backticks where Swift needs them, and TypeScript uses them as quoted property names.
public enum GeneratedIdentifiers {
    /// The words of `name`, or `nil` when it holds a non-ASCII character.
    public static func words(of name: String) -> [String]? {
        var words: [String] = []
        var current: [UInt8] = []
        let bytes = Array(name.utf8)
        func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
        func isLower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current = []
        }
        for (index, byte) in bytes.enumerated() {
            guard byte < 0x80 else { return nil }
            guard isUpper(byte) || isLower(byte) || isDigit(byte) else {
                flush()
                continue
            }
            if isUpper(byte), let previous = current.last {
                // aB → a|B; ABc → A|Bc.
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                if isLower(previous) || isDigit(previous) || (isUpper(previous) && isLower(next)) { flush() }
            }
            current.append(byte)
        }
        flush()
        return words
    }

    /// `words` in `snake_case`.
    public static func snakeCase(_ words: [String]) -> String {
        words.map { $0.lowercased() }.joined(separator: "_")
    }

    /// `words` in `lowerCamelCase`.
    public static func lowerCamelCase(_ words: [String]) -> String {
        guard let first = words.first else { return "" }
        return first.lowercased() + words.dropFirst().map(capitalized).joined()
    }

    /// `words` in `UpperCamelCase`.
    public static func upperCamelCase(_ words: [String]) -> String {
        words.map(capitalized).joined()
    }

    private static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst().lowercased()
    }

    /// The accessor of persona `name` in `language`, or why there is none (a
    /// sentence ending with a suggestion).
    public static func accessor(for name: String, in language: TargetLanguage) throws(IdentifierProblem) -> String {
        guard let words = words(of: name), !words.isEmpty else {
            throw IdentifierProblem(
                message: "persona name '\(name)' gives no \(language.displayName) identifier: the accessor is made "
                    + "from the ASCII letters and digits of the name" + suggestion(for: name))
        }
        let identifier = language == .python ? snakeCase(words) : lowerCamelCase(words)
        if let first = identifier.utf8.first, first >= 48 && first <= 57 {
            throw IdentifierProblem(
                message: "persona name '\(name)' gives no \(language.displayName) identifier: '\(identifier)' starts with a digit"
                    + "; rename it, e.g. 'Persona\(name)'")
        }
        if reservedAccessors(language).contains(identifier) {
            throw IdentifierProblem(
                message: "persona name '\(name)' gives the \(language.displayName) identifier '\(identifier)', which is reserved"
                    + " (a keyword, or a name the generated code uses); rename it, e.g. '\(name)Persona'")
        }
        return identifier
    }

    /// The parameter identifier of variable `name` (an ASCII identifier) in `language`,
    /// or why it cannot be one.
    public static func parameter(for name: String, in language: TargetLanguage) throws(IdentifierProblem) -> String {
        switch language {
        case .python:
            return pythonKeywords.contains(name) ? name + "_" : name
        case .swift:
            // The label; written with backticks where Swift needs them (see ``swiftLabel(_:inDeclaration:)``).
            return name
        case .typescript:
            if name == "__proto__" {
                throw IdentifierProblem(
                    message: "variable '__proto__' cannot be a TypeScript property name (it sets an object's prototype); rename it, e.g. 'proto'")
            }
            return name
        }
    }

    /// Variable `name` as a Swift argument label: any word can be a label, but
    /// `inout`, `var`, `let` and `_` need backticks where the function is
    /// declared, `inout` and `_` where it is called (Swift warns about others).
    public static func swiftLabel(_ name: String, inDeclaration: Bool) -> String {
        let escaped: Set<String> = inDeclaration ? ["inout", "var", "let", "_"] : ["inout", "_"]
        return escaped.contains(name) ? "`\(name)`" : name
    }

    /// A name like `name` that gives an identifier: its diacritics folded and
    /// other characters dropped, as ` ; rename it, e.g. '…'`; a plain hint when none is found.
    static func suggestion(for name: String) -> String {
        let ascii = name.unicodeScalars.map(asciiFolded).joined()
        if let words = words(of: ascii), !words.isEmpty, ascii != name {
            let candidate = words.map(capitalized).joined()
            if let first = candidate.utf8.first, !(first >= 48 && first <= 57) {
                return "; rename it, e.g. '\(candidate)'"
            }
            return "; rename it, e.g. 'Persona\(candidate)'"
        }
        return "; rename it with ASCII letters, e.g. 'Assistant'"
    }

    /// `scalar` as ASCII: itself when it is ASCII; the base letter or digit of a
    /// Latin letter with diacritics or a full-width form, read from its Unicode
    /// name ("LATIN SMALL LETTER E WITH ACUTE", "FULLWIDTH DIGIT ONE"); otherwise
    /// nothing (combining marks, other scripts).
    static func asciiFolded(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII { return String(scalar) }
        guard let name = scalar.properties.name else { return "" }
        var words = name.split(separator: " ")
        if words.first == "FULLWIDTH" { words.removeFirst() }
        if words.count >= 4, words[0] == "LATIN", words[2] == "LETTER", words[3].utf8.count == 1 {
            switch words[1] {
            case "SMALL": return words[3].lowercased()
            case "CAPITAL": return String(words[3])
            default: return ""
            }
        }
        if words.count == 2, words[0] == "DIGIT", let digit = digitNames.firstIndex(of: String(words[1])) {
            return String(digit)
        }
        return ""
    }

    private static let digitNames = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"]

    /// Identifiers an accessor must not be in `language`.
    static func reservedAccessors(_ language: TargetLanguage) -> Set<String> {
        switch language {
        case .python: pythonKeywords
        case .swift: swiftKeywords.union(["all"])
        case .typescript: typeScriptReserved
        }
    }

    /// Python's keywords (`keyword.kwlist`).
    static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    /// Swift's keywords and the names that need backticks as identifiers.
    static let swiftKeywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "Type", "Protocol", "_",
    ]

    /// JavaScript's reserved words (strict mode, modules) and the globals a module must not redeclare.
    static let typeScriptReserved: Set<String> = [
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
        "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof",
        "new", "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void",
        "while", "with", "yield", "let", "static", "implements", "interface", "package", "private", "protected",
        "public", "await", "arguments", "eval", "undefined",
    ]
}

/// Why a name gives no identifier: a message ending with a suggestion.
public struct IdentifierProblem: Error, Sendable, Hashable {
    public var message: String
}

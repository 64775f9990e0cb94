/// Writes a ``GeneratedModule`` as one TypeScript file with no dependencies:
/// clean under `tsc --strict`, for any target (ES5 and later) and module kind.
///
/// `mayaPremium.systemPrompt({ user_name: "Ada" })` is the typed call: one
/// object whose properties are the variables, optional ones marked `?`.
/// `PERSONAS["MayaPremium"].systemPrompt({ user_name: "Ada" })` is the dynamic
/// one, throwing `PersonaError` for a missing required or an unknown variable.
/// Values are read only from the object's own properties, so a variable named
/// like an `Object.prototype` member (`constructor`) is never filled from it.
public enum TypeScriptEmitter {
    /// The file's text.
    public static func emit(_ module: GeneratedModule) -> String {
        var out = GeneratedHeader.lines(module, language: .typescript).map { "// " + $0 }.joined(separator: "\n") + "\n"
        out += #"""

            /** A missing required variable, or a value for a variable the persona does not take. */
            export class PersonaError extends Error {
              constructor(message: string) {
                super(message);
                this.name = "PersonaError";
                // Targets before ES2015 lose the subclass of a built-in such as Error: restore it.
                const setPrototypeOf = (Object as { setPrototypeOf?: (target: object, prototype: object) => object }).setPrototypeOf;
                if (setPrototypeOf !== undefined) setPrototypeOf(this, new.target.prototype);
              }
            }

            /** Values by variable name, as declared. */
            export type PersonaValues = Readonly<Record<string, string>>;

            /** A persona for dynamic use: values by variable name, as declared. */
            export interface Persona {
              /** The persona's name. */
              readonly name: string;
              /** The persona's version, when it has one. */
              readonly version: string | null;
              /** The fingerprint of the prompt template (before any variable is filled). */
              readonly fingerprint: string;
              /** The chain of names from the root ancestor down to this persona. */
              readonly lineage: readonly string[];
              /** The variables it takes, in declaration order, with their defaults (null: required). */
              readonly variables: ReadonlyArray<readonly [string, string | null]>;
              /** The system prompt filled with `values`, then defaults. */
              systemPrompt(values?: PersonaValues): string;
              /** The greeting filled with `values`, then defaults; null when the persona has none. */
              greeting(values?: PersonaValues): string | null;
            }

            function _own(values: object, name: string): string | undefined {
              return Object.prototype.hasOwnProperty.call(values, name)
                ? (values as Record<string, string | undefined>)[name]
                : undefined;
            }

            function _entry(
              name: string,
              version: string | null,
              fingerprint: string,
              lineage: readonly string[],
              variables: ReadonlyArray<readonly [string, string | null]>,
              prompt: (values: PersonaValues) => string,
              greeting: (values: PersonaValues) => string | null,
            ): Persona {
              function checked(values: PersonaValues): PersonaValues {
                for (const key of Object.keys(values).sort()) {
                  if (!variables.some((variable) => variable[0] === key)) {
                    throw new PersonaError("unknown variable '" + key + "' of persona '" + name + "'");
                  }
                }
                for (const [variable, fallback] of variables) {
                  if (fallback === null && _own(values, variable) === undefined) {
                    throw new PersonaError("missing value for required variable '" + variable + "' of persona '" + name + "'");
                  }
                }
                return values;
              }
              return Object.freeze({
                name,
                version,
                fingerprint,
                lineage,
                variables,
                systemPrompt: (values: PersonaValues = {}) => prompt(checked(values)),
                greeting: (values: PersonaValues = {}) => greeting(checked(values)),
              });
            }

            """#
        for persona in module.personas {
            out += "\n" + accessor(persona)
        }
        out += "\n/** Every persona, by name. */\n"
        out += "export const PERSONAS: Readonly<Record<string, Persona>> = (() => {\n"
        out += "  const _table = Object.create(null) as Record<string, Persona>;\n"
        for persona in module.personas {
            out += entry(persona)
        }
        out += "  return Object.freeze(_table);\n})();\n"
        return out
    }

    private static func array(_ items: [String]) -> String {
        "[" + items.map(StringLiterals.typeScript).joined(separator: ", ") + "]"
    }

    /// The typed parameter list: `()`, or `(values: {…})`, defaulting to `{}` when every variable is optional.
    private static func parameterList(_ persona: GeneratedPersona, uses pieces: [GeneratedPiece]?) -> String {
        guard !persona.parameters.isEmpty else { return "()" }
        // An unused parameter is named `_values`, which `noUnusedParameters` allows.
        let used = pieces?.contains { if case .parameter = $0 { true } else { false } } ?? false
        let members = persona.parameters.map { parameter in
            let note = parameter.description.map { "/** " + docText(StringLiterals.commentLines($0).joined(separator: " ")) + " */ " } ?? ""
            return note + "readonly \(StringLiterals.typeScript(parameter.name))\(parameter.defaultValue == nil ? "" : "?"): string"
        }
        let allOptional = persona.parameters.allSatisfy { $0.defaultValue != nil }
        return (used ? "(values: { " : "(_values: { ") + members.joined(separator: "; ") + " }" + (allOptional ? " = {}" : "") + ")"
    }

    private static func accessor(_ persona: GeneratedPersona) -> String {
        var out = documentation(persona) + """
            export const \(persona.identifier) = Object.freeze({
              /** The persona's name. */
              name: \(StringLiterals.typeScript(persona.name)),
              /** The persona's version, when it has one. */
              version: \(persona.version.map(StringLiterals.typeScript) ?? "null") as string | null,
              /** The fingerprint of the prompt template (before any variable is filled). */
              fingerprint: \(StringLiterals.typeScript(persona.fingerprint)),
              /** The chain of names from the root ancestor down to this persona. */
              lineage: \(array(persona.lineage)) as readonly string[],
              /** The system prompt with these values. */
              systemPrompt\(parameterList(persona, uses: persona.systemPrompt)): string {
            \(body(persona.systemPrompt, persona))
              },

            """
        if let greeting = persona.greeting {
            out += """
                  /** The greeting, filled like the prompt. */
                  greeting\(parameterList(persona, uses: greeting)): string {
                \(body(greeting, persona))
                  },

                """
        } else {
            out += """
                  /** The persona has no greeting. */
                  greeting\(parameterList(persona, uses: nil)): null {
                    return null;
                  },

                """
        }
        out += "});\n"
        return out
    }

    private static func entry(_ persona: GeneratedPersona) -> String {
        let variables = "[" + persona.parameters.map {
            "[\(StringLiterals.typeScript($0.name)), \($0.defaultValue.map(StringLiterals.typeScript) ?? "null")]"
        }.joined(separator: ", ") + "]"
        let object = persona.parameters.isEmpty ? "" : "{ " + persona.parameters.map { parameter in
            let key = StringLiterals.typeScript(parameter.name)
            return "\(key): _own(_values, \(key)) ?? \(StringLiterals.typeScript(parameter.defaultValue ?? ""))"
        }.joined(separator: ", ") + " }"
        let values = persona.parameters.isEmpty ? "()" : "(_values)"
        return """
              _table[\(StringLiterals.typeScript(persona.name))] = _entry(
                \(StringLiterals.typeScript(persona.name)),
                \(persona.version.map(StringLiterals.typeScript) ?? "null"),
                \(StringLiterals.typeScript(persona.fingerprint)),
                \(array(persona.lineage)),
                \(variables),
                \(values) => \(persona.identifier).systemPrompt(\(object)),
                \(values) => \(persona.identifier).greeting(\(object)),
              );

            """
    }

    /// The accessor's doc comment: `The persona NAME.` and its description.
    private static func documentation(_ persona: GeneratedPersona) -> String {
        let summary = "The persona \(docText(persona.name))."
        guard let description = persona.description else { return "/** \(summary) */\n" }
        let lines = ["/**", " * " + summary, " *"] + StringLiterals.commentLines(description).map { " * " + docText($0) } + [" */"]
        return lines.map(\.trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    /// A method body returning `pieces` joined.
    private static func body(_ pieces: [GeneratedPiece], _ persona: GeneratedPersona) -> String {
        let indent = "    "
        var used: [Int] = []
        for case .parameter(let index) in pieces where !used.contains(index) { used.append(index) }
        var lines = used.map { index in
            let parameter = persona.parameters[index]
            let key = StringLiterals.typeScript(parameter.name)
            let read = parameter.defaultValue.map { "_own(values, \(key)) ?? \(StringLiterals.typeScript($0))" } ?? "values[\(key)]"
            return indent + "const v\(index) = \(read);"
        }
        let items = pieces.map { piece in
            switch piece {
            case .literal(let text): StringLiterals.typeScript(text)
            case .parameter(let index): "v\(index)"
            }
        }
        lines.append(indent + "return " + (items.isEmpty ? "\"\"" : items.joined(separator: " + ")) + ";")
        return lines.joined(separator: "\n")
    }

    /// `text` inside a doc comment: what a literal escapes as `\u{…}`, and `*/` broken.
    private static func docText(_ text: String) -> String {
        StringLiterals.comment(text).replacing("*/", with: "*\\/")
    }
}

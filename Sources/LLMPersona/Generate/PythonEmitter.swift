/// Writes a ``GeneratedModule`` as one Python module: standard library only,
/// clean under `mypy --strict`.
///
/// `maya_premium.system_prompt(user_name="Ada")` is the typed call: keyword-only
/// parameters, required ones without a default (a keyword such as `class`
/// becomes `class_`). `PERSONAS["MayaPremium"].system_prompt(**values)` is the
/// dynamic one, raising `PersonaError` for a missing required or an unknown
/// variable. Builtins are reached through `_b` (`_b.str`), so an accessor such
/// as `str` cannot hide them.
public enum PythonEmitter {
    /// The module's text.
    public static func emit(_ module: GeneratedModule) -> String {
        var out = GeneratedHeader.lines(module, language: .python).map { "# " + $0 }.joined(separator: "\n") + "\n"
        out += #"""
            """The personas as typed Python: one accessor per persona, and PERSONAS by name."""

            import builtins as _b
            import types as _types
            import typing as _t


            class PersonaError(_b.ValueError):
                """A missing required variable, or a value for a variable the persona does not take."""


            class Persona:
                """A persona for dynamic use: values by variable name, as declared."""

                name: _b.str
                version: _t.Optional[_b.str]
                fingerprint: _b.str
                lineage: _t.Tuple[_b.str, ...]
                variables: _t.Mapping[_b.str, _t.Optional[_b.str]]

                def __init__(
                    self,
                    name: _b.str,
                    version: _t.Optional[_b.str],
                    fingerprint: _b.str,
                    lineage: _t.Tuple[_b.str, ...],
                    variables: _t.Mapping[_b.str, _t.Optional[_b.str]],
                    prompt: _t.Callable[[_t.Mapping[_b.str, _b.str]], _b.str],
                    greeting: _t.Callable[[_t.Mapping[_b.str, _b.str]], _t.Optional[_b.str]],
                ) -> None:
                    self.name = name
                    self.version = version
                    self.fingerprint = fingerprint
                    self.lineage = lineage
                    self.variables = variables
                    self._prompt = prompt
                    self._greeting = greeting

                def system_prompt(self, /, **values: _b.str) -> _b.str:
                    """The system prompt filled with `values`, then defaults."""
                    self._check(values)
                    return self._prompt(values)

                def greeting(self, /, **values: _b.str) -> _t.Optional[_b.str]:
                    """The greeting filled with `values`, then defaults; None when the persona has none."""
                    self._check(values)
                    return self._greeting(values)

                def _check(self, values: _t.Mapping[_b.str, _b.str]) -> None:
                    for key in _b.sorted(values):
                        if key not in self.variables:
                            raise PersonaError("unknown variable '" + key + "' of persona '" + self.name + "'")
                    for key, default in self.variables.items():
                        if default is None and key not in values:
                            raise PersonaError(
                                "missing value for required variable '" + key + "' of persona '" + self.name + "'"
                            )

            """#
        for persona in module.personas {
            out += "\n" + type(persona)
        }
        out += "\n\nPERSONAS: _t.Final[_t.Mapping[_b.str, Persona]] = _types.MappingProxyType({\n"
        for persona in module.personas {
            out += entry(persona)
        }
        out += "})\n\"\"\"Every persona, by name.\"\"\"\n"
        return out
    }

    private static func className(_ persona: GeneratedPersona) -> String { "_Persona_" + persona.identifier }

    private static func tuple(_ items: [String]) -> String {
        "(" + items.map(StringLiterals.python).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
    }

    private static func type(_ persona: GeneratedPersona) -> String {
        let parameters = persona.parameters.map { parameter in
            "\(parameter.identifier): _b.str" + (parameter.defaultValue.map { " = " + StringLiterals.python($0) } ?? "")
        }
        let signature = parameters.isEmpty ? "()" : "(*, " + parameters.joined(separator: ", ") + ")"
        var out = """
            class \(className(persona)):
            \(documentation(persona))

                name: _t.Final[_b.str] = \(StringLiterals.python(persona.name))
                version: _t.Final[_t.Optional[_b.str]] = \(persona.version.map(StringLiterals.python) ?? "None")
                fingerprint: _t.Final[_b.str] = \(StringLiterals.python(persona.fingerprint))
                lineage: _t.Final[_t.Tuple[_b.str, ...]] = \(tuple(persona.lineage))

                @_b.staticmethod
                def system_prompt\(signature) -> _b.str:
            \(parameterDocumentation(persona))
            \(body(persona.systemPrompt, persona))

                @_b.staticmethod

            """
        if let greeting = persona.greeting {
            out += """
                    def greeting\(signature) -> _b.str:
                        \"\"\"The greeting, filled like the prompt.\"\"\"
                \(body(greeting, persona))

                """
        } else {
            out += """
                    def greeting\(signature) -> None:
                        \"\"\"The persona has no greeting.\"\"\"
                        return None

                """
        }
        out += "\n\n\(persona.identifier): _t.Final = \(className(persona))()\n"
        out += "\"\"\"The persona \(docText(persona.name)).\"\"\"\n"
        return out
    }

    private static func entry(_ persona: GeneratedPersona) -> String {
        let variables = persona.parameters.map {
            "\(StringLiterals.python($0.name)): \($0.defaultValue.map(StringLiterals.python) ?? "None")"
        }.joined(separator: ", ")
        let arguments = persona.parameters.map { parameter in
            let key = StringLiterals.python(parameter.name)
            let value = parameter.defaultValue.map { "_values.get(\(key), \(StringLiterals.python($0)))" } ?? "_values[\(key)]"
            return "\(parameter.identifier)=\(value)"
        }.joined(separator: ", ")
        return """
                \(StringLiterals.python(persona.name)): Persona(
                    \(StringLiterals.python(persona.name)),
                    \(persona.version.map(StringLiterals.python) ?? "None"),
                    \(StringLiterals.python(persona.fingerprint)),
                    \(tuple(persona.lineage)),
                    {\(variables)},
                    lambda _values: \(persona.identifier).system_prompt(\(arguments)),
                    lambda _values: \(persona.identifier).greeting(\(arguments)),
                ),

            """
    }

    /// The class docstring: `The persona NAME.` and its description.
    private static func documentation(_ persona: GeneratedPersona) -> String {
        let summary = "The persona \(docText(persona.name))."
        guard let description = persona.description else { return "    \"\"\"\(summary)\"\"\"" }
        let lines = ["    \"\"\"" + summary, ""] + description.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "    " + docText(String($0)) } + ["    \"\"\""]
        return lines.map(\.trimmingTrailingSpaces).joined(separator: "\n")
    }

    /// `system_prompt`'s docstring: its summary, and the variables that have a description.
    private static func parameterDocumentation(_ persona: GeneratedPersona) -> String {
        let summary = "The system prompt with these values."
        let described = persona.parameters.compactMap { parameter in
            parameter.description.map { "            \(parameter.identifier): " + docText(StringLiterals.commentLines($0).joined(separator: " ")) }
        }
        guard !described.isEmpty else { return "        \"\"\"\(summary)\"\"\"" }
        return (["        \"\"\"" + summary, "", "        Args:"] + described + ["        \"\"\""]).joined(separator: "\n")
    }

    /// A function body returning `pieces` joined.
    private static func body(_ pieces: [GeneratedPiece], _ persona: GeneratedPersona) -> String {
        let indent = "        "
        let items = pieces.map { piece in
            switch piece {
            case .literal(let text): StringLiterals.python(text)
            case .parameter(let index): persona.parameters[index].identifier
            }
        }
        if items.isEmpty { return indent + "return \"\"" }
        if items.count == 1 { return indent + "return " + items[0] }
        return indent + "return \"\".join((\n" + items.map { indent + "    " + $0 + ",\n" }.joined() + indent + "))"
    }

    /// `text` inside a docstring: what a literal escapes, and backslashes and quotes, as `\u{…}`.
    private static func docText(_ text: String) -> String {
        StringLiterals.comment(text).replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
    }
}

import DocumentTree
import OrderedCollections

/// Turns resolved personas into a ``GeneratedModule`` for one language:
/// identifiers checked, texts split once into literal pieces and parameters.
public enum GeneratedModelBuilder {
    /// The module for the concrete personas among `personas`, or every problem
    /// with their identifiers in `language`.
    ///
    /// A variable given a value in `values` is filled in now, in every persona
    /// declaring it, and is no longer a parameter; the others are parameters,
    /// with their defaults (an optional variable without one defaults to the empty text).
    public static func module(
        _ personas: [ResolvedPersona], language: TargetLanguage, values: VariableValues = .init(),
        sources: [String], generatorVersion: String = PackageVersion.current
    ) throws(DiagnosticList) -> GeneratedModule {
        let concrete = personas.filter { !$0.persona.isAbstract }
            .sorted { ByteOrder.less($0.persona.name, $1.persona.name) }
        var diagnostics: [Diagnostic] = []
        var generated: [GeneratedPersona] = []
        var owners: [String: [Int]] = [:]
        for (index, resolved) in concrete.enumerated() {
            do {
                let persona = try persona(resolved, language: language, values: values)
                owners[persona.identifier, default: []].append(index)
                generated.append(persona)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        for (identifier, indices) in owners where indices.count > 1 {
            let names = indices.map { "'\(concrete[$0].persona.name)'" }
            for index in indices {
                let others = names.filter { $0 != "'\(concrete[index].persona.name)'" }.joined(separator: ", ")
                diagnostics.append(diagnostic(
                    at: concrete[index].origin,
                    "persona '\(concrete[index].persona.name)' gives the \(language.displayName) identifier '\(identifier)', "
                        + "as \(others) does: rename one of them so their names differ in more than case and punctuation"))
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        return GeneratedModule(sources: sources, generatorVersion: generatorVersion, personas: generated)
    }

    /// One concrete persona, or the problems with its identifiers.
    static func persona(
        _ resolved: ResolvedPersona, language: TargetLanguage, values: VariableValues
    ) throws(DiagnosticList) -> GeneratedPersona {
        let persona = resolved.persona
        var diagnostics: [Diagnostic] = []
        var accessor = ""
        do {
            accessor = try GeneratedIdentifiers.accessor(for: persona.name, in: language)
        } catch {
            diagnostics.append(diagnostic(at: resolved.origin, error.message))
        }
        var parameters: [GeneratedParameter] = []
        var indexByName: [String: Int] = [:]
        var usedIdentifiers: [String: String] = [:]
        for (name, declaration) in persona.variables where values.values[name] == nil {
            let origin = resolved.variables[name]?.origin ?? resolved.origin
            let identifier: String
            do {
                identifier = try GeneratedIdentifiers.parameter(for: name, in: language)
            } catch {
                diagnostics.append(diagnostic(at: origin, error.message))
                continue
            }
            if let other = usedIdentifiers[identifier] {
                diagnostics.append(diagnostic(
                    at: origin,
                    "variable '\(name)' of '\(persona.name)' gives the \(language.displayName) parameter '\(identifier)', "
                        + "as variable '\(other)' does (a keyword takes a trailing '_'); rename one of them"))
                continue
            }
            usedIdentifiers[identifier] = name
            indexByName[name] = parameters.count
            parameters.append(GeneratedParameter(
                name: name, identifier: identifier,
                defaultValue: declaration.isRequired ? declaration.defaultValue : (declaration.defaultValue ?? ""),
                description: declaration.description))
        }
        func pieces(_ text: String, field: String) -> [GeneratedPiece] {
            let template: Template
            do {
                template = try Template.parse(text)
            } catch {
                diagnostics.append(diagnostic(at: resolved.origin, "\(TemplateError.syntax(field: field, error.errors))"))
                return []
            }
            var result: [GeneratedPiece] = []
            for segment in template.segments {
                switch segment {
                case .literal(let literal): append(.literal(literal), to: &result)
                case .variable(let name):
                    if let value = values.values[name] {
                        append(.literal(value), to: &result)
                    } else if let index = indexByName[name] {
                        result.append(.parameter(index))
                    } else if persona.variables[name] == nil {
                        diagnostics.append(diagnostic(
                            at: resolved.origin, "undeclared variable '\(name)' in \(field) of '\(persona.name)'"))
                    }
                }
            }
            return result
        }
        let prompt = pieces(persona.promptTemplateText, field: "prompt")
        let greeting = persona.greeting.map { pieces($0, field: "greeting") }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        return GeneratedPersona(
            name: persona.name, identifier: accessor, version: persona.version,
            fingerprint: Fingerprint.of(ArtifactBuilder.template(for: persona)), lineage: resolved.lineage,
            parameters: parameters, systemPrompt: prompt, greeting: greeting, description: persona.description)
    }

    /// Appends `piece`, merging it into a literal before it.
    private static func append(_ piece: GeneratedPiece, to pieces: inout [GeneratedPiece]) {
        if case .literal(let text) = piece {
            if text.isEmpty { return }
            if case .literal(let previous)? = pieces.last {
                pieces[pieces.count - 1] = .literal(previous + text)
                return
            }
        }
        pieces.append(piece)
    }

    private static func diagnostic(at origin: Origin, _ message: String) -> Diagnostic {
        Diagnostic(file: origin.file ?? "(code)", location: origin.location, message: message)
    }
}

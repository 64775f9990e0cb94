import ArgumentParser
import DocumentTree
import LLMPersona

/// `--var`, `--vars` and `--strict`, shared by `build` and `render`.
struct VariableOptions: ParsableArguments {
    @Option(name: .customLong("var"), help: ArgumentHelp("Fill a template variable (repeatable).", valueName: "name=value"))
    var assignments: [String] = []

    @Option(name: .customLong("vars"), help: ArgumentHelp("A YAML or JSON file mapping variable names to values.", valueName: "file"))
    var file: String?

    @Flag(help: "Make any variable left without a value an error.")
    var strict = false

    func validate() throws {
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), Template.isIdentifier(assignment[..<equals]) else {
                throw ValidationError("--var takes NAME=VALUE with NAME an identifier, got '\(assignment)'")
            }
        }
    }

    /// The values, `--var` winning over `--vars` (read with `limits`, those of
    /// the persona files); file problems as diagnostics.
    func values(limits: SourceDocuments.Limits) throws(DiagnosticList) -> VariableValues {
        var values: [String: String] = [:]
        if let file { values = try VariableValues.load(file, limits: limits) }
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            values[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        return VariableValues(values, strict: strict)
    }

    /// ``values(limits:)`` for a command: problems are reported and the command exits 1.
    func valuesOrExit(limits: SourceDocuments.Limits) throws -> VariableValues {
        do {
            return try values(limits: limits)
        } catch {
            Output.report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

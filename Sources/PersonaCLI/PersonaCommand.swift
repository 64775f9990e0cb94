import ArgumentParser
import LLMPersona
#if canImport(FoundationEssentials)
// Not used here: ArgumentParser imports FoundationEssentials without naming the
// libraries that module needs, so a static link finds them through this import.
import FoundationEssentials
#endif

/// `persona`: compiles persona files into system prompts.
@main
struct PersonaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "persona",
        abstract: "Compile LLM agent personas, defined once in YAML or JSON, into system prompts.",
        discussion: """
            Persona files are YAML (.yaml, .yml) or JSON (.json). A directory is scanned \
            recursively for them. Problems are reported as 'path:line:col: error: message', \
            all of them, and the exit status is then 1.
            """,
        version: PackageVersion.current,
        subcommands: [Build.self, Generate.self, Validate.self, Render.self, List.self, Explain.self, Lock.self, Diff.self, Schema.self],
        defaultSubcommand: nil
    )
}

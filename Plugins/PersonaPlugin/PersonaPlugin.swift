import Foundation
import PackagePlugin

/// A build tool plugin: compiles the persona files of a target into Swift at
/// build time.
///
/// A target that lists the plugin holds its persona files in a `personas`
/// folder of its own (every `.yaml`, `.yml` and `.json` file in it, at any
/// depth, as `persona` reads a folder). Each build runs
/// `persona generate swift <folder> --out Personas.swift` into the plugin's
/// work folder, and the generated file is compiled with the target's own
/// sources. A persona error fails the build with its `path:line:col: error:`
/// line; a `personas.lock` in the folder is checked as `persona build` checks
/// it. The target should exclude the folder (`exclude: ["personas"]`): its
/// files are the plugin's input, not sources or resources, and the plugin
/// finds them by itself.
@main
struct PersonaPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else {
            Diagnostics.error("PersonaPlugin applies to Swift source targets; '\(target.name)' is not one")
            return []
        }
        let folder = target.directoryURL.appending(path: PersonaFolder.name, directoryHint: .isDirectory)
        let inputs = PersonaFolder.files(in: folder)
        guard !inputs.isEmpty else {
            Diagnostics.error(
                "target '\(target.name)' uses PersonaPlugin but has no persona files: "
                    + "put .yaml, .yml or .json files in \(folder.path(percentEncoded: false))")
            return []
        }
        // The drift guard reads personas.lock there when it exists: a change to it reruns the command too.
        let lock = folder.appending(path: "personas.lock")
        let lockInput = FileManager.default.fileExists(atPath: lock.path(percentEncoded: false)) ? [lock] : []
        let output = context.pluginWorkDirectoryURL.appending(path: "Personas.swift")
        return [
            .buildCommand(
                displayName: "Generating Swift from the personas of \(target.name)",
                executable: try context.tool(named: "PersonaCLI").url,
                arguments: [
                    "generate", "swift", folder.path(percentEncoded: false),
                    "--out", output.path(percentEncoded: false),
                ],
                inputFiles: inputs + lockInput,
                outputFiles: [output])
        ]
    }
}

/// The folder of a target that holds its persona files, and the files in it.
enum PersonaFolder {
    /// The folder's name inside the target's source folder.
    static let name = "personas"

    /// The persona files under `folder` in the order `persona` reads them: the
    /// `.yaml`, `.yml` and `.json` files at any depth, skipping names that
    /// start with `.`; empty when the folder does not exist.
    static func files(in folder: URL) -> [URL] {
        guard let walk = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var found: [URL] = []
        for case let url as URL in walk where ["yaml", "yml", "json"].contains(url.pathExtension) {
            found.append(url)
        }
        return found.sorted { $0.path(percentEncoded: false) < $1.path(percentEncoded: false) }
    }
}

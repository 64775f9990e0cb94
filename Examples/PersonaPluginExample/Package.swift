// swift-tools-version: 6.1
import PackageDescription

// An app target whose personas/ folder is compiled into Swift at build time by
// llm-persona's PersonaPlugin (here taken from this repository by path).
let package = Package(
    name: "PersonaPluginExample",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "llm-persona", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "PersonaPluginExample",
            // The persona files are the plugin's input, not sources or resources.
            exclude: ["personas"],
            plugins: [.plugin(name: "PersonaPlugin", package: "llm-persona")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

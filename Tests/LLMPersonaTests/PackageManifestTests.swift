import Foundation
import Testing
import TestSupport

/// Package.swift names, for each target, every module of the package (or of a
/// dependency) that its sources import: nothing compiles only because some
/// other target happened to bring the module in.
@Suite("Package.swift declares what each target imports")
struct PackageManifestTests {
    /// The modules a target may import only by declaring them.
    private static let declarable: Set<String> = [
        "CYAML", "CLibCrypto", "CSystem", "LibYAML", "DocumentTree", "YAMLLoader", "JSONSchema", "LLMPersona",
        "PersonaCLI", "TestSupport", "ArgumentParser", "OrderedCollections", "HashTreeCollections",
    ]

    /// The text of target `name`'s declaration in Package.swift, up to the next target.
    private func declaration(of name: String, in manifest: String) throws -> Substring {
        let targets = try #require(manifest.range(of: "\n    targets: ["))
        let start = try #require(manifest[targets.upperBound...].range(of: "name: \"\(name)\""))
        let rest = manifest[start.upperBound...]
        let end = ["\n        .target(", "\n        .testTarget(", "\n        .executableTarget(", "\n        .systemLibrary(", "\n    ],"]
            .compactMap { rest.range(of: $0)?.lowerBound }.min() ?? rest.endIndex
        return rest[..<end]
    }

    /// The package modules the Swift files under `folder` import.
    private func imports(under folder: String) -> Set<String> {
        var found = Set<String>()
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let file = enumerator?.nextObject() as? String {
            guard file.hasSuffix(".swift"), let data = FileManager.default.contents(atPath: folder + "/" + file) else { continue }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let words = line.split(separator: " ").filter { $0 != "@testable" }
                if words.count == 2, words[0] == "import", Self.declarable.contains(String(words[1])) {
                    found.insert(String(words[1]))
                }
            }
        }
        return found
    }

    @Test func item4_everyImportedModuleIsDeclared() throws {
        let manifest = String(decoding: try #require(FileManager.default.contents(atPath: packageRoot + "/Package.swift")), as: UTF8.self)
        let targets: [(name: String, folder: String)] = [
            ("PersonaCLI", "Sources/PersonaCLI"), ("LLMPersona", "Sources/LLMPersona"), ("YAMLLoader", "Sources/YAMLLoader"),
            ("JSONSchema", "Sources/JSONSchema"), ("LLMPersonaTests", "Tests/LLMPersonaTests"),
            ("PersonaCLITests", "Tests/PersonaCLITests"), ("YAMLLoaderTests", "Tests/YAMLLoaderTests"),
            ("JSONSchemaTests", "Tests/JSONSchemaTests"), ("DocumentTreeTests", "Tests/DocumentTreeTests"),
        ]
        for target in targets {
            let declared = try declaration(of: target.name, in: manifest)
            for module in imports(under: packageRoot + "/" + target.folder) where module != target.name {
                #expect(declared.contains("\"\(module)\""), "\(target.name) imports \(module) without declaring it")
            }
        }
    }

    /// Release builds of `persona` on Linux are static executables (`-static-executable`);
    /// debug builds, other platforms and every library target (so every package
    /// that depends on the libraries) build and link as usual.
    @Test func onlyTheExecutableLinksTheSwiftRuntimeStaticallyAndOnlyInLinuxReleaseBuilds() throws {
        let manifest = String(decoding: try #require(FileManager.default.contents(atPath: packageRoot + "/Package.swift")), as: UTF8.self)
        let cli = try declaration(of: "PersonaCLI", in: manifest)
        // Compiled against the static runtime's modules (for what they link) and linked with it.
        #expect(cli.contains(#"swiftSettings: [.unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release))],"#))
        #expect(cli.contains(#"linkerSettings: [.unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release))]"#))
        // Those are the manifest's only flags, and no library product is built from that target.
        #expect(manifest.components(separatedBy: "unsafeFlags").count == 3)
        #expect(manifest.components(separatedBy: "-static-executable").count == 3)
        #expect(manifest.contains(#".executable(name: "persona", targets: ["PersonaCLI"])"#))
        let products = try #require(manifest.range(of: "products: [").flatMap { start in
            manifest[start.upperBound...].range(of: "\n    ],").map { manifest[start.upperBound..<$0.lowerBound] }
        })
        for line in products.split(separator: "\n") where line.contains(".library(") {
            #expect(!line.contains("PersonaCLI"), "\(line)")
        }
    }
}

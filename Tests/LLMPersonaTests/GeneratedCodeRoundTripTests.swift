import Foundation
import LLMPersona
import Testing
import TestSupport

/// Generated code, compiled and run, gives back exactly the texts it was made
/// from, and any text in its comments and docstrings leaves them intact: every
/// string literal escaped right in each language (quotes,
/// backslashes, braces, `$`, backticks, `\(`, control characters, line
/// separators, combining marks, characters beyond U+FFFF).
@Suite("Generated code round trip")
struct GeneratedCodeRoundTripTests {
    /// Pieces random texts are made of: each one a character some language's literals treat specially.
    static let pool: [String] = [
        "a", "Z", " ", "\"", "\"\"\"", "'", "\\", "\\(", "{", "}", "{{", "}}", "$", "${", "`", "*/", "#", "%s",
        "\n", "\r", "\r\n", "\t", "\0", "\u{1}", "\u{1B}", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}",
        "\u{301}", "e\u{301}", "é", "😀", "👩‍👩‍👧", "\u{202E}", "\u{200B}", "\u{FEFF}", "\u{E000}", "中文",
        "\u{10FFFF}", "\u{1F1E6}\u{1F1E8}", "ﷺ",
    ]

    static func randomText(_ generator: inout SystemRandomNumberGenerator, maxPieces: Int = 12) -> String {
        (0..<Int.random(in: 0...maxPieces, using: &generator)).map { _ in pool.randomElement(using: &generator) ?? "" }.joined()
    }

    static let separator = "<SEP>"

    /// A module of random personas, and the values to call each with.
    static func randomModule() -> (module: GeneratedModule, values: [String]) {
        var generator = SystemRandomNumberGenerator()
        var personas: [GeneratedPersona] = []
        var values: [String] = []
        for index in 0..<8 {
            let name = "N\(index)" + randomText(&generator)
            let hasDefault = Bool.random(using: &generator)
            personas.append(GeneratedPersona(
                name: name, identifier: "p\(index)",
                version: Bool.random(using: &generator) ? randomText(&generator) : nil,
                fingerprint: "sha256:" + String(index), lineage: [randomText(&generator), name],
                parameters: [GeneratedParameter(
                    name: "v", identifier: "v", defaultValue: hasDefault ? randomText(&generator) : nil,
                    description: randomText(&generator))],
                systemPrompt: [
                    .literal(randomText(&generator, maxPieces: 40)), .parameter(0), .literal(randomText(&generator)), .parameter(0),
                ],
                greeting: Bool.random(using: &generator) ? [.literal(randomText(&generator)), .parameter(0)] : nil,
                description: Bool.random(using: &generator) ? randomText(&generator, maxPieces: 30) : nil))
            values.append(randomText(&generator))
        }
        let module = GeneratedModule(
            sources: ["in/" + randomText(&generator) + ".yaml"], generatorVersion: "0.0.0", personas: personas)
        return (module, values)
    }

    /// What the driver programs print: per persona, its name, version, lineage,
    /// prompt and greeting (typed), prompt and greeting (by name), each followed by the separator.
    static func expected(_ module: GeneratedModule, _ values: [String]) -> [UInt8] {
        var out = ""
        for (persona, value) in zip(module.personas, values) {
            let prompt = persona.systemPrompt.filled([value])
            let greeting = persona.greeting?.filled([value]) ?? "-"
            for field in [persona.name, persona.version ?? "-", persona.lineage.joined(separator: "|"), prompt, greeting, prompt, greeting] {
                out += field + separator
            }
        }
        return Array(out.utf8)
    }

    /// Where `actual` first differs from `expected`, with the bytes around it; `nil` when they are equal.
    static func firstDifference(_ actual: [UInt8], _ expected: [UInt8]) -> String? {
        guard actual != expected else { return nil }
        let at = (0..<min(actual.count, expected.count)).first { actual[$0] != expected[$0] } ?? min(actual.count, expected.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, at - 40)..<min(bytes.count, at + 40)], as: UTF8.self).debugDescription
        }
        return "byte \(at) of \(actual.count) (expected \(expected.count)): got \(around(actual)), expected \(around(expected))"
    }

    @Test(.enabled(if: ExternalTool.exists("swiftc")))
    func swiftLiteralsRoundTrip() throws {
        let (module, values) = Self.randomModule()
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("Personas.swift", SwiftEmitter.emit(module))
        var main = "@main struct Main {\n    static func main() throws {\n        var out = \"\"\n        let s = \"\(Self.separator)\"\n"
        for (persona, value) in zip(module.personas, values) {
            let p = "Personas.\(persona.identifier)"
            let v = StringLiterals.swift(value)
            let entry = "Personas.all[\(StringLiterals.swift(persona.name))]"
            main += """
                        out += \(p).name + s + (\(p).version ?? "-") + s + \(p).lineage.joined(separator: "|") + s
                        out += \(p).systemPrompt(v: \(v)) + s + ((\(p).greeting(v: \(v)) as String?) ?? "-") + s
                        out += (try \(entry)?.systemPrompt(["v": \(v)]) ?? "no entry") + s
                        out += (try \(entry)?.greeting(["v": \(v)]) ?? "-") + s

                """
        }
        main += "        print(out, terminator: \"\")\n    }\n}\n"
        try scratch.write("main.swift", main)
        let swiftc = try #require(ExternalTool("swiftc"))
        let compile = try swiftc.run(
            ["-swift-version", "6", "-warnings-as-errors", "-parse-as-library", "Personas.swift", "main.swift", "-o", "main"],
            in: scratch.root)
        #expect(compile.status == 0, "\(compile.stderr)")
        let run = try ExternalTool(path: scratch.path("main")).run([], in: scratch.root)
        #expect(Self.firstDifference(run.stdout, Self.expected(module, values)) == nil)
    }

    @Test(.enabled(if: ExternalTool.exists("python3")))
    func pythonLiteralsRoundTrip() throws {
        let (module, values) = Self.randomModule()
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("generated.py", PythonEmitter.emit(module))
        var main = "import sys\nimport generated\n\ns = \"\(Self.separator)\"\nout = \"\"\n\n"
        main += "def text(value: object) -> str:\n    return \"-\" if value is None else str(value)\n\n"
        for (persona, value) in zip(module.personas, values) {
            let p = "generated.\(persona.identifier)"
            let v = StringLiterals.python(value)
            let entry = "generated.PERSONAS[\(StringLiterals.python(persona.name))]"
            main += """
                out += \(p).name + s + text(\(p).version) + s + "|".join(\(p).lineage) + s
                out += \(p).system_prompt(v=\(v)) + s + text(\(p).greeting(v=\(v))) + s
                out += \(entry).system_prompt(v=\(v)) + s + text(\(entry).greeting(v=\(v))) + s

                """
        }
        main += "sys.stdout.buffer.write(out.encode(\"utf-8\"))\n"
        try scratch.write("main.py", main)
        let python = try #require(ExternalTool("python3"))
        let run = try python.run(["main.py"], in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.firstDifference(run.stdout, Self.expected(module, values)) == nil)
        if let mypy = ExternalTool("mypy") {
            let check = try mypy.run(["--strict", "--no-incremental", "generated.py"], in: scratch.root)
            #expect(check.status == 0, "\(String(decoding: check.stdout, as: UTF8.self))")
        }
    }

    @Test(.enabled(if: ExternalTool.exists("tsc") && ExternalTool.exists("node")))
    func typeScriptLiteralsRoundTrip() throws {
        let (module, values) = Self.randomModule()
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("generated.ts", TypeScriptEmitter.emit(module))
        var main = """
            import * as generated from "./generated";
            declare const process: { stdout: { write(text: string): boolean } };
            const s = "\(Self.separator)";
            let out = "";

            """
        for (persona, value) in zip(module.personas, values) {
            let p = "generated.\(persona.identifier)"
            let v = StringLiterals.typeScript(value)
            let entry = "generated.PERSONAS[\(StringLiterals.typeScript(persona.name))]"
            main += """
                out += \(p).name + s + (\(p).version ?? "-") + s + \(p).lineage.join("|") + s;
                out += \(p).systemPrompt({ v: \(v) }) + s + (\(p).greeting({ v: \(v) }) ?? "-") + s;
                out += \(entry).systemPrompt({ v: \(v) }) + s + (\(entry).greeting({ v: \(v) }) ?? "-") + s;

                """
        }
        main += "process.stdout.write(out);\n"
        try scratch.write("main.ts", main)
        let tsc = try #require(ExternalTool("tsc"))
        let compile = try tsc.run(["--strict", "--outDir", "js", "generated.ts", "main.ts"], in: scratch.root)
        #expect(compile.status == 0, "\(String(decoding: compile.stdout, as: UTF8.self))")
        let run = try #require(ExternalTool("node")).run(["js/main.js"], in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.firstDifference(run.stdout, Self.expected(module, values)) == nil)
    }
}

import Foundation
import Testing
import TestSupport

/// The seed of this run's random persona set: `PERSONA_TEST_SEED` when set
/// (to run a failure again), a fresh one otherwise.
let crossLanguageSeed: UInt64 = ProcessInfo.processInfo.environment["PERSONA_TEST_SEED"].flatMap { UInt64($0) }
    ?? UInt64.random(in: 1...UInt64.max)

/// One value a caller program prints, and what `persona` says it must be.
struct ExpectedRecord: Sendable {
    var label: String
    var bytes: [UInt8]
}

/// What `persona render` and `persona build` give for every concrete persona
/// of a random set, filled with the set's two value sets: the truth the
/// generated code of each language is compared with.
struct CrossLanguageOracle: Sendable {
    let set: RandomPersonaSet
    /// Per concrete persona (in `set.concrete` order), the records its caller prints, in order.
    let records: [[ExpectedRecord]]

    static let shared: Result<CrossLanguageOracle, any Error> = Result(catching: { try CrossLanguageOracle(seed: crossLanguageSeed) })

    /// The printed form of an absent value (a persona without version or greeting).
    static let none = "(none)"

    init(seed: UInt64) throws {
        set = RandomPersonaSet(seed: seed)
        let folder = try Scratch(set.files)
        defer { folder.cleanup() }
        let failure = "seed \(seed) (run again with PERSONA_TEST_SEED=\(seed))"
        // Each value set once through build (greetings, fields; set 1's prompts).
        var artifacts: [[String: Artifact]] = []
        for (index, values) in set.valueSets.enumerated() {
            let out = "out\(index)"
            let arguments = ["build", "personas", "--out", out] + values.sorted { $0.key < $1.key }.map { "--var=\($0.key)=\($0.value)" }
            let built = try CLI.run(arguments, in: folder.root)
            guard built.status == 0 else {
                let files = set.files.sorted { $0.key < $1.key }.map { "== \($0.key)\n\($0.value)" }.joined(separator: "\n")
                throw OracleError("persona build failed on the random set, \(failure):\n\(built.stderr)\n\(files)")
            }
            var byName: [String: Artifact] = [:]
            for persona in set.concrete {
                // JSONDecoder, not JSONSerialization: the latter drops a string's leading U+FEFF.
                guard let text = folder.read(out + "/" + persona.name + ".json"),
                      var artifact = try? JSONDecoder().decode(Artifact.self, from: Data(text.utf8))
                else { throw OracleError("no artifact for \(persona.name), \(failure)") }
                artifact.txt = folder.read(out + "/" + persona.name + ".txt") ?? ""
                byName[persona.name] = artifact
            }
            artifacts.append(byName)
        }
        var records: [[ExpectedRecord]] = []
        for persona in set.concrete {
            // Value set 0: the prompt as persona render prints it.
            let assignment = set.assignment(persona, set: 0)
            let rendered = try CLI.run(
                ["render", persona.name, "personas"] + assignment.map { "--var=\($0.name)=\($0.value)" }, in: folder.root)
            guard rendered.status == 0 else {
                throw OracleError("persona render \(persona.name) failed, \(failure):\n\(rendered.stderr)")
            }
            var expected: [ExpectedRecord] = []
            for index in 0..<2 {
                let artifact = artifacts[index][persona.name]
                let prompt = index == 0 ? rendered.stdout : artifact?.txt ?? ""
                let greeting = artifact?.greeting ?? Self.none
                expected.append(ExpectedRecord(label: "systemPrompt (typed, values \(index))", bytes: Array(prompt.utf8)))
                expected.append(ExpectedRecord(label: "systemPrompt (by name, values \(index))", bytes: Array(prompt.utf8)))
                expected.append(ExpectedRecord(label: "greeting (typed, values \(index))", bytes: Array(greeting.utf8)))
                expected.append(ExpectedRecord(label: "greeting (by name, values \(index))", bytes: Array(greeting.utf8)))
            }
            let artifact = artifacts[0][persona.name]
            let fields: [(String, String)] = [
                ("name", persona.name),
                ("version", artifact?.version ?? Self.none),
                ("fingerprint", artifact?.templateFingerprint ?? "?"),
                ("lineage", (artifact?.lineage ?? []).joined(separator: "\n")),
            ]
            expected += fields.map { ExpectedRecord(label: $0.0, bytes: Array($0.1.utf8)) }
            records.append(expected)
        }
        self.records = records
    }
}

/// The fields of a `NAME.json` the oracle reads, and the `NAME.txt` beside it.
struct Artifact: Decodable, Sendable {
    var version: String?
    var templateFingerprint: String
    var lineage: [String]
    var greeting: String?
    var txt = ""

    enum CodingKeys: String, CodingKey {
        case version, lineage, greeting
        case templateFingerprint = "template_fingerprint"
    }
}

struct OracleError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A language the personas are generated into, with how to call, check, compile and run it.
enum HostLanguage: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case python, typescript, swift

    var testDescription: String { rawValue }

    /// The generated file's name.
    var generatedFile: String {
        switch self {
        case .python: "generated_personas.py"
        case .typescript: "generated_personas.ts"
        case .swift: "Personas.swift"
        }
    }

    /// The accessor of `name` (two words, as the random set writes them).
    func accessor(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0 == " " || $0 == "-" }).flatMap { word -> [String] in
            // MayaNight → Maya, Night.
            var parts: [String] = []
            for character in word {
                if character.isUppercase || parts.isEmpty { parts.append("") }
                parts[parts.count - 1].append(character)
            }
            return parts
        }.map { $0.lowercased() }
        switch self {
        case .python: return words.joined(separator: "_")
        case .typescript, .swift: return (words.first ?? "") + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
    }

    /// A variable's parameter name in a typed call.
    func parameter(_ name: String) -> String {
        switch self {
        case .python: ["class", "from"].contains(name) ? name + "_" : name
        case .swift: name  // a keyword needs no backticks as an argument label
        case .typescript: name
        }
    }

    /// The caller program: for each persona, the records of ``CrossLanguageOracle``, in order.
    func caller(_ set: RandomPersonaSet) -> String {
        var lines: [String] = []
        switch self {
        case .python:
            lines += [
                "import sys", "import typing", "import generated_personas as g", "",
                "def emit(value: typing.Optional[str]) -> None:",
                "    data = (\"(none)\" if value is None else value).encode(\"utf-8\")",
                "    sys.stdout.buffer.write(str(len(data)).encode(\"ascii\") + b\"\\n\" + data)", "",
            ]
        case .typescript:
            lines += [
                "import * as g from \"./generated_personas\";",
                "declare const process: { stdout: { write(text: string): boolean } };",
                "declare const Buffer: { byteLength(text: string, encoding: string): number };",
                "function emit(value: string | null | undefined): void {",
                "  const text = value === null || value === undefined ? \"(none)\" : value;",
                "  process.stdout.write(Buffer.byteLength(text, \"utf8\") + \"\\n\" + text);",
                "}",
            ]
        case .swift:
            lines += [
                "func emit(_ value: String?) {",
                "    let text = value ?? \"(none)\"",
                "    print(text.utf8.count)",
                "    print(text, terminator: \"\")",
                "}",
                "func table(_ name: String, _ fill: (Personas.Entry) throws -> String?) -> String? {",
                "    guard let entry = Personas.all[name] else { return \"no entry \\(name)\" }",
                "    do { return try fill(entry) } catch { return \"error: \\(error)\" }",
                "}",
            ]
        }
        for persona in set.concrete {
            let accessor = accessor(persona.name)
            for index in 0..<2 {
                let assignment = set.assignment(persona, set: index)
                lines += calls(persona.name, accessor, assignment, takesValues: !persona.resolvedVariables.isEmpty)
            }
            switch self {
            case .python:
                lines += ["name", "version", "fingerprint"].map { "emit(g.\(accessor).\($0))" }
                lines.append("emit(\"\\n\".join(g.\(accessor).lineage))")
            case .typescript:
                lines += ["name", "version", "fingerprint"].map { "emit(g.\(accessor).\($0));" }
                lines.append("emit(g.\(accessor).lineage.join(\"\\n\"));")
            case .swift:
                lines += ["name", "version", "fingerprint"].map { "emit(Personas.\(accessor).\($0))" }
                lines.append("emit(Personas.\(accessor).lineage.joined(separator: \"\\n\"))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func calls(_ name: String, _ accessor: String, _ assignment: VariableAssignment, takesValues: Bool) -> [String] {
        switch self {
        case .python:
            let typed = assignment.map { parameter($0.name) + "=" + CallerLiterals.python($0.value) }.joined(separator: ", ")
            let table = "**{" + assignment.map { CallerLiterals.python($0.name) + ": " + CallerLiterals.python($0.value) }
                .joined(separator: ", ") + "}"
            let key = CallerLiterals.python(name)
            return [
                "emit(g.\(accessor).system_prompt(\(typed)))",
                "emit(g.PERSONAS[\(key)].system_prompt(\(table)))",
                "emit(g.\(accessor).greeting(\(typed)))",
                "emit(g.PERSONAS[\(key)].greeting(\(table)))",
            ]
        case .typescript:
            let object = "{" + assignment.map { CallerLiterals.typeScript($0.name) + ": " + CallerLiterals.typeScript($0.value) }
                .joined(separator: ", ") + "}"
            let key = CallerLiterals.typeScript(name)
            // A persona without variables takes no argument.
            let typed = takesValues ? object : ""
            return [
                "emit(g.\(accessor).systemPrompt(\(typed)));",
                "emit(g.PERSONAS[\(key)].systemPrompt(\(object)));",
                "emit(g.\(accessor).greeting(\(typed)));",
                "emit(g.PERSONAS[\(key)].greeting(\(object)));",
            ]
        case .swift:
            let typed = assignment.map { parameter($0.name) + ": " + CallerLiterals.swift($0.value) }.joined(separator: ", ")
            let dictionary = assignment.isEmpty ? "[:]"
                : "[" + assignment.map { CallerLiterals.swift($0.name) + ": " + CallerLiterals.swift($0.value) }
                    .joined(separator: ", ") + "]"
            let key = CallerLiterals.swift(name)
            return [
                "emit(Personas.\(accessor).systemPrompt(\(typed)))",
                "emit(table(\(key)) { try $0.systemPrompt(\(dictionary)) })",
                "emit(Personas.\(accessor).greeting(\(typed)))",
                "emit(table(\(key)) { try $0.greeting(\(dictionary)) })",
            ]
        }
    }

    /// The tools this language needs, each checked (a missing one is a failure saying what to install).
    func requireTools() -> Bool {
        switch self {
        case .python: HostTools.requireMypy() != nil
        case .typescript: HostTools.require("tsc") != nil && HostTools.require("node") != nil
        case .swift: HostTools.require("swiftc") != nil
        }
    }

    /// Type-checks, compiles and runs the caller in `folder`; the caller's
    /// standard output, or a failure naming the step.
    func compileAndRun(in folder: String) throws -> Swift.Result<[UInt8], OracleError> {
        func step(_ tool: String, _ arguments: [String]) throws -> Swift.Result<[UInt8], OracleError> {
            guard let path = tool.hasPrefix("/") ? tool : HostTools.find(tool) else { return .failure(OracleError(HostTools.installHint(tool))) }
            let result = try HostTools.run(path, arguments, in: folder)
            guard result.status == 0 else {
                return .failure(OracleError("\(tool) \(arguments.joined(separator: " ")) exited \(result.status):\n\(result.output)"))
            }
            return .success(result.stdout)
        }
        switch self {
        case .python:
            return try step("python3", ["-m", "mypy", "--strict", "--no-incremental", generatedFile, "main.py"])
                .flatMap { _ in try step("python3", ["main.py"]) }
        case .typescript:
            return try step("tsc", [
                "--strict", "--target", "es2020", "--module", "commonjs", "--outDir", "js", "main.ts", generatedFile,
            ]).flatMap { _ in try step("node", ["js/main.js"]) }
        case .swift:
            return try step("swiftc", ["-swift-version", "6", "-warnings-as-errors", "-o", "main", generatedFile, "main.swift"])
                .flatMap { _ in try step(folder + "/main", []) }
        }
    }

    var callerFile: String {
        switch self {
        case .python: "main.py"
        case .typescript: "main.ts"
        case .swift: "main.swift"
        }
    }
}

extension Swift.Result {
    /// `flatMap` with a throwing transform.
    func flatMap<NewSuccess>(_ transform: (Success) throws -> Swift.Result<NewSuccess, Failure>) rethrows
        -> Swift.Result<NewSuccess, Failure> {
        switch self {
        case .success(let value): try transform(value)
        case .failure(let error): .failure(error)
        }
    }
}

@Suite("generated code equals persona render, for random persona sets")
struct CrossLanguageTests {
    /// For a random persona set (inheritance, required and defaulted variables,
    /// `{{ }}`, unicode, values holding braces, quotes, backslashes and line
    /// breaks), the code `persona generate` writes in each language, compiled
    /// and run with two sets of values, gives byte for byte what `persona
    /// render` and `persona build` give: the prompt, through the typed accessor
    /// and the table by name, the greeting, and the name, version, fingerprint
    /// and lineage. The generated Python also passes `mypy --strict`, the
    /// TypeScript `tsc --strict`, the Swift `swiftc -warnings-as-errors`.
    @Test(.timeLimit(.minutes(10)), arguments: HostLanguage.allCases)
    func generatedCodeEqualsRender(_ language: HostLanguage) throws {
        let seed = crossLanguageSeed
        let rerun = "seed \(seed) (run again with PERSONA_TEST_SEED=\(seed))"
        guard language.requireTools() else { return }
        let oracle = try CrossLanguageOracle.shared.get()
        let folder = try Scratch(oracle.set.files)
        defer { folder.cleanup() }

        let generated = try CLI.run(["generate", language.rawValue, "personas", "--out", language.generatedFile], in: folder.root)
        try #require(generated.status == 0, "persona generate \(language.rawValue) failed, \(rerun):\n\(generated.stderr)")
        try folder.write(language.callerFile, language.caller(oracle.set))

        let output = try language.compileAndRun(in: folder.root)
        let stdout: [UInt8]
        switch output {
        case .failure(let error):
            Issue.record("\(language.rawValue), \(rerun): \(error.description)")
            return
        case .success(let bytes): stdout = bytes
        }
        let records = try #require(HostTools.records(stdout), "\(language.rawValue) printed malformed records, \(rerun)")
        let expected = oracle.records.flatMap { $0 }
        #expect(records.count == expected.count, "\(language.rawValue): \(records.count) records, expected \(expected.count), \(rerun)")
        var mismatches = 0
        let perPersona = oracle.records.first?.count ?? 1
        for (index, (got, want)) in zip(records, expected).enumerated() where got != want.bytes {
            mismatches += 1
            guard mismatches <= 5 else { continue }
            let persona = oracle.set.concrete[index / perPersona].name
            Issue.record("""
                \(language.rawValue), persona '\(persona)', \(want.label), \(rerun):
                  \(Self.difference(want.bytes, got))
                """)
        }
        #expect(mismatches == 0, "\(language.rawValue): \(mismatches) of \(expected.count) values differ, \(rerun)")
    }

    /// Where `expected` and `got` first differ, each as a quoted ASCII line
    /// around that place (other characters as `\u{…}`).
    static func difference(_ expected: [UInt8], _ got: [UInt8]) -> String {
        let want = Array(String(decoding: expected, as: UTF8.self).unicodeScalars)
        let have = Array(String(decoding: got, as: UTF8.self).unicodeScalars)
        let common = min(want.count, have.count)
        let first = (0..<common).first { want[$0] != have[$0] } ?? common
        func shown(_ scalars: [Unicode.Scalar]) -> String {
            let start = max(0, first - 30)
            let end = min(scalars.count, first + 50)
            return (start > 0 ? "…" : "") + "\"" + scalars[start..<end].map { scalar in
                (0x20..<0x7F).contains(scalar.value) && scalar != "\\" && scalar != "\""
                    ? String(scalar) : "\\u{" + String(scalar.value, radix: 16) + "}"
            }.joined() + "\"" + (end < scalars.count ? "…" : "")
        }
        return "first difference at character \(first) of \(want.count):\n  expected \(shown(want))\n  got      \(shown(have))"
    }
}

import Foundation
import Testing
import TestSupport

/// `sha256:` and the hex SHA-256 of a file, computed by the system's `sha256sum`
/// (or `shasum -a 256`), independently of the code under test.
private func systemSHA256(_ path: String) throws -> String {
    for command in [["sha256sum"], ["shasum", "-a", "256"]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command + [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { continue }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { continue }
        let digest = String(decoding: output, as: UTF8.self).prefix { !$0.isWhitespace }
        if digest.count == 64 { return "sha256:" + digest }
    }
    throw CocoaError(.executableNotLoadable)
}

/// One member of one persona's entry in a manifest or lock file.
private func member(_ key: String, of name: String, in folder: Scratch, _ file: String) throws -> Any? {
    let data = try #require(FileManager.default.contents(atPath: folder.root + "/" + file))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let personas = try #require(root["personas"] as? [[String: Any]])
    return try #require(personas.first { $0["name"] as? String == name })[key]
}

/// A member of a JSON artifact.
private func artifactMember(_ key: String, in folder: Scratch, _ file: String) throws -> Any? {
    let data = try #require(FileManager.default.contents(atPath: folder.root + "/" + file))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])[key]
}

private let helper = """
    name: Helper
    version: "1.0.0"
    role: assistant at {company}
    variables:
      company: {required: true}
    custom_sections:
      format: 'Reply as JSON: {{"answer": "..."}}'
    """

@Suite("Fingerprints are of NAME.txt; the manifest says filled or template")
struct FingerprintCLITests {
    @Test func fingerprintIsTheSHA256OfNAMEtxtForEachVarValue() throws {
        let folder = try Scratch(["personas/helper.yaml": helper])
        defer { folder.cleanup() }
        var fingerprints: [String] = []
        var templateFingerprints: [String] = []
        for (out, value) in [("a", "Acme"), ("b", "Globex")] {
            let built = try CLI.run(["build", "--out", out, "--var", "company=\(value)"], in: folder.root)
            #expect(built.status == 0, "\(built.stderr)")
            #expect(folder.read("\(out)/Helper.txt")?.hasPrefix("You are Helper, a assistant at \(value).") == true)
            let digest = try systemSHA256(folder.root + "/\(out)/Helper.txt")
            #expect(try member("fingerprint", of: "Helper", in: folder, "\(out)/manifest.json") as? String == digest)
            #expect(try artifactMember("fingerprint", in: folder, "\(out)/Helper.json") as? String == digest)
            fingerprints.append(digest)
            templateFingerprints.append(try #require(try artifactMember("template_fingerprint", in: folder, "\(out)/Helper.json") as? String))
        }
        #expect(fingerprints[0] != fingerprints[1], "different NAME.txt, different fingerprints")
        #expect(templateFingerprints[0] == templateFingerprints[1], "the template does not depend on the values")
    }

    @Test func fingerprintOfATextWithDoubledBracesIsTheSHA256OfNAMEtxt() throws {
        let folder = try Scratch(["personas/helper.yaml": helper])
        defer { folder.cleanup() }
        let built = try CLI.run(["build", "--var", "company=Acme"], in: folder.root)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(folder.read("build/personas/Helper.txt")?.hasSuffix(#"Reply as JSON: {"answer": "..."}"#) == true)
        let digest = try systemSHA256(folder.root + "/build/personas/Helper.txt")
        #expect(try member("fingerprint", of: "Helper", in: folder, "build/personas/manifest.json") as? String == digest)
        #expect(try artifactMember("fingerprint", in: folder, "build/personas/Helper.json") as? String == digest)
    }

    @Test func manifestSaysWhetherNAMEtxtIsTheFilledPromptOrATemplate() throws {
        let folder = try Scratch(["personas/helper.yaml": helper])
        defer { folder.cleanup() }
        #expect(try CLI.run(["build", "--out", "template"], in: folder.root).status == 0)
        #expect(try member("prompt", of: "Helper", in: folder, "template/manifest.json") as? String == "template")
        #expect(folder.read("template/Helper.txt")?.hasPrefix("You are Helper, a assistant at {company}.") == true)
        // The template's own fingerprint is still that of the bytes written.
        #expect(try member("fingerprint", of: "Helper", in: folder, "template/manifest.json") as? String
            == (try systemSHA256(folder.root + "/template/Helper.txt")))
        #expect(try CLI.run(["build", "--out", "filled", "--var", "company=Acme"], in: folder.root).status == 0)
        #expect(try member("prompt", of: "Helper", in: folder, "filled/manifest.json") as? String == "filled")
    }

    @Test func varValuesAreNoDriftButAChangedTemplateIs() throws {
        let folder = try Scratch(["personas/helper.yaml": helper])
        defer { folder.cleanup() }
        #expect(try CLI.run(["lock"], in: folder.root).status == 0)
        #expect(try member("template_fingerprint", of: "Helper", in: folder, "personas/personas.lock") is String)
        for value in ["Acme", "Globex"] {
            let built = try CLI.run(["build", "--var", "company=\(value)"], in: folder.root)
            #expect(built.status == 0, "\(built.stderr)")
        }
        try Data(helper.replacingOccurrences(of: "assistant at", with: "agent at").utf8)
            .write(to: URL(fileURLWithPath: folder.root + "/personas/helper.yaml"))
        let drift = try CLI.run(["build", "--var", "company=Acme"], in: folder.root)
        #expect(drift.status == 1)
        #expect(drift.stderr.hasPrefix("personas/helper.yaml:2:10: error: Helper changed but version is still 1.0.0: bump it or run persona lock\n"))
        #expect(drift.stderr.contains("note: changed since the lock: role\n"))
    }

    @Test func aLockFileWithoutTemplateFingerprintsAsksForPersonaLock() throws {
        let folder = try Scratch(["personas/helper.yaml": helper])
        defer { folder.cleanup() }
        #expect(try CLI.run(["lock"], in: folder.root).status == 0)
        // A lock file written before template fingerprints existed.
        let lock = try #require(folder.read("personas/personas.lock"))
        let old = lock.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"template_fingerprint\"") }.joined(separator: "\n")
        try Data(old.utf8).write(to: URL(fileURLWithPath: folder.root + "/personas/personas.lock"))
        for arguments in [["build"], ["build", "--check"], ["validate"]] {
            let result = try CLI.run(arguments, in: folder.root)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains(
                "personas/personas.lock:4:5: error: invalid lock file: 'Helper' has no 'template_fingerprint' (the lock file was written by an older version of persona): run persona lock to write it afresh"),
                "\(arguments): \(result.stderr)")
        }
        #expect(!folder.exists("build"))
        #expect(try CLI.run(["lock"], in: folder.root).status == 0)
        #expect(try CLI.run(["build"], in: folder.root).status == 0)
    }
}

@Suite("Every text that may hold placeholders counts, the greeting included")
struct GreetingVariableCLITests {
    private let files = [
        "personas/greeter.yaml": """
            name: Greeter
            role: assistant
            variables:
              user: {required: true}
            greeting: Hi {user}!
            """,
    ]

    @Test func aRequiredVariableUsedOnlyInTheGreetingFailsStrict() throws {
        let folder = try Scratch(files)
        defer { folder.cleanup() }
        for command in [["build", "--strict"], ["render", "Greeter", "--strict"]] {
            let strict = try CLI.run(command, in: folder.root)
            #expect(strict.status == 1, "\(command)")
            #expect(strict.stderr == "personas/greeter.yaml:1:7: error: variable 'user' of 'Greeter' has no value, and strict filling needs one: give it a value or a default (see --strict, --var and --vars)\n")
        }
        #expect(!folder.exists("build"))
        let filled = try CLI.run(["build", "--strict", "--var", "user=Ann"], in: folder.root)
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(try artifactMember("greeting", in: folder, "build/personas/Greeter.json") as? String == "Hi Ann!")
    }

    @Test func theArtifactListsAVariableLeftInTheGreeting() throws {
        let folder = try Scratch(files)
        defer { folder.cleanup() }
        let built = try CLI.run(["build"], in: folder.root)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.isEmpty, "the greeting uses the variable: no warning")
        #expect(try artifactMember("greeting", in: folder, "build/personas/Greeter.json") as? String == "Hi {user}!")
        let variables = try #require(try artifactMember("variables", in: folder, "build/personas/Greeter.json") as? [String: Any])
        #expect(Array(variables.keys) == ["user"])
        // NAME.txt itself holds no variable.
        #expect(try member("prompt", of: "Greeter", in: folder, "build/personas/manifest.json") as? String == "filled")
    }
}

@Suite("A persona's name is literal text")
struct LiteralNameCLITests {
    @Test(arguments: ["Bot{x}", "{{Bot}}", "Bot}"])
    func bracesInANameGoIntoThePromptExactly(name: String) throws {
        let folder = try Scratch(["personas/bot.json": #"{"name": "\#(name)", "role": "helper"}"#])
        defer { folder.cleanup() }
        let validated = try CLI.run(["validate"], in: folder.root)
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stderr.isEmpty)
        let built = try CLI.run(["build", "--strict"], in: folder.root)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.isEmpty)
        let prompt = "You are \(name), a helper.\n\nTone: helpful and professional"
        #expect(folder.read("build/personas/\(name).txt") == prompt)
        #expect(try artifactMember("variables", in: folder, "build/personas/\(name).json") as? [String: Any] != nil)
        #expect((try artifactMember("variables", in: folder, "build/personas/\(name).json") as? [String: Any])?.isEmpty == true)
        let rendered = try CLI.run(["render", name, "--strict"], in: folder.root)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(rendered.stdout == prompt)
    }

    /// In a template (a required variable left unfilled), the name's braces are
    /// doubled, so `str.format` gives the name back exactly.
    @Test func aTemplateEscapesTheNameForStrFormat() throws {
        let folder = try Scratch(["personas/bot.yaml": """
            name: "Bot{x}}"
            role: helper of {user}
            variables:
              user: {required: true}
            """])
        defer { folder.cleanup() }
        let built = try CLI.run(["build"], in: folder.root)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(folder.read("build/personas/Bot{x}}.txt") == "You are Bot{{x}}}}, a helper of {user}.\n\nTone: helpful and professional")
        let variables = try #require(try artifactMember("variables", in: folder, "build/personas/Bot{x}}.json") as? [String: Any])
        #expect(Array(variables.keys) == ["user"], "the name holds no variable")
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", "-c", "import sys; sys.stdout.write(open(sys.argv[1], encoding='utf-8').read().format(user='Ann'))",
            folder.root + "/build/personas/Bot{x}}.txt",
        ]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        #expect(String(decoding: output, as: UTF8.self) == "You are Bot{x}}, a helper of Ann.\n\nTone: helpful and professional")
    }
}

@Suite("Unused-variable warnings come only from commands that check")
struct UnusedVariableCLITests {
    @Test func renderOfOnePersonaDoesNotWarnAboutAnother() throws {
        let folder = try Scratch([
            "personas/x.yaml": "name: X\nrole: r\n",
            "personas/y.yaml": "name: Y\nrole: r\nvariables:\n  unused: {default: a}\n",
        ])
        defer { folder.cleanup() }
        let warning = "personas/y.yaml:4:3: warning: variable 'unused' is declared but no text of 'Y' uses it\n"
        for command in [["render", "X"], ["explain", "X"], ["list"], ["diff", "X", "Y"]] {
            let result = try CLI.run(command, in: folder.root)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(command): \(result.stderr)")
        }
        for command in [["validate"], ["build"]] {
            let result = try CLI.run(command, in: folder.root)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stderr == warning, "\(command)")
        }
    }
}

@Suite("An inherited text's problem is reported once, at its place")
struct InheritedTemplateProblemCLITests {
    @Test func anUndeclaredVariableInAnInheritedTextIsOneErrorWithANote() throws {
        let folder = try Scratch([
            "personas/base.yaml": "name: Base\nabstract: true\nrole: helps {user}\n",
            "personas/kids.yaml": "Kid1:\n  parent: Base\nKid2:\n  parent: Base\nKid3:\n  parent: Base\n",
        ])
        defer { folder.cleanup() }
        let result = try CLI.run(["validate"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stderr == """
            personas/base.yaml:3:13: error: undeclared variable 'user' in role of 'Base': declare it under 'variables'
            personas/kids.yaml:1:1: note: inherited by 'Kid1', 'Kid2' and 'Kid3', which do not declare 'user'

            """)
    }

    @Test func anUnusedVariableIsOneWarningAtThePersonaWhoseTextsDoNotUseIt() throws {
        let folder = try Scratch([
            "personas/base.yaml": "name: Base\nrole: helps {user}\nvariables:\n  user: {default: you}\n",
            "personas/kid.yaml": "name: Kid\nparent: Base\nrole: helps\n",
            "personas/grandkids.yaml": "G1:\n  parent: Kid\nG2:\n  parent: Kid\n",
        ])
        defer { folder.cleanup() }
        let result = try CLI.run(["validate"], in: folder.root)
        #expect(result.status == 0)
        #expect(result.stderr == """
            personas/kid.yaml:1:7: warning: variable 'user' is inherited from 'Base' but no text of 'Kid' uses it, nor of 'G1' and 'G2', which inherit it

            """)
    }
}

import Foundation
import Testing
import TestSupport

/// A call of a generated `systemPrompt` that leaves out a required variable is
/// a compile-time error in each language: `mypy --strict`, `tsc --strict
/// --noEmit` and `swiftc` reject it and name the parameter, and accept the
/// same call with the variable given.
@Suite("a missing required variable fails the type checker")
struct MissingVariableCompileTests {
    private static let maya = """
        name: Maya
        role: Customer Support Specialist
        variables:
          user_name: {description: the customer's first name, required: true}
          plan: {default: Free}
        custom_sections:
          context: You are assisting {user_name} on the {plan} plan.
        """

    /// A caller of `Personas.maya` / `maya` passing `plan`, and `user_name` when `withUserName`.
    private static func caller(_ language: HostLanguage, withUserName: Bool) -> String {
        switch language {
        case .python:
            let arguments = withUserName ? "user_name=\"Ada\", plan=\"Gold\"" : "plan=\"Gold\""
            return "from generated_personas import maya\n\ntext: str = maya.system_prompt(\(arguments))\n"
        case .typescript:
            let arguments = withUserName ? "{ user_name: \"Ada\", plan: \"Gold\" }" : "{ plan: \"Gold\" }"
            return "import { maya } from \"./generated_personas\";\n\nexport const text: string = maya.systemPrompt(\(arguments));\n"
        case .swift:
            let arguments = withUserName ? "user_name: \"Ada\", plan: \"Gold\"" : "plan: \"Gold\""
            return "let text: String = Personas.maya.systemPrompt(\(arguments))\nprint(text)\n"
        }
    }

    /// The type checker's run over the generated file and the caller.
    private static func check(_ language: HostLanguage, in folder: String) throws -> HostTools.Result? {
        switch language {
        case .python:
            guard let python = HostTools.requireMypy() else { return nil }
            return try HostTools.run(
                python, ["-m", "mypy", "--strict", "--no-incremental", language.generatedFile, language.callerFile], in: folder)
        case .typescript:
            guard let tsc = HostTools.require("tsc") else { return nil }
            return try HostTools.run(tsc, ["--strict", "--noEmit", "--target", "es2020", language.callerFile, language.generatedFile], in: folder)
        case .swift:
            guard let swiftc = HostTools.require("swiftc") else { return nil }
            return try HostTools.run(
                swiftc, ["-typecheck", "-swift-version", "6", language.generatedFile, language.callerFile], in: folder)
        }
    }

    @Test(arguments: HostLanguage.allCases)
    func missingRequiredVariableIsACompileError(_ language: HostLanguage) throws {
        let folder = try Scratch(["personas/maya.yaml": Self.maya])
        defer { folder.cleanup() }
        let generated = try CLI.run(["generate", language.rawValue, "personas", "--out", language.generatedFile], in: folder.root)
        try #require(generated.status == 0, "\(generated.stderr)")

        try folder.write(language.callerFile, Self.caller(language, withUserName: true))
        guard let accepted = try Self.check(language, in: folder.root) else { return }
        #expect(accepted.status == 0, "\(language.rawValue) rejects a complete call:\n\(accepted.output)")

        try folder.write(language.callerFile, Self.caller(language, withUserName: false))
        guard let rejected = try Self.check(language, in: folder.root) else { return }
        #expect(rejected.status != 0, "\(language.rawValue) accepts a call without user_name:\n\(rejected.output)")
        #expect(rejected.output.contains("user_name"), "\(language.rawValue) does not name the parameter:\n\(rejected.output)")
    }
}

import Foundation
import Testing
import TestSupport

private let files = [
    "personas/base.yaml": "name: Base\nabstract: true\ncompany: Acme Corp\nconstraints: [Never lie, Never guess]\n",
    "personas/maya.yaml": "name: Maya\nparent: Base\nrole: Support\ncapabilities: [Track orders]\n",
    "personas/variants.yaml": "MayaPremium:\n  parent: Maya\n  capabilities: [Refund up to $500]\n  constraints:\n    remove: [Never guess]\n",
]

@Suite("persona explain")
struct ExplainTests {
    @Test func explainPrintsEveryValueWithItsOrigin() throws {
        let folder = try Scratch(files)
        defer { folder.cleanup() }
        let result = try CLI.run(["explain", "MayaPremium"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == """
            MayaPremium (lineage: Base -> Maya -> MayaPremium)
            declared at personas/variants.yaml:1:1
            sources: personas/base.yaml, personas/maya.yaml, personas/variants.yaml

            role: Support
              inherited from Maya at personas/maya.yaml:3:7
            company: Acme Corp
              inherited from Base at personas/base.yaml:3:10
            tone: helpful and professional (default)
            greeting: (not set)
            description: (not set)
            version: (not set)
            capabilities:
              - Track orders       inherited from Maya at personas/maya.yaml:4:16
              - Refund up to $500  appended by MayaPremium at personas/variants.yaml:3:18
            constraints:
              - Never lie           inherited from Base at personas/base.yaml:4:15
              removed: Never guess  removed by MayaPremium at personas/variants.yaml:5:14 (written by Base at personas/base.yaml:4:26)
            custom_sections: (none)
            variables: (none)

            """)
    }

    @Test func explainAsJSON() throws {
        let folder = try Scratch(files)
        defer { folder.cleanup() }
        let result = try CLI.run(["explain", "MayaPremium", "personas", "--format", "json"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["lineage"] as? [String] == ["Base", "Maya", "MayaPremium"])
        let company = try #require(object["company"] as? [String: Any])
        #expect(company["action"] as? String == "inherited")
        let origin = try #require(company["origin"] as? [String: Any])
        #expect(origin["file"] as? String == "personas/base.yaml")
        #expect(origin["line"] as? Int == 3)
        let removed = try #require(object["removed_constraints"] as? [[String: Any]])
        #expect(removed.map { $0["value"] as? String } == ["Never guess"])
    }

    @Test func explainAnAbstractBase() throws {
        let folder = try Scratch(files)
        defer { folder.cleanup() }
        let result = try CLI.run(["explain", "Base"], in: folder.root)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Base (lineage: Base) — abstract: a base for others, not emitted\n"))
    }

    @Test func explainAnUnknownPersona() throws {
        let folder = try Scratch(files)
        defer { folder.cleanup() }
        let result = try CLI.run(["explain", "Mya"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: unknown persona 'Mya' (did you mean 'Maya'?)\n")
    }

    @Test func inheritanceErrorsAreReportedAndNothingIsExplained() throws {
        var broken = files
        broken["personas/loop.yaml"] = "A:\n  parent: B\nB:\n  parent: A\n"
        broken["personas/child.yaml"] = "name: Kid\nrole: r\nparent: Mya\n"
        let folder = try Scratch(broken)
        defer { folder.cleanup() }
        let result = try CLI.run(["explain", "MayaPremium"], in: folder.root)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            personas/child.yaml:3:9: error: unknown parent 'Mya' (did you mean 'Maya'?)
            personas/loop.yaml:2:11: error: inheritance cycle: A -> B -> A
            personas/loop.yaml:2:11: note: 'A' inherits from 'B'
            personas/loop.yaml:4:11: note: 'B' inherits from 'A'

            """)
        let build = try CLI.run(["build"], in: folder.root)
        #expect(build.status == 1)
        #expect(build.stderr == result.stderr)
        #expect(!folder.exists("build"))
    }

    @Test func helpListsExplainAndItsFormats() throws {
        let folder = try Scratch([:])
        defer { folder.cleanup() }
        let help = try CLI.run(["--help"], in: folder.root)
        #expect(help.stdout.contains("  explain "))
        let explainHelp = try CLI.run(["explain", "--help"], in: folder.root)
        #expect(explainHelp.status == 0)
        #expect(explainHelp.stdout.contains("--format <format>"))
        #expect(explainHelp.stdout.contains("text or json"))
    }
}

import Foundation
import Testing
import DocumentTree
import JSONSchema
import LLMPersona
import TestSupport

@Suite("Bundled persona schema")
struct BundledSchemaTests {
    @Test func embeddedCopyEqualsTheFile() throws {
        let file = try #require(FileManager.default.contents(atPath: packageRoot + "/Schemas/persona.schema.json"))
        #expect(Array(BundledSchemas.persona.utf8) == [UInt8](file), "run: python3 Schemas/embed.py")
        let artifact = try #require(FileManager.default.contents(atPath: packageRoot + "/Schemas/artifact.schema.json"))
        #expect(Array(BundledSchemas.artifact.utf8) == [UInt8](artifact), "run: python3 Schemas/embed.py")
    }

    @Test func schemaCompilesAndDescribesEveryField() throws {
        let schema = try JSONReader.parse(BundledSchemas.persona)
        _ = try JSONSchemaValidator(schema: schema)
        #expect(schema["$id"]?.stringValue == PersonaSchema.bundledID)
        let properties = try #require(schema["$defs"]?["persona"]?["properties"]?.objectValue)
        #expect(properties.keys.sorted() == PersonaDecoder.fields.sorted())
        for entry in properties {
            #expect(entry.value["description"]?.stringValue?.isEmpty == false, "\(entry.key) has no description")
            #expect(entry.value["title"]?.stringValue?.isEmpty == false, "\(entry.key) has no title")
        }
    }

    @Test func bundledPersonasAreValid() throws {
        let compilation = PersonaCompiler().compile([packageRoot + "/personas"])
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        #expect(compilation.files.count >= 5)
    }

    @Test func oneCompiledSchemaServesEveryFile() throws {
        // The loader keeps one compiled validator; checking many documents recompiles nothing.
        let loader = PersonaLoader()
        let schema = try #require(loader.schema)
        let documents = (0..<200).map { i in
            try? JSONReader.parse(#"{"name": "P\#(i)", "role": "r", "capabilities": ["a", "b"]}"#)
        }.compactMap { $0 }
        #expect(documents.count == 200)
        #expect(documents.allSatisfy { schema.check($0, file: "x.json").isEmpty })
        #expect(schema.source == "bundled")
    }

    @Test func diagnosticFormats() throws {
        let diagnostics = [
            Diagnostic(file: "a,b:c.yaml", location: SourceLocation(line: 2, column: 3), message: "bad 100%\nvalue", pointer: "/x", keyword: "type"),
            Diagnostic(file: "f.yaml", location: nil, severity: .note, message: "whole file"),
        ]
        // One diagnostic, one line: the line break in the message is shown escaped.
        #expect(DiagnosticFormat.human.render(diagnostics) == "a,b:c.yaml:2:3: error: bad 100%\\nvalue\nf.yaml: note: whole file\n")
        #expect(DiagnosticFormat.github.render(diagnostics) == """
            ::error file=a%2Cb%3Ac.yaml,line=2,col=3::bad 100%25%0Avalue
            ::notice file=f.yaml::whole file

            """)
        let json = try JSONReader.parse(DiagnosticFormat.json.render(diagnostics))
        #expect(json.arrayValue?.count == 2)
        #expect(json.arrayValue?.first?["pointer"]?.stringValue == "/x")
        #expect(json.arrayValue?.last?["line"]?.isNull == true)
    }
}

@Suite("GitHub annotation escaping")
struct GitHubEscapingTests {
    /// Escaping is per Unicode scalar: `:` before a combining mark, and CR LF, are still escaped.
    @Test func combiningMarksAndCRLF() {
        let diagnostic = Diagnostic(file: ":\u{301},x.yaml", location: nil, message: "a\r\nb}\u{301}")
        #expect(DiagnosticFormat.github.render([diagnostic]) == "::error file=%3A\u{301}%2Cx.yaml::a%0D%0Ab}\u{301}\n")
    }
}

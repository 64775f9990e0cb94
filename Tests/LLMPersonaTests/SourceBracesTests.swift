import Testing
import DocumentTree
@testable import LLMPersona
import TestSupport

/// A line and column (Swift Testing has a type of the same name).
typealias FileLocation = DocumentTree.SourceLocation

/// The brace locations kept for a file place every brace as reading the file
/// a character at a time does, whatever its line ends, byte-order mark or
/// multi-byte characters.
@Suite("Brace locations of a source file")
struct SourceBracesTests {
    /// The location of the `index`-th brace at or after `start`, stepping through `source`.
    static func stepped(_ source: [UInt8], brace index: Int, from start: FileLocation) -> FileLocation? {
        var i = source.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1, column = 1, seen = 0
        while i < source.count {
            let b = source[i]
            if b == 0x0A || (b == 0x0D && !(i + 1 < source.count && source[i + 1] == 0x0A)) {
                line += 1
                column = 1
                i += 1
                continue
            }
            if b == 0x0D {
                i += 1
                continue
            }
            if (b == UInt8(ascii: "{") || b == UInt8(ascii: "}")) && FileLocation(line: line, column: column) >= start {
                if seen == index { return FileLocation(line: line, column: column) }
                seen += 1
            }
            i += 1
            while i < source.count && source[i] & 0xC0 == 0x80 { i += 1 }
            column += 1
        }
        return nil
    }

    @Test(arguments: [false, true])
    func everyBraceIsWhereSteppingFindsIt(carriageReturns: Bool) {
        var random = SeededGenerator(seed: carriageReturns ? 7 : 8)
        let pieces: [[UInt8]] = [
            Array("{".utf8), Array("}".utf8), Array("ab".utf8), Array(" x: ".utf8), Array("\n".utf8), Array("\n\n".utf8),
            Array("é".utf8), Array("€".utf8), Array("😀".utf8), Array("{{".utf8), Array("}}".utf8),
        ] + (carriageReturns ? [Array("\r\n".utf8), Array("\r".utf8)] : [])
        for round in 0..<300 {
            var source: [UInt8] = round % 5 == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<Int.random(in: 0..<40, using: &random) { source += pieces.randomElement(using: &random) ?? [] }
            let braces = SourceBraces(source)
            #expect((braces == nil) == !source.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }))
            guard let braces else { continue }
            for line in 1...8 {
                for column in 1...8 {
                    let start = FileLocation(line: line, column: column)
                    for index in 0..<4 {
                        #expect(braces.location(ofBrace: index, from: start) == Self.stepped(source, brace: index, from: start),
                                "round \(round), \(start), brace \(index)")
                    }
                }
            }
        }
    }

    @Test func aCompiledFileWithCRLFLinesPlacesATemplateErrorInsideABlockScalar() {
        let yaml = "name: A\r\nrole: r\r\ncustom_sections:\r\n  notes: |\r\n    é first\r\n    then {unclosed\r\n"
        let compilation = PersonaCompiler().compile(sources: [(path: "a.yaml", bytes: Array(yaml.utf8))])
        #expect(compilation.diagnostics.map(\.description) == [
            "a.yaml:6:10: error: unclosed '{': write '{{' for a literal brace (in custom_sections.notes)",
        ])
    }
}

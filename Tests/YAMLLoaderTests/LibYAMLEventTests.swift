import LibYAML
import Testing

/// All events of `bytes`, through `streamEnd`.
private func events(_ bytes: [UInt8]) throws -> [YAMLEvent] {
    var parser = YAMLParser(bytes)
    var result: [YAMLEvent] = []
    while true {
        let event = try parser.next()
        result.append(event)
        if case .streamEnd = event { return result }
    }
}

private func mark(_ line: Int, _ column: Int, _ offset: Int) -> YAMLMark {
    YAMLMark(line: line, column: column, offset: offset)
}

@Suite("LibYAML events")
struct LibYAMLEventTests {
    @Test func eventsOfASmallDocument() throws {
        let got = try events(Array("a: [1, 'b']\n".utf8))
        #expect(got == [
            .streamStart(mark: mark(1, 1, 0)),
            .documentStart(implicit: true, mark: mark(1, 1, 0)),
            .mappingStart(anchor: nil, tag: nil, style: .block, mark: mark(1, 1, 0)),
            .scalar(value: "a", anchor: nil, tag: nil, style: .plain, mark: mark(1, 1, 0)),
            .sequenceStart(anchor: nil, tag: nil, style: .flow, mark: mark(1, 4, 3)),
            .scalar(value: "1", anchor: nil, tag: nil, style: .plain, mark: mark(1, 5, 4)),
            .scalar(value: "b", anchor: nil, tag: nil, style: .singleQuoted, mark: mark(1, 8, 7)),
            .sequenceEnd(mark: mark(1, 11, 10)),
            .mappingEnd(mark: mark(2, 1, 12)),
            .documentEnd(implicit: true, mark: mark(2, 1, 12)),
            .streamEnd(mark: mark(2, 1, 12)),
        ])
    }

    @Test func anchorsTagsAliasesAndStyles() throws {
        let text = "--- !!map\nx: &A !local \"q\"\ny: *A\nz: |\n  lit\nw: >\n  fold\n...\n"
        let got = try events(Array(text.utf8))
        #expect(got[1] == .documentStart(implicit: false, mark: mark(1, 1, 0)))
        #expect(got[2] == .mappingStart(anchor: nil, tag: "tag:yaml.org,2002:map", style: .block, mark: mark(1, 5, 4)))
        #expect(got[4] == .scalar(value: "q", anchor: "A", tag: "!local", style: .doubleQuoted, mark: mark(2, 4, 13)))
        #expect(got[6] == .alias(anchor: "A", mark: mark(3, 4, 30)))
        if case .scalar(let value, _, _, let style, _) = got[8] {
            #expect(value == "lit\n")
            #expect(style == .literal)
        } else {
            Issue.record("expected a scalar, got \(got[8])")
        }
        if case .scalar(let value, _, _, let style, _) = got[10] {
            #expect(value == "fold\n")
            #expect(style == .folded)
        } else {
            Issue.record("expected a scalar, got \(got[10])")
        }
        #expect(got[12] == .documentEnd(implicit: false, mark: mark(8, 1, 56)))
    }

    @Test func offsetsAreBytesAndColumnsAreCharacters() throws {
        // BOM (3 bytes), "é" (2 bytes), "😀" (4 bytes).
        let got = try events([0xEF, 0xBB, 0xBF] + Array("é: 😀x\nk: v\n".utf8))
        let scalars = got.compactMap { event -> YAMLMark? in
            if case .scalar(_, _, _, _, let mark) = event { return mark }
            return nil
        }
        #expect(scalars == [mark(1, 1, 3), mark(1, 4, 7), mark(2, 1, 13), mark(2, 4, 16)])
    }

    @Test func scalarWithNULKeepsItsLength() throws {
        let got = try events(Array(#"["a\0b"]"#.utf8))
        #expect(got[3] == .scalar(value: "a\u{0}b", anchor: nil, tag: nil, style: .doubleQuoted, mark: mark(1, 2, 1)))
    }

    @Test func syntaxErrorCarriesProblemContextAndMarks() throws {
        var parser = YAMLParser("key: value\nother\n")
        var caught: YAMLSyntaxError?
        do {
            while true {
                if case .streamEnd = try parser.next() { break }
            }
        } catch {
            caught = error
        }
        let error = try #require(caught)
        #expect(error.kind == .scanner)
        #expect(error.problem == "could not find expected ':'")
        #expect(error.context == "while scanning a simple key")
        #expect(error.message == "could not find expected ':' while scanning a simple key")
        #expect(error.mark == mark(3, 1, 17))
        #expect(error.contextMark == mark(2, 1, 11))
        // The parser stays failed.
        #expect(throws: error) { try parser.next() }
    }

    @Test func readerErrorHasAPosition() throws {
        var parser = YAMLParser([0x61, 0x3A, 0x20, 0xFE])
        #expect(throws: YAMLSyntaxError(
            kind: .reader, problem: "invalid leading UTF-8 octet (byte 0xFE)", mark: mark(1, 4, 3))
        ) {
            while true {
                if case .streamEnd = try parser.next() { break }
            }
        }
    }

    @Test func streamEndRepeats() throws {
        var parser = YAMLParser("")
        #expect(try parser.next() == .streamStart(mark: mark(1, 1, 0)))
        #expect(try parser.next() == .streamEnd(mark: mark(1, 1, 0)))
        #expect(try parser.next() == .streamEnd(mark: mark(1, 1, 0)))
    }
}

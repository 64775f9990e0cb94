import DocumentTree
import Testing
import YAMLLoader

@Suite("YAML positions and order")
struct PositionTests {
    @Test func nodesAndKeysCarryTheirStart() throws {
        let text = """
        name: Maya
        nested:
          inner: [1, "two"]
          list:
            - a
            - key: v
        ünï: "é"

        """
        let root = try loadOne(text)
        #expect(root.location == at(1, 1))
        let mapping = try #require(root.objectValue)
        #expect(mapping.entry("name")?.keyLocation == at(1, 1))
        #expect(root["name"]?.location == at(1, 7))
        #expect(mapping.entry("nested")?.keyLocation == at(2, 1))

        let nested = try #require(root["nested"])
        #expect(nested.location == at(3, 3))
        #expect(nested.objectValue?.entry("inner")?.keyLocation == at(3, 3))
        let inner = try #require(nested["inner"])
        #expect(inner.location == at(3, 10))
        #expect(inner.arrayValue?.map(\.location) == [at(3, 11), at(3, 14)])

        #expect(nested.objectValue?.entry("list")?.keyLocation == at(4, 3))
        let list = try #require(nested["list"]?.arrayValue)
        #expect(nested["list"]?.location == at(5, 5))
        #expect(list[0].location == at(5, 7))
        #expect(list[1].location == at(6, 7))
        #expect(list[1].objectValue?.entry("key")?.keyLocation == at(6, 7))
        #expect(list[1]["key"]?.location == at(6, 12))

        // Columns count characters, not bytes.
        #expect(mapping.entry("ünï")?.keyLocation == at(7, 1))
        #expect(root["ünï"]?.location == at(7, 6))
        #expect(root["ünï"]?.stringValue == "é")
    }

    @Test func positionsAfterUnicodeOnTheSameLine() throws {
        let root = try loadOne("{ünï: 1, b: 😀😀, c: x}")
        let mapping = try #require(root.objectValue)
        #expect(mapping.entry("b")?.keyLocation == at(1, 10))
        #expect(root["b"]?.location == at(1, 13))
        #expect(mapping.entry("c")?.keyLocation == at(1, 17))
        #expect(root["c"]?.location == at(1, 20))
    }

    @Test func propertiesStartTheNode() throws {
        let root = try loadOne("a: &x !!str 12\nb: [ &y 1 ]\n")
        #expect(root["a"]?.location == at(1, 4))
        #expect(root["a"]?.stringValue == "12")
        #expect(root["b"]?.arrayValue?.first?.location == at(2, 6))
    }

    @Test func emptyValuesArePositionedAfterTheColon() throws {
        let root = try loadOne("a:\nb: 1\n")
        #expect(root["a"]?.isNull == true)
        #expect(root["a"]?.location == at(1, 3))
    }

    @Test func mappingOrderIsPreserved() throws {
        let root = try loadOne("zeta: 1\nalpha: 2\nmid: 3\nbeta: 4\n")
        #expect(root.objectValue?.keys == ["zeta", "alpha", "mid", "beta"])
        let flow = try loadOne("{z: 1, a: 2, m: 3}")
        #expect(flow.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func sequencesKeepTheirOrder() throws {
        let root = try loadOne("- c\n- a\n- b\n")
        #expect(root.arrayValue?.compactMap(\.stringValue) == ["c", "a", "b"])
        #expect(root.arrayValue?.map(\.location) == [at(1, 3), at(2, 3), at(3, 3)])
    }
}

import DocumentTree
import JSONSchema
import Testing

private func node(_ json: String) throws -> Node {
    try JSONReader.parse(json)
}

private func errors(_ schema: String, _ instance: String, options: ValidatorOptions = .default) throws -> [ValidationError] {
    let validator = try JSONSchemaValidator(schema: try node(schema), options: options)
    let result = validator.validate(try node(instance))
    #expect(validator.isValid(try node(instance)) == result.isEmpty)
    return result
}

@Suite("Validation messages")
struct MessageTests {
    @Test func requiredNamesTheProperty() throws {
        let found = try errors(#"{"required": ["name", "role"]}"#, "{\n  \"name\": \"Maya\"\n}")
        #expect(found.count == 1)
        #expect(found[0].message == "missing required property 'role'")
        #expect(found[0].keyword == "required")
        #expect(found[0].instancePointer == "")
        #expect(found[0].instanceLocation == SourceLocation(line: 1, column: 1))
        #expect(found[0].schemaPointer == "/required")
    }

    @Test func additionalPropertiesSuggestsAKnownName() throws {
        let schema = #"{"properties": {"capabilities": {}, "name": {}}, "additionalProperties": false}"#
        let found = try errors(schema, "{\"name\": \"x\",\n \"capabilites\": []}")
        #expect(found.count == 1)
        #expect(found[0].message == "unknown property 'capabilites' (did you mean 'capabilities'?)")
        #expect(found[0].keyword == "additionalProperties")
        #expect(found[0].instancePointer == "/capabilites")
        #expect(found[0].instanceLocation == SourceLocation(line: 2, column: 2))
    }

    @Test func additionalPropertiesWithoutCloseName() throws {
        let schema = #"{"properties": {"name": {}}, "additionalProperties": false}"#
        let found = try errors(schema, #"{"zzzzzz": 1}"#)
        #expect(found.map(\.message) == ["unknown property 'zzzzzz'"])
    }

    @Test func typeShowsTheValue() throws {
        let found = try errors(#"{"properties": {"t": {"type": "string"}}}"#, #"{"t": 1.1}"#)
        #expect(found.map(\.message) == ["expected string, found number 1.1"])
        #expect(found[0].instancePointer == "/t")
        #expect(found[0].instanceLocation == SourceLocation(line: 1, column: 7))
        #expect(found[0].schemaPointer == "/properties/t/type")
    }

    @Test func enumListsTheChoices() throws {
        let found = try errors(#"{"enum": ["a", "b"]}"#, #""c""#)
        #expect(found.map(\.message) == [#"value must be one of: "a", "b""#])
    }

    @Test func everyViolationIsReported() throws {
        let schema = #"{"type": "object", "required": ["a", "b"], "properties": {"c": {"minimum": 3}}}"#
        let found = try errors(schema, #"{"c": 1}"#)
        #expect(found.count == 3)
        #expect(Set(found.map(\.keyword)) == ["required", "minimum"])
    }

    @Test func anyOfCollapsesToTheBranchThatMatchedTheType() throws {
        let schema = #"""
        {"anyOf": [
            {"type": "string"},
            {"type": "object", "required": ["role"], "properties": {"role": {"type": "string"}}}
        ]}
        """#
        let found = try errors(schema, #"{"role": 5}"#)
        #expect(found.count == 1)
        #expect(found[0].message == "expected string, found integer 5")
        #expect(found[0].instancePointer == "/role")
    }

    @Test func anyOfOfTypesMergesIntoOneTypeError() throws {
        let found = try errors(#"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#, "true")
        #expect(found.map(\.message) == ["expected string or null, found boolean true"])
    }

    @Test func oneOfWithTwoMatches() throws {
        let found = try errors(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "3")
        #expect(found.count == 1)
        #expect(found[0].keyword == "oneOf")
    }

    @Test func pointersAreEscaped() throws {
        let found = try errors(#"{"properties": {"a/b~c": {"type": "string"}}}"#, #"{"a/b~c": 1}"#)
        #expect(found.map(\.instancePointer) == ["/a~1b~0c"])
        #expect(found.map(\.schemaPointer) == ["/properties/a~1b~0c/type"])
    }

    @Test func arrayItemsHaveIndexPointers() throws {
        let found = try errors(#"{"items": {"type": "integer"}}"#, "[1,\n 2,\n \"x\"]")
        #expect(found.map(\.instancePointer) == ["/2"])
        #expect(found[0].instanceLocation == SourceLocation(line: 3, column: 2))
    }

    @Test func lengthCountsCodePoints() throws {
        #expect(try errors(#"{"maxLength": 2}"#, #""💩💩""#).isEmpty)
        #expect(try errors(#"{"minLength": 3}"#, #""💩💩""#).map(\.message) == ["expected at least 3 characters, found 2"])
    }

    @Test func formatIsAnAnnotationUnlessAsserted() throws {
        #expect(try errors(#"{"format": "date"}"#, #""2024-02-30""#).isEmpty)
        let asserted = try errors(#"{"format": "date"}"#, #""2024-02-30""#, options: ValidatorOptions(assertFormats: true))
        #expect(asserted.map(\.message) == [#""2024-02-30" is not a valid date"#])
    }

    @Test func propertyNamesPointAtTheKey() throws {
        let found = try errors(#"{"propertyNames": {"maxLength": 3}}"#, "{\"ok\": 1,\n  \"toolong\": 2}")
        #expect(found.count == 1)
        #expect(found[0].message == #"invalid property name "toolong": expected at most 3 characters, found 7"#)
        #expect(found[0].instanceLocation == SourceLocation(line: 2, column: 3))
    }
}

@Suite("Numbers")
struct NumberTests {
    @Test func multipleOfIsExactForDecimals() throws {
        #expect(try errors(#"{"multipleOf": 0.0075}"#, "0.0225").isEmpty)
        #expect(try errors(#"{"multipleOf": 0.01}"#, "19.99").isEmpty)
        #expect(try errors(#"{"multipleOf": 0.01}"#, "0.075").map(\.message) == ["0.075 is not a multiple of 0.01"])
        #expect(try errors(#"{"multipleOf": 0.0075}"#, "0.0226").count == 1)
    }

    @Test func largeIntegers() throws {
        let big = "123456789012345678901234567890123456789"
        #expect(try errors(#"{"type": "integer", "multipleOf": 3}"#, big).isEmpty)
        #expect(try errors(#"{"maximum": 123456789012345678901234567890123456788}"#, big).count == 1)
        #expect(try errors(#"{"type": "integer"}"#, "1e400").isEmpty)
        #expect(try errors(#"{"multipleOf": 123456789012345678901234567890}"#, "246913578024691357802469135780").isEmpty)
    }

    @Test func integerTypeAcceptsIntegralDecimals() throws {
        #expect(try errors(#"{"type": "integer"}"#, "1.0").isEmpty)
        #expect(try errors(#"{"enum": [1]}"#, "1.0").isEmpty)
        #expect(try errors(#"{"uniqueItems": true}"#, "[1, 1.0]").map(\.message)
            == ["items at index 0 and 1 are equal; items must be unique"])
    }
}

@Suite("Schema errors")
struct SchemaErrorTests {
    @Test func unresolvableReferenceHasItsLocation() throws {
        let schema = try node("{\n  \"properties\": {\n    \"a\": {\"$ref\": \"#/$defs/missing\"}\n  }\n}")
        #expect {
            _ = try JSONSchemaValidator(schema: schema)
        } throws: { error in
            guard let error = error as? SchemaError else { return false }
            return error.location == SourceLocation(line: 3, column: 19) && error.message.contains("#/$defs/missing")
                && error.pointer == "/properties/a/$ref"
        }
    }

    @Test func invalidRegexHasItsLocation() throws {
        let schema = try node("{\n  \"pattern\": \"^[a-z\"\n}")
        #expect {
            _ = try JSONSchemaValidator(schema: schema)
        } throws: { error in
            guard let error = error as? SchemaError else { return false }
            return error.location == SourceLocation(line: 2, column: 14) && error.message.contains("regular expression")
        }
    }

    @Test func schemaInvalidAgainstMetaschema() throws {
        let schema = try node("{\n  \"type\": \"strin\",\n  \"minLength\": -1\n}")
        #expect {
            _ = try JSONSchemaValidator(schema: schema)
        } throws: { error in
            guard let error = error as? SchemaError else { return false }
            return error.message.hasPrefix("invalid schema:") && error.violations.count >= 2
                && error.location.line >= 2
        }
    }

    @Test func remoteReferencesResolveWithoutNetwork() throws {
        let remote = try node(#"{"$defs": {"name": {"type": "string"}}}"#)
        let schema = try node(#"{"$ref": "https://example.com/common.json#/$defs/name"}"#)
        let validator = try JSONSchemaValidator(schema: schema, remoteDocuments: ["https://example.com/common.json": remote])
        #expect(validator.isValid(try node(#""x""#)))
        #expect(!validator.isValid(try node("1")))
    }

    @Test func referenceLoopDoesNotHang() throws {
        let schema = try node(##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##)
        let validator = try JSONSchemaValidator(schema: schema)
        #expect(!validator.isValid(try node("1")))
        #expect(validator.validate(try node("1")).count == 1)
    }

    @Test func validatorIsSendable() async throws {
        let validator = try JSONSchemaValidator(schema: try node(#"{"pattern": "^a+$"}"#))
        let instance = try node(#""aaa""#)
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 { group.addTask { validator.isValid(instance) } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 })
    }
}

@Suite("ECMA-262 patterns")
struct PatternTests {
    @Test func digitsAndWordCharactersAreASCII() throws {
        #expect(try errors(#"{"pattern": "^\\d+$"}"#, #""১২""#).count == 1)
        #expect(try errors(#"{"pattern": "^\\w+$"}"#, #""é""#).count == 1)
        #expect(try errors(#"{"pattern": "^\\p{Letter}+$"}"#, #""é""#).isEmpty)
    }

    @Test func dollarDoesNotMatchBeforeFinalNewline() throws {
        #expect(try errors(#"{"pattern": "^abc$"}"#, #""abc\n""#).count == 1)
    }

    @Test func patternIsASearch() throws {
        #expect(try errors(#"{"pattern": "b"}"#, #""abc""#).isEmpty)
    }
}

@Suite("Validation errors carry a typed kind")
struct ValidationErrorKindTests {
    private func kinds(_ schema: String, _ instance: String) throws -> [ValidationError.Kind] {
        let validator = try JSONSchemaValidator(schema: try JSONReader.parse(schema))
        return validator.validate(try JSONReader.parse(instance)).map(\.kind)
    }

    @Test func eachFailedKeywordHasItsKind() throws {
        #expect(try kinds(#"{"type": "string"}"#, "1.5") == [.type(expected: ["string"], found: "number")])
        #expect(try kinds(#"{"required": ["role"]}"#, "{}") == [.missingProperty(name: "role")])
        #expect(try kinds(#"{"properties": {"capabilities": {}}, "additionalProperties": false}"#, #"{"capabilites": 1}"#)
            == [.unknownProperty(name: "capabilites", suggestion: "capabilities")])
        #expect(try kinds(#"{"pattern": "^a"}"#, #""b""#) == [.patternMismatch(pattern: "^a")])
        #expect(try kinds(#"{"maxLength": 2}"#, #""abc""#) == [.tooLong(maximum: 2, length: 3)])
        #expect(try kinds(#"{"minLength": 1}"#, #""""#) == [.tooShort(minimum: 1, length: 0)])
        guard case .notInEnum(let allowed)? = try kinds(#"{"enum": ["a"]}"#, #""b""#).first else {
            Issue.record("enum failure has another kind")
            return
        }
        #expect(allowed.map(\.stringValue) == ["a"])
        guard case .notConstant(let expected)? = try kinds(#"{"const": 1}"#, "2").first else {
            Issue.record("const failure has another kind")
            return
        }
        #expect(expected.numberValue == Number(1))
        #expect(try kinds(#"{"maxItems": 1}"#, "[1, 2]") == [.tooManyItems(maximum: 1, count: 2)])
        #expect(try kinds(#"{"uniqueItems": true}"#, "[1, 1]") == [.duplicateItems(first: 0, second: 1)])
        #expect(try kinds(#"{"minProperties": 1}"#, "{}") == [.tooFewProperties(minimum: 1, count: 0)])
        #expect(try kinds(#"{"properties": {"a": false}}"#, #"{"a": 1}"#) == [.propertyNotAllowed(name: "a")])
    }

    @Test func propertyNameErrorsWrapTheNamesProblem() throws {
        #expect(try kinds(#"{"propertyNames": {"pattern": "^[a-z]+$"}}"#, #"{"bad-name": 1}"#)
            == [.invalidPropertyName(name: "bad-name", problem: .patternMismatch(pattern: "^[a-z]+$"))])
    }

    @Test func mergedTypeErrorsOfAlternativesKeepTheirKind() throws {
        #expect(try kinds(#"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#, "true")
            == [.type(expected: ["string", "null"], found: "boolean")])
    }
}

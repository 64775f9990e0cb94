/// Which keywords hold subschemas, and in what shape. Used to find embedded
/// resources and anchors (only real subschema positions count, so an `$id`
/// inside `enum`, `const` or an unknown keyword is not an identifier).
enum SubschemaShape {
    case single, map, array
}

enum SchemaKeywords {
    static let subschemaShapes: [String: SubschemaShape] = [
        "additionalProperties": .single, "propertyNames": .single, "items": .single,
        "contains": .single, "not": .single, "if": .single, "then": .single, "else": .single,
        "unevaluatedItems": .single, "unevaluatedProperties": .single, "contentSchema": .single,
        "additionalItems": .single,
        "$defs": .map, "definitions": .map, "properties": .map, "patternProperties": .map,
        "dependentSchemas": .map,
        "allOf": .array, "anyOf": .array, "oneOf": .array, "prefixItems": .array,
    ]
}

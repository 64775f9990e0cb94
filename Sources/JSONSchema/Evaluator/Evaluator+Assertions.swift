import DocumentTree

extension Evaluator {
    /// The validation vocabulary and `format`.
    mutating func applyAssertion(
        _ entry: KeywordEntry, of schema: CompiledSchema, to instance: Node, _ outcome: inout Outcome
    ) {
        let here = instance.location
        switch (entry.keyword, instance.value) {
        case (.type(let types), _):
            if !types.contains(where: { Self.hasType(instance, $0) }) {
                fail(&outcome, entry, schema, here,
                     "expected \(Describe.alternatives(types)), found \(Describe.typeAndValue(instance))")
                if collect, !outcome.errors.isEmpty { outcome.errors[outcome.errors.count - 1].expectedTypes = types }
            }
        case (.enumeration(let values), _):
            if !values.contains(where: { $0.jsonEquals(instance) }) {
                fail(&outcome, entry, schema, here, {
                    let shown = values.prefix(12).map(Describe.literal).joined(separator: ", ")
                    return "value must be one of: \(shown)\(values.count > 12 ? ", …" : "")"
                }())
            }
        case (.constant(let value), _):
            if !value.jsonEquals(instance) {
                fail(&outcome, entry, schema, here, "value must be \(Describe.literal(value))")
            }
        case (.multipleOf(let divisor), .number(let number)):
            if !DecimalArithmetic.isMultiple(number, of: divisor) {
                fail(&outcome, entry, schema, here, "\(number) is not a multiple of \(divisor)")
            }
        case (.maximum(let limit), .number(let number)):
            if limit < number { fail(&outcome, entry, schema, here, "\(number) is greater than the maximum \(limit)") }
        case (.exclusiveMaximum(let limit), .number(let number)):
            if !(number < limit) { fail(&outcome, entry, schema, here, "\(number) must be less than \(limit)") }
        case (.minimum(let limit), .number(let number)):
            if number < limit { fail(&outcome, entry, schema, here, "\(number) is less than the minimum \(limit)") }
        case (.exclusiveMinimum(let limit), .number(let number)):
            if !(limit < number) { fail(&outcome, entry, schema, here, "\(number) must be greater than \(limit)") }
        case (.maxLength(let limit), .string(let text)):
            let length = text.unicodeScalars.count
            if length > limit {
                fail(&outcome, entry, schema, here, "expected at most \(Describe.plural(limit, "character")), found \(length)")
            }
        case (.minLength(let limit), .string(let text)):
            let length = text.unicodeScalars.count
            if length < limit {
                fail(&outcome, entry, schema, here, "expected at least \(Describe.plural(limit, "character")), found \(length)")
            }
        case (.pattern(let regex), .string(let text)):
            if !regex.matches(text) {
                fail(&outcome, entry, schema, here, "\(Describe.quoted(text)) does not match the pattern '\(regex.source)'")
            }
        case (.maxItems(let limit), .array(let items)):
            if items.count > limit {
                fail(&outcome, entry, schema, here, "expected at most \(Describe.plural(limit, "item")), found \(items.count)")
            }
        case (.minItems(let limit), .array(let items)):
            if items.count < limit {
                fail(&outcome, entry, schema, here, "expected at least \(Describe.plural(limit, "item")), found \(items.count)")
            }
        case (.uniqueItems, .array(let items)):
            if let (first, second) = Self.firstDuplicate(items) {
                fail(&outcome, entry, schema, here,
                     "items at index \(first) and \(second) are equal; items must be unique")
            }
        case (.maxProperties(let limit), .object(let mapping)):
            if mapping.count > limit {
                fail(&outcome, entry, schema, here, "expected at most \(Describe.plural(limit, "property")), found \(mapping.count)")
            }
        case (.minProperties(let limit), .object(let mapping)):
            if mapping.count < limit {
                fail(&outcome, entry, schema, here, "expected at least \(Describe.plural(limit, "property")), found \(mapping.count)")
            }
        case (.required(let names), .object(let mapping)):
            for name in names where mapping[name] == nil {
                fail(&outcome, entry, schema, here, "missing required property \(Describe.quotedName(name))")
                if !collect { return }
            }
        case (.dependentRequired(let dependencies), .object(let mapping)):
            for (trigger, required) in dependencies where mapping[trigger] != nil {
                for name in required where mapping[name] == nil {
                    fail(&outcome, entry, schema, here,
                         "missing property \(Describe.quotedName(name)), required when \(Describe.quotedName(trigger)) is present")
                    if !collect { return }
                }
            }
        case (.format(let name, let assert), _):
            if assert, !FormatChecker.isValid(instance, format: name) {
                fail(&outcome, entry, schema, here, "\(Describe.value(instance)) is not a valid \(name)")
            }
        default:
            break
        }
    }

    static func hasType(_ node: Node, _ type: String) -> Bool {
        switch (type, node.value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("number", .number):
            return true
        case ("integer", .number(let number)):
            return number.isInteger
        default:
            return false
        }
    }

    static func firstDuplicate(_ items: [Node]) -> (Int, Int)? {
        guard items.count > 1 else { return nil }
        for second in 1..<items.count {
            for first in 0..<second where items[first].jsonEquals(items[second]) {
                return (first, second)
            }
        }
        return nil
    }
}

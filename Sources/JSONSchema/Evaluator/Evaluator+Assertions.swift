import DocumentTree

extension Evaluator {
    /// The validation vocabulary and `format`. A keyword that constrains one
    /// type of value (`maximum`, `pattern`, `required`, …) ignores the others.
    mutating func applyAssertion(
        _ keyword: Keyword.Assertion, _ entry: KeywordEntry, of schema: CompiledSchema, to instance: Node,
        _ outcome: inout Outcome
    ) {
        let here = instance.location
        switch keyword {
        case .type(let types):
            if !types.contains(where: { Self.hasType(instance, $0) }) {
                fail(&outcome, entry, schema, here, .type(expected: types, found: instance.typeName),
                     "expected \(Describe.alternatives(types)), found \(Describe.typeAndValue(instance))")
            }
        case .enumeration(let values):
            if !values.contains(where: { $0.jsonEquals(instance) }) {
                fail(&outcome, entry, schema, here, .notInEnum(allowed: values), {
                    let shown = values.prefix(12).map(Describe.literal).joined(separator: ", ")
                    return "value must be one of: \(shown)\(values.count > 12 ? ", …" : "")"
                }())
            }
        case .constant(let value):
            if !value.jsonEquals(instance) {
                fail(&outcome, entry, schema, here, .notConstant(expected: value), "value must be \(Describe.literal(value))")
            }
        case .multipleOf(let divisor):
            guard case .number(let number) = instance.value else { return }
            if !DecimalArithmetic.isMultiple(number, of: divisor) {
                fail(&outcome, entry, schema, here, .notMultiple(of: divisor), "\(number) is not a multiple of \(divisor)")
            }
        case .maximum(let limit):
            guard case .number(let number) = instance.value else { return }
            if limit < number { fail(&outcome, entry, schema, here, .aboveMaximum(limit, exclusive: false), "\(number) is greater than the maximum \(limit)") }
        case .exclusiveMaximum(let limit):
            guard case .number(let number) = instance.value else { return }
            if !(number < limit) { fail(&outcome, entry, schema, here, .aboveMaximum(limit, exclusive: true), "\(number) must be less than \(limit)") }
        case .minimum(let limit):
            guard case .number(let number) = instance.value else { return }
            if number < limit { fail(&outcome, entry, schema, here, .belowMinimum(limit, exclusive: false), "\(number) is less than the minimum \(limit)") }
        case .exclusiveMinimum(let limit):
            guard case .number(let number) = instance.value else { return }
            if !(limit < number) { fail(&outcome, entry, schema, here, .belowMinimum(limit, exclusive: true), "\(number) must be greater than \(limit)") }
        case .maxLength(let limit):
            guard case .string(let text) = instance.value else { return }
            let length = text.unicodeScalars.count
            if length > limit {
                fail(&outcome, entry, schema, here, .tooLong(maximum: limit, length: length),
                     "expected at most \(Describe.plural(limit, "character")), found \(length)")
            }
        case .minLength(let limit):
            guard case .string(let text) = instance.value else { return }
            let length = text.unicodeScalars.count
            if length < limit {
                fail(&outcome, entry, schema, here, .tooShort(minimum: limit, length: length),
                     "expected at least \(Describe.plural(limit, "character")), found \(length)")
            }
        case .pattern(let regex):
            guard case .string(let text) = instance.value else { return }
            if !regex.matches(text) {
                fail(&outcome, entry, schema, here, .patternMismatch(pattern: regex.source),
                     "\(Describe.quoted(text)) does not match the pattern '\(regex.source)'")
            }
        case .maxItems(let limit):
            guard case .array(let items) = instance.value else { return }
            if items.count > limit {
                fail(&outcome, entry, schema, here, .tooManyItems(maximum: limit, count: items.count),
                     "expected at most \(Describe.plural(limit, "item")), found \(items.count)")
            }
        case .minItems(let limit):
            guard case .array(let items) = instance.value else { return }
            if items.count < limit {
                fail(&outcome, entry, schema, here, .tooFewItems(minimum: limit, count: items.count),
                     "expected at least \(Describe.plural(limit, "item")), found \(items.count)")
            }
        case .uniqueItems:
            guard case .array(let items) = instance.value else { return }
            if let (first, second) = Self.firstDuplicate(items) {
                fail(&outcome, entry, schema, here, .duplicateItems(first: first, second: second),
                     "items at index \(first) and \(second) are equal; items must be unique")
            }
        case .maxProperties(let limit):
            guard case .object(let mapping) = instance.value else { return }
            if mapping.count > limit {
                fail(&outcome, entry, schema, here, .tooManyProperties(maximum: limit, count: mapping.count),
                     "expected at most \(Describe.plural(limit, "property")), found \(mapping.count)")
            }
        case .minProperties(let limit):
            guard case .object(let mapping) = instance.value else { return }
            if mapping.count < limit {
                fail(&outcome, entry, schema, here, .tooFewProperties(minimum: limit, count: mapping.count),
                     "expected at least \(Describe.plural(limit, "property")), found \(mapping.count)")
            }
        case .required(let names):
            guard case .object(let mapping) = instance.value else { return }
            for name in names where mapping[name] == nil {
                fail(&outcome, entry, schema, here, .missingProperty(name: name), "missing required property \(Describe.quotedName(name))")
                if !collect { return }
            }
        case .dependentRequired(let dependencies):
            guard case .object(let mapping) = instance.value else { return }
            for (trigger, required) in dependencies where mapping[trigger] != nil {
                for name in required where mapping[name] == nil {
                    fail(&outcome, entry, schema, here, .missingDependentProperty(name: name, trigger: trigger),
                         "missing property \(Describe.quotedName(name)), required when \(Describe.quotedName(trigger)) is present")
                    if !collect { return }
                }
            }
        case .format(let name, let assert):
            if assert, !FormatChecker.isValid(instance, format: name) {
                fail(&outcome, entry, schema, here, .invalidFormat(format: name), "\(Describe.value(instance)) is not a valid \(name)")
            }
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

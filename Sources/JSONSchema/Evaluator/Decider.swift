import DocumentTree

/// Decides whether an instance is valid, for programs made of the common
/// keywords, without building messages, instance paths or annotations.
///
/// The ``Evaluator`` in its deciding mode (`collect == false`) gives the same
/// answer, but every schema it enters copies keyword entries and returns an
/// ``Outcome``; for a small document checked against a schema of a few dozen
/// subschemas that bookkeeping is most of the cost. Here each schema is
/// compiled once more into a list of checks whose payloads are numbers or
/// single references, and a decision is a plain recursive `Bool`.
///
/// A decision is either sure or given up: the decider gives up when a schema
/// uses a keyword it does not handle (`$dynamicRef`, `prefixItems`,
/// `contains`, asserted `format`, numeric bounds, `uniqueItems`, …) or when
/// schemas nest deeper than ``depthLimit`` (as a `$ref` cycle that never
/// reaches into the instance does). The validator then asks the
/// ``Evaluator``, so every answer, and every message, is the evaluator's.
/// Programs that record annotations (`unevaluated*`) get no decider.
struct Decider: Sendable {
    /// One check of one schema. Payloads are numbers, or one reference each,
    /// so that stepping through a schema's checks copies almost nothing.
    enum Check: Sendable {
        /// The instance's type is one of those in the mask (bits of ``typeBit(_:)``).
        case type(UInt8)
        /// The instance equals one of `values[index]` (`enum`).
        case enumeration(Int)
        /// The instance equals `constants[index]`.
        case constant(Int)
        case minLength(Int)
        case maxLength(Int)
        /// A string instance matches `regexes[index]`.
        case pattern(Int)
        case minItems(Int)
        case maxItems(Int)
        case minProperties(Int)
        case maxProperties(Int)
        case required([String])
        case ref(Int)
        case allOf([Int])
        case anyOf([Int])
        case oneOf([Int])
        case not(Int)
        /// `if` / `then` / `else`; -1 for an absent branch.
        case conditional(Int, then: Int, else: Int)
        case properties([NamedSchema])
        /// `patternProperties`: `patterns[index]`.
        case patternProperties(Int)
        /// `additionalProperties`: `additionals[index]`.
        case additionalProperties(Int)
        case propertyNames(Int)
        /// `items` with no `prefixItems` before it.
        case items(Int)
    }

    /// What ``Check/additionalProperties(_:)`` needs: the subschema, and the
    /// names and patterns of the members its siblings cover.
    struct Additional: Sendable {
        var schema: Int
        var known: Set<String>
        var patterns: [ECMARegex]
    }

    /// The checks of each schema, by ``Program/schemas`` index; `nil` for `false`.
    let schemas: [[Check]?]
    let root: Int
    let values: [[Node]]
    let constants: [Node]
    let regexes: [ECMARegex]
    let patterns: [[PatternSchema]]
    let additionals: [Additional]

    /// How deeply schemas may nest in one decision before the decider gives up.
    static let depthLimit = 256

    /// The decider for `program`, or `nil` when the program records annotations
    /// or uses a keyword the decider does not handle.
    init?(_ program: Program) {
        guard !program.usesAnnotations else { return nil }
        var schemas: [[Check]?] = []
        var values: [[Node]] = []
        var constants: [Node] = []
        var regexes: [ECMARegex] = []
        var patterns: [[PatternSchema]] = []
        var additionals: [Additional] = []
        schemas.reserveCapacity(program.schemas.count)
        for schema in program.schemas {
            switch schema.body {
            case .boolean(let value):
                schemas.append(value ? [] : nil)
            case .keywords(let entries):
                var checks: [Check] = []
                for entry in entries {
                    switch entry.keyword {
                    case .reference(.ref(let target)):
                        checks.append(.ref(target))
                    case .reference(.dynamicRef):
                        return nil
                    case .combinator(let combinator):
                        switch combinator {
                        case .allOf(let branches): checks.append(.allOf(branches))
                        case .anyOf(let branches): checks.append(.anyOf(branches))
                        case .oneOf(let branches): checks.append(.oneOf(branches))
                        case .not(let negated): checks.append(.not(negated))
                        case .conditional(let condition, let then, let otherwise):
                            checks.append(.conditional(condition, then: then ?? -1, else: otherwise ?? -1))
                        case .dependentSchemas:
                            return nil
                        }
                    case .array(let applicator):
                        guard case .items(let itemSchema, prefixCount: 0) = applicator else { return nil }
                        checks.append(.items(itemSchema))
                    case .object(let applicator):
                        switch applicator {
                        case .properties(let named): checks.append(.properties(named))
                        case .patternProperties(let list):
                            checks.append(.patternProperties(patterns.count))
                            patterns.append(list)
                        case .additionalProperties(let additional, let known, let list, _):
                            checks.append(.additionalProperties(additionals.count))
                            additionals.append(Additional(schema: additional, known: known, patterns: list))
                        case .propertyNames(let names): checks.append(.propertyNames(names))
                        case .unevaluatedProperties: return nil
                        }
                    case .assertion(let assertion):
                        switch assertion {
                        case .type(let names):
                            var mask: UInt8 = 0
                            for name in names { mask |= Self.typeBit(name) }
                            checks.append(.type(mask))
                        case .enumeration(let list):
                            checks.append(.enumeration(values.count))
                            values.append(list)
                        case .constant(let value):
                            checks.append(.constant(constants.count))
                            constants.append(value)
                        case .minLength(let limit): checks.append(.minLength(limit))
                        case .maxLength(let limit): checks.append(.maxLength(limit))
                        case .pattern(let regex):
                            checks.append(.pattern(regexes.count))
                            regexes.append(regex)
                        case .minItems(let limit): checks.append(.minItems(limit))
                        case .maxItems(let limit): checks.append(.maxItems(limit))
                        case .minProperties(let limit): checks.append(.minProperties(limit))
                        case .maxProperties(let limit): checks.append(.maxProperties(limit))
                        case .required(let names): checks.append(.required(names))
                        case .format(_, let assert):
                            // An annotation only: it never fails.
                            if assert { return nil }
                        case .multipleOf, .maximum, .exclusiveMaximum, .minimum, .exclusiveMinimum,
                             .uniqueItems, .dependentRequired:
                            return nil
                        }
                    }
                }
                schemas.append(checks)
            }
        }
        self.schemas = schemas
        self.root = program.root
        self.values = values
        self.constants = constants
        self.regexes = regexes
        self.patterns = patterns
        self.additionals = additionals
    }

    /// Whether `instance` is valid; `nil` when the decider gave up.
    func decide(_ instance: Node) -> Bool? {
        var run = Run(decider: self)
        let valid = run.decide(root, instance)
        return run.gaveUp ? nil : valid
    }

    // MARK: Types

    static func typeBit(_ name: String) -> UInt8 {
        switch name {
        case "null": 1
        case "boolean": 2
        case "string": 4
        case "array": 8
        case "object": 16
        case "number": 32
        case "integer": 64
        default: 0
        }
    }

    /// The bits of the type names `node` has (an integer is also a number).
    static func typeBits(_ node: Node) -> UInt8 {
        switch node.value {
        case .null: 1
        case .bool: 2
        case .string: 4
        case .array: 8
        case .object: 16
        case .number(let number): number.isInteger ? 32 | 64 : 32
        }
    }

    // MARK: Deciding

    /// One decision: the nesting depth, and whether it was given up.
    private struct Run {
        let decider: Decider
        var depth = 0
        var gaveUp = false

        mutating func decide(_ index: Int, _ instance: Node) -> Bool {
            guard let checks = decider.schemas[index] else { return false }
            guard depth < Decider.depthLimit else {
                gaveUp = true
                return false
            }
            depth += 1
            defer { depth -= 1 }
            for check in checks {
                guard holds(check, instance), !gaveUp else { return false }
            }
            return true
        }

        private mutating func holds(_ check: Check, _ instance: Node) -> Bool {
            switch check {
            case .type(let mask):
                return Decider.typeBits(instance) & mask != 0
            case .enumeration(let index):
                return decider.values[index].contains(where: { $0.jsonEquals(instance) })
            case .constant(let index):
                return decider.constants[index].jsonEquals(instance)
            case .minLength(let limit):
                guard case .string(let text) = instance.value else { return true }
                // A scalar takes one to four bytes of UTF-8.
                let bytes = text.utf8.count
                if bytes / 4 >= limit { return true }
                if bytes < limit { return false }
                return text.unicodeScalars.count >= limit
            case .maxLength(let limit):
                guard case .string(let text) = instance.value else { return true }
                if text.utf8.count <= limit { return true }
                return text.unicodeScalars.count <= limit
            case .pattern(let index):
                guard case .string(let text) = instance.value else { return true }
                return decider.regexes[index].matches(text)
            case .minItems(let limit):
                guard case .array(let items) = instance.value else { return true }
                return items.count >= limit
            case .maxItems(let limit):
                guard case .array(let items) = instance.value else { return true }
                return items.count <= limit
            case .minProperties(let limit):
                guard case .object(let mapping) = instance.value else { return true }
                return mapping.count >= limit
            case .maxProperties(let limit):
                guard case .object(let mapping) = instance.value else { return true }
                return mapping.count <= limit
            case .required(let names):
                guard case .object(let mapping) = instance.value else { return true }
                return names.allSatisfy { mapping[$0] != nil }
            case .ref(let target):
                return decide(target, instance)
            case .allOf(let branches):
                for branch in branches where !decide(branch, instance) { return false }
                return true
            case .anyOf(let branches):
                for branch in branches where decide(branch, instance) { return true }
                return false
            case .oneOf(let branches):
                var matches = 0
                for branch in branches where decide(branch, instance) {
                    matches += 1
                    if matches > 1 { return false }
                }
                return matches == 1
            case .not(let negated):
                return !decide(negated, instance)
            case .conditional(let condition, let then, let otherwise):
                let branch = decide(condition, instance) ? then : otherwise
                return branch < 0 || decide(branch, instance)
            case .properties(let named):
                guard case .object(let mapping) = instance.value else { return true }
                for property in named {
                    guard let member = mapping[property.name] else { continue }
                    if !decide(property.schema, member) { return false }
                }
                return true
            case .patternProperties(let index):
                guard case .object(let mapping) = instance.value else { return true }
                let list = decider.patterns[index]
                for member in mapping {
                    for pattern in list where pattern.pattern.matches(member.key) {
                        if !decide(pattern.schema, member.value) { return false }
                    }
                }
                return true
            case .additionalProperties(let index):
                guard case .object(let mapping) = instance.value else { return true }
                let additional = decider.additionals[index]
                for member in mapping where !additional.known.contains(member.key) {
                    if additional.patterns.contains(where: { $0.matches(member.key) }) { continue }
                    if !decide(additional.schema, member.value) { return false }
                }
                return true
            case .propertyNames(let names):
                guard case .object(let mapping) = instance.value else { return true }
                for member in mapping where !decide(names, Node(.string(member.key), at: member.keyLocation)) {
                    return false
                }
                return true
            case .items(let itemSchema):
                guard case .array(let items) = instance.value else { return true }
                for item in items where !decide(itemSchema, item) { return false }
                return true
            }
        }
    }
}

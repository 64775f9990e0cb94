import DocumentTree

/// Runs a ``Program`` against one instance.
///
/// Recursion follows the schema and the instance, both bounded by the
/// document depth limit; `$ref` chains are bounded by detecting a reference
/// revisited at the same instance location while it is still being evaluated,
/// and by an overall nesting limit.
struct Evaluator {
    let program: Program
    /// Build messages (`validate`) or only decide (`isValid`).
    var collect: Bool
    /// Reference tokens of the current instance location (kept only while collecting messages).
    var path: [String] = []
    /// How deep the current instance location is.
    var instanceDepth = 0
    /// Record the annotations `unevaluated*` consume (only when the program has such a keyword).
    let tracksAnnotations: Bool
    /// Resources entered, outermost first (the dynamic scope).
    var scope: [Int] = []
    /// References being evaluated, keyed by target and instance depth.
    var activeReferences: Set<ActiveReference> = []
    var depth = 0

    /// How deeply schemas may nest during one evaluation (`$ref` chains included).
    ///
    /// A 64-deep document through a recursive schema, checked against the
    /// metaschema, stays far below it; each level costs a few stack frames, so
    /// the limit keeps evaluation within a 4 MiB thread stack (8 MiB, a Linux
    /// thread's default, under AddressSanitizer, whose frames are larger: 2 000
    /// overflowed a test thread there, and 512 levels of `items` through `$ref`
    /// come close to 4 MiB).
    static let depthLimit = 512

    struct ActiveReference: Hashable {
        var schema: Int
        var instanceDepth: Int
    }

    init(program: Program, collect: Bool) {
        self.program = program
        self.collect = collect
        self.tracksAnnotations = program.usesAnnotations
    }

    mutating func evaluate(_ index: Int, _ instance: Node) -> Outcome {
        let schema = program.schemas[index]
        switch schema.body {
        case .boolean(true):
            return Outcome()
        case .boolean(false):
            var outcome = Outcome(valid: false)
            if collect {
                outcome.errors.append(error(
                    keyword: "false", schemaPointer: schema.pointer, schemaLocation: schema.location,
                    at: instance.location, .noValueAllowed, "no value is allowed here"))
            }
            return outcome
        case .keywords(let entries):
            guard depth < Self.depthLimit else {
                var outcome = Outcome(valid: false)
                if collect {
                    outcome.errors.append(error(
                        keyword: "$ref", schemaPointer: schema.pointer, schemaLocation: schema.location,
                        at: instance.location, .nestingTooDeep(limit: Self.depthLimit), "schema references nest too deeply"))
                }
                return outcome
            }
            depth += 1
            let pushed = scope.last != schema.resource
            if pushed { scope.append(schema.resource) }
            defer {
                depth -= 1
                if pushed { scope.removeLast() }
            }
            var outcome = Outcome()
            for entry in entries {
                apply(entry, of: schema, to: instance, &outcome)
                if !outcome.valid && !collect { break }
            }
            if !outcome.valid { outcome.annotations = Annotations() }
            return outcome
        }
    }

    /// Evaluates schema `index` against a member or item of the current instance.
    mutating func evaluate(_ index: Int, _ child: Node, token: @autoclosure () -> String) -> Outcome {
        enter(token())
        defer { leave() }
        return evaluate(index, child)
    }

    /// Steps into a member or item; its token is built only when messages are.
    mutating func enter(_ token: @autoclosure () -> String) {
        instanceDepth += 1
        if collect { path.append(token()) }
    }

    /// Steps back out of what ``enter(_:)`` entered. (`collect` is the same as
    /// it was there: ``decide(_:_:)`` restores it before returning.)
    mutating func leave() {
        instanceDepth -= 1
        if collect { path.removeLast() }
    }

    /// Evaluates without building messages (for `not`, `if`, `contains`).
    mutating func decide(_ index: Int, _ instance: Node) -> Outcome {
        let saved = collect
        collect = false
        defer { collect = saved }
        return evaluate(index, instance)
    }

    func isFalse(_ index: Int) -> Bool {
        if case .boolean(false) = program.schemas[index].body { return true }
        return false
    }

    // MARK: Keyword dispatch

    /// Evaluates one keyword: each family has its own function, whose `switch`
    /// covers every keyword of the family.
    mutating func apply(_ entry: KeywordEntry, of schema: CompiledSchema, to instance: Node, _ outcome: inout Outcome) {
        switch entry.keyword {
        case .reference(let reference):
            applyReference(reference, entry, of: schema, to: instance, &outcome)
        case .combinator(let combinator):
            applyCombinator(combinator, entry, of: schema, to: instance, &outcome)
        case .array(let applicator):
            applyArrayApplicator(applicator, entry, of: schema, to: instance, &outcome)
        case .object(let applicator):
            applyObjectApplicator(applicator, entry, of: schema, to: instance, &outcome)
        case .assertion(let assertion):
            applyAssertion(assertion, entry, of: schema, to: instance, &outcome)
        }
    }

    /// `$ref`, and `$dynamicRef` (the outermost resource in the dynamic scope
    /// with the anchor wins; without one, the statically resolved target).
    private mutating func applyReference(
        _ reference: Keyword.Reference, _ entry: KeywordEntry, of schema: CompiledSchema, to instance: Node,
        _ outcome: inout Outcome
    ) {
        switch reference {
        case .ref(let target):
            followReference(target, entry, schema, instance, &outcome)
        case .dynamicRef(let fallback, let anchor):
            var target = fallback
            if let anchor {
                for resource in scope {
                    if let found = program.dynamicAnchors[resource]?[anchor] {
                        target = found
                        break
                    }
                }
            }
            followReference(target, entry, schema, instance, &outcome)
        }
    }

    private mutating func followReference(
        _ target: Int, _ entry: KeywordEntry, _ schema: CompiledSchema, _ instance: Node, _ outcome: inout Outcome
    ) {
        let key = ActiveReference(schema: target, instanceDepth: instanceDepth)
        guard activeReferences.insert(key).inserted else {
            fail(&outcome, entry, schema, instance.location, .unresolvableReference,
                 "the schema refers to itself without ever checking a value")
            return
        }
        let result = evaluate(target, instance)
        activeReferences.remove(key)
        absorb(result, into: &outcome)
    }

    // MARK: Results

    /// Folds a same-location subschema result into `outcome`.
    func absorb(_ result: Outcome, into outcome: inout Outcome, annotations: Bool = true) {
        if result.valid {
            if annotations { outcome.annotations.merge(result.annotations) }
        } else {
            outcome.valid = false
            if collect { outcome.errors += result.errors }
        }
    }

    /// Records a failure of `entry` at the current instance location.
    func fail(
        _ outcome: inout Outcome, _ entry: KeywordEntry, _ schema: CompiledSchema, _ location: SourceLocation,
        _ kind: @autoclosure () -> ValidationError.Kind, _ message: @autoclosure () -> String,
        token: String? = nil, keyword: String? = nil
    ) {
        outcome.valid = false
        guard collect else { return }
        var pointer = schema.pointer + "/" + JSONPointer.escape(entry.name)
        if let keyword, keyword != entry.name { pointer = schema.pointer + "/" + JSONPointer.escape(keyword) }
        outcome.errors.append(error(
            keyword: keyword ?? entry.name, schemaPointer: pointer, schemaLocation: entry.location,
            at: location, kind(), message(), token: token))
    }

    func error(
        keyword: String, schemaPointer: String, schemaLocation: SourceLocation, at location: SourceLocation,
        _ kind: ValidationError.Kind, _ message: String, token: String? = nil
    ) -> ValidationError {
        var instancePointer = JSONPointer.pointer(path)
        if let token { instancePointer += "/" + JSONPointer.escape(token) }
        return ValidationError(
            instanceLocation: location, instancePointer: instancePointer, keyword: keyword,
            schemaPointer: schemaPointer, schemaLocation: schemaLocation, kind: kind, message: message)
    }
}

import DocumentTree

extension Evaluator {
    /// `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `dependentSchemas`.
    mutating func applyCombinator(
        _ keyword: Keyword.Combinator, _ entry: KeywordEntry, of schema: CompiledSchema, to instance: Node,
        _ outcome: inout Outcome
    ) {
        switch keyword {
        case .allOf(let branches):
            for branch in branches {
                absorb(evaluate(branch, instance), into: &outcome)
                if !outcome.valid && !collect { return }
            }
        case .anyOf(let branches):
            var matched = false
            var failures: [[ValidationError]] = []
            for branch in branches {
                let result = evaluate(branch, instance)
                if result.valid {
                    matched = true
                    outcome.annotations.merge(result.annotations)
                } else if collect {
                    failures.append(result.errors)
                }
            }
            if !matched { failNoMatch(&outcome, failures, entry, schema, instance) }
        case .oneOf(let branches):
            var matches: [Int] = []
            var matchedAnnotations = Annotations()
            var failures: [[ValidationError]] = []
            for (offset, branch) in branches.enumerated() {
                let result = evaluate(branch, instance)
                if result.valid {
                    matches.append(offset)
                    matchedAnnotations = result.annotations
                } else if collect {
                    failures.append(result.errors)
                }
            }
            if matches.count == 1 {
                outcome.annotations.merge(matchedAnnotations)
            } else if matches.isEmpty {
                failNoMatch(&outcome, failures, entry, schema, instance)
            } else {
                let list = Describe.alternatives(matches.map(String.init))
                fail(&outcome, entry, schema, instance.location, .severalAlternativesMatched(matches),
                     "value matches more than one 'oneOf' alternative (\(list)); it must match exactly one")
            }
        case .not(let negated):
            if decide(negated, instance).valid {
                fail(&outcome, entry, schema, instance.location, .matchesNegatedSchema, "value must not match the schema in 'not'")
            }
        case .conditional(let condition, let thenSchema, let elseSchema):
            let test = decide(condition, instance)
            if test.valid {
                outcome.annotations.merge(test.annotations)
                if let thenSchema { absorb(evaluate(thenSchema, instance), into: &outcome) }
            } else if let elseSchema {
                absorb(evaluate(elseSchema, instance), into: &outcome)
            }
        case .dependentSchemas(let dependents):
            guard case .object(let mapping) = instance.value else { return }
            for dependent in dependents where mapping[dependent.name] != nil {
                absorb(evaluate(dependent.schema, instance), into: &outcome)
                if !outcome.valid && !collect { return }
            }
        }
    }

    /// Fails an `anyOf`/`oneOf` that no branch matched, with the most useful
    /// branch errors — or, when the branches gave none (an empty list of
    /// alternatives; found by fuzzing), an error of its own, so an invalid
    /// instance never comes back without a reason.
    mutating func failNoMatch(
        _ outcome: inout Outcome, _ failures: [[ValidationError]], _ entry: KeywordEntry, _ schema: CompiledSchema,
        _ instance: Node
    ) {
        outcome.valid = false
        guard collect else { return }
        let collapsed = collapse(failures, entry, schema, instance)
        if !collapsed.isEmpty {
            outcome.errors += collapsed
        } else if failures.isEmpty {
            fail(&outcome, entry, schema, instance.location, .noAlternativeMatched(keyword: entry.name),
                 "'\(entry.name)' lists no alternatives, so no value can match")
        } else {
            fail(&outcome, entry, schema, instance.location, .noAlternativeMatched(keyword: entry.name),
                 "value matches none of the '\(entry.name)' alternatives")
        }
    }

    /// Reduces the errors of failed `anyOf`/`oneOf` branches to the most useful ones.
    ///
    /// When every branch only failed on `type` here, one merged `type` error
    /// says which types would do. Otherwise branches that got past the type
    /// check are preferred, then the one whose errors go deepest into the
    /// instance, then the one with the fewest errors.
    func collapse(
        _ branches: [[ValidationError]], _ entry: KeywordEntry, _ schema: CompiledSchema, _ instance: Node
    ) -> [ValidationError] {
        guard !branches.isEmpty else { return [] }
        let here = JSONPointer.pointer(path)
        let isTypeErrorHere = { (error: ValidationError) in error.expectedTypes != nil && error.instancePointer == here }
        if branches.allSatisfy({ $0.count == 1 && isTypeErrorHere($0[0]) }) {
            var types: [String] = []
            for branch in branches {
                for type in branch[0].expectedTypes ?? [] where !types.contains(type) { types.append(type) }
            }
            return [error(
                keyword: "type", schemaPointer: schema.pointer + "/" + entry.name, schemaLocation: entry.location,
                at: instance.location, .type(expected: types, found: instance.typeName),
                "expected \(Describe.alternatives(types)), found \(Describe.typeAndValue(instance))")]
        }
        let typed = branches.filter { !$0.contains(where: isTypeErrorHere) }
        let pool = typed.isEmpty ? branches : typed
        func depth(_ errors: [ValidationError]) -> Int {
            errors.map { $0.instancePointer.utf8.count(where: { $0 == UInt8(ascii: "/") }) }.max() ?? 0
        }
        var best = pool[0]
        for candidate in pool.dropFirst() {
            let (d1, d2) = (depth(candidate), depth(best))
            if d1 > d2 || (d1 == d2 && candidate.count < best.count) { best = candidate }
        }
        guard !best.isEmpty else { return [] }
        if branches.count > 1 {
            best[0].details.append(
                "none of the \(branches.count) '\(entry.name)' alternatives matched; showing the closest")
        }
        return best
    }
}

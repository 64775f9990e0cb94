import DocumentTree

extension Evaluator {
    /// `prefixItems`, `items`, `contains`, `unevaluatedItems`.
    mutating func applyArrayApplicator(
        _ keyword: Keyword.ArrayApplicator, _ entry: KeywordEntry, of schema: CompiledSchema, to instance: Node,
        _ outcome: inout Outcome
    ) {
        guard case .array(let items) = instance.value else { return }
        switch keyword {
        case .prefixItems(let schemas):
            for (offset, (item, itemSchema)) in zip(items, schemas).enumerated() {
                if isFalse(itemSchema) {
                    fail(&outcome, entry, schema, item.location, .unexpectedItem(index: offset), "no item is allowed at index \(offset)", token: String(offset))
                } else {
                    absorb(evaluate(itemSchema, item, token: String(offset)), into: &outcome, annotations: false)
                }
                if !outcome.valid && !collect { return }
            }
            outcome.annotations.itemPrefix = max(outcome.annotations.itemPrefix, min(items.count, schemas.count))
            if items.count <= schemas.count { outcome.annotations.allItems = true }
        case .items(let itemSchema, let prefixCount):
            guard items.count > prefixCount else { return }
            if isFalse(itemSchema) {
                let limit = prefixCount == 0 ? "the array must be empty" : "at most \(Describe.plural(prefixCount, "item")) are allowed"
                fail(&outcome, entry, schema, items[prefixCount].location, .unexpectedItem(index: prefixCount),
                     "unexpected item at index \(prefixCount): \(limit), found \(items.count)", token: String(prefixCount))
                return
            }
            for offset in prefixCount..<items.count {
                absorb(evaluate(itemSchema, items[offset], token: String(offset)), into: &outcome, annotations: false)
                if !outcome.valid && !collect { return }
            }
            outcome.annotations.allItems = true
        case .contains(let itemSchema, let minimum, let maximum):
            var matched: [Int] = []
            for (offset, item) in items.enumerated() {
                enter(String(offset))
                if decide(itemSchema, item).valid { matched.append(offset) }
                leave()
            }
            if tracksAnnotations { outcome.annotations.itemIndices.formUnion(matched) }
            if matched.count < minimum {
                if minimum == 1 {
                    fail(&outcome, entry, schema, instance.location, .tooFewMatches(minimum: 1, count: 0),
                         "no item matches the 'contains' schema")
                } else {
                    fail(&outcome, entry, schema, instance.location, .tooFewMatches(minimum: minimum, count: matched.count),
                         "expected at least \(Describe.plural(minimum, "matching item")), found \(matched.count)",
                         keyword: "minContains")
                }
            }
            if let maximum, matched.count > maximum {
                fail(&outcome, entry, schema, instance.location, .tooManyMatches(maximum: maximum, count: matched.count),
                     "expected at most \(Describe.plural(maximum, "matching item")), found \(matched.count)",
                     keyword: "maxContains")
            }
        case .unevaluatedItems(let itemSchema):
            let annotations = outcome.annotations
            guard !annotations.allItems else { return }
            for offset in annotations.itemPrefix..<max(annotations.itemPrefix, items.count)
            where !annotations.itemIndices.contains(offset) {
                if isFalse(itemSchema) {
                    fail(&outcome, entry, schema, items[offset].location, .unexpectedItem(index: offset), "unexpected item at index \(offset)", token: String(offset))
                } else {
                    absorb(evaluate(itemSchema, items[offset], token: String(offset)), into: &outcome, annotations: false)
                }
                if !outcome.valid && !collect { return }
            }
            outcome.annotations.allItems = true
        }
    }
}

import DocumentTree

extension Evaluator {
    /// `properties`, `patternProperties`, `additionalProperties`, `propertyNames`, `unevaluatedProperties`.
    mutating func applyObjectApplicator(
        _ keyword: Keyword.ObjectApplicator, _ entry: KeywordEntry, of schema: CompiledSchema, to instance: Node,
        _ outcome: inout Outcome
    ) {
        guard case .object(let mapping) = instance.value else { return }
        switch keyword {
        case .properties(let named):
            for property in named {
                guard let member = mapping.entry(property.name) else { continue }
                if tracksAnnotations { outcome.annotations.properties.insert(property.name) }
                applyMember(property.schema, member, entry, schema, &outcome, unknown: false, suggestions: [])
                if !outcome.valid && !collect { return }
            }
        case .patternProperties(let patterns):
            for member in mapping {
                for pattern in patterns where pattern.pattern.matches(member.key) {
                    if tracksAnnotations { outcome.annotations.properties.insert(member.key) }
                    applyMember(pattern.schema, member, entry, schema, &outcome, unknown: false, suggestions: [])
                    if !outcome.valid && !collect { return }
                }
            }
        case .additionalProperties(let additional, let known, let patterns, let suggestions):
            for member in mapping where !known.contains(member.key) {
                if patterns.contains(where: { $0.matches(member.key) }) { continue }
                if tracksAnnotations { outcome.annotations.properties.insert(member.key) }
                applyMember(additional, member, entry, schema, &outcome, unknown: true, suggestions: suggestions)
                if !outcome.valid && !collect { return }
            }
        case .unevaluatedProperties(let unevaluated, let suggestions):
            guard !outcome.annotations.allProperties else { return }
            let evaluated = outcome.annotations.properties
            for member in mapping where !evaluated.contains(member.key) {
                outcome.annotations.properties.insert(member.key)
                applyMember(unevaluated, member, entry, schema, &outcome, unknown: true,
                            suggestions: suggestions + evaluated.sorted())
                if !outcome.valid && !collect { return }
            }
        case .propertyNames(let names):
            for member in mapping {
                let name = Node(.string(member.key), at: member.keyLocation)
                enter(member.key)
                var result = evaluate(names, name)
                leave()
                if !result.valid, collect {
                    for index in result.errors.indices {
                        result.errors[index].kind = .invalidPropertyName(name: member.key, problem: result.errors[index].kind)
                        result.errors[index].message = "invalid property name \(Describe.quoted(member.key)): "
                            + result.errors[index].message
                    }
                }
                absorb(result, into: &outcome, annotations: false)
                if !outcome.valid && !collect { return }
            }
        }
    }

    /// Applies a member's subschema; a `false` subschema gets a message about the property itself.
    private mutating func applyMember(
        _ subschema: Int, _ member: Mapping.Entry, _ entry: KeywordEntry, _ schema: CompiledSchema,
        _ outcome: inout Outcome, unknown: Bool, suggestions: [String]
    ) {
        guard isFalse(subschema) else {
            absorb(evaluate(subschema, member.value, token: member.key), into: &outcome, annotations: false)
            return
        }
        guard collect else {
            outcome.valid = false
            return
        }
        let name = Describe.quotedName(member.key)
        guard unknown else {
            fail(&outcome, entry, schema, member.keyLocation, .propertyNotAllowed(name: member.key),
                 "property \(name) is not allowed", token: member.key)
            return
        }
        let suggestion = Spelling.suggestion(for: member.key, among: suggestions)
        fail(&outcome, entry, schema, member.keyLocation, .unknownProperty(name: member.key, suggestion: suggestion),
             "unknown property \(name)" + (suggestion.map { " (did you mean \(Describe.quotedName($0))?)" } ?? ""),
             token: member.key)
    }
}

/// What evaluating a schema against one instance location produced.
struct Outcome {
    var valid = true
    var errors: [ValidationError] = []
    /// Annotations about this same instance location, for `unevaluated*`.
    var annotations = Annotations()
}

/// The annotations `unevaluatedItems` and `unevaluatedProperties` consume:
/// which members and items of the current instance some successful
/// (sub)schema evaluated.
struct Annotations {
    var allProperties = false
    var properties: Set<String> = []
    var allItems = false
    /// Items `0..<itemPrefix` were evaluated (by `prefixItems`).
    var itemPrefix = 0
    /// Items `contains` matched.
    var itemIndices: Set<Int> = []

    mutating func merge(_ other: Annotations) {
        allProperties = allProperties || other.allProperties
        if !allProperties { properties.formUnion(other.properties) }
        allItems = allItems || other.allItems
        itemPrefix = max(itemPrefix, other.itemPrefix)
        if !allItems { itemIndices.formUnion(other.itemIndices) }
    }
}

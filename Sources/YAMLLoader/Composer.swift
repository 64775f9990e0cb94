import DocumentTree
import LibYAML

/// Builds nodes from events, one document at a time, with an explicit stack of open collections.
struct Composer {
    /// A sequence or mapping whose end event has not arrived yet.
    private struct Frame {
        enum Kind {
            case sequence, mapping

            var name: String { self == .sequence ? "sequence" : "mapping" }
        }

        var kind: Kind
        var location: SourceLocation
        var anchor: String?
        var items: [Node] = []
        var mapping = Mapping()
        /// The key waiting for its value (mappings only).
        var pendingKey: (text: String, location: SourceLocation)?
        /// Nodes in this subtree so far, the collection itself included, aliases counted expanded.
        var count = 1
        /// Levels of collections in this subtree, itself included, aliases counted expanded.
        var height = 1

        var awaitsKey: Bool { kind == .mapping && pendingKey == nil }
    }

    /// What an anchor stands for.
    private struct Anchored {
        var node: Node
        /// Nodes in the subtree, aliases counted expanded: what one alias to it costs.
        var count: Int
        /// Levels of collections in the subtree (0 for a scalar): how deep one alias to it reaches.
        var height: Int
        /// The key text when the anchored node is a scalar; `nil` for collections.
        var keyText: String?
    }

    private var parser: YAMLParser
    private let bytes: [UInt8]
    private let limits: DocumentLimits
    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var aliasNodes = 0
    private var root: Node?
    /// Where the current document starts (its `---`, or its first node).
    private var documentStart = SourceLocation.start
    private var documents: [Node] = []

    init(bytes: [UInt8], limits: DocumentLimits) {
        self.parser = YAMLParser(bytes)
        self.bytes = bytes
        self.limits = limits
    }

    mutating func run() throws(DocumentError) -> [Node] {
        while true {
            let event: YAMLEvent
            do {
                event = try parser.next()
            } catch {
                throw syntaxError(error)
            }
            switch event {
            case .streamStart:
                continue
            case .streamEnd:
                return documents
            case .documentStart(_, let mark):
                documentStart = location(mark)
                anchors = [:]
                aliasNodes = 0
                root = nil
                stack = []
            case .documentEnd:
                documents.append(root ?? Node(.null, at: documentStart))
                root = nil
            case .scalar(let value, let anchor, let tag, let style, let mark):
                // A document with nothing in it (a trailing `---`) is an empty scalar libyaml
                // places where the next token starts; it belongs where the document starts.
                let empty = stack.isEmpty && value.isEmpty && style == .plain && tag == nil && anchor == nil
                try scalar(value, anchor: anchor, tag: tag, style: style, at: empty ? documentStart : location(mark))
            case .alias(let name, let mark):
                try alias(name, at: location(mark))
            case .sequenceStart(let anchor, let tag, _, let mark):
                try open(.sequence, anchor: anchor, tag: tag, at: location(mark))
            case .mappingStart(let anchor, let tag, _, let mark):
                try open(.mapping, anchor: anchor, tag: tag, at: location(mark))
            case .sequenceEnd, .mappingEnd:
                try close()
            }
        }
    }

    // MARK: - Events

    private mutating func scalar(
        _ value: String, anchor: String?, tag: String?, style: YAMLScalarStyle, at location: SourceLocation
    ) throws(DocumentError) {
        let isKey = stack.last?.awaitsKey ?? false
        if isKey && (tag == Tags.merge || (tag == nil && style == .plain && value == "<<")) {
            throw DocumentError("merge keys ('<<') are not supported", at: location)
        }
        // A key is its text; it is resolved only to check its tag, or because an alias may reuse it as a value.
        if isKey && tag == nil && anchor == nil {
            try setKey(value, at: location)
            return
        }
        let node = Node(try ScalarResolver.resolve(value, tag: tag, style: style, at: location), at: location)
        if let anchor { anchors[anchor] = Anchored(node: node, count: 1, height: 0, keyText: value) }
        if isKey {
            try setKey(value, at: location)
        } else {
            try attach(node, count: 1, height: 0)
        }
    }

    private mutating func alias(_ name: String, at location: SourceLocation) throws(DocumentError) {
        guard let anchored = anchors[name] else {
            throw DocumentError("unknown alias '*\(name)'", at: location)
        }
        let (total, overflow) = aliasNodes.addingReportingOverflow(anchored.count)
        guard !overflow, total <= limits.maxAliasNodes else {
            throw DocumentError(
                "alias expansion exceeds \(limits.maxAliasNodes) nodes (possible alias bomb)", at: location)
        }
        aliasNodes = total
        // An alias puts its whole subtree here: the nesting limit counts it expanded.
        guard anchored.height <= limits.effectiveMaxDepth - stack.count else {
            throw DocumentError("nesting deeper than \(limits.effectiveMaxDepth) levels (through alias '*\(name)')", at: location)
        }
        if stack.last?.awaitsKey ?? false {
            guard let keyText = anchored.keyText else {
                throw DocumentError("mapping keys must be scalars", at: location)
            }
            try setKey(keyText, at: location)
        } else {
            try attach(anchored.node, count: anchored.count, height: anchored.height)
        }
    }

    private mutating func open(
        _ kind: Frame.Kind, anchor: String?, tag: String?, at location: SourceLocation
    ) throws(DocumentError) {
        if stack.last?.awaitsKey ?? false {
            throw DocumentError("mapping keys must be scalars", at: location)
        }
        if let tag {
            let expected = kind == .sequence ? Tags.seq : Tags.map
            guard tag == expected || tag == Tags.nonSpecific else {
                throw Tags.misuse(tag, on: kind.name, at: location)
            }
        }
        guard stack.count < limits.effectiveMaxDepth else {
            throw DocumentError("nesting deeper than \(limits.effectiveMaxDepth) levels", at: location)
        }
        stack.append(Frame(kind: kind, location: location, anchor: anchor))
    }

    private mutating func close() throws(DocumentError) {
        guard let frame = stack.popLast() else { return }
        let value: Node.Value = frame.kind == .sequence ? .array(frame.items) : .object(frame.mapping)
        let node = Node(value, at: frame.location)
        if let anchor = frame.anchor {
            anchors[anchor] = Anchored(node: node, count: frame.count, height: frame.height, keyText: nil)
        }
        try attach(node, count: frame.count, height: frame.height)
    }

    // MARK: - Building

    /// Records the key of the next mapping entry, rejecting duplicates.
    private mutating func setKey(_ text: String, at location: SourceLocation) throws(DocumentError) {
        let top = stack.count - 1
        if let first = stack[top].mapping.entry(text) {
            throw DocumentError(
                "duplicate key '\(text)' (first defined at \(first.keyLocation))", at: location,
                notes: [DocumentError.Note(message: "first defined here", location: first.keyLocation)])
        }
        stack[top].pendingKey = (text, location)
        stack[top].count = Self.add(stack[top].count, 1)
    }

    /// Puts a finished node into the open collection, or makes it the document's root.
    private mutating func attach(_ node: Node, count: Int, height: Int) throws(DocumentError) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        stack[top].count = Self.add(stack[top].count, count)
        stack[top].height = max(stack[top].height, height + 1)
        switch stack[top].kind {
        case .sequence:
            stack[top].items.append(node)
        case .mapping:
            guard let key = stack[top].pendingKey else {
                // Keys never arrive here: scalar and alias keys go through `setKey`, collection keys are rejected.
                throw DocumentError("mapping keys must be scalars", at: node.location)
            }
            stack[top].mapping.insert(Mapping.Entry(key: key.text, keyLocation: key.location, value: node))
            stack[top].pendingKey = nil
        }
    }

    private static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    // MARK: - Positions and libyaml errors

    /// The position of `mark`. The end of a text that ends with a line break
    /// is shown as the end of its last line: the "line" after the final break
    /// is not one an editor can go to.
    private func location(_ mark: YAMLMark) -> SourceLocation {
        guard mark.offset >= bytes.count, mark.line > 1, mark.column == 1, let last = bytes.last,
              last == 0x0A || last == 0x0D
        else { return SourceLocation(line: mark.line, column: mark.column) }
        var end = bytes.count - 1
        if last == 0x0A, end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        var start = end
        while start > 0, bytes[start - 1] != 0x0A, bytes[start - 1] != 0x0D { start -= 1 }
        let characters = bytes[start..<end].count { $0 & 0xC0 != 0x80 }
        return SourceLocation(line: mark.line - 1, column: characters + 1)
    }

    /// libyaml's error in its own words, at its position; tabs in indentation
    /// and constructs left open at the end of the file get plainer messages.
    private func syntaxError(_ error: YAMLSyntaxError) -> DocumentError {
        let at = location(error.mark)
        // Inside [ ] or { } tabs may separate tokens; in block context they never indent.
        if !(error.context ?? "").contains("flow"), let tab = indentationTab(onLineOf: error.mark) {
            return DocumentError("found a tab character used for indentation; YAML indentation must use spaces", at: tab)
        }
        if let unclosed = unclosedAtEnd(error) { return unclosed }
        var notes: [DocumentError.Note] = []
        if let context = error.context, let contextMark = error.contextMark, contextMark != error.mark {
            notes.append(DocumentError.Note(message: Self.startedHere(context), location: location(contextMark)))
        }
        return DocumentError(error.message, at: at, notes: notes)
    }

    /// The position of the first tab in the leading white space of the line
    /// libyaml stopped on, when there is one: libyaml's own message for it (if
    /// it gives one at all rather than a later consequence) names no fix.
    private func indentationTab(onLineOf mark: YAMLMark) -> SourceLocation? {
        var start = min(max(mark.offset, 0), bytes.count)
        while start > 0, bytes[start - 1] != 0x0A, bytes[start - 1] != 0x0D { start -= 1 }
        var column = 1
        var index = start
        if index == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count {
            switch bytes[index] {
            case 0x09: return SourceLocation(line: mark.line, column: column)
            case 0x20:
                column += 1
                index += 1
            default: return nil
            }
        }
        return nil
    }

    /// A quoted scalar, flow sequence or flow mapping still open when the file
    /// ends: reported where it opened (which is what needs fixing), with a note
    /// at the end of the file. `nil` for other errors.
    private func unclosedAtEnd(_ error: YAMLSyntaxError) -> DocumentError? {
        guard let context = error.context, let contextMark = error.contextMark,
              error.mark.offset >= 0, bytes[min(error.mark.offset, bytes.count)...].allSatisfy(Self.isWhiteSpace)
        else { return nil }
        let message: String
        switch context {
        case "while scanning a quoted scalar": message = "unclosed quote: this quoted text has no closing quote"
        case "while parsing a flow sequence": message = "unclosed '[': this list has no closing ']'"
        case "while parsing a flow mapping": message = "unclosed '{': this mapping has no closing '}'"
        default: return nil
        }
        return DocumentError(
            message, at: location(contextMark),
            notes: [DocumentError.Note(message: "the file ends here", location: location(error.mark))])
    }

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// `while scanning a quoted scalar` → `the quoted scalar started here`.
    private static func startedHere(_ context: String) -> String {
        var what = Substring(context)
        for prefix in ["while scanning ", "while parsing "] where what.hasPrefix(prefix) {
            what = what.dropFirst(prefix.count)
        }
        for article in ["a ", "an "] where what.hasPrefix(article) {
            what = "the " + what.dropFirst(article.count)
        }
        return "\(what) started here"
    }
}

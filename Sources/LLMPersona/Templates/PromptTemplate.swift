import OrderedCollections

/// Why a template could not be rendered.
public enum TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A text misuses braces.
    case syntax(field: String, [Template.SyntaxError])
    /// A required variable was given no value.
    case missingVariable(String)

    public var description: String {
        switch self {
        case .syntax(let field, let errors):
            return errors.map { "\(field): \($0.message)" }.joined(separator: "\n")
        case .missingVariable(let name):
            return "missing value for required variable '\(name)'"
        }
    }
}

/// A persona's whole system prompt, split once into segments, ready to be
/// filled many times.
///
/// Compiling parses every text field; rendering is a single pass over the
/// segments that looks up each variable once — no parsing per request.
///
/// ```swift
/// let template = try persona.promptTemplate()
/// let prompt = try template.render(["user_name": "John"])
/// ```
public struct PromptTemplate: Sendable, Hashable {
    /// The prompt as segments.
    public let template: Template
    /// The declared variables, by name, with their defaults.
    public let declarations: OrderedDictionary<String, VariableDeclaration>

    /// Segments prepared for rendering: literal UTF-8 bytes, or the index of a variable.
    private enum Piece: Sendable, Hashable {
        case text([UInt8])
        case slot(Int)
    }

    private let pieces: [Piece]
    /// The variables used, in order of first use, with what fills them when no value is given.
    private let slots: [Slot]
    private let literalSize: Int

    private struct Slot: Sendable, Hashable {
        var name: String
        /// How many times the prompt uses the variable.
        var uses = 1
        /// The default, `nil` for a required variable or an undeclared one.
        var fallback: String?
    }

    /// Compiles `persona`'s prompt (its name is literal text). Throws when a text misuses braces.
    public init(_ persona: Persona) throws(TemplateError) {
        let template: Template
        do {
            template = try Template.parse(persona.promptTemplateText)
        } catch {
            throw TemplateError.syntax(field: "prompt", error.errors)
        }
        self.init(template: template, declarations: persona.variables)
    }

    /// A template with its declarations.
    public init(template: Template, declarations: OrderedDictionary<String, VariableDeclaration>) {
        self.template = template
        self.declarations = declarations
        var slotIndex: [String: Int] = [:]
        var slots: [Slot] = []
        var pieces: [Piece] = []
        var size = 0
        for segment in template.segments {
            switch segment {
            case .literal(let text):
                pieces.append(.text(Array(text.utf8)))
                size += text.utf8.count
            case .variable(let name):
                if let index = slotIndex[name] {
                    pieces.append(.slot(index))
                    slots[index].uses += 1
                } else {
                    let declaration = declarations[name]
                    let fallback: String? = declaration.map { $0.isRequired ? $0.defaultValue : ($0.defaultValue ?? "") } ?? nil
                    slotIndex[name] = slots.count
                    pieces.append(.slot(slots.count))
                    slots.append(Slot(name: name, fallback: fallback))
                }
            }
        }
        self.pieces = pieces
        self.slots = slots
        self.literalSize = size
    }

    /// The variables the prompt uses, in order of first use.
    public var variableNames: [String] { slots.map(\.name) }

    /// The prompt with every variable filled: from `values`, else the declared
    /// default (an optional variable without one is empty). Values are inserted
    /// literally. Throws for a required variable that has neither.
    public func render(_ values: [String: String] = [:]) throws(TemplateError) -> String {
        // One lookup per variable, into a stack buffer; then one copy of every byte into the result.
        let result: Result<String, TemplateError> = withUnsafeTemporaryAllocation(of: String.self, capacity: slots.count) { resolved in
            var size = literalSize
            for (index, slot) in slots.enumerated() {
                guard let value = values[slot.name] ?? slot.fallback else {
                    resolved.extracting(0..<index).deinitialize()
                    return .failure(.missingVariable(slot.name))
                }
                size += value.utf8.count * slot.uses
                resolved.initializeElement(at: index, to: value)
            }
            defer { resolved.deinitialize() }
            return .success(String(unsafeUninitializedCapacity: size) { buffer in
                var offset = 0
                for piece in pieces {
                    switch piece {
                    case .text(let bytes):
                        bytes.withUnsafeBufferPointer { source in
                            _ = UnsafeMutableBufferPointer(rebasing: buffer[offset...]).initialize(fromContentsOf: source)
                        }
                        offset += bytes.count
                    case .slot(let index):
                        var value = resolved[index]
                        value.withUTF8 { source in
                            _ = UnsafeMutableBufferPointer(rebasing: buffer[offset...]).initialize(fromContentsOf: source)
                            offset += source.count
                        }
                    }
                }
                return offset
            })
        }
        return try result.get()
    }

    /// Fills what can be filled now and keeps the rest as placeholders.
    ///
    /// Variables in `values` are filled; the others take their default, except
    /// required ones without a default, which stay as `{name}`. The result is a
    /// template again: its ``Template/formatText`` escapes filled text, so
    /// `str.format` reproduces it literally.
    public func partiallyFilled(_ values: [String: String]) -> Template {
        var segments: [Template.Segment] = []
        let fallbacks = Dictionary(slots.map { ($0.name, $0.fallback) }, uniquingKeysWith: { first, _ in first })
        for segment in template.segments {
            switch segment {
            case .literal: segments.append(segment)
            case .variable(let name):
                let slot = Slot(name: name, fallback: fallbacks[name] ?? nil)
                if let value = values[slot.name] ?? slot.fallback {
                    segments.append(.literal(value))
                } else {
                    segments.append(.variable(slot.name))
                }
            }
        }
        return Template(segments: segments)
    }
}

extension Persona {
    /// The prompt, compiled for repeated filling. See ``PromptTemplate``.
    public func promptTemplate() throws(TemplateError) -> PromptTemplate {
        try PromptTemplate(self)
    }

    /// The system prompt with its `{variables}` filled, like the original
    /// library's `build_system_prompt(user_name="John")`: values from
    /// `variables`, else declared defaults. Throws for a required variable with
    /// no value, or a text that misuses braces.
    ///
    /// This parses the persona on every call; to render many times, keep
    /// ``promptTemplate()`` and call ``PromptTemplate/render(_:)``.
    public func buildSystemPrompt(variables: [String: String]) throws(TemplateError) -> String {
        try PromptTemplate(self).render(variables)
    }
}

import LLMPersona
import OrderedCollections

/// libFuzzer entry point: the `{placeholder}` template parser and the run-time filler.
///
/// Arbitrary bytes (as UTF-8, invalid sequences repaired) are parsed; a parsed
/// template is filled with every variable given, with none given (defaults
/// declared for half of them), and its format text must parse to the same template.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = Template.placeholders(in: text)
    guard let template = try? Template.parse(text) else { return 0 }
    guard let reparsed = try? Template.parse(template.formatText) else { fatalError("formatText does not parse: \(template.formatText)") }
    precondition(reparsed.variableNames == template.variableNames, "formatText changed the variables")

    var declarations: OrderedDictionary<String, VariableDeclaration> = [:]
    var values: [String: String] = [:]
    for (index, name) in template.variableNames.enumerated() {
        declarations[name] = VariableDeclaration(defaultValue: index % 2 == 0 ? "d\(index)" : nil, isRequired: index % 3 == 0)
        values[name] = "{\(name)}}"
    }
    let prompt = PromptTemplate(template: template, declarations: declarations)
    _ = try? prompt.render(values)
    _ = try? prompt.render()
    _ = prompt.partiallyFilled(values.filter { $0.key.count % 2 == 0 })
    return 0
}

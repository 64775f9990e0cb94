import DocumentTree
import LLMPersona

/// libFuzzer entry point: the whole front end and the build plan, in memory.
///
/// The input is cut at NUL bytes into up to three files, `a.yaml`, `b.json`
/// and `c.yaml`, which are loaded, schema-checked, resolved (inheritance,
/// templates) and planned into artifacts as `persona build` would, and each
/// persona is explained, filled, and diffed against the first.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
    let names = ["a.yaml", "b.json", "c.yaml"]
    let sources = zip(names, parts).map { (path: $0, bytes: Array($1)) }
    let compiler = PersonaCompiler(
        loader: PersonaLoader(limits: .init(maxFileBytes: 1 << 20, document: DocumentLimits(maxDepth: 64, maxAliasNodes: 10_000))),
        resolver: PersonaResolver(maxChainLength: 100))
    let compilation = compiler.compile(sources: sources)
    var records: [PersonaRecord] = []
    for format: ArtifactFormat in [.text, .json, .all] {
        if let plan = try? BuildPlan.make(compilation.personas, format: format, values: VariableValues(["user_name": "Ann"])) {
            records = plan.records
        }
    }
    if let first = records.first {
        for record in records { _ = PersonaDiff(from: first, to: record).text }
    }
    for resolved in compilation.personas {
        _ = PersonaExplanation.text(resolved)
        _ = JSONWriter.compact(PersonaExplanation.json(resolved))
        _ = try? resolved.persona.promptTemplate().render()
    }
    return 0
}

// Measures the run-time cost of filling a compiled persona prompt:
// `PromptTemplate.render(_:)` for a ~1 KB persona with two variables, and the
// same persona's generated `systemPrompt(user_name:plan:)` (GeneratedPersonas.swift,
// made by `persona generate swift Benchmarks/fixtures/fill-persona.yaml
// --out Benchmarks/FillBenchmark/GeneratedPersonas.swift`).
//
//     swift run -c release persona-fill-bench [Benchmarks/fixtures/fill-persona.yaml]
//
// Prints the median nanoseconds per call over several rounds.
import Foundation
import LLMPersona

let path = CommandLine.arguments.dropFirst().first ?? "Benchmarks/fixtures/fill-persona.yaml"
let compilation = PersonaCompiler().compile([path])
guard !compilation.hasErrors, let resolved = compilation.personas.first else {
    FileHandle.standardError.write(Data(compilation.diagnostics.map(\.description).joined(separator: "\n").utf8))
    exit(1)
}
let template: PromptTemplate
do {
    template = try resolved.persona.promptTemplate()
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
let values = ["user_name": "John", "plan": "Premium"]
let prompt = try template.render(values)

let iterations = 200_000
var checksum = 0

/// Nanoseconds per call of `body` in each of 9 rounds, sorted, and the sum of its results.
func measure(_ body: () throws -> Int) rethrows -> (rounds: [Double], sum: Int) {
    var rounds: [Double] = []
    var sum = 0
    for _ in 0..<9 {
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for _ in 0..<iterations {
                sum &+= try body()
            }
        }
        let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        rounds.append(ns / Double(iterations))
    }
    return (rounds.sorted(), sum)
}

let generated = Personas.maya.systemPrompt(user_name: values["user_name"] ?? "", plan: values["plan"] ?? "")
guard generated == prompt else {
    FileHandle.standardError.write(Data("the generated systemPrompt differs from render: regenerate GeneratedPersonas.swift\n".utf8))
    exit(1)
}
print("prompt bytes: \(prompt.utf8.count), variables: \(template.variableNames.count)")
let rendered = try measure { try template.render(values).utf8.count }
let generatedCalls = measure { Personas.maya.systemPrompt(user_name: "John", plan: "Premium").utf8.count }
for (label, rounds, sum) in [("render", rendered.rounds, rendered.sum), ("generated systemPrompt", generatedCalls.rounds, generatedCalls.sum)] {
    checksum &+= sum
    let median = rounds[rounds.count / 2]
    print(String(format: "%@: median %.1f ns/call (min %.1f, max %.1f) over %d rounds of %d calls", label, median, rounds[0], rounds[rounds.count - 1], rounds.count, iterations))
}
if checksum == 42 { print("") }  // keeps the work observable

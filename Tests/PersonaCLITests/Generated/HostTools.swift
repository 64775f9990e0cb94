import Foundation
import Testing
import TestSupport

/// The compilers and interpreters the generated code is checked with (python3
/// and mypy, tsc and node, swiftc), found on `PATH`; a missing one is a test
/// failure that says what to install, never a skipped test.
enum HostTools {
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String

        /// Standard output and error as text, for messages.
        var output: String { String(decoding: stdout, as: UTF8.self) + stderr }
    }

    /// What to install when a tool is missing; the checks fail (never skip) without it.
    static func installHint(_ tool: String) -> String {
        switch tool {
        case "mypy": "mypy is not installed for python3: run `python3 -m pip install mypy` (.ci/run does)"
        case "tsc": "tsc is not installed: run `apt-get install -y node-typescript` (.ci/run does)"
        case "node": "node is not installed: run `apt-get install -y nodejs` (.ci/run does)"
        case "python3": "python3 is not installed: run `apt-get install -y python3`"
        default: "\(tool) is not on PATH: install the Swift toolchain"
        }
    }

    /// The absolute path of `name` on `PATH`, or `nil`.
    static func find(_ name: String) -> String? { ExternalTool(name)?.path }

    /// The path of `name`, or a recorded failure saying what to install.
    static func require(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        if let found = find(name) { return found }
        Issue.record(Comment(rawValue: installHint(name)), sourceLocation: sourceLocation)
        return nil
    }

    /// Whether `python3 -m mypy` runs; records a failure saying what to install when it does not.
    static func requireMypy(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        guard let python = require("python3", sourceLocation: sourceLocation) else { return nil }
        if let result = try? run(python, ["-m", "mypy", "--version"], in: NSTemporaryDirectory()), result.status == 0 {
            return python
        }
        Issue.record(Comment(rawValue: installHint("mypy")), sourceLocation: sourceLocation)
        return nil
    }

    /// Runs `executable` with `arguments` in `directory` and waits for it.
    static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> Result {
        let run = try ExternalTool(path: executable).run(arguments, in: directory)
        return Result(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }

    /// Splits output made of records `<byte count>\n<bytes>` into the records.
    static func records(_ bytes: [UInt8]) -> [[UInt8]]? {
        var records: [[UInt8]] = []
        var index = 0
        while index < bytes.count {
            guard let newline = bytes[index...].firstIndex(of: 10),
                  let count = Int(String(decoding: bytes[index..<newline], as: UTF8.self)),
                  newline + 1 + count <= bytes.count
            else { return nil }
            records.append(Array(bytes[(newline + 1)..<(newline + 1 + count)]))
            index = newline + 1 + count
        }
        return records
    }
}

/// Writes string literals for the programs that call the generated code: every
/// character but ASCII letters, digits and spaces as an escape, so that the
/// callers never depend on the escaping under test.
enum CallerLiterals {
    private static func plain(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isASCIIHexDigit || (scalar.isASCII && (scalar.properties.isAlphabetic || scalar == " "))
    }

    static func swift(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { plain($0) ? String($0) : "\\u{" + String($0.value, radix: 16) + "}" }.joined() + "\""
    }

    static func python(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { scalar in
            if plain(scalar) { return String(scalar) }
            let hex = String(scalar.value, radix: 16)
            return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
        }.joined() + "\""
    }

    static func typeScript(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { plain($0) ? String($0) : "\\u{" + String($0.value, radix: 16) + "}" }.joined() + "\""
    }
}

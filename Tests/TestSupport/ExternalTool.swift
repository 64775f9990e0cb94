import Foundation

/// A program found on `PATH` (`python3`, `node`, `tsc`, `swiftc`, `mypy`), for
/// tests that compile or run generated code.
public struct ExternalTool: Sendable {
    /// The program's absolute path.
    public let path: String

    /// The program `name` on `PATH`, or `nil` when there is none.
    public init?(_ name: String) {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        guard let found = directories.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { return nil }
        path = found
    }

    /// The program at `path`.
    public init(path: String) {
        self.path = path
    }

    /// Whether `name` is on `PATH`.
    public static func exists(_ name: String) -> Bool { ExternalTool(name) != nil }

    /// What a run gave.
    public struct Run: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: String
    }

    /// Runs the program with `arguments` in `directory` and waits for it; `environment`
    /// adds to (or replaces variables of) this process's environment.
    public func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        // Standard error goes to a file, standard output to a pipe read to its end before
        // waiting: two pipes read one after the other deadlock once the child fills the
        // second (a sanitizer report on standard error does).
        let errorPath = NSTemporaryDirectory() + "persona-tool-stderr-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: errorPath, contents: nil),
              let errorFile = FileHandle(forWritingAtPath: errorPath)
        else { throw CocoaError(.fileWriteUnknown) }
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errorFile
        try process.run()
        try errorFile.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // Not FileManager.contents(atPath:): under LeakSanitizer its buffer for an empty file shows as leaked.
        let stderr = readFileText(errorPath) ?? ""
        return Run(status: process.terminationStatus, stdout: Array(stdout), stderr: stderr)
    }
}

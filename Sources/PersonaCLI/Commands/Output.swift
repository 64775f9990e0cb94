import DocumentTree
import LLMPersona
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to the terminal: data to standard output, diagnostics to standard error.
enum Output {
    static func standardOutput(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    static func standardError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// All of `text`, in as many `write` calls as it takes (a pipe takes part of a long text at a time).
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }   // a closed pipe or a full disk: nothing more to do
                offset += written
            }
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
        #else
        Darwin.write(descriptor, bytes, count)
        #endif
    }

    /// Ends a successful run now, keeping `results` (what the command built) alive
    /// to the end. Optimized builds exit here without freeing them, one small value
    /// at a time, when the system reclaims the whole process at once anyway (tens
    /// of milliseconds for thousands of files). Debug builds (the tests) return, so
    /// that leak checkers still see every value freed.
    static func finish(keeping results: some Any) {
        #if !DEBUG
        withExtendedLifetime(results) { exit(EXIT_SUCCESS) }
        #endif
    }

    /// Prints each diagnostic on its own line to standard error, in reading
    /// order (by file, line and column; notes under their problem).
    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        standardError(DiagnosticFormat.human.render(withOptionHints(diagnostics)))
    }

    /// `diagnostics`, each one caused by a setting ending with the option that
    /// changes it: the library names settings, the command line names options.
    static func withOptionHints(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            guard let setting = diagnostic.personaSetting else { return diagnostic }
            var hinted = diagnostic
            if setting == .variableValues {
                // Values come from the command line: the problem is placed there.
                if hinted.file.isEmpty { hinted.file = "--var" }
                return hinted
            }
            hinted.message += " (\(hint(setting, file: diagnostic.file)))"
            return hinted
        }
    }

    /// How to change `setting` on the command line, for a problem about `file`.
    private static func hint(_ setting: PersonaSetting, file: String) -> String {
        switch setting {
        case .maxFileBytes: "see --max-file-size"
        case .maxPersonas: "see --max-personas"
        case .maxChainLength: "see --max-chain-length"
        case .lockTimeout: "see --wait"
        case .outputDirectory: "see --out"
        case .artifactFormat: "see --format text"
        case .lockFile: "persona lock --lock \(file)"
        case .strictVariables: "see --strict, --var and --vars"
        case .variableValues: "see --var and --vars"
        }
    }
}

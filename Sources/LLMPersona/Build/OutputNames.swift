import DocumentTree

/// The checks on the files a build would write, by name alone: run by
/// `persona build` (before planning) and by `persona validate`, so both
/// reject the same personas.
///
/// - No persona's file may take the manifest's name: `manifest.json`, also
///   in another letter case (`Manifest.json`), since case-insensitive file
///   systems (macOS, Windows) treat those as one file.
/// - No two personas' files may have names that are one file on such a file
///   system: names equal after Unicode NFC normalisation and case folding
///   (`Maya.txt` and `maya.txt`; `José.txt` composed and decomposed). Each
///   such pair is an error at both personas' names.
public enum OutputNames {
    /// The file names persona `name` gets in `format`, sorted.
    public static func fileNames(of name: String, format: ArtifactFormat) -> [String] {
        [ArtifactFormat.json, .text].filter { format.contains($0) }.map { $0.fileName(for: name) }
    }

    /// A file name as a case-insensitive, normalisation-insensitive file system
    /// sees it: NFC, lower-cased, NFC again.
    public static func foldedKey(_ fileName: String) -> [Unicode.Scalar] {
        // ASCII text is its own NFC, and lower-cases to ASCII: fold the bytes directly.
        if fileName.utf8.allSatisfy({ $0 < 0x80 }) {
            return fileName.utf8.map { Unicode.Scalar($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) }
        }
        let folded = nfc(fileName).lowercased()
        return Array(nfc(folded).unicodeScalars)
    }

    /// `text` in Unicode normalisation form C, by the standard library's
    /// normaliser (the one string comparison uses; no Foundation needed).
    static func nfc(_ text: String) -> String {
        String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }

    /// Every problem with the file names the concrete personas among `personas`
    /// would be written to in `format`, in file and position order.
    public static func diagnostics(_ personas: [ResolvedPersona], format: ArtifactFormat) -> [Diagnostic] {
        let manifestKey = foldedKey(Manifest.fileName)
        let concrete = personas.filter { !$0.persona.isAbstract }
            .sorted { ByteOrder.less($0.persona.name, $1.persona.name) }
        var diagnostics: [Diagnostic] = []
        // The first persona to claim each folded file name.
        var claimed: [[Unicode.Scalar]: (persona: Int, fileName: String)] = [:]
        // Each colliding pair once, though it may collide on several files.
        var reported = Set<[Int]>()
        for (index, resolved) in concrete.enumerated() {
            let name = resolved.persona.name
            for fileName in fileNames(of: name, format: format) {
                let key = foldedKey(fileName)
                if key == manifestKey {
                    diagnostics.append(error(
                        resolved,
                        (fileName == Manifest.fileName
                            ? "persona '\(name)' would overwrite the build's \(Manifest.fileName)"
                            : "persona '\(name)' would be written to '\(fileName)', which is the build's "
                                + "\(Manifest.fileName) on file systems that ignore letter case (macOS, Windows)")
                            + "; rename it, or build only the text files"
                    ).caused(by: .artifactFormat))
                    continue
                }
                guard let first = claimed[key] else {
                    claimed[key] = (index, fileName)
                    continue
                }
                guard reported.insert([first.persona, index]).inserted else { continue }
                let other = concrete[first.persona]
                diagnostics.append(collision(other, fileName: first.fileName, with: resolved, fileName))
                diagnostics.append(collision(resolved, fileName: fileName, with: other, first.fileName))
            }
        }
        return Diagnostic.ordered(diagnostics)
    }

    private static func collision(
        _ resolved: ResolvedPersona, fileName: String, with other: ResolvedPersona, _ otherFileName: String
    ) -> Diagnostic {
        let how = fileName.unicodeScalars.elementsEqual(otherFileName.unicodeScalars, by: ==)
            ? "the same name"
            : (nfc(fileName).unicodeScalars.elementsEqual(nfc(otherFileName).unicodeScalars, by: ==)
                ? "names that differ only in Unicode normalisation"
                : "names that differ only in letter case")
        return error(
            resolved,
            "persona '\(resolved.persona.name)' would be written to '\(fileName)' and persona '\(other.persona.name)' "
                + "(at \(other.origin.place)) to '\(otherFileName)': \(how), one file on macOS and Windows; rename one of them")
    }

    private static func error(_ resolved: ResolvedPersona, _ message: String) -> Diagnostic {
        Diagnostic(file: resolved.origin.file ?? "(code)", location: resolved.origin.location, message: message)
    }
}

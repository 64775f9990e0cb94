/// The rule that makes a persona name safe to use as a file name.
///
/// A name becomes `DIR/NAME.txt` and `DIR/NAME.json`, so it must never name a
/// path outside the output folder or a hidden file: it is not empty, has no
/// `/`, `\` or control characters, does not start with `.`, and is at most
/// 200 bytes of UTF-8 (file systems allow 255 for a whole file name).
public enum PersonaName {
    /// The longest name allowed, in UTF-8 bytes.
    public static let maxBytes = 200

    /// The rule in words, for messages that have no particular name to judge.
    public static let rule =
        "a persona name must not be empty, start with '.', contain '/', '\\' or control characters, or be longer than \(maxBytes) bytes"

    /// Why `name` is not a safe persona name, or `nil` when it is.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "persona name must not be empty" }
        if name.hasPrefix(".") { return "persona name '\(name)' must not start with '.'" }
        if name.contains("/") || name.contains("\\") {
            return "persona name '\(escaped(name))' must not contain '/' or '\\' (it becomes a file name)"
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "persona name '\(escaped(name))' must not contain control characters"
        }
        if name.utf8.count > maxBytes {
            return "persona name is \(name.utf8.count) bytes long; the limit is \(maxBytes)"
        }
        return nil
    }

    private static func escaped(_ name: String) -> String {
        name.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }
            .joined()
    }
}

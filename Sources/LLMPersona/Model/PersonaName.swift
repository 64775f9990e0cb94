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

    /// Why a name is not a safe persona name.
    public struct Invalid: Error, Sendable, Hashable {
        /// The rule the name breaks, naming it: `persona name '.x' must not start with '.'`.
        public var message: String
    }

    /// Checks that `name` is a safe persona name; throws which rule it breaks.
    public static func check(_ name: String) throws(Invalid) {
        if isPlainASCII(name) { return }
        if name.isEmpty { throw Invalid(message: "persona name must not be empty") }
        if name.hasPrefix(".") { throw Invalid(message: "persona name '\(name)' must not start with '.'") }
        if name.contains("/") || name.contains("\\") {
            throw Invalid(message: "persona name '\(escaped(name))' must not contain '/' or '\\' (it becomes a file name)")
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw Invalid(message: "persona name '\(escaped(name))' must not contain control characters")
        }
        if name.utf8.count > maxBytes {
            throw Invalid(message: "persona name is \(name.utf8.count) bytes long; the limit is \(maxBytes)")
        }
    }

    /// Whether `name` is ASCII and passes every rule, decided in one pass over its
    /// bytes. For ASCII text a byte is a character, so this agrees with the rules
    /// as ``check(_:)`` states them; any other name takes the full check.
    private static func isPlainASCII(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, first != UInt8(ascii: "."), bytes.count <= maxBytes else { return false }
        for byte in bytes {
            // Control characters (C0 and DEL; C1 is not ASCII), '/', '\\', and anything beyond ASCII.
            if byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") { return false }
        }
        return true
    }

    /// Whether `name` is a safe persona name (``check(_:)`` passes).
    public static func isValid(_ name: String) -> Bool {
        (try? check(name)) != nil
    }

    private static func escaped(_ name: String) -> String {
        name.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }
            .joined()
    }
}

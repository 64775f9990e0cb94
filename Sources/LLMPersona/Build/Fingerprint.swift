import Crypto

/// The identity of a prompt: `sha256:` and the lowercase hex SHA-256 of its bytes.
///
/// A persona's `fingerprint` is computed over exactly the bytes of `NAME.txt`
/// (the prompt as built, variables filled), so `sha256sum NAME.txt` gives the
/// same digest; its `template_fingerprint` over the prompt's template, before
/// any variable is filled (see ``PersonaRecord``).
public enum Fingerprint {
    /// The prefix naming the hash function.
    public static let prefix = "sha256:"

    /// The fingerprint of the UTF-8 bytes of `text`.
    public static func of(_ text: String) -> String {
        of(bytes: Array(text.utf8))
    }

    /// The fingerprint of `bytes`.
    public static func of(bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let digits: [Character] = Array("0123456789abcdef")
        var hex = ""
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return prefix + hex
    }
}

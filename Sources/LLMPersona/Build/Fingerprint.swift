import Crypto

/// The identity of a prompt: `sha256:` and the lowercase hex SHA-256 of its bytes.
///
/// It is computed over the UTF-8 bytes of the prompt template — exactly the
/// bytes of `NAME.txt` — so `sha256sum NAME.txt` gives the same digest.
public enum Fingerprint {
    /// The prefix naming the hash function.
    public static let prefix = "sha256:"

    /// The fingerprint of `template`.
    public static func of(_ template: String) -> String {
        of(bytes: Array(template.utf8))
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

#if canImport(CryptoKit)
import CryptoKit
#else
import CLibCrypto
#endif

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
        prefix + hex(sha256(bytes))
    }

    /// `bytes` as lowercase hex, two digits a byte.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The 32 bytes of the SHA-256 digest of `bytes`: Apple's CryptoKit where it
    /// exists, elsewhere the system's OpenSSL libcrypto (its one-call `EVP_Digest`).
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        #if canImport(CryptoKit)
        return Array(SHA256.hash(data: bytes))
        #else
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let succeeded = bytes.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { output in
                EVP_Digest(input.baseAddress, input.count, output.baseAddress, &length, EVP_sha256(), nil) == 1
            }
        }
        // EVP_Digest with SHA-256 fails only when the library cannot allocate its context.
        precondition(succeeded && length == 32, "libcrypto could not compute a SHA-256 digest")
        return digest
        #endif
    }
}

/// JSON Pointer (RFC 6901) helpers.
///
/// They work on UTF-8 bytes: `~` and `/` are single bytes that never occur inside
/// another scalar's encoding, and a `~` followed by a combining mark is still a `~`
/// to escape (a `Character` comparison would see one grapheme and miss it).
public enum JSONPointer {
    private static let tilde = UInt8(ascii: "~"), slash = UInt8(ascii: "/")

    /// Escapes one reference token: `~` becomes `~0`, `/` becomes `~1`.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == tilde || $0 == slash }) else { return token }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.utf8.count + 4)
        appendEscaped(token, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Joins reference tokens into a pointer (`""` for no tokens).
    public static func pointer(_ tokens: some Sequence<String>) -> String {
        var bytes: [UInt8] = []
        for token in tokens {
            bytes.append(slash)
            appendEscaped(token, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendEscaped(_ token: String, to bytes: inout [UInt8]) {
        for byte in token.utf8 {
            switch byte {
            case tilde: bytes.append(tilde); bytes.append(UInt8(ascii: "0"))
            case slash: bytes.append(tilde); bytes.append(UInt8(ascii: "1"))
            default: bytes.append(byte)
            }
        }
    }

    /// Splits a pointer into unescaped tokens; `nil` when it is not a valid pointer.
    public static func tokens(_ pointer: String) -> [String]? {
        let bytes = Array(pointer.utf8)
        if bytes.isEmpty { return [] }
        guard bytes[0] == slash else { return nil }
        var result: [String] = []
        var token: [UInt8] = []
        var index = 1
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == slash {
                result.append(String(decoding: token, as: UTF8.self))
                token.removeAll(keepingCapacity: true)
                index += 1
                continue
            }
            let byte = bytes[index]
            if byte == tilde {
                guard index + 1 < bytes.count else { return nil }
                switch bytes[index + 1] {
                case UInt8(ascii: "0"): token.append(tilde)
                case UInt8(ascii: "1"): token.append(slash)
                default: return nil
                }
                index += 2
            } else {
                token.append(byte)
                index += 1
            }
        }
        return result
    }
}

extension String {
    /// Decodes `%XX` escapes as UTF-8; `nil` when an escape is malformed or the bytes are not UTF-8.
    func percentDecoded() -> String? {
        guard utf8.contains(UInt8(ascii: "%")) else { return self }
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "%") {
                guard utf8.count >= 2, let high = hexValue(utf8[utf8.startIndex]),
                      let low = hexValue(utf8[utf8.startIndex + 1]) else { return nil }
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
}

/// `uuid` (RFC 4122 text form) and `relative-json-pointer`.
enum MiscellaneousFormats {
    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !ASCII.isHexDigit(byte) {
                return false
            }
        }
        return true
    }

    /// A non-negative integer (no leading zeros), then `#` or a JSON Pointer.
    static func isRelativeJSONPointer(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
        guard index > 0, index == 1 || bytes[0] != UInt8(ascii: "0") else { return false }
        let rest = String(decoding: bytes[index...], as: UTF8.self)
        return rest == "#" || JSONPointer.tokens(rest) != nil
    }
}

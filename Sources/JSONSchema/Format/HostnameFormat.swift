/// RFC 1123 `hostname` (A-labels checked as IDNA) and RFC 5890 `idn-hostname`.
enum HostnameFormat {
    static func isHostname(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253, text.unicodeScalars.allSatisfy(\.isASCII) else { return false }
        var decoded: [[Unicode.Scalar]] = []
        for label in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard let unicode = asciiLabel(label) else { return false }
            decoded.append(unicode)
        }
        return IDNA.satisfiesBidi(decoded)
    }

    static func isIDNHostname(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        let separators: Set<Unicode.Scalar> = [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"]
        var labels: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if separators.contains(scalar) { labels.append([]) } else { labels[labels.count - 1].append(scalar) }
        }
        var asciiLength = labels.count - 1
        var decoded: [[Unicode.Scalar]] = []
        for label in labels {
            if label.allSatisfy(\.isASCII) {
                let text = Substring(String(String.UnicodeScalarView(label)))
                guard let unicode = asciiLabel(text) else { return false }
                asciiLength += label.count
                decoded.append(unicode)
            } else {
                guard IDNA.isValidULabel(label) else { return false }
                let encodedLength = 4 + Punycode.encode(label).utf8.count
                guard encodedLength <= 63 else { return false }
                asciiLength += encodedLength
                decoded.append(label)
            }
        }
        return asciiLength <= 253 && IDNA.satisfiesBidi(decoded)
    }

    /// An LDH label, as Unicode (`xn--` labels decoded, and checked as U-labels); `nil` when invalid.
    private static func asciiLabel(_ label: Substring) -> [Unicode.Scalar]? {
        let bytes = Array(label.utf8)
        guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-"),
              bytes.allSatisfy({ ASCII.isLetter($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: "-") }) else {
            return nil
        }
        if bytes.count >= 4, bytes[2] == UInt8(ascii: "-"), bytes[3] == UInt8(ascii: "-") {
            guard label.prefix(2).lowercased() == "xn", let unicode = Punycode.decode(label.dropFirst(4)),
                  !unicode.isEmpty, IDNA.isValidULabel(unicode),
                  Punycode.encode(unicode).lowercased() == label.dropFirst(4).lowercased() else { return nil }
            return unicode
        }
        return Array(label.unicodeScalars)
    }
}

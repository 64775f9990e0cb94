/// RFC 3986 `uri`/`uri-reference`, RFC 3987 `iri`/`iri-reference` and
/// RFC 6570 `uri-template` syntax checks.
enum URIFormats {
    private static let unreservedPunctuation: Set<Unicode.Scalar> = ["-", ".", "_", "~"]
    private static let subDelimiters: Set<Unicode.Scalar> = ["!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "="]

    static func isValid(_ text: String, allowRelative: Bool, international: Bool) -> Bool {
        var rest = Array(text.unicodeScalars)[...]
        let checker = Checker(international: international)
        if let hash = rest.firstIndex(of: "#") {
            guard checker.all(rest[(hash + 1)...], extra: ["/", "?"]) else { return false }
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            guard checker.all(rest[(question + 1)...], extra: ["/", "?"], privateUse: true) else { return false }
            rest = rest[..<question]
        }
        var hasScheme = false
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/") {
            let scheme = rest[..<colon]
            guard let first = scheme.first, first.isASCIILetter,
                  scheme.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "+" || $0 == "-" || $0 == "." }) else {
                return false
            }
            hasScheme = true
            rest = rest[(colon + 1)...]
        }
        guard hasScheme || allowRelative else { return false }
        if rest.starts(with: ["/", "/"]) {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            guard isAuthority(rest[..<end], checker) else { return false }
            rest = rest[end...]
        }
        return checker.all(rest, extra: ["/", ":", "@"])
    }

    private static func isAuthority(_ authority: ArraySlice<Unicode.Scalar>, _ checker: Checker) -> Bool {
        var host = authority
        if let at = authority.firstIndex(of: "@") {
            guard checker.all(authority[..<at], extra: [":"]) else { return false }
            host = authority[(at + 1)...]
        }
        if host.first == "[" {
            guard let close = host.firstIndex(of: "]") else { return false }
            let literal = String(String.UnicodeScalarView(host[(host.startIndex + 1)..<close]))
            let after = host[(close + 1)...]
            guard after.isEmpty || (after.first == ":" && after.dropFirst().allSatisfy(\.isASCIIDigit)) else { return false }
            if literal.hasPrefix("v") || literal.hasPrefix("V") { return isIPvFuture(literal) }
            return IPAddressFormats.isIPv6(literal)
        }
        if let colon = host.lastIndex(of: ":") {
            guard host[(colon + 1)...].allSatisfy(\.isASCIIDigit) else { return false }
            host = host[..<colon]
        }
        return checker.all(host, extra: [])
    }

    private static func isIPvFuture(_ literal: String) -> Bool {
        let scalars = Array(literal.unicodeScalars.dropFirst())
        guard let dot = scalars.firstIndex(of: "."), dot > 0, dot < scalars.count - 1,
              scalars[..<dot].allSatisfy(\.isASCIIHexDigit) else { return false }
        return scalars[(dot + 1)...].allSatisfy {
            $0.isASCIILetter || $0.isASCIIDigit || unreservedPunctuation.contains($0) || subDelimiters.contains($0) || $0 == ":"
        }
    }

    /// Checks runs of characters against unreserved / pct-encoded / sub-delims plus extras.
    private struct Checker {
        var international: Bool

        func all(_ scalars: ArraySlice<Unicode.Scalar>, extra: Set<Unicode.Scalar>, privateUse: Bool = false) -> Bool {
            var index = scalars.startIndex
            while index < scalars.endIndex {
                let scalar = scalars[index]
                if scalar == "%" {
                    guard index + 2 < scalars.endIndex,
                          scalars[index + 1].isASCIIHexDigit, scalars[index + 2].isASCIIHexDigit else { return false }
                    index += 3
                    continue
                }
                let allowed = scalar.isASCIILetter || scalar.isASCIIDigit || unreservedPunctuation.contains(scalar)
                    || subDelimiters.contains(scalar) || extra.contains(scalar)
                    || (international && URIFormats.isUCSChar(scalar, privateUse: privateUse))
                guard allowed else { return false }
                index += 1
            }
            return true
        }
    }

    /// RFC 3987 `ucschar` (and `iprivate` where allowed).
    static func isUCSChar(_ scalar: Unicode.Scalar, privateUse: Bool) -> Bool {
        let v = scalar.value
        switch v {
        case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF:
            return true
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD:
            return privateUse
        case 0x10000...0xEFFFD:
            return v & 0xFFFF < 0xFFFE
        default:
            return false
        }
    }

    // MARK: uri-template

    static func isTemplate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        let forbidden: Set<Unicode.Scalar> = [" ", "\"", "<", ">", "\\", "^", "`", "|", "}"]
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{" {
                guard let close = scalars[index...].firstIndex(of: "}"),
                      isExpression(scalars[(index + 1)..<close]) else { return false }
                index = close + 1
                continue
            }
            if scalar == "%" {
                guard index + 2 < scalars.count, scalars[index + 1].isASCIIHexDigit,
                      scalars[index + 2].isASCIIHexDigit else { return false }
                index += 3
                continue
            }
            if scalar.value < 0x20 || scalar.value == 0x7F || forbidden.contains(scalar) { return false }
            index += 1
        }
        return true
    }

    private static func isExpression(_ body: ArraySlice<Unicode.Scalar>) -> Bool {
        var body = body
        if let first = body.first, "+#./;?&".unicodeScalars.contains(first) { body = body.dropFirst() }
        guard !body.isEmpty else { return false }
        return body.split(separator: ",", omittingEmptySubsequences: false).allSatisfy(isVarspec)
    }

    private static func isVarspec(_ spec: ArraySlice<Unicode.Scalar>) -> Bool {
        var name = spec
        if spec.last == "*" {
            name = spec.dropLast()
        } else if let colon = spec.firstIndex(of: ":") {
            let digits = spec[(colon + 1)...]
            guard (1...4).contains(digits.count), digits.first != "0", digits.allSatisfy(\.isASCIIDigit) else { return false }
            name = spec[..<colon]
        }
        guard !name.isEmpty else { return false }
        for part in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty else { return false }
            var index = part.startIndex
            while index < part.endIndex {
                let scalar = part[index]
                if scalar == "%" {
                    guard index + 2 < part.endIndex, part[index + 1].isASCIIHexDigit, part[index + 2].isASCIIHexDigit else {
                        return false
                    }
                    index += 3
                    continue
                }
                guard scalar.isASCIILetter || scalar.isASCIIDigit || scalar == "_" else { return false }
                index += 1
            }
        }
        return true
    }
}

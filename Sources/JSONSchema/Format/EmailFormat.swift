/// RFC 5321 `Mailbox` (`email`) and its RFC 6531 extension (`idn-email`).
enum EmailFormat {
    static func isEmail(_ text: String, international: Bool) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let at = scalars.lastIndex(of: "@") else { return false }
        let local = Array(scalars[..<at]), domain = Array(scalars[(at + 1)...])
        guard !local.isEmpty, !domain.isEmpty, isLocalPart(local, international: international) else { return false }
        let localText = String(String.UnicodeScalarView(local))
        guard localText.utf8.count <= 64 else { return false }
        let domainText = String(String.UnicodeScalarView(domain))
        if domain.first == "[" {
            guard domain.last == "]" else { return false }
            let literal = String(domainText.dropFirst().dropLast())
            if literal.hasPrefix("IPv6:") { return IPAddressFormats.isIPv6(String(literal.dropFirst(5))) }
            return IPAddressFormats.isIPv4(literal)
        }
        return international ? HostnameFormat.isIDNHostname(domainText) : HostnameFormat.isHostname(domainText)
    }

    private static func isLocalPart(_ local: [Unicode.Scalar], international: Bool) -> Bool {
        if local.first == "\"" {
            guard local.count >= 2, local.last == "\"" else { return false }
            var index = 1
            while index < local.count - 1 {
                let scalar = local[index]
                if scalar == "\\" {
                    index += 1
                    guard index < local.count - 1, (0x20...0x7E).contains(local[index].value) else { return false }
                } else if scalar == "\"" {
                    return false
                } else if !((0x20...0x7E).contains(scalar.value) || (international && !scalar.isASCII)) {
                    return false
                }
                index += 1
            }
            return true
        }
        let atoms = local.split(separator: ".", omittingEmptySubsequences: false)
        return atoms.allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { isAtext($0) || (international && !$0.isASCII) }
        }
    }

    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCIILetter || scalar.isASCIIDigit || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }
}

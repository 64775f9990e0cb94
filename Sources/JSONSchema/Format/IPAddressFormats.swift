/// RFC 2673 dotted-quad `ipv4` and RFC 4291 `ipv6` text forms.
enum IPAddressFormats {
    static func isIPv4(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard part.count <= 3, let value = ASCII.number(part), value <= 255 else { return false }
            return part.count == 1 || part.first != UInt8(ascii: "0")
        }
    }

    static func isIPv6(_ text: String) -> Bool {
        var address = Substring(text)
        var embeddedGroups = 0
        if let lastColon = address.lastIndex(of: ":"), address[address.index(after: lastColon)...].contains(".") {
            guard isIPv4(String(address[address.index(after: lastColon)...])) else { return false }
            address = address[...lastColon] + "0"
            embeddedGroups = 1
        }
        guard !address.contains(":::") else { return false }
        let isGroup = { (group: Substring) in
            (1...4).contains(group.utf8.count) && group.utf8.allSatisfy(ASCII.isHexDigit)
        }
        func groups(_ part: Substring) -> [Substring]? {
            if part.isEmpty { return [] }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            return pieces.allSatisfy(isGroup) ? pieces : nil
        }
        if let range = address.firstRange(of: "::") {
            guard !address[range.upperBound...].contains("::"),
                  let head = groups(address[..<range.lowerBound]), let tail = groups(address[range.upperBound...]) else {
                return false
            }
            return head.count + tail.count + embeddedGroups <= 7
        }
        guard let all = groups(address) else { return false }
        return all.count + embeddedGroups == 8
    }
}

import DocumentTree

/// Checks of the `format` values draft 2020-12 defines. Non-strings always
/// pass, as do unknown format names.
enum FormatChecker {
    static func isValid(_ node: Node, format: String) -> Bool {
        guard case .string(let text) = node.value else { return true }
        return isValid(text, format: format)
    }

    static func isValid(_ text: String, format: String) -> Bool {
        switch format {
        case "date-time": return DateTimeFormats.isDateTime(text)
        case "date": return DateTimeFormats.isDate(text)
        case "time": return DateTimeFormats.isTime(text)
        case "duration": return DateTimeFormats.isDuration(text)
        case "email": return EmailFormat.isEmail(text, international: false)
        case "idn-email": return EmailFormat.isEmail(text, international: true)
        case "hostname": return HostnameFormat.isHostname(text)
        case "idn-hostname": return HostnameFormat.isIDNHostname(text)
        case "ipv4": return IPAddressFormats.isIPv4(text)
        case "ipv6": return IPAddressFormats.isIPv6(text)
        case "uri": return URIFormats.isValid(text, allowRelative: false, international: false)
        case "uri-reference": return URIFormats.isValid(text, allowRelative: true, international: false)
        case "iri": return URIFormats.isValid(text, allowRelative: false, international: true)
        case "iri-reference": return URIFormats.isValid(text, allowRelative: true, international: true)
        case "uri-template": return URIFormats.isTemplate(text)
        case "uuid": return MiscellaneousFormats.isUUID(text)
        case "json-pointer": return JSONPointer.tokens(text) != nil
        case "relative-json-pointer": return MiscellaneousFormats.isRelativeJSONPointer(text)
        case "regex": return (try? ECMARegex(text)) != nil
        default: return true
        }
    }
}

/// ASCII helpers over UTF-8 bytes.
enum ASCII {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
    static func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }

    /// The decimal value of `bytes` when they are all ASCII digits.
    static func number(_ bytes: some Collection<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9, bytes.allSatisfy(isDigit) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}

/// An approximation of IDNA2008 (RFC 5891–5893) label validity, built on the
/// Unicode properties the standard library exposes. It applies the hyphen
/// rules, the leading-mark rule, the exceptions of RFC 5892 §2.6, the
/// CONTEXTJ/CONTEXTO rules of Appendix A and the Bidi rule; the full derived
/// property table is approximated by general category (letters, marks and
/// decimal digits are allowed; upper-case, punctuation, symbols, spaces,
/// controls and unassigned code points are not). Script and joining-type
/// tests use block ranges.
enum IDNA {
    static func isValidULabel(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first, let last = label.last, first != "-", last != "-" else { return false }
        if label.count >= 4, label[2] == "-", label[3] == "-" { return false }
        if isMark(first) { return false }
        for (index, scalar) in label.enumerated() {
            guard isAllowed(scalar, at: index, in: label) else { return false }
        }
        return true
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    private static let pvalidExceptions: Set<UInt32> = [0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007]
    private static let disallowedExceptions: Set<UInt32> = [
        0x0640, 0x07FA, 0x302E, 0x302F, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303B,
    ]

    private static func isAllowed(_ scalar: Unicode.Scalar, at index: Int, in label: [Unicode.Scalar]) -> Bool {
        let value = scalar.value
        if scalar.isASCII {
            return scalar.isASCIILetter || scalar.isASCIIDigit || scalar == "-"
        }
        if pvalidExceptions.contains(value) { return true }
        if disallowedExceptions.contains(value) { return false }
        let before = index > 0 ? label[index - 1] : nil
        let after = index + 1 < label.count ? label[index + 1] : nil
        switch value {
        case 0x00B7:  // MIDDLE DOT: between two 'l's
            return before == "l" && after == "l"
        case 0x0375:  // GREEK KERAIA: followed by Greek
            return after.map(isGreek) ?? false
        case 0x05F3, 0x05F4:  // HEBREW GERESH, GERSHAYIM: preceded by Hebrew
            return before.map(isHebrew) ?? false
        case 0x30FB:  // KATAKANA MIDDLE DOT: some Hiragana, Katakana or Han in the label
            return label.contains { $0 != "\u{30FB}" && isJapanese($0) }
        case 0x0660...0x0669:
            return !label.contains { (0x06F0...0x06F9).contains($0.value) }
        case 0x06F0...0x06F9:
            return !label.contains { (0x0660...0x0669).contains($0.value) }
        case 0x200D:  // ZERO WIDTH JOINER: after a virama
            return before.map(isVirama) ?? false
        case 0x200C:  // ZERO WIDTH NON-JOINER: after a virama, or between joining letters
            if before.map(isVirama) ?? false { return true }
            let left = label[..<index].last { !isMark($0) }
            let right = label[(index + 1)...].first { !isMark($0) }
            return left.map(isJoiningLetter) ?? false && right.map(isJoiningLetter) ?? false
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .lowercaseLetter, .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark, .decimalNumber:
            return scalar.properties.changesWhenNFKCCaseFolded == false
        default:
            return false
        }
    }

    private static func isVirama(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.canonicalCombiningClass == .virama
    }

    private static func isGreek(_ scalar: Unicode.Scalar) -> Bool {
        (0x0370...0x03FF).contains(scalar.value) || (0x1F00...0x1FFF).contains(scalar.value)
    }

    private static func isHebrew(_ scalar: Unicode.Scalar) -> Bool {
        (0x0590...0x05FF).contains(scalar.value) || (0xFB1D...0xFB4F).contains(scalar.value)
    }

    private static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F, 0x3005, 0x3007:
            return true
        default:
            return false
        }
    }

    /// Arabic-script letters (dual- or right-joining in practice).
    private static func isJoiningLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0620...0x064A, 0x066E...0x06D3, 0x06FA...0x06FF, 0x0710...0x074F, 0x0750...0x077F, 0x08A0...0x08C9:
            return scalar.properties.generalCategory == .otherLetter
        default:
            return false
        }
    }

    // MARK: Bidi rule (RFC 5893)

    private enum BidiClass { case l, r, al, an, en, nsm, other }

    private static func bidiClass(_ scalar: Unicode.Scalar) -> BidiClass {
        let value = scalar.value
        if isMark(scalar) && !scalar.isASCII { return .nsm }
        switch value {
        case 0x30...0x39, 0x06F0...0x06F9: return .en
        case 0x0660...0x0669, 0x066B, 0x066C: return .an
        case 0x0590...0x05FF, 0x07C0...0x085F, 0xFB1D...0xFB4F: return .r
        case 0x0600...0x07BF, 0x0860...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return .al
        default:
            let category = scalar.properties.generalCategory
            switch category {
            case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter, .spacingMark:
                return .l
            default:
                return .other
            }
        }
    }

    /// RFC 5893: in a domain with a right-to-left label, every label must satisfy the Bidi rule.
    static func satisfiesBidi(_ labels: [[Unicode.Scalar]]) -> Bool {
        let classes = labels.map { $0.map(bidiClass) }
        let isBidiDomain = classes.contains { $0.contains { $0 == .r || $0 == .al || $0 == .an } }
        guard isBidiDomain else { return true }
        for label in classes where !label.isEmpty {
            let trimmed = label.reversed().drop { $0 == .nsm }
            guard let first = label.first, let last = trimmed.first else { return false }
            switch first {
            case .r, .al:
                guard label.allSatisfy({ $0 != .l }), [.r, .al, .en, .an].contains(last) else { return false }
                if label.contains(.en) && label.contains(.an) { return false }
            case .l:
                guard label.allSatisfy({ $0 != .r && $0 != .al && $0 != .an }), [.l, .en].contains(last) else {
                    return false
                }
            default:
                return false
            }
        }
        return true
    }
}

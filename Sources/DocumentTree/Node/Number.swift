/// A number exactly as written: an arbitrary-precision decimal.
///
/// JSON Schema compares numbers mathematically — `1.0` is the integer `1`,
/// `0.1 + 0.2` questions never arise because nothing is converted to binary
/// floating point until someone asks for ``doubleValue``. Finite values are
/// kept as sign × digits × 10^exponent in a normal form (no leading or
/// trailing zeros in `digits`), so `==` and `hash` are mathematical too.
/// YAML's `.inf` and `.nan` are kept as non-finite values.
public struct Number: Sendable, Hashable, Comparable, CustomStringConvertible {
    enum Storage: Sendable, Hashable {
        /// value = (negative ? -1 : 1) × digits × 10^exponent; zero has empty digits and is never negative.
        case finite(negative: Bool, digits: [UInt8], exponent: Int)
        case infinity(negative: Bool)
        case nan
    }

    let storage: Storage

    /// The number as it was written in the source (`1.10`, `0x1F`), when it came from text.
    /// Not part of equality: `1.10 == 1.1`.
    public private(set) var literal: String?

    init(storage: Storage) { self.storage = storage }

    public static func == (lhs: Number, rhs: Number) -> Bool { lhs.storage == rhs.storage }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }

    /// This number, remembering `text` as its source spelling.
    public func withLiteral(_ text: String) -> Number {
        var copy = self
        copy.literal = text
        return copy
    }

    /// How the number was written, or its canonical text.
    public var sourceText: String { literal ?? description }

    /// Normalises a decimal: strips leading and trailing zeros of `digits` (values 0...9).
    init(negative: Bool, digits: [UInt8], exponent: Int) {
        var start = 0
        while start < digits.count && digits[start] == 0 { start += 1 }
        var end = digits.count
        var exp = exponent
        while end > start && digits[end - 1] == 0 {
            end -= 1
            exp = exp.addingReportingOverflow(1).overflow ? Int.max : exp + 1
        }
        if start == end {
            storage = .finite(negative: false, digits: [], exponent: 0)
        } else {
            // Clamped after normalising, so that writing the number and reading it back
            // gives the same exponent: far beyond any double either way.
            let bound = Self.exponentBound
            storage = .finite(negative: negative, digits: Array(digits[start..<end]), exponent: min(max(exp, -bound), bound))
        }
    }

    /// The largest exponent magnitude kept (a number beyond it is far outside any double).
    static let exponentBound = 1_000_000_000

    /// Parses a JSON-style literal: `-?digits(.digits)?([eE][+-]?digits)?`.
    /// Leading zeros and a leading `+` are accepted (YAML allows them); anything else returns `nil`.
    public init?(literal: some StringProtocol) {
        var bytes = Array(literal.utf8)[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var exponent = 0
        var sawDigit = false
        while let b = bytes.first, b >= 48 && b <= 57 {
            digits.append(b - 48)
            sawDigit = true
            bytes = bytes.dropFirst()
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            while let b = bytes.first, b >= 48 && b <= 57 {
                digits.append(b - 48)
                exponent -= 1
                sawDigit = true
                bytes = bytes.dropFirst()
            }
        }
        guard sawDigit else { return nil }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var expNegative = false
            if let s = bytes.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") {
                expNegative = s == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            var value = 0
            var sawExpDigit = false
            while let b = bytes.first, b >= 48 && b <= 57 {
                sawExpDigit = true
                // Saturate far above the bound the normal form clamps to (the digits before
                // the exponent shift it by at most their count), so the clamp decides.
                if value < 1_000_000_000_000_000 { value = value * 10 + Int(b - 48) }
                bytes = bytes.dropFirst()
            }
            guard sawExpDigit else { return nil }
            exponent += expNegative ? -value : value
        }
        guard bytes.isEmpty else { return nil }
        self.init(negative: negative, digits: digits, exponent: exponent)
        self.literal = String(literal)
    }

    public init(_ value: Int) {
        // Int's description is always a valid literal.
        self = Number(literal: String(value)) ?? Number(storage: .nan)
        literal = nil
    }

    public init(_ value: Double) {
        if value.isNaN {
            storage = .nan
        } else if value.isInfinite {
            storage = .infinity(negative: value < 0)
        } else if let parsed = Number(literal: "\(value)") {
            self = parsed
            literal = nil
        } else {
            storage = .nan
        }
    }

    public static let nan = Number(storage: .nan)
    public static func infinity(negative: Bool) -> Number { Number(storage: .infinity(negative: negative)) }

    public var isFinite: Bool {
        if case .finite = storage { return true }
        return false
    }

    public var isNaN: Bool { storage == .nan }

    /// True for finite values with no fractional part (`1`, `1.0`, `1e3`).
    public var isInteger: Bool {
        if case .finite(_, _, let exponent) = storage { return exponent >= 0 }
        return false
    }

    public var isZero: Bool {
        if case .finite(_, let digits, _) = storage { return digits.isEmpty }
        return false
    }

    public var isNegative: Bool {
        switch storage {
        case .finite(let negative, _, _): negative
        case .infinity(let negative): negative
        case .nan: false
        }
    }

    /// The sign, digits and exponent of a finite value (`nil` for infinities and NaN).
    public var decimalParts: (negative: Bool, digits: [UInt8], exponent: Int)? {
        if case .finite(let n, let d, let e) = storage { return (n, d, e) }
        return nil
    }

    /// The value as an `Int`, when it is an integer that fits.
    public var intValue: Int? {
        guard case .finite(let negative, let digits, let exponent) = storage, exponent >= 0 else { return nil }
        guard digits.count + exponent <= 19 else { return nil }
        var value = 0
        for d in digits {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(d))
            if o1 || o2 { return nil }
            value = a
        }
        for _ in 0..<exponent {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            if o { return nil }
            value = m
        }
        return negative ? -value : value
    }

    /// The nearest `Double`.
    public var doubleValue: Double {
        switch storage {
        case .nan: return .nan
        case .infinity(let negative): return negative ? -.infinity : .infinity
        case .finite:
            return Double(description) ?? .nan
        }
    }

    /// Canonical text: integers without a fraction (`100`), others in plain or
    /// exponent form (`0.5`, `1.5e-30`). Non-finite values print as `.inf`, `-.inf`, `.nan`.
    public var description: String {
        switch storage {
        case .nan: return ".nan"
        case .infinity(let negative): return negative ? "-.inf" : ".inf"
        case .finite(let negative, let digits, let exponent):
            if digits.isEmpty { return "0" }
            let sign = negative ? "-" : ""
            let text = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
            let adjusted = digits.count + exponent  // position of the decimal point from the left
            if exponent >= 0 && adjusted <= 21 {
                return sign + text + String(repeating: "0", count: exponent)
            }
            if exponent < 0 && adjusted > 0 {
                let cut = text.index(text.startIndex, offsetBy: adjusted)
                return sign + text[..<cut] + "." + text[cut...]
            }
            if exponent < 0 && adjusted > -6 {
                return sign + "0." + String(repeating: "0", count: -adjusted) + text
            }
            let mantissa = digits.count == 1 ? text : String(text.prefix(1)) + "." + text.dropFirst()
            return sign + mantissa + "e" + String(adjusted - 1)
        }
    }

    public static func < (lhs: Number, rhs: Number) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.nan, _), (_, .nan): return false
        case (.infinity(let a), .infinity(let b)): return a && !b
        case (.infinity(let a), _): return a
        case (_, .infinity(let b)): return !b
        case (.finite(let an, let ad, let ae), .finite(let bn, let bd, let be)):
            let aZero = ad.isEmpty, bZero = bd.isEmpty
            if aZero && bZero { return false }
            if aZero { return !bn }
            if bZero { return an }
            if an != bn { return an }
            let magnitudeLess = Number.magnitudeLess(ad, ae, bd, be)
            let magnitudeEqual = ad == bd && ae == be
            if magnitudeEqual { return false }
            return an ? !magnitudeLess : magnitudeLess
        }
    }

    /// |a| < |b| for normalised non-zero decimals.
    private static func magnitudeLess(_ ad: [UInt8], _ ae: Int, _ bd: [UInt8], _ be: Int) -> Bool {
        let aTop = ad.count + ae, bTop = bd.count + be
        if aTop != bTop { return aTop < bTop }
        // Same order of magnitude: compare digit strings left-aligned.
        for i in 0..<max(ad.count, bd.count) {
            let x = i < ad.count ? ad[i] : 0
            let y = i < bd.count ? bd[i] : 0
            if x != y { return x < y }
        }
        return false
    }
}

import DocumentTree

/// Exact decimal arithmetic for `multipleOf`, on ``Number``'s digits and exponent.
enum DecimalArithmetic {
    /// Beyond this many digits a dividend is not expanded (the check reports "not a multiple").
    static let digitLimit = 100_000

    /// True when `value` is an integer multiple of `divisor` (`divisor` > 0), computed exactly.
    static func isMultiple(_ value: Number, of divisor: Number) -> Bool {
        guard let a = value.decimalParts, let b = divisor.decimalParts, !b.digits.isEmpty else {
            return false
        }
        if a.digits.isEmpty { return true }
        // a = A·10^e, b = B·10^e with e the smaller exponent; a is a multiple of b iff B divides A.
        let e = min(a.exponent, b.exponent)
        let aShift = a.exponent - e, bShift = b.exponent - e
        if let small = smallInteger(b.digits, shift: bShift) {
            var remainder: UInt64 = 0
            for digit in a.digits { remainder = mulMod(remainder, 10, small) &+ UInt64(digit) }
            remainder %= small
            return mulMod(remainder, powMod(10, aShift, small), small) == 0
        }
        guard a.digits.count + aShift <= digitLimit, b.digits.count + bShift <= digitLimit else { return false }
        let dividend = a.digits + [UInt8](repeating: 0, count: aShift)
        let modulus = b.digits + [UInt8](repeating: 0, count: bShift)
        return remainder(dividend, modulus).isEmpty
    }

    /// digits·10^shift as a `UInt64` when it fits below 2^63.
    private static func smallInteger(_ digits: [UInt8], shift: Int) -> UInt64? {
        guard digits.count + shift <= 18 else { return nil }
        var value: UInt64 = 0
        for digit in digits { value = value * 10 + UInt64(digit) }
        for _ in 0..<shift { value *= 10 }
        return value
    }

    private static func mulMod(_ x: UInt64, _ y: UInt64, _ m: UInt64) -> UInt64 {
        let product = x.multipliedFullWidth(by: y)
        return m.dividingFullWidth((product.high % m, product.low)).remainder
    }

    private static func powMod(_ base: UInt64, _ exponent: Int, _ m: UInt64) -> UInt64 {
        var result: UInt64 = 1 % m, square = base % m, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = mulMod(result, square, m) }
            square = mulMod(square, square, m)
            e >>= 1
        }
        return result
    }

    /// dividend mod modulus on big-endian decimal digit arrays; the result has no leading zeros.
    private static func remainder(_ dividend: [UInt8], _ modulus: [UInt8]) -> [UInt8] {
        var r: [UInt8] = []
        for digit in dividend {
            if !(r.isEmpty && digit == 0) { r.append(digit) }
            while !less(r, modulus) { r = subtract(r, modulus) }
        }
        return r
    }

    private static func less(_ x: [UInt8], _ y: [UInt8]) -> Bool {
        if x.count != y.count { return x.count < y.count }
        for (p, q) in zip(x, y) where p != q { return p < q }
        return false
    }

    /// x − y for x ≥ y, without leading zeros.
    private static func subtract(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        var result = x
        var borrow: Int = 0
        var i = x.count - 1, j = y.count - 1
        while i >= 0 {
            var d = Int(result[i]) - borrow - (j >= 0 ? Int(y[j]) : 0)
            borrow = 0
            if d < 0 {
                d += 10
                borrow = 1
            }
            result[i] = UInt8(d)
            i -= 1
            j -= 1
        }
        let firstNonZero = result.firstIndex { $0 != 0 } ?? result.count
        return Array(result[firstNonZero...])
    }
}

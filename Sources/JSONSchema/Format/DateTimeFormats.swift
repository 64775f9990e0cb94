/// RFC 3339 `date-time`, `full-date`, `full-time` and Appendix A `duration`.
enum DateTimeFormats {
    static func isDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count > 11, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return false }
        return isDate(bytes[0..<10]) && isTime(bytes[11...])
    }

    static func isDate(_ text: String) -> Bool { isDate(Array(text.utf8)[...]) }

    static func isTime(_ text: String) -> Bool { isTime(Array(text.utf8)[...]) }

    private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let b = Array(bytes)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = ASCII.number(b[0..<4]), let month = ASCII.number(b[5..<7]), let day = ASCII.number(b[8..<10]),
              (1...12).contains(month) else { return false }
        return day >= 1 && day <= daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func isTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        let b = Array(bytes)
        guard b.count >= 9, b[2] == UInt8(ascii: ":"), b[5] == UInt8(ascii: ":"),
              let hour = ASCII.number(b[0..<2]), let minute = ASCII.number(b[3..<5]),
              let second = ASCII.number(b[6..<8]), hour <= 23, minute <= 59, second <= 60 else { return false }
        var index = 8
        if b[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < b.count, ASCII.isDigit(b[index]) { index += 1 }
            guard index > start else { return false }
        }
        guard index < b.count else { return false }
        var offsetMinutes = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == b.count else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let rest = Array(b[(index + 1)...])
            guard rest.count == 5, rest[2] == UInt8(ascii: ":"), let oh = ASCII.number(rest[0..<2]),
                  let om = ASCII.number(rest[3..<5]), oh <= 23, om <= 59 else { return false }
            offsetMinutes = (oh * 60 + om) * (b[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        if second == 60 {
            // A leap second happens at 23:59:60 UTC only.
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    /// `P` followed by date and/or time elements in order, or weeks alone.
    static func isDuration(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "P"), bytes.count > 1 else { return false }
        var datePart = Array(bytes.dropFirst())[...]
        var timePart: ArraySlice<UInt8>?
        if let t = datePart.firstIndex(of: UInt8(ascii: "T")) {
            timePart = datePart[(t + 1)...]
            datePart = datePart[..<t]
        }
        guard let dateUnits = units(datePart) else { return false }
        if dateUnits == "W" { return timePart == nil }
        guard ["", "Y", "YM", "YMD", "M", "MD", "D"].contains(dateUnits) else { return false }
        guard let timePart else { return !dateUnits.isEmpty }
        guard let timeUnits = units(timePart) else { return false }
        return ["H", "HM", "HMS", "M", "MS", "S"].contains(timeUnits)
    }

    /// The unit letters of `digits unit` elements, or `nil` when malformed.
    private static func units(_ bytes: ArraySlice<UInt8>) -> String? {
        var result = ""
        var sawDigit = false
        for byte in bytes {
            if ASCII.isDigit(byte) {
                sawDigit = true
            } else if ASCII.isLetter(byte), sawDigit {
                result.unicodeScalars.append(Unicode.Scalar(byte))
                sawDigit = false
            } else {
                return nil
            }
        }
        return sawDigit ? nil : result
    }
}

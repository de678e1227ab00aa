/// Turning the time stamps of exports into ISO-8601 UTC text (`2024-11-27T22:14:38Z`).
enum Timestamps {
    /// Epoch milliseconds (HubSpot `submittedAt`) as ISO-8601 UTC; milliseconds kept only when non-zero.
    static func iso(epochMilliseconds ms: Int) -> String? {
        // Plausible range: 1990 … 2200; anything else is not a time stamp.
        guard ms >= 631_152_000_000, ms < 7_258_118_400_000 else { return nil }
        let seconds = ms / 1000
        let millis = ms % 1000
        var s = iso(seconds: seconds)
        if millis != 0 {
            s.removeLast()
            s += "." + pad(millis, 3) + "Z"
        }
        return s
    }

    /// Epoch seconds as ISO-8601 UTC.
    static func iso(seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        guard (0...9999).contains(y) else { return "\(y)-01-01T00:00:00Z" }
        return String(unsafeUninitializedCapacity: 20) { out in
            func put(_ v: Int, _ width: Int, at i: Int) {
                var v = v
                for k in stride(from: i + width - 1, through: i, by: -1) {
                    out[k] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
            }
            put(y, 4, at: 0)
            out[4] = UInt8(ascii: "-")
            put(m, 2, at: 5)
            out[7] = UInt8(ascii: "-")
            put(d, 2, at: 8)
            out[10] = UInt8(ascii: "T")
            put(rest / 3600, 2, at: 11)
            out[13] = UInt8(ascii: ":")
            put(rest % 3600 / 60, 2, at: 14)
            out[16] = UInt8(ascii: ":")
            put(rest % 60, 2, at: 17)
            out[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// A date/time as found in an export (`2024-01-20 10:09:30`, `8-1-2024 18:26`, `20.01.2024`,
    /// `2024-01-20T10:09:30Z`, `1705745370`) as ISO-8601 UTC, or `nil` when it is not recognisable.
    ///
    /// Day-first is assumed for `d-m-y`, `d.m.y` and `d/m/y` (European exports) unless the first
    /// number cannot be a day-of-month pair (`12/25/2024` → month first). Times without a zone are
    /// taken as UTC (what ESPs export); an explicit `Z` or `±hh:mm` offset is applied.
    static func iso(exportText text: String) -> String? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { bytes.removeLast() }
        if let firstNonSpace = bytes.firstIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) {
            bytes.removeFirst(firstNonSpace)
        } else {
            return nil
        }
        let t = String(decoding: bytes, as: UTF8.self)
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let n = Int(t) else { return nil }
            if bytes.count == 13 { return iso(epochMilliseconds: n) }
            if bytes.count == 10 { return iso(epochMilliseconds: n * 1000) }
            return nil
        }
        // Split into number groups and the separators between them.
        var numbers: [Int] = []
        var digitsCount: [Int] = []
        var seps: [UInt8] = []
        var i = 0
        var zoneOffset = 0
        var pm: Bool?
        while i < bytes.count {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                var v = 0
                var n = 0
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                    v = v * 10 + Int(bytes[i] - 0x30)
                    n += 1
                    i += 1
                    if n > 9 { return nil }
                }
                numbers.append(v)
                digitsCount.append(n)
                continue
            }
            if (c == UInt8(ascii: "Z") || c == UInt8(ascii: "z")) && numbers.count >= 5 {
                i += 1
                continue
            }
            if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && numbers.count >= 5 {
                // Zone offset ±hh[:mm] after the time.
                let sign = c == UInt8(ascii: "-") ? -1 : 1
                var j = i + 1
                var digits: [Int] = []
                while j < bytes.count, digits.count < 4 {
                    let d = bytes[j]
                    if d >= 0x30 && d <= 0x39 { digits.append(Int(d - 0x30)) } else if d != UInt8(ascii: ":") { break }
                    j += 1
                }
                guard digits.count == 4 || digits.count == 2 else { return nil }
                let hh = digits[0] * 10 + digits[1]
                let mm = digits.count == 4 ? digits[2] * 10 + digits[3] : 0
                zoneOffset = sign * (hh * 3600 + mm * 60)
                i = j
                continue
            }
            if c == UInt8(ascii: "A") || c == UInt8(ascii: "a") || c == UInt8(ascii: "P") || c == UInt8(ascii: "p") {
                if i + 1 < bytes.count, bytes[i + 1] | 0x20 == UInt8(ascii: "m") {
                    pm = c | 0x20 == UInt8(ascii: "p")
                    i += 2
                    continue
                }
                return nil
            }
            if numbers.count < 3 { seps.append(c) }
            i += 1
        }
        guard numbers.count >= 3 else { return nil }
        var year: Int, month: Int, day: Int
        if digitsCount[0] == 4 {
            (year, month, day) = (numbers[0], numbers[1], numbers[2])
        } else if digitsCount[2] == 4 || digitsCount[2] == 2 {
            year = digitsCount[2] == 2 ? 2000 + numbers[2] : numbers[2]
            let dayFirst = !(numbers[0] <= 12 && numbers[1] > 12 && seps.first == UInt8(ascii: "/"))
            (day, month) = dayFirst ? (numbers[0], numbers[1]) : (numbers[1], numbers[0])
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), (1900...2200).contains(year) else {
            return nil
        }
        var hour = numbers.count > 3 ? numbers[3] : 0
        let minute = numbers.count > 4 ? numbers[4] : 0
        let second = numbers.count > 5 ? numbers[5] : 0
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        guard hour < 24, minute < 60, second < 61 else { return nil }
        let epoch = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - zoneOffset
        return iso(seconds: epoch)
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

extension String {
    /// The text without leading/trailing ASCII whitespace (space, tab, CR, LF).
    func trimmingASCIIWhitespace() -> String {
        let u = Array(utf8)
        var a = 0, b = u.count
        func ws(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        while a < b, ws(u[a]) { a += 1 }
        while b > a, ws(u[b - 1]) { b -= 1 }
        if a == 0 && b == u.count { return self }
        return String(decoding: u[a..<b], as: UTF8.self)
    }
}

/// A calendar date (proleptic Gregorian, no time zone) with the arithmetic timeline rules need.
///
/// Deliberately free of `Calendar` and the clock: deadlines resolve against a record's own timestamp,
/// so the same input always gives the same dates.
struct CivilDate: Sendable, Equatable, Comparable {
    var year: Int
    var month: Int
    var day: Int

    static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    /// Days in `month` of `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01.
    init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// The date of an ISO-8601 timestamp (`2024-03-12T10:04:00Z`, `2024-03-12`) or of epoch
    /// seconds/milliseconds given as digits; `nil` when unparseable.
    init?(timestamp: String) {
        let t = timestamp.trimmingCharactersASCIIWhitespace()
        let bytes = Array(t.utf8)
        if bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
           let y = Int(String(decoding: bytes[0..<4], as: UTF8.self)),
           let m = Int(String(decoding: bytes[5..<7], as: UTF8.self)),
           let d = Int(String(decoding: bytes[8..<10], as: UTF8.self)),
           (1...12).contains(m), (1...CivilDate.daysIn(month: m, year: y)).contains(d) {
            self.init(year: y, month: m, day: d)
            return
        }
        if !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(t) {
            let seconds = n >= 100_000_000_000 ? n / 1000 : n
            self.init(dayNumber: seconds / 86_400)
            return
        }
        return nil
    }

    /// `yyyy-mm-dd`.
    var iso: String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// The same day `months` later, clamped to the end of a shorter month.
    func adding(months: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        return CivilDate(year: y, month: m, day: min(day, CivilDate.daysIn(month: m, year: y)))
    }

    /// The last day of `month` of `year` (months outside 1...12 roll into neighbouring years).
    static func endOfMonth(_ month: Int, year: Int) -> CivilDate {
        let total = year * 12 + (month - 1)
        let y = total / 12
        let m = total % 12 + 1
        return CivilDate(year: y, month: m, day: daysIn(month: m, year: y))
    }

    /// The last day of quarter `q` (1...4; 0 is the previous year's Q4) of `year`.
    static func endOfQuarter(_ q: Int, year: Int) -> CivilDate {
        endOfMonth(q * 3, year: year)
    }

    /// The quarter (1...4) this date is in.
    var quarter: Int { (month - 1) / 3 + 1 }
}

extension String {
    func trimmingCharactersASCIIWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}

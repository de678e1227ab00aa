import Foundation

/// RFC 4180 fields and rows, with spreadsheet formula injection neutralised.
///
/// OWASP "CSV Injection": a cell that begins with `=`, `+`, `-`, `@`, a tab (0x09) or a carriage
/// return (0x0D) may be run as a formula by a spreadsheet. Such a value is prefixed with a single
/// quote and the field is quoted, so the spreadsheet shows the text as typed.
public enum CSVField {
    /// Characters that make a spreadsheet read a cell as a formula when they come first.
    public static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// One field, quoted when it holds a comma, a quote, CR or LF (quotes doubled), or when it was neutralised.
    /// - Parameter phone: the value is a phone column: a strict E.164 number (`+` and 7–15 digits, as
    ///   leadsmith writes phones) keeps its `+`, which CRM importers need and which cannot start a formula
    ///   with a function call or a reference; anything else in a phone column is neutralised as usual.
    public static func encode(_ value: String, phone: Bool = false) -> String {
        var s = value
        var mustQuote = false
        if phone, isE164(s) { return s }
        if let first = s.unicodeScalars.first, formulaTriggers.contains(Character(first)) {
            s = "'" + s
            mustQuote = true
        }
        if mustQuote || s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// `+` followed by 7 to 15 ASCII digits and nothing else.
    static func isE164(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count >= 8, u.count <= 16, u[0] == UInt8(ascii: "+") else { return false }
        return u.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// One record: fields joined by commas and ended by CRLF (RFC 4180 §2).
    public static func row(_ fields: [String]) -> String {
        fields.map { encode($0) }.joined(separator: ",") + "\r\n"
    }
}

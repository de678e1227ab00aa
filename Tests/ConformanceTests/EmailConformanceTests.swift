import Foundation
import LeadCore
import Testing

/// isemail's 443 addresses (`email_isemail/cases.json`) through ``EmailParser/parse(_:)``.
///
/// leadsmith does not follow RFC 5321/5322 but a stricter, documented rule (`corpus/README.md`,
/// "E-mail"; `EmailParser`): trim whitespace (incl. line breaks, NBSP, zero-width), take a `<…>` part,
/// strip `mailto:`, lower-case, IDNA-encode the domain, then valid = one `@`, an ASCII local part of
/// `[a-z0-9!#$%&'*+/=?^_`{|}~.-]` (≤ 64, no leading/trailing/double dot), ≥ 2 domain labels of
/// `[a-z0-9-]` (≤ 63, not starting/ending with `-`), at most 254 characters in all (SMTP's limit, in
/// `EmailParser`), and a TLD that exists. ``strictRule(_:)`` is that
/// rule written once more, independently, as a regular expression: every case must be decided as it
/// says, and every case where it departs from isemail's SMTP verdict must fall in one of the
/// deliberate classes below (else the rule would be undocumented).
struct EmailConformanceTests {
    /// Why the strict rule departs from isemail on a case.
    enum Departure: String, CaseIterable {
        /// isemail accepts an RFC-only form (quoted local part, IP literal, comments, obsolete syntax).
        case rfcOnlyForm = "RFC-only form rejected"
        /// isemail accepts a one-label domain (`test@io`).
        case singleLabelDomain = "single-label domain rejected"
        /// isemail accepts (with a DNS warning) a TLD that does not exist.
        case unknownTLD = "unknown TLD rejected"
        /// isemail rejects leading/trailing white space or line breaks that leadsmith trims first.
        case trimmed = "surrounding white space trimmed, then accepted"
    }

    private static let zeroWidth: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}"]
    private static let local = try! NSRegularExpression(
        pattern: #"^(?=.{1,64}$)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$"#)
    private static let domain = try! NSRegularExpression(
        pattern: #"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$"#)

    private static func matches(_ re: NSRegularExpression, _ s: String) -> Bool {
        re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// Steps 1–4 of the documented rule: the text that is checked.
    static func prepared(_ raw: String) -> String {
        var s = String(String.UnicodeScalarView(raw.unicodeScalars.filter { !zeroWidth.contains($0) }))
        s = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if let open = s.firstIndex(of: "<"), let close = s[open...].firstIndex(of: ">") {
            s = String(s[s.index(after: open)..<close]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if s.lowercased().hasPrefix("mailto:") {
            s = String(s.dropFirst(7))
            if let q = s.firstIndex(of: "?") { s = String(s[..<q]) }
            s = s.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return s.lowercased()
    }

    /// The documented rule's verdict (steps 5–6 on the prepared text).
    static func strictRule(_ raw: String) -> Bool {
        let s = prepared(raw)
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, matches(local, String(parts[0])) else { return false }
        guard let ascii = PublicSuffix.asciiHost(String(parts[1])), matches(domain, ascii) else { return false }
        guard parts[0].count + 1 + ascii.count <= 254 else { return false }
        return PublicSuffix.isKnownTLD(String(ascii.split(separator: ".").last!))
    }

    /// Why the rule departs from isemail's SMTP verdict on this case, or `nil` when it does not explain it.
    static func departure(_ c: [String: Any], strict: Bool) -> Departure? {
        let address = c["address"] as? String ?? ""
        if strict {
            // Accepted although isemail rejects it: only surrounding white space may explain that.
            let trimmed = address.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed != address ? .trimmed : nil
        }
        if c["rfc_only"] as? Bool == true { return .rfcOnlyForm }
        let s = prepared(address)
        guard let at = s.lastIndex(of: "@") else { return nil }
        let host = s[s.index(after: at)...]
        if !host.contains(".") { return .singleLabelDomain }
        if let tld = host.split(separator: ".").last, !PublicSuffix.isKnownTLD(String(tld)) { return .unknownTLD }
        return nil
    }

    @Test(.enabled(if: Conformance.available, "needs ../shared/conformance"))
    func isemailSuiteDecidedByTheDocumentedRule() throws {
        let cases = try Conformance.cases("email_isemail/cases.json")
        var asRule = 0
        var notAsRule: [String] = []
        var agreeWithIsemail = 0
        var departures: [Departure: [String]] = [:]
        var unexplained: [String] = []
        for c in cases {
            let address = c["address"] as? String ?? ""
            let id = c["id"] as? String ?? "?"
            let shown = "\(id) \(address.debugDescription)"
            let parsed = EmailParser.parse(address).valid
            let strict = Self.strictRule(address)
            if parsed == strict { asRule += 1 } else { notAsRule.append("\(shown): parser says \(parsed ? "valid" : "invalid")") }
            let isemailValid = (c["valid_rfc5321_smtp"] as? Bool ?? false)
            if strict == isemailValid {
                agreeWithIsemail += 1
            } else if let why = Self.departure(c, strict: strict) {
                departures[why, default: []].append(shown)
            } else {
                unexplained.append("\(shown): rule says \(strict ? "valid" : "invalid"), isemail \(isemailValid ? "valid" : "invalid") (\(c["diagnosis"] as? String ?? ""))")
            }
        }
        var lines = notAsRule
        for why in Departure.allCases {
            lines.append("on purpose, \(why.rawValue): \(departures[why]?.count ?? 0)")
        }
        if ProcessInfo.processInfo.environment["LEADSMITH_CONFORMANCE_VERBOSE"] != nil {
            for why in Departure.allCases { for s in departures[why] ?? [] { lines.append("  \(why.rawValue): \(s)") } }
        }
        lines.append(contentsOf: unexplained.map { "unexplained: \($0)" })
        Conformance.report("isemail", passed: asRule, total: cases.count, floor: cases.count, differing: lines)
        FileHandle.standardOutput.write(Data("conformance isemail-verdict: \(agreeWithIsemail)/\(cases.count) agree with isemail's SMTP verdict; the rest differ on purpose\n".utf8))
        #expect(notAsRule.isEmpty, "cases not decided as the documented rule says: \(notAsRule)")
        #expect(unexplained.isEmpty, "departures from isemail that the documented rule does not explain: \(unexplained)")
    }

    @Test func theRuleItself() {
        #expect(Self.strictRule(" Jan.de.Vries@Acme.NL\r\n"))
        #expect(Self.strictRule("Jan <jan@acme.nl>"))
        #expect(Self.strictRule("mailto:jan@acme.nl?subject=hi"))
        #expect(!Self.strictRule("\"jan\"@acme.nl"))
        #expect(!Self.strictRule("jan@acme.con"))
        #expect(!Self.strictRule("jan@localhost"))
        #expect(!Self.strictRule("jan..x@acme.nl"))
        #expect(!Self.strictRule("jan@[192.168.0.1]"))
        #expect(Self.strictRule("jan@schäfer-mode.at"))
    }
}

import Foundation
@testable import LeadPipeline
import Testing

/// The byte paths of the cleaner give what its Character and Foundation code gives.
struct CleanerFastPathTests {
    static let texts: [String] = [
        "", " ", "  \t\n ", "Acme", " Acme  BV ", "Acme\r\nBV", "\r\n", "a\u{0B}b\u{0C}c", "x\u{1C}y\u{1F}z",
        "Acme\u{00A0}GmbH", "  Société  Générale ", "e\u{301} x", "\u{2003}Acme\u{3000}", "11-50", "+31 20 123 4567",
        "www.Acme.NL/contact?x=1#top", "https://user@acme.co.uk:8080/a", "HTTP://ACME.COM", "acme.com/",
        "linkedin.com/company/acme", "acme.wixsite.com/shop", "mailto:x@acme.de", "acme", "://acme.com",
        "https://", "acme .com", "ácme.es", "http://xn--schfer-mode-n8a.at", "a@b@c.de:77", "acme.com#x/y",
    ]

    @Test(arguments: texts)
    func collapseAgrees(_ text: String) {
        #expect(Cleaner.collapse(text) == Cleaner.collapseCharacters(text))
    }

    @Test(arguments: texts)
    func websiteHostAgrees(_ text: String) {
        var s = Cleaner.collapseCharacters(text).lowercased()
        guard s.utf8.allSatisfy({ $0 < 0x80 }), !s.contains(" ") else { return }
        let fast = Cleaner.asciiHost(ofURL: s)
        if let r = s.range(of: "://") { s = String(s[r.upperBound...]) }
        if let cut = s.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { s = String(s[..<cut]) }
        if let at = s.lastIndex(of: "@") { s = String(s[s.index(after: at)...]) }
        if let colon = s.firstIndex(of: ":") { s = String(s[..<colon]) }
        #expect(fast == s)
    }

    @Test(arguments: texts + ["OPTIN_TIME", "Consent.Text", "gdpr-Communications", "Rechts\u{212A}rundlage", "İd"])
    func consentKeysAgree(_ text: String) {
        #expect(ConsentReader.key(Substring(text)) == ConsentReader.keyScalars(Substring(text)))
        let k = ConsentReader.keyScalars(Substring(text))
        for word in ["consent", "gdpr", "privacy", "text"] {
            #expect(ConsentReader.key(k, contains: word) == k.contains(word))
        }
    }
}

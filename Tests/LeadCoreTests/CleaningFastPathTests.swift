import Foundation
@testable import LeadCore
import Testing

/// The byte and ASCII fast paths of the cleaners give exactly what the general (Foundation or
/// Character) code gives, for ASCII and for non-ASCII text.
struct CleaningFastPathTests {
    /// Texts with every kind of edge: ASCII, Unicode spaces, invisible characters, combining marks,
    /// CR-LF pairs, letters whose lower case is ASCII (Kelvin sign, dotted capital I), emoji.
    static let texts: [String] = [
        "", " ", "  \t\n ", "jan", " jan ", "Jan de Vries", "\tJan\r\n", "\r\n", "a\r\nb", "a \r\n b",
        "\u{00A0}cmoreau@x.com\u{00A0}", "\u{200B}jan\u{200B}", "\u{200B}", "\u{FEFF}jan", "jan\u{2028}",
        "\u{2029}x\u{85}", "\u{3000}全角\u{3000}", "\u{202F}x\u{205F}", "\u{1680}x\u{180E}", " \u{301}abc ",
        "e\u{301} ", "Zoë ", " Łukasz", "\u{212A}elvin", "İstanbul", "ÅNGSTRÖM", "x\u{1F600} ", "\u{1F600}",
        "info2", "INFO.NL", "sales_de-2", "customer-service", "Mr. O'Brien", "van der MEER", "ö.ü-ß 12",
        "Head of Sales | EMEA", "www.Acme.NL/contact?x=1#top", "https://user@acme.co.uk:8080/a",
        "  acme .com ", "acme\u{00A0}.com", "The Netherlands", "U.S.A.", "côte d'ivoire", "Deutschland!",
        "opt_in_time", "Consent.Text", "GDPR-communications", "\u{7F}x\u{7F}", "a\u{0}b", "x\u{1C}y\u{1F}",
    ]

    @Test func spacePredicatesAreFoundationsSets() {
        var v: UInt32 = 0
        while v < 0x110000 {
            if let s = Unicode.Scalar(v) {
                #expect(SpaceTrimming.isWhitespace(s) == CharacterSet.whitespaces.contains(s), "U+\(String(v, radix: 16))")
                #expect(SpaceTrimming.isWhitespaceOrNewline(s) == CharacterSet.whitespacesAndNewlines.contains(s),
                        "U+\(String(v, radix: 16))")
            }
            v += v < 0x3100 ? 1 : 0x41 // every scalar where spaces live, then a sample of the rest
        }
    }

    @Test(arguments: texts)
    func trimmingIsFoundations(_ text: String) {
        #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.isBlankText == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        let sub = Substring("|" + text + "|").dropFirst().dropLast()
        #expect(sub.trimmingWhitespaceAndNewlines() == sub.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(sub.trimmingWhitespace() == sub.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: texts)
    func roleWordsAgree(_ text: String) {
        #expect(EmailClassifier.normalizeRoleWord(text) == EmailClassifier.normalizeRoleWordScalars(text))
        let classifier = CleaningFixtures.emailClassifier
        #expect(classifier.isRole(local: text) == classifier.isRoleScalars(local: text))
    }

    @Test(arguments: ["info", "Info2", "sales.nl", "sales-team.de", "noreply", "no.reply", "a.b", "jan.de.vries",
                      "customer_service+x", "info+sales", "support-de-nl", "hr", "hr.be.nl", "jan+info", "ab.info",
                      "info..nl", "-info-", "x.y", "contact123", "kantoor", "buero", "büro", "ınfo"])
    func roleLocalsAgree(_ local: String) {
        let classifier = CleaningFixtures.emailClassifier
        #expect(classifier.isRole(local: local) == classifier.isRoleScalars(local: local))
    }

    @Test(arguments: texts + ["NL", "nld", "uk", "The UK", "Pays-Bas", "españa", "ESPAÑA", "Polska", "  germany  "])
    func countryFoldAgrees(_ text: String) {
        #expect(Countries.fold(text) == Countries.foldScalars(text))
    }

    @Test(arguments: ["leiterin", "managerin", "in", "berin", "dyrektorem", "kierownikiem", "iem", "xiem", "abcdiem",
                      "abcdem", "abcem", "sales", "geschaftsfuhrerin", "kierowniczka", "12345in", "ceo"])
    func asciiStemsAgree(_ token: String) {
        let feminine = ["in"], cases = ["iem", "em"]
        #expect(TitleNormalizer.asciiForms(token, feminine: feminine, cases: cases)
                == TitleNormalizer.forms(token, feminine: feminine, cases: cases))
    }

    @Test(arguments: texts)
    func cueBytesAgree(_ text: String) {
        #expect(TranscriptFacts.lowercasedBytes(text) == Array(text.lowercased().utf8))
    }

    @Test(arguments: [
        ("head of sales", "the head of sales at Acme."), ("CEO", "CEO and CEO"), ("cto", "I am the CTO"),
        ("marketing manager", "marketing  manager bij Acme"), ("x", ""), ("Jefa de compras", "Jefa de compras en Acme"),
        ("Geschäftsführer", "Geschäftsführer bei X"), ("CEO", "CEO\r\nthanks"), ("a", "aaa"),
    ])
    func restAfterTitleIsFoundations(_ title: String, _ after: String) {
        let old = after.range(of: title).map { String(after[$0.upperBound...]) } ?? ""
        #expect(TranscriptFacts.restAfter(title, in: after) == old)
    }

    /// The ASCII answers the name and letter checks rely on: alphabetic is `A-Z`/`a-z`, upper case
    /// `A-Z`, lower case `a-z`.
    @Test func asciiLetterPropertiesAreUnicodes() {
        for v in 0..<0x80 {
            let s = Unicode.Scalar(UInt8(v))
            #expect(TextCleaning.isAlphabetic(s) == s.properties.isAlphabetic, "U+\(String(v, radix: 16))")
            #expect((v >= 0x41 && v <= 0x5A) == (s.properties.isAlphabetic && s.properties.isUppercase))
            #expect((v >= 0x61 && v <= 0x7A) == (s.properties.isAlphabetic && s.properties.isLowercase))
        }
        for s in ["\u{AA}", "\u{E9}", "\u{1F600}", "\u{0301}", "\u{3042}"].map({ $0.unicodeScalars.first! }) {
            #expect(TextCleaning.isAlphabetic(s) == s.properties.isAlphabetic)
        }
    }

    @Test(arguments: ["Jan (Sales)", "Jan", "JAN DE VRIES", "o'brien", "Zoë (NL", "(x) y", "Mr. Smith", "ÖZLEM", "mccarthy"])
    func namesUnchanged(_ raw: String) {
        // Cleaned as before: the shortcuts only skip walks that would copy the text.
        let name = PersonNameCleaner.clean(first: raw, last: nil, full: nil)
        let expected: [String: String?] = [
            "Jan (Sales)": "Jan", "Jan": "Jan", "JAN DE VRIES": "Jan de Vries", "o'brien": "O'Brien", "Zoë (NL": "Zoë",
            "(x) y": "Y", "Mr. Smith": "Smith", "ÖZLEM": "Özlem", "mccarthy": "McCarthy",
        ]
        #expect(name.full == expected[raw]!)
    }

    @Test(arguments: texts + ["Jan@Acme.NL", "MAILTO:jan@acme.nl?x", "mailto:", "Mailto:x", "mailt:x@y.z", "a@@b", "@", "@a@",
                              "x\r\n@y.de", "Jan <jan@acme.nl>", "JAN.DE.VRIES@ACME.NL", "ab@cd", "\r\nmailto:x"])
    func emailStepsAgree(_ text: String) {
        let trimmed = TextCleaning.trimmed(text)
        guard !trimmed.isEmpty else { return }
        if let fast = EmailParser.asciiSteps2to4(trimmed) {
            #expect(fast == EmailParser.steps2to4(trimmed))
            #expect(EmailParser.splitAtSigns(fast) == fast.split(separator: "@", omittingEmptySubsequences: false))
        }
    }
}

import Foundation
import LeadCore
import LeadHTML
@testable import LeadResearch
import Testing

/// The byte-level text primitives the extractors rely on must agree with the slow Foundation calls
/// they replace: a missed keyword is a missed industry, technology or phone.
struct TextScanningTests {
    /// A deterministic pseudo-random generator (tests must not depend on the run).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func multiMatcherFindsExactlyWhatNaiveSearchFinds() {
        let patterns = ["he", "she", "his", "hers", "a", "ab", "bab", "abab", "c", "hubspot", "gtm.js", "é", "über"]
        let matcher = MultiMatcher(patterns, ignoringASCIICase: false)
        var g = Generator(state: 42)
        let alphabet: [String] = ["a", "b", "c", "h", "e", "s", "r", "i", " ", "é", "ü", "ber", "hubspot", "gtm.js"]
        for _ in 0..<500 {
            let text = (0..<g.next(40)).map { _ in alphabet[g.next(alphabet.count)] }.joined()
            var seen = [Bool](repeating: false, count: patterns.count)
            matcher.mark(text, in: &seen)
            for (i, p) in patterns.enumerated() {
                #expect(seen[i] == text.containsBytes(p), "\(p) in \(text)")
            }
            #expect(matcher.matchesAny(text) == seen.contains(true))
        }
    }

    @Test func asciiCaseIsIgnoredWhenAsked() {
        let matcher = MultiMatcher(["googletagmanager.com/gtm.js", "data-wf"], ignoringASCIICase: true)
        #expect(matcher.matchesAny("<script src=\"https://www.GoogleTagManager.com/GTM.js?id=GTM-1\">"))
        #expect(!matcher.matchesAny("google tag manager"))
        #expect(!MultiMatcher([], ignoringASCIICase: true).matchesAny("anything"))
    }

    @Test(arguments: ["Ärzte & Zahnärzte", "Société Générale", "ŁÓDŹ", "Straße", "plain ascii", "Ελληνικά", "e\u{301}cole",
                      "l’équipe – 2024 … €5 • ‘x’ “y” \u{2003}z", "Ⅻ ™ ① ﬁ"])
    func foldingMatchesFoundation(text: String) {
        #expect(TextFold.fold(text) == text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased())
    }

    @Test(arguments: ["  a b \n", "\u{00A0}x\u{2003}", "", " ", "\tTel:\u{2028}", "é "])
    func trimmingMatchesFoundation(text: String) {
        #expect(text.trimmedSpace() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmedSpace(newlines: false) == text.trimmingCharacters(in: .whitespaces))
    }
}

/// The cheap check before the written-out e-mail regex must pass every form the regex accepts.
struct WrittenOutEmailTests {
    @Test(arguments: ["info(at)acme.nl", "support [at] openlane [dot] nl", "sales { AT } acme [punt] de", "jan (@) acme (.) fr",
                      "kontakt[klammeraffe]firma[punkt]de", "x (\u{2003}at) y"])
    func writtenOutAddressesAreChecked(text: String) {
        #expect(ContactExtractor.mayHaveBracketedAt(text))
    }

    @Test(arguments: ["Call us (at any time)", "[attention] please", "(a) first", "no brackets at all"])
    func ordinaryBracketsAreSkipped(text: String) {
        #expect(!ContactExtractor.mayHaveBracketedAt(text))
    }

    @Test func protectedAndWrittenOutAddressesAreFound() throws {
        let rules = try ResearchRules(files: LeadCore.RuleFiles(directory: RulesFolder.url))
        let doc = try LeadHTML.HTMLFlatDocument(html: "<p>Mail: info(at)maison(dot)com or sales [at] maison [dot] fr</p><p>Call (at) 9</p>")
        let page = PageExtractor(rules: rules).extract(doc, kind: "index", url: "https://maison.com/")
        #expect(page.emails == ["info@maison.com", "sales@maison.fr"])
    }
}

extension TextScanningTests {
    @Test(arguments: ["Ärzte & Zahnärzte", "ŁÓDŹ", "plain ASCII", "Ελληνικά", "mixed é and Ω", "l’équipe – 2024 … €5"])
    func foldedBytesMatchFoldedString(text: String) {
        var bytes: [UInt8] = [0x41]
        TextFold.appendFolded(text, to: &bytes)
        #expect(bytes == [0x41] + Array(TextFold.fold(text).utf8))
    }
}

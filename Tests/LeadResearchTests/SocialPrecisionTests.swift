import Foundation
import LeadCore
import LeadResearch
import Testing

/// The company's own profiles: the Organization's `sameAs` (also a nameless stub) wins, and regional
/// hosts and `/pg/` paths canonicalise (corpus README, social URLs).
struct SocialPrecisionTests {
    static let canonical = SocialCanonicalizer(ignoredHandles: ["share", "sharer.php", "intent"])

    @Test(arguments: [
        ("https://de-de.facebook.com/pg/Backstube.Lange/about/", "https://www.facebook.com/Backstube.Lange"),
        ("https://m.facebook.com/acme.nl?ref=bookmarks", "https://www.facebook.com/acme.nl"),
        ("https://fr.linkedin.com/company/atelier-morel/", "https://www.linkedin.com/company/atelier-morel"),
        ("https://mobile.twitter.com/acmeverpak", "https://x.com/acmeverpak"),
    ])
    func regionalHostsAndPagePathsCanonicalise(_ raw: String, _ want: String) {
        #expect(Self.canonical.canonical(raw)?.1 == want)
    }

    @Test func theNamelessOrganizationStubsSameAsBeatsABylineLink() async throws {
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        let html = """
        <html lang="en"><head><title>Daily Ledger</title>
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","url":"https://ledger.example","sameAs":["https://twitter.com/dailyledger"]}</script>
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Rates","author":{"@type":"Person","name":"Ann Lee","sameAs":"https://twitter.com/annlee"}}</script>
        </head><body><article><p class="byline">By <a href="https://twitter.com/annlee">Ann Lee</a> · <a href="https://twitter.com/annlee">Follow</a></p></article></body></html>
        """
        let p = await CompanyResearcher(source: OneBodySource(body: Array(html.utf8)), rules: rules).research(domain: "ledger.example")
        #expect(p.social[.x]?.value == "https://x.com/dailyledger")
    }
}

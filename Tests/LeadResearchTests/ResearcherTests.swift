import Foundation
import LeadCore
import LeadResearch
import Testing

/// End-to-end research over small fixture snapshots: one site per language and hard case.
struct ResearcherTests {
    static let sites = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("sites")

    static func researcher() throws -> CompanyResearcher {
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        return CompanyResearcher(source: try SnapshotPageSource(directory: sites), rules: rules)
    }

    @Test func dutchSiteWithJSONLDAndProse() async throws {
        let p = try await Self.researcher().research(domain: "acme.nl")
        #expect(p.siteStatus == .ok)
        #expect(p.name?.value == "Acme Verpakkingen")
        #expect(p.legalName?.value == "Acme Verpakkingen B.V.")
        #expect(p.country?.value == "NL")
        #expect(p.language?.value == "nl")
        #expect(p.founded?.value == 1998)
        // The parent organisation's 9000 employees and the script/comment numbers are not this company's.
        #expect(p.employees?.value == EmployeeCount(kind: .lowerBound, min: 200, max: nil))
        #expect(p.sizeBucket == .twoHundredOneToFiveHundred)
        #expect(p.phone?.value == "+31201234567")
        #expect(!p.phones.contains("+31201234568"), "fax is never a phone")
        #expect(p.emails.contains("info@acme.nl"))
        #expect(p.social[.linkedin]?.value == "https://www.linkedin.com/company/acme-verpakkingen")
        #expect(p.social[.x]?.value == "https://x.com/acmeverpak")
        #expect(p.social[.instagram]?.value == "https://www.instagram.com/acmeverpak")
        #expect(p.social[.facebook] == nil, "share links are not profiles")
        #expect(Set(p.technologies.keys) == ["google_analytics"], "prose, comments and cdnjs do not count")
        #expect(p.industry?.value == .manufacturing)
    }

    @Test func germanLegacyEncodingProseAndCloudflareEmail() async throws {
        let p = try await Self.researcher().research(domain: "beispiel.de")
        #expect(p.founded?.value == 1913)
        #expect(p.employees?.value == EmployeeCount(kind: .approx, min: 1500, max: 1500))
        #expect(p.phone?.value == "+498958871606")
        #expect(p.emails.contains("info@beispiel.de"))
        #expect(p.technologies["cloudflare"] != nil)
        #expect(p.country?.value == "DE")
    }

    @Test func redirectsLoopsParkedAndMissing() async throws {
        let r = try Self.researcher()
        let chained = await r.research(domain: "chain-a.nl")
        #expect(chained.domain == "acme.nl")
        #expect(chained.redirectedFrom == ["chain-a.nl", "old-acme.nl"])
        let loop = await r.research(domain: "loop-a.com")
        #expect(loop.siteStatus == .redirectLoop)
        #expect(loop.redirectLoopWith == "loop-b.com")
        let parked = await r.research(domain: "parked.fr")
        #expect(parked.siteStatus == .parked)
        #expect(parked.name == nil)
        let missing = await r.research(domain: "nowhere.example")
        #expect(missing.siteStatus == .missing)
    }
}

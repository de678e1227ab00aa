import Foundation
import LeadCore
import LeadResearch
import Testing

/// Organisation facts given only as schema.org microdata (`itemscope`/`itemprop`), Italian page.
struct MicrodataTests {
    @Test func microdataOrganizationFacts() async throws {
        let p = try await ResearcherTests.researcher().research(domain: "officina-rossi.it")
        #expect(p.siteStatus == .ok)
        #expect(p.name?.value == "Officina Rossi")
        #expect(p.founded?.value == 1972)
        #expect(p.founded?.provenance.method == .microdata)
        #expect(p.employees?.value == EmployeeCount(kind: .exact, min: 64, max: 64))
        #expect(p.employees?.provenance.method == .microdata)
        #expect(p.sizeBucket == .fiftyOneToTwoHundred)
        #expect(p.country?.value == "IT")
        #expect(p.phone?.value == "+39030123456", "Italian numbers keep their leading 0")
        #expect(p.address?.value.city == "Brescia")
    }
}

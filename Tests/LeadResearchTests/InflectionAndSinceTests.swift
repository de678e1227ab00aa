import Foundation
import LeadCore
@testable import LeadResearch
import Testing

/// Inflected count nouns and "since" statements that date something other than the company.
struct InflectionAndSinceTests {
    static let rules = TextParserTests.rules

    @Test(arguments: [
        ("Seit 1987 sind wir mit über 150 Mitarbeitern für Sie da.", EmployeeCount(kind: .lowerBound, min: 150, max: nil)),
        ("Ein Team von 40 Beschäftigten", EmployeeCount(kind: .exact, min: 40, max: 40)),
        ("mit rund 60 Angestellten", EmployeeCount(kind: .approx, min: 60, max: 60)),
    ])
    func germanDativeNouns(text: String, expected: EmployeeCount) {
        #expect(Self.rules.employee.claims(in: text, language: "de").first?.count == expected)
    }

    @Test(arguments: ["Wir sind HubSpot-Kunde seit 2020.", "Salesforce partner since 2018", "Klant sinds 2019"])
    func sinceARelationshipStartedIsNotAFoundingYear(text: String) {
        #expect(Self.rules.founding.claims(in: text).isEmpty)
    }

    @Test func sinceAloneStillDatesTheCompany() {
        #expect(Self.rules.founding.claims(in: "Sinds 1994 helpen wij ondernemers.").map(\.year) == [1994])
    }

    @Test func sinceInsideASentenceWithOtherNumbersIsNotAFoundingYear() {
        #expect(Self.rules.founding.claims(in: "We have helped 300 customers since 2017.").isEmpty)
    }
}

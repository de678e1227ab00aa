import Foundation
import LeadCore
import LeadHTML
@testable import LeadResearch
import Testing

/// People on team pages in several layouts and languages: the pipeline fills a lead's missing job
/// title from them, so every name must come with its own raw title and nothing else.
struct TeamPageTests {
    static let rules = try! ResearchRules(files: RuleFiles(directory: RulesFolder.url))
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("team")

    static func members(_ file: String) throws -> [String] {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
        let doc = try HTMLFlatDocument.parse(bytes, url: "https://example.com/team")
        return PageExtractor(rules: rules).extract(doc, kind: "team", url: "https://example.com/team").people
            .map { "\($0.name) = \($0.title ?? "-")" }
    }

    @Test(arguments: [
        ("cards.html", [
            "Harry Taylor = Business Developer", "Kees van der Meer = VP Sales", "Sophie Çelik = Geschäftsführerin",
            "Anna Schmidt = Chief Medical Officer", "Liam Nguyen = Directiesecretaresse",
        ]),
        ("list.html", [
            "Marieke Meijer = Oprichter", "Ilse Dijkstra = Systeembeheerder", "Femke van Leeuwen = Junior Marketeer",
            "Bas de Wit = Accountmanager",
        ]),
        ("dl.html", [
            "Özlem Weber = Geschäftsführerin", "Jörg Fischer = Junior Entwickler", "Björn Weiß = Leiter IT",
            "Max Mustermann = Vertretungsberechtigter Geschäftsführer",
        ]),
        ("table.html", [
            "Margaux Petit = Développeuse full-stack", "Jean-Luc Moreau = Directeur général", "Léa d'Arcy = Responsable marketing",
        ]),
        ("structured.html", ["María Gómez = IT Director", "Pablo Ruiz = Jefe de Ventas", "Giulia Rossi = Responsabile Acquisti"]),
        ("mixed.html", [
            "Noah Jones = Chief Technology Officer", "Emma Davies = Full-stack developer", "Chen Thompson = Marketing Intern",
            "Priya Thompson = SVP Sales",
        ]),
    ])
    func everyCardGivesNameAndRawTitle(file: String, expected: [String]) throws {
        let got = try Self.members(file)
        #expect(got == expected, "\(got)")
    }

    @Test(arguments: ["Meet The Team", "Our Story", "Unser Team", "Account Manager", "Chief Executive Officer", "First Name",
                      "Ons Team", "Notre Équipe", "Amsterdam", "Jan", "Jan 2024 Jansen", "info@acme.nl"])
    func headingsLabelsAndTitlesAreNotNames(text: String) {
        #expect(Self.rules.team.personName(text) == nil)
    }

    @Test(arguments: [
        ("Kees van der Meer", "Kees van der Meer"), ("Dr. Anna Schmidt", "Anna Schmidt"), ("JAN JANSEN", "JAN JANSEN"),
        ("Jan de Boer MSc", "Jan de Boer"), ("Seán O'Connor", "Seán O'Connor"), ("Anne-Marie Dubois", "Anne-Marie Dubois"),
    ])
    func namesAreCleaned(text: String, expected: String) {
        #expect(Self.rules.team.personName(text) == expected)
    }

    @Test func bioSentencesAndLinkLabelsAreNotTitles() {
        #expect(Self.rules.team.titleText("Oliver builds our data platform and loves cycling.") == nil)
        #expect(Self.rules.team.titleText("LinkedIn") == nil)
        #expect(Self.rules.team.titleText("jan@acme.nl") == nil)
        #expect(Self.rules.team.titleText("– Head of Sales") == "Head of Sales")
    }

    @Test func teamPageFillsPeopleButNotTheEmployeeCount() async throws {
        let p = try await ResearcherTests.researcher().research(domain: "acme.nl")
        #expect(p.people.map(\.name) == ["Pieter de Vries", "Sanne Bakker", "Jan Smit"])
        #expect(p.people.first?.title == "Commercieel Directeur")
        #expect(p.people.allSatisfy { $0.url == "https://acme.nl/team" })
        #expect(p.employees?.value == EmployeeCount(kind: .lowerBound, min: 200, max: nil), "three cards are not a head count")
    }
}

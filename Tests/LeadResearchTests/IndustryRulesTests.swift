import Foundation
import LeadCore
import LeadResearch
import Testing

/// The industry classifier's rules: what `rules check` rejects, and the evidence classes it weighs.
struct IndustryRulesTests {
    static let rules = try! ResearchRules(files: RuleFiles(directory: RulesFolder.url))

    /// A copy of the repository's rules with `industries.yaml` changed by `edit`.
    static func load(editing edit: (String) -> String) throws -> LeadsmithError? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("industry-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: RulesFolder.url, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("industries.yaml")
        try edit(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try ResearchRules(files: RuleFiles(directory: dir))
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("  saas:\n    all:", "  software:\n    all:", "unknown industry 'software'"),
        ("    nl: {\"platform!\": 1.5,", "    dutch: {\"platform!\": 1.5,", "unknown language 'dutch'"),
        ("\"plattform!\": 1.5,", "\"plattform!\": -1,", "weight of 'plattform!'"),
        ("\"plattform!\": 1.5,", "\"platt!form\": 1.5,", "'!' only at the end"),
        ("medical: 2,", "med*ical: 2,", "'*' only at the start"),
        ("    dentist: healthcare", "    dentist: dentistry", "unknown industry 'dentistry'"),
        ("min_ratio: 1.5", "min_ratio: 0.5", "min_ratio"),
        ("  title: 2.0", "  footer: 2.0", "unknown source 'footer'"),
    ])
    func rulesCheckRejects(_ original: String, _ broken: String, _ message: String) throws {
        let error = try Self.load { text in
            #expect(text.contains(original), "fixture drifted: \(original)")
            return text.replacingOccurrences(of: original, with: broken)
        }
        let e = try #require(error)
        #expect(e.code == .badRules)
        #expect(e.file?.hasSuffix("industries.yaml") == true)
        #expect(e.description.contains(message), "\(e.description)")
    }

    static func industry(_ html: String) async -> Fact<Industry>? {
        await CompanyResearcher(source: OneBodySource(body: Array(html.utf8)), rules: rules).research(domain: "firma.example").industry
    }

    static func page(lang: String, title: String, description: String = "", type: String? = nil, body: String = "") -> String {
        let ld = type.map { "<script type=\"application/ld+json\">{\"@type\":\"\($0)\",\"name\":\"Firma\"}</script>" } ?? ""
        return "<html lang=\"\(lang)\"><head><title>\(title)</title><meta name=\"description\" content=\"\(description)\">\(ld)</head><body><h1>\(title)</h1><p>\(body)</p></body></html>"
    }

    @Test func aHeadNounMakesTheOtherIndustriesInItsClauseTheSubject() async {
        // "software" names what the company is; the patients and the school are what it is about.
        let saas = await Self.industry(Self.page(lang: "en", title: "Wardlink – patient flow software",
                                                 description: "Cloud platform that helps hospital trusts manage beds and discharges."))
        #expect(saas?.value == .saas)
        let school = await Self.industry(Self.page(lang: "fr", title: "Centre de formation Forma-Pro",
                                                   description: "Formations certifiantes en logistique et transport."))
        #expect(school?.value == .education)
    }

    @Test func aSectorAfterYourIsTheVisitorsBusiness() async {
        let f = await Self.industry(Self.page(lang: "en", title: "Shiftly – scheduling software",
                                              description: "Fill every shift at your care home."))
        #expect(f?.value == .saas)
    }

    @Test func theCustomersNamedAfterForAreNotTheCompanysIndustry() async {
        // Software for dental practices is software; the practices are the customers.
        let f = await Self.industry(Self.page(lang: "de", title: "Praxisplaner – Software für Zahnarztpraxen",
                                              description: "Terminplanung und Abrechnung für Zahnärzte, in der Cloud."))
        #expect(f?.value == .saas)
        #expect(f?.evidence?.contains("software") == true)
    }

    @Test func aPhraseMasksTheShorterCueInside() async {
        let f = await Self.industry(Self.page(lang: "it", title: "Agenzia Immobiliare Bruni",
                                              description: "Appartamenti in vendita e in affitto a Verona."))
        #expect(f?.value == .realEstate)
    }

    @Test func theLongestCueOfACompoundCounts() async {
        // "Versicherungsagentur" is an insurance agency, not a marketing agency.
        let f = await Self.industry(Self.page(lang: "de", title: "Versicherungsagentur Krause",
                                              description: "Ihre Versicherungsagentur in Bremen."))
        #expect(f?.value == .financialServices)
    }

    @Test func aSchemaTypeIsStrongEvidence() async {
        let f = await Self.industry(Self.page(lang: "en", title: "Harbour View", type: "Dentist"))
        #expect(f?.value == .healthcare)
        #expect(f?.provenance.method == .jsonLD)
        #expect(f?.evidence?.contains("@type dentist") == true)
    }

    @Test func aBusinessOutsideTheVocabularyGetsNoIndustry() async {
        // A restaurant that also runs a little shop is still a restaurant.
        let f = await Self.industry(Self.page(lang: "en", title: "The Old Mill Restaurant", type: "Restaurant",
                                              body: "Visit our farm shop for local cheese."))
        #expect(f == nil)
    }

    @Test func aCloseRunnerUpMeansNull() async {
        let f = await Self.industry(Self.page(lang: "en", title: "Northwind Group",
                                              description: "Accountants and estate agents under one roof."))
        #expect(f == nil)
    }
}

import Foundation
import LeadCore
import LeadHTML

/// One page after the single scan and every per-page extractor: what ``FactAssembler`` combines
/// into a company profile. Values only (`Sendable`): the document can go once this is built.
struct ExtractedPage: Sendable {
    /// `index`, `about`, `contact` or `team`.
    var kind: String
    var scan: PageScan
    var headers: [(String, String)]
    /// The first company node of the first JSON-LD block that has one.
    var organization: JSONLDOrganization?
    /// `sameAs` of the page's nameless Organization nodes (``JSONLDExtractor/namelessSameAs(in:)``).
    var namelessSameAs: [String] = []
    /// Phones as written (E.164 needs the site's country, known only when all pages are read).
    var phones: [RawPhone] = []
    var emails: [String] = []
    /// A country from a distinctive postcode in the footer/contact text.
    var postcodeCountry: String?
    var employeeClaims: [EmployeeCountParser.Claim] = []
    var foundingClaims: [FoundingYearParser.Claim] = []
    /// Technology id → evidence.
    var technologies: [String: String] = [:]
    /// People listed on the page (team and about pages only).
    var people: [TeamMember] = []
}

/// Runs the scan and every per-page extractor over one parsed page: the code path shared by
/// ``CompanyResearcher`` and ``PageBenchmark``.
struct PageExtractor {
    let rules: ResearchRules

    /// Reads one page.
    ///
    /// - Parameters:
    ///   - document: The parsed page.
    ///   - kind: `index`, `about`, `contact` or `team` (people are read on team and about pages).
    ///   - url: The page URL, for provenance.
    ///   - headers: Response headers (lower-case names), for technology fingerprints.
    ///   - fallbackLanguage: The language to read prose in when the page declares none (the home
    ///     page's).
    func extract(_ document: HTMLFlatDocument, kind: String, url: String, headers: [(String, String)] = [],
                 fallbackLanguage: String? = nil) -> ExtractedPage {
        var team = kind == "team" || kind == "about" ? TeamCollector(rules: rules.team) : nil
        let scan = PageScanner(rules: rules.scan).scan(document, url: url, team: &team)
        var page = ExtractedPage(kind: kind, scan: scan, headers: headers)
        for block in scan.jsonLD {
            guard let json = JSONLDExtractor.parse(block) else { continue }
            page.namelessSameAs += JSONLDExtractor.namelessSameAs(in: json)
            if page.organization == nil, let org = JSONLDExtractor.organizations(in: json).first { page.organization = org }
        }
        page.phones = ContactExtractor.phones(in: scan, cues: rules.contact)
        page.emails = ContactExtractor.emails(in: scan)
        page.postcodeCountry = ContactExtractor.countryFromPostcode(scan)
        let language = (scan.language ?? fallbackLanguage)?.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)
        for segment in scan.segments {
            // Both phrase parsers read the same tokens: tokenise a segment once, and only when one of
            // the cheap pre-checks lets it through.
            let text = segment.text
            let counts = rules.employee.mayHoldCount(text)
            let years = rules.founding.mayHoldYear(text)
            guard counts || years else { continue }
            let tokens = TextTokenizer.tokens(text)
            if counts { page.employeeClaims += rules.employee.claims(in: text, tokens: tokens, language: language) }
            if years { page.foundingClaims += rules.founding.claims(tokens: tokens, language: language) }
        }
        // Key figures whose number and label are separate elements (dt/dd, th/td, stat cards).
        for pair in LabelValuePairs.pairs(in: scan.segments) {
            for c in rules.employee.claims(in: pair.labelFirst, language: language) where !page.employeeClaims.contains(where: { $0.count == c.count }) {
                page.employeeClaims.append(c)
            }
            for c in rules.founding.claims(in: pair.readingOrder, language: language) where !page.foundingClaims.contains(where: { $0.year == c.year && $0.strong == c.strong }) {
                page.foundingClaims.append(c)
            }
        }
        page.technologies = rules.fingerprints.detect(scan, headers: headers)
        if let team {
            page.people = TeamExtractor(rules: rules.team).members(markup: team, url: url, jsonLD: scan.jsonLD)
        }
        return page
    }
}

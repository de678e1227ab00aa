import Foundation
import LeadCore
@testable import LeadResearch
import Testing

/// Employee-count and founding-year phrases in every supported language.
struct TextParserTests {
    static let rules = try! ResearchRules(files: RuleFiles(directory: RulesFolder.url))

    @Test(arguments: [
        ("We are a team of 45 people.", "en", EmployeeCount(kind: .exact, min: 45, max: 45)),
        ("Vandaag zijn we ruim 200 medewerkers in Breda", "nl", EmployeeCount(kind: .lowerBound, min: 200, max: nil)),
        ("Heute sind wir über 1.500 Mitarbeiter", "de", EmployeeCount(kind: .lowerBound, min: 1500, max: nil)),
        ("Nous sommes plus de 300 collaborateurs", "fr", EmployeeCount(kind: .lowerBound, min: 300, max: nil)),
        ("Somos más de 80 empleados", "es", EmployeeCount(kind: .lowerBound, min: 80, max: nil)),
        ("Siamo oltre 120 dipendenti", "it", EmployeeCount(kind: .lowerBound, min: 120, max: nil)),
        ("10k+ employees worldwide", "en", EmployeeCount(kind: .lowerBound, min: 10000, max: nil)),
        ("We have 50–200 employees", "en", EmployeeCount(kind: .range, min: 50, max: 200)),
        ("between 50 and 200 staff", "en", EmployeeCount(kind: .range, min: 50, max: 200)),
        ("Vandaag zijn we tussen de 2 en 10 medewerkers", "nl", EmployeeCount(kind: .range, min: 2, max: 10)),
        ("Our company has twelve employees", "en", EmployeeCount(kind: .exact, min: 12, max: 12)),
        ("Wir sind zwanzig Mitarbeiter", "de", EmployeeCount(kind: .exact, min: 20, max: 20)),
        ("Nous sommes une quarantaine de collaborateurs", "fr", EmployeeCount(kind: .approx, min: 40, max: 40)),
        ("Nous sommes plus de 1 000 salariés", "fr", EmployeeCount(kind: .lowerBound, min: 1000, max: nil)),
        ("We are about 1’500 people", "en", EmployeeCount(kind: .approx, min: 1500, max: 1500)),
        ("Today we are ~400 people", "en", EmployeeCount(kind: .approx, min: 400, max: 400)),
        ("Ik ben zzp'er en werk zelfstandig.", "nl", EmployeeCount(kind: .exact, min: 1, max: 1)),
        ("Wir sind fünfundzwanzig Mitarbeiter", "de", EmployeeCount(kind: .exact, min: 25, max: 25)),
        ("We zijn met vijfentwintig medewerkers", "nl", EmployeeCount(kind: .exact, min: 25, max: 25)),
        ("We are twenty-five EMPLOYEES", "en", EmployeeCount(kind: .exact, min: 25, max: 25)),
        ("WIR SIND ZWÖLF MITARBEITER", "de", EmployeeCount(kind: .exact, min: 12, max: 12)),
        ("People: 2.1k", "en", EmployeeCount(kind: .exact, min: 2100, max: 2100)),
        ("Team: 1,25K colleagues", "en", EmployeeCount(kind: .exact, min: 1250, max: 1250)),
        ("Half a dozen engineers run the platform", "en", EmployeeCount(kind: .approx, min: 6, max: 6)),
        ("More than a hundred people work here", "en", EmployeeCount(kind: .lowerBound, min: 100, max: nil)),
        ("Más de un centenar de profesionales", "es", EmployeeCount(kind: .lowerBound, min: 100, max: nil)),
        ("Een twintigtal medewerkers", "nl", EmployeeCount(kind: .approx, min: 20, max: 20)),
        ("W biurze pracuje pięć osób", "pl", EmployeeCount(kind: .exact, min: 5, max: 5)),
        ("Met z'n zessen runnen we de zaak", "nl", EmployeeCount(kind: .exact, min: 6, max: 6)),
        ("a headcount of 230 and offices in Leeds", "en", EmployeeCount(kind: .exact, min: 230, max: 230)),
        ("The studio is run by a team of five.", "en", EmployeeCount(kind: .exact, min: 5, max: 5)),
        ("Somos más de 150 personas al servicio de nuestros clientes", "es", EmployeeCount(kind: .lowerBound, min: 150, max: nil)),
    ])
    func employeePhrases(text: String, language: String, expected: EmployeeCount) {
        #expect(Self.rules.employee.claims(in: text, language: language).first?.count == expected)
    }

    @Test(arguments: [
        "150+ tevreden klanten", "25 years of experience", "Join 5,080+ subscribers", "Over 5,050 projects delivered",
        "We have helped 2,000 people find a home", "Dit zijn een paar van onze collega's.",
        "The average client has 150 employees.", "Elke maand bezoeken 20.000 mensen onze showroom.",
        "Around 200 employees joined the charity run.", "Our clients have 50 to 500 employees.",
        "© 2018-2024 't Hart Accountants B.V.", "We trained 3,000 employees of our clients.",
    ])
    func notEmployeeCounts(text: String) {
        #expect(Self.rules.employee.claims(in: text, language: "nl").isEmpty && Self.rules.employee.claims(in: text, language: "en").isEmpty)
    }

    @Test(arguments: [
        ("Acme was founded in 1998.", 1998), ("Opgericht in 1983 in Utrecht", 1983), ("Becker wurde 2011 gegründet", 2011),
        ("Gegründet 1913 in München", 1913), ("Fondée en 1951 à Lyon", 1951), ("Fundada en 1977", 1977),
        ("Fondata nel 1960", 1960), ("Established 1976", 1976), ("Since 1994 we have been helping our clients", 1994),
        ("Depuis 2007, nous accompagnons nos clients", 2007), ("Sinds 1971 helpen wij onze klanten verder", 1971),
    ])
    func foundingPhrases(text: String, year: Int) {
        #expect(Self.rules.founding.claims(in: text).first?.year == year)
    }

    @Test(arguments: [
        "© 2005–2024 Acme B.V.", "In 2015 we moved into a new office", "ISO 9001:2015 certified", "25 years of experience",
        "We have helped more than 300 customers since 2017", "Seit 2000 haben wir mehr als 2.010 Kunden betreut",
        "Depuis 2022, plus de 340 clients nous ont fait confiance",
    ])
    func notFoundingYears(text: String) {
        #expect(Self.rules.founding.claims(in: text).isEmpty)
    }

    @Test(arguments: [
        ("https://nl.linkedin.com/company/acme/about/", "https://www.linkedin.com/company/acme"),
        ("http://www.linkedin.com/company/acme?trk=x", "https://www.linkedin.com/company/acme"),
        ("https://mobile.twitter.com/acme", "https://x.com/acme"),
        ("https://twitter.com/@acme", "https://x.com/acme"),
        ("https://fb.com/acme", "https://www.facebook.com/acme"),
        ("https://m.facebook.com/acme?ref=footer", "https://www.facebook.com/acme"),
        ("https://instagram.com/acme?hl=en", "https://www.instagram.com/acme"),
        ("https://youtube.com/@acme?sub_confirmation=1", "https://www.youtube.com/@acme"),
        ("https://www.github.com/acme/", "https://github.com/acme"),
        ("https://xing.com/pages/acme/", "https://www.xing.com/pages/acme"),
        ("https://www.tiktok.com/@acme", "https://www.tiktok.com/@acme"),
    ])
    func socialCanonicalForms(raw: String, canonical: String) {
        #expect(Self.rules.social.canonical(raw)?.1 == canonical)
    }

    @Test(arguments: [
        "https://www.linkedin.com/in/jane", "https://www.linkedin.com/shareArticle?mini=true", "https://twitter.com/intent/tweet?url=x",
        "https://www.facebook.com/sharer/sharer.php?u=x", "https://www.facebook.com/wix", "http://www.facebook.com/2008/fbml",
    ])
    func notCompanyProfiles(raw: String) {
        #expect(Self.rules.social.canonical(raw) == nil)
    }
}

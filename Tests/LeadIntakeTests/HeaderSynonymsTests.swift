import Foundation
import LeadCore
import Testing
@testable import LeadIntake

/// The header synonym table in rules/intake/headers.yaml and its matching rules.
struct HeaderSynonymsTests {
    @Test(arguments: [
        ("Email Address", "email"), ("E-mail", "email"), ("EMAIL", "email"), ("e_mail", "email"), ("  email address ", "email"),
        ("E-mailadres", "email"), ("E-Mail-Adresse", "email"), ("Courriel", "email"), ("Correo electrónico", "email"),
        ("Voornaam", "first_name"), ("FNAME", "first_name"), ("Prénom", "first_name"), ("Prenom", "first_name"), ("Imię", "first_name"),
        ("Achternaam", "last_name"), ("Nachname", "last_name"), ("Nazwisko", "last_name"),
        ("Bedrijfsnaam", "company"), ("Firma", "company"), ("Bedrijf", "company"), ("Entreprise", "company"),
        ("Empresa", "company"), ("Azienda", "company"),
        ("Functie", "job_title"), ("Job Title", "job_title"), ("JOB_TITLE", "job_title"), ("jobtitle", "job_title"),
        ("Telefoonnummer", "phone"), ("SMS", "phone"), ("Phone Number", "phone"),
        ("Land", "country"), ("Pays", "country"), ("País", "country"), ("PAIS", "country"),
        ("numemployees", "self_reported_size"), ("CC", "geo_country"), ("OPTIN_TIME", "signup_date"),
        ("Aangemeld op", "signup_date"), ("Opmerkingen", "notes"), ("TAGS", "tags"), ("Address", "address"),
        ("LEID", "source_id"), ("CONTACT ID", "source_id"), ("formName", "form_name"), ("pageUrl", "page_url"),
        ("0-1/email", "email"), ("0-1/firstname", "first_name"), ("0-2/name", "company"), ("0-2/website", "website"),
        ("0-2/numemployees", "self_reported_size"),
    ])
    func knownSpellingsMapToCanonicalNames(header: String, canonical: String) {
        #expect(Support.headers.canonical(header) == canonical)
    }

    @Test(arguments: ["MEMBER_RATING", "EUID", "Bron", "0-2/phone", "0-3/amount", "", "hs_persona"])
    func unknownNamesStayUnknown(header: String) {
        #expect(Support.headers.canonical(header) == nil)
    }

    @Test func everyCanonicalNameIsAFieldOrSpecialName() {
        let allowed = Set(HeaderSynonyms.canonicalFields + HeaderSynonyms.specialNames)
        for header in ["Email", "Name", "Company", "Website", "Message", "Language", "Channel", "Form Name", "Page URL"] {
            let c = Support.headers.canonical(header)
            #expect(c.map(allowed.contains) == true, "\(header)")
        }
    }

    @Test(arguments: ["yes", "Ja", "TRUE", "oui", "1", "x"])
    func yesWords(word: String) { #expect(Support.headers.bool(word) == true) }

    @Test(arguments: ["no", "Nee", "false", "nein", "0"])
    func noWords(word: String) { #expect(Support.headers.bool(word) == false) }

    static func rules(_ yaml: String) throws -> RuleFiles {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("leadintake-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("intake"), withIntermediateDirectories: true)
        try yaml.write(to: dir.appendingPathComponent("intake/headers.yaml"), atomically: true, encoding: .utf8)
        return RuleFiles(directory: dir)
    }

    @Test(arguments: [
        "fields:\n  email: [Mail\n",                           // invalid YAML
        "fields:\n  e_mail: [Mail]\n",                         // unknown canonical name
        "fields:\n  email: [Mail]\n  phone: [MAIL]\n",         // one spelling, two names
        "fields: [1, 2]\n",                                    // wrong shape
    ])
    func badTablesAreBadRules(yaml: String) throws {
        let rules = try Self.rules(yaml)
        let error = try #require(throws: LeadsmithError.self) { try HeaderSynonyms.load(rules) }
        #expect(error.code == .badRules)
        #expect(error.exitCode == 78)
        #expect(error.file?.hasSuffix("intake/headers.yaml") == true)
    }
}

import Foundation
import Testing
import LeadCore

struct TitleNormalizerTests {
    let titles = CleaningFixtures.titles

    /// Every example of the corpus README "Job titles" paragraph, by level.
    @Test(arguments: [
        // owner
        ("Founder", Seniority.owner), ("Co-Founder", .owner), ("Owner", .owner), ("Proprietor", .owner),
        ("Managing Partner", .owner), ("Eigenaar", .owner), ("Oprichter", .owner), ("DGA", .owner),
        ("Zaakvoerder", .owner), ("Inhaber", .owner), ("Gründer", .owner), ("Gérant", .owner), ("Fondateur", .owner),
        // c_suite
        ("CEO", .cSuite), ("COO", .cSuite), ("CFO", .cSuite), ("CTO", .cSuite), ("CMO", .cSuite), ("CIO", .cSuite),
        ("CRO", .cSuite), ("Chief Data Officer", .cSuite), ("Managing Director", .cSuite), ("President", .cSuite),
        ("General Counsel", .cSuite), ("Algemeen Directeur", .cSuite), ("Gedelegeerd bestuurder", .cSuite),
        ("Geschäftsführer", .cSuite), ("Geschäftsführerin", .cSuite), ("Vorstand", .cSuite),
        ("Vorstandsvorsitzender", .cSuite), ("PDG", .cSuite), ("Directeur général", .cSuite),
        // vp
        ("VP", .vp), ("SVP", .vp), ("EVP", .vp), ("Vice President", .vp),
        // director
        ("Director", .director), ("Dir.", .director), ("Directeur", .director), ("Direktor", .director),
        ("Bereichsleiter", .director), ("Commercieel Directeur", .director), ("Financieel Directeur", .director),
        ("DRH", .director),
        // head
        ("Head of Marketing", .head), ("Hoofd", .head), ("Leiter", .head), ("Leiterin", .head),
        ("Abteilungsleiter", .head), ("Vertriebsleiter", .head), ("Schulleiterin", .head), ("Schoolleider", .head),
        ("Head Teacher", .head),
        // manager
        ("Account Manager", .manager), ("Product Manager", .manager), ("Office manager", .manager),
        ("Accountmanager", .manager), ("Team Lead", .manager), ("Teamleider", .manager), ("Teamleiter", .manager),
        ("Responsable", .manager), ("Chef de projet", .manager),
        // senior
        ("Senior", .senior), ("Sr.", .senior), ("Lead Developer", .senior), ("Principal", .senior),
        // mid
        ("Account Executive", .mid), ("Software Engineer", .mid), ("Marketeer", .mid), ("Docent", .mid),
        ("Vertriebsmitarbeiter", .mid), ("Comptable", .mid), ("Consultant", .mid), ("Executive Assistant", .mid),
        // entry
        ("Junior", .entry), ("Jr.", .entry), ("SDR", .entry), ("BDR", .entry), ("Trainee", .entry),
        ("Graduate", .entry), ("Auszubildender", .entry), ("Apprentice", .entry),
        // intern
        ("Intern", .intern), ("Working Student", .intern), ("Stagiair", .intern), ("Stagiaire", .intern),
        ("Praktikant", .intern), ("Praktikantin", .intern), ("Werkstudent", .intern), ("Werkstudentin", .intern),
        ("Alternant", .intern),
    ])
    func readmeSeniorityExamples(title: String, level: Seniority) {
        #expect(titles.normalize(title)?.seniority == level)
    }

    /// The README's function examples.
    @Test(arguments: [
        ("CFO", JobFunction.finance), ("CTO", .engineering), ("COO", .operations), ("CMO", .marketing),
        ("CRO", .sales), ("Chief People Officer", .hr), ("CEO", .executive), ("MD", .executive),
        ("Managing Director", .executive), ("Founder", .executive), ("Owner", .executive),
        ("Executive Assistant", .other), ("Teacher", .education), ("Lecturer", .education),
        ("Schulleiterin", .education), ("Head Teacher", .education), ("Schoolleider", .education),
        ("Stagiair", .other), ("General Counsel", .legal), ("Docent", .education), ("Comptable", .finance),
        ("Vertriebsmitarbeiter", .sales), ("Marketeer", .marketing), ("Consultant", .other),
    ])
    func readmeFunctionExamples(title: String, function: JobFunction) {
        #expect(titles.normalize(title)?.function == function)
    }

    @Test(arguments: [
        // Abbreviations.
        ("VP Eng", JobFunction.engineering, Seniority.vp),
        ("Sr. Account Exec", .sales, .senior),
        ("Dir. Marketing", .marketing, .director),
        ("SDR", .sales, .entry),
        ("BDR", .sales, .entry),
        ("AE", .sales, .mid),
        ("CSM", .customerSuccess, .manager),
        ("Jr. Developer", .engineering, .entry),
        // Combined titles: highest seniority wins, functional part wins over executive.
        ("CEO & Co-Founder", .executive, .owner),
        ("Founder & CEO", .executive, .owner),
        ("Gründer & Geschäftsführer", .executive, .owner),
        ("Founder & CTO", .engineering, .owner),
        ("Chief Revenue Officer", .sales, .cSuite),
        ("Chief Marketing Officer, NL", .marketing, .cSuite),
        ("Senior Vice President Sales", .sales, .vp),
        // Word boundaries.
        ("Internal Auditor", .finance, .mid),
        ("International Sales Manager", .sales, .manager),
        ("Associate Dean", .education, .director),
        ("Product Owner", .product, .mid),
        ("Business Developer", .sales, .mid),
        ("Team Lead Support", .customerSuccess, .manager),
        // Decorations and casing.
        ("Head of Sales | EMEA", .sales, .head),
        ("Sales Representative (Benelux)", .sales, .mid),
        ("Stagiair - DACH", .other, .intern),
        ("Vertriebsleiter (m/w/d)", .sales, .head),
        ("Marketing Manager @ Acme Sales Group", .marketing, .manager),
        ("Head of Marketing at Founders Factory", .marketing, .head),
        ("Executive Assistant to the CEO", .other, .mid),
        ("Assistant to the Managing Director", .other, .mid),
        ("Head of Go-to-Market", .marketing, .head),
        ("Vertriebsleiter (m/w/d) – Region Süd", .sales, .head),
        ("Gebietsverkaufsleiter", .sales, .head),
        ("✨ CFO", .finance, .cSuite),
        ("SOFTWARE ENGINEER", .engineering, .mid),
        ("cmo", .marketing, .cSuite),
        ("Binnendienst Verkoop – Europe", .sales, .mid),
        ("it manager, nl", .it, .manager),
        // Gendered and compound German, Dutch compounds.
        ("Key Account Managerin", .sales, .manager),
        ("Kundenbetreuerin", .customerSuccess, .mid),
        ("Außendienstmitarbeiter", .sales, .mid),
        ("Geschaeftsfuehrer", .executive, .cSuite),
        ("Mitgründerin, NL", .executive, .owner),
        ("Vertriebsdirektor", .sales, .director),
        ("Abteilungsleiter Logistik", .operations, .head),
        ("Leiterin Personal", .hr, .head),
        ("Softwareentwicklerin", .engineering, .mid),
        ("VERKOOPMANAGER", .sales, .manager),
        ("Hoofd Verkoop", .sales, .head),
        ("Bedrijfsleider", .operations, .manager),
        ("HR-manager", .hr, .manager),
        ("Directiesecretaresse", .other, .mid),
        // French, Spanish, Italian, Polish.
        ("Directeur des systèmes d'information", .it, .director),
        ("Directeur d'école", .education, .director),
        ("DIRECTEUR COMMERCIAL", .sales, .director),
        ("Chargée de communication", .marketing, .mid),
        ("Responsable commercial", .sales, .manager),
        ("Co-fondatrice", .executive, .owner),
        ("Assistante de direction", .other, .mid),
        ("Alternant développeur", .engineering, .intern),
        ("Directora de Marketing", .marketing, .director),
        ("Jefe de Ventas", .sales, .head),
        ("Becaria de Recursos Humanos", .hr, .intern),
        ("Consejero Delegado", .executive, .cSuite),
        ("Amministratore Delegato", .executive, .cSuite),
        ("Responsabile Commerciale", .sales, .manager),
        ("Stagista Marketing", .marketing, .intern),
        ("Titolare", .executive, .owner),
        ("Kierownik Sprzedaży", .sales, .manager),
        ("Właściciel", .executive, .owner),
        ("Księgowa", .finance, .mid),
        ("Prezes Zarządu", .executive, .cSuite),
        ("Jestem kierownikiem", .other, .manager),
        ("dyrektorem sprzedaży", .sales, .director),
        // Plain roles.
        ("Planner", .operations, .mid),
        ("Recruiter", .hr, .mid),
        ("Systems Administrator", .it, .mid),
        ("Graduate Trainee", .other, .entry),
        ("Marketing Assistant", .marketing, .entry),
        ("Advocaat", .legal, .mid),
    ])
    func titles(title: String, function: JobFunction, level: Seniority) {
        let t = titles.normalize(title)
        #expect(t?.function == function)
        #expect(t?.seniority == level)
    }

    @Test func titleTextIsCleanedButKeepsDecorations() {
        #expect(titles.normalize("  VP  Sales ")?.title == "VP Sales")
        #expect(titles.normalize("Vorstandsvorsitzender | EMEA")?.title == "Vorstandsvorsitzender EMEA")
        #expect(titles.normalize("✨ CFO")?.title == "CFO")
        #expect(titles.normalize("Chargée de communication (Benelux)")?.title == "Chargée de communication (Benelux)")
    }

    @Test(arguments: [nil, "", "   ", "-", "n/a", "N/A", "🚀", "none", "---", "n.v.t."] as [String?])
    func noTitle(raw: String?) {
        #expect(titles.normalize(raw) == nil)
    }

    @Test func unknownWordsAreAPlainRole() {
        let t = titles.normalize("Wizard of Light")
        #expect(t?.function == .other)
        #expect(t?.seniority == .mid)
        #expect(t?.evidence == [])
    }

    @Test func evidenceNamesTheMatchedPhrases() {
        let t = titles.normalize("Senior Software Engineer")
        #expect(t?.evidence.contains("senior") == true)
        #expect(t?.evidence.contains("software") == true)
    }

    @Test func recognizesTitleText() {
        #expect(titles.recognizes("head of product"))
        #expect(!titles.recognizes("Jan"))
        #expect(!titles.recognizes("the one who signs off"))
        // Team pages tell names from titles with these tables: common surnames are no title words.
        for name in ["Anna Kaufmann", "Jan Winkel", "Piotr Trener", "Marta Mechanik", "Ewa Marka"] {
            #expect(!titles.recognizes(name), "\(name)")
        }
    }

    @Test(arguments: [
        ("C.E.O.", JobFunction.executive, Seniority.cSuite), ("V.P. Sales", .sales, .vp), ("I.T. Mgr", .it, .manager),
        ("Asst. Dir. Mktg", .marketing, .director), ("Interim Head of Ops", .operations, .head),
        ("Junior Consultant", .other, .entry), ("the CEO's assistant", .other, .mid),
        ("Ingeniero de Ventas", .sales, .mid), ("Sales Engineer", .sales, .mid), ("Engineer", .engineering, .mid),
    ])
    func grammar(title: String, function: JobFunction, level: Seniority) {
        let t = titles.normalize(title)
        #expect(t?.function == function)
        #expect(t?.seniority == level)
    }

    @Test func aPhraseIsOneLineOfYAML() throws {
        let yaml = """
        seniority:
          - level: owner
            phrases: [founder, "*grunder"]
          - level: head
            phrases: [hoofd, "head of"]
        function:
          - function: executive
            fallback: true
            phrases: [founder]
          - function: sales
            phrases: [sales, "verkoop*", "*verkoop"]
        """
        let t = try TitleNormalizer(yaml: yaml)
        #expect(t.normalize("Hoofd Verkoopafdeling")?.function == .sales)
        #expect(t.normalize("Hoofd Verkoopafdeling")?.seniority == .head)
        #expect(t.normalize("Mitgrunder")?.seniority == .owner)
        #expect(t.normalize("Founder")?.function == .executive)
        #expect(t.normalize("Binnendienstverkoop")?.function == .sales)
        #expect(t.normalize("Zookeeper")?.function == .other)
    }

    @Test(arguments: [
        "seniority: [{level: boss, phrases: [x]}]\nfunction: []",
        "seniority: []\nfunction: [{function: magic, phrases: [x]}]",
        "seniority: [{level: owner, phrases: [\"*foo bar*\"]}]\nfunction: []",
        "seniority: [{level: owner, phrases: [\"\"]}]\nfunction: []",
        "seniority: [{level: owner phrases: [x]",
    ])
    func badTablesAreRuleErrors(yaml: String) {
        #expect(throws: LeadsmithError.self) { _ = try TitleNormalizer(yaml: yaml) }
    }

    @Test func missingRuleFileIsARuleError() {
        let nowhere = RuleFiles(directory: CleaningFixtures.repoRoot.appendingPathComponent("no-such-rules"))
        do {
            _ = try TitleNormalizer(rules: nowhere)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .badRules)
            #expect(error.exitCode == 78)
        }
    }
}

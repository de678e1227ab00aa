import Testing
import LeadCore

struct CompanyNameJunkTests {
    let junk: CompanyNameJunk = {
        do { return try CompanyNameJunk(rules: CleaningFixtures.rules) } catch { fatalError("\(error)") }
    }()

    @Test(arguments: ["-", "--", "n/a", "N/A", "n.v.t.", "N.V.T.", "Freelance", "freelancer", "Privé", "prive",
                      "self-employed", "Self Employed", "none", "None", "particulier", "Student", "ZZP", "Selbstständig",
                      "autónomo", "retired", "...", "?", " ", "🚀", "test"])
    func junkValues(name: String) {
        #expect(junk.isJunk(name))
        #expect(junk.cleaned(name) == nil)
    }

    @Test(arguments: ["Acme", "Privé Jets BV", "Freelance Collective Ltd", "Student Housing Group", "n.v.t. Holding",
                      "De Jong Speelgoed B.V.", "3M", "Self Storage NL"])
    func realCompanies(name: String) {
        #expect(!junk.isJunk(name))
    }

    @Test func cleanedKeepsTheNameTidy() {
        #expect(junk.cleaned(" Blueloop  Analytics e.K. ") == "Blueloop Analytics e.K.")
        #expect(junk.cleaned("Acme ✨") == "Acme")
        #expect(junk.cleaned(nil) == nil)
    }
}

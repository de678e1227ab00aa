import LeadCore
import Testing

struct CountriesTests {
    @Test(arguments: [
        ("Netherlands", "NL"), ("The Netherlands", "NL"), ("nederland", "NL"), ("NLD", "NL"),
        ("Deutschland", "DE"), ("Allemagne", "DE"), ("DE", "DE"), ("España", "ES"), ("espana", "ES"),
        ("UK", "GB"), ("United Kingdom", "GB"), ("Royaume-Uni", "GB"), ("Österreich", "AT"),
        ("Schweiz", "CH"), ("Suisse", "CH"), ("Belgique", "BE"), ("België", "BE"), ("Italia", "IT"),
        ("Polska", "PL"), ("Niemcy", "DE"), ("U.S.A.", "US"), ("  ireland ", "IE"),
    ])
    func namesInManyLanguages(name: String, iso2: String) {
        #expect(Countries.iso2(fromName: name) == iso2)
    }

    @Test func unknownNames() {
        #expect(Countries.iso2(fromName: "Atlantis") == nil)
        #expect(Countries.iso2(fromName: "") == nil)
    }

    @Test func callingCodes() {
        #expect(Countries.callingCode(iso2: "NL") == "31")
        #expect(Countries.callingCode(iso2: "ie") == "353")
        #expect(Countries.callingCode(iso2: "US") == "1")
        #expect(Countries.iso2(fromCallingCodeOf: "+41224532779") == "CH")
        #expect(Countries.iso2(fromCallingCodeOf: "+4311592607") == "AT")
    }

    @Test(arguments: [("nl", "NL"), ("uk", "GB"), ("acme.co.uk", "GB"), ("at", "AT"), ("ch", "CH"), ("xn--schfer-mode-n8a.at", "AT")])
    func countryTLDs(tld: String, iso2: String) {
        #expect(Countries.iso2(fromTLD: tld) == iso2)
    }

    @Test(arguments: ["com", "eu", "io", "co", "org", "net"])
    func genericTLDs(tld: String) {
        #expect(Countries.iso2(fromTLD: tld) == nil)
    }
}

import LeadCore
import Testing

/// Registrable domains ("eTLD+1") from the Public Suffix List.
struct PublicSuffixTests {
    @Test(arguments: [
        ("shop.acme.co.uk", "acme.co.uk"),
        ("www.acme.nl", "acme.nl"),
        ("WWW.Acme.COM.", "acme.com"),
        // `*.ck` with the exception `!www.ck`: here `www` is the registered name, not a host prefix.
        ("www.ck", "www.ck"),
        ("shop.www.ck", "www.ck"),
        ("schäfer-mode.at", "xn--schfer-mode-n8a.at"),
    ] as [(String, String)])
    func registrableDomain(host: String, expected: String) {
        #expect(PublicSuffix.registrableDomain(host) == expected)
    }

    @Test(arguments: ["co.uk", "ck", "192.168.1.10", "", "."])
    func noRegistrableDomain(host: String) {
        #expect(PublicSuffix.registrableDomain(host) == nil)
    }
}

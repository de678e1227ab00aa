import LeadCore
import Testing

struct PhoneNumberTests {
    @Test(arguments: [
        ("+31 (0)20 123 4567", nil, "+31201234567"),
        ("0031 20 123 4567", nil, "+31201234567"),
        ("0049 (0)30 211 99142", nil, "+493021199142"),
        ("020-1234567", "NL", "+31201234567"),
        ("tel:+33520187820", nil, "+33520187820"),
        ("+33 5 20 18 78 20", nil, "+33520187820"),
        ("02 1234 5678", "IT", "+390212345678"),
        ("+39 02 1234 5678", nil, "+390212345678"),
        ("4915186311431", nil, "+4915186311431"),
        ("31612345678", nil, "+31612345678"),
        ("(415) 555-0128", "US", "+14155550128"),
        ("1-415-555-0128", nil, "+14155550128"),
        ("+44 20 7946 0519 ext. 12", nil, "+442079460519"),
        ("+44 20 7946 0519 x12", nil, "+442079460519"),
        ("089 / 588 716 06", "DE", "+498958871606"),
        ("023-3943644", "NL", "+31233943644"),
        ("+32 (0)2 789 63 65", nil, "+3227896365"),
        ("+41 22 453 27 79", "FR", "+41224532779"),
        ("tel:+4401614960022", nil, "+441614960022"),
        ("00353 21 305 9024", nil, "+353213059024"),
        ("+49 (0)89 3954 8665", nil, "+498939548665"),
        // Italy has no trunk prefix: bare digits that happen to start like another calling code are Italian.
        ("331 0123 4501", "IT", "+393310123450" + "1"),
        ("347 123 4567", "IT", "+393471234567"),
    ] as [(String, String?, String)])
    func normalisesToE164(raw: String, country: String?, expected: String) {
        #expect(PhoneNumber.e164(raw, defaultCountry: country) == expected)
    }

    @Test(arguments: [
        ("12345", "NL"),           // too short
        ("+1234567890123456", nil), // too long
        ("020-1234567", nil),      // national without a country
        ("call us", "NL"),
        ("2024", "NL"),
        ("ISO 9001:2015", "NL"),
    ] as [(String, String?)])
    func rejectsNonNumbers(raw: String, country: String?) {
        #expect(PhoneNumber.e164(raw, defaultCountry: country) == nil)
    }

    @Test func countryOfNumber() {
        #expect(PhoneNumber.country(ofE164: "+31201234567") == "NL")
        #expect(PhoneNumber.country(ofE164: "+14155550128") == "US")
        #expect(PhoneNumber.country(ofE164: "+353215768367") == "IE")
        #expect(PhoneNumber.country(ofE164: "+4311592607") == "AT")
        #expect(PhoneNumber.country(ofE164: "+999") == nil)
    }
}

import Foundation
import LeadCore
import Testing

/// libphonenumber's example numbers of 13 countries (`phone_libphonenumber/example_numbers.json`),
/// each written three ways — national (`national_prefix + NSN`, with the region as the default
/// country), `+CC NSN` and `00CC NSN` (no default country) — through ``PhoneNumber/e164(_:defaultCountry:)``.
struct PhoneConformanceTests {
    static let floor = 295

    @Test(.enabled(if: Conformance.available, "needs ../shared/conformance"))
    func libphonenumberExampleNumbers() throws {
        let cases = try Conformance.cases("phone_libphonenumber/example_numbers.json")
        var passed = 0
        var total = 0
        var differing: [String] = []
        for c in cases {
            let region = c["region"] as? String ?? ""
            let nsn = c["national_significant_number"] as? String ?? ""
            let cc = c["country_code"] as? Int ?? 0
            let e164 = c["e164"] as? String ?? ""
            let national = (c["national_prefix"] as? String ?? "") + nsn
            let forms: [(String, String?)] = [(national, region), ("+\(cc) \(nsn)", nil), ("00\(cc) \(nsn)", nil)]
            for (written, country) in forms {
                total += 1
                let got = PhoneNumber.e164(written, defaultCountry: country)
                if got == e164 {
                    passed += 1
                } else {
                    differing.append("\(region) \(c["type"] as? String ?? "") '\(written)' → \(got ?? "nil"), expected \(e164)")
                }
            }
        }
        Conformance.report("phone", passed: passed, total: total, floor: Self.floor, differing: differing)
        #expect(passed >= Self.floor, "phone: \(passed)/\(total) is below the floor \(Self.floor)")
    }
}

import Foundation
import LeadCore
import Testing

/// The Public Suffix List's own tests (`psl/cases.json`, from `tests/test_psl.txt`) through
/// ``PublicSuffix/registrableDomain(_:)``. leadsmith answers IDN hosts in punycode, so the expected
/// Unicode answer is IDNA-encoded before comparing. All 78 must hold.
struct PSLConformanceTests {
    @Test(.enabled(if: Conformance.available, "needs ../shared/conformance"))
    func publicSuffixListSuite() throws {
        let cases = try Conformance.cases("psl/cases.json")
        var passed = 0
        var differing: [String] = []
        for c in cases {
            let host = c["host"] as? String
            let expected = (c["registrable"] as? String).map { PublicSuffix.asciiHost($0) ?? $0 }
            let got = host.flatMap(PublicSuffix.registrableDomain)
            if got == expected {
                passed += 1
            } else {
                differing.append("\(host ?? "null") → \(got ?? "null"), expected \(expected ?? "null")")
            }
        }
        Conformance.report("psl", passed: passed, total: cases.count, floor: cases.count, differing: differing)
        #expect(passed == cases.count)
    }
}

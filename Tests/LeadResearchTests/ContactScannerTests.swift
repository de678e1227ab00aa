import Foundation
@testable import LeadResearch
import Testing

/// ``EmailScanner`` must find exactly what the regex it replaced finds, in the same order.
struct EmailScannerTests {
    static func regexMatches(_ text: String) -> [String] {
        let ns = text as NSString
        return ContactExtractor.emailPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    @Test func knownCases() {
        let cases = [
            "info@acme.nl", "mail: Info@Acme.co.uk.", "a@b.c", "a@b.cc@d.ee", "foo@bar@baz.com", "x@1.2.com-x",
            "jan.de-vries+news@sub-domain.example.org, piet@x.io", "@acme.nl", "a@.nl", "a@b..nl", "é@acme.nl", "aé@acme.nl",
            "a@acmé.nl", "a@b.c9d.ef", "a@b.ef9", "a@b.e", "a@b.nl.", "a@b-.nl-", "..%+_@x.yz", "a@b.cd.e1.f",
            "a@b.c1.de2", "Tel 020 1234 · info@acme.nl · www.acme.nl", "", "@", "a@", "a@b", "a@b.", "a@b.co.1",
        ]
        for c in cases { #expect(EmailScanner.matches(in: c) == Self.regexMatches(c), "\(c)") }
    }

    @Test func randomTextsMatchTheRegex() {
        let alphabet: [String] = ["a", "b", "Z", "x", "9", "0", "-", ".", ".", "_", "%", "+", "@", "@", " ", "é", "ß", "(", "]", ",", "co", "nl", "\u{00A0}", "😀", "\n"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        for _ in 0..<30_000 {
            let length = next() % 24
            let text = (0..<length).map { _ in alphabet[next() % alphabet.count] }.joined()
            #expect(EmailScanner.matches(in: text) == Self.regexMatches(text), "\(text.debugDescription)")
        }
    }
}

/// ``PostcodeScanner`` must answer as the `firstMatch` of the patterns it replaced, in their order.
struct PostcodeScannerTests {
    static func regexCountry(_ text: String) -> String? {
        let full = NSRange(location: 0, length: (text as NSString).length)
        for (re, country) in ContactExtractor.postcodes where re.firstMatch(in: text, range: full) != nil { return country }
        return nil
    }

    @Test func knownCases() {
        let cases = [
            "London SW1A 1AA", "EC1A 1BB", "W1 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "xSW1A 1AA", "SW1A 1AAx",
            "1012 AB Amsterdam", "1012AB", "1012 SA", "1012 SS", "0123 AB", "31012 AB", "1012 ab", "D02 X285", "D6W 1234",
            "A65 F4E2", "T12 AB3C", "D25 1234", "B12 1234", "É1012 AB", "1012 ABé", "", "1", "SW1A 1A",
        ]
        for c in cases { #expect(PostcodeScanner.country(in: c) == Self.regexCountry(c), "\(c)") }
    }

    @Test func randomTextsMatchThePatterns() {
        let alphabet: [String] = ["A", "B", "D", "S", "W", "X", "T", "0", "1", "2", "6", "9", " ", " ", "a", "é", "-", "1012", "SW1A", "D0"]
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        for _ in 0..<30_000 {
            let length = next() % 14
            let text = (0..<length).map { _ in alphabet[next() % alphabet.count] }.joined()
            #expect(PostcodeScanner.country(in: text) == Self.regexCountry(text), "\(text.debugDescription)")
        }
    }
}

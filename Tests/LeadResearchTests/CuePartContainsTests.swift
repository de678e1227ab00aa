import Foundation
@testable import LeadResearch
import LeadTestSupport
import Testing

/// `CuePart.contains` (a byte search for plain Latin text, Foundation for the rest) against Foundation's
/// `String.contains`, which it stands in for.
struct CuePartContainsTests {
    /// What the search must agree with: Foundation's search, as `CuePart.contains` ran before it had a
    /// Latin fast path.
    static func reference(_ word: String, _ part: String) -> Bool { word.contains(part) }

    @Test(arguments: [
        ("gründung", "gründ", true), ("gegründet", "gründ", true), ("gegrundet", "gründ", false),
        ("gegründet", "grund", false), ("założyciela", "założyciel", true), ("zalozyciela", "założyciel", false),
        ("séminaires", "séminaire", true), ("seminaires", "séminaire", false), ("wettbewerbspreis", "preis", true),
        ("café", "caf", true), ("café", "cafe", false), ("cafe\u{301}", "cafe", false), ("cafe\u{301}s", "café", true),
        ("gru\u{308}ndung", "gründ", true), ("gründung", "gru\u{308}nd", true), ("\u{212A}ilo", "Kilo", true),
        ("a\u{37E}b", "a;b", true), ("ab\u{AD}c", "abc", false), ("ﬁle", "file", false), ("straße", "strasse", false),
        ("börse", "BÖRSE", false), ("Börse", "börse", false), ("ab\u{200D}c", "abc", false),
    ])
    func knownCases(word: String, part: String, expected: Bool) {
        #expect(Self.reference(word, part) == expected, "the reference itself: \(word.debugDescription) ⊇ \(part.debugDescription)")
        #expect(CuePart.contains(word, part) == expected, "\(word.debugDescription) ⊇ \(part.debugDescription)")
    }

    @Test func plainLatinIsTheScalarRange() {
        for v in UInt32(0)..<0x300 {
            guard let s = Unicode.Scalar(v) else { continue }
            var text = String(Character(s))
            let plain = text.withUTF8 { CuePart.isPlainLatin($0) }
            let expected = (0x20..<0x7F).contains(v) || ((0xA0..<0x250).contains(v) && v != 0xAD)
            #expect(plain == expected, "U+\(String(v, radix: 16))")
        }
    }

    /// Letters of every supported language, upper and lower case, and what makes Foundation's search
    /// differ from a byte search: combining marks, canonical singletons (Kelvin sign, Greek question
    /// mark, Ångström sign), the soft hyphen, joiners, controls and other scripts.
    static let plain: [String] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'.").map(String.init)
    static let accented: [String] = Array("äöüßÄÖÜéèêëàâçîïôûùœæÉÈÀÇÔáíóúñÁÍÓÚÑìòÌÒąćęłńóśźżĄĆĘŁŃÓŚŹŻĳøåÿ").map(String.init)
    static let awkward: [String] = [
        "e\u{301}", "a\u{308}", "o\u{308}", "u\u{308}", "z\u{307}", "c\u{327}", "n\u{303}", "\u{301}", "\u{308}",
        "\u{212A}", "\u{37E}", "\u{212B}", "\u{AD}", "\u{200D}", "\u{200B}", "\u{0007}", "\r\n", "\u{85}",
        "ω", "Ж", "中", "ﬁ", "½", "ǅ", "Å",
    ]

    /// Decomposes, recomposes or case-flips one character of `s`, so that near misses are tried too.
    static func mutate(_ s: String, _ rng: inout SplitMix64) -> String {
        var chars = Array(s)
        guard !chars.isEmpty else { return s }
        let i = Int(rng.next() % UInt64(chars.count))
        let c = String(chars[i])
        let options = [c.decomposedStringWithCanonicalMapping, c.precomposedStringWithCanonicalMapping, c.uppercased(),
                       c.lowercased(), c.folding(options: .diacriticInsensitive, locale: nil)]
        chars.replaceSubrange(i...i, with: Array(options[Int(rng.next() % UInt64(options.count))]))
        return String(chars)
    }

    static func word(_ rng: inout SplitMix64, awkwardShare: UInt64) -> String {
        let n = 1 + Int(rng.next() % 14)
        var out = ""
        for _ in 0..<n {
            let r = rng.next() % 100
            let pool = r < awkwardShare ? awkward : (r < 55 ? plain : accented)
            out += pool[Int(rng.next() % UInt64(pool.count))]
        }
        return out
    }

    @Test func agreesWithFoundationOnGeneratedTexts() {
        var rng = SplitMix64(state: 0x6C65_6164_736D_6974)
        var fast = 0, slow = 0, found = 0, missed = 0
        for k in 0..<40_000 {
            // A third of the words carry awkward characters, so both paths are tried often.
            let w = Self.word(&rng, awkwardShare: k % 3 == 0 ? 12 : 0)
            var part: String
            switch rng.next() % 4 {
            case 0: part = Self.word(&rng, awkwardShare: k % 3 == 0 ? 12 : 0)
            default:
                // A piece of the word by scalars (it may split a composed character) or characters.
                let scalars = Array(w.unicodeScalars)
                let a = Int(rng.next() % UInt64(scalars.count))
                let b = a + 1 + Int(rng.next() % UInt64(scalars.count - a))
                part = String(String.UnicodeScalarView(scalars[a..<b]))
            }
            if rng.next() % 3 == 0 { part = Self.mutate(part, &rng) }
            var ww = w, pp = part
            let isFast = ww.withUTF8 { CuePart.isPlainLatin($0) } && pp.withUTF8 { CuePart.isPlainLatin($0) }
            if isFast { fast += 1 } else { slow += 1 }
            let expected = Self.reference(w, part)
            if expected { found += 1 } else { missed += 1 }
            let got = CuePart.contains(w, part)
            if got != expected {
                Issue.record("\(w.debugDescription) ⊇ \(part.debugDescription): \(got), Foundation \(expected)")
                return
            }
        }
        // The generated set reaches both paths and both answers.
        #expect(fast > 20_000 && slow > 5_000 && found > 10_000 && missed > 10_000, "fast \(fast) slow \(slow) found \(found) missed \(missed)")
    }
}

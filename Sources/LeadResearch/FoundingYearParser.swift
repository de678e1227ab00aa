import Foundation
import LeadCore

/// The founding-year vocabulary (`rules/founding_phrases.yaml`).
public struct FoundingPhrases: Sendable, Decodable {
    var strongBefore: [String]
    var strongAfter: [String]
    var weakBefore: [String]
    var negativeBefore: [String]
    /// Words right before a weak "since" that make it date a relationship, not the company
    /// ("HubSpot customer since 2020", "Partner seit 2018").
    var weakNotAfter: [String]?

    enum CodingKeys: String, CodingKey {
        case strongBefore = "strong_before"
        case strongAfter = "strong_after"
        case weakBefore = "weak_before"
        case negativeBefore = "negative_before"
        case weakNotAfter = "weak_not_after"
    }
}

/// Finds explicit founding statements ("founded in 1998", "Gegründet 1913", "Since 1994 we …").
struct FoundingYearParser: Sendable {
    let strongBefore: [TokenPhrase]
    let strongAfter: [TokenPhrase]
    let weakBefore: [TokenPhrase]
    let weakNotAfter: Set<String>
    let currentYear: Int

    init(phrases: FoundingPhrases, currentYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) {
        func compile(_ l: [String]) -> [TokenPhrase] {
            l.map { TokenPhrase($0) }.filter { !$0.parts.isEmpty }.sorted { $0.parts.count > $1.parts.count }
        }
        strongBefore = compile(phrases.strongBefore)
        strongAfter = compile(phrases.strongAfter)
        weakBefore = compile(phrases.weakBefore)
        weakNotAfter = Set((phrases.weakNotAfter ?? []).map { $0.lowercased() })
        self.currentYear = currentYear
    }

    /// A year and whether it came from a strong phrase.
    struct Claim: Sendable, Equatable {
        var year: Int
        var strong: Bool
        var evidence: String
    }

    func claims(in text: String) -> [Claim] {
        // Cheap pre-check: a 4-digit run must exist.
        var run = 0
        var hasYear = false
        for u in text.utf8 {
            if u >= 0x30 && u <= 0x39 { run += 1; if run == 4 { hasYear = true; break } } else { run = 0 }
        }
        guard hasYear else { return [] }
        let tokens = TextTokenizer.tokens(text)
        var out: [Claim] = []
        for i in tokens.indices {
            guard let y = tokens[i].number, tokens[i].text.count == 4, y >= 1700, y <= currentYear else { continue }
            // Ranges (© 2005–2024) and ISO 9001:2015 are not founding years.
            if i + 1 < tokens.count, ["-", "–", "—", "/"].contains(tokens[i + 1].text) { continue }
            if i > 0, tokens[i - 1].text == ":" { continue }
            if i > 0, ["-", "–", "—"].contains(tokens[i - 1].text) { continue }
            let clause = clauseRange(tokens, around: i)
            // Strong: keyword right before (allowing "in"/"im" and one word between).
            var strong = false
            for p in strongBefore {
                for gap in 0...1 where p.matches(tokens, endingAt: i - gap) {
                    if gap == 1, !["in", "im", "en", "nel", "w", "anno", "year", "jahr"].contains(tokens[i - 1].text) { continue }
                    strong = true
                }
                if strong { break }
            }
            if !strong {
                // "wurde 2011 gegründet", "in 1998 opgericht".
                for p in strongAfter where p.matches(tokens, at: i + 1) || p.matches(tokens, at: i + 2) {
                    strong = true
                    break
                }
            }
            if strong {
                out.append(Claim(year: y, strong: true, evidence: evidence(tokens, clause)))
                continue
            }
            // Weak: "since YEAR" with no other number in the clause, and not a relationship's
            // start ("HubSpot-Kunde seit 2020").
            if let phrase = weakBefore.first(where: { $0.matches(tokens, endingAt: i) }) {
                let before = i - phrase.parts.count - 1
                let relation = before >= 0 && weakNotAfter.contains(where: { tokens[before].text.hasSuffix($0) })
                let others = tokens[clause].contains { $0.number != nil && $0.offset != tokens[i].offset }
                if !others && !relation { out.append(Claim(year: y, strong: false, evidence: evidence(tokens, clause))) }
            }
        }
        return out
    }

    /// The token range of the sentence around `i` (between boundaries).
    private func clauseRange(_ tokens: [TextToken], around i: Int) -> Range<Int> {
        var a = i
        while a > 0, tokens[a - 1].kind != .boundary { a -= 1 }
        var b = i + 1
        while b < tokens.count, tokens[b].kind != .boundary { b += 1 }
        return a..<b
    }

    private func evidence(_ tokens: [TextToken], _ r: Range<Int>) -> String {
        tokens[r].map(\.text).joined(separator: " ")
    }
}

import Foundation
import LeadCore

/// Scores every year in a text by the founding cue classes around it (`rules/founding_phrases.yaml`):
/// "founded in 1998", "Gegründet 1913", "her grandfather set up the workshop in 1958", "Sinds 1952 …";
/// not "CEO since 2015", "listed since 2007", "moved in 2016", "ISO 9001:2015", "© 2005–2024".
struct FoundingYearParser: Sendable {
    let lexicon: CueLexicon
    let currentYear: Int
    private let cue: Set<Int>
    private let since: Set<Int>
    private let filler: Set<Int>
    private let negative: Set<Int>
    private let relation: Set<Int>
    private let possessive: Set<Int>
    private let joiner: Set<Int>

    /// The kinds a founding rules file may use (see the file's header).
    static let schema = CueSchema(
        kinds: ["cue", "since", "filler", "negative", "relation", "possessive", "joiner"],
        required: ["cue", "since", "negative"],
        everyLanguage: ["cue", "since", "negative"],
        negative: ["negative", "relation"], positive: ["cue", "since"])

    /// - Throws: ``LeadsmithError`` `bad_rules` when the classes do not follow ``schema``.
    init(spec: CueFileSpec, file: String,
         currentYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) throws(LeadsmithError) {
        lexicon = try CueLexicon(spec, schema: Self.schema, file: file)
        self.currentYear = currentYear
        cue = lexicon.mask("cue")
        since = lexicon.mask("since")
        filler = lexicon.mask("filler")
        negative = lexicon.mask("negative")
        relation = lexicon.mask("relation")
        possessive = lexicon.mask("possessive")
        joiner = lexicon.mask("joiner")
    }

    /// A year, its score, and whether a founding/beginning cue (not only a "since") states it.
    struct Claim: Sendable, Equatable {
        var year: Int
        var strong: Bool
        var score: Double
        var evidence: String
    }

    /// Every year in `text` that scores at least the threshold.
    func claims(in text: String, language: String? = nil) -> [Claim] {
        guard mayHoldYear(text) else { return [] }
        return claims(tokens: TextTokenizer.tokens(text), language: language)
    }

    /// Whether `text` may hold a year: a run of four digits (a cheap pre-check before tokenising).
    func mayHoldYear(_ text: String) -> Bool {
        var run = 0
        for u in text.utf8 {
            if u >= 0x30 && u <= 0x39 { run += 1; if run == 4 { return true } } else { run = 0 }
        }
        return false
    }

    /// Every year that scores at least the threshold in a text's tokens (`TextTokenizer.tokens(text)`),
    /// so a caller that also hands the text to another phrase parser tokenises it once. No pre-check.
    func claims(tokens: [TextToken], language: String? = nil) -> [Claim] {
        let years = tokens.indices.filter { isCandidate(tokens, $0) }
        guard !years.isEmpty else { return [] }
        let lang = language.flatMap { CueLanguages.supported.contains($0) ? $0 : nil }
        let hits = lexicon.hits(tokens, language: lang)
        let bounds = ClauseBounds(tokens, hits: hits, joiners: joiner)
        var out: [Claim] = []
        for i in years {
            guard let y = tokens[i].number else { continue }
            let sentence = bounds.sentence[i]
            let phrase = bounds.phrase[i]
            var cueScore = 0.0
            var sinceScore = 0.0
            var negativeScore = 0.0
            var weakNegative = 0.0
            for k in sentence {
                for h in hits[k] {
                    let c = lexicon.classes[h.cls]
                    let distance = h.start > i ? h.start - i : i - (h.end - 1)
                    guard distance <= c.reach else { continue }
                    if cue.contains(h.cls) {
                        cueScore = max(cueScore, c.weight)
                    } else if since.contains(h.cls), h.end <= i, onlyFillers(hits, from: h.end, to: i) {
                        sinceScore = max(sinceScore, c.weight)
                    } else if negative.contains(h.cls) {
                        if phrase.contains(h.start) {
                            negativeScore = min(negativeScore, c.weight)
                        } else if c.weakScope == "sentence" {
                            weakNegative = min(weakNegative, c.weight)
                        }
                    } else if relation.contains(h.cls) {
                        let owned = h.start > 0 && hits[h.start - 1].contains { possessive.contains($0.cls) }
                        guard !owned else { continue }
                        if h.end <= i { negativeScore = min(negativeScore, c.weight) } else { weakNegative = min(weakNegative, c.weight) }
                    }
                }
            }
            // A bare "since" is fragile: anything in the sentence that dates something else rules it out.
            let weak = cueScore < sinceScore || cueScore == 0
            let score = max(cueScore, sinceScore) + negativeScore + (weak ? weakNegative : 0)
            guard score >= lexicon.threshold else { continue }
            let strong = !weak && score >= lexicon.strong
            out.append(Claim(year: y, strong: strong, score: score, evidence: evidence(tokens, sentence)))
        }
        return out
    }

    /// A 4-digit year in range that is not part of a range ("2005–2024") or a standard ("9001:2015").
    private func isCandidate(_ tokens: [TextToken], _ i: Int) -> Bool {
        guard let y = tokens[i].number, tokens[i].text.count == 4, y >= 1700, y <= currentYear else { return false }
        let dashes: Set<String> = ["-", "–", "—", "/"]
        if i + 2 < tokens.count, dashes.contains(tokens[i + 1].text), tokens[i + 2].number != nil { return false }
        if i >= 2, dashes.contains(tokens[i - 1].text), tokens[i - 2].number != nil { return false }
        if i >= 2, tokens[i - 1].text == ":", tokens[i - 2].number != nil,
           tokens[i - 2].offset + tokens[i - 2].text.unicodeScalars.count == tokens[i - 1].offset { return false }
        return true
    }

    /// Whether tokens `from..<to` are all fillers ("the year", "dem Jahr").
    private func onlyFillers(_ hits: [[CueHit]], from: Int, to: Int) -> Bool {
        guard to - from <= 3 else { return false }
        var k = from
        while k < to {
            guard let h = hits[k].first(where: { filler.contains($0.cls) }) else { return false }
            k = h.end
        }
        return true
    }

    private func evidence(_ tokens: [TextToken], _ r: Range<Int>) -> String {
        tokens[r].map(\.text).joined(separator: " ")
    }
}

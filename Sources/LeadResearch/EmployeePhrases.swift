import Foundation
import LeadCore

/// The employee-count vocabulary (`rules/employee_phrases.yaml`): nouns, qualifiers, range joiners,
/// "team of" openers, one-person phrases and number words per language.
public struct EmployeePhrases: Sendable, Decodable {
    var nouns: [String]
    var fillers: [String]
    var approx: [String]
    var lowerBound: [String]
    var rangeJoiners: [String]
    var teamOf: [String]
    var solo: [String]
    var negativeBefore: [String]
    /// Language → word → value; a leading `~` marks an approximate form ("quarantaine").
    var numberWords: [String: [String: String]]

    enum CodingKeys: String, CodingKey {
        case nouns, fillers, approx, solo
        case lowerBound = "lower_bound"
        case rangeJoiners = "range_joiners"
        case teamOf = "team_of"
        case negativeBefore = "negative_before"
        case numberWords = "number_words"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        nouns = try c.decode([String].self, forKey: .nouns)
        fillers = try c.decodeIfPresent([String].self, forKey: .fillers) ?? []
        approx = try c.decodeIfPresent([String].self, forKey: .approx) ?? []
        lowerBound = try c.decodeIfPresent([String].self, forKey: .lowerBound) ?? []
        rangeJoiners = try c.decodeIfPresent([String].self, forKey: .rangeJoiners) ?? []
        teamOf = try c.decodeIfPresent([String].self, forKey: .teamOf) ?? []
        solo = try c.decodeIfPresent([String].self, forKey: .solo) ?? []
        negativeBefore = try c.decodeIfPresent([String].self, forKey: .negativeBefore) ?? []
        numberWords = try c.decodeIfPresent([String: [String: String]].self, forKey: .numberWords) ?? [:]
    }
}

/// A phrase as a token sequence, for matching against ``TextToken``s.
struct TokenPhrase: Sendable, Hashable {
    var parts: [String]

    init(_ text: String) {
        parts = TextTokenizer.tokens(text.lowercased()).filter { $0.kind != .boundary }.map(\.text)
    }

    /// Whether the phrase matches `tokens` starting at `i`.
    func matches(_ tokens: [TextToken], at i: Int) -> Bool {
        guard !parts.isEmpty, i >= 0, i + parts.count <= tokens.count else { return false }
        for (k, p) in parts.enumerated() where tokens[i + k].text != p { return false }
        return true
    }

    /// Whether the phrase ends right before index `end` (exclusive).
    func matches(_ tokens: [TextToken], endingAt end: Int) -> Bool {
        matches(tokens, at: end - parts.count)
    }
}

/// Compiled ``EmployeePhrases`` for fast matching.
struct EmployeeMatcher: Sendable {
    let nouns: [TokenPhrase]
    let nounFirstWords: Set<String>
    let fillers: Set<String>
    let approx: [TokenPhrase]
    let lowerBound: [TokenPhrase]
    let joiners: Set<String>
    let teamOf: [TokenPhrase]
    let solo: [TokenPhrase]
    let negativeBefore: Set<String>
    /// Language → word → (value, approximate?); `""` holds every language's words.
    let numberWordsByLanguage: [String: [String: (Int, Bool)]]
    /// Tens words (20–90) of every language as UTF-8, by last byte: the end of compounds like
    /// "fünfundzwanzig".
    let tensByLastByte: [[[UInt8]]]
    /// The start of every noun, "team of" and one-person phrase: a text without any of them holds
    /// no employee statement, so it is not tokenised at all.
    let triggers: MultiMatcher
    /// The start of every one-person phrase.
    let soloStarts: MultiMatcher
    /// Every number word (lower, upper and capitalised); a text without digits needs one as a word.
    let numberWordMatcher: MultiMatcher
    /// Per pattern of ``numberWordMatcher``: a tens word, which may end a compound ("fünfundzwanzig").
    let numberWordIsTens: [Bool]

    init(_ p: EmployeePhrases) {
        func phrases(_ list: [String]) -> [TokenPhrase] {
            list.map { TokenPhrase($0) }.filter { !$0.parts.isEmpty }.sorted { $0.parts.count > $1.parts.count }
        }
        nouns = phrases(p.nouns)
        nounFirstWords = Set(nouns.compactMap(\.parts.first))
        fillers = Set(p.fillers.map { $0.lowercased() })
        approx = phrases(p.approx)
        lowerBound = phrases(p.lowerBound)
        joiners = Set(p.rangeJoiners.map { $0.lowercased() })
        teamOf = phrases(p.teamOf)
        solo = phrases(p.solo)
        negativeBefore = Set(p.negativeBefore.map { $0.lowercased() })
        var byLanguage: [String: [String: (Int, Bool)]] = [:]
        for (lang, table) in p.numberWords {
            for (k, v) in table {
                let approx = v.hasPrefix("~")
                guard let n = Int(approx ? String(v.dropFirst()) : v) else { continue }
                byLanguage[lang.lowercased(), default: [:]][k.lowercased()] = (n, approx)
                if byLanguage[""]?[k.lowercased()] == nil { byLanguage["", default: [:]][k.lowercased()] = (n, approx) }
            }
        }
        numberWordsByLanguage = byLanguage
        var tens = [[[UInt8]]](repeating: [], count: 256)
        for word in (byLanguage[""] ?? [:]).filter({ !$0.value.1 && $0.value.0 >= 20 && $0.value.0 < 100 && $0.value.0 % 10 == 0 }).keys.sorted() {
            if let last = word.utf8.last { tens[Int(last)].append(Array(word.utf8)) }
        }
        tensByLastByte = tens
        var starts = Set<String>()
        for phrase in nouns + teamOf + solo {
            guard let first = phrase.parts.first else { continue }
            let stem = String(first.prefix { $0.isLetter })
            guard stem.count >= 2 else { continue }
            starts.formUnion([stem, stem.uppercased(), stem.prefix(1).uppercased() + stem.dropFirst()])
        }
        triggers = MultiMatcher(starts.sorted(), ignoringASCIICase: true)
        func variants(_ w: String) -> [String] { [w, w.uppercased(), w.prefix(1).uppercased() + w.dropFirst()] }
        var soloWords = Set<String>()
        for phrase in solo {
            guard let first = phrase.parts.first else { continue }
            let stem = String(first.prefix { $0.isLetter })
            if stem.count >= 2 { soloWords.formUnion(variants(stem)) }
        }
        soloStarts = MultiMatcher(soloWords.sorted(), ignoringASCIICase: true)
        var numberPatterns: [(String, Bool)] = []
        for (word, value) in (byLanguage[""] ?? [:]).sorted(by: { $0.key < $1.key }) {
            let tens = !value.1 && value.0 >= 20 && value.0 < 100 && value.0 % 10 == 0
            for v in Set(variants(word)).sorted() { numberPatterns.append((v, tens)) }
        }
        numberWordMatcher = MultiMatcher(numberPatterns.map(\.0), ignoringASCIICase: true)
        numberWordIsTens = numberPatterns.map(\.1)
    }

    /// Whether `text` may hold an employee statement: a digit, a one-person phrase, or a number word
    /// standing as a word (a tens word may end a compound). Errs on the side of yes.
    func mayHoldCount(_ text: String) -> Bool {
        guard triggers.matchesAny(text) else { return false }
        var copy = text
        return copy.withUTF8 { bytes in
            for b in bytes where b >= 0x30 && b <= 0x39 { return true }
            if soloStarts.firstOccurrence(in: bytes, where: { _, _ in true }) { return true }
            func isASCIILetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
            return numberWordMatcher.firstOccurrence(in: bytes) { pattern, end in
                let start = end + 1 - numberWordMatcher.lengths[pattern]
                let after = end + 1 < bytes.count ? bytes[end + 1] : 0x20
                guard !isASCIILetter(after) else { return false }
                if numberWordIsTens[pattern] { return true }
                let before = start > 0 ? bytes[start - 1] : 0x20
                return !isASCIILetter(before)
            }
        }
    }

    /// The number words for a page language (all languages when unknown).
    func numberWords(for language: String?) -> [String: (Int, Bool)] {
        if let language, let table = numberWordsByLanguage[language.lowercased()] { return table }
        return numberWordsByLanguage[""] ?? [:]
    }

    /// The value of a number word, including compounds ("twenty-five", "fünfundzwanzig", "vijfentwintig").
    func wordValue(_ w: String, _ numberWords: [String: (Int, Bool)]) -> (Int, Bool)? {
        if let v = numberWords[w] { return v }
        if w.utf8.contains(0x2D) {
            let parts = w.split(separator: "-").map(String.init)
            var sum = 0
            for part in parts {
                guard let v = numberWords[part], !v.1 else { return nil }
                sum += v.0
            }
            return parts.count > 1 ? (sum, false) : nil
        }
        // A compound ends in a tens word: compare the word's last bytes with the tens words that
        // end in the same byte before trying the joiners.
        let utf8 = w.utf8
        guard utf8.count >= 6, let last = utf8.last else { return nil }
        guard tensByLastByte[Int(last)].contains(where: { t in t.count < utf8.count && utf8.suffix(t.count).elementsEqual(t) }) else {
            return nil
        }
        for joiner in ["und", "en", "ën"] {
            if let r = w.firstRange(of: joiner), r.lowerBound != w.startIndex, r.upperBound != w.endIndex {
                let unit = String(w[..<r.lowerBound])
                let tens = String(w[r.upperBound...])
                if let u = numberWords[unit], let t = numberWords[tens], !u.1, !t.1, u.0 < 10, t.0 >= 20, t.0 < 100 {
                    return (u.0 + t.0, false)
                }
            }
        }
        return nil
    }
}

/// Finds employee-count statements in visible text ("ruim 200 medewerkers", "a team of 45", "50–200 employees").
struct EmployeeCountParser: Sendable {
    let m: EmployeeMatcher

    init(phrases: EmployeePhrases) {
        m = EmployeeMatcher(phrases)
    }

    /// A claim and the text it came from.
    struct Claim: Sendable, Equatable {
        var count: EmployeeCount
        var evidence: String
    }

    /// Every employee statement in `text` (one segment of visible text).
    ///
    /// - Parameter precheck: skip texts that cannot hold a statement (``EmployeeMatcher/mayHoldCount(_:)``);
    ///   off only to test that the check never drops a statement.
    func claims(in text: String, language: String? = nil, precheck: Bool = true) -> [Claim] {
        if precheck, !m.mayHoldCount(text) { return [] }
        let words = m.numberWords(for: language)
        let tokens = TextTokenizer.tokens(text)
        guard !tokens.isEmpty else { return [] }
        var out: [Claim] = []
        // One-person businesses.
        for i in tokens.indices where tokens[i].isWord {
            for p in m.solo where p.matches(tokens, at: i) {
                out.append(Claim(count: EmployeeCount(kind: .exact, min: 1, max: 1), evidence: snippet(text, tokens, i, i + p.parts.count)))
                break
            }
        }
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let t = tokens[i]
            var value: Int
            var approxWord = false
            if let n = t.number {
                value = n
            } else if t.isWord, let (v, a) = m.wordValue(t.text, words) {
                value = v
                approxWord = a
            } else {
                continue
            }
            guard value > 0, value < 5_000_000 else { continue }
            var j = i + 1
            var plus = false
            var rangeEnd: Int?
            if j < tokens.count, tokens[j].text == "+" { plus = true; j += 1 }
            // Range: "50–200", "between 2 and 10", "201 à 500".
            if !plus, j + 1 < tokens.count, m.joiners.contains(tokens[j].text) || tokens[j].text == "-" {
                let next = tokens[j + 1]
                let endValue = next.number ?? (next.isWord ? m.wordValue(next.text, words).map(\.0) : nil)
                if let e = endValue, e > value, !startsNoun(tokens, j) {
                    rangeEnd = e
                    j += 2
                    if j < tokens.count, tokens[j].text == "+" { j += 1 }
                }
            }
            // Approximate number words take "de"/"of" ("une quarantaine de collaborateurs").
            if approxWord, j < tokens.count, ["de", "d'", "of", "di"].contains(tokens[j].text) { j += 1 }
            var skipped = 0
            while j < tokens.count, skipped < 3, tokens[j].isWord, m.fillers.contains(tokens[j].text) { j += 1; skipped += 1 }
            let nounHere = startsNoun(tokens, j)
            let teamBefore = m.teamOf.contains { $0.matches(tokens, endingAt: i) }
                || m.teamOf.contains { p in
                    // "a team of about 45": a qualifier between the opener and the number.
                    (m.approx + m.lowerBound).contains { q in q.matches(tokens, endingAt: i) && p.matches(tokens, endingAt: i - q.parts.count) }
                }
            guard nounHere || teamBefore else { continue }
            // A number word alone ("one", "een") is too weak without a noun right after it.
            if t.number == nil, !nounHere { continue }
            // Counts of other things ("helped 2,000 people").
            let windowStart = max(0, i - 4)
            if tokens[windowStart..<i].contains(where: { m.negativeBefore.contains($0.text) }) { continue }
            // A year is not a head count ("in 2015 people").
            if t.number != nil, value >= 1900, value <= 2100, rangeEnd == nil, !plus,
               i > 0, ["in", "since", "seit", "sinds", "depuis", "desde", "dal", "en", "im"].contains(tokens[i - 1].text) { continue }
            let count: EmployeeCount
            let lowerBefore = m.lowerBound.first { $0.matches(tokens, endingAt: i) }
            let approxBefore = m.approx.first { $0.matches(tokens, endingAt: i) }
            if let e = rangeEnd {
                count = EmployeeCount(kind: .range, min: value, max: e)
            } else if plus || lowerBefore != nil {
                count = EmployeeCount(kind: .lowerBound, min: value, max: nil)
            } else if approxBefore != nil || approxWord {
                count = EmployeeCount(kind: .approx, min: value, max: value)
            } else {
                count = EmployeeCount(kind: .exact, min: value, max: value)
            }
            let from = max(0, i - max(lowerBefore?.parts.count ?? 0, approxBefore?.parts.count ?? 0, 3))
            out.append(Claim(count: count, evidence: snippet(text, tokens, from, min(tokens.count, j + 3))))
        }
        return out
    }

    private func startsNoun(_ tokens: [TextToken], _ j: Int) -> Bool {
        guard j < tokens.count, tokens[j].isWord, m.nounFirstWords.contains(tokens[j].text) else { return false }
        return m.nouns.contains { $0.matches(tokens, at: j) }
    }

    private func snippet(_ text: String, _ tokens: [TextToken], _ from: Int, _ to: Int) -> String {
        let utf = Array(text.unicodeScalars)
        let a = tokens[max(0, from)].offset
        let lastTok = tokens[max(0, min(tokens.count - 1, to - 1))]
        let b = min(utf.count, lastTok.offset + lastTok.text.unicodeScalars.count)
        guard a < b else { return "" }
        return String(String.UnicodeScalarView(utf[a..<b]))
    }
}

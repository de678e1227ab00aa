import Foundation

/// Number words per language (`number_words` of `rules/employee_phrases.yaml`): values, approximate
/// forms ("une quarantaine"), compounds ("twenty-five", "fünfundzwanzig", "vijfentwintig",
/// "venticinque") and a pre-check for texts that hold none.
struct NumberWords: Sendable {
    /// Language → word → (value, approximate?); `""` holds every language's words.
    private let byLanguage: [String: [String: (Int, Bool)]]
    /// Tens words (20–90) of every language as UTF-8, by last byte: the end of compounds like "fünfundzwanzig".
    private let tensByLastByte: [[[UInt8]]]
    /// Every number word (lower, upper and capitalised).
    private let matcher: MultiMatcher
    /// Per pattern of ``matcher``: a tens word, which may end a compound.
    private let isTens: [Bool]
    /// First words of the number words written as several words ("half a dozen", "un centenar").
    private let phraseStarts: Set<String>
    /// The most words a number word spans.
    static let longestPhrase = 3

    init(_ table: [String: [String: String]]) {
        var byLanguage: [String: [String: (Int, Bool)]] = [:]
        for lang in table.keys.sorted() {
            for (k, v) in table[lang]!.sorted(by: { $0.key < $1.key }) {
                let approx = v.hasPrefix("~")
                guard let n = Int(approx ? String(v.dropFirst()) : v) else { continue }
                byLanguage[lang.lowercased(), default: [:]][k.lowercased()] = (n, approx)
                if byLanguage[""]?[k.lowercased()] == nil { byLanguage["", default: [:]][k.lowercased()] = (n, approx) }
            }
        }
        self.byLanguage = byLanguage
        phraseStarts = Set((byLanguage[""] ?? [:]).keys.compactMap { w in
            let parts = w.split(separator: " ")
            return parts.count > 1 && parts.count <= Self.longestPhrase ? String(parts[0]) : nil
        })
        func tensWord(_ v: (Int, Bool)) -> Bool { !v.1 && v.0 >= 20 && v.0 < 100 && v.0 % 10 == 0 }
        var tens = [[[UInt8]]](repeating: [], count: 256)
        for word in (byLanguage[""] ?? [:]).filter({ tensWord($0.value) }).keys.sorted() {
            if let last = word.utf8.last { tens[Int(last)].append(Array(word.utf8)) }
        }
        tensByLastByte = tens
        func variants(_ w: String) -> [String] { [w, w.uppercased(), w.prefix(1).uppercased() + w.dropFirst()] }
        var patterns: [(String, Bool)] = []
        for (word, value) in (byLanguage[""] ?? [:]).sorted(by: { $0.key < $1.key }) {
            for v in Set(variants(word)).sorted() { patterns.append((v, tensWord(value))) }
        }
        matcher = MultiMatcher(patterns.map(\.0), ignoringASCIICase: true)
        isTens = patterns.map(\.1)
    }

    /// Whether a number word of several words may start with `word`.
    func startsPhrase(_ word: String) -> Bool { phraseStarts.contains(word) }

    /// The words for a page language (all languages when unknown).
    func table(for language: String?) -> [String: (Int, Bool)] {
        if let language, let t = byLanguage[language.lowercased()] { return t }
        return byLanguage[""] ?? [:]
    }

    /// Whether `text` has a number word standing as a word (a tens word may end a compound).
    func mayHoldNumber(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            func isASCIILetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
            return matcher.firstOccurrence(in: bytes) { pattern, end in
                let start = end + 1 - matcher.lengths[pattern]
                let after = end + 1 < bytes.count ? bytes[end + 1] : 0x20
                guard !isASCIILetter(after) else { return false }
                if isTens[pattern] { return true }
                let before = start > 0 ? bytes[start - 1] : 0x20
                return !isASCIILetter(before)
            }
        }
    }

    /// The value of a number word, including compounds ("twenty-five", "fünfundzwanzig", "vijfentwintig").
    func value(_ w: String, _ words: [String: (Int, Bool)]) -> (Int, Bool)? {
        if let v = words[w] { return v }
        if w.utf8.contains(0x2D) {
            let parts = w.split(separator: "-").map(String.init)
            var sum = 0
            for part in parts {
                guard let v = words[part], !v.1 else { return nil }
                sum += v.0
            }
            return parts.count > 1 ? (sum, false) : nil
        }
        let utf8 = w.utf8
        guard utf8.count >= 6, let last = utf8.last else { return nil }
        guard tensByLastByte[Int(last)].contains(where: { t in t.count < utf8.count && utf8.suffix(t.count).elementsEqual(t) }) else {
            return nil
        }
        for joiner in ["und", "en", "ën"] {
            if let r = w.firstRange(of: joiner), r.lowerBound != w.startIndex, r.upperBound != w.endIndex {
                let unit = String(w[..<r.lowerBound])
                let tens = String(w[r.upperBound...])
                if let u = words[unit], let t = words[tens], !u.1, !t.1, u.0 < 10, t.0 >= 20, t.0 < 100 {
                    return (u.0 + t.0, false)
                }
            }
        }
        return nil
    }
}

import Foundation

/// Matches rule phrases against word tokens: whole-token phrases (longest first, tokens used up) and
/// one-token `*` patterns for compound words (`vertrieb*`, `*manager`, `*verkoop*`).
///
/// Built once from a rule table; matching does dictionary look-ups only (no regexes), so it is cheap
/// enough to run on every lead.
/// A token of the text being matched, with its alternative forms (e.g. without a feminine suffix).
struct MatchToken: Sendable {
    let forms: [String]
}

/// The problem with a rule phrase, for error messages.
enum PhraseRuleError: Error {
    case empty
    case patternNotOneWord

    func describe(_ phrase: String, in section: String) -> String {
        switch self {
        case .empty: return "empty phrase `\(phrase)` in \(section)"
        case .patternNotOneWord:
            return "pattern `\(phrase)` in \(section): a `*` pattern must be one word with `*` at its start and/or end"
        }
    }
}

struct PhraseMatcher<Value: Sendable>: Sendable {

    /// One hit: where, how many tokens, the rule text and its value.
    struct Match: Sendable {
        let position: Int
        let length: Int
        let phrase: String
        let value: Value
    }

    private struct Entry: Sendable {
        let tokens: [String]
        let phrase: String
        let value: Value
    }

    private struct Pattern: Sendable {
        let literal: String
        let phrase: String
        let value: Value
    }

    private var byFirst: [String: [Entry]] = [:]
    private var prefixes: [Int: [String: Pattern]] = [:]
    private var suffixes: [Int: [String: Pattern]] = [:]
    private var infixes: [Pattern] = []
    private var prefixLengths: [Int] = []
    private var suffixLengths: [Int] = []
    /// First / last three bytes of every prefix / suffix literal (literals shorter than 3 bytes
    /// disable the gate): a token whose head or tail is not here cannot match, which skips most look-ups.
    private var prefixHeads: Set<UInt32> = []
    private var suffixTails: Set<UInt32> = []
    private var shortPrefix = false
    private var shortSuffix = false

    private static func pack(_ b: some Collection<UInt8>) -> UInt32 {
        b.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Whether the matcher has no rules.
    var isEmpty: Bool { byFirst.isEmpty && prefixes.isEmpty && suffixes.isEmpty && infixes.isEmpty }

    /// Adds a phrase. The first value given for a phrase wins.
    mutating func add(_ phrase: String, value: Value) throws(PhraseRuleError) {
        let trimmed = phrase.trimmingCharacters(in: .whitespaces)
        let leadingStar = trimmed.hasPrefix("*")
        let trailingStar = trimmed.hasSuffix("*") && trimmed.count > 1
        if leadingStar || trailingStar {
            var core = Substring(trimmed)
            if leadingStar { core = core.dropFirst() }
            if trailingStar { core = core.dropLast() }
            let toks = TextCleaning.tokens(String(core))
            guard toks.count == 1, !core.contains("*") else { throw .patternNotOneWord }
            let literal = toks[0]
            let p = Pattern(literal: literal, phrase: phrase, value: value)
            let n = literal.utf8.count
            switch (leadingStar, trailingStar) {
            case (true, true):
                if !infixes.contains(where: { $0.literal == literal }) { infixes.append(p) }
            case (false, true):
                if prefixes[n, default: [:]][literal] == nil { prefixes[n, default: [:]][literal] = p }
                if n >= 3 { prefixHeads.insert(Self.pack(literal.utf8.prefix(3))) } else { shortPrefix = true }
            default:
                if suffixes[n, default: [:]][literal] == nil { suffixes[n, default: [:]][literal] = p }
                if n >= 3 { suffixTails.insert(Self.pack(literal.utf8.suffix(3))) } else { shortSuffix = true }
            }
            prefixLengths = prefixes.keys.sorted(by: >)
            suffixLengths = suffixes.keys.sorted(by: >)
            return
        }
        let toks = TextCleaning.tokens(trimmed)
        guard let first = toks.first else { throw .empty }
        var list = byFirst[first, default: []]
        guard !list.contains(where: { $0.tokens == toks }) else { return }
        list.append(Entry(tokens: toks, phrase: phrase, value: value))
        list.sort { $0.tokens.count > $1.tokens.count }
        byFirst[first] = list
    }

    /// All hits in `tokens`, left to right. Whole-token phrases are tried first at each position
    /// (longest wins, its tokens are used up); a token no phrase starts at is tried against the
    /// `*` patterns (longest literal wins).
    func matches(_ tokens: [MatchToken]) -> [Match] {
        var result: [Match] = []
        var i = 0
        let n = tokens.count
        while i < n {
            if let hit = longestPhrase(at: i, in: tokens) {
                result.append(hit)
                i += hit.length
                continue
            }
            if let hit = bestPattern(for: tokens[i], at: i) {
                result.append(hit)
            }
            i += 1
        }
        return result
    }

    private func longestPhrase(at i: Int, in tokens: [MatchToken]) -> Match? {
        var best: Entry?
        for form in tokens[i].forms {
            guard let list = byFirst[form] else { continue }
            for e in list {
                if let b = best, b.tokens.count >= e.tokens.count { break }
                guard i + e.tokens.count <= tokens.count else { continue }
                var ok = true
                var k = 1
                while k < e.tokens.count {
                    if !tokens[i + k].forms.contains(e.tokens[k]) { ok = false; break }
                    k += 1
                }
                if ok { best = e; break }
            }
        }
        guard let best else { return nil }
        return Match(position: i, length: best.tokens.count, phrase: best.phrase, value: best.value)
    }

    /// Substring search on UTF-8 bytes (tokens are short; Foundation's `contains` is far slower).
    private static func utf8Contains(_ haystack: String, _ needle: String) -> Bool {
        let h = Array(haystack.utf8)
        let n = Array(needle.utf8)
        guard !n.isEmpty, h.count >= n.count else { return n.isEmpty }
        var i = 0
        while i + n.count <= h.count {
            if h[i] == n[0] {
                var k = 1
                while k < n.count && h[i + k] == n[k] { k += 1 }
                if k == n.count { return true }
            }
            i += 1
        }
        return false
    }

    private func bestPattern(for token: MatchToken, at i: Int) -> Match? {
        var best: Pattern?
        var bestLength = 0
        for form in token.forms {
            let utf8 = form.utf8
            let count = utf8.count
            let tryPrefixes = shortPrefix || (count >= 3 && prefixHeads.contains(Self.pack(utf8.prefix(3))))
            let trySuffixes = shortSuffix || (count >= 3 && suffixTails.contains(Self.pack(utf8.suffix(3))))
            for n in prefixLengths where tryPrefixes && n <= count && n > bestLength {
                let key = String(decoding: utf8.prefix(n), as: UTF8.self)
                if let p = prefixes[n]?[key] { best = p; bestLength = n; break }
            }
            for n in suffixLengths where trySuffixes && n <= count && n > bestLength {
                let key = String(decoding: utf8.suffix(n), as: UTF8.self)
                if let p = suffixes[n]?[key] { best = p; bestLength = n; break }
            }
            for p in infixes where p.literal.utf8.count > bestLength && Self.utf8Contains(form, p.literal) {
                best = p
                bestLength = p.literal.utf8.count
            }
        }
        guard let best else { return nil }
        return Match(position: i, length: 1, phrase: best.phrase, value: best.value)
    }
}

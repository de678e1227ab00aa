import Foundation

extension TranscriptFacts {
    /// The job title a visitor states about themselves, read into the vocabularies.
    ///
    /// Three kinds of statement count, tried in this order in each message (the first message with
    /// one wins):
    /// 1. a first-person cue and a title phrase ("I'm the head of sales at …", "Soy jefa de compras",
    ///    "Jestem kierownikiem …"); a title without a functional word takes the department that
    ///    follows it ("Ich bin Werkstudentin im Vertrieb", "Soy becario en el área de finanzas");
    /// 2. an `as_cues` word opening a clause and a run of title words ("As head of marketing, …",
    ///    "Als Geschäftsführer entscheide ich", "Come direttore commerciale …");
    /// 3. a responsibility or founder verb of `statements:` in `rules/titles.yaml` and its object
    ///    ("I'm in charge of the finance team", "Ich bin für die IT zuständig", "Założyłem tę firmę"):
    ///    the verb gives the seniority, the object the function (or, for a company noun, executive).
    ///
    /// Statements after a negator ("I'm not …", "No soy …", "ich leite nicht …"), about other people
    /// ("my boss is the CFO", "as our CTO said") and in bot or agent turns never count.
    ///
    /// - Parameters:
    ///   - texts: the visitor messages in order.
    ///   - normalizer: the pipeline's title tables.
    /// - Returns: the title as stated (trimmed) with function, seniority and evidence, or `nil`.
    public static func statedTitle(inVisitorMessages texts: [String], normalizer: TitleNormalizer) -> NormalizedTitle? {
        for text in texts {
            if let found = cueTitle(in: text, normalizer: normalizer) {
                // The title's reading is computed once: it is the answer unless a department is added.
                // Read from the analysis that accepted the title (the same text: the same reading).
                let reading = if let a = found.analysis { normalizer.normalize(a) } else { normalizer.normalize(found.title) }
                if reading?.function == .other, let dept = departmentTail(found.rest, normalizer: normalizer) {
                    if let t = normalizer.normalize(found.title + " " + dept) { return t }
                } else if let t = reading {
                    return t
                }
            }
            if let t = clauseStatement(in: stripTags(text), normalizer: normalizer) { return t }
        }
        return nil
    }

    /// A word of a clause with its folded tokens.
    struct ClauseWord {
        let text: String
        let tokens: [String]
    }

    /// Clauses of a message: text between sentence or clause punctuation.
    static func clauses(_ text: String) -> [[ClauseWord]] {
        var result: [[ClauseWord]] = []
        var current: [ClauseWord] = []
        func flush() {
            if !current.isEmpty { result.append(current) }
            current = []
        }
        for raw in text.split(whereSeparator: { $0.isWhitespace }) {
            var word = Substring(raw)
            var ends = false
            while let l = word.last, ",.;:!?()[]\"“”«»–—".contains(l) {
                // "Sr." and "ds." are abbreviations, not the end of a clause.
                if l == ".", abbreviations.contains(word.dropLast().lowercased()) { break }
                word = word.dropLast()
                ends = true
            }
            var opens = false
            while let f = word.first, "([\"“«".contains(f) {
                word = word.dropFirst()
                opens = opens || f == "(" || f == "["
            }
            // "(12 people)" is an aside, not part of the clause before it.
            if opens { flush() }
            let toks = TextCleaning.tokens(String(word))
            if !toks.isEmpty { current.append(ClauseWord(text: String(word), tokens: toks)) }
            if ends || ["-", "–", "—"].contains(String(raw)) { flush() }
        }
        flush()
        return result
    }

    /// Token positions of a clause: (word index, token) in order; "I'm" reads as "I am".
    static func flatTokens(_ words: [ClauseWord]) -> [(word: Int, token: String)] {
        var out: [(word: Int, token: String)] = []
        for (w, cw) in words.enumerated() {
            for t in cw.tokens {
                if t == "m", out.last?.token == "i" { out.append((w, "am")) } else { out.append((w, t)) }
            }
        }
        return out
    }

    /// An `as_cues` or verb statement in one message.
    static func clauseStatement(in text: String, normalizer: TitleNormalizer) -> NormalizedTitle? {
        let st = normalizer.statements
        guard !st.verbs.isEmpty || !st.asCues.isEmpty else { return nil }
        for words in clauses(text) {
            let toks = flatTokens(words)
            if let t = asCueTitle(words, toks, normalizer: normalizer) { return t }
            var p = 0
            while p < toks.count {
                if let t = verbTitle(at: p, words, toks, normalizer: normalizer) { return t }
                p += 1
            }
        }
        return nil
    }

    static func matches(_ phrase: [String], _ toks: [(word: Int, token: String)], at p: Int) -> Bool {
        guard p + phrase.count <= toks.count else { return false }
        for (k, w) in phrase.enumerated() where toks[p + k].token != w { return false }
        return true
    }

    /// "As head of marketing, …", "Als Teamleiterin Kundenservice suche ich …": the cue opens the
    /// clause, then the longest run of title words (connectors only between title words).
    static func asCueTitle(_ words: [ClauseWord], _ toks: [(word: Int, token: String)],
                           normalizer: TitleNormalizer) -> NormalizedTitle? {
        let st = normalizer.statements
        guard let cue = st.asCues.first(where: { matches($0, toks, at: 0) }) else { return nil }
        // The cue may end inside a word ("in my role as"); the title starts at the next word.
        guard cue.count < toks.count else { return nil }
        var w = toks[cue.count - 1].word + 1
        while w < words.count, words[w].tokens.allSatisfy({ st.connectors.contains($0) }),
              !words[w].tokens.contains(where: { st.possessives.contains($0) }) {
            w += 1
        }
        guard w < words.count, !words[w].tokens.contains(where: { st.possessives.contains($0) }) else { return nil }
        var end = w
        var lastTitle = -1
        while end < words.count {
            if normalizer.isTitleWord(words[end].text) {
                lastTitle = end
            } else if !(words[end].tokens.allSatisfy { st.connectors.contains($0) }) || lastTitle < 0 {
                break
            }
            end += 1
        }
        guard lastTitle >= w else { return nil }
        let text = words[w...lastTitle].map(\.text).joined(separator: " ")
        guard normalizer.recognizes(text) else { return nil }
        return normalizer.normalize(text)
    }

    /// A responsibility or founder verb at token `p` and its object.
    static func verbTitle(at p: Int, _ words: [ClauseWord], _ toks: [(word: Int, token: String)],
                          normalizer: TitleNormalizer) -> NormalizedTitle? {
        let st = normalizer.statements
        for verb in st.verbs where matches(verb.head, toks, at: p) {
            // The verb starts a word, and no negator stands right before it.
            if p > 0 && toks[p - 1].word == toks[p].word { continue }
            if p > 0 && st.negators.contains(toks[p - 1].token) { continue }
            let start = p + verb.head.count
            var objectRange: Range<Int>
            var endToken: Int
            if let tail = verb.tail {
                guard let t = (start..<min(toks.count, start + 9)).first(where: { matches(tail, toks, at: $0) }),
                      t > start else { continue }
                objectRange = start..<t
                endToken = t + tail.count - 1
            } else {
                var e = start
                while e < toks.count, e - start < 8, !st.stopWords.contains(toks[e].token),
                      !st.indefinite.contains(toks[e].token) || e == start {
                    e += 1
                }
                objectRange = start..<e
                endToken = e - 1
            }
            // Leading articles, possessives and prepositions; trailing connectors.
            while let f = objectRange.first, st.connectors.contains(toks[f].token) || st.possessives.contains(toks[f].token)
                    || st.indefinite.contains(toks[f].token) {
                objectRange = objectRange.dropFirst()
            }
            while let l = objectRange.last, st.connectors.contains(toks[l].token) {
                objectRange = objectRange.dropLast()
                if verb.tail == nil { endToken = l - 1 }
            }
            guard !objectRange.isEmpty else { continue }
            let objectTokens = objectRange.map { toks[$0].token }
            if objectTokens.contains(where: { st.negators.contains($0) || st.isWorkProduct($0) }) { continue }
            let firstWord = toks[objectRange.lowerBound].word, lastWord = toks[objectRange.upperBound - 1].word
            let objectText = words[firstWord...lastWord].map(\.text).joined(separator: " ")
            let statement = words[toks[p].word...toks[max(endToken, p)].word].map(\.text).joined(separator: " ")
            let namesCompany = objectTokens.prefix(4).contains { st.companyNouns.contains($0) }
            guard let cleaned = TextCleaning.cleanedText(statement) else { continue }
            guard let level = verb.level else {
                // Founder: only of a company ("I set up the meeting" is no title).
                guard namesCompany else { continue }
                return NormalizedTitle(title: cleaned, function: .executive, seniority: .owner, evidence: [verb.phrase])
            }
            guard let reading = normalizer.reading(objectText) else { continue }
            if reading.function != .other {
                let sen = reading.seniority.map { min($0, level) } ?? level
                return NormalizedTitle(title: cleaned, function: reading.function, seniority: sen, evidence: [verb.phrase, objectText])
            }
            if namesCompany {
                return NormalizedTitle(title: cleaned, function: .executive, seniority: min(st.companyLevel, level),
                                       evidence: [verb.phrase, objectText])
            }
        }
        return nil
    }

    /// "im Vertrieb", "en el área de finanzas", "nell'ufficio marketing", "w dziale HR": the
    /// department after a title that has no functional word, or `nil`.
    static func departmentTail(_ rest: String, normalizer: TitleNormalizer) -> String? {
        let st = normalizer.statements
        guard let words = clauses(rest).first, let first = words.first,
              first.tokens.first.map({ st.departmentPrepositions.contains($0) }) ?? false else { return nil }
        var kept: [ClauseWord] = []
        for w in words.prefix(6) {
            if w.tokens.contains(where: { st.indefinite.contains($0) || st.companyNouns.contains($0) || st.stopWords.contains($0) && !st.departmentPrepositions.contains($0) }) { break }
            kept.append(w)
        }
        let content = kept.flatMap(\.tokens).filter {
            !st.departmentPrepositions.contains($0) && !st.connectors.contains($0) && !st.departmentNouns.contains($0)
        }
        guard !content.isEmpty else { return nil }
        let text = kept.map(\.text).joined(separator: " ")
        guard let r = normalizer.reading(text), r.function != .other else { return nil }
        return text
    }
}

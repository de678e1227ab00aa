/// Reads who decides from a sentence: decision-maker and influencer phrases, with negation flipping them
/// ("I don't decide" is an influencer; "I don't need to run it by anyone" a decision maker).
struct AuthorityReader {
    let cues: BANTCues

    func read(_ s: Sentence) -> BANT.AuthorityLevel? {
        let dm = cues.decisionMaker.matches(in: s.words)
        let inf = cues.influencer.matches(in: s.words)
        guard !dm.isEmpty || !inf.isEmpty else { return nil }
        func contained(_ m: CueList.Match, in others: [CueList.Match]) -> Bool {
            others.contains { $0.start <= m.start && $0.end >= m.end && ($0.end - $0.start) > (m.end - m.start) }
        }
        var decides = false
        var influences = false
        for m in dm where !contained(m, in: inf) {
            if negated(m, in: s) { influences = true } else { decides = true }
        }
        for m in inf where !contained(m, in: dm) {
            if negated(m, in: s) { decides = true } else { influences = true }
        }
        if influences { return .influencer }   // a decision that needs someone else's approval is an influence
        return decides ? .decisionMaker : nil
    }

    /// A negation up to four words before the phrase or two words after it, within the same clause.
    private func negated(_ m: CueList.Match, in s: Sentence) -> Bool {
        guard !cues.negations.isEmpty else { return false }
        var w = m.start - 1
        var steps = 0
        while w >= 0, steps < 4 {
            if clauseBreak(between: w, and: w + 1, in: s) { break }
            if cues.negations.contains(s.words[w]) { return true }
            w -= 1
            steps += 1
        }
        w = m.end
        steps = 0
        while w < s.words.count, steps < 2 {
            if clauseBreak(between: w - 1, and: w, in: s) { break }
            if cues.negations.contains(s.words[w]) { return true }
            w += 1
            steps += 1
        }
        return false
    }

    private func clauseBreak(between a: Int, and b: Int, in s: Sentence) -> Bool {
        s.punctuation(between: a, and: b).contains { $0 != "'" && $0 != "-" }
    }
}

/// Reads who decides from a sentence, clause by clause (clauses end at `,` `;` `:` and brackets).
///
/// A clause with a decision or approval word ("decide", "sign off", "final say", "OK", "freigeben",
/// "goedkeuren", "valider", "aprobar", "approvare", "zatwierdzić" …) is read by its scope:
/// - a negation ("I don't decide", "not my call", "nicht meine Entscheidung") makes an influencer, unless it
///   negates a need ("I don't need anyone's approval": a decision maker);
/// - someone else named as holder ("the final word is with our owner", "I need my director's OK", "the
///   board has to approve it", "ils décideront") or a shared decision makes an influencer;
/// - needing the decision without a holder ("this needs approval") makes an influencer;
/// - the speaker as holder ("I have the final say", "it's my decision", "decido io") a decision maker;
/// - a clause about customers or users ("our clients decide fast") says nothing.
///
/// A clause without a decision word falls back to the fixed phrases of `decision_maker` / `influencer`
/// (a consulting verb such as "run it by" or "voir avec" with someone else named is an influencer too).
/// Questions state no authority ("can my manager also get a login?"). Across clauses an influencer wins:
/// a decision that needs someone else's approval is an influence.
struct AuthorityReader {
    let cues: BANTCues

    func read(_ s: Sentence) -> BANT.AuthorityLevel? {
        if s.isQuestion { return nil }
        var decides = false
        var influences = false
        for clause in clauses(of: s) {
            switch read(clause: clause, in: s) {
            case .influencer?: influences = true
            case .decisionMaker?: decides = true
            default: break
            }
        }
        if influences { return .influencer }
        return decides ? .decisionMaker : nil
    }

    /// The word ranges of the sentence's clauses.
    private func clauses(of s: Sentence) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for w in 1..<max(1, s.words.count) where s.punctuation(between: w - 1, and: w).contains(where: Self.breaks.contains) {
            out.append(start..<w)
            start = w
        }
        out.append(start..<s.words.count)
        return out.filter { !$0.isEmpty }
    }

    private static let breaks: Set<String> = [",", ";", ":", "(", ")", "!", "\u{2026}"]

    private func read(clause r: Range<Int>, in s: Sentence) -> BANT.AuthorityLevel? {
        let words = Array(s.words[r])
        let cueWords = s.cueWords.slice(r)
        if cues.reassurance.occurs(in: cueWords) || cues.elsewhere.occurs(in: cueWords) { return nil }
        let blocked = cues.notDecision.matches(in: cueWords)
        let decisions = cues.decision.matches(in: cueWords).filter { d in
            !blocked.contains { $0.start < d.end && d.start < $0.end }
        }
        guard !decisions.isEmpty else { return phrases(clause: r, in: s) }
        if cues.thirdParties.occurs(in: cueWords) { return nil }
        // a negation near the decision word, or right before the speaker ("non sono io a prendere la decisione")
        let negated = decisions.contains { d in
            (max(0, d.start - 5)..<min(words.count, d.end + 2)).contains { cues.negations.contains(words[$0]) }
        } || cues.speaker.matches(in: cueWords).contains { m in
            (max(0, m.start - 2)..<m.start).contains { cues.negations.contains(words[$0]) }
        }
        let needing = cues.needing.occurs(in: cueWords)
        if negated { return needing ? .decisionMaker : .influencer }
        let speakers = cues.speaker.matches(in: cueWords)
        // "I'm the owner so I decide": a role the speaker gives themself is no one else
        let intros = cues.selfIntro.matches(in: cueWords)
        let others = cues.others.matches(in: cueWords).filter { o in !intros.contains { $0.end <= o.start && $0.end >= o.start - 1 } }
        // The speaker as the subject right at the decision word, with everyone else after it, is its
        // holder: "je valide les achats", "yo apruebo las compras", "approvo io gli acquisti".
        if !needing, let d = decisions.first, let firstOther = others.first?.start, firstOther >= d.end,
           speakers.contains(where: { sp in
               // a possessive before someone else ("wybiera mój szef") is not the subject
               (sp.end == d.start || sp.start == d.end) && !others.contains { $0.start == sp.end }
           }) {
            return .decisionMaker
        }
        if !others.isEmpty || cues.shared.occurs(in: cueWords) { return .influencer }
        if needing { return .influencer }
        if !speakers.isEmpty { return .decisionMaker }
        return phrases(clause: r, in: s)
    }

    /// The fixed decision-maker and influencer phrases of the clause, with negation flipping them.
    private func phrases(clause r: Range<Int>, in s: Sentence) -> BANT.AuthorityLevel? {
        let words = Array(s.words[r])
        let cueWords = s.cueWords.slice(r)
        let dm = cues.decisionMaker.matches(in: cueWords)
        let inf = cues.influencer.matches(in: cueWords)
        let consults = !cues.consult.matches(in: cueWords).isEmpty && cues.others.occurs(in: cueWords)
        guard !dm.isEmpty || !inf.isEmpty || consults else { return nil }
        if cues.thirdParties.occurs(in: cueWords) { return nil }
        func contained(_ m: CueList.Match, in others: [CueList.Match]) -> Bool {
            others.contains { $0.start <= m.start && $0.end >= m.end && ($0.end - $0.start) > (m.end - m.start) }
        }
        var decides = false
        var influences = consults
        for m in dm where !contained(m, in: inf) {
            if negated(m, in: words) { influences = true } else { decides = true }
        }
        for m in inf where !contained(m, in: dm) {
            if negated(m, in: words) { decides = true } else { influences = true }
        }
        if influences { return .influencer }
        return decides ? .decisionMaker : nil
    }

    /// A negation up to four words before the phrase or two words after it (within the clause).
    private func negated(_ m: CueList.Match, in words: [String]) -> Bool {
        let before = max(0, m.start - 4)..<m.start
        let after = m.end..<min(words.count, m.end + 2)
        return before.contains { cues.negations.contains(words[$0]) } || after.contains { cues.negations.contains(words[$0]) }
    }
}

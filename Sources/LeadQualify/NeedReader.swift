/// Reads the team the product is wanted for: a head count next to a team-function phrase
/// ("we have about 40 sales reps", "une quarantaine de commerciaux", "Wir sind 60 Leute im Vertrieb").
struct NeedReader {
    let cues: BANTCues

    /// A head count candidate at word `word`.
    private struct Count {
        var value: Int
        var word: Int
        /// One past the count's last word ("2 dozen" ends after "dozen").
        var end: Int
        var isDigits: Bool
    }

    func read(_ s: Sentence, amounts: [BudgetReader.Amount]) -> BANT.Need? {
        // A team word that names or modifies a thing is no team ("support tickets", "Marketingkampagnen").
        let things = cues.things.matches(in: s.cueWords)
        let thingStarts = Set(things.map(\.start))
        var functions: [(start: Int, end: Int, function: String)] = []
        for (f, list) in cues.needFunctions {
            for m in list.matches(in: s.cueWords) where !thingStarts.contains(m.end)
                && !things.contains(where: { $0.start < m.end && m.start < $0.end }) {
                functions.append((m.start, m.end, f))
            }
        }
        guard !functions.isEmpty, !cues.notTeam.occurs(in: s.cueWords) else { return nil }
        var money = Set<Int>()
        for a in amounts where a.currency != nil || a.multiplier != nil { money.formUnion(a.start..<a.end) }
        var counts: [Count] = []
        var w = 0
        while w < s.words.count {
            defer { w += 1 }
            if money.contains(w) { continue }
            let t = s.token(w)
            let next = w + 1 < s.words.count ? s.words[w + 1] : nil
            if let next, cues.units[next] != nil { continue }       // "3 weeks"
            if t.kind == .number {
                guard t.value == t.value.rounded(), t.value >= 2, t.value <= 100_000 else { continue }
                if t.value >= 1900 && t.value <= 2100 && !t.hasSeparators { continue }
                let ti = s.wordToken[w]
                if ti + 1 < s.tokens.count {
                    let after = s.tokens[ti + 1]
                    let glued = after.kind == .word && !cues.countSuffixes.contains(after.text)   // "7en" counts
                    if !after.spaceBefore && (glued || after.text == "%" || after.text == ":" || after.text == "/") { continue }
                }
                var value = Int(t.value)
                let start = w
                if let next, let mult = cues.numberWords[next], mult == 12 || mult == 100 { value *= Int(mult); w += 1 }
                counts.append(Count(value: value, word: start, end: w + 1, isDigits: true))
            } else if let v = cues.numberWords[s.words[w]] {
                var value = v
                let start = w
                if let next, let mult = cues.numberWords[next], (mult == 12 || mult == 100), v < mult {
                    value = v * mult
                    w += 1
                } else if let next, let unit = cues.numberWords[next], v >= 20, v < 100, v.truncatingRemainder(dividingBy: 10) == 0,
                          unit < 10 || (unit < 20 && s.punctuation(between: w, and: w + 1).contains("-")) {   // "soixante-dix"
                    value = v + unit   // "forty-five"
                    w += 1
                }
                guard value >= 2 else { continue }
                counts.append(Count(value: Int(value), word: start, end: w + 1, isDigits: false))
            }
        }
        // A head count is followed by the team or its people ("40 sales reps", "60 Leute im Vertrieb",
        // "8 of us", "une vingtaine de personnes") or ends the sentence ("our sales team is 50") — not
        // by other things ("3 offices", "15 years in sales", "50 tickets").
        let people = cues.people.matches(in: s.cueWords)
        let functionStarts = Set(functions.map(\.start))
        func countsPeople(_ c: Count) -> Bool {
            if c.end >= s.words.count { return true }
            var w = c.end
            while w < min(s.words.count, c.end + 5) {
                if thingStarts.contains(w) { return false }
                if functionStarts.contains(w) || people.contains(where: { $0.start == w }) { return true }
                if s.token(w).kind == .number { return false }
                w += 1
            }
            return false
        }
        var best: (distance: Int, count: Count, function: String)? = nil
        for c in counts where countsPeople(c) {
            for f in functions {
                let d = c.word < f.start ? f.start - c.word : (c.word >= f.end ? c.word - f.end + 1 : 0)
                guard d <= (c.isDigits ? 6 : 4) else { continue }
                if best == nil || d < best!.distance { best = (d, c, f.function) }
            }
        }
        guard let best else { return nil }
        return BANT.Need(teamSize: best.count.value, teamFunction: best.function, evidence: s.text)
    }
}

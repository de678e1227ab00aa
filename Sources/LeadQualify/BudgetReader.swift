/// Reads a stated budget from a sentence: amounts with currencies and multipliers, ranges, caps and periods.
struct BudgetReader {
    let cues: BANTCues

    /// A money amount in a sentence.
    struct Amount {
        /// The number as written, before the multiplier.
        var raw: Double
        var multiplier: Double?
        var currency: String?
        /// First and one-past-last word of the amount (currency phrases and multiplier included).
        var start: Int
        var end: Int
        /// Word index of the number itself.
        var numberWord: Int
        var value: Double { raw * (multiplier ?? 1) }
        var isPlainYear: Bool {
            multiplier == nil && currency == nil && raw == raw.rounded() && (1900...2100).contains(raw)
        }
    }

    /// The amounts of `s`, in order. Used by the need and timeline readers too, to leave money alone.
    func amounts(in s: Sentence) -> [Amount] {
        let currencyMatches = cues.currencies.matches(in: s.cueWords)
        var out: [Amount] = []
        var w = 0
        while w < s.words.count {
            let t = s.token(w)
            var raw = t.value
            if t.kind != .number {
                // a number word directly followed by a multiplier: "twenty thousand", "vingt mille"
                guard t.kind == .word, let v = cues.numberWords[t.text], w + 1 < s.words.count, cues.multipliers[s.words[w + 1]] != nil else {
                    w += 1
                    continue
                }
                raw = v
            }
            var a = Amount(raw: raw, multiplier: nil, currency: nil, start: w, end: w + 1, numberWord: w)
            // Currency before: a phrase ending right at the number ("€20k", "CHF 5'000", "EUR 5000").
            if let m = currencyMatches.last(where: { $0.end == w }) {
                a.currency = cues.currencyCode(m)
                a.start = m.start
            }
            // Multiplier after ("12k", "12 k€", "40 duizend", "25 T€", "20 tys.").
            if a.end < s.words.count, let mult = cues.multipliers[s.words[a.end]], s.token(a.end).kind == .word {
                a.multiplier = mult
                if a.currency == nil, let m = currencyMatches.first(where: { $0.start == a.end && $0.end == a.end + 1 }) {
                    a.currency = cues.currencyCode(m)   // "TEUR", "kEUR"
                }
                a.end += 1
            }
            // Currency after ("10.000 €", "50k GBP", "3 000 $", "15 duizend euro").
            // (not when a number follows: then it is the next amount's prefix, as in "€20k-€30k")
            if let m = currencyMatches.first(where: { $0.start == a.end }),
               m.end >= s.words.count || s.token(m.end).kind != .number {
                if a.currency == nil { a.currency = cues.currencyCode(m) }
                a.end = m.end
            }
            out.append(a)
            w = max(a.end, w + 1)
        }
        return out
    }

    /// The budget stated in `s`, if any.
    func read(_ s: Sentence, amounts all: [Amount]) -> BANT.Budget? {
        guard !all.isEmpty else { return nil }
        let hasKeyword = cues.budgetKeywords.occurs(in: s.cueWords)
        if cues.notBudget.occurs(in: s.cueWords) { return nil }
        if s.isQuestion && !hasKeyword { return nil }
        let yearMatch = cues.periodYear.matches(in: s.cueWords).first
        let monthMatch = cues.periodMonth.matches(in: s.cueWords).first
        // The anchor: the first amount with a currency; else, in a budget sentence, the first amount; else
        // the first with a multiplier when a period is said ("around 10K a year"). Years are never amounts.
        // Years are never amounts, nor are counts of things ("10k emails a month", "40k visitors").
        let counted = Set(cues.counted.matches(in: s.cueWords).map(\.start))
        let candidates = all.filter { !$0.isPlainYear && ($0.currency != nil || !counted.contains($0.end)) }
        let anchorIndex: Int
        if let i = candidates.firstIndex(where: { $0.currency != nil }) {
            anchorIndex = i
        } else if hasKeyword, !candidates.isEmpty {
            anchorIndex = 0
        } else if yearMatch != nil || monthMatch != nil, let i = candidates.firstIndex(where: { $0.multiplier != nil }) {
            anchorIndex = i
        } else if let i = candidates.firstIndex(where: { a in
            a.multiplier != nil && (near(cues.minBefore, before: a.start, in: s) || near(cues.maxBefore, before: a.start, in: s))
        }) {
            anchorIndex = i   // "at least 5k", "max 20k": a bound on an amount in thousands is a budget
        } else {
            return nil
        }

        var budget = BANT.Budget(min: nil, max: nil, currency: nil, period: nil, evidence: s.text)
        // A range partner right after (or right before) the anchor.
        let firstIndex = anchorIndex
        var first = candidates[firstIndex]
        var second: Amount? = nil
        if firstIndex + 1 < candidates.count, isRange(candidates[firstIndex], candidates[firstIndex + 1], in: s) {
            second = candidates[firstIndex + 1]
        } else if firstIndex > 0, isRange(candidates[firstIndex - 1], candidates[firstIndex], in: s) {
            second = candidates[firstIndex]
            first = candidates[firstIndex - 1]
        }
        if var b = second {
            if first.multiplier == nil, let m = b.multiplier, first.raw < b.raw { first.multiplier = m }
            if b.multiplier == nil, let m = first.multiplier, b.raw < first.raw { b.multiplier = m }
            budget.min = Swift.min(first.value, b.value)
            budget.max = Swift.max(first.value, b.value)
            budget.currency = first.currency ?? b.currency
        } else {
            let v = first.value
            budget.currency = first.currency
            let exceeding = cues.exceed.matches(in: s.cueWords).contains { $0.end <= first.start && $0.end >= first.start - 3 }
            let negated = s.words.contains { cues.negations.contains($0) }
            if exceeding && negated {
                budget.max = v     // "can't go above 25k", "on ne peut pas dépasser 25k"
            } else if near(cues.maxBefore, before: first.start, in: s) || near(cues.maxAfter, after: first.end, in: s) {
                budget.max = v
            } else if near(cues.minBefore, before: first.start, in: s) || plusAfter(first, in: s) {
                budget.min = v
            } else {
                budget.min = v
                budget.max = v
            }
        }
        if budget.currency == nil {
            budget.currency = cues.currencies.matches(in: s.cueWords).first.map(cues.currencyCode)
        }
        budget.period = period(s, yearMatch: yearMatch, monthMatch: monthMatch)
        return budget
    }

    /// Whether `a` and `b` form "A–B", "between A and B", "A bis B" …: only connectors between them.
    private func isRange(_ a: Amount, _ b: Amount, in s: Sentence) -> Bool {
        guard a.end <= b.start else { return false }
        let between = Array(s.words[a.end..<b.start])
        let punct = s.punctuation(between: a.end - 1, and: b.start)
        if between.isEmpty {
            return punct.contains("-") || punct.contains("~")
        }
        return between.count <= 2 && between.allSatisfy { cues.rangeConnectors.contains($0) }
    }

    /// A phrase of `list` ending right before the amount that starts at word `start` ("up to €15k").
    private func near(_ list: CueList, before start: Int, in s: Sentence) -> Bool {
        list.matches(in: s.cueWords).contains { $0.end == start }
    }

    /// A phrase of `list` starting right after the amount that ends at word `end` ("1 000 euros maximum"),
    /// or after a period in between ("$5K/month tops", "10k a year max").
    private func near(_ list: CueList, after end: Int, in s: Sentence) -> Bool {
        var allowed = end
        let periods = cues.periodYear.matches(in: s.cueWords) + cues.periodMonth.matches(in: s.cueWords)
        while true {
            if let p = periods.first(where: { $0.start == allowed }) {
                allowed = p.end
            } else if allowed < s.words.count, cues.monthUnits.contains(s.words[allowed]) || cues.yearUnits.contains(s.words[allowed]),
                      s.punctuation(between: allowed - 1, and: allowed).contains("/") {
                allowed += 1
            } else {
                break
            }
        }
        return list.matches(in: s.cueWords).contains { $0.start == end || $0.start == allowed }
    }

    /// "€20k+", "10k+ usd": a `+` glued to the number, its multiplier or currency makes it a lower bound.
    private func plusAfter(_ a: Amount, in s: Sentence) -> Bool {
        (a.numberWord..<a.end).contains { w in
            let t = s.wordToken[w]
            return t + 1 < s.tokens.count && s.tokens[t + 1].text == "+" && !s.tokens[t + 1].spaceBefore
        }
    }

    /// `year`, `month` or `nil`: a period phrase, or "/" followed by a unit word ("/month", "/yr").
    private func period(_ s: Sentence, yearMatch: CueList.Match?, monthMatch: CueList.Match?) -> String? {
        var best: (Int, String)? = nil
        if let m = yearMatch { best = (m.start, "year") }
        if let m = monthMatch, best == nil || m.start < best!.0 { best = (m.start, "month") }
        for (i, t) in s.tokens.enumerated() where t.text == "/" && i + 1 < s.tokens.count {
            let next = s.tokens[i + 1].text
            let unit: String? = cues.monthUnits.contains(next) ? "month" : cues.yearUnits.contains(next) ? "year" : nil
            if let unit, let w = s.wordToken.firstIndex(of: i + 1), best == nil || w < best!.0 { best = (w, unit) }
        }
        return best?.1
    }
}

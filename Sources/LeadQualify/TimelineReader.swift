/// Reads when the person wants to start, resolving relative phrases against the record's own date.
///
/// Rules (corpus README `bant`): "before Qn" → last day of quarter n−1; "by end of Qn"/"in Qn" → last day
/// of Qn; "within N weeks" → date + 7·N days (days and months likewise); "by end of <month>" → last day of
/// that month ("before <month>": of the month before); "next month" → last day of next month;
/// "this year"/"before year end" → Dec 31; ASAP/urgent → `asap`; "just exploring"/"no rush" → `exploring`.
/// `T2` = `Q2`. A resolved date before the reference date moves to the next year (a month or quarter
/// named after it has passed means next year's).
struct TimelineReader {
    let cues: BANTCues

    func read(_ s: Sentence, reference: CivilDate?, amounts: [BudgetReader.Amount]) -> BANT.Timeline? {
        // "not urgent", "rien d'urgent": an exploring phrase that contains an ASAP word is not ASAP
        let exploringMatches = cues.exploring.matches(in: s.cueWords)
        let asap = cues.asap.matches(in: s.cueWords).contains { a in
            !exploringMatches.contains { $0.start <= a.start && $0.end >= a.end }
        }
        let exploring = !exploringMatches.isEmpty
        // A date governs the purchase unless it is another thing's date (a contract end, a meeting, a
        // holiday, payment terms, a past event) that the person does not tie to the purchase.
        let tied = cues.purchase.occurs(in: s.cueWords)
        var date: CivilDate? = nil
        if let reference { date = deadline(s, reference: reference, amounts: amounts, tied: tied) }
        var deadline = date ?? explicitDate(s)
        if deadline != nil, !tied, cues.notDeadline.occurs(in: s.cueWords) { deadline = nil }
        guard asap || exploring || deadline != nil else { return nil }
        return BANT.Timeline(deadline: deadline?.iso, asap: asap, exploring: exploring, evidence: s.text)
    }

    /// A date written in full ("2024-06-30", "30.06.2024") when there is no reference date.
    private func explicitDate(_ s: Sentence) -> CivilDate? {
        for t in s.tokens where t.kind == .date {
            if let d = t.date { return CivilDate(year: d.year, month: d.month, day: d.day) }
        }
        return nil
    }

    /// The earliest-positioned deadline expression of the sentence.
    private func deadline(_ s: Sentence, reference ref: CivilDate, amounts: [BudgetReader.Amount], tied: Bool) -> CivilDate? {
        var found: [(position: Int, date: CivilDate)] = []
        let words = s.words
        let cueWords = s.cueWords
        let forwardMatches = cues.forward.matches(in: cueWords)
        let beforeMatches = cues.before.matches(in: cueWords)
        let endMatches = cues.monthCues.matches(in: cueWords)
        let withinMatches = cues.within.matches(in: cueWords)
        var money = Set<Int>()
        for a in amounts where a.currency != nil || a.multiplier != nil { money.formUnion(a.start..<a.end) }

        /// A "before" phrase ends at most two words before `w` with no "end of" phrase in between.
        func isBefore(_ w: Int) -> Bool {
            beforeMatches.contains { b in
                b.end <= w && b.end >= w - 2 && !endMatches.contains { $0.start >= b.end && $0.end <= w }
            }
        }
        func rolled(_ d: CivilDate, explicitYear: Bool) -> CivilDate {
            explicitYear || d >= ref ? d : CivilDate(year: d.year + 1, month: d.month, day: Swift.min(d.day, CivilDate.daysIn(month: d.month, year: d.year + 1)))
        }
        /// A month or quarter already past this year is next year's only when the date points forward
        /// ("by January") or is tied to the purchase; else it is a past event ("we went live in January").
        func pastEvent(_ d: CivilDate, explicitYear: Bool, at w: Int) -> Bool {
            guard !explicitYear, d < ref, !tied else { return false }
            return !forwardMatches.contains { $0.end <= w && $0.end >= w - 3 }
        }
        /// A four-digit year right after word `w` ("Q3 2025", "June 2025").
        func year(after w: Int) -> Int? {
            guard w + 1 < words.count else { return nil }
            let t = s.token(w + 1)
            guard t.kind == .number, !t.hasSeparators, t.value >= 1900, t.value <= 2200 else { return nil }
            return Int(t.value)
        }

        for (w, word) in words.enumerated() {
            let t = s.token(w)
            // Full dates.
            if t.kind == .date, let d = t.date {
                found.append((w, CivilDate(year: d.year, month: d.month, day: d.day)))
                continue
            }
            // Quarters and halves: "Q3", "T2", "H1".
            // (a last character that is an ASCII digit is a last UTF-8 byte that is one: a cheap first test)
            if t.kind == .word, let lastByte = word.utf8.last, lastByte >= 0x30, lastByte <= 0x39,
               word.count == 2, let digit = Int(String(word.last!)) {
                let letter = word.first!
                if (letter == "q" || letter == "t") && (1...4).contains(digit) {
                    let y = year(after: w)
                    let q = isBefore(w) ? digit - 1 : digit
                    found.append((w, rolled(CivilDate.endOfQuarter(q, year: y ?? ref.year), explicitYear: y != nil)))
                    continue
                }
                if letter == "h" && (1...2).contains(digit) {
                    let y = year(after: w)
                    let h = isBefore(w) ? digit - 1 : digit
                    found.append((w, rolled(CivilDate.endOfMonth(h * 6, year: y ?? ref.year), explicitYear: y != nil)))
                    continue
                }
            }
            // Every check below starts with a quarter, month or unit word.
            guard cues.mayBeTimelineWord(cueWords, w) else { continue }
            // "third quarter", "3. Quartal", "derde kwartaal", "quarter 3".
            if cues.quarterWords.contains(word) {
                var n: Int? = nil
                var at = w
                if w > 1, s.token(w - 1).kind == .word, !s.token(w - 1).spaceBefore, s.token(w - 2).kind == .number,
                   let v = ordinal(w - 2, in: s) { n = v; at = w - 2 }   // "3rd quarter", "3e trimestre"
                else if w > 0, let v = ordinal(w - 1, in: s) { n = v; at = w - 1 }
                else if w + 1 < words.count, let v = ordinal(w + 1, in: s) { n = v }
                if let n, (1...4).contains(n) {
                    let yearWord = at == w ? w + 1 : w
                    let y = year(after: yearWord)
                    let q = isBefore(at) ? n - 1 : n
                    found.append((at, rolled(CivilDate.endOfQuarter(q, year: y ?? ref.year), explicitYear: y != nil)))
                }
                continue
            }
            // Month names: "end of October", "eind december", "bis Ende Juni", "15 June".
            if let month = cues.months[word] {
                let cued = endMatches.contains { $0.end <= w && $0.end >= w - 2 } || isBefore(w)
                if cues.monthsNeedingCue.contains(word) && !cued { continue }
                let y = year(after: w)
                var day: Int? = nil
                if w > 0, s.token(w - 1).kind == .number, !money.contains(w - 1), let d = Int(exactly: s.token(w - 1).value), (1...31).contains(d) { day = d }
                else if w + 1 < words.count, s.token(w + 1).kind == .number, let d = Int(exactly: s.token(w + 1).value), (1...31).contains(d) { day = d }
                let date: CivilDate
                if let day, day <= CivilDate.daysIn(month: month, year: y ?? ref.year) {
                    date = CivilDate(year: y ?? ref.year, month: month, day: day)
                } else if isBefore(w) {
                    date = CivilDate.endOfMonth(month - 1, year: y ?? ref.year)
                } else {
                    date = CivilDate.endOfMonth(month, year: y ?? ref.year)
                }
                if pastEvent(date, explicitYear: y != nil, at: w) { continue }
                found.append((day != nil && w > 0 && s.token(w - 1).kind == .number ? w - 1 : w, rolled(date, explicitYear: y != nil)))
                continue
            }
            // "within 3 weeks", "binnen 3 maanden", "d'ici 6 semaines", "within a month".
            if let perUnit = cues.units[word], w > 0 {
                var nw = w - 1
                if nw > 0, cues.withinFillers.contains(words[nw]) { nw -= 1 }   // "3 prochains mois"
                var n: Int? = nil
                let nt = s.token(nw)
                if nt.kind == .number, !money.contains(nw), let v = Int(exactly: nt.value) { n = v }
                else if let v = cues.numberWords[words[nw]], let iv = Int(exactly: v) { n = iv }
                else if cues.oneWords.contains(words[nw]) { n = 1 }
                else if cues.singleUnits.contains(word), withinMatches.contains(where: { $0.end == w }) {
                    n = 1   // "w ciągu miesiąca"
                    nw = w
                }
                guard let n, n > 0, n <= 520 else { continue }
                // the number may end a range ("4-6 weeks", "4 to 6 weeks"): the cue then sits before its start
                var start = nw
                if nw >= 1, s.token(nw - 1).kind == .number, s.punctuation(between: nw - 1, and: nw).contains("-") {
                    start = nw - 1
                } else if nw >= 2, s.token(nw - 2).kind == .number, cues.rangeConnectors.contains(words[nw - 1]) {
                    start = nw - 2
                }
                let cued = withinMatches.contains { $0.end <= start && $0.end >= start - 3 }
                guard cued else { continue }
                let date = perUnit == 0 ? ref.adding(months: n) : ref.adding(days: n * perUnit)
                found.append((start, date))
                continue
            }
        }
        for m in cues.nextMonth.matches(in: cueWords) { found.append((m.start, CivilDate.endOfMonth(ref.month + 1, year: ref.year))) }
        for m in cues.thisYear.matches(in: cueWords) { found.append((m.start, CivilDate(year: ref.year, month: 12, day: 31))) }
        for m in cues.nextYear.matches(in: cueWords) { found.append((m.start, CivilDate(year: ref.year + 1, month: 12, day: 31))) }
        for m in cues.thisQuarter.matches(in: cueWords) { found.append((m.start, CivilDate.endOfQuarter(ref.quarter, year: ref.year))) }
        for m in cues.nextQuarter.matches(in: cueWords) { found.append((m.start, CivilDate.endOfQuarter(ref.quarter + 1, year: ref.year))) }
        for m in cues.nextWeek.matches(in: cueWords) { found.append((m.start, ref.adding(days: 7))) }
        return found.min { ($0.position, $0.date.dayNumber) < ($1.position, $1.date.dayNumber) }?.date
    }

    /// An ordinal or cardinal at word `w`: "third", "3rd", "3.", "derde", "III".
    private func ordinal(_ w: Int, in s: Sentence) -> Int? {
        let t = s.token(w)
        if t.kind == .number, let v = Int(exactly: t.value) { return v }
        if let v = cues.ordinals[s.words[w]] { return Int(exactly: v) }
        return nil
    }
}

import Foundation
import LeadCore

/// Scores every number in a text by the headcount cue classes around it (`rules/employee_phrases.yaml`):
/// "ruim 200 medewerkers", "a 35-person team", "beschäftigt rund 240 Menschen", "Effectif : 85",
/// "grew from 12 to 48 people" (48); not "plans to hire 40", "cut 120 jobs", "300 staff attended the
/// meeting", "the sector employs 2 million", "companies with 10 to 250 employees".
struct EmployeeCountParser: Sendable {
    let lexicon: CueLexicon
    private let numbers: NumberWords
    private let k: Kinds
    /// The literal start of every positive entry: a text without any holds no statement.
    private let triggers: MultiMatcher
    /// The literal start of every one-person phrase.
    private let soloStarts: MultiMatcher

    /// Class sets by kind.
    private struct Kinds: Sendable {
        var people, compound, team, employ, weAre, label, approx, lower, upper, rangeOpen, joiner, growth,
            article, qualifier, other, negative, others, solo, phraseJoiner, trailing, stop: Set<Int>
    }

    /// The kinds an employee rules file may use (see the file's header).
    static let schema = CueSchema(
        kinds: ["people", "compound", "team", "employ", "we_are", "label", "approx", "lower_bound", "upper_bound",
                "range_open", "range_joiner", "growth", "article", "qualifier", "other_counts", "negative", "others",
                "solo", "joiner", "trailing", "time"],
        required: ["people", "team", "employ", "label", "approx", "lower_bound", "range_joiner", "other_counts"],
        everyLanguage: ["people", "team", "employ", "we_are", "label", "approx", "lower_bound", "upper_bound", "growth", "other_counts"],
        negative: ["upper_bound", "other_counts", "negative", "others"],
        positive: ["people", "compound", "team", "employ", "we_are", "label", "solo"])

    /// - Throws: ``LeadsmithError`` `bad_rules` when the classes do not follow ``schema``.
    init(phrases: EmployeePhrases, file: String) throws(LeadsmithError) {
        lexicon = try CueLexicon(phrases.spec, schema: Self.schema, file: file)
        numbers = NumberWords(phrases.numberWords)
        let l = lexicon
        k = Kinds(people: l.mask("people"), compound: l.mask("compound"), team: l.mask("team"), employ: l.mask("employ"),
                  weAre: l.mask("we_are"), label: l.mask("label"), approx: l.mask("approx"), lower: l.mask("lower_bound"),
                  upper: l.mask("upper_bound"), rangeOpen: l.mask("range_open"), joiner: l.mask("range_joiner"),
                  growth: l.mask("growth"), article: l.mask("article"), qualifier: l.mask("qualifier"),
                  other: l.mask("other_counts"), negative: l.mask("negative"), others: l.mask("others"), solo: l.mask("solo"),
                  phraseJoiner: l.mask("joiner"), trailing: l.mask("trailing"), stop: l.mask("time"))
        var starts = Set<String>()
        for lit in lexicon.literals(ofKinds: ["people", "compound", "team", "employ", "we_are", "label", "solo"]) {
            starts.formUnion([lit, lit.uppercased(), lit.prefix(1).uppercased() + lit.dropFirst()])
        }
        triggers = MultiMatcher(starts.sorted(), ignoringASCIICase: true)
        var solo = Set<String>()
        for lit in lexicon.literals(ofKinds: ["solo"]) {
            solo.formUnion([lit, lit.uppercased(), lit.prefix(1).uppercased() + lit.dropFirst()])
        }
        soloStarts = MultiMatcher(solo.sorted(), ignoringASCIICase: true)
    }

    /// A claim, its score and the text it came from.
    struct Claim: Sendable, Equatable {
        var count: EmployeeCount
        var evidence: String
        var score: Double = 0

        static func == (a: Claim, b: Claim) -> Bool { a.count == b.count && a.evidence == b.evidence }
    }

    /// Whether `text` may hold an employee statement: a cue word and a digit or number word. Errs on the side of yes.
    func mayHoldCount(_ text: String) -> Bool {
        guard triggers.matchesAny(text) else { return false }
        return text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } || soloStarts.matchesAny(text) || numbers.mayHoldNumber(text)
    }

    /// Every employee statement in `text` (one segment of visible text, or a label and its value).
    ///
    /// - Parameter precheck: skip texts that cannot hold a statement (``mayHoldCount(_:)``); off only to
    ///   test that the check never drops a statement.
    func claims(in text: String, language: String? = nil, precheck: Bool = true) -> [Claim] {
        if precheck, !mayHoldCount(text) { return [] }
        return claims(in: text, tokens: TextTokenizer.tokens(text), language: language)
    }

    /// Every employee statement in `text`, read from its tokens (`TextTokenizer.tokens(text)`), so a
    /// caller that also hands the text to another phrase parser tokenises it once. No pre-check.
    func claims(in text: String, tokens: [TextToken], language: String? = nil) -> [Claim] {
        guard !tokens.isEmpty else { return [] }
        let lang = language.flatMap { CueLanguages.supported.contains($0) ? $0 : nil }
        let words = numbers.table(for: lang)
        let hits = lexicon.hits(tokens, language: lang)
        var endsAt = [[CueHit]](repeating: [], count: tokens.count + 1)
        for list in hits { for h in list { endsAt[h.end].append(h) } }
        let bounds = ClauseBounds(tokens, hits: hits, joiners: k.phraseJoiner)
        func has(_ i: Int, _ set: Set<Int>) -> CueHit? {
            guard i >= 0, i < tokens.count else { return nil }
            return hits[i].first { set.contains($0.cls) }
        }
        /// The number at `i`: its value, whether it is approximate, and how many tokens it spans
        /// ("half a dozen", "a hundred" span several).
        func value(_ i: Int) -> (Int, Bool, Int)? {
            guard i < tokens.count else { return nil }
            if let n = tokens[i].number { return (n, false, 1) }
            guard tokens[i].isWord else { return nil }
            // Not when the word ends a cue already ("more than a" + "hundred").
            if numbers.startsPhrase(tokens[i].text), !endsAt[i + 1].contains(where: { $0.start < i }) {
                for span in stride(from: min(NumberWords.longestPhrase, tokens.count - i), to: 1, by: -1)
                where tokens[i..<(i + span)].allSatisfy(\.isWord) {
                    if let v = words[tokens[i..<(i + span)].map(\.text).joined(separator: " ")] { return (v.0, v.1, span) }
                }
            }
            return numbers.value(tokens[i].text, words).map { ($0.0, $0.1, 1) }
        }

        var out: [Claim] = []
        for i in tokens.indices {
            if let h = has(i, k.solo) {
                out.append(Claim(count: EmployeeCount(kind: .exact, min: 1, max: 1), evidence: snippet(text, tokens, i, h.end), score: 4))
            }
        }
        var i = 0
        while i < tokens.count {
            guard let (v, approxWord, span) = value(i), v > 0, v < 5_000_000 else { i += 1; continue }
            let isDigits = tokens[i].number != nil
            var j = i + span
            var plus = false
            var rangeEnd: Int?
            if j < tokens.count, tokens[j].text == "+" { plus = true; j += 1 }
            // Range: "50–200", "between 2 and 10", "201 à 500", "tra i 20 e i 30".
            if !plus, let joiner = has(j, k.joiner) {
                var e = joiner.end
                while has(e, k.article) != nil, e - joiner.end < 2 { e += 1 }
                if let (end, _, endSpan) = value(e), end > v, has(e - 1, k.people) == nil {
                    rangeEnd = end
                    j = e + endSpan
                    if j < tokens.count, tokens[j].text == "+" { j += 1 }
                }
            }
            let valueEnd = j
            defer { i = max(i + 1, valueEnd) }
            // Approximate number words take "de"/"of"/"di" ("une quarantaine de collaborateurs").
            if approxWord, j < tokens.count, ["de", "d'", "of", "di", "van"].contains(tokens[j].text) { j += 1 }

            // What follows the number: a people noun, a compound ("35-person"), or a count of something else.
            var people = false
            var other = false
            if j + 1 < tokens.count, tokens[j].text == "-", tokens[j].offset == tokens[j - 1].offset + tokens[j - 1].text.unicodeScalars.count,
               has(j + 1, k.compound) != nil {
                people = true
            } else {
                var n = j
                // Digits may have two words before their noun ("20 dedicated professionals"), a number
                // word one ("vier vaste medewerkers"), "one"/"een" none.
                let gap = isDigits ? 3 : (v == 1 ? 1 : 2)
                while n < tokens.count, n < j + gap, tokens[n].kind != .boundary, tokens[n].number == nil {
                    if has(n, k.people) != nil { people = true; break }
                    // A time word or a joiner ends the count's noun phrase ("a headcount of 230 and offices
                    // in Leeds": the offices are not what 230 counts).
                    if has(n, k.stop) != nil || has(n, k.phraseJoiner) != nil { break }
                    if has(n, k.other) != nil { other = true; break }
                    n += 1
                }
            }
            if other { continue }
            if j < tokens.count, tokens[j].text == "%" { continue }

            // What precedes it: qualifiers, then an opener, a verb, "we are", or a label.
            var p = i
            if p > 0, tokens[p - 1].text == "+", !plus { plus = true; p -= 1 }
            var approx = approxWord
            var lower = false
            var opener: String?
            var labelled = false
            var grewTo = false
            var steps = 0
            walk: while p > 0, steps < 6 {
                steps += 1
                if tokens[p - 1].text == ":" {
                    labelled = labelBefore(tokens, hits, colon: p - 1, valueEnd: j)
                    break
                }
                let ending = endsAt[p]
                let grows = bounds.sentence[i].contains(where: { n in has(n, k.growth) != nil })
                if let h = ending.first(where: { k.upper.contains($0.cls) }) {
                    // After a growth verb "up to" is "to": "ha crecido hasta 90 trabajadores".
                    if grows { grewTo = true; p = h.start; continue }
                    opener = "upper"
                    break
                }
                if let h = ending.first(where: { k.approx.contains($0.cls) }) { approx = true; p = h.start; continue }
                if let h = ending.first(where: { k.lower.contains($0.cls) }) { lower = true; p = h.start; continue }
                for (set, name) in [(k.team, "team"), (k.employ, "employ"), (k.weAre, "we_are")] {
                    if ending.contains(where: { set.contains($0.cls) }) { opener = name; break walk }
                }
                // "Headcount has doubled to 120", "Die Belegschaft ist auf 300 gewachsen": the new count.
                if let h = ending.first(where: { k.joiner.contains($0.cls) && tokens[$0.start].isWord }), grows {
                    grewTo = true
                    p = h.start
                    continue
                }
                if let h = ending.first(where: { k.rangeOpen.contains($0.cls) || k.article.contains($0.cls) || k.qualifier.contains($0.cls) }) {
                    p = h.start
                    continue
                }
                if ending.contains(where: { k.label.contains($0.cls) || k.people.contains($0.cls) }) {
                    // "Team size 18", "Mitarbeiter 150": a label right before a number that ends its line.
                    let rest = bounds.sentence[i].upperBound - j
                    if rest <= 1, bounds.sentence[i].count <= 10 { labelled = true }
                }
                break
            }
            if opener == "upper" { continue }

            // A number word alone ("one", "een") is too weak without a noun right after it or an opener.
            if !isDigits, !people, opener == nil, !labelled, !grewTo { continue }
            // "one"/"een"/"ein"/"une" is mostly the article ("telt een team van 54"): only with its noun.
            if !isDigits, v == 1, !people { continue }
            // A span of years is a date ("© 2018-2024 't Hart Accountants"), not a head count range.
            if isDigits, let e = rangeEnd, tokens[i].text.count == 4, (1900...2100).contains(v), (1900...2100).contains(e) { continue }
            // A year is not a head count ("in 2015 people").
            if isDigits, tokens[i].text.count == 4, tokens[i].text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), v >= 1900, v <= 2100, rangeEnd == nil, !plus {
                guard people, i == 0 || !Self.yearPrepositions.contains(tokens[i - 1].text) else { continue }
            }

            var score = 0.0
            if people { score = max(score, weight(k.people)) }
            if grewTo, bounds.sentence[i].contains(where: { n in has(n, k.label) != nil || has(n, k.team) != nil }) {
                score = max(score, weight(k.label))
            }
            if labelled { score = max(score, weight(k.label)) }
            if let opener {
                let fits = people || j >= tokens.count || tokens[j].kind == .boundary || has(j, k.phraseJoiner) != nil
                    || has(j, k.trailing) != nil
                switch opener {
                case "team": score = max(score, weight(k.team))
                // A verb of employing takes any noun that is not a count of something else ("compte 18 avocats").
                case "employ": score = max(score, weight(k.employ))
                default: score = max(score, fits ? weight(k.weAre) : 1)
                }
            }
            guard score > 0 else { continue }

            // Counts that are not today's headcount: plans, cuts, meetings, sectors, other organisations.
            let phrase = bounds.phrase[i]
            var negative = 0.0
            for n in phrase {
                for h in hits[n] where k.negative.contains(h.cls) || k.others.contains(h.cls) {
                    let c = lexicon.classes[h.cls]
                    // Before: starting ahead of the qualifiers walked over ("visitato da 50.000" counts,
                    // the "more" of "more than 2,500" does not).
                    if h.start < p, h.end <= i, max(0, p - h.end) < c.reach, c.side != "after" {
                        negative = min(negative, c.weight)
                    } else if h.start >= j, h.start - j < c.reach, c.side != "before" {
                        negative = min(negative, c.weight)
                    }
                }
            }
            score += negative
            guard score >= lexicon.threshold else { continue }

            let grew = bounds.sentence[i].contains { n in has(n, k.growth) != nil }
            let count: EmployeeCount
            if let e = rangeEnd {
                count = grew ? EmployeeCount(kind: .exact, min: e, max: e) : EmployeeCount(kind: .range, min: v, max: e)
            } else if plus || lower {
                count = EmployeeCount(kind: .lowerBound, min: v, max: nil)
            } else if approx {
                count = EmployeeCount(kind: .approx, min: v, max: v)
            } else {
                count = EmployeeCount(kind: .exact, min: v, max: v)
            }
            out.append(Claim(count: count, evidence: snippet(text, tokens, max(0, min(p, i - 3)), min(tokens.count, j + 3)), score: score))
        }
        return out
    }

    /// Words before a year that make "2015 people" a date ("in 2015 people …").
    static let yearPrepositions: Set<String> = ["in", "since", "seit", "sinds", "depuis", "desde", "dal", "en", "im", "w", "od", "nel", "el", "vanaf", "from", "by"]

    private func weight(_ set: Set<Int>) -> Double {
        set.map { lexicon.classes[$0].weight }.max() ?? 0
    }

    /// Whether the clause before the colon at `colon` is a short label naming a headcount and the value
    /// after it is short ("Employees: 1,200", "Effectif : environ 250 personnes").
    private func labelBefore(_ tokens: [TextToken], _ hits: [[CueHit]], colon: Int, valueEnd: Int) -> Bool {
        var a = colon
        while a > 0, tokens[a - 1].kind != .boundary || tokens[a - 1].text == "," { a -= 1 }
        guard colon - a <= 8, colon > a else { return false }
        var b = valueEnd
        while b < tokens.count, tokens[b].kind != .boundary { b += 1 }
        guard b - valueEnd <= 4 else { return false }
        return (a..<colon).contains { n in hits[n].contains { k.label.contains($0.cls) || k.people.contains($0.cls) } }
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

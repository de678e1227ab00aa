import Foundation
import LeadCore
import Yams

/// The multilingual cue lists BANT extraction runs on, merged from every `rules/bant/*.yaml` file.
///
/// Each file may hold any of the sections below (usually one file per language plus `common.yaml`);
/// entries of all files are merged, because visitors often write in another language than their
/// profile says. The layout is documented in `rules/bant/README.md` and in each file's comments.
///
/// A final class filled once by ``load(_:)`` and never changed after: the extractor and its four readers
/// share it by reference instead of each copying some hundred lists.
final class BANTCues: @unchecked Sendable {
    /// The words and prefixes of every list below, numbered: sentences are looked up in it once.
    let vocabulary = CueVocabulary()
    /// Currency phrases (`€`, `eur`, `euro`, `zł` …) with the index of their ISO code in `currencyCodes`.
    var currencies = CueList()
    var currencyCodes: [String] = []
    /// Words that multiply the number before them (`k`, `thousand`, `duizend`, `mille`, `tys` …).
    var multipliers: [String: Double] = [:]
    /// Number words (`twenty`, `quarantaine`, `dozen` …).
    var numberWords: [String: Double] = [:]

    // Budget
    var budgetKeywords = CueList()
    var maxBefore = CueList()
    var maxAfter = CueList()
    var minBefore = CueList()
    var rangeConnectors: Set<String> = []
    /// Exceeding words ("go above", "dépasser", "przekroczyć"): with a negation they cap the amount.
    var exceed = CueList()
    var notBudget = CueList()
    var periodYear = CueList()
    var periodMonth = CueList()
    /// Nouns right after an amount without a currency that make it a count, not money ("10k emails").
    var counted = CueList()
    var yearUnits: Set<String> = []
    var monthUnits: Set<String> = []

    // Authority: fixed phrases, and the classes of a decision statement (who decides what, scoped per clause)
    var decisionMaker = CueList()
    var influencer = CueList()
    var negations: Set<String> = []
    /// Decision and approval predicates: decide, sign (off), approve, final say, green light, freigeben …
    var decision = CueList()
    /// Words that put the speaker in the clause: I, me, my, mine, ik, ich, moi, yo, io, ja, sam …
    var speaker = CueList()
    /// Someone else who may hold the decision: boss, owner, CFO, board, committee, procurement, someone else …
    var others = CueList()
    /// Needing something from someone: need, have to, must, brauche, nodig, besoin, necesito, serve, potrzebuję …
    var needing = CueList()
    /// Consulting verbs that make an influencer when someone else is named: talk to, run it by, voir avec …
    var consult = CueList()
    /// A decision shared with others: together with, jointly, gemeinsam mit …
    var shared = CueList()
    /// People outside the buying organisation (customers, clients, users): their decisions say nothing.
    var thirdParties = CueList()
    /// Phrases that contain a decision word without being one: sign up, sign in, approval workflow …
    var notDecision = CueList()
    /// Reassurances ("don't worry about approvals", "keine Sorge wegen"): the clause says nothing about who decides.
    var reassurance = CueList()
    /// Another job or company than the buying one ("at my old job"): the clause says nothing about who decides.
    var elsewhere = CueList()
    /// The speaker introducing a role ("I'm the owner", "je suis le patron"): that role is no one else.
    var selfIntro = CueList()

    // Need: function → phrases, and words for the people a head count counts
    var needFunctions: [(function: String, cues: CueList)] = []
    var people = CueList()
    /// Things counted instead of people ("50 support tickets", "15 years in sales", "4 marketing campaigns").
    var things = CueList()
    /// Departures and hires ("5 reps left", "we're hiring 5"): the head count is not the team.
    var notTeam = CueList()
    /// Words glued to a head count's digits that keep it a count (Dutch "met z'n 7en").
    var countSuffixes: Set<String> = []

    // Timeline
    var asap = CueList()
    var exploring = CueList()
    var before = CueList()
    var nextMonth = CueList()
    var thisYear = CueList()
    var nextYear = CueList()
    var thisQuarter = CueList()
    var nextQuarter = CueList()
    var nextWeek = CueList()
    var within = CueList()
    var oneWords: Set<String> = []
    /// Unit words that mean one unit right after a within phrase ("w ciągu miesiąca").
    var singleUnits: Set<String> = []
    /// Words that may stand between a number and its unit ("3 prochains mois").
    var withinFillers: Set<String> = []
    var quarterWords: Set<String> = []
    var ordinals: [String: Double] = [:]
    /// Time unit words → days per unit (1, 7) or 0 for months.
    var units: [String: Int] = [:]
    var months: [String: Int] = [:]
    var monthsNeedingCue: Set<String> = []
    /// Per vocabulary word id: whether the word is a quarter word, a month or a unit (a key of
    /// `quarterWords`, `months` or `units`). Built by ``compileTimelineWords()`` once every file is merged;
    /// `nil` before (the timeline reader then looks every word up).
    private(set) var timelineWordIDs: [Bool]? = nil
    var monthCues = CueList()
    /// Dates of other things than the purchase: contract ends, renewals, meetings, holidays, payment terms.
    var notDeadline = CueList()
    /// Words that tie a date to the purchase: need, want, live, switch, roll out, by then …
    var purchase = CueList()
    /// Words that point a date forward ("by", "until", "bis", "d'ici", "entro" …): a month already past
    /// this year means next year's only after one of these or with a purchase tie ("we went live in January").
    var forward = CueList()

    // Support
    var support = CueList()

    init() {}

    /// The ISO code of a currency phrase match.
    func currencyCode(_ match: CueList.Match) -> String { currencyCodes[Int(match.value)] }

    /// Loads and merges every `*.yaml` file of `bant/` in `rules` (sorted by name).
    /// - Throws: `bad_rules` for the first problem (see ``RulesCheck`` for all of them).
    static func load(_ rules: RuleFiles) throws(LeadsmithError) -> BANTCues {
        var problems: [LeadsmithError] = []
        let cues = read(rules, problems: &problems)
        if let first = problems.first { throw first }
        return cues
    }

    /// The relative paths of the cue files in `rules`.
    static func files(_ rules: RuleFiles) -> [String] {
        let dir = rules.url("bant")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "bant/" + $0 }
    }

    /// Reads every cue file, collecting problems instead of throwing.
    static func read(_ rules: RuleFiles, problems: inout [LeadsmithError]) -> BANTCues {
        let cues = BANTCues()
        let files = files(rules)
        if files.isEmpty {
            problems.append(LeadsmithError(.badRules, "no BANT cue files (bant/*.yaml) in the rules folder", file: rules.url("bant").path))
        }
        for file in files {
            var source = YAMLSource(rules: rules, relativePath: file)
            cues.merge(&source)
            problems += source.problems
        }
        cues.compileTimelineWords()
        return cues
    }

    /// Numbers the quarter, month and unit words in the vocabulary and marks their ids, so the timeline
    /// reader skips the words that are none of them with one array read instead of three hash look-ups.
    /// Ids keep `String` equality (the vocabulary is `String`-keyed like these sets), so a word is marked
    /// exactly when the sets contain it.
    func compileTimelineWords() {
        var marked: [Bool] = []
        for word in Array(quarterWords) + Array(months.keys) + Array(units.keys) {
            let id = Int(vocabulary.intern(word))
            if id >= marked.count { marked += repeatElement(false, count: id + 1 - marked.count) }
            marked[id] = true
        }
        timelineWordIDs = marked
    }

    /// Whether word `w` of `words` may be a quarter word, a month or a unit (`true` when not compiled).
    @inline(__always) func mayBeTimelineWord(_ words: CueWords, _ w: Int) -> Bool {
        guard let marked = timelineWordIDs else { return true }
        let id = Int(words.id(w))
        return id >= 0 && id < marked.count && marked[id]
    }

    /// Merges the sections of one parsed file.
    func merge(_ src: inout YAMLSource) {
        timelineWordIDs = nil   // the word sets change: compile again after
        guard let root = src.root else { return }
        for (key, keyNode, value) in src.pairs(root, what: "a BANT cue file") {
            switch key {
            case "language", "description": break
            case "currencies":
                for (code, codeNode, list) in src.pairs(value, what: "currencies") {
                    guard code.count == 3, code == code.uppercased() else {
                        src.problem("currency '\(code)' must be an ISO 4217 code such as EUR", at: codeNode)
                        continue
                    }
                    let index: Int
                    if let i = currencyCodes.firstIndex(of: code) { index = i } else { index = currencyCodes.count; currencyCodes.append(code) }
                    Self.addPhrases(vocabulary, &currencies, &src, list, what: "currencies.\(code)", value: Double(index))
                }
            case "multipliers": Self.addWordMap(&multipliers, &src, value, what: "multipliers")
            case "number_words": Self.addWordMap(&numberWords, &src, value, what: "number_words")
            case "budget": mergeBudget(value, &src)
            case "authority": mergeAuthority(value, &src)
            case "need": mergeNeed(value, &src)
            case "timeline": mergeTimeline(value, &src)
            case "support": Self.addPhrases(vocabulary, &support, &src, value, what: "support")
            default:
                src.problem("unknown section '\(key)' (currencies, multipliers, number_words, budget, authority, need, timeline, support)", at: keyNode)
            }
        }
    }

    /// Merges the `budget` section (its own function: one frame per section keeps debug stacks small on
    /// worker threads).
    private func mergeBudget(_ value: Node, _ src: inout YAMLSource) {
        for (k, kn, v) in src.pairs(value, what: "budget") {
            switch k {
            case "keywords": Self.addPhrases(vocabulary, &budgetKeywords, &src, v, what: "budget.keywords")
            case "max_before": Self.addPhrases(vocabulary, &maxBefore, &src, v, what: "budget.max_before")
            case "max_after": Self.addPhrases(vocabulary, &maxAfter, &src, v, what: "budget.max_after")
            case "min_before": Self.addPhrases(vocabulary, &minBefore, &src, v, what: "budget.min_before")
            case "range_connectors": Self.addWords(&rangeConnectors, &src, v, what: "budget.range_connectors")
            case "exceed": Self.addPhrases(vocabulary, &exceed, &src, v, what: "budget.exceed")
            case "not_budget": Self.addPhrases(vocabulary, &notBudget, &src, v, what: "budget.not_budget")
            case "period_year": Self.addPhrases(vocabulary, &periodYear, &src, v, what: "budget.period_year")
            case "period_month": Self.addPhrases(vocabulary, &periodMonth, &src, v, what: "budget.period_month")
            case "counted": Self.addPhrases(vocabulary, &counted, &src, v, what: "budget.counted")
            case "year_units": Self.addWords(&yearUnits, &src, v, what: "budget.year_units")
            case "month_units": Self.addWords(&monthUnits, &src, v, what: "budget.month_units")
            default: src.problem("unknown budget section '\(k)'", at: kn)
            }
        }
    }

    /// Merges the `authority` section (its own function: one frame per section keeps debug stacks small on
    /// worker threads).
    private func mergeAuthority(_ value: Node, _ src: inout YAMLSource) {
        for (k, kn, v) in src.pairs(value, what: "authority") {
            switch k {
            case "decision_maker": Self.addPhrases(vocabulary, &decisionMaker, &src, v, what: "authority.decision_maker")
            case "influencer": Self.addPhrases(vocabulary, &influencer, &src, v, what: "authority.influencer")
            case "negations": Self.addWords(&negations, &src, v, what: "authority.negations")
            case "decision": Self.addPhrases(vocabulary, &decision, &src, v, what: "authority.decision")
            case "speaker": Self.addPhrases(vocabulary, &speaker, &src, v, what: "authority.speaker")
            case "others": Self.addPhrases(vocabulary, &others, &src, v, what: "authority.others")
            case "needing": Self.addPhrases(vocabulary, &needing, &src, v, what: "authority.needing")
            case "consult": Self.addPhrases(vocabulary, &consult, &src, v, what: "authority.consult")
            case "shared": Self.addPhrases(vocabulary, &shared, &src, v, what: "authority.shared")
            case "third_parties": Self.addPhrases(vocabulary, &thirdParties, &src, v, what: "authority.third_parties")
            case "not_decision": Self.addPhrases(vocabulary, &notDecision, &src, v, what: "authority.not_decision")
            case "reassurance": Self.addPhrases(vocabulary, &reassurance, &src, v, what: "authority.reassurance")
            case "elsewhere": Self.addPhrases(vocabulary, &elsewhere, &src, v, what: "authority.elsewhere")
            case "self_intro": Self.addPhrases(vocabulary, &selfIntro, &src, v, what: "authority.self_intro")
            default: src.problem("unknown authority section '\(k)' (decision_maker, influencer, negations, decision, speaker, others, needing, consult, shared, third_parties, not_decision, reassurance, elsewhere, self_intro)", at: kn)
            }
        }
    }

    /// Merges the `need` section (its own function: one frame per section keeps debug stacks small on
    /// worker threads).
    private func mergeNeed(_ value: Node, _ src: inout YAMLSource) {
        for (k, kn, v) in src.pairs(value, what: "need") {
            if k == "people" {
                Self.addPhrases(vocabulary, &people, &src, v, what: "need.people")
                continue
            }
            if k == "things" {
                Self.addPhrases(vocabulary, &things, &src, v, what: "need.things")
                continue
            }
            if k == "not_team" {
                Self.addPhrases(vocabulary, &notTeam, &src, v, what: "need.not_team")
                continue
            }
            if k == "count_suffixes" {
                Self.addWords(&countSuffixes, &src, v, what: "need.count_suffixes")
                continue
            }
            guard let f = JobFunction(rawValue: k) else {
                src.problem("unknown function '\(k)' in need (use people, things, not_team, count_suffixes, or a function value such as sales, marketing, customer_success)", at: kn)
                continue
            }
            let i: Int
            if let existing = needFunctions.firstIndex(where: { $0.function == f.rawValue }) {
                i = existing
            } else {
                i = needFunctions.count
                needFunctions.append((f.rawValue, CueList()))
            }
            Self.addPhrases(vocabulary, &needFunctions[i].cues, &src, v, what: "need.\(k)")
        }
    }

    /// Merges the `timeline` section (its own function: one frame per section keeps debug stacks small on
    /// worker threads).
    private func mergeTimeline(_ value: Node, _ src: inout YAMLSource) {
        for (k, kn, v) in src.pairs(value, what: "timeline") {
            switch k {
            case "asap": Self.addPhrases(vocabulary, &asap, &src, v, what: "timeline.asap")
            case "exploring": Self.addPhrases(vocabulary, &exploring, &src, v, what: "timeline.exploring")
            case "before": Self.addPhrases(vocabulary, &before, &src, v, what: "timeline.before")
            case "next_month": Self.addPhrases(vocabulary, &nextMonth, &src, v, what: "timeline.next_month")
            case "this_year": Self.addPhrases(vocabulary, &thisYear, &src, v, what: "timeline.this_year")
            case "next_year": Self.addPhrases(vocabulary, &nextYear, &src, v, what: "timeline.next_year")
            case "this_quarter": Self.addPhrases(vocabulary, &thisQuarter, &src, v, what: "timeline.this_quarter")
            case "next_quarter": Self.addPhrases(vocabulary, &nextQuarter, &src, v, what: "timeline.next_quarter")
            case "next_week": Self.addPhrases(vocabulary, &nextWeek, &src, v, what: "timeline.next_week")
            case "within": Self.addPhrases(vocabulary, &within, &src, v, what: "timeline.within")
            case "one_words": Self.addWords(&oneWords, &src, v, what: "timeline.one_words")
            case "single_units": Self.addWords(&singleUnits, &src, v, what: "timeline.single_units")
            case "within_fillers": Self.addWords(&withinFillers, &src, v, what: "timeline.within_fillers")
            case "quarter_words": Self.addWords(&quarterWords, &src, v, what: "timeline.quarter_words")
            case "ordinals": Self.addWordMap(&ordinals, &src, v, what: "timeline.ordinals")
            case "units":
                for (word, wn, kind) in src.pairs(v, what: "timeline.units") {
                    let days: Int
                    switch kind.scalarText {
                    case "day": days = 1
                    case "week": days = 7
                    case "month": days = 0
                    default:
                        src.problem("unit '\(word)' must be day, week or month", at: kind)
                        continue
                    }
                    guard let w = Self.singleWord(word) else {
                        src.problem("unit '\(word)' must be one word", at: wn)
                        continue
                    }
                    units[w] = days
                }
            case "months":
                var map: [String: Double] = [:]
                Self.addWordMap(&map, &src, v, what: "timeline.months")
                for (w, m) in map {
                    guard (1...12).contains(Int(m)), m == m.rounded() else {
                        src.problem("month '\(w)' must map to 1...12", at: v)
                        continue
                    }
                    months[w] = Int(m)
                }
            case "months_needing_cue": Self.addWords(&monthsNeedingCue, &src, v, what: "timeline.months_needing_cue")
            case "month_cues": Self.addPhrases(vocabulary, &monthCues, &src, v, what: "timeline.month_cues")
            case "not_deadline": Self.addPhrases(vocabulary, &notDeadline, &src, v, what: "timeline.not_deadline")
            case "purchase": Self.addPhrases(vocabulary, &purchase, &src, v, what: "timeline.purchase")
            case "forward": Self.addPhrases(vocabulary, &forward, &src, v, what: "timeline.forward")
            default: src.problem("unknown timeline section '\(k)'", at: kn)
            }
        }
    }

    /// The single folded word of `entry`, or `nil` when it folds to several words (or none).
    static func singleWord(_ entry: String) -> String? {
        let words = Tokenizer.tokenize(TextFold.fold(entry)).filter { $0.kind != .punct }
        return words.count == 1 ? words[0].text : nil
    }

    private static func addPhrases(_ vocabulary: CueVocabulary, _ list: inout CueList, _ src: inout YAMLSource, _ node: Node,
                                   what: String, value: Double = 0) {
        for (entry, n) in src.strings(node, what: what) where !list.add(entry, value: value, vocabulary: vocabulary) {
            src.problem("\(what): '\(entry)' has no words to match", at: n)
        }
    }

    private static func addWords(_ set: inout Set<String>, _ src: inout YAMLSource, _ node: Node, what: String) {
        for (entry, n) in src.strings(node, what: what) {
            if let w = Self.singleWord(entry) {
                set.insert(w)
            } else if let p = Tokenizer.tokenize(TextFold.fold(entry)).first, entry.count == 1 {
                set.insert(p.text)     // a single punctuation character such as "-"
            } else {
                src.problem("\(what): '\(entry)' must be a single word", at: n)
            }
        }
    }

    private static func addWordMap(_ map: inout [String: Double], _ src: inout YAMLSource, _ node: Node, what: String) {
        for (word, wn, v) in src.pairs(node, what: what) {
            guard let w = Self.singleWord(word) else {
                src.problem("\(what): '\(word)' must be a single word", at: wn)
                continue
            }
            if let d = src.number(v, what: "\(what).\(word)") { map[w] = d }
        }
    }
}

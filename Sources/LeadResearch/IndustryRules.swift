import Foundation
import LeadCore

/// `rules/industries.yaml` as written.
struct IndustryFile: Decodable {
    struct LanguageFactor: Decodable {
        var own: Double
        var en: Double
        var other: Double
    }
    struct Audience: Decodable {
        var factor: Double
        var window: Int
        var markers: [String: [String]]
    }
    struct SchemaTypes: Decodable {
        var weight: Double
        var types: [String: String]
    }
    var minScore: Double
    var minLead: Double
    var minRatio: Double
    var languageFactor: LanguageFactor
    var audience: Audience
    var sources: [String: Double]
    var schemaTypes: SchemaTypes
    var ignore: [String: [String]]?
    /// industry → language (or `all`) → cue → weight.
    var industries: [String: [String: [String: Double]]]

    enum CodingKeys: String, CodingKey {
        case minScore = "min_score", minLead = "min_lead", minRatio = "min_ratio", languageFactor = "language_factor"
        case audience, sources, ignore, industries
        case schemaTypes = "schema_types"
    }
}

/// Scored industry classification from the company's own words (`rules/industries.yaml`): a weighted,
/// multilingual cue lexicon per industry over the page sources, plus the company's schema.org `@type`,
/// with a pseudo-industry `other` for businesses outside the vocabulary and a margin over the runner-up.
struct IndustryRules: Sendable {
    /// The languages cues are written for; `all` cues apply to every page.
    static let languages = ["en", "nl", "de", "fr", "es", "it", "pl"]
    static let sourceNames: Set<String> = ["description", "title", "headings", "domain", "body"]
    /// The pseudo-industry for businesses outside the vocabulary (its index is ``Industry/allCases``.count).
    static let otherKey = "other"

    /// One reading of a cue: which industry (or -1 for a mask), in which language, how strong.
    struct Entry: Sendable {
        var industry: Int
        /// Index in ``IndustryRules/languages``, or -1 for `all`.
        var language: Int
        var weight: Double
        /// `*stem`: may start inside a word.
        var infix: Bool
        /// `stem$`: the word must end with the cue.
        var wordEnd: Bool
        /// `stem!`: the cue names the kind of business ("software", "agence", "Akademie"); in its
        /// clause, the words of other industries describe the customers or the subject.
        var head: Bool = false
    }

    /// A scored classification.
    struct Result: Sendable {
        var industry: Industry
        var score: Double
        var runnerUp: Double
        /// The strongest cues of the winner (`@type Dentist; title: tandarts; …`).
        var evidence: String
        /// Whether the company's schema.org type is among the evidence.
        var fromType: Bool
    }

    let minScore: Double
    let minLead: Double
    let minRatio: Double
    let languageFactor: IndustryFile.LanguageFactor
    let audienceFactor: Double
    let audienceWindow: Int
    /// Folded marker words per language index.
    let audienceMarkers: [Set<String>]
    let sourceWeights: [String: Double]
    let typeWeight: Double
    /// Lower-case schema.org type → industry index (``otherIndex`` for types outside the vocabulary).
    let types: [String: Int]
    /// Folded cue bodies (without `*`/`$`), each once, and their readings.
    let patterns: [String]
    let entries: [[Entry]]
    let patternHasSpace: [Bool]
    let matcher: MultiMatcher
    /// The real industries, in index order.
    let industries: [Industry] = Industry.allCases
    var otherIndex: Int { industries.count }

    init(_ f: IndustryFile, file: String) throws(LeadsmithError) {
        func bad(_ message: String) -> LeadsmithError { LeadsmithError(.badRules, message, file: file) }
        guard f.minScore > 0, f.minLead >= 0, f.minRatio >= 1 else {
            throw bad("min_score must be > 0, min_lead ≥ 0 and min_ratio ≥ 1")
        }
        for (name, v) in [("own", f.languageFactor.own), ("en", f.languageFactor.en), ("other", f.languageFactor.other)] where !(0...1).contains(v) {
            throw bad("language_factor.\(name) must be between 0 and 1")
        }
        guard (0...1).contains(f.audience.factor), f.audience.window >= 0, f.audience.window <= 10 else {
            throw bad("audience.factor must be between 0 and 1 and audience.window between 0 and 10")
        }
        for (name, w) in f.sources {
            guard Self.sourceNames.contains(name) else { throw bad("unknown source '\(name)' (use \(Self.sourceNames.sorted().joined(separator: ", ")))") }
            guard w >= 0 else { throw bad("sources.\(name) must be ≥ 0") }
        }
        minScore = f.minScore
        minLead = f.minLead
        minRatio = f.minRatio
        languageFactor = f.languageFactor
        audienceFactor = f.audience.factor
        audienceWindow = f.audience.window
        var markers = [Set<String>](repeating: [], count: Self.languages.count)
        for (lang, words) in f.audience.markers {
            guard let li = Self.languages.firstIndex(of: lang) else { throw bad("audience.markers: unknown language '\(lang)'") }
            markers[li] = Set(words.map(TextFold.fold).filter { !$0.isEmpty })
        }
        audienceMarkers = markers
        sourceWeights = f.sources
        guard f.schemaTypes.weight > 0 else { throw bad("schema_types.weight must be > 0") }
        typeWeight = f.schemaTypes.weight
        let allIndustries = Industry.allCases
        func industryIndex(_ key: String, at path: String) throws(LeadsmithError) -> Int {
            if key == Self.otherKey { return allIndustries.count }
            guard let industry = Industry(rawValue: key), let i = allIndustries.firstIndex(of: industry) else {
                throw bad("\(path): unknown industry '\(key)' (use the PRODUCT.md vocabulary or '\(Self.otherKey)')")
            }
            return i
        }
        var typeMap: [String: Int] = [:]
        for (type, key) in f.schemaTypes.types {
            typeMap[type.lowercased()] = try industryIndex(key, at: "schema_types.types.\(type)")
        }
        types = typeMap

        var index: [String: Int] = [:]
        var bodies: [String] = []
        var readings: [[Entry]] = []
        func add(_ raw: String, _ entry: Entry, at path: String) throws(LeadsmithError) {
            var cue = raw.trimmingCharacters(in: .whitespaces)
            var e = entry
            if cue.hasPrefix("*") { e.infix = true; cue.removeFirst() }
            if cue.hasSuffix("!") { e.head = true; cue.removeLast() }
            if cue.hasSuffix("$") { e.wordEnd = true; cue.removeLast() }
            let body = TextFold.fold(cue)
            guard !body.trimmingCharacters(in: .whitespaces).isEmpty else { throw bad("\(path): empty cue '\(raw)'") }
            guard !body.contains("*"), !body.contains("$"), !body.contains("!") else {
                throw bad("\(path): '*' only at the start, '$' and '!' only at the end of a cue ('\(raw)')")
            }
            let i = index[body] ?? bodies.count
            if i == bodies.count {
                index[body] = i
                bodies.append(body)
                readings.append([])
            }
            readings[i].append(e)
        }
        for key in f.industries.keys.sorted() {
            let ind = try industryIndex(key, at: "industries")
            let langs = f.industries[key]!
            for lang in langs.keys.sorted() {
                let li: Int
                if lang == "all" { li = -1 } else if let l = Self.languages.firstIndex(of: lang) { li = l } else {
                    throw bad("industries.\(key): unknown language '\(lang)' (use \(Self.languages.joined(separator: " ")) or all)")
                }
                for (cue, weight) in langs[lang]!.sorted(by: { $0.key < $1.key }) {
                    guard weight > 0, weight <= 10 else { throw bad("industries.\(key).\(lang): weight of '\(cue)' must be > 0 and ≤ 10") }
                    try add(cue, Entry(industry: ind, language: li, weight: weight, infix: false, wordEnd: false), at: "industries.\(key).\(lang)")
                }
            }
        }
        for (lang, cues) in (f.ignore ?? [:]).sorted(by: { $0.key < $1.key }) {
            let li: Int
            if lang == "all" { li = -1 } else if let l = Self.languages.firstIndex(of: lang) { li = l } else {
                throw bad("ignore: unknown language '\(lang)'")
            }
            for cue in cues { try add(cue, Entry(industry: -1, language: li, weight: 0, infix: false, wordEnd: false), at: "ignore.\(lang)") }
        }
        patterns = bodies
        entries = readings
        patternHasSpace = bodies.map { $0.utf8.contains(0x20) }
        matcher = MultiMatcher(bodies, ignoringASCIICase: false)
    }

    static func fold(_ s: String) -> String {
        TextFold.fold(s)
    }

    // MARK: Classification

    /// A byte that belongs to a word in folded UTF-8: ASCII letters and digits, and non-ASCII bytes
    /// except General Punctuation (U+2000–U+206F: dashes, curly quotes).
    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || b >= 0x80
    }

    private static func boundaryBefore(_ t: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        if start == 0 { return true }
        if start >= 3, t[start - 3] == 0xE2, t[start - 2] == 0x80 || t[start - 2] == 0x81 { return true }
        return !isWordByte(t[start - 1])
    }

    private static func boundaryAfter(_ t: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        if end >= t.count { return true }
        if t[end] == 0xE2, end + 1 < t.count, t[end + 1] == 0x80 || t[end + 1] == 0x81 { return true }
        return !isWordByte(t[end])
    }

    /// Whether an audience marker ("for", "voor", …) of the page language stands within the window of
    /// words before `start`, in the same clause.
    private func afterAudienceMarker(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, markers: Set<String>) -> Bool {
        guard !markers.isEmpty, audienceWindow > 0 else { return false }
        var i = start - 1
        var words = 0
        while i >= 0, words < audienceWindow {
            // Skip separators; a clause break ends the look-back.
            while i >= 0, !Self.isWordByte(t[i]) {
                let b = t[i]
                if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3A || b == 0x3B || b == 0x7C || b == 0x0A || b == 0x2C { return false }
                i -= 1
            }
            if i >= 2, t[i - 2] == 0xE2, t[i - 1] == 0x80 { return false }  // – — … before the cue
            guard i >= 0 else { return false }
            let end = i + 1
            while i >= 0, Self.isWordByte(t[i]) { i -= 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: t[(i + 1)..<end]), as: UTF8.self)
            if markers.contains(word) { return true }
            words += 1
        }
        return false
    }

    /// Byte offsets where clauses end: `.`, `!`, `?`, `:`, `;`, `|`, line breaks, en and em dashes and a
    /// hyphen between spaces (commas do not end one: "software, dashboards and …").
    static func clauseBreaks(_ t: UnsafeBufferPointer<UInt8>) -> [Int] {
        var out: [Int] = []
        var i = 0
        while i < t.count {
            let b = t[i]
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3A || b == 0x3B || b == 0x7C || b == 0x0A {
                out.append(i)
            } else if b == 0xE2, i + 2 < t.count, t[i + 1] == 0x80, t[i + 2] == 0x93 || t[i + 2] == 0x94 {
                out.append(i)
            } else if b == 0x2D, i > 0, i + 1 < t.count, t[i - 1] == 0x20, t[i + 1] == 0x20 {
                out.append(i)
            }
            i += 1
        }
        return out
    }

    /// The clause of byte `at`: how many breaks stand before it.
    static func clause(_ breaks: [Int], _ at: Int) -> Int {
        var lo = 0, hi = breaks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if breaks[mid] < at { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private struct Occurrence {
        var start: Int
        var end: Int  // exclusive
        var pattern: Int
        /// The readings whose boundary rules hold.
        var readings: [Entry]
    }

    /// The score contributions of one source text: (industry, pattern, value).
    private func contributions(_ folded: UnsafeBufferPointer<UInt8>, language: Int?) -> [(Int, Int, Double)] {
        var occ: [Occurrence] = []
        _ = matcher.firstOccurrence(in: folded) { p, last in
            let len = matcher.lengths[p]
            let start = last - len + 1
            let end = last + 1
            let before = Self.boundaryBefore(folded, start)
            let after = Self.boundaryAfter(folded, end)
            let valid = entries[p].filter { ($0.infix || before) && (!$0.wordEnd || after) }
            if !valid.isEmpty { occ.append(Occurrence(start: start, end: end, pattern: p, readings: valid)) }
            return false
        }
        guard !occ.isEmpty else { return [] }
        // A cue inside a longer cue that matched does not count for another industry; for the same
        // industry its reading joins the longer one (the same word listed in two languages).
        occ.sort { ($0.start, -($0.end - $0.start)) < ($1.start, -($1.end - $1.start)) }
        var kept: [Occurrence] = []
        var maxEnd = -1
        var container = -1
        for o in occ {
            if o.end <= maxEnd {
                let industries = Set(kept[container].readings.map(\.industry))
                kept[container].readings += o.readings.filter { $0.industry >= 0 && industries.contains($0.industry) }
                continue
            }
            maxEnd = o.end
            container = kept.count
            kept.append(o)
        }
        // Within one word the longest cue counts (then the stronger, then the later: the compound's head).
        var bestInWord: [Int: Int] = [:]  // word start → index in kept
        var multiWord: [Int] = []
        for (k, o) in kept.enumerated() {
            if patternHasSpace[o.pattern] { multiWord.append(k); continue }
            var ws = o.start
            while ws > 0, !Self.boundaryBefore(folded, ws) { ws -= 1 }
            if let j = bestInWord[ws] {
                let a = kept[j], la = a.end - a.start, lo = o.end - o.start
                let wa = a.readings.map(\.weight).max() ?? 0
                let wo = o.readings.map(\.weight).max() ?? 0
                if (lo, wo, o.end) > (la, wa, a.end) { bestInWord[ws] = k }
            } else {
                bestInWord[ws] = k
            }
        }
        let markers = language.map { audienceMarkers[$0] } ?? audienceMarkers.reduce(into: Set<String>()) { $0.formUnion($1) }
        let chosen = (multiWord + bestInWord.values).sorted()
        let audiences = chosen.map { afterAudienceMarker(folded, kept[$0].start, markers: markers) }
        // Heads: when the cues naming a kind of business in a clause are all of one industry, the
        // other industries' words in that clause are its customers or subject ("patient flow software",
        // "Formations en logistique", "Akademia Księgowości") and count like words after "for".
        let anyHead = chosen.contains { k in kept[k].readings.contains(where: \.head) }
        let breaks = anyHead ? Self.clauseBreaks(folded) : []
        let clauses = chosen.map { anyHead ? Self.clause(breaks, kept[$0].start) : 0 }
        var headsByClause: [Int: Set<Int>] = [:]
        for (n, k) in chosen.enumerated() where !audiences[n] {
            // A head is a word of the page's language ("clinic" is not a head on a Spanish page).
            for e in kept[k].readings where e.head && e.industry >= 0 && (language == nil || e.language == -1 || e.language == language) {
                headsByClause[clauses[n], default: []].insert(e.industry)
            }
        }
        var out: [(Int, Int, Double)] = []
        for (n, k) in chosen.enumerated() {
            let o = kept[k]
            let audience = audiences[n] ? audienceFactor : 1
            let heads = headsByClause[clauses[n]] ?? []
            for e in o.readings {
                guard e.industry >= 0 else { continue }
                let modifier = heads.count == 1 && !heads.contains(e.industry) ? audienceFactor : 1
                let lf: Double
                if let language {
                    lf = e.language == -1 || e.language == language ? languageFactor.own
                        : (Self.languages[e.language] == "en" ? languageFactor.en : languageFactor.other)
                } else {
                    lf = 1
                }
                out.append((e.industry, o.pattern, e.weight * lf * min(audience, modifier)))
            }
        }
        return out
    }

    /// The industry the texts state, or `nil` when no industry is clearly ahead (or the business is
    /// outside the vocabulary).
    /// - Parameters:
    ///   - types: schema.org `@type`s of the company's own JSON-LD/microdata items.
    ///   - texts: source name (`description`, `title`, `headings`, `domain`, `body`) → texts.
    ///   - language: the page language (`de`, `pt-BR` …); `nil` reads every language at full weight.
    func classify(types: [String], texts: [String: [String]], language: String?) -> Result? {
        let lang = language.flatMap { l in Self.languages.firstIndex(of: String(l.lowercased().prefix(2))) }
        let n = industries.count + 1
        var score = [Double](repeating: 0, count: n)
        var why: [[(Double, String)]] = Array(repeating: [], count: n)
        var typed = [Bool](repeating: false, count: n)
        for t in Set(types.map { $0.lowercased() }).sorted() {
            guard let i = self.types[t] else { continue }
            score[i] += typeWeight
            typed[i] = true
            why[i].append((typeWeight, "@type " + t))
        }
        // Per source, each cue counts once per industry (its strongest reading).
        var perSource: [(source: String, best: [Int: Double])] = []  // industry * patterns.count + pattern → value
        var folded: [UInt8] = []
        for source in texts.keys.sorted() {
            folded.removeAll(keepingCapacity: true)
            for (i, text) in (texts[source] ?? []).enumerated() {
                if i > 0 { folded.append(0x0A) }
                TextFold.appendFolded(text, to: &folded)
            }
            guard !folded.isEmpty else { continue }
            let w = sourceWeights[source] ?? 0.5
            guard w > 0 else { continue }
            let found = folded.withUnsafeBufferPointer { contributions($0, language: lang) }
            var best: [Int: Double] = [:]
            for (ind, p, v) in found where w * v > best[ind * patterns.count + p] ?? 0 { best[ind * patterns.count + p] = w * v }
            perSource.append((source, best))
        }
        // A cue in the domain name is the company's name: it counts once, in its strongest source, not
        // again in every title, heading and description that repeats the name.
        if let domain = perSource.first(where: { $0.source == "domain" })?.best {
            for key in domain.keys {
                let strongest = perSource.indices.max { (perSource[$0].best[key] ?? 0, $1) < (perSource[$1].best[key] ?? 0, $0) }!
                for i in perSource.indices where i != strongest { perSource[i].best[key] = nil }
            }
        }
        for (source, best) in perSource {
            for (key, v) in best.sorted(by: { $0.key < $1.key }) {
                let ind = key / patterns.count
                score[ind] += v
                why[ind].append((v, source + ": " + patterns[key % patterns.count]))
            }
        }
        var order = Array(0..<n)
        order.sort { (score[$0], -$0) > (score[$1], -$1) }
        let winner = order[0], runner = score[order[1]]
        let top = score[winner]
        guard winner < industries.count, top >= minScore, top - runner >= minLead, top >= runner * minRatio else { return nil }
        let evidence = why[winner].sorted { ($0.0, $1.1) > ($1.0, $0.1) }.prefix(4).map(\.1).joined(separator: "; ")
        return Result(industry: industries[winner], score: top, runnerUp: runner, evidence: evidence, fromType: typed[winner])
    }
}

import Foundation
import LeadCore

/// The languages every cue class of `founding_phrases.yaml` and `employee_phrases.yaml` is written for.
enum CueLanguages {
    static let supported = ["en", "nl", "de", "fr", "es", "it", "pl"]
    /// The key for entries that apply on every page.
    static let all = "all"
}

/// One cue class as written in a rules file: a kind the parser interprets, a weight, and entries per language.
struct CueClassSpec: Decodable, Sendable {
    var kind: String
    var weight: Double?
    var reach: Int?
    /// `before`, `after` or `any` (negative classes of the employee file).
    var side: String?
    /// `phrase` keeps a negative class to its phrase even when the only evidence is weak.
    var weakScope: String?
    var words: [String: [String]]

    enum CodingKeys: String, CodingKey {
        case kind, weight, reach, side, words
        case weakScope = "weak_scope"
    }
}

/// A cue-class rules file: a threshold and named classes.
struct CueFileSpec: Decodable, Sendable {
    var threshold: Double
    var strong: Double?
    var reach: Int?
    var classes: [String: CueClassSpec]
}

/// What a rules file must hold: which kinds exist, which must be present, and which must be written
/// for every supported language.
struct CueSchema: Sendable {
    var kinds: Set<String>
    var required: Set<String>
    var everyLanguage: Set<String>
    /// Kinds whose weight must be negative / positive.
    var negative: Set<String>
    var positive: Set<String>
}

/// One word of a compiled entry.
enum CuePart: Sendable, Hashable {
    case exact(String)
    case prefix(String)
    case suffix(String)
    case contains(String)
    case any
    /// `..`: up to ``CuePart/gapLength`` tokens without punctuation, numbers included, before the
    /// next part (split verbs: "richtte .. op", "rief .. ins leben").
    case gap

    /// The most tokens a `..` may skip.
    static let gapLength = 6

    func matches(_ word: String) -> Bool {
        switch self {
        case .exact(let s): return word == s
        case .prefix(let s): return word.hasPrefix(s)
        case .suffix(let s): return word.hasSuffix(s)
        case .contains(let s): return Self.contains(word, s)
        case .any, .gap: return true
        }
    }

    /// `word.contains(part)` with Foundation's semantics (`range(of:)` without options: case- and
    /// diacritic-sensitive, canonical equivalence, no match that ends inside a composed character).
    /// When both strings hold only printable ASCII and precomposed Latin letters (U+00A0–U+024F, no
    /// soft hyphen: nearly every token of the supported languages), every scalar is a whole composed
    /// character with a canonical form of its own, so a UTF-8 byte search finds exactly what Foundation
    /// finds, without bridging to `NSString`; anything else (combining marks, controls, other scripts)
    /// goes to Foundation.
    static func contains(_ word: String, _ part: String) -> Bool {
        var w = word
        var p = part
        let fast: Bool? = w.withUTF8 { wb in
            p.withUTF8 { pb in
                guard !pb.isEmpty, isPlainLatin(wb), isPlainLatin(pb) else { return nil }
                return byteSearch(wb, pb)
            }
        }
        return fast ?? word.contains(part)
    }

    /// Whether UTF-8 `b` holds only U+0020–U+007E and U+00A0–U+024F except U+00AD.
    static func isPlainLatin(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                guard c >= 0x20, c != 0x7F else { return false }
                i += 1
                continue
            }
            guard i + 1 < n else { return false }
            let d = b[i + 1]
            switch c {
            case 0xC2: guard d >= 0xA0, d != 0xAD else { return false }  // U+00A0–U+00BF
            case 0xC3...0xC8: break  // U+00C0–U+023F
            case 0xC9: guard d < 0x90 else { return false }  // U+0240–U+024F
            default: return false
            }
            i += 2
        }
        return true
    }

    /// Whether `needle` (not empty) occurs in `hay`, byte for byte.
    static func byteSearch(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count <= hay.count else { return false }
        let first = needle[0]
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The literal text of the part, for pre-checks.
    var literal: String {
        switch self {
        case .exact(let s), .prefix(let s), .suffix(let s), .contains(let s): return s
        case .any, .gap: return ""
        }
    }
}

/// A compiled class: its kind and scoring parameters.
struct CueClass: Sendable {
    var name: String
    var kind: String
    var weight: Double
    var reach: Int
    var side: String
    var weakScope: String
}

/// A match of a class entry in a token list: tokens `start..<end`.
struct CueHit: Sendable {
    var cls: Int
    var start: Int
    var end: Int
}

/// Compiled cue classes of one rules file: per language, the entries indexed by their first word, and
/// the matching of token lists against them.
struct CueLexicon: Sendable {
    let classes: [CueClass]
    let threshold: Double
    let strong: Double
    let reach: Int

    private struct Entry: Sendable {
        var parts: [CuePart]
        var cls: Int
    }

    /// The entries of one language (plus `all`).
    private struct Table: Sendable {
        var entries: [Entry] = []
        var byExact: [String: [Int]] = [:]
        var byPrefix: [String: [Int]] = [:]
        var prefixLengths: [Int] = []
        var scanned: [Int] = []
    }

    private let tables: [String: Table]
    private let union: Table

    /// Validates `spec` against `schema` and compiles it.
    /// - Throws: ``LeadsmithError`` `bad_rules` naming `file`, the class, the language and the entry.
    init(_ spec: CueFileSpec, schema: CueSchema, file: String) throws(LeadsmithError) {
        func bad(_ message: String) -> LeadsmithError { LeadsmithError(.badRules, message, file: file) }
        guard spec.threshold > 0 else { throw bad("threshold must be above 0") }
        threshold = spec.threshold
        strong = spec.strong ?? spec.threshold
        guard strong >= threshold else { throw bad("strong (\(strong)) must not be below threshold (\(threshold))") }
        reach = spec.reach ?? 6
        guard (1...30).contains(reach) else { throw bad("reach must be 1…30 tokens, not \(reach)") }
        let names = spec.classes.keys.sorted()
        var classes: [CueClass] = []
        var perLanguage: [String: [Entry]] = [:]
        let known = Set(CueLanguages.supported + [CueLanguages.all])
        for name in names {
            let c = spec.classes[name]!
            guard schema.kinds.contains(c.kind) else {
                throw bad("class \(name): unknown kind '\(c.kind)' (known: \(schema.kinds.sorted().joined(separator: ", ")))")
            }
            let weight = c.weight ?? 0
            if schema.negative.contains(c.kind), !(weight < 0) { throw bad("class \(name): a \(c.kind) class needs a negative weight") }
            if schema.positive.contains(c.kind), !(weight > 0) { throw bad("class \(name): a \(c.kind) class needs a positive weight") }
            let classReach = c.reach ?? reach
            guard (1...30).contains(classReach) else { throw bad("class \(name): reach must be 1…30 tokens, not \(classReach)") }
            let side = c.side ?? "any"
            guard ["before", "after", "any"].contains(side) else { throw bad("class \(name): side must be before, after or any, not '\(side)'") }
            let weakScope = c.weakScope ?? "sentence"
            guard ["phrase", "sentence"].contains(weakScope) else { throw bad("class \(name): weak_scope must be phrase or sentence") }
            for lang in c.words.keys.sorted() where !known.contains(lang) {
                throw bad("class \(name): unknown language '\(lang)' (known: \(known.sorted().joined(separator: ", ")))")
            }
            if schema.everyLanguage.contains(c.kind) {
                for lang in CueLanguages.supported where (c.words[lang] ?? []).isEmpty && (c.words[CueLanguages.all] ?? []).isEmpty {
                    throw bad("class \(name): no entries for language '\(lang)' (a \(c.kind) class is needed in every language)")
                }
            }
            let index = classes.count
            classes.append(CueClass(name: name, kind: c.kind, weight: weight, reach: classReach, side: side, weakScope: weakScope))
            for lang in c.words.keys.sorted() {
                for raw in c.words[lang]! {
                    let parts = try Self.compile(raw, name: name, lang: lang, file: file)
                    perLanguage[lang, default: []].append(Entry(parts: parts, cls: index))
                }
            }
        }
        for kind in schema.required.sorted() where !classes.contains(where: { $0.kind == kind }) {
            throw bad("no class of kind '\(kind)'")
        }
        self.classes = classes
        func table(_ entries: [Entry]) -> Table {
            var t = Table()
            // Longer entries first, so the first hit at a position is the longest.
            t.entries = entries.sorted { $0.parts.count > $1.parts.count }
            var lengths = Set<Int>()
            for (k, e) in t.entries.enumerated() {
                switch e.parts[0] {
                case .exact(let s): t.byExact[s, default: []].append(k)
                case .prefix(let s): t.byPrefix[s, default: []].append(k); lengths.insert(s.count)
                default: t.scanned.append(k)
                }
            }
            t.prefixLengths = lengths.sorted()
            return t
        }
        let common = perLanguage[CueLanguages.all] ?? []
        var tables: [String: Table] = [:]
        for lang in CueLanguages.supported { tables[lang] = table((perLanguage[lang] ?? []) + common) }
        self.tables = tables
        union = table(perLanguage.keys.sorted().flatMap { perLanguage[$0]! })
    }

    private static func compile(_ raw: String, name: String, lang: String, file: String) throws(LeadsmithError) -> [CuePart] {
        let words = raw.split(separator: " ").map(String.init)
        guard !words.isEmpty else {
            throw LeadsmithError(.badRules, "class \(name), language \(lang): empty entry", file: file)
        }
        var parts: [CuePart] = []
        for (k, w) in words.enumerated() {
            if w != w.lowercased() {
                throw LeadsmithError(.badRules, "class \(name), language \(lang): entry '\(raw)' must be lower case", file: file)
            }
            if w == "*" || w == ".." {
                guard k > 0, k < words.count - 1, parts.last != .gap else {
                    throw LeadsmithError(.badRules, "class \(name), language \(lang): entry '\(raw)': a lone \(w) must stand between words", file: file)
                }
                parts.append(w == "*" ? .any : .gap)
                continue
            }
            let lead = w.hasPrefix("*") && w.count > 1
            let trail = w.hasSuffix("*") && w.count > 1
            var core = w
            if lead { core.removeFirst() }
            if trail, !core.isEmpty { core.removeLast() }
            if core.isEmpty || core.contains("*") {
                throw LeadsmithError(.badRules, "class \(name), language \(lang): entry '\(raw)': * only at the start or end of a word", file: file)
            }
            switch (lead, trail) {
            case (true, true): parts.append(.contains(core))
            case (true, false): parts.append(.suffix(core))
            case (false, true): parts.append(.prefix(core))
            case (false, false): parts.append(.exact(core))
            }
        }
        return parts
    }

    /// The literal text of every entry of the given kinds (all languages), for pre-checks.
    func literals(ofKinds kinds: Set<String>) -> [String] {
        var out = Set<String>()
        for e in union.entries where kinds.contains(classes[e.cls].kind) {
            if let longest = e.parts.map(\.literal).max(by: { $0.count < $1.count }), longest.count >= 2 { out.insert(longest) }
        }
        return out.sorted()
    }

    /// Every class hit in `tokens`, by start index (longest entry of each class first).
    func hits(_ tokens: [TextToken], language: String?) -> [[CueHit]] {
        let table = language.flatMap { tables[$0] } ?? union
        var out = [[CueHit]](repeating: [], count: tokens.count)
        // The entries to try at a position, refilled per token (one buffer for the whole list).
        var candidates: [Int] = []
        candidates.reserveCapacity(table.scanned.count + 16)
        for i in tokens.indices {
            let t = tokens[i]
            guard t.number == nil, t.kind != .boundary || t.text == "," else { continue }
            var found: [CueHit] = []
            func tryEntry(_ k: Int) {
                let e = table.entries[k]
                // One hit per class and position (the classes found so far are those of `found`).
                guard !found.contains(where: { $0.cls == e.cls }) else { return }
                guard let end = Self.match(e.parts, 0, tokens, i) else { return }
                found.append(CueHit(cls: e.cls, start: i, end: end))
            }
            candidates.removeAll(keepingCapacity: true)
            if let ks = table.byExact[t.text] { candidates += ks }
            if !table.prefixLengths.isEmpty {
                // ASCII without CR (nearly every token): one Character per byte, so the byte count and
                // byte prefixes are the Character count and prefixes, without walking graphemes.
                let utf8 = t.text.utf8
                let ascii = !utf8.contains { $0 >= 0x80 || $0 == 0x0D }
                let count = ascii ? utf8.count : t.text.count
                for len in table.prefixLengths where len <= count {
                    let key = ascii ? String(t.text[..<utf8.index(utf8.startIndex, offsetBy: len)]) : String(t.text.prefix(len))
                    if let ks = table.byPrefix[key] { candidates += ks }
                }
            }
            candidates += table.scanned
            // Entries are sorted longest first; keep that order across the buckets.
            candidates.sort()
            for k in candidates { tryEntry(k) }
            out[i] = found
        }
        return out
    }

    /// The end (exclusive) of a match of `parts[n...]` starting at token `at`, or `nil`. Words never
    /// match numbers or boundaries; a `..` skips up to ``CuePart/gapLength`` tokens (numbers too, not
    /// punctuation) before the rest matches.
    private static func match(_ parts: [CuePart], _ n: Int, _ tokens: [TextToken], _ at: Int) -> Int? {
        guard n < parts.count else { return at }
        if parts[n] == .gap {
            var skip = 0
            var k = at
            while skip <= CuePart.gapLength, k < tokens.count {
                if let end = match(parts, n + 1, tokens, k) { return end }
                if tokens[k].kind == .boundary { return nil }
                k += 1
                skip += 1
            }
            return nil
        }
        guard at < tokens.count else { return nil }
        let tok = tokens[at]
        if tok.number != nil || tok.kind == .boundary || !parts[n].matches(tok.text) { return nil }
        return match(parts, n + 1, tokens, at + 1)
    }

    /// The classes of `kind`, as a bit set over class indices.
    func mask(_ kinds: String...) -> Set<Int> {
        Set(classes.indices.filter { kinds.contains(classes[$0].kind) })
    }
}

/// Sentence and phrase bounds of a token list: boundaries end sentences; commas, colons, brackets and
/// joiner words end phrases.
struct ClauseBounds {
    /// Per token: the start and end (exclusive) of its sentence and of its phrase.
    var sentence: [Range<Int>]
    var phrase: [Range<Int>]

    init(_ tokens: [TextToken], hits: [[CueHit]], joiners: Set<Int>) {
        let n = tokens.count
        sentence = Array(repeating: 0..<0, count: n)
        phrase = Array(repeating: 0..<0, count: n)
        func hardBreak(_ t: TextToken) -> Bool { t.kind == .boundary && t.text != ":" && t.text != "," && t.text != "(" && t.text != ")" }
        func softBreak(_ k: Int) -> Bool {
            let t = tokens[k]
            if t.kind == .boundary || t.text == "–" || t.text == "—" { return true }
            return hits[k].contains { joiners.contains($0.cls) }
        }
        var a = 0
        while a < n {
            var b = a
            while b < n, !hardBreak(tokens[b]) { b += 1 }
            for k in a..<b { sentence[k] = a..<b }
            var p = a
            while p < b {
                var q = p
                while q < b, !(q > p && softBreak(q)) { q += 1 }
                for k in p..<q { phrase[k] = p..<q }
                p = q
            }
            if b < n { sentence[b] = b..<(b + 1); phrase[b] = b..<(b + 1) }
            a = b + 1
        }
    }
}

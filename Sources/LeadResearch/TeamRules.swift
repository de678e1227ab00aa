import Foundation
import LeadCore

/// The shape of `rules/team_page.yaml`.
struct TeamPageFile: Decodable {
    var honorifics: [String]
    var credentials: [String]
    var particles: [String]
    var notNameWords: [String]
    var nameHints: [String]
    var titleHints: [String]
    var notTitles: [String]
    var skipHints: [String]?

    enum CodingKeys: String, CodingKey {
        case honorifics, credentials, particles
        case skipHints = "skip_hints"
        case notNameWords = "not_name_words"
        case nameHints = "name_hints"
        case titleHints = "title_hints"
        case notTitles = "not_titles"
    }
}

/// What a person's name and a job title look like on a team page (`rules/team_page.yaml`, with the
/// title phrases of `rules/titles.yaml` to tell "Account Manager" from "Anna Meyer").
struct TeamRules: Sendable {
    let honorifics: Set<String>
    let credentials: Set<String>
    let particles: Set<String>
    let notNameWords: Set<String>
    let nameHints: Set<String>
    let titleHints: Set<String>
    let notTitles: Set<String>
    let skipHints: Set<String>
    let titles: TitleNormalizer
    /// Every hint word: an attribute without one marks nothing.
    let hintWords: MultiMatcher

    init(_ f: TeamPageFile, titles: TitleNormalizer) {
        func set(_ l: [String]) -> Set<String> { Set(l.map { Self.key($0) }.filter { !$0.isEmpty }) }
        honorifics = set(f.honorifics)
        credentials = set(f.credentials)
        particles = Set(f.particles.map { Self.fold($0) })
        notNameWords = set(f.notNameWords)
        nameHints = set(f.nameHints)
        titleHints = set(f.titleHints)
        notTitles = Set(f.notTitles.map { Self.fold($0) })
        skipHints = set(f.skipHints ?? [])
        hintWords = MultiMatcher(Array(nameHints.union(titleHints).union(skipHints)).sorted(), ignoringASCIICase: true)
        self.titles = titles
    }

    /// Lower case, diacritics folded (ASCII text without Foundation).
    static func fold(_ s: String) -> String {
        TextFold.fold(s)
    }

    /// A word as compared with the lists: folded, without trailing dots and commas.
    static func key(_ s: String) -> String {
        var k = fold(s)
        while let last = k.last, last == "." || last == "," { k.removeLast() }
        return k
    }

    /// The person's name if `text` (whitespace folded) reads as one: 2–6 words, capitalised apart
    /// from particles, letters only (with `-`, `'`, `.`), none of the heading words, and not a job
    /// title. Honorifics before and credentials after are dropped ("Dr. Anna Schmidt" → "Anna Schmidt").
    func personName(_ text: String) -> String? {
        guard text.utf8.count >= 3, text.utf8.count <= 80 else { return nil }
        // Cheap shape checks first: a space, no digits or '@', a capital or an honorific first.
        var spaces = 0
        for b in text.utf8 {
            if b == 0x20 { spaces += 1 } else if (b >= 0x30 && b <= 0x39) || b == 0x40 { return nil }
        }
        guard spaces >= 1, spaces <= 8, let head = text.first else { return nil }
        if !head.isUppercase, !honorifics.contains(Self.key(String(text.prefix { $0 != " " }))) { return nil }
        var words = text.split(separator: " ").map(String.init)
        while let first = words.first, honorifics.contains(Self.key(first)) { words.removeFirst() }
        while let last = words.last, credentials.contains(Self.key(last)) { words.removeLast() }
        if var last = words.last, last.hasSuffix(",") {
            last.removeLast()
            words[words.count - 1] = last
        }
        guard words.count >= 2, words.count <= 6 else { return nil }
        // Lower-case words other than particles end it before any folding (sentences, labels).
        for w in words.dropFirst() {
            guard let s = w.unicodeScalars.first, !s.properties.isUppercase else { continue }
            let lower = w.lowercased()
            if !particles.contains(lower), !particles.contains(where: { $0.hasSuffix("'") && lower.hasPrefix($0) }) { return nil }
        }
        var capitals = 0
        for (i, w) in words.enumerated() {
            let k = Self.key(w)
            if notNameWords.contains(k) { return nil }
            var letters = 0
            for s in w.unicodeScalars {
                if s.properties.isAlphabetic { letters += 1; continue }
                if s == "-" || s == "'" || s == "’" || s == "." { continue }
                return nil
            }
            guard letters > 0, let first = w.first else { return nil }
            if first.isUppercase {
                capitals += 1
            } else if i > 0, particles.contains(k) {
                continue
            } else if i > 0, let elided = particles.first(where: { $0.hasSuffix("'") && k.hasPrefix($0) && k.count > $0.count }),
                      w.dropFirst(elided.count).first?.isUppercase == true {
                capitals += 1  // "d'Arcy"
            } else {
                return nil
            }
        }
        guard capitals >= 2 else { return nil }
        let name = words.joined(separator: " ")
        if titles.recognizes(name) { return nil }
        return name
    }

    /// The job title in `text` (whitespace folded): leading separators and wrapping brackets
    /// removed; `nil` for texts that are not a title (too long, a sentence, an address, a link label).
    func titleText(_ text: String) -> String? {
        var t = text.trimmed(where: Self.isTitleEdge)
        if t.hasPrefix("("), t.hasSuffix(")") { t = String(t.dropFirst().dropLast()).trimmed(where: Self.isTitleEdge) }
        guard t.utf8.count >= 2, t.utf8.count <= 400, t.count <= 100 else { return nil }
        guard t.contains(where: \.isLetter) else { return nil }
        if t.utf8.contains(0x40) || Self.linkMarks.matchesAny(t) { return nil }
        if t.reduce(0, { $0 + ($1.isNumber ? 1 : 0) }) > 4 { return nil }
        let words = t.split(separator: " ")
        guard words.count <= 10 else { return nil }
        if notTitles.contains(Self.fold(t)) { return nil }
        if words.count >= 4 {
            // A sentence (a bio line), not a title.
            if let last = t.last, ".!?".contains(last) { return nil }
            if t.containsBytes(". ") { return nil }
        }
        return t
    }

    private static let linkMarks = MultiMatcher(["http", "www."], ignoringASCIICase: true)

    /// Separators and spaces around a title ("– Head of Sales", "(CEO)").
    static func isTitleEdge(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "–", "—", "-", "|", ",", ";", ":", "·", "•", "/", " ", "\u{00A0}": return true
        default: return false
        }
    }

    /// Whether a class/id/itemprop value marks a name (`.member-name`), a title (`.role`) or a
    /// block to skip (`.testimonial`). Whole tokens and their `-`/`_` parts are compared.
    func hints(_ attribute: String) -> (name: Bool, title: Bool, skip: Bool) {
        guard hintWords.matchesAny(attribute) else { return (false, false, false) }
        var name = false
        var title = false
        var skip = false
        for token in attribute.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if token.hasPrefix("position-") || token.hasPrefix("text-") { continue }  // layout utilities
            var parts = [String(token)]
            if token.utf8.contains(where: { $0 == 0x2D || $0 == 0x5F }) {
                parts += token.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
            }
            for p in parts {
                if nameHints.contains(p) { name = true }
                if titleHints.contains(p) { title = true }
                if skipHints.contains(p) { skip = true }
            }
        }
        return (name, title, skip)
    }
}

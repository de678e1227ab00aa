import Foundation
import Yams

/// A job title read into the vocabularies.
public struct NormalizedTitle: Sendable, Equatable {
    /// The cleaned title text (emoji and symbols removed, whitespace collapsed; decorations kept).
    public var title: String
    /// The function; `other` when the title has no functional part. Never `nil` for a title that
    /// ``TitleNormalizer`` returns (optional so callers can hold "no title" in the same type).
    public var function: JobFunction?
    /// The seniority; `mid` for a plain role.
    public var seniority: Seniority
    /// The rule phrases that matched, seniority phrases first (for `reasons[]` evidence).
    public var evidence: [String]

    /// Creates a value.
    public init(title: String, function: JobFunction?, seniority: Seniority, evidence: [String]) {
        self.title = title
        self.function = function
        self.seniority = seniority
        self.evidence = evidence
    }
}

/// Reads job titles in any of EN/NL/DE/FR/ES/IT/PL into a ``JobFunction`` and a ``Seniority`` with
/// the phrase tables of `rules/titles.yaml` (see that file for the matching rules).
///
/// Build once and share: all tables are compiled in `init`; ``normalize(_:)`` does dictionary
/// look-ups only.
public struct TitleNormalizer: Sendable {
    /// The rule file, relative to the rules folder.
    public static let rulesFile = "titles.yaml"

    /// How strongly a function phrase names the function: a domain word ("Purchasing", "Vertrieb")
    /// beats a generic role noun ("Engineer", "Técnico", "Projekt…"), which beats a company-leader
    /// word ("CEO", "Founder").
    enum FunctionRank: Int, Sendable, Comparable {
        case domain = 0, generic = 1, fallback = 2
        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    struct FunctionValue: Sendable {
        let function: JobFunction
        let rank: FunctionRank
    }

    private let seniority: PhraseMatcher<Seniority>
    private let function: PhraseMatcher<FunctionValue>
    private let cutBefore: [[String]]
    private let placeholders: Set<String>
    private let feminineSuffixes: [String]
    private let caseSuffixes: [String]
    /// Every feminine and case suffix is ASCII (the byte path of `matchTokens` applies).
    private let asciiSuffixes: Bool
    private let abbreviations: [String: [(key: [String], expansion: [String])]]
    private let modifiers: Set<String>
    /// The chat-statement tables (`statements:`), read by ``TranscriptFacts``.
    let statements: TitleStatements

    /// Loads and compiles `rules/titles.yaml`.
    ///
    /// - Parameter rules: the rules folder.
    /// - Throws: `bad_rules` with the file when it is missing, not valid YAML, or names an unknown
    ///   level or function, or has a malformed phrase.
    public init(rules: RuleFiles) throws(LeadsmithError) {
        let file = rules.url(Self.rulesFile).path
        let table = try rules.yaml(Self.rulesFile, as: TitleRulesTable.self)
        try self.init(table: table, file: file)
    }

    /// Compiles a titles table given as YAML text (same shape as `rules/titles.yaml`), for tests and
    /// `rules check`.
    ///
    /// - Throws: `bad_rules` like ``init(rules:)``.
    public init(yaml: String, file: String = "titles.yaml") throws(LeadsmithError) {
        let table: TitleRulesTable
        do {
            table = try TitleRulesTable.decode(yaml)
        } catch {
            throw LeadsmithError(.badRules, "invalid titles table: \(error)", file: file)
        }
        try self.init(table: table, file: file)
    }

    private init(table: TitleRulesTable, file: String) throws(LeadsmithError) {
        var s = PhraseMatcher<Seniority>()
        for entry in table.seniority {
            guard let level = Seniority(rawValue: entry.level), level != .unknown else {
                throw LeadsmithError(.badRules, "unknown seniority level `\(entry.level)` (use one of: \(Seniority.allCases.filter { $0 != .unknown }.map(\.rawValue).joined(separator: ", ")))", file: file)
            }
            for phrase in entry.phrases {
                do { try s.add(phrase, value: level) } catch {
                    throw LeadsmithError(.badRules, error.describe(phrase, in: "seniority \(entry.level)"), file: file)
                }
            }
        }
        var f = PhraseMatcher<FunctionValue>()
        for entry in table.function {
            guard let fn = JobFunction(rawValue: entry.function) else {
                throw LeadsmithError(.badRules, "unknown function `\(entry.function)` (use one of: \(JobFunction.allCases.map(\.rawValue).joined(separator: ", ")))", file: file)
            }
            if entry.fallback == true && entry.generic == true {
                throw LeadsmithError(.badRules, "function \(entry.function): an entry is either `fallback` or `generic`, not both", file: file)
            }
            let rank: FunctionRank = entry.fallback == true ? .fallback : entry.generic == true ? .generic : .domain
            for phrase in entry.phrases {
                do { try f.add(phrase, value: FunctionValue(function: fn, rank: rank)) } catch {
                    throw LeadsmithError(.badRules, error.describe(phrase, in: "function \(entry.function)"), file: file)
                }
            }
        }
        seniority = s
        function = f
        cutBefore = (table.cutBefore ?? []).map { TextCleaning.tokens($0) }.filter { !$0.isEmpty }
        placeholders = Set((table.placeholders ?? []).map { TextCleaning.fold($0) })
        feminineSuffixes = (table.feminineSuffixes ?? []).map { TextCleaning.fold($0) }.filter { !$0.isEmpty }
        caseSuffixes = (table.caseSuffixes ?? []).map { TextCleaning.fold($0) }.filter { !$0.isEmpty }
            .sorted { $0.count > $1.count }
        asciiSuffixes = (feminineSuffixes + caseSuffixes).allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        var abbr: [String: [(key: [String], expansion: [String])]] = [:]
        for (short, long) in (table.abbreviations ?? [:]).sorted(by: { $0.key < $1.key }) {
            let key = TextCleaning.tokens(short), expansion = TextCleaning.tokens(long)
            guard let first = key.first, !expansion.isEmpty else {
                throw LeadsmithError(.badRules, "abbreviation `\(short)`: `\(long)`: both sides need a word", file: file)
            }
            abbr[first, default: []].append((key, expansion))
        }
        abbreviations = abbr.mapValues { $0.sorted { $0.key.count > $1.key.count } }
        modifiers = Set((table.modifiers ?? []).flatMap { TextCleaning.tokens($0) })
        statements = try TitleStatements(table.statements, file: file)
    }

    /// Normalises one title.
    ///
    /// - Parameter raw: the title text as found (field value or stated in a chat).
    /// - Returns: `nil` when there is no title (absent, blank, no letters, or a placeholder such as
    ///   `n/a`); else the cleaned text with function, seniority and the phrases that matched.
    public func normalize(_ raw: String?) -> NormalizedTitle? {
        guard let raw, let cleaned = TextCleaning.cleanedText(raw), TextCleaning.hasLetter(cleaned) else { return nil }
        if placeholders.contains(TextCleaning.fold(cleaned)) { return nil }
        return normalized(analysis(cleaned: cleaned))
    }

    /// The phrase hits of one cleaned text, computed once for ``recognizes(_:)`` and
    /// ``normalize(_:)`` of the same text (a chat title is first tested, then read).
    struct Analysis {
        let cleaned: String
        let end: Int
        let seniority: [PhraseMatcher<Seniority>.Match]
        let function: [PhraseMatcher<FunctionValue>.Match]

        /// ``TitleNormalizer/recognizes(_:)`` of the text.
        var recognized: Bool {
            seniority.contains { $0.position < end } || function.contains { $0.position < end }
        }
    }

    /// The analysis of `text`, `nil` when it cleans to nothing (where ``recognizes(_:)`` is `false`).
    func analysis(_ text: String) -> Analysis? {
        TextCleaning.cleanedText(text).map { analysis(cleaned: $0) }
    }

    private func analysis(cleaned: String) -> Analysis {
        let (tokens, end) = matchTokens(cleaned)
        return Analysis(cleaned: cleaned, end: end, seniority: seniority.matches(tokens), function: function.matches(tokens))
    }

    /// ``normalize(_:)`` of the text an analysis was made of.
    func normalize(_ a: Analysis) -> NormalizedTitle? {
        guard TextCleaning.hasLetter(a.cleaned), !placeholders.contains(TextCleaning.fold(a.cleaned)) else { return nil }
        return normalized(a)
    }

    private func normalized(_ a: Analysis) -> NormalizedTitle {
        let end = a.end
        var evidence: [String] = []
        var level: Seniority?
        for m in a.seniority where m.position < end {
            evidence.append(m.phrase)
            // `mid` phrases name a plain role: they make a title but do not outrank "Junior".
            if m.value != .mid, level.map({ m.value < $0 }) ?? true { level = m.value }
        }
        var chosen: FunctionValue?
        for m in a.function where m.position < end {
            evidence.append(m.phrase)
            if chosen.map({ m.value.rank < $0.rank }) ?? true { chosen = m.value }
        }
        return NormalizedTitle(title: a.cleaned, function: chosen?.function ?? .other, seniority: level ?? .mid,
                               evidence: evidence)
    }

    /// Whether one word of a stated title is a title word: a seniority or function phrase, an
    /// abbreviation of one, or a `modifiers` word ("Officer", "Deputy", "Interim", "team"). Used to
    /// find where a title ends in free text ("Als Teamleiterin Kundenservice suche ich …").
    func isTitleWord(_ word: String) -> Bool {
        let toks = TextCleaning.tokens(word)
        guard !toks.isEmpty else { return false }
        if toks.allSatisfy({ modifiers.contains($0) }) { return true }
        return recognizes(word)
    }

    /// The function and the seniority phrases of a text, without the title bookkeeping (for the
    /// object of a chat statement: "I run *our customer support team*").
    func reading(_ text: String) -> (function: JobFunction, seniority: Seniority?)? {
        guard let cleaned = TextCleaning.cleanedText(text) else { return nil }
        let (tokens, end) = matchTokens(cleaned)
        var level: Seniority?
        for m in seniority.matches(tokens) where m.position < end && m.value != .mid {
            if level.map({ m.value < $0 }) ?? true { level = m.value }
        }
        var chosen: FunctionValue?
        for m in function.matches(tokens) where m.position < end {
            if chosen.map({ m.value.rank < $0.rank }) ?? true { chosen = m.value }
        }
        return (chosen?.function ?? .other, level)
    }

    /// Whether the text reads as a job title: at least one seniority or function phrase matches.
    /// Used to accept a title stated in a chat ("I'm head of sales") and reject other "I'm …" phrases.
    public func recognizes(_ text: String) -> Bool {
        analysis(text)?.recognized ?? false
    }

    /// The tokens matched against the tables (the text before `@`), each with its stem when it ends
    /// in a feminine suffix, and the index of the first `cut_before` word (hits starting there or
    /// later are ignored; a phrase that starts before it may span it: "assistant to", "go to market").
    private func matchTokens(_ cleaned: String) -> ([MatchToken], Int) {
        var text = Substring(cleaned)
        if let at = text.firstIndex(of: "@"), at != text.startIndex { text = text[..<at] }
        let toks = expand(TextCleaning.tokens(Self.joiningDottedLetters(Self.afterPossessive(String(text)))))
        var end = toks.count
        if !cutBefore.isEmpty && toks.count > 1 {
            var i = 1
            outer: while i < toks.count {
                for cut in cutBefore where i + cut.count <= toks.count && toks[i..<(i + cut.count)].elementsEqual(cut) {
                    end = i
                    break outer
                }
                i += 1
            }
        }
        let tokens = toks.map { t in
            MatchToken(forms: asciiSuffixes && t.utf8.allSatisfy({ $0 < 0x80 })
                ? Self.asciiForms(t, feminine: feminineSuffixes, cases: caseSuffixes)
                : Self.forms(t, feminine: feminineSuffixes, cases: caseSuffixes))
        }
        return (tokens, end)
    }

    /// A token and its stems: without each feminine suffix it ends in, and without the longest case
    /// suffix (`cases` sorted longest first), when at least 4 letters are left.
    static func forms(_ t: String, feminine: [String], cases: [String]) -> [String] {
        var forms = [t]
        for suffix in feminine where t.hasSuffix(suffix) && t.count - suffix.count >= 4 {
            forms.append(String(t.dropLast(suffix.count)))
        }
        // Only the longest matching case ending: "kierownikiem" → "kierownik", not "kierowniki".
        if let suffix = cases.first(where: { t.hasSuffix($0) && t.count - $0.count >= 4 }) {
            forms.append(String(t.dropLast(suffix.count)))
        }
        return forms
    }

    /// ``forms(_:feminine:cases:)`` of an ASCII token with ASCII suffixes: Character counts and
    /// suffix tests are byte counts and byte compares.
    static func asciiForms(_ t: String, feminine: [String], cases: [String]) -> [String] {
        var forms = [t]
        let utf8 = t.utf8, n = utf8.count
        for suffix in feminine where n - suffix.utf8.count >= 4 && utf8.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) {
            forms.append(String(decoding: utf8.dropLast(suffix.utf8.count), as: UTF8.self))
        }
        if let suffix = cases.first(where: { n - $0.utf8.count >= 4 && utf8.suffix($0.utf8.count).elementsEqual($0.utf8) }) {
            forms.append(String(decoding: utf8.dropLast(suffix.utf8.count), as: UTF8.self))
        }
        return forms
    }
}

extension TitleNormalizer {
    /// "The CEO's assistant" → "assistant to The CEO's": a title before a possessive `'s` is another
    /// person's, so it moves behind a `cut_before` word.
    static func afterPossessive(_ text: String) -> String {
        // Without a `'` byte or the first byte of `’` there is no apostrophe Character.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "'") || $0 == 0xE2 }) else { return text }
        var cut: String.Index?
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "'" || c == "’" {
                let s = text.index(after: i)
                if s < text.endIndex, text[s] == "s" || text[s] == "S" {
                    let after = text.index(after: s)
                    if i > text.startIndex, text[text.index(before: i)].isLetter,
                       after == text.endIndex || text[after].isWhitespace {
                        cut = after
                    }
                }
            }
            i = text.index(after: i)
        }
        guard let cut else { return text }
        let rest = text[cut...].trimmingWhitespace()
        guard rest.contains(where: \.isLetter) else { return text }
        // "the CEO's assistant" reads like "assistant to the CEO": the owner's title is cut off there.
        return rest + " to " + text[..<cut]
    }

    /// Dotted acronyms written as one word: "C.E.O." → "CEO", "V.P" → "VP", "I.T." → "IT" (two or more
    /// single letters each followed by a dot; "R&D", "Sr." and "e-commerce" are left alone).
    static func joiningDottedLetters(_ text: String) -> String {
        // Without a dot byte no letter is followed by "."; the walk below would copy the text unchanged.
        guard text.utf8.contains(UInt8(ascii: ".")) else { return text }
        let c = Array(text)
        var out = ""
        var i = 0
        while i < c.count {
            if c[i].isLetter && (i == 0 || !c[i - 1].isLetter) {
                var j = i
                var letters = ""
                var dots = 0
                while j < c.count, c[j].isLetter, j + 1 == c.count || !c[j + 1].isLetter {
                    letters.append(c[j])
                    if j + 1 < c.count && c[j + 1] == "." {
                        dots += 1
                        j += 2
                    } else {
                        j += 1
                        break
                    }
                }
                if letters.count >= 2 && dots >= letters.count - 1 && dots >= 1 {
                    out += letters
                    out.append(" ")
                    i = j
                    continue
                }
            }
            out.append(c[i])
            i += 1
        }
        return out
    }

    /// Abbreviations replaced by their words (longest key first): "Sr. Mgr" → senior manager,
    /// "z-ca" → zastępca, "RRHH" → recursos humanos.
    func expand(_ toks: [String]) -> [String] {
        guard !abbreviations.isEmpty else { return toks }
        var out: [String] = []
        out.reserveCapacity(toks.count)
        var i = 0
        next: while i < toks.count {
            if let list = abbreviations[toks[i]] {
                for entry in list where i + entry.key.count <= toks.count
                    && toks[i..<(i + entry.key.count)].elementsEqual(entry.key) {
                    out.append(contentsOf: entry.expansion)
                    i += entry.key.count
                    continue next
                }
            }
            out.append(toks[i])
            i += 1
        }
        return out
    }
}

/// The shape of `rules/titles.yaml`.
struct TitleRulesTable: Decodable, Sendable {
    struct SeniorityEntry: Decodable, Sendable {
        var level: String
        var phrases: [String]
    }

    struct FunctionEntry: Decodable, Sendable {
        var function: String
        var fallback: Bool?
        var generic: Bool?
        var phrases: [String]
    }

    var version: Int?
    var cutBefore: [String]?
    var placeholders: [String]?
    var feminineSuffixes: [String]?
    var caseSuffixes: [String]?
    var abbreviations: [String: String]?
    var modifiers: [String]?
    var statements: TitleStatementsTable?
    var seniority: [SeniorityEntry]
    var function: [FunctionEntry]

    /// Decodes the table from YAML text.
    static func decode(_ yaml: String) throws -> TitleRulesTable {
        try YAMLDecoder().decode(TitleRulesTable.self, from: yaml)
    }

    enum CodingKeys: String, CodingKey {
        case version
        case cutBefore = "cut_before"
        case placeholders
        case feminineSuffixes = "feminine_suffixes"
        case caseSuffixes = "case_suffixes"
        case abbreviations, modifiers, statements
        case seniority
        case function
    }
}

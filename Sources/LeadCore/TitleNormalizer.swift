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

    private struct FunctionValue: Sendable {
        let function: JobFunction
        let fallback: Bool
    }

    private let seniority: PhraseMatcher<Seniority>
    private let function: PhraseMatcher<FunctionValue>
    private let cutBefore: [[String]]
    private let placeholders: Set<String>
    private let feminineSuffixes: [String]
    private let caseSuffixes: [String]

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
            for phrase in entry.phrases {
                do { try f.add(phrase, value: FunctionValue(function: fn, fallback: entry.fallback ?? false)) } catch {
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
    }

    /// Normalises one title.
    ///
    /// - Parameter raw: the title text as found (field value or stated in a chat).
    /// - Returns: `nil` when there is no title (absent, blank, no letters, or a placeholder such as
    ///   `n/a`); else the cleaned text with function, seniority and the phrases that matched.
    public func normalize(_ raw: String?) -> NormalizedTitle? {
        guard let raw, let cleaned = TextCleaning.cleanedText(raw), TextCleaning.hasLetter(cleaned) else { return nil }
        if placeholders.contains(TextCleaning.fold(cleaned)) { return nil }
        let (tokens, end) = matchTokens(cleaned)
        var evidence: [String] = []
        var level: Seniority?
        for m in seniority.matches(tokens) where m.position < end {
            evidence.append(m.phrase)
            if level.map({ m.value < $0 }) ?? true { level = m.value }
        }
        var chosen: JobFunction?
        var fallback: JobFunction?
        for m in function.matches(tokens) where m.position < end {
            evidence.append(m.phrase)
            if m.value.fallback {
                if fallback == nil { fallback = m.value.function }
            } else if chosen == nil {
                chosen = m.value.function
            }
        }
        return NormalizedTitle(title: cleaned, function: chosen ?? fallback ?? .other, seniority: level ?? .mid,
                               evidence: evidence)
    }

    /// Whether the text reads as a job title: at least one seniority or function phrase matches.
    /// Used to accept a title stated in a chat ("I'm head of sales") and reject other "I'm …" phrases.
    public func recognizes(_ text: String) -> Bool {
        guard let cleaned = TextCleaning.cleanedText(text) else { return false }
        let (tokens, end) = matchTokens(cleaned)
        return seniority.matches(tokens).contains { $0.position < end }
            || function.matches(tokens).contains { $0.position < end }
    }

    /// The tokens matched against the tables (the text before `@`), each with its stem when it ends
    /// in a feminine suffix, and the index of the first `cut_before` word (hits starting there or
    /// later are ignored; a phrase that starts before it may span it: "assistant to", "go to market").
    private func matchTokens(_ cleaned: String) -> ([MatchToken], Int) {
        var text = Substring(cleaned)
        if let at = text.firstIndex(of: "@"), at != text.startIndex { text = text[..<at] }
        let toks = TextCleaning.tokens(String(text))
        var end = toks.count
        if !cutBefore.isEmpty && toks.count > 1 {
            var i = 1
            outer: while i < toks.count {
                for cut in cutBefore where i + cut.count <= toks.count && Array(toks[i..<(i + cut.count)]) == cut {
                    end = i
                    break outer
                }
                i += 1
            }
        }
        let tokens = toks.map { t in
            var forms = [t]
            for suffix in feminineSuffixes where t.hasSuffix(suffix) && t.count - suffix.count >= 4 {
                forms.append(String(t.dropLast(suffix.count)))
            }
            // Only the longest matching case ending: "kierownikiem" → "kierownik", not "kierowniki".
            if let suffix = caseSuffixes.first(where: { t.hasSuffix($0) && t.count - $0.count >= 4 }) {
                forms.append(String(t.dropLast(suffix.count)))
            }
            return MatchToken(forms: forms)
        }
        return (tokens, end)
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
        var phrases: [String]
    }

    var version: Int?
    var cutBefore: [String]?
    var placeholders: [String]?
    var feminineSuffixes: [String]?
    var caseSuffixes: [String]?
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
        case seniority
        case function
    }
}

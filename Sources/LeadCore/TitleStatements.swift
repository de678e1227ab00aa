import Foundation

/// The `statements:` part of `rules/titles.yaml`: how a chat visitor says what they do without a
/// title phrase ("I run marketing", "Ich bin für die IT zuständig", "Założyłem tę firmę").
struct TitleStatementsTable: Decodable, Sendable {
    struct VerbEntry: Decodable, Sendable {
        var level: String
        var phrases: [String]
    }

    var negators: [String]?
    var asCues: [String]?
    var possessives: [String]?
    var connectors: [String]?
    var stopWords: [String]?
    var departmentPrepositions: [String]?
    var departmentNouns: [String]?
    var indefinite: [String]?
    var companyNouns: [String]?
    var workProducts: [String]?
    var companyLevel: String?
    var responsibility: [VerbEntry]?
    var founder: [String]?

    enum CodingKeys: String, CodingKey {
        case negators, possessives, connectors, indefinite, responsibility, founder
        case asCues = "as_cues"
        case stopWords = "stop_words"
        case departmentPrepositions = "department_prepositions"
        case departmentNouns = "department_nouns"
        case companyNouns = "company_nouns"
        case workProducts = "work_products"
        case companyLevel = "company_level"
    }
}

/// The compiled statement tables (all words folded like title tokens).
struct TitleStatements: Sendable {
    /// A verb phrase: `head` tokens, then the object; with a `tail` ("ich bin für … zuständig") the
    /// object is what stands between head and tail.
    struct Verb: Sendable {
        let head: [String]
        let tail: [String]?
        let phrase: String
        /// `nil` for a founder phrase (owner of the company named in the object).
        let level: Seniority?
    }

    let negators: Set<String>
    let asCues: [[String]]
    let possessives: Set<String>
    let connectors: Set<String>
    let stopWords: Set<String>
    let departmentPrepositions: Set<String>
    let departmentNouns: Set<String>
    let indefinite: Set<String>
    let companyNouns: Set<String>
    /// Things a person runs or manages that are no department ("I run sales reports").
    let workProducts: Set<String>
    let companyLevel: Seniority
    /// Longest head first.
    let verbs: [Verb]

    init(_ t: TitleStatementsTable?, file: String) throws(LeadsmithError) {
        func words(_ list: [String]?) -> Set<String> { Set((list ?? []).flatMap { TextCleaning.tokens($0) }) }
        func level(_ name: String, _ what: String) throws(LeadsmithError) -> Seniority {
            guard let l = Seniority(rawValue: name), l != .unknown else {
                throw LeadsmithError(.badRules, "statements: unknown seniority level `\(name)` in \(what)", file: file)
            }
            return l
        }
        negators = words(t?.negators)
        asCues = (t?.asCues ?? []).map { TextCleaning.tokens($0) }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        possessives = words(t?.possessives)
        connectors = words(t?.connectors)
        stopWords = words(t?.stopWords)
        departmentPrepositions = words(t?.departmentPrepositions)
        departmentNouns = words(t?.departmentNouns)
        indefinite = words(t?.indefinite)
        companyNouns = words(t?.companyNouns)
        workProducts = words(t?.workProducts)
        companyLevel = try level(t?.companyLevel ?? "c_suite", "company_level")
        var v: [Verb] = []
        func verb(_ phrase: String, _ l: Seniority?) throws(LeadsmithError) -> Verb {
            let parts = phrase.components(separatedBy: "...")
            guard parts.count <= 2, let head = parts.first.map({ TextCleaning.tokens($0) }), !head.isEmpty else {
                throw LeadsmithError(.badRules, "statements: phrase `\(phrase)` needs words before an optional `...` and at most one `...`", file: file)
            }
            var tail: [String]? = nil
            if parts.count == 2 {
                let toks = TextCleaning.tokens(parts[1])
                guard !toks.isEmpty else {
                    throw LeadsmithError(.badRules, "statements: phrase `\(phrase)` needs words after `...`", file: file)
                }
                tail = toks
            }
            return Verb(head: head, tail: tail, phrase: phrase, level: l)
        }
        for entry in t?.responsibility ?? [] {
            let l = try level(entry.level, "responsibility")
            for p in entry.phrases { v.append(try verb(p, l)) }
        }
        for p in t?.founder ?? [] { v.append(try verb(p, nil)) }
        verbs = v.sorted { ($0.head.count + ($0.tail?.count ?? 0)) > ($1.head.count + ($1.tail?.count ?? 0)) }
    }

    /// A work-product word, also at the end of a compound ("Vertriebsmeetings", "salesreports").
    func isWorkProduct(_ token: String) -> Bool {
        workProducts.contains(token) || workProducts.contains { $0.count >= 6 && token.count > $0.count && token.hasSuffix($0) }
    }
}

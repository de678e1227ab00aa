import Foundation
import LeadCore
import LeadResearch
import Testing

/// One snippet of `Fixtures/IndustryBank/<lang>.txt`: a small home page and the industry it states.
struct IndustrySnippet: Sendable {
    var language: String
    var line: Int
    /// `nil`: the page must get no industry.
    var expected: Industry?
    var fields: [(String, String)]
    /// The bank round (`# round N` above the snippet; 1 before any such line), written before the
    /// classifier was run on it.
    var round: Int = 1

    func values(_ key: String) -> [String] { fields.filter { $0.0 == key }.map(\.1) }

    /// The snippet as a home page: title, meta description, JSON-LD `@type`, headings, paragraphs.
    var html: String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var head = "<meta charset=\"utf-8\">"
        if let t = values("title").first { head += "<title>\(esc(t))</title>" }
        if let d = values("description").first { head += "<meta name=\"description\" content=\"\(esc(d))\">" }
        if let d = values("og").first { head += "<meta property=\"og:description\" content=\"\(esc(d))\">" }
        if let type = values("type").first {
            let name = values("title").first?.split(whereSeparator: { "|–-".contains($0) }).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "Company"
            let json = try! JSONSerialization.data(withJSONObject: ["@context": "https://schema.org", "@type": type, "name": name], options: [.sortedKeys])
            head += "<script type=\"application/ld+json\">\(String(decoding: json, as: UTF8.self))</script>"
        }
        var body = "<header><nav><a href=\"/\">Home</a> <a href=\"/contact\">Contact</a></nav></header><main>"
        for (k, v) in fields {
            switch k {
            case "h1": body += "<h1>\(esc(v))</h1>"
            case "h2": body += "<h2>\(esc(v))</h2>"
            case "text": body += "<p>\(esc(v))</p>"
            default: break
            }
        }
        body += "</main>"
        return "<!doctype html><html lang=\"\(language)\"><head>\(head)</head><body>\(body)</body></html>"
    }

    /// Parses a bank file (blank-line separated `key: value` blocks).
    static func parse(_ text: String, language: String, file: String) throws -> [IndustrySnippet] {
        var out: [IndustrySnippet] = []
        var current: IndustrySnippet?
        var round = 1
        func finish() throws {
            guard let c = current else { return }
            guard c.fields.contains(where: { $0.0 == "industry" }) else {
                throw BankError("\(file):\(c.line): snippet has no 'industry:' line")
            }
            out.append(c)
            current = nil
        }
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { try finish(); continue }
            if line.hasPrefix("#") {
                try finish()
                let words = line.dropFirst().split(separator: " ")
                if words.count >= 2, words[0].lowercased() == "round", let n = Int(words[1]) { round = n }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw BankError("\(file):\(i + 1): expected 'key: value'") }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard ["industry", "title", "description", "og", "h1", "h2", "text", "type", "domain"].contains(key) else {
                throw BankError("\(file):\(i + 1): unknown key '\(key)'")
            }
            if current == nil { current = IndustrySnippet(language: language, line: i + 1, expected: nil, fields: [], round: round) }
            if key == "industry", value != "null" {
                guard let industry = Industry(rawValue: value) else { throw BankError("\(file):\(i + 1): unknown industry '\(value)'") }
                current!.expected = industry
            }
            current!.fields.append((key, value))
        }
        try finish()
        return out
    }
}

struct BankError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// The hand-written industry bank: every language at least 0.95 accurate (positives and nulls).
struct IndustryBankTests {
    static let languages = ["en", "nl", "de", "fr", "es", "it", "pl"]
    static let bank = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("IndustryBank")

    static func snippets(_ language: String) throws -> [IndustrySnippet] {
        let url = bank.appendingPathComponent(language + ".txt")
        return try IndustrySnippet.parse(try String(contentsOf: url, encoding: .utf8), language: language, file: url.lastPathComponent)
    }

    @Test func bankAccuracyPerLanguage() async throws {
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        var table = ["lang  positives  nulls  accuracy"]
        var misses: [String] = []
        var failing: [String] = []
        var byRound: [String] = []
        for language in Self.languages {
            let snippets = try Self.snippets(language)
            var posOK = 0, posN = 0, nullOK = 0, nullN = 0
            var roundTally: [Int: (ok: Int, total: Int)] = [:]
            for (n, s) in snippets.enumerated() {
                let domain = s.values("domain").first ?? "page\(n + 1).example"
                let p = await CompanyResearcher(source: OneBodySource(body: Array(s.html.utf8)), rules: rules).research(domain: domain)
                let got = p.industry?.value
                let ok = got == s.expected
                roundTally[s.round, default: (0, 0)].total += 1
                if ok { roundTally[s.round, default: (0, 0)].ok += 1 }
                if s.expected == nil { nullN += 1; if ok { nullOK += 1 } } else { posN += 1; if ok { posOK += 1 } }
                if !ok {
                    misses.append("\(language).txt:\(s.line) want \(s.expected?.rawValue ?? "null") got \(got?.rawValue ?? "null") (\(p.industry?.evidence ?? ""))")
                }
            }
            byRound.append("\(language) " + roundTally.sorted(by: { $0.key < $1.key }).map { "round \($0.key) \($0.value.ok)/\($0.value.total)" }.joined(separator: ", "))
            let accuracy = Double(posOK + nullOK) / Double(max(1, posN + nullN))
            table.append(String(format: "%@    %2d/%2d      %2d/%2d  %.3f", language, posOK, posN, nullOK, nullN, accuracy))
            #expect(posN >= 25 && nullN >= 10, "\(language): the bank needs 25 positives and 10 nulls")
            if accuracy < 0.95 { failing.append(language) }
        }
        print((table + ["by round:"] + byRound).joined(separator: "\n"))
        if !misses.isEmpty { print(misses.joined(separator: "\n")) }
        #expect(failing.isEmpty, "industry accuracy below 0.95 in \(failing)")
    }
}

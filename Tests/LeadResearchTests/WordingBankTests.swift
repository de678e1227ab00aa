import Foundation
import LeadCore
import LeadResearch
import Testing

/// The unseen-wording bank (`Fixtures/wording/<lang>.txt`): each snippet alone on the about page of a
/// test site, researched through the public API; accuracy per language and fact must reach 0.95.
struct WordingBankTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("wording")
    static let languages = ["en", "nl", "de", "fr", "es", "it", "pl"]
    static let floor = 0.95

    /// One line of the bank.
    struct Case {
        var language: String
        var line: Int
        var fact: Character
        /// A year or a size bucket; `nil` when nothing may be reported.
        var expected: String?
        var html: String
        /// The bank round the line belongs to (`# round N` above it; 1 before any such line). A new
        /// round is written before the extractor is run on it, so its first score is the unseen estimate.
        var round: Int
    }

    /// `N` of a `# round N …` comment line, else `nil`.
    static func round(of comment: Substring) -> Int? {
        let words = comment.dropFirst().split(separator: " ")
        guard words.count >= 2, words[0].lowercased() == "round" else { return nil }
        return Int(words[1].trimmingCharacters(in: .punctuationCharacters))
    }

    static func cases() throws -> [Case] {
        var out: [Case] = []
        for lang in languages {
            let url = folder.appendingPathComponent(lang + ".txt")
            let text = try String(contentsOf: url, encoding: .utf8)
            var round = 1
            for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("#") { round = Self.round(of: line[...]) ?? round; continue }
                if line.isEmpty { continue }
                guard let sep = line.range(of: " :: ") else {
                    Issue.record("\(lang).txt:\(n + 1): no ' :: ' between expectation and snippet")
                    continue
                }
                let head = line[..<sep.lowerBound].split(separator: " ")
                guard head.count == 2, let fact = head[0].first, fact == "F" || fact == "E" else {
                    Issue.record("\(lang).txt:\(n + 1): expected 'F <year|->' or 'E <bucket|->'")
                    continue
                }
                let value = String(head[1])
                if value != "-" {
                    if fact == "F", Int(value) == nil { Issue.record("\(lang).txt:\(n + 1): '\(value)' is not a year") }
                    if fact == "E", SizeBucket(rawValue: value) == nil { Issue.record("\(lang).txt:\(n + 1): '\(value)' is not a size bucket") }
                }
                out.append(Case(language: lang, line: n + 1, fact: fact, expected: value == "-" ? nil : value,
                                html: String(line[sep.upperBound...]), round: round))
            }
        }
        return out
    }

    /// A neutral home page (no numbers, no facts) in the case's language, linking to the about page.
    static func home(_ lang: String) -> String {
        """
        <!doctype html><html lang="\(lang)"><head><meta charset="utf-8"><title>Testsite</title></head>
        <body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
        <main><h1>Testsite</h1><p>Testsite Testsite Testsite.</p></main></body></html>
        """
    }

    static func about(_ lang: String, _ snippet: String) -> String {
        """
        <!doctype html><html lang="\(lang)"><head><meta charset="utf-8"><title>Testsite</title></head>
        <body><main>\(snippet)</main></body></html>
        """
    }

    @Test func everyLanguageAndFactReachesTheFloor() async throws {
        let cases = try Self.cases()
        #expect(!cases.isEmpty)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wording-bank-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        var domains: [String] = []
        for (n, c) in cases.enumerated() {
            let domain = "bank-\(c.language)-\(n).com"
            let site = dir.appendingPathComponent(domain)
            try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
            try Data(Self.home(c.language).utf8).write(to: site.appendingPathComponent("index.html"))
            try Data(Self.about(c.language, c.html).utf8).write(to: site.appendingPathComponent("about.html"))
            domains.append(domain)
        }
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        let researcher = CompanyResearcher(source: try SnapshotPageSource(directory: dir), rules: rules)
        var tally: [String: (ok: Int, total: Int)] = [:]
        var byRound: [String: (ok: Int, total: Int)] = [:]
        var misses: [String] = []
        for (n, c) in cases.enumerated() {
            let p = await researcher.research(domain: domains[n])
            let got: String?
            if c.fact == "F" { got = p.founded.map { String($0.value) } } else { got = p.sizeBucket?.rawValue }
            let key = "\(c.language) \(c.fact)"
            var t = tally[key] ?? (0, 0)
            t.total += 1
            if got == c.expected {
                t.ok += 1
            } else {
                misses.append("\(c.language).txt:\(c.line): expected \(c.expected ?? "-"), got \(got ?? "-"): \(c.html)")
            }
            tally[key] = t
            let roundKey = "\(c.language) \(c.fact) round \(c.round)"
            var r = byRound[roundKey] ?? (0, 0)
            r.total += 1
            if got == c.expected { r.ok += 1 }
            byRound[roundKey] = r
        }
        var table = "wording bank (correct/total)\nlang  founded     headcount\n"
        for lang in Self.languages {
            let f = tally["\(lang) F"] ?? (0, 0)
            let e = tally["\(lang) E"] ?? (0, 0)
            table += "\(lang)    \(f.ok)/\(f.total) (\(String(format: "%.2f", Double(f.ok) / Double(max(1, f.total)))))  \(e.ok)/\(e.total) (\(String(format: "%.2f", Double(e.ok) / Double(max(1, e.total)))))\n"
        }
        table += "by round: " + byRound.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value.ok)/\($0.value.total)" }.joined(separator: ", ") + "\n"
        print(table + misses.map { "  miss " + $0 }.joined(separator: "\n"))
        for (key, t) in tally.sorted(by: { $0.key < $1.key }) {
            let accuracy = Double(t.ok) / Double(t.total)
            #expect(accuracy >= Self.floor, "\(key): \(t.ok)/\(t.total) = \(accuracy)")
        }
    }
}

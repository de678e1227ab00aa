import Foundation
import Testing
import LeadCore

/// The hand-written title bank (`TitleBank/`, see its README): accuracy per language, function and
/// seniority separately, for titles and for chat statements; fails below 0.95.
struct TitleBankTests {
    static let languages = ["en", "nl", "de", "fr", "es", "it", "pl"]
    static let floor = 0.95
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("TitleBank")

    struct Row: Sendable {
        let line: Int
        let text: String
        let function: String
        let seniority: String
    }

    static func rows(_ name: String) throws -> [Row] {
        let url = folder.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [Row] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cols = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count == 3 else {
                Issue.record("\(name):\(i + 1): want 3 tab-separated columns, got \(cols.count)")
                continue
            }
            out.append(Row(line: i + 1, text: cols[0], function: cols[1], seniority: cols[2]))
        }
        return out
    }

    /// `bot: …` / `agent: …` turns keep their role; every other turn is the visitor's.
    static func turns(_ text: String) -> [(role: String, text: String)] {
        text.components(separatedBy: " || ").map { part in
            for role in ["bot", "agent"] where part.hasPrefix(role + ": ") {
                return (role, String(part.dropFirst(role.count + 2)))
            }
            return ("visitor", part)
        }
    }

    /// The main bank and the held-out part written after the main bank was green.
    static let parts = ["", "holdout-"]

    @Test(arguments: parts, languages)
    func titles(part: String, language: String) throws {
        let rows = try Self.rows("\(part)titles-\(language).tsv")
        #expect(rows.count >= (part.isEmpty ? 40 : 15), "\(language): enough titles")
        var fnOK = 0, senOK = 0
        var misses: [String] = []
        for r in rows {
            let t = CleaningFixtures.titles.normalize(r.text)
            let fn = t?.function?.rawValue ?? "none"
            let sen = t?.seniority.rawValue ?? "none"
            if fn == r.function { fnOK += 1 }
            if sen == r.seniority { senOK += 1 }
            if fn != r.function || sen != r.seniority {
                misses.append("  line \(r.line) \(r.text): got \(fn)/\(sen), want \(r.function)/\(r.seniority)")
            }
        }
        let fnAcc = Double(fnOK) / Double(rows.count), senAcc = Double(senOK) / Double(rows.count)
        print("\(part)title bank \(language): function \(fnOK)/\(rows.count) = \(String(format: "%.3f", fnAcc)), seniority \(senOK)/\(rows.count) = \(String(format: "%.3f", senAcc))")
        if !misses.isEmpty { print(misses.joined(separator: "\n")) }
        #expect(fnAcc >= Self.floor, "\(language) function accuracy \(fnAcc)")
        #expect(senAcc >= Self.floor, "\(language) seniority accuracy \(senAcc)")
    }

    @Test(arguments: parts, languages)
    func chatStatements(part: String, language: String) throws {
        let rows = try Self.rows("\(part)chat-\(language).tsv")
        let withTitle = rows.filter { $0.function != "-" }
        if part.isEmpty {
            #expect(withTitle.count >= 15, "\(language): at least 15 statements with a title")
            #expect(rows.count - withTitle.count >= 5, "\(language): at least 5 statements without a title")
        }
        var fnOK = 0, senOK = 0
        var misses: [String] = []
        for r in rows {
            let t = TranscriptFacts.statedTitle(inTranscript: Self.turns(r.text), normalizer: CleaningFixtures.titles)
            let fn = t.map { $0.function?.rawValue ?? "none" } ?? "-"
            let sen = t.map { $0.seniority.rawValue } ?? "-"
            if fn == r.function { fnOK += 1 }
            if sen == r.seniority { senOK += 1 }
            if fn != r.function || sen != r.seniority {
                misses.append("  line \(r.line) \(r.text): got \(fn)/\(sen) (\(t?.title ?? "no title")), want \(r.function)/\(r.seniority)")
            }
        }
        let fnAcc = Double(fnOK) / Double(rows.count), senAcc = Double(senOK) / Double(rows.count)
        print("\(part)chat bank \(language): function \(fnOK)/\(rows.count) = \(String(format: "%.3f", fnAcc)), seniority \(senOK)/\(rows.count) = \(String(format: "%.3f", senAcc))")
        if !misses.isEmpty { print(misses.joined(separator: "\n")) }
        #expect(fnAcc >= Self.floor, "\(language) chat function accuracy \(fnAcc)")
        #expect(senAcc >= Self.floor, "\(language) chat seniority accuracy \(senAcc)")
    }
}

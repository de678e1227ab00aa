import Foundation
import Testing
@testable import LeadQualify

/// The hand-written wording bank (`Fixtures/bant-bank/*.txt`, see its README): per language and BANT
/// letter, statements that must read a given value and statements that must not count. Reports the
/// accuracy of every language × letter and fails any below 0.95.
struct BANTBankTests {
    /// One bank line.
    struct Case {
        var language: String
        var letter: Character
        /// The expected reading as the bank writes it (`-` for "must not count").
        var expected: String
        var text: String
        var reference: String
        var line: Int
        /// `bant-bank/<file>` or `bant-bank/round2/<file>`.
        var file: String
    }

    static let letters: [Character] = ["B", "A", "N", "T"]
    static let floor = 0.95

    /// The bank's rounds: the first bank, then statements written after each round of class fixes.
    static let rounds = ["bant-bank", "bant-bank/round2", "bant-bank/round3", "bant-bank/round4", "bant-bank/round5"]

    /// Every case of every bank file; a malformed line is a test failure naming file and line.
    static func load() throws -> [Case] {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        var cases: [Case] = []
        for round in rounds {
            cases += try load(fixtures.appendingPathComponent(round), named: round)
        }
        return cases
    }

    private static func load(_ dir: URL, named round: String) throws -> [Case] {
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        var cases: [Case] = []
        for name in files {
            let language = String(name.dropLast(4))
            let file = "\(round)/\(name)"
            var reference = ""
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                if line.hasPrefix("@reference ") {
                    reference = String(line.dropFirst("@reference ".count))
                    continue
                }
                let parts = line.split(separator: "|", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 3, parts[0].count == 1, let letter = parts[0].first, letters.contains(letter),
                      !parts[1].isEmpty, !parts[2].isEmpty else {
                    Issue.record("\(file):\(i + 1): expected 'LETTER | expected | text', got '\(line)'")
                    continue
                }
                guard !reference.isEmpty else {
                    Issue.record("\(file):\(i + 1): no @reference line before the first case")
                    continue
                }
                cases.append(Case(language: language, letter: letter, expected: parts[1], text: parts[2], reference: reference, line: i + 1, file: file))
            }
        }
        return cases
    }

    static func number(_ v: Double?) -> String {
        guard let v else { return "_" }
        return v == v.rounded() ? String(Int(v)) : String(v)
    }

    /// What the extractor reads for the case's letter, written as the bank writes expectations.
    static func reading(_ c: Case, _ extractor: BANTExtractor) -> String {
        let b = extractor.extract(texts: [c.text], referenceDate: c.reference)
        switch c.letter {
        case "B":
            guard let budget = b.budget else { return "-" }
            return [number(budget.min), number(budget.max), budget.currency ?? "_", budget.period ?? "_"].joined(separator: " ")
        case "A":
            return b.authority.level == .unknown ? "-" : b.authority.level.rawValue
        case "N":
            guard let need = b.need else { return "-" }
            return "\(need.teamSize.map(String.init) ?? "_") \(need.teamFunction ?? "_")"
        default:
            guard let t = b.timeline else { return "-" }
            var parts: [String] = []
            if let d = t.deadline { parts.append(d) }
            if t.asap { parts.append("asap") }
            if t.exploring { parts.append("exploring") }
            return parts.isEmpty ? "-" : parts.joined(separator: " ")
        }
    }

    @Test func everyLanguageAndLetterReadsTheBank() throws {
        let extractor = try #require(TestSupport.extractor)
        let cases = try Self.load()
        #expect(cases.count >= 7 * 4 * 30)
        var right: [String: Int] = [:]
        var total: [String: Int] = [:]
        var misses: [String] = []
        for c in cases {
            let got = Self.reading(c, extractor)
            for key in ["\(c.language) \(c.letter)", "\(c.file) \(c.letter)"] {
                total[key, default: 0] += 1
                if got == c.expected { right[key, default: 0] += 1 }
            }
            if got != c.expected {
                misses.append("\(c.file):\(c.line) \(c.letter) want '\(c.expected)' got '\(got)': \(c.text)")
            }
        }
        for m in misses { print("BANK MISS \(m)") }
        func row(_ name: String) -> String {
            Self.letters.map { letter in
                let r = right["\(name) \(letter)"] ?? 0
                let n = total["\(name) \(letter)"] ?? 0
                return String(format: " %3d/%3d=%.2f", r, n, n == 0 ? 0 : Double(r) / Double(n))
            }.joined()
        }
        let languages = Set(cases.map(\.language)).sorted()
        print("BANK lang   budget       authority    need         timeline")
        for language in languages {
            print("BANK \(language)    \(row(language))")
            for letter in Self.letters {
                let key = "\(language) \(letter)"
                let n = total[key] ?? 0
                let r = right[key] ?? 0
                #expect(n >= 30, "\(key): only \(n) cases")
                #expect(n > 0 && Double(r) / Double(n) >= Self.floor, "\(key): \(r)/\(n)")
            }
        }
        for file in Set(cases.map(\.file)).sorted() { print("BANK \(file) \(row(file))") }
    }
}

import Foundation
import LeadCore
import LeadHTML
@testable import LeadResearch
import Testing

/// The cue-class rule files: what `leadsmith rules check` rejects, and the page structures that feed them.
struct CueRulesTests {
    /// A copy of `rules/` with `edit` applied to one file's text.
    static func rules(editing file: String, _ edit: (String) -> String) throws -> RuleFiles {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cue-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: RulesFolder.url, to: dir)
        let url = dir.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(edit(text).utf8).write(to: url)
        return RuleFiles(directory: dir)
    }

    @Test func shippedRulesHaveNoProblems() {
        #expect(ResearchRules.cueFileProblems(RuleFiles(directory: RulesFolder.url)).isEmpty)
    }

    @Test(arguments: [
        ("founding_phrases.yaml", "    kind: since\n", "    kind: sinse\n", "unknown kind 'sinse'"),
        ("founding_phrases.yaml", "      pl: [powsta*, zacz*, rozpocz*, otworz*, otwarci*, począt*, \"sięgają\"]\n", "", "no entries for language 'pl'"),
        ("founding_phrases.yaml", "      fr: [depuis]\n", "      fr: [dep*uis]\n", "* only at the start or end"),
        ("founding_phrases.yaml", "      fr: [depuis]\n", "      fr: [Depuis]\n", "must be lower case"),
        ("founding_phrases.yaml", "      fr: [depuis]\n", "      fx: [depuis]\n", "unknown language 'fx'"),
        ("founding_phrases.yaml", "      fr: [depuis]\n", "      fr: [\"depuis ..\"]\n", "a lone .. must stand between words"),
        ("founding_phrases.yaml", "      fr: [depuis]\n", "      fr: [\"de .. .. puis\"]\n", "a lone .. must stand between words"),
        ("employee_phrases.yaml", "    kind: upper_bound\n    weight: -6\n", "    kind: upper_bound\n    weight: 2\n", "needs a negative weight"),
        ("employee_phrases.yaml", "    side: before\n", "    side: behind\n", "side must be before, after or any"),
        ("employee_phrases.yaml", "threshold: 3\n", "threshold: 0\n", "threshold must be above 0"),
    ])
    func badCueFilesAreReported(file: String, find: String, replace: String, message: String) throws {
        let files = try Self.rules(editing: file) { text in
            guard let r = text.range(of: find) else { return text }
            return text.replacingCharacters(in: r, with: replace)
        }
        let problems = ResearchRules.cueFileProblems(files)
        #expect(problems.count == 1)
        #expect(problems.first?.code == .badRules)
        #expect(problems.first?.description.contains(file) == true)
        #expect(problems.first?.description.contains(message) == true, "\(problems.map(\.description))")
    }

    static let rules = TextParserTests.rules

    static func page(_ body: String, lang: String = "en") throws -> ExtractedPage {
        let html = "<!doctype html><html lang=\"\(lang)\"><body>\(body)</body></html>"
        let doc = try HTMLFlatDocument.parse(Array(html.utf8), url: "https://example.com/about")
        return PageExtractor(rules: rules).extract(doc, kind: "about", url: "https://example.com/about")
    }

    @Test func counterNumbersComeFromTheirAttribute() throws {
        let p = try Self.page(#"<div class="stat"><span class="counter" data-count="240">0</span><p>Mitarbeitende</p></div>"#, lang: "de")
        #expect(p.employeeClaims.map(\.count) == [EmployeeCount(kind: .exact, min: 240, max: 240)])
        // A counter with real text keeps its text.
        let q = try Self.page(#"<p><span data-to="9">twelve</span> employees</p>"#)
        #expect(q.employeeClaims.map(\.count) == [EmployeeCount(kind: .exact, min: 12, max: 12)])
    }

    @Test func valuesPairWithTheLabelInTheirOwnCard() throws {
        // Value first in each card: "14" belongs to "countries", "150+" to "employees".
        let cards = try Self.page(#"<div class="grid"><div class="card"><b>14</b><p>countries</p></div><div class="card"><b>150+</b><p>employees</p></div></div>"#)
        #expect(cards.employeeClaims.map(\.count) == [EmployeeCount(kind: .lowerBound, min: 150, max: nil)])
        // Label first in a definition list: "14" belongs to "Countries", "150" to "Employees".
        let list = try Self.page("<dl><dt>Countries</dt><dd>14</dd><dt>Employees</dt><dd>150</dd><dt>Founded</dt><dd>1994</dd></dl>")
        #expect(list.employeeClaims.map(\.count) == [EmployeeCount(kind: .exact, min: 150, max: 150)])
        #expect(list.foundingClaims.map(\.year) == [1994])
    }

    @Test(arguments: [
        ("Founded in 1998, we moved to Berlin in 2015.", [1998]),
        ("Seit 2015 ist Dr. Sabine Roth Geschäftsführerin.", []),
        ("Sinds 1977 uw partner in drukwerk.", [1977]),
        ("Partner since 2019.", []),
        // Split verbs: the particle comes after the object, the year may stand in between.
        ("Piet Bos richtte in 1990 het bedrijf op.", [1990]),
        ("In 2018 zette Sanne het bureau met een collega op.", [2018]),
        ("Er rief 1972 die Werkstatt ins Leben.", [1972]),
        ("Die Wurzeln des Betriebs reichen bis 1890 zurück.", [1890]),
        // A gap never crosses punctuation.
        ("Zette u de bestelling klaar, dan halen we die in 2024 op.", []),
    ])
    func yearsAreScoredByTheirOwnPhrase(text: String, years: [Int]) {
        #expect(Self.rules.founding.claims(in: text, language: nil).map(\.year) == years)
    }
}

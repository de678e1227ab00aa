import Foundation
import LeadCore
import Testing
@testable import LeadQualify

/// `rules check` finds broken rule files and points at the right line and column.
struct RulesCheckTests {
    static let valid = """
    fit:
      - id: industry
        field: company.industry
        weight: 60
        table: {saas: 100, retail: 50}
      - id: size
        field: company.size_bucket
        weight: 40
        at_least: 11-50
    score:
      fit: 100
    """

    static func problems(_ icp: String) throws -> [LeadsmithError] {
        let rules = try TestSupport.temporaryRules(["icp.yaml": icp], copyingBANT: true)
        defer { try? FileManager.default.removeItem(at: rules.directory) }
        return RulesCheck.check(rules)
    }

    @Test func theRepositoryRulesAreClean() {
        let problems = RulesCheck.check(TestSupport.rules)
        #expect(problems.isEmpty, "\(problems.map(\.description))")
    }

    @Test func aValidFileHasNoProblems() throws {
        #expect(try Self.problems(Self.valid).isEmpty)
    }

    @Test func badRegexIsReportedAtItsLineAndColumn() throws {
        let yaml = """
        fit:
          - id: industry
            field: company.industry
            weight: 60
            table: {saas: 100, retail: 50}
          - id: size
            field: company.size_bucket
            weight: 40
            at_least: 11-50
          - id: title
            field: person.title
            weight: 0
            regex: '(?i)sales('
        score:
          fit: 100
        """
        let problems = try Self.problems(yaml)
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == .badRules)
        #expect(p.file?.hasSuffix("/icp.yaml") == true)
        #expect(p.line == 13)
        #expect(p.column == 12)
        #expect(p.message.contains("bad regex"))
        #expect(p.description.hasSuffix("icp.yaml:13:12: \(p.message)"))
    }

    @Test func unknownFieldPath() throws {
        let yaml = Self.valid.replacingOccurrences(of: "field: company.size_bucket", with: "field: company.sizebucket")
        let p = try #require(try Self.problems(yaml).first)
        #expect((p.line, p.column) == (7, 12))
        #expect(p.message.contains("unknown field 'company.sizebucket'"))
    }

    @Test(arguments: [
        ("at_least: 11-50", "at_least: 50-200", "'50-200' is not a company.size_bucket value"),
        ("{saas: 100, retail: 50}", "{saas: 100, fintech: 50}", "'fintech' is not a company.industry value"),
    ])
    func unknownVocabularyValue(_ from: String, _ to: String, _ message: String) throws {
        let p = try #require(try Self.problems(Self.valid.replacingOccurrences(of: from, with: to)).first)
        #expect(p.message.contains(message))
        #expect(p.line != nil && p.column != nil)
    }

    @Test func seniorityAndFunctionValuesAreChecked() throws {
        let yaml = """
        fit:
          - id: seniority
            field: person.seniority
            weight: 50
            in: [owner, boss]
          - id: function
            field: person.function
            weight: 50
            equals: sales
        score: {fit: 100}
        """
        let problems = try Self.problems(yaml)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("'boss' is not a person.seniority value") == true)
        #expect((problems.first?.line, problems.first?.column) == (5, 17))
    }

    @Test func weightsThatCannotReachHundred() throws {
        let low = try Self.problems(Self.valid.replacingOccurrences(of: "weight: 40", with: "weight: 30"))
        #expect(low.count == 1)
        #expect(low.first?.message.contains("at most 90 points; 100 is unreachable") == true)
        #expect(low.first?.line == 1)
        let table = try Self.problems(Self.valid.replacingOccurrences(of: "{saas: 100, retail: 50}", with: "{saas: 80, retail: 50}"))
        #expect(table.first?.message.contains("at most 88 points") == true)
        let score = try Self.problems(Self.valid.replacingOccurrences(of: "fit: 100", with: "fit: 60\n  budget: 10"))
        #expect(score.first?.message.contains("score points add up to at most 70") == true)
    }

    @Test func yamlSyntaxErrorsHavePositions() throws {
        let p = try #require(try Self.problems("fit:\n  - id: x\n    field: [company.industry\n").first)
        #expect(p.message.hasPrefix("YAML syntax"))
        #expect(p.line != nil)
    }

    @Test func loadThrowsTheFirstProblem() throws {
        let rules = try TestSupport.temporaryRules(["icp.yaml": Self.valid.replacingOccurrences(of: "weight: 40", with: "weight: forty")])
        defer { try? FileManager.default.removeItem(at: rules.directory) }
        #expect(throws: LeadsmithError.self) { try ICPRules.load(rules) }
        do {
            _ = try ICPRules.load(rules)
        } catch {
            #expect(error.exitCode == 78)
            #expect(error.line == 8)
        }
    }

    @Test func cueFilesAreChecked() throws {
        let rules = try TestSupport.temporaryRules([
            "icp.yaml": Self.valid,
            "bant/xx.yaml": "budget:\n  keywords: [budget]\n  maximal: [max]\nneed:\n  engineers: [developers]\n",
        ])
        defer { try? FileManager.default.removeItem(at: rules.directory) }
        let problems = RulesCheck.check(rules)
        #expect(problems.map(\.line) == [3, 5])
        #expect(problems.first?.message.contains("unknown budget section 'maximal'") == true)
        #expect(problems.last?.message.contains("unknown function 'engineers'") == true)
    }
}

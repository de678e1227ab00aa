import Foundation
import LeadCore
import Testing
@testable import LeadQualify

/// The icp.yaml language: each test, missing data, disqualifiers, thresholds — with small inline rule files.
struct ICPRulesTests {
    static let base = """
    fit:
      - id: industry
        field: company.industry
        weight: 40
        table: {saas: 100, retail: 50}
      - id: size
        field: company.size_bucket
        weight: 30
        at_least: 11-50
      - id: country
        field: company.country
        weight: 20
        in: [NL, BE]
      - id: crm
        field: company.technologies
        weight: 10
        in: [hubspot, salesforce]
    disqualify:
      - id: email_disposable
        field: person.email_flags.disposable
        equals: true
      - id: consent_false
        field: person.consent
        equals: false
    score:
      fit: 100
    status:
      on: fit
      qualified: 60
    """

    static func qualify(_ yaml: String = base, lead: JSONValue, bant: BANT = .unstated) throws -> Qualification {
        Qualifier(icp: try ICPRules.parse(yaml: yaml)).qualify(lead: lead, bant: bant)
    }

    @Test func fitIsTheWeightedSumOfTheCriteria() throws {
        let q = try Self.qualify(lead: LeadFixtures.lead(industry: "retail", size: "2-10", country: "BE", technologies: ["wordpress", "salesforce"]))
        // retail 40×50% = 20, size 2-10 below 11-50 = 0, BE = 20, salesforce = 10
        #expect(q.fit == 50)
        #expect(q.score == 50)
        #expect(q.status == "nurture")
        #expect(LeadFixtures.reason(q, "icp.industry")?["evidence"] == .string("retail"))
        #expect(LeadFixtures.reason(q, "icp.crm")?["evidence"] == .string("wordpress, salesforce"))
    }

    @Test func missingDataScoresZeroAndSaysSo() throws {
        let q = try Self.qualify(lead: LeadFixtures.lead(industry: nil, size: nil, country: "NL"))
        #expect(q.fit == 30)
        let industry = try #require(LeadFixtures.reason(q, "icp.industry"))
        #expect(industry["points"] == .int(0))
        #expect(industry["missing"] == .bool(true))
        #expect(industry["evidence"] == .null)
        #expect(LeadFixtures.reason(q, "icp.country")?["missing"] == nil)
    }

    @Test func disqualifiersWinOverAHighFit() throws {
        let q = try Self.qualify(lead: LeadFixtures.lead(disposable: true, consent: false))
        #expect(q.fit == 100)
        #expect(q.status == "disqualified")
        #expect(q.grade == "D")
        #expect(q.disqualifiedBy == ["email_disposable", "consent_false"])
        #expect(LeadFixtures.reason(q, "dq.consent_false")?["points"] == .int(0))
        // consent unknown (null) is not a refusal
        #expect(try Self.qualify(lead: LeadFixtures.lead(consent: nil)).status == "qualified")
    }

    @Test func rangeRegexExistsAndAtMost() throws {
        let yaml = """
        fit:
          - id: employees
            field: company.employees.min
            weight: 25
            range: {min: 50, max: 500}
          - id: title
            field: person.title
            weight: 25
            regex: '(?i)\\b(sales|revenue)\\b'
          - id: phone
            field: person.phone
            weight: 25
            exists: false
          - id: small
            field: company.size_bucket
            weight: 25
            at_most: 201-500
        score: {fit: 100}
        """
        let q = try Self.qualify(yaml, lead: LeadFixtures.lead(size: "1001-5000", employees: 120))
        #expect(q.fit == 75)
        #expect(LeadFixtures.reason(q, "icp.small")?["points"] == .int(0))
        let q2 = try Self.qualify(yaml, lead: LeadFixtures.lead(size: "11-50", employees: 20))
        #expect(q2.fit == 75)
    }

    @Test func seniorityAtLeastCountsMoreSeniorTitles() throws {
        let yaml = """
        fit:
          - id: senior
            field: person.seniority
            weight: 100
            at_least: director
        score: {fit: 100}
        """
        for (s, want) in [("owner", 100), ("vp", 100), ("director", 100), ("head", 0), ("intern", 0), ("unknown", 0)] {
            #expect(try Self.qualify(yaml, lead: LeadFixtures.lead(seniority: s)).fit == want, "\(s)")
        }
    }

    @Test func roundsHalfUp() throws {
        let yaml = """
        fit:
          - id: a
            field: company.industry
            weight: 15
            table: {saas: 10, retail: 100}
          - id: b
            field: company.country
            weight: 85
            table: {NL: 100, DE: 10}
        score: {fit: 100}
        """
        // 1.5 + 8.5 = 10; 1.5 + 85 = 86.5 → 87
        #expect(try Self.qualify(yaml, lead: LeadFixtures.lead(industry: "saas", country: "DE")).fit == 10)
        #expect(try Self.qualify(yaml, lead: LeadFixtures.lead(industry: "saas", country: "NL")).fit == 87)
    }

    @Test func gradesAndNurtureThresholds() throws {
        let yaml = Self.base.replacingOccurrences(of: "status:\n  on: fit\n  qualified: 60", with: "grades: {A: 90, B: 60, C: 30}\nstatus:\n  on: score\n  qualified: 70\n  nurture: 25")
        let full = try Self.qualify(yaml, lead: LeadFixtures.lead())
        #expect((full.status, full.grade) == ("qualified", "A"))
        let mid = try Self.qualify(yaml, lead: LeadFixtures.lead(industry: "retail", country: "DE", technologies: []))
        #expect((mid.score, mid.status, mid.grade) == (50, "nurture", "C"))
        let low = try Self.qualify(yaml, lead: LeadFixtures.lead(industry: nil, size: "1", country: "US", technologies: []))
        #expect((low.score, low.status, low.disqualifiedBy) == (0, "disqualified", ["low_score"]))
    }

    @Test func theRepositoryRulesLoad() throws {
        _ = try ICPRules.load(TestSupport.rules)
        _ = try ICPRules.load(TestSupport.rules, file: "examples/icp-reference.yaml")
    }
}

import Foundation
import LeadCore
import Testing
@testable import LeadQualify

/// Score, reasons, BANT `met` and status with the repository's rule files.
struct QualifierTests {
    static func defaultQualifier() throws -> Qualifier { Qualifier(icp: try ICPRules.load(TestSupport.rules)) }

    static func bant(_ texts: [String], on date: String = "2024-03-12T10:00:00Z") throws -> BANT {
        try #require(TestSupport.extractor).extract(texts: texts, referenceDate: date)
    }

    static let conversations: [[String]] = [
        [],
        ["We have about 40 sales reps.", "Budget is around €20k.", "Need it before Q3.", "I'm the one who signs off on this."],
        ["Our budget is 1k USD per month.", "My manager has the final say."],
        ["There are 2 of us in support.", "No rush, just exploring for now."],
        ["Max 3k EUR annually.", "Hoping to start within 40 weeks."],
        ["How do I reset my password?"],
    ]

    @Test func scoreIsTheSumOfItsReasonsForEveryLead() throws {
        let qualifier = try Self.defaultQualifier()
        var checked = 0
        let bants = try Self.conversations.map { try Self.bant($0) }
        for industry in [nil, "saas", "retail", "education"] as [String?] {
            for size in [nil, "1", "11-50", "201-500", "10001+"] as [String?] {
                for country in [nil, "NL", "US", "JP"] as [String?] {
                    for (function, seniority) in [(nil, "unknown"), ("sales", "head"), ("it", "intern"), ("executive", "owner")] as [(String?, String)] {
                        for bant in bants {
                            let lead = LeadFixtures.lead(industry: industry, size: size, country: country, function: function, seniority: seniority,
                                                         technologies: checked % 3 == 0 ? [] : ["hubspot"], freemail: checked % 2 == 0)
                            let q = qualifier.qualify(lead: lead, bant: bant)
                            let points = LeadFixtures.points(q)
                            #expect(points.count == q.reasons.count)
                            #expect(q.score == points.reduce(0, +))
                            #expect(points.allSatisfy { $0 >= 0 })
                            #expect((0...100).contains(q.score) && (0...100).contains(q.fit))
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 4 * 5 * 4 * 4 * Self.conversations.count)
    }

    @Test func aPerfectLeadScoresHundred() throws {
        let q = try Self.defaultQualifier().qualify(lead: LeadFixtures.lead(seniority: "c_suite"), bant: try Self.bant(Self.conversations[1]))
        #expect(q.fit == 100)
        #expect(q.score == 100)
        #expect((q.status, q.grade) == ("qualified", "A"))
    }

    @Test func bantObjectHasMetAndEvidenceAndNullsWhenUnstated() throws {
        let q = try Self.defaultQualifier().qualify(lead: LeadFixtures.lead(), bant: try Self.bant(Self.conversations[2]))
        let expected = #"{"budget":{"met":true,"min":1000,"max":1000,"currency":"USD","period":"month","evidence":"Our budget is 1k USD per month."},"authority":{"met":false,"level":"influencer","evidence":"My manager has the final say."},"need":{"met":null,"team_size":null,"team_function":null,"evidence":null},"timeline":{"met":null,"deadline":null,"asap":null,"exploring":null,"evidence":null}}"#
        #expect(q.bant.serialized == expected)
    }

    @Test func metFollowsTheRuleThresholds() throws {
        let qualifier = try Self.defaultQualifier()
        // 3k EUR a year is under the 5k minimum; 40 weeks is beyond the 180-day horizon; a team of 2 is under 3
        let q = qualifier.qualify(lead: LeadFixtures.lead(), bant: try Self.bant(Self.conversations[4]))
        #expect(q.bant["budget"]?["met"] == .bool(false))
        #expect(q.bant["timeline"]?["met"] == .bool(false))
        let small = qualifier.qualify(lead: LeadFixtures.lead(), bant: try Self.bant(Self.conversations[3]))
        #expect(small.bant["need"]?["met"] == .bool(false))
        #expect(small.bant["timeline"]?["met"] == .bool(false))
        #expect(LeadFixtures.reason(small, "bant.need")?["points"] == .int(0))
    }

    @Test func seniorityIsAnAuthorityProxyOnlyWhenNothingWasSaid() throws {
        let qualifier = try Self.defaultQualifier()
        let silent = qualifier.qualify(lead: LeadFixtures.lead(seniority: "director"), bant: .unstated)
        let proxy = try #require(LeadFixtures.reason(silent, "proxy.authority_seniority"))
        #expect(proxy["proxy"] == .bool(true))
        #expect(proxy["points"] == .int(5))
        #expect(proxy["field"] == .string("person.seniority"))
        #expect(LeadFixtures.reason(silent, "bant.authority")?["missing"] == .bool(true))
        #expect(silent.bant["authority"]?["level"] == .string("unknown"))

        let said = qualifier.qualify(lead: LeadFixtures.lead(seniority: "director"), bant: try Self.bant(["My boss decides."]))
        #expect(LeadFixtures.reason(said, "proxy.authority_seniority") == nil)
        #expect(LeadFixtures.reason(said, "bant.authority")?["evidence"] == .string("My boss decides."))
    }

    @Test func supportChatsAndHardRulesDisqualify() throws {
        let qualifier = try Self.defaultQualifier()
        let support = qualifier.qualify(lead: LeadFixtures.lead(), bant: try Self.bant(Self.conversations[5]))
        #expect(support.status == "disqualified")
        #expect(support.disqualifiedBy == ["support_chat"])
        let intern = qualifier.qualify(lead: LeadFixtures.lead(seniority: "intern", truncated: true), bant: .unstated)
        #expect(intern.disqualifiedBy == ["record_truncated", "student"])
        let competitor = qualifier.qualify(lead: LeadFixtures.lead(domain: "hubspot.com"), bant: .unstated)
        #expect(competitor.disqualifiedBy == ["competitor"])
    }

    @Test func changingOneTableWeightChangesExactlyTheLeadsItShould() throws {
        let text = try TestSupport.rules.text("examples/icp-reference.yaml")
        let changed = text.replacingOccurrences(of: "PT: 40, US: 30}", with: "PT: 40, US: 90}")
        #expect(changed != text)
        let before = Qualifier(icp: try ICPRules.parse(yaml: text))
        let after = Qualifier(icp: try ICPRules.parse(yaml: changed))
        for country in ["NL", "US", "FR", "JP"] {
            for industry in ["saas", "retail"] {
                let lead = LeadFixtures.lead(industry: industry, country: country)
                let a = before.qualify(lead: lead, bant: .unstated), b = after.qualify(lead: lead, bant: .unstated)
                if country == "US" {
                    #expect(b.fit == a.fit + 9)      // 15 × (90 − 30) / 100
                    #expect(LeadFixtures.reason(b, "icp.country")?["points"] == .int(14))
                } else {
                    #expect(b.serializedForTest == a.serializedForTest)
                }
            }
        }
    }

    @Test func changingTheBudgetMinimumChangesOnlyBudgetsBetweenTheTwo() throws {
        let text = try TestSupport.rules.text("icp.yaml")
        let changed = text.replacingOccurrences(of: "minimum: 5000 ", with: "minimum: 15000 ")
        #expect(changed != text)
        let before = Qualifier(icp: try ICPRules.parse(yaml: text)), after = Qualifier(icp: try ICPRules.parse(yaml: changed))
        for (budget, moves) in [("Budget is around €4k.", false), ("Budget is around €10k.", true), ("Budget is around €20k.", false), ("Budget is 1k EUR per month.", true)] {
            let b = try Self.bant([budget])
            let x = before.qualify(lead: LeadFixtures.lead(), bant: b), y = after.qualify(lead: LeadFixtures.lead(), bant: b)
            #expect((x.score != y.score) == moves, "\(budget)")
        }
    }

    @Test func sameInputSameBytes() throws {
        let lead = LeadFixtures.lead(industry: "retail", country: "DE")
        let b = try Self.bant(Self.conversations[1])
        let one = try Self.defaultQualifier().qualify(lead: lead, bant: b)
        let two = try Self.defaultQualifier().qualify(lead: lead, bant: b)
        #expect(one.serializedForTest == two.serializedForTest)
    }
}

extension Qualification {
    /// Everything a lead line carries from qualification, as JSON text.
    var serializedForTest: String {
        JSONValue.object([("status", .string(status)), ("grade", .string(grade)), ("score", .int(score)), ("fit", .int(fit)),
                          ("bant", bant), ("reasons", .array(reasons)), ("disqualified_by", .array(disqualifiedBy.map(JSONValue.string)))]).serialized
    }
}

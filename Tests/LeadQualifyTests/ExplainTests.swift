import Foundation
import LeadCore
import Testing
@testable import LeadQualify

/// `explain` shows every reason with its points, what the person said, and why a lead is out.
struct ExplainTests {
    static func line(_ lead: JSONValue, _ q: Qualification) -> JSONValue {
        guard case .object(var pairs) = lead else { return lead }
        pairs.insert(contentsOf: [("status", .string(q.status)), ("grade", .string(q.grade)), ("score", .int(q.score)), ("fit", .int(q.fit))], at: 0)
        pairs.append(("bant", q.bant))
        pairs.append(("reasons", .array(q.reasons)))
        return .object(pairs)
    }

    @Test func showsEveryReasonAndTheTotal() throws {
        let qualifier = Qualifier(icp: try ICPRules.load(TestSupport.rules))
        let extractor = try #require(TestSupport.extractor)
        let lead = LeadFixtures.lead(country: nil, seniority: "director")
        let bant = extractor.extract(texts: ["We have about 40 sales reps.", "Budget is around €20k.", "My manager has the final say."],
                                     referenceDate: "2024-03-12")
        let q = qualifier.qualify(lead: lead, bant: bant)
        let text = Explain.render(lead: Self.line(lead, q))
        #expect(text.hasPrefix("Jane Doe <jane@acme.nl> — Head of Sales at Acme (acme.nl)\n"))
        #expect(text.contains("\(q.status) · grade \(q.grade) · score \(q.score)/100 · ICP fit \(q.fit)/100"))
        #expect(text.contains("company.country: missing"))
        #expect(text.contains("\"Budget is around €20k.\""))
        #expect(text.contains("  Authority  not met  influencer — \"My manager has the final say.\""))
        #expect(text.contains("  Timeline   —        not stated"))
        #expect(text.contains("\n" + String(repeating: " ", count: 5 - String(q.score).count) + "\(q.score)  total\n"))
        for r in q.reasons { #expect(text.contains(r["rule"]?.scalarText ?? "?")) }
        // the same line twice renders the same text, also from JSON text
        #expect(Explain.render(line: Self.line(lead, q).serialized) == Explain.render(lead: JSONValue(any: try JSONSerialization.jsonObject(with: Data(Self.line(lead, q).serialized.utf8)))))
    }

    @Test func namesTheDisqualifiers() throws {
        let qualifier = Qualifier(icp: try ICPRules.load(TestSupport.rules))
        let lead = LeadFixtures.lead(disposable: true)
        let text = Explain.render(lead: Self.line(lead, qualifier.qualify(lead: lead, bant: .unstated)))
        #expect(text.contains("person.email_flags.disposable = true  → disqualifies"))
        #expect(text.hasSuffix("Disqualified by: email_disposable\n"))
        #expect(Explain.render(line: "not json") == nil)
    }
}

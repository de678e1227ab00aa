import Foundation
import LeadCore
import Testing
@testable import LeadQualify

/// With `rules/examples/icp-reference.yaml` (icp.json in the icp.yaml language), `fit` equals the truth's
/// `icp.score` for every person and the qualified set is the truth's. Gated on `LEADSMITH_DEV_CORPUS`.
@Suite(.enabled(if: TestSupport.devCorpus != nil, "set LEADSMITH_DEV_CORPUS to the dev corpus"))
struct DevCorpusICPTests {
    @Test func referenceRubricReproducesTheTruth() throws {
        let corpus = try #require(TestSupport.devCorpus)
        let qualifier = Qualifier(icp: try ICPRules.load(TestSupport.rules, file: "examples/icp-reference.yaml"))
        let leads = try TestSupport.ndjson(corpus.appendingPathComponent("truth.ndjson")).filter { $0["type"] as? String == "lead" }
        var groups: [(key: String, members: [[String: Any]])] = []
        var index: [String: Int] = [:]
        for o in leads {
            let key = (o["dup_group"] as? String) ?? "solo:\(o["lead_id"] as? String ?? "")"
            if let i = index[key] { groups[i].members.append(o) } else { index[key] = groups.count; groups.append((key, [o])) }
        }
        var persons = 0, fitExact = 0, qualifiedAgree = 0
        var problems: [String] = []
        for (key, members) in groups {
            let primary = members.first { $0["duplicate_of"] is NSNull || $0["duplicate_of"] == nil } ?? members[0]
            guard let icp = primary["icp"] as? [String: Any], let score = icp["score"] as? Int,
                  let merged = icp["merged"] as? [String: Any] else { continue }
            persons += 1
            let consents = members.compactMap { $0["consent"] as? Bool }
            let consent: JSONValue = consents.contains(false) ? .bool(false) : (consents.first.map(JSONValue.bool) ?? .null)
            let flags = JSONValue(any: primary["email_flags"])
            func s(_ k: String) -> JSONValue { JSONValue(any: merged[k] is NSNull ? nil : merged[k]) }
            let lead: JSONValue = .object([
                ("record_status", .string(primary["record_status"] as? String)),
                ("person", .object([("function", s("job_function")), ("seniority", s("seniority")), ("consent", consent), ("email_flags", flags)])),
                ("company", .object([("industry", s("industry")), ("size_bucket", s("size_bucket")), ("country", s("country"))])),
            ])
            let q = qualifier.qualify(lead: lead, bant: .unstated)
            let wantQualified = icp["qualified"] as? Bool ?? false
            if q.fit == score { fitExact += 1 } else { problems.append("\(key): fit \(q.fit) want \(score)") }
            if (q.status == "qualified") == wantQualified { qualifiedAgree += 1 } else {
                problems.append("\(key): status \(q.status) \(q.disqualifiedBy) want qualified=\(wantQualified) \(icp["disqualified_by"] ?? "")")
            }
            #expect(q.score == LeadFixtures.points(q).reduce(0, +))
        }
        for p in problems { print("ICP MISMATCH \(p)") }
        print("icp.fit_exact: \(fitExact)/\(persons); qualified agree: \(qualifiedAgree)/\(persons)")
        #expect(persons > 0)
        #expect(fitExact == persons)
        #expect(qualifiedAgree == persons)
    }
}

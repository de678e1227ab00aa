import Foundation
import LeadCore
@testable import LeadHandoff
import LeadTestSupport
import Testing

/// Fill counts and hand-off tallies are read from lead lines on all cores and added in lead order;
/// the numbers must be those of counting the lines one by one.
struct FillCountsTests {
    /// A lead line with a mix of empty and filled fields, drawn from `rng`.
    static func line(_ rng: inout SplitMix64, runTime: Date) -> (JSONValue, String?) {
        let values: [JSONValue] = [.null, .string(""), .string("unknown"), .array([]), .object([]), .string("x"),
                                   .int(0), .bool(false), .array([.string("a")]), .object([("k", .string("v"))])]
        func pick() -> JSONValue { values[Int(rng.next() % UInt64(values.count))] }
        let personKeys = ["first_name", "last_name", "title", "function", "phone", "email_flags"]
        let companyKeys = ["name", "legal_name", "industry", "employees", "founded", "social", "technologies", "site_status"]
        var person = personKeys.map { ($0, pick()) }
        if rng.next() % 2 == 0 { person[5] = ("email_flags", .object([("valid", .bool(true))])) }
        var company = companyKeys.map { ($0, pick()) }
        company[7] = ("site_status", .string(rng.next() % 3 == 0 ? "ok" : "none"))
        let sources: [JSONValue] = (0...(rng.next() % 3)).map { _ in
            .object([("source", .string(["newsletter", "chatbot", "download"][Int(rng.next() % 3)]))])
        }
        let status = ["qualified", "nurture", "disqualified"][Int(rng.next() % 3)]
        var provenance: [(String, JSONValue)] = [("person.title", .object([("method", .string("input"))]))]
        if rng.next() % 2 == 0 { provenance.append(("company.social.linkedin", .object([("method", .string("extracted"))]))) }
        let line = JSONValue.object([
            ("rules_version", .string("r\(rng.next() % 2)")), ("status", .string(status)),
            ("score", .int(Int(rng.next() % 101))), ("grade", .string(["A", "B", "C", "D"][Int(rng.next() % 4)])),
            ("reasons", .array([.object([("rule", .string(rng.next() % 2 == 0 ? "dq.size" : "icp.size"))])])),
            ("sources", .array(sources)), ("person", .object(person)), ("company", .object(company)),
            ("provenance", .object(provenance)),
        ])
        // Ages with fractions of seconds, so the order of the additions shows in the sum.
        let seconds = Int(rng.next() % 10_000_000)
        let recordTime = rng.next() % 5 == 0 ? nil
            : ISO8601DateFormatter().string(from: runTime.addingTimeInterval(-TimeInterval(seconds)))
        return (line, recordTime)
    }

    /// The fill rule of the report: a field counts when it is not null, empty or `unknown`.
    static func reference(_ lines: [JSONValue]) -> [String: Int] {
        var filled: [String: Int] = [:]
        for line in lines {
            guard case .object(let top) = line else { continue }
            for (section, value) in top where section == "person" || section == "company" {
                guard case .object(let fields) = value else { continue }
                for (k, v) in fields {
                    switch v {
                    case .null: continue
                    case .array(let a) where a.isEmpty: continue
                    case .object(let o) where o.isEmpty: continue
                    case .string(let s) where s.isEmpty || s == "unknown": continue
                    default: filled["\(section).\(k)", default: 0] += 1
                    }
                }
            }
        }
        return filled
    }

    @Test func chunkedCountsAddUpToTheOneByOneCounts() {
        var rng = SplitMix64(state: 11)
        let runTime = Date(timeIntervalSince1970: 1_790_000_000.375)
        let lines = (0..<3_000).map { _ in Self.line(&rng, runTime: runTime) }
        var whole = FillCounts()
        for (line, _) in lines { whole.add(lead: line) }
        #expect(whole.byField == Self.reference(lines.map(\.0)))
        #expect(whole.byField["company.site_status"] == 3_000)
        #expect(whole.byField.keys.allSatisfy { $0.hasPrefix("person.") || $0.hasPrefix("company.") })

        // Chunks of random sizes, added last to first: sums do not depend on the order.
        var chunks: [FillCounts] = []
        var i = 0
        while i < lines.count {
            let n = 1 + Int(rng.next() % 300)
            var c = FillCounts()
            for (line, _) in lines[i..<min(lines.count, i + n)] { c.add(lead: line) }
            chunks.append(c)
            i += n
        }
        var merged = FillCounts()
        for c in chunks.reversed() { merged.add(c) }
        #expect(merged.byField == whole.byField)
    }

    @Test func talliesReadApartGiveTheStatisticsOfTheLines() async {
        var rng = SplitMix64(state: 12)
        let runTime = Date(timeIntervalSince1970: 1_790_000_000.375)
        let lines = (0..<2_000).map { _ in Self.line(&rng, runTime: runTime) }
        var oneByOne = HandoffStats()
        for (line, time) in lines { oneByOne.add(lead: line, recordTime: time, runTime: runTime) }

        // Tallies made on other tasks, then added in lead order.
        let tallies = await withTaskGroup(of: (Int, [HandoffStats.LeadTally]).self) { group in
            for start in stride(from: 0, to: lines.count, by: 256) {
                let part = Array(lines[start..<min(lines.count, start + 256)])
                group.addTask { (start, part.map { HandoffStats.tally(lead: $0.0, recordTime: $0.1, runTime: runTime) }) }
            }
            var parts: [(Int, [HandoffStats.LeadTally])] = []
            for await p in group { parts.append(p) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
        var inOrder = HandoffStats()
        for t in tallies { inOrder.add(t) }
        let a = JSONValue.object(oneByOne.json()), b = JSONValue.object(inOrder.json())
        var ab: [UInt8] = [], bb: [UInt8] = []
        a.write(to: &ab)
        b.write(to: &bb)
        #expect(ab == bb)
        #expect(inOrder.rulesVersion == lines.first?.0["rules_version"]?.text)
        #expect(inOrder.leads == 2_000)
        // Age sums to the last bit (the report rounds them, so compare the sums themselves).
        for (name, s) in oneByOne.sources {
            #expect(inOrder.sources[name]?.ageSumHours == s.ageSumHours, "\(name)")
            #expect(inOrder.sources[name]?.merged == s.merged, "\(name)")
        }
        // The lines do carry what the statistics count.
        #expect(b.at("lead_age")?.pairs.isEmpty == false)
        #expect(b.at("disqualification_reasons")?.items.isEmpty == false)
    }
}

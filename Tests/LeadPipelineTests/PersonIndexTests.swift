import Foundation
import LeadCore
@testable import LeadPipeline
import LeadTestSupport
import Logging
import Testing

/// The compact dedupe index, and runs large enough to span many intake batches and write chunks
/// (256 records / persons each): order, merges and accounting must be those of a one-by-one run.
struct PersonIndexTests {
    static func loc(_ n: Int) -> RecordSpool.Location { RecordSpool.Location(offset: UInt64(n) * 100, length: UInt32(n + 1)) }

    @Test func mergesByKeyInFirstSeenOrder() {
        var index = PersonIndex()
        let added1 = index.add(key: "a@x.nl", location: Self.loc(0), truncated: false, domain: nil)
        #expect(!added1)
        let added2 = index.add(key: "b@y.de", location: Self.loc(1), truncated: false, domain: "y.de")
        #expect(!added2)
        let added3 = index.add(key: "a@x.nl", location: Self.loc(2), truncated: false, domain: "x.nl")
        #expect(added3)
        let added4 = index.add(key: nil, location: Self.loc(3), truncated: false, domain: "z.fr")
        #expect(!added4)
        let added5 = index.add(key: nil, location: Self.loc(4), truncated: false, domain: "z.fr")
        #expect(!added5)
        let added6 = index.add(key: "a@x.nl", location: Self.loc(5), truncated: true, domain: "other.nl")
        #expect(added6)
        #expect(index.count == 4)
        #expect(index.merged == 2)
        let a = index.person(0)
        #expect(a.records.map(\.offset) == [0, 200, 500])
        #expect(a.records.map(\.length) == [1, 3, 6])
        #expect(a.domain == "x.nl")  // the first record that has one
        #expect(index.person(1).domain == "y.de")
        #expect(index.person(2).records.map(\.offset) == [300])  // no key: never merged
        #expect(index.person(3).domain == "z.fr")
    }

    @Test func suppressionMarksIndexedAndLaterRecords() {
        var index = PersonIndex()
        index.add(key: "a@x.nl", location: Self.loc(0), truncated: false, domain: nil)
        #expect(!index.isSuppressed("a@x.nl"))
        index.suppress(key: "a@x.nl")
        #expect(index.isSuppressed("a@x.nl"))
        #expect(!index.isSuppressed("b@x.nl"))
        #expect(!index.isSuppressed(nil))
        #expect(index.person(0).suppressed)
    }

    /// The index against a plain dictionary model over enough persons to grow the hash table many
    /// times: same persons in first-seen order, same records in order, same domains and merges.
    @Test func agreesWithADictionaryModelAcrossTableGrowth() {
        var index = PersonIndex()
        var order: [String] = []
        var model: [String: (records: [UInt64], domain: String?)] = [:]
        var unkeyed = 0
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        for n in 0..<30_000 {
            let r = next()
            let key: String? = r % 17 == 0 ? nil : "p\(r % 9_000)@example.com"
            let domain: String? = r % 5 == 0 ? nil : "d\(r % 300).example"
            index.add(key: key, location: Self.loc(n), truncated: false, domain: domain)
            let name = key ?? "unkeyed-\(unkeyed)"
            if key == nil { unkeyed += 1 }
            if var m = model[name] {
                m.records.append(UInt64(n) * 100)
                if m.domain == nil { m.domain = domain }
                model[name] = m
            } else {
                order.append(name)
                model[name] = ([UInt64(n) * 100], domain)
            }
        }
        #expect(index.count == order.count)
        #expect(index.merged == 30_000 - order.count)
        var mismatches = 0
        for (i, name) in order.enumerated() {
            let p = index.person(i)
            if p.records.map(\.offset) != model[name]!.records || p.domain != model[name]!.domain { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func keyHashTellsNearKeysApart() {
        let keys = (0..<50_000).map { "person\($0)@example.com" } + ["ab@x.nl", "ba@x.nl", "a@bx.nl", ""]
        #expect(Set(keys.map(PersonIndex.KeyHash.init)).count == keys.count)
    }

    @Test func manyBatchesKeepOrderAndMerges() async throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = "\"Email Address\",\"First Name\",\"Last Name\",\"Company\"\n"
        for i in 0..<1_300 {
            // Rows 1,000… repeat persons 0… in capitals, spanning several batches and chunks.
            let p = i < 1_000 ? i : (i - 1_000) * 3
            let email = "person\(p)@company\(p % 9).example.com"
            csv += "\"\(i < 1_000 ? email : email.uppercased())\",\"First\(p)\",\"Last\(p)\",\"Company \(p % 9)\"\n"
        }
        let input = dir.appendingPathComponent("many.csv").path
        try csv.write(toFile: input, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("leads.ndjson").path
        let options = RunOptions(inputs: [input], sitesDirectory: RunJobTests.fixtures.path + "/sites", rules: TestSupport.rules,
                                 outPath: out, all: true)
        let report = try await RunJob(options: options, logger: Logger(label: "test")).run()
        #expect(report.leads == 1_000)
        #expect(report.merged == 300)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1_000)
        for (n, line) in lines.enumerated() {
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let person = obj?["person"] as? [String: Any]
            #expect(person?["email"] as? String == "person\(n)@company\(n % 9).example.com")
            let sources = obj?["sources"] as? [[String: Any]] ?? []
            let expected = n % 3 == 0 && n / 3 < 300 ? [n + 1, 1_001 + n / 3] : [n + 1]
            #expect(sources.compactMap { $0["record"] as? Int } == expected, "lead \(n)")
        }
    }
}

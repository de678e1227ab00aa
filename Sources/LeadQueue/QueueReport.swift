public import Foundation
public import LeadCore
public import LeadHandoff
import LeadIntake

/// The `leadsmith/report@1` document of a queue batch, built from its stored lead and reject lines
/// and research results, so `leadsmith report --queue URL` renders the same page as `run --report`.
///
/// What the queue does not keep is reported as such: no stage timings, and lead ages only when a
/// record timestamp is known (stored lines carry none, so ages are `unknown`).
public enum QueueReport {
    /// Builds the report of `batch`, streaming its lines page by page.
    /// - Throws: `output_failed` (74) for queue errors, `internal_error` for a stored line that is not JSON.
    public static func json(driver: any QueueDriver, batch: String, now: Date = Date(), pageSize: Int = 1000) async throws(LeadsmithError) -> JSONValue {
        var stats = HandoffStats()
        var byStatus: [String: Int] = [:], bySource: [String: Int] = [:], rejectsBySource: [String: Int] = [:]
        var rejectReasons: [String: Int] = [:], siteStatus: [String: Int] = [:]
        var fill = FillCounts()
        var leads = 0, merged = 0, rejects = 0
        var domains: [String] = []
        var seenDomains = Set<String>()
        var after: Int64 = 0
        while true {
            let a = after
            let page = try await QueueError.wrap { try await driver.results(batch: batch, statuses: nil, after: a, limit: pageSize) }
            for row in page {
                let line = try parse(row.line, seq: row.seq)
                leads += 1
                stats.add(lead: line, recordTime: nil, runTime: nil)
                byStatus[line["status"]?.text ?? "unknown", default: 0] += 1
                let sources = line["sources"]?.items ?? []
                merged += max(0, sources.count - 1)
                for s in sources { bySource[s["source"]?.text ?? "unknown", default: 0] += 1 }
                fill.add(lead: line)
                if let d = line.at("company.domain")?.text {
                    let original = line.at("company.redirected_from")?.items.first?.text ?? d
                    if seenDomains.insert(original).inserted {
                        domains.append(original)
                        siteStatus[line.at("company.site_status")?.text ?? "unknown", default: 0] += 1
                    }
                }
            }
            guard let last = page.last, page.count == pageSize else { break }
            after = last.seq
        }
        after = 0
        while true {
            let a = after
            let page = try await QueueError.wrap { try await driver.rejects(batch: batch, after: a, limit: pageSize) }
            for row in page {
                let line = try parse(row.line, seq: row.seq)
                rejects += 1
                stats.add(reject: line)
                rejectsBySource[line["source"]?.text ?? "unknown", default: 0] += 1
                rejectReasons[line["reason_code"]?.text ?? "unknown", default: 0] += 1
            }
            guard let last = page.last, page.count == pageSize else { break }
            after = last.seq
        }
        for d in domains {
            let stored = try await QueueError.wrap { try await driver.domainProfile(batch: batch, domain: d) }
            guard let text = stored ?? nil,
                  let company = try? JSONDecoder().decode(StoredCompany.self, from: Data(text.utf8)).profile else { continue }
            stats.add(company: company)
        }
        func counts(_ d: [String: Int]) -> JSONValue { .object(d.keys.sorted().map { ($0, .int(d[$0]!)) }) }
        let recordsIn = leads + merged + rejects
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        let filled = fill.byField
        return .object([
            ("schema", .string("leadsmith/report@1")),
            ("run", .object([("at", .string(f.string(from: now))), ("rules_version", .string(stats.rulesVersion)),
                             ("queue_batch", .string(batch))])),
            ("counts", .object([
                ("in", .int(recordsIn)), ("leads", .int(leads)), ("rejects", .int(rejects)), ("merged", .int(merged)),
                ("suppressed", .int(0)), ("written", .int(leads)), ("balanced", .bool(true)),
            ])),
            ("leads_by_status", counts(byStatus)),
            ("records_by_source", counts(bySource)),
            ("rejects_by_source", counts(rejectsBySource)),
            ("reject_reasons", counts(rejectReasons)),
            ("files", .array([])),
            ("research", .object([("domains", .int(domains.count)), ("site_status", counts(siteStatus))])),
            ("fill_rates", .object(filled.keys.sorted().map { key in
                (key, .double(leads == 0 ? 0 : (Double(filled[key]!) / Double(leads) * 1000).rounded() / 1000))
            })),
            ("timings_ms", .object([])),
        ] + stats.json())
    }

    static func parse(_ text: String, seq: Int64) throws(LeadsmithError) -> JSONValue {
        guard let value = JSONText.parse(text) else {
            throw LeadsmithError(.internalError, "a stored line is not JSON (queue sequence \(seq))")
        }
        return value
    }
}

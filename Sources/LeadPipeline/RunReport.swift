public import Foundation
public import LeadCore
public import LeadHandoff

/// Counts, fill rates and timings of one run: printed as a summary on stderr and written as JSON.
public struct RunReport: Sendable {
    /// Input records read (leads' records + rejects).
    public var recordsIn = 0
    /// Persons written or filtered (one per distinct person).
    public var leads = 0
    public var rejects = 0
    /// Records merged into an earlier person's `sources`.
    public var merged = 0
    /// Records held back by the suppression list (`--suppress`): counted only, written nowhere.
    public var suppressed = 0
    /// Lines written to the leads output.
    public var written = 0
    public var byStatus: [String: Int] = [:]
    public var bySource: [String: Int] = [:]
    public var rejectsBySource: [String: Int] = [:]
    public var rejectReasons: [String: Int] = [:]
    public var perFile: [(file: String, records: Int, rejects: Int)] = []
    public var domainsResearched = 0
    /// Researched companies held in the temporary file rather than in memory
    /// (``RunOptions/companiesInMemory``); not part of the report's JSON.
    public var companiesSpilled = 0
    public var siteStatuses: [String: Int] = [:]
    /// Field → number of leads with a value.
    public var filled: [String: Int] = [:]
    public var timingsMS: [(stage: String, ms: Int)] = []
    /// When the run handed the leads over (its "now": lead ages, `retain_until`).
    public var runAt: Date?
    /// The rules version of the run.
    public var rulesVersion: String?
    /// Funnel, histograms, reasons, fill by method, lead ages and site problems for the hand-off report.
    public var handoff = HandoffStats()

    public init() {}

    /// Whether every record is accounted for: `in = leads + rejects + merged + suppressed`.
    public var balanced: Bool { recordsIn == leads + rejects + merged + suppressed }

    /// The one-line accounting summary.
    public var accountingLine: String {
        "in \(recordsIn) = leads \(leads) + rejects \(rejects) + merged \(merged) + suppressed \(suppressed)"
            + (balanced ? "" : "  (UNBALANCED)")
    }

    /// The human summary for stderr.
    public var summary: String {
        var lines = ["leadsmith run: " + accountingLine]
        let statuses = byStatus.keys.sorted().map { "\($0) \(byStatus[$0]!)" }.joined(separator: ", ")
        lines.append("  leads by status: \(statuses.isEmpty ? "none" : statuses); written \(written)")
        if !rejectReasons.isEmpty {
            lines.append("  rejects: " + rejectReasons.keys.sorted().map { "\($0) \(rejectReasons[$0]!)" }.joined(separator: ", "))
        }
        if domainsResearched > 0 {
            lines.append("  domains researched \(domainsResearched): "
                + siteStatuses.keys.sorted().map { "\($0) \(siteStatuses[$0]!)" }.joined(separator: ", "))
        }
        if leads > 0 {
            let keys = ["person.email", "person.function", "company.domain", "company.name", "company.size_bucket", "company.country"]
            lines.append("  fill: " + keys.map { "\($0) \(Self.percent(filled[$0] ?? 0, leads))" }.joined(separator: ", "))
        }
        lines.append("  time: " + timingsMS.map { "\($0.stage) \($0.ms) ms" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    static func percent(_ n: Int, _ d: Int) -> String {
        d == 0 ? "-" : "\(Int((Double(n) * 100 / Double(d)).rounded()))%"
    }

    /// The `--report` JSON document.
    public var json: JSONValue {
        func counts(_ d: [String: Int]) -> JSONValue { .object(d.keys.sorted().map { ($0, .int(d[$0]!)) }) }
        return .object([
            ("schema", .string("leadsmith/report@1")),
            ("run", .object([
                ("at", .string(runAt.map(Self.isoTime))), ("rules_version", .string(rulesVersion)),
            ])),
            ("counts", .object([
                ("in", .int(recordsIn)), ("leads", .int(leads)), ("rejects", .int(rejects)), ("merged", .int(merged)),
                ("suppressed", .int(suppressed)), ("written", .int(written)), ("balanced", .bool(balanced)),
            ])),
            ("leads_by_status", counts(byStatus)),
            ("records_by_source", counts(bySource)),
            ("rejects_by_source", counts(rejectsBySource)),
            ("reject_reasons", counts(rejectReasons)),
            ("files", .array(perFile.map { .object([("file", .string($0.file)), ("records", .int($0.records)), ("rejects", .int($0.rejects))]) })),
            ("research", .object([("domains", .int(domainsResearched)), ("site_status", counts(siteStatuses))])),
            ("fill_rates", .object(filled.keys.sorted().map { key in
                (key, .double(leads == 0 ? 0 : (Double(filled[key]!) / Double(leads) * 1000).rounded() / 1000))
            })),
            ("timings_ms", .object(timingsMS.map { ($0.stage, .int($0.ms)) })),
        ] + handoff.json())
    }

    /// `2025-03-01T12:00:00Z`.
    static func isoTime(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }
}

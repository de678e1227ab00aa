public import Foundation
public import LeadCore

extension QueueStatus {
    /// Jobs per second over the last minute, else over the whole run (first to last completion).
    public var throughput: Double {
        if doneLastMinute > 0 { return Double(doneLastMinute) / 60 }
        guard let a = firstDone, let b = lastDone, b > a else { return 0 }
        return Double(jobs["done"] ?? 0) / b.timeIntervalSince(a)
    }

    /// The human report of `leadsmith status`.
    public func text(now: Date) -> String {
        func list(_ d: [String: Int]) -> String {
            d.isEmpty ? "none" : d.keys.sorted().map { "\($0) \(d[$0] ?? 0)" }.joined(separator: ", ")
        }
        let states = ["pending", "leased", "done", "dead"]
        var lines: [String] = []
        lines.append("jobs: " + states.map { "\($0) \(jobs[$0] ?? 0)" }.joined(separator: ", "))
        lines.append("domains: " + states.map { "\($0) \(domains[$0] ?? 0)" }.joined(separator: ", "))
        lines.append("records by source: " + list(recordsBySource))
        lines.append("rejects by source: " + list(rejectsBySource))
        lines.append("leads by status: " + list(leadsByStatus))
        var overall = "-"
        if let a = firstDone, let b = lastDone, b > a {
            overall = String(format: "%.1f", Double(jobs["done"] ?? 0) / b.timeIntervalSince(a))
        }
        lines.append("throughput: \(doneLastMinute) jobs in the last minute (\(String(format: "%.1f", Double(doneLastMinute) / 60)) jobs/s), \(overall) jobs/s overall")
        if let until = oldestLeaseUntil {
            let left = until.timeIntervalSince(now)
            let when = left >= 0 ? "expires in \(Int(left.rounded())) s" : "expired \(Int((-left).rounded())) s ago"
            lines.append("oldest lease: \(oldestLeaseOwner ?? "?") \(when)")
        } else {
            lines.append("oldest lease: none")
        }
        if dead.isEmpty {
            lines.append("dead jobs: none")
        } else {
            lines.append("dead jobs (first \(dead.count)):")
            for d in dead { lines.append("  job \(d.id) [\(d.batch)] after \(d.attempts) attempts: \(d.error)") }
        }
        return lines.joined(separator: "\n")
    }

    /// The `leadsmith/queue-status@1` JSON document (`status --json`).
    public var json: JSONValue {
        func counts(_ d: [String: Int]) -> JSONValue { .object(d.keys.sorted().map { ($0, .int(d[$0] ?? 0)) }) }
        return .object([
            ("schema", .string("leadsmith/queue-status@1")),
            ("jobs", counts(jobs)), ("domains", counts(domains)),
            ("records_by_source", counts(recordsBySource)), ("rejects_by_source", counts(rejectsBySource)),
            ("leads_by_status", counts(leadsByStatus)),
            ("done_last_minute", .int(doneLastMinute)),
            ("jobs_per_second", .double((throughput * 100).rounded() / 100)),
            ("oldest_lease_until", oldestLeaseUntil.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null),
            ("oldest_lease_owner", .string(oldestLeaseOwner)),
            ("dead", .array(dead.map { .object([("job", .int(Int($0.id))), ("batch", .string($0.batch)),
                                                ("attempts", .int($0.attempts)), ("error", .string($0.error))]) })),
        ])
    }
}

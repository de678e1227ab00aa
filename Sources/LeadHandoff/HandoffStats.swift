public import Foundation
public import LeadCore

/// The numbers of the hand-off report, gathered from lead lines, reject lines and research results
/// as a run (or a queue export) streams them. Memory is bounded: counters, fixed histograms and a few
/// examples, never the leads themselves.
public struct HandoffStats: Sendable {
    /// Lead statuses in funnel order.
    public static let statuses = ["qualified", "nurture", "disqualified"]
    /// Lead-age buckets: upper bounds in hours (the last bucket is open).
    public static let ageBuckets: [(label: String, hours: Double)] = [
        ("under 1 hour", 1), ("1-24 hours", 24), ("1-7 days", 24 * 7), ("7-30 days", 24 * 30),
        ("30-90 days", 24 * 90), ("over 90 days", .infinity),
    ]
    /// Fill rates are reported for these lead fields (person and company), in this order.
    public static let fillFields = [
        "person.first_name", "person.last_name", "person.title", "person.function", "person.phone",
        "company.name", "company.legal_name", "company.description", "company.industry", "company.country",
        "company.language", "company.employees", "company.size_bucket", "company.founded", "company.phone",
        "company.address", "company.social", "company.technologies",
    ]

    /// Each fill field as its section (person or company), its key in it, and the prefix of its
    /// sub-fields' provenance keys.
    static let fillPaths: [(person: Bool, key: String, prefix: String)] = fillFields.map { field in
        let parts = field.split(separator: ".", maxSplits: 1)
        precondition(parts.count == 2 && (parts[0] == "person" || parts[0] == "company"), "fill field \(field)")
        return (parts[0] == "person", String(parts[1]), field + ".")
    }

    struct Source: Sendable {
        var leads = 0, validEmail = 0, researched = 0, merged = 0, rejected = 0, suppressed = 0
        var byStatus: [String: Int] = [:]
        var ages = [Int](repeating: 0, count: HandoffStats.ageBuckets.count)
        var agesUnknown = 0
        var ageSumHours = 0.0
        var ageMaxHours = 0.0
    }

    struct RejectReason: Sendable {
        var count = 0
        var examples: [(file: String, line: Int, record: Int)] = []
    }

    var sources: [String: Source] = [:]
    var scores = [Int](repeating: 0, count: 10)
    var grades: [String: Int] = [:]
    var disqualifiers: [String: Int] = [:]
    var rejectReasons: [String: RejectReason] = [:]
    /// Per ``fillFields`` entry (same index): leads with a value, by provenance method.
    var filled = [[String: Int]](repeating: [:], count: HandoffStats.fillFields.count)
    var leads = 0
    var sites: [String: Int] = [:]
    var siteExamples: [String: [String]] = [:]
    /// The rules version of the first lead line seen.
    public private(set) var rulesVersion: String?

    /// Empty statistics.
    public init() {}

    /// What one lead line adds to the statistics, read from the line once.
    ///
    /// Reading a line is most of the cost of counting it, and it needs nothing but the line, so a
    /// run reads its lines on all cores (``tally(lead:recordTime:runTime:)``) and adds the tallies
    /// in lead order (``add(_:)``), which gives the same numbers, to the last bit of the age sums,
    /// as adding the lines one by one.
    public struct LeadTally: Sendable {
        var rulesVersion: String?
        var source: String
        var mergedSources: [String]
        var validEmail: Bool
        var researched: Bool
        var status: String
        /// Hours from the first record to the hand-off; `nil` when unknown.
        var ageHours: Double?
        var score: Int?
        var grade: String?
        var disqualifiers: [String]
        /// Per ``HandoffStats/fillFields`` entry that has a value: its index and provenance method.
        var filled: [(field: Int, method: String)]
    }

    /// Reads what one lead line adds to the statistics; ``add(_:)`` adds it.
    /// - Parameters:
    ///   - recordTime: the timestamp of the lead's first record, for the lead's age at hand-off.
    ///   - runTime: when the run handed the lead over; `nil` leaves ages out.
    public static func tally(lead line: JSONValue, recordTime: String?, runTime: Date?) -> LeadTally {
        let srcs = line["sources"]?.items ?? []
        var ageHours: Double?
        if let runTime, let t = recordTime.flatMap(Self.parseTime) {
            ageHours = max(0, runTime.timeIntervalSince(t) / 3600)
        }
        let status = line["status"]?.text ?? "unknown"
        var disqualifiers: [String] = []
        if status == "disqualified" {
            for r in line["reasons"]?.items ?? [] {
                if let rule = r["rule"]?.text, rule.hasPrefix("dq.") { disqualifiers.append(rule) }
            }
        }
        // Fill rates: the person and company objects are looked up once, each field's path and
        // provenance prefix were split and built once (`fillPaths`).
        let provenance = line["provenance"]
        let person = line["person"], company = line["company"]
        var filled: [(field: Int, method: String)] = []
        for (i, path) in Self.fillPaths.enumerated() {
            guard Self.hasValue((path.person ? person : company)?[path.key]) else { continue }
            var method = provenance?[Self.fillFields[i]]?["method"]?.text
            if method == nil, let p = provenance?.pairs.first(where: { $0.0.hasPrefix(path.prefix) }) {
                method = p.1["method"]?.text  // company.social.linkedin, company.technologies.wix
            }
            filled.append((i, method ?? (path.person ? "input" : "derived")))
        }
        var validEmail = false, researched = false
        if case .bool(true)? = person?["email_flags"]?["valid"] { validEmail = true }
        if case .string("ok")? = company?["site_status"] { researched = true }
        return LeadTally(
            rulesVersion: line["rules_version"]?.text,
            source: srcs.first?["source"]?.text ?? "unknown",
            mergedSources: srcs.dropFirst().map { $0["source"]?.text ?? "unknown" },
            validEmail: validEmail, researched: researched, status: status, ageHours: ageHours,
            score: line["score"]?.intValue, grade: line["grade"]?.text,
            disqualifiers: disqualifiers, filled: filled)
    }

    /// Counts one lead line (any status, written or not).
    /// - Parameters:
    ///   - recordTime: the timestamp of the lead's first record, for the lead's age at hand-off.
    ///   - runTime: when the run handed the lead over; `nil` leaves ages out.
    public mutating func add(lead line: JSONValue, recordTime: String?, runTime: Date?) {
        add(Self.tally(lead: line, recordTime: recordTime, runTime: runTime))
    }

    /// Counts one lead from its tally (``tally(lead:recordTime:runTime:)``); add tallies in lead order.
    public mutating func add(_ t: LeadTally) {
        leads += 1
        if rulesVersion == nil { rulesVersion = t.rulesVersion }
        for extra in t.mergedSources { sources[extra, default: Source()].merged += 1 }
        var s = sources[t.source, default: Source()]
        s.leads += 1
        if t.validEmail { s.validEmail += 1 }
        if t.researched { s.researched += 1 }
        s.byStatus[t.status, default: 0] += 1
        if let hours = t.ageHours {
            let i = Self.ageBuckets.firstIndex(where: { hours < $0.hours }) ?? Self.ageBuckets.count - 1
            s.ages[i] += 1
            s.ageSumHours += hours
            s.ageMaxHours = max(s.ageMaxHours, hours)
        } else {
            s.agesUnknown += 1
        }
        sources[t.source] = s
        if let score = t.score { scores[min(9, max(0, score / 10))] += 1 }
        if let g = t.grade { grades[g, default: 0] += 1 }
        for rule in t.disqualifiers { disqualifiers[rule, default: 0] += 1 }
        for f in t.filled { filled[f.field][f.method, default: 0] += 1 }
    }

    /// Counts one `leadsmith/reject@1` line; keeps the first three examples of each reason.
    public mutating func add(reject line: JSONValue) {
        let source = line["source"]?.text ?? "unknown"
        sources[source, default: Source()].rejected += 1
        let code = line["reason_code"]?.text ?? "unknown"
        var r = rejectReasons[code, default: RejectReason()]
        r.count += 1
        if r.examples.count < 3 {
            r.examples.append((line["file"]?.text ?? "", line["line"]?.intValue ?? 0, line["record"]?.intValue ?? 0))
        }
        rejectReasons[code] = r
    }

    /// Counts records held back by the suppression list.
    public mutating func addSuppressed(source: String, records: Int = 1) {
        sources[source, default: Source()].suppressed += records
    }

    /// Counts one researched company: blocked by robots.txt, rate-limited, failed (first ten domains kept).
    public mutating func add(company: CompanyProfile) {
        var kinds: [String] = []
        if company.siteStatus == .blocked || company.pages.contains(where: { $0.status == .blocked }) { kinds.append("blocked") }
        if company.pages.contains(where: { $0.status == .rateLimited }) { kinds.append("rate_limited") }
        if company.siteStatus == .error || company.pages.contains(where: { $0.status == .error }) { kinds.append("failed") }
        for k in kinds {
            sites[k, default: 0] += 1
            if siteExamples[k, default: []].count < 10 { siteExamples[k, default: []].append(company.domain) }
        }
    }

    /// Whether a lead field has a value (not null, empty or `unknown`), as fill rates count it.
    public static func hasValue(_ v: JSONValue?) -> Bool {
        switch v {
        case nil, .null?: return false
        case .array(let a)?: return !a.isEmpty
        case .object(let o)?: return !o.isEmpty
        case .string(let s)?: return !s.isEmpty && s != "unknown"
        default: return true
        }
    }

    // ISO8601DateFormatter parses thread-safely once configured; building one per lead is slow.
    nonisolated(unsafe) static let plainTime = ISO8601DateFormatter()
    nonisolated(unsafe) static let fractionalTime: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()

    static func parseTime(_ s: String) -> Date? {
        utcSeconds(s).map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? plainTime.date(from: s) ?? fractionalTime.date(from: s)
    }

    /// Seconds since 1970 of a valid `YYYY-MM-DDTHH:MM:SSZ` (the form nearly every record carries),
    /// read from its bytes; `nil` for any other form, which the formatters parse (ICU costs ~10 µs a call).
    static func utcSeconds(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { b -> Int? in
            guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A else { return nil }
            func num(_ i: Int, _ n: Int) -> Int? {
                var v = 0
                for k in i..<(i + n) {
                    let d = Int(b[k]) - 0x30
                    guard d >= 0, d <= 9 else { return nil }
                    v = v * 10 + d
                }
                return v
            }
            guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2), let sec = num(17, 2),
                  y >= 1900, (1...12).contains(mo), h <= 23, mi <= 59, sec <= 59 else { return nil }
            let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
            let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard d >= 1, d <= monthDays[mo - 1] else { return nil }
            // Days from civil (Howard Hinnant's algorithm), proleptic Gregorian as the formatter uses.
            let yy = mo <= 2 ? y - 1 : y
            let era = (yy >= 0 ? yy : yy - 399) / 400
            let yoe = yy - era * 400
            let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            let days = era * 146_097 + doe - 719_468
            return days * 86_400 + h * 3600 + mi * 60 + sec
        }
    }

    static func ratio(_ n: Int, _ d: Int) -> JSONValue {
        .double(d == 0 ? 0 : (Double(n) / Double(d) * 1000).rounded() / 1000)
    }

    /// The report sections these numbers make, in order (added to `leadsmith/report@1`).
    public func json() -> [(String, JSONValue)] {
        let names = sources.keys.sorted()
        let funnel: [(String, JSONValue)] = names.map { name in
            let s = sources[name]!
            let records = s.leads + s.merged + s.rejected + s.suppressed
            return (name, .object([
                ("records", .int(records)), ("suppressed", .int(s.suppressed)), ("rejected", .int(s.rejected)),
                ("merged", .int(s.merged)), ("leads", .int(s.leads)), ("valid_email", .int(s.validEmail)),
                ("researched", .int(s.researched)),
                ("qualified", .int(s.byStatus["qualified"] ?? 0)), ("nurture", .int(s.byStatus["nurture"] ?? 0)),
                ("disqualified", .int(s.byStatus["disqualified"] ?? 0)),
                ("conversion", Self.ratio(s.byStatus["qualified"] ?? 0, records)),
            ]))
        }
        let histogram: [JSONValue] = scores.enumerated().map { i, n in
            .object([("from", .int(i * 10)), ("to", .int(i == 9 ? 100 : i * 10 + 9)), ("leads", .int(n))])
        }
        let dq: [JSONValue] = disqualifiers.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10).map {
            .object([("rule", .string($0.key)), ("leads", .int($0.value))])
        }
        let rejects: [JSONValue] = rejectReasons.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.prefix(10).map { code, r in
            .object([("reason_code", .string(code)), ("count", .int(r.count)),
                     ("examples", .array(r.examples.map { .object([("file", .string($0.file)), ("line", .int($0.line)), ("record", .int($0.record))]) }))])
        }
        let fill: [(String, JSONValue)] = Self.fillFields.enumerated().map { i, field in
            let methods = filled[i]
            let total = methods.values.reduce(0, +)
            return (field, .object([
                ("filled", .int(total)), ("rate", Self.ratio(total, leads)),
                ("by_method", .object(methods.keys.sorted().map { ($0, .int(methods[$0]!)) })),
            ]))
        }
        let ages: [(String, JSONValue)] = names.map { name in
            let s = sources[name]!
            let known = s.ages.reduce(0, +)
            return (name, .object([
                ("leads", .int(known)), ("unknown", .int(s.agesUnknown)),
                ("mean_hours", .double(known == 0 ? 0 : (s.ageSumHours / Double(known) * 10).rounded() / 10)),
                ("max_hours", .double((s.ageMaxHours * 10).rounded() / 10)),
                ("buckets", .object(zip(Self.ageBuckets, s.ages).map { ($0.0.label, .int($0.1)) })),
            ]))
        }
        let siteKinds = ["blocked", "rate_limited", "failed"]
        return [
            ("funnel", .object(funnel)),
            ("score_histogram", .array(histogram)),
            ("grades", .object(["A", "B", "C", "D"].map { ($0, .int(grades[$0] ?? 0)) })),
            ("disqualification_reasons", .array(dq)),
            ("reject_reasons_top", .array(rejects)),
            ("fill", .object(fill)),
            ("lead_age", .object(ages)),
            ("sites", .object(siteKinds.map { k in
                (k, .object([("count", .int(sites[k] ?? 0)), ("examples", .array((siteExamples[k] ?? []).map { .string($0) }))]))
            })),
        ]
    }
}

public import LeadCore

/// How many lead lines have a value in each person and company field (`person.title`,
/// `company.founded`, …), for the report's fill rates.
///
/// Counts are sums, so counts of parts of a run (chunks read on different cores) can be added in
/// any order with ``add(_:)-swift.method``.
public struct FillCounts: Sendable {
    private var person: [String: Int] = [:]
    private var company: [String: Int] = [:]

    /// No leads counted.
    public init() {}

    /// Counts the non-empty person and company fields of one lead line (not null, an empty array or
    /// object, an empty string or `unknown`: ``HandoffStats/hasValue(_:)``).
    public mutating func add(lead line: JSONValue) {
        for (k, v) in line["person"]?.pairs ?? [] where HandoffStats.hasValue(v) { person[k, default: 0] += 1 }
        for (k, v) in line["company"]?.pairs ?? [] where HandoffStats.hasValue(v) { company[k, default: 0] += 1 }
    }

    /// Adds the counts of another part of the run.
    public mutating func add(_ other: FillCounts) {
        for (k, n) in other.person { person[k, default: 0] += n }
        for (k, n) in other.company { company[k, default: 0] += n }
    }

    /// The counts keyed by dotted field path (`person.title`), fields with no value left out.
    public var byField: [String: Int] {
        var out: [String: Int] = [:]
        out.reserveCapacity(person.count + company.count)
        for (k, n) in person { out["person.\(k)"] = n }
        for (k, n) in company { out["company.\(k)"] = n }
        return out
    }
}

import LeadCore

/// One person: every record with the same e-mail key, merged field by field.
///
/// PRODUCT.md: for each field the first non-empty value in processing order wins; input beats
/// enrichment; a `false` consent in any record makes `consent` false. The primary record is the
/// first complete (not truncated) one.
struct MergedPerson {
    /// The person's records in processing order.
    let records: [CleanRecord]

    init(records: [CleanRecord]) {
        precondition(!records.isEmpty, "a person has at least one record")
        self.records = records
    }

    /// The first complete record, else the first record.
    var primary: CleanRecord { records.first(where: { !$0.truncated }) ?? records[0] }

    /// A person all of whose records are truncated is itself truncated.
    var truncated: Bool { records.allSatisfy(\.truncated) }

    /// The first non-empty value of a field in processing order.
    func first<T>(_ field: KeyPath<CleanRecord, T?>) -> T? {
        for r in records {
            if let v = r[keyPath: field] {
                if let s = v as? String, s.isEmpty { continue }
                return v
            }
        }
        return nil
    }

    /// The first non-empty text of a field in processing order, like ``first(_:)`` for a `String` field
    /// but read through a closure the compiler inlines: no key-path projection and no copy of each record.
    @inline(__always) func firstText(_ field: (CleanRecord) -> String?) -> String? {
        for i in records.indices {
            if let v = field(records[i]), !v.isEmpty { return v }
        }
        return nil
    }

    /// `false` if any record says no, else the first stated value.
    var consent: Bool? {
        if records.contains(where: { $0.consent == false }) { return false }
        return first(\.consent)
    }

    /// The consent evidence of the record that decides ``consent`` (the first that says no, else
    /// the first with any evidence), with that record.
    var consentDetail: (ConsentDetail, CleanRecord)? {
        if let no = records.first(where: { $0.consent == false }) {
            return no.consentDetail.map { ($0, no) }
        }
        return records.first(where: { $0.consentDetail != nil }).map { ($0.consentDetail!, $0) }
    }

    /// Title, function and seniority come together from the first record that has a title.
    var titleRecord: CleanRecord? { records.first(where: { $0.title != nil }) }

    /// The company domain (before redirects) and the record it came from.
    var domainRecord: CleanRecord? { records.first(where: { $0.domain != nil }) }

    /// Unknown input fields of all records, first value per name wins, in input order.
    var extra: [CleanRecord.Pair] {
        var seen = Set<String>()
        var out: [CleanRecord.Pair] = []
        for r in records {
            for p in r.extra where !seen.contains(p.name) {
                seen.insert(p.name)
                out.append(p)
            }
        }
        return out
    }
}

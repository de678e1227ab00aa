import Foundation
import LeadCore
import LeadHandoff
import LeadResearch

/// Steps 5–7 for a chunk of persons, free of shared state so chunks run on all cores: decode the
/// spooled records, merge, qualify and serialise each lead. Counting and writing stay with the caller.
struct LeadChunkWork: Sendable {
    /// One person's result, in the chunk's order.
    struct Prepared: Sendable {
        /// The lead line (`nil` when held back).
        var line: JSONValue?
        var status = ""
        /// The bytes to write, line end included (`nil` when the lead is not written: not qualified
        /// without `--all`).
        var bytes: [UInt8]?
        /// The timestamp of the first record that has one, for the hand-off age.
        var recordTime: String?
        /// The company domain redirected to a suppressed one: nothing is handed over.
        var redirectSuppressed = false
        /// Source of each record (for the suppressed count).
        var sources: [String] = []
        /// A spooled record, or a company from the temporary file, that could not be read back.
        var failure: LeadsmithError?
    }

    let stages: LeadStages
    let companies: CompanyStore
    let suppression: SuppressionList?
    let retainUntil: String?
    let format: OutputFormat
    let all: Bool

    func prepare(_ persons: [(domain: String?, records: [[UInt8]])]) -> [Prepared] {
        var out: [Prepared] = []
        out.reserveCapacity(persons.count)
        for person in persons {
            var p = Prepared()
            var records: [CleanRecord] = []
            records.reserveCapacity(person.records.count)
            do {
                for data in person.records { records.append(try RecordSpool.decode(data)) }
            } catch {
                p.failure = error
                out.append(p)
                continue
            }
            let company: CompanyProfile?
            do {
                company = try person.domain.flatMap { d throws(LeadsmithError) in try companies.profile(for: d) }
            } catch {
                p.failure = error
                out.append(p)
                continue
            }
            if let suppression, let final = company?.domain, final != person.domain,
               suppression.contains(email: nil, key: nil, domains: [final]) {
                p.redirectSuppressed = true
                p.sources = records.map { $0.ref.source.rawValue }
                out.append(p)
                continue
            }
            let (line, status) = stages.lead(records: records, company: company, retainUntil: retainUntil)
            p.line = line
            p.status = status
            p.recordTime = records.first(where: { $0.timestamp != nil })?.timestamp
            if all || status == "qualified" {
                if format.isCSV {
                    p.bytes = Array(format.render(line).utf8)
                } else {
                    var bytes: [UInt8] = []
                    bytes.reserveCapacity(4096)
                    line.write(to: &bytes)
                    bytes.append(0x0A)
                    p.bytes = bytes
                }
            }
            out.append(p)
        }
        return out
    }
}

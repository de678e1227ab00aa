import Foundation
import LeadCore
import LeadHandoff
import LeadResearch

/// Steps 5–7 for a chunk of persons, free of shared state so chunks run on all cores: decode the
/// spooled records, merge, qualify and serialise each lead. Counting and writing stay with the caller.
struct LeadChunkWork: Sendable {
    /// One person's result, in the chunk's order.
    struct Prepared: Sendable {
        var status = ""
        /// What the lead line adds to the hand-off statistics (`nil` when there is no line: a
        /// failure or a redirect to a suppressed domain).
        var tally: HandoffStats.LeadTally?
        /// Where the bytes to write are in the chunk's ``Chunk/bytes``, line end included (`nil`
        /// when the lead is not written: not qualified without `--all`).
        var bytes: Range<Int>?
        /// The company domain redirected to a suppressed one: nothing is handed over.
        var redirectSuppressed = false
        /// Source of each record (for the suppressed count).
        var sources: [String] = []
        /// A spooled record, or a company from the temporary file, that could not be read back.
        var failure: LeadsmithError?
    }

    /// A chunk's results: the persons in order, their output bytes one after the other, and the
    /// fill counts of their lead lines. The lead lines themselves are dropped here, on the core
    /// that built them, so the caller's loop only counts and copies bytes.
    struct Chunk: Sendable {
        var leads: [Prepared] = []
        var bytes: [UInt8] = []
        var fill = FillCounts()
    }

    /// One person to prepare: their company domain and where their records are in the spool.
    typealias Person = (domain: String?, records: [RecordSpool.Location])

    let stages: LeadStages
    let spool: RecordSpool
    let companies: CompanyStore
    let suppression: SuppressionList?
    let retainUntil: String?
    let format: OutputFormat
    let all: Bool
    /// When the run hands leads over, for their age in the statistics.
    let runTime: Date?

    func prepare(_ persons: [Person]) -> Chunk {
        var chunk = Chunk()
        chunk.leads.reserveCapacity(persons.count)
        chunk.bytes.reserveCapacity(persons.count * 2_048)
        for person in persons {
            var p = Prepared()
            var records: [CleanRecord] = []
            records.reserveCapacity(person.records.count)
            do {
                for loc in person.records { records.append(try spool.read(loc)) }
            } catch {
                p.failure = error
                chunk.leads.append(p)
                continue
            }
            let company: CompanyProfile?
            do {
                company = try person.domain.flatMap { d throws(LeadsmithError) in try companies.profile(for: d) }
            } catch {
                p.failure = error
                chunk.leads.append(p)
                continue
            }
            if let suppression, let final = company?.domain, final != person.domain,
               suppression.contains(email: nil, key: nil, domains: [final]) {
                p.redirectSuppressed = true
                p.sources = records.map { $0.ref.source.rawValue }
                chunk.leads.append(p)
                continue
            }
            let (line, status) = stages.lead(records: records, company: company, retainUntil: retainUntil)
            p.status = status
            let recordTime = records.first(where: { $0.timestamp != nil })?.timestamp
            p.tally = HandoffStats.tally(lead: line, recordTime: recordTime, runTime: runTime)
            chunk.fill.add(lead: line)
            if all || status == "qualified" {
                let start = chunk.bytes.count
                if format.isCSV {
                    chunk.bytes.append(contentsOf: format.render(line).utf8)
                } else {
                    line.write(to: &chunk.bytes)
                    chunk.bytes.append(0x0A)
                }
                p.bytes = start..<chunk.bytes.count
            }
            chunk.leads.append(p)
        }
        return chunk
    }
}

import Foundation

/// A generated input set for `leadsmith bench pipeline`: the three intake sources and a site snapshot.
///
/// Deterministic for a seed. About 10 % of the records repeat an earlier person (another source,
/// another letter case), so the dedupe index and the merge do real work; persons spread over seven
/// languages (titles, countries, chat texts with budget, authority, need and timeline cues); most
/// company domains have a snapshot site with about and contact pages, some redirect, some have none
/// (research finds nothing), and some people use free-mail addresses (no company domain at all).
public struct PipelineDataset: Sendable {
    /// What was written.
    public struct Summary: Sendable {
        /// The input files, in the order `leadsmith run` should read them.
        public var inputs: [String] = []
        /// The site snapshot folder (`--sites`).
        public var sitesDirectory = ""
        /// Records written over all inputs (including the few deliberate rejects).
        public var records = 0
        /// Distinct persons among them.
        public var persons = 0
        /// Company sites in the snapshot.
        public var sites = 0
        /// Bytes of all input files.
        public var inputBytes = 0
    }

    /// Records to write.
    public let leads: Int
    /// Company sites in the snapshot.
    public let sites: Int
    /// Seed of the generator.
    public let seed: UInt64

    public init(leads: Int, sites: Int, seed: UInt64 = 11) {
        self.leads = max(1, leads)
        self.sites = max(1, sites)
        self.seed = seed
    }

    /// Writes the set into `directory` (created if needed): `newsletter-1.csv`, `chatbot.json`,
    /// `download.ndjson`, `newsletter-2.csv` and `sites/`.
    /// - Throws: ``BenchDatasetError`` when a file cannot be written.
    public func write(to directory: String) throws(BenchDatasetError) -> Summary {
        do {
            try FileManager.default.createDirectory(atPath: directory + "/sites", withIntermediateDirectories: true)
        } catch {
            throw BenchDatasetError(path: directory, message: "cannot create folder: \(error)")
        }
        var summary = Summary()
        summary.sitesDirectory = directory + "/sites"
        summary.sites = try SiteSnapshotWriter(sites: sites).write(to: summary.sitesDirectory)
        let names = ["newsletter-1.csv", "chatbot.json", "download.ndjson", "newsletter-2.csv"]
        let files = try names.map { n throws(BenchDatasetError) in try TextFileWriter(path: directory + "/" + n) }
        let records = RecordWriter(files: files, total: leads, sites: sites)
        try records.begin()
        var rng = BenchRandom(seed: seed)
        var persons = 0
        for r in 0..<leads {
            let person: Int
            var variant = false
            if r > 10 && rng.chance(0.1) {
                person = rng.below(persons)
                variant = true
            } else {
                person = persons
                persons += 1
            }
            try records.record(r, person: person, repeated: variant, rng: &rng)
        }
        try records.end()
        for f in files { try f.close() }
        summary.inputs = files.map(\.path)
        summary.records = leads
        summary.persons = persons
        summary.inputBytes = summary.inputs.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        return summary
    }
}

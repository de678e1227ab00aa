import LeadCore

/// The researched companies of a run, by the domain a lead asked about.
///
/// A run with many distinct companies must not hold every profile until the last lead is written:
/// the first ``defaultMemoryLimit`` profiles stay in memory, the others go to a temporary file as
/// they arrive and are read back when a lead needs one. Only their locations stay in memory (tens
/// of bytes a company). Lookups are safe from any thread.
final class CompanyStore: Sendable {
    /// Profiles kept in memory before later ones are written to the temporary file.
    static let defaultMemoryLimit = 4_096

    private let inMemory: [String: CompanyProfile]
    private let spilled: [String: SpillFile.Location]
    private let file: SpillFile?

    /// A store with no companies (a run without research).
    convenience init() {
        self.init(inMemory: [:], spilled: [:], file: nil)
    }

    private init(inMemory: [String: CompanyProfile], spilled: [String: SpillFile.Location], file: SpillFile?) {
        self.inMemory = inMemory
        self.spilled = spilled
        self.file = file
    }

    /// The number of domains researched.
    var count: Int { inMemory.count + spilled.count }

    /// The number of profiles held in the temporary file rather than in memory.
    var spilledCount: Int { spilled.count }

    /// Every researched domain, in no particular order.
    var domains: [String] { Array(inMemory.keys) + Array(spilled.keys) }

    /// The profile researched for `domain`, or `nil` when it was not researched.
    /// - Throws: `internal_error` when a profile in the temporary file cannot be read back.
    func profile(for domain: String) throws(LeadsmithError) -> CompanyProfile? {
        if let profile = inMemory[domain] { return profile }
        guard let location = spilled[domain], let file else { return nil }
        let bytes = try file.read(location)
        do throws(SpoolCodecError) {
            return try CompanyProfileCodec.decode(bytes)
        } catch {
            throw LeadsmithError(.internalError, "cannot read back a researched company from the temporary file: \(error)", cause: error)
        }
    }

    /// Collects profiles as research finishes them, then becomes a ``CompanyStore``.
    struct Builder {
        let memoryLimit: Int
        private var inMemory: [String: CompanyProfile] = [:]
        private var spilled: [String: SpillFile.Location] = [:]
        private var file: SpillFile?

        /// - Parameter memoryLimit: profiles kept in memory; later ones are written to a temporary file.
        init(memoryLimit: Int = CompanyStore.defaultMemoryLimit) {
            self.memoryLimit = max(0, memoryLimit)
        }

        /// Adds the profile researched for `domain` (each domain once).
        /// - Throws: `output_failed` when the temporary file cannot be created or written.
        mutating func add(_ profile: CompanyProfile, for domain: String) throws(LeadsmithError) {
            if inMemory.count < memoryLimit {
                inMemory[domain] = profile
                return
            }
            if file == nil { file = try SpillFile(prefix: "leadsmith-companies") }
            spilled[domain] = try file!.append(CompanyProfileCodec.encode(profile))
        }

        /// The finished store (pending bytes are written out first).
        /// - Throws: `output_failed` when the temporary file cannot be written.
        consuming func finish() throws(LeadsmithError) -> CompanyStore {
            try file?.flush()
            return CompanyStore(inMemory: inMemory, spilled: spilled, file: file)
        }
    }
}

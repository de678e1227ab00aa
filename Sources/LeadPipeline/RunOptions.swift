public import Foundation
public import LeadCore
public import LeadHandoff
public import LeadResearch

/// Everything `leadsmith run` needs, mapped from the command line in one place.
public struct RunOptions: Sendable {
    /// Input files in processing order; `-` is standard input.
    public var inputs: [String]
    /// Forces the source kind of every input (`--source`); `nil` detects it per file.
    public var source: SourceKind?
    /// Offline site snapshot (`--sites DIR`); `nil` means no web research in this version.
    public var sitesDirectory: String?
    /// The page source for live research when there is no snapshot (`sitesDirectory` is `nil`);
    /// `nil` means no web research.
    public var liveSource: (any PageSource)?
    /// The rules folder.
    public var rules: RuleFiles
    /// An ICP rule file to use instead of the rules folder's `icp.yaml` (`--icp FILE`).
    public var icpFile: String?
    /// Where qualified (or, with ``all``, all) leads go; `nil` is standard output.
    public var outPath: String?
    /// Write every lead, any status.
    public var all: Bool
    /// Where reject records go; `nil` counts them only.
    public var rejectsPath: String?
    /// Where the run report goes: a self-contained HTML page when the path ends in `.html`/`.htm`,
    /// else the JSON summary.
    public var reportPath: String?
    /// Domains researched at once.
    public var researchConcurrency: Int
    /// Progress on standard error: none, a live line (a terminal) or a plain line every few seconds.
    public var progress: ProgressMode
    /// How many hosts are waiting out a Crawl-delay or interval right now (live research), for the progress line.
    public var hostsWaiting: (@Sendable () -> Int)?
    /// The output format of the leads (`--format`); rejects are always NDJSON.
    public var format: OutputFormat = .ndjson
    /// People not to research or hand over (`--suppress`), checked after cleaning, before research.
    public var suppression: SuppressionList?
    /// Stamps `retain_until` (run date + N days) on every lead line (`--retain-days`).
    public var retainDays: Int?
    /// The run's "now": lead ages at hand-off and the date `retain_until` counts from. Injectable for tests.
    public var now: Date = Date()
    /// Researched companies kept in memory; later ones go to a temporary file and are read back
    /// when a lead needs them, so memory does not grow with the number of distinct companies.
    public var companiesInMemory: Int = CompanyStore.defaultMemoryLimit

    public init(inputs: [String], source: SourceKind? = nil, sitesDirectory: String? = nil, rules: RuleFiles, icpFile: String? = nil,
                outPath: String? = nil, all: Bool = false, rejectsPath: String? = nil, reportPath: String? = nil,
                researchConcurrency: Int = 4, progress: ProgressMode = .off) {
        self.inputs = inputs
        self.source = source
        self.sitesDirectory = sitesDirectory
        self.liveSource = nil
        self.rules = rules
        self.icpFile = icpFile
        self.outPath = outPath
        self.all = all
        self.rejectsPath = rejectsPath
        self.reportPath = reportPath
        self.researchConcurrency = researchConcurrency
        self.progress = progress
    }
}

/// Where `run` reports progress.
public enum ProgressMode: Sendable, Equatable {
    /// Nothing (`--quiet`, tests).
    case off
    /// A live line redrawn in place (standard error is a terminal).
    case live
    /// One plain line every `seconds` (standard error is a file or a pipe).
    case plain(seconds: Double)
}

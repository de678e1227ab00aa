public import LeadCore
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
    /// Where the JSON run report goes.
    public var reportPath: String?
    /// Domains researched at once.
    public var researchConcurrency: Int
    /// Show a progress line on standard error.
    public var progress: Bool

    public init(inputs: [String], source: SourceKind? = nil, sitesDirectory: String? = nil, rules: RuleFiles, icpFile: String? = nil,
                outPath: String? = nil, all: Bool = false, rejectsPath: String? = nil, reportPath: String? = nil,
                researchConcurrency: Int = 4, progress: Bool = false) {
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

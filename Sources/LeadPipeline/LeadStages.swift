public import Foundation
public import LeadCore
public import LeadHandoff
public import LeadIntake
import LeadQualify
public import LeadResearch

/// The stage code of `leadsmith run` behind a small public API, so other drivers (the durable queue)
/// clean, merge, qualify and write leads exactly as `run` does.
///
/// Build one per rules folder; it is immutable and `Sendable`, so every worker task can share it.
public struct LeadStages: Sendable {
    /// Header synonyms for the intake readers.
    public let headers: HeaderSynonyms
    /// The rules version written into every lead line.
    public let rulesVersion: String
    let cleaner: Cleaner
    let qualifier: PersonQualifier
    let builder: LeadJSON

    /// Loads every table the stages need.
    /// - Parameters:
    ///   - rules: The rules folder.
    ///   - icpFile: An ICP rule file to use instead of the folder's `icp.yaml` (`--icp FILE`).
    /// - Throws: `bad_rules` (78) for rule problems and a missing `--icp` file.
    public init(rules: RuleFiles, icpFile: String? = nil) throws(LeadsmithError) {
        cleaner = try Cleaner(rules: rules)
        headers = try HeaderSynonyms.load(rules)
        rulesVersion = try RulesVersion.of(rules)
        let titles = try TitleNormalizer(rules: rules)
        let icp: ICPRules
        if let path = icpFile {
            let url = URL(fileURLWithPath: path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw LeadsmithError(.badRules, "ICP rule file not found (--icp)", file: path)
            }
            icp = try ICPRules.load(RuleFiles(directory: url.deletingLastPathComponent()), file: url.lastPathComponent)
        } else {
            icp = try ICPRules.load(rules)
        }
        qualifier = PersonQualifier(bant: try BANTExtractor(rules: rules), qualifier: Qualifier(icp: icp))
        builder = LeadJSON(rulesVersion: rulesVersion, titles: titles)
    }

    /// Step 2: one raw record cleaned (e-mail and its dedupe key, names, title, company domain).
    public func clean(_ raw: RawRecord) -> CleanRecord {
        cleaner.clean(raw)
    }

    /// Steps 5–7 for one person: merges the person's records (in processing order), qualifies them
    /// with the researched company and returns the `leadsmith/lead@1` line and the lead status.
    /// - Parameters:
    ///   - records: All records of one person (same e-mail key), first record first; not empty.
    ///   - company: The research result for the person's company domain, `nil` without research.
    ///   - retainUntil: the `retain_until` date stamped on the line (`--retain-days`), `nil` for none.
    public func lead(records: [CleanRecord], company: CompanyProfile?, retainUntil: String? = nil) -> (line: JSONValue, status: String) {
        let person = MergedPerson(records: records)
        let base = builder.base(person: person, company: company)
        let q = qualifier.qualify(person, base: base)
        return (builder.line(base, qualification: q, retainUntil: retainUntil), q.status)
    }

    /// Whether a cleaned record is on a suppression list: its address (canonical, dedupe key or
    /// their SHA-256), its e-mail domain or its company domain.
    public static func isSuppressed(_ record: CleanRecord, by list: SuppressionList) -> Bool {
        var domains: [String] = []
        if let e = record.email, let at = e.lastIndex(of: "@") { domains.append(String(e[e.index(after: at)...])) }
        if let d = record.domain { domains.append(d) }
        if let w = record.website, let d = Cleaner.websiteDomain(w) { domains.append(d) }
        return list.contains(email: record.email, key: record.emailKey, domains: domains)
    }

    /// `retain_until` for a run on `date` keeping data `days` days: the UTC calendar date `date + days`.
    public static func retainUntil(from date: Date, days: Int) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let d = cal.date(byAdding: .day, value: days, to: date) ?? date
        let c = cal.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// The `leadsmith/reject@1` line of an intake reject, as `run --rejects` writes it.
    public static func rejectLine(_ reject: IntakeReject) -> JSONValue {
        reject.json
    }

    /// Parses one JSON text (a stored lead line, a `--report` JSON file) keeping key order and
    /// `true` apart from `1`; `nil` when it is not exactly one JSON value.
    public static func parseJSON(_ text: String) -> JSONValue? {
        JSONText.parse(text)
    }

    /// The offline researcher for a site snapshot folder (`--sites DIR`).
    /// - Throws: `input_missing` when the folder does not exist, `bad_rules` for research rule errors.
    /// - Parameter wrap: Wraps the snapshot source (e.g. to count its pages for metrics).
    public static func snapshotResearcher(sitesDirectory sites: String, rules: RuleFiles,
                                          wrap: (any PageSource) -> any PageSource = { $0 }) throws(LeadsmithError) -> CompanyResearcher {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: sites, isDirectory: &isDir), isDir.boolValue else {
            throw LeadsmithError(.inputMissing, "site snapshot folder not found (--sites)", file: sites)
        }
        return CompanyResearcher(source: wrap(try SnapshotPageSource(directory: URL(fileURLWithPath: sites))),
                                 rules: try ResearchRules(files: rules))
    }

    /// Checks that an input path is a readable file (exit 66 otherwise), as `run` does before starting.
    public static func checkReadable(_ path: String) throws(LeadsmithError) {
        try RunJob.checkReadable(path)
    }
}

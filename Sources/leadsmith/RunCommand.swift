public import ArgumentParser
import Foundation
public import LeadCore
import LeadFetch
import LeadHandoff
import LeadPipeline

/// `leadsmith run`: the pipe mode.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Clean, dedupe, research and qualify leads; write them as NDJSON.",
        discussion: """
        Inputs are processed in the order given; the format of each (newsletter CSV, chatbot JSON, download-form NDJSON) is detected from its content. Every input record ends in exactly one place: a lead, a reject (--rejects), merged into an earlier lead's `sources`, or suppressed (--suppress, counted only); the summary on stderr prints `in = leads + rejects + merged + suppressed`.

        Hand-off: --format pipedrive|hubspot|salesforce|csv writes a CRM import CSV instead of NDJSON; --report FILE.html writes a self-contained report page (FILE.json the JSON summary); --suppress FILE holds back listed people before any research; --retain-days N stamps retain_until on each line. Progress goes to stderr: a live line on a terminal, a plain line every few seconds otherwise; --quiet silences it and the summary.

        Examples:
          leadsmith run samples/leads/*.csv samples/leads/*.json samples/leads/*.ndjson --sites samples/sites
          cat signups.csv | leadsmith run - --sites sites/ --all | jq .company.name
          leadsmith run exports/*.csv --sites sites/ --format hubspot --out hubspot.csv --report report.html --suppress do-not-contact.txt
        """
    )

    @Argument(help: ArgumentHelp("Lead files; `-` reads standard input.", valueName: "INPUT"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("Force the source kind of every input: newsletter, chatbot or download.", valueName: "KIND"))
    var source: SourceKind?

    @Option(help: ArgumentHelp("Offline site snapshot: DIR/<domain>/index.html, about.html, …, DIR/_redirects.tsv.", valueName: "DIR"))
    var sites: String?

    @Option(help: ArgumentHelp("ICP rule file to qualify with instead of RULES/icp.yaml (e.g. rules/examples/icp-reference.yaml).", valueName: "FILE"))
    var icp: String?

    @Option(help: ArgumentHelp("Write leads here instead of standard output.", valueName: "FILE"))
    var out: String?

    @Flag(help: "Write every lead (any status), not only qualified ones.")
    var all = false

    @Option(help: ArgumentHelp("Write records that could not become a lead here (leadsmith/reject@1).", valueName: "FILE"))
    var rejects: String?

    @Option(help: ArgumentHelp("Write the run report here: FILE.html a self-contained page with charts and tables, any other name the JSON summary.", valueName: "FILE"))
    var report: String?

    @Option(help: ArgumentHelp("Lead output format: ndjson (default), or a CRM import CSV: pipedrive, hubspot, salesforce, csv.", valueName: "FORMAT"))
    var format: OutputFormat = .ndjson

    @Option(help: ArgumentHelp("People never to research or hand over: e-mail addresses, domains or SHA-256 of normalised addresses, one a line (# comments).", valueName: "FILE"))
    var suppress: String?

    @Option(help: ArgumentHelp("Stamp retain_until (today + N days, UTC) on every lead line.", valueName: "N"))
    var retainDays: Int?

    @Option(help: ArgumentHelp("Company domains researched at once.", valueName: "N"))
    var concurrency = 4

    @Flag(help: "Do not print progress or the summary on stderr.")
    var quiet = false

    @OptionGroup var common: CommonOptions

    @OptionGroup(title: "Live research (when --sites is absent)") var live: LiveOptions

    func validate() throws {
        if live.live && sites != nil { throw ValidationError("--live and --sites exclude each other") }
        guard !inputs.isEmpty else {
            throw ValidationError("give at least one INPUT file, or `-` to read standard input")
        }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        if let retainDays, retainDays < 0 || retainDays > 36_500 { throw ValidationError("--retain-days must be 0…36500") }
    }

    func run() async throws {
        do {
            let rules = try common.ruleFiles()
            var options = RunOptions(
                inputs: inputs, source: source, sitesDirectory: sites, rules: rules, icpFile: icp, outPath: out, all: all,
                rejectsPath: rejects, reportPath: report, researchConcurrency: concurrency,
                progress: quiet ? .off : (isatty(STDERR_FILENO) == 1 ? .live : .plain(seconds: 5)))
            options.format = format
            options.retainDays = retainDays
            if let suppress { options.suppression = try SuppressionList(file: suppress) }
            var liveSource: LivePageSource?
            if sites == nil {
                // Live: one request per host at a time, so enough domains must run at once to fill the fetch slots.
                let source = try await live.makeSource(logger: common.logger("leadsmith.fetch"))
                liveSource = source
                options.liveSource = source
                options.researchConcurrency = max(concurrency, live.fetchConcurrency)
                options.hostsWaiting = { source.hostsWaiting }
            }
            let result: Result<RunReport, LeadsmithError>
            do {
                result = .success(try await RunJob(options: options, logger: common.logger("leadsmith.run")).run())
            } catch {
                result = .failure(error)
            }
            await liveSource?.shutdown()
            let summary = try result.get()
            if !quiet { FileHandle.standardError.write(Data((summary.summary + "\n").utf8)) }
        } catch {
            throw fail(error)
        }
    }
}

extension SourceKind: ExpressibleByArgument {}

extension OutputFormat: ExpressibleByArgument {}

public import ArgumentParser
import Foundation
public import LeadCore
import LeadFetch
import LeadPipeline

/// `leadsmith run`: the pipe mode.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Clean, dedupe, research and qualify leads; write them as NDJSON.",
        discussion: """
        Inputs are processed in the order given; the format of each (newsletter CSV, chatbot JSON, download-form NDJSON) is detected from its content. Every input record ends in exactly one place: a lead, a reject (--rejects), or merged into an earlier lead's `sources`; the summary on stderr prints `in = leads + rejects + merged`.

        Examples:
          leadsmith run samples/leads/*.csv samples/leads/*.json samples/leads/*.ndjson --sites samples/sites
          cat signups.csv | leadsmith run - --sites sites/ --all | jq .company.name
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

    @Option(help: ArgumentHelp("Write the run report (counts, fill rates, reject reasons, timings) as JSON here.", valueName: "FILE"))
    var report: String?

    @Option(help: ArgumentHelp("Company domains researched at once.", valueName: "N"))
    var concurrency = 4

    @Flag(help: "Do not print the summary on stderr.")
    var quiet = false

    @OptionGroup var common: CommonOptions

    @OptionGroup(title: "Live research (when --sites is absent)") var live: LiveOptions

    func validate() throws {
        if live.live && sites != nil { throw ValidationError("--live and --sites exclude each other") }
        guard !inputs.isEmpty else {
            throw ValidationError("give at least one INPUT file, or `-` to read standard input")
        }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        do {
            let rules = try common.ruleFiles()
            var options = RunOptions(
                inputs: inputs, source: source, sitesDirectory: sites, rules: rules, icpFile: icp, outPath: out, all: all,
                rejectsPath: rejects, reportPath: report, researchConcurrency: concurrency,
                progress: isatty(STDERR_FILENO) == 1 && !quiet)
            var liveSource: LivePageSource?
            if sites == nil {
                // Live: one request per host at a time, so enough domains must run at once to fill the fetch slots.
                let source = try await live.makeSource(logger: common.logger("leadsmith.fetch"))
                liveSource = source
                options.liveSource = source
                options.researchConcurrency = max(concurrency, live.fetchConcurrency)
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

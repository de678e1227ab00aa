import ArgumentParser
import Foundation
import LeadCore
import LeadHandoff
import LeadPipeline
import LeadQueue

/// `leadsmith report`: the HTML hand-off report of a `run --report` JSON file or of a queue batch.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render the hand-off report (funnel, scores, reasons, fill rates, lead age, sites, timings) as one HTML page.",
        discussion: """
        From the JSON that `run --report FILE.json` wrote, or from a queue batch (its stored leads, rejects and research).
        The page is self-contained: inline CSS and SVG, no scripts, no network; every chart has a table.
        Examples:
          leadsmith run leads/*.csv --sites sites/ --report run.json && leadsmith report --from run.json --out report.html
          leadsmith report --queue sqlite:.leadsmith/queue.sqlite --batch 2024-06-01 --out report.html
        """
    )

    @Option(help: ArgumentHelp("A report JSON written by `run --report FILE.json`.", valueName: "FILE"))
    var from: String?

    @Option(help: ArgumentHelp("Write the page here instead of standard output (FILE.json writes the report JSON instead).", valueName: "FILE"))
    var out: String?

    @OptionGroup var queueOptions: QueueOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if from != nil && queueOptions.queue != nil { throw ValidationError("use either --from FILE or --queue URL") }
    }

    func run() async throws {
        do {
            let report: JSONValue
            if let from {
                guard let data = FileManager.default.contents(atPath: from) else {
                    throw LeadsmithError(.inputMissing, "report JSON not found or not readable (--from)", file: from)
                }
                guard let value = LeadStages.parseJSON(String(decoding: data, as: UTF8.self)),
                      value["schema"]?.text == "leadsmith/report@1" else {
                    throw LeadsmithError(.inputUnusable, "not a leadsmith/report@1 JSON document (--from)", file: from)
                }
                report = value
            } else {
                let batch = queueOptions.batch ?? "default"
                report = try await QueueConnection.with(try queueOptions.location(), logger: common.logger("leadsmith.report")) { driver in
                    try await QueueReport.json(driver: driver, batch: batch)
                }
            }
            let text = out.map { RunJob.isHTML($0) || !$0.lowercased().hasSuffix(".json") } ?? true
                ? ReportHTML.page(report) : report.serialized + "\n"
            if let out, out != "-" {
                do { try Data(text.utf8).write(to: URL(fileURLWithPath: out)) } catch {
                    throw LeadsmithError(.outputFailed, "cannot write the report: \(error.localizedDescription)", file: out)
                }
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        } catch let e as LeadsmithError {
            throw fail(e)
        }
    }
}

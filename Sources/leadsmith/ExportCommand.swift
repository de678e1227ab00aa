import ArgumentParser
import Foundation
import LeadCore
import LeadHandoff
import LeadPipeline
import LeadQueue

/// `leadsmith export`: the batch's leads as NDJSON.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a batch's finished leads as NDJSON (same records as `run`), in input order.",
        discussion: """
        Qualified leads by default; --all writes every lead, --status picks statuses. Safe to repeat
        (same queue, same bytes); a file export is written as FILE.partial and renamed when complete,
        and --resume continues an interrupted one.
        Examples:
          leadsmith export --all --out leads.ndjson --rejects rejects.ndjson
          leadsmith export --queue postgres://leadsmith@db:5432/leads --batch 2024-06-01 --status qualified,nurture
        """
    )

    @Flag(help: "Write every lead (any status), not only qualified ones.")
    var all = false

    @Option(help: ArgumentHelp("Comma-separated lead statuses to write (qualified, nurture, disqualified).", valueName: "LIST"))
    var status: String?

    @Option(help: ArgumentHelp("Write leads here instead of standard output.", valueName: "FILE"))
    var out: String?

    @Option(help: ArgumentHelp("Write the batch's intake rejects (leadsmith/reject@1) here.", valueName: "FILE"))
    var rejects: String?

    @Option(help: ArgumentHelp("Lead output format: ndjson (default), or a CRM import CSV: pipedrive, hubspot, salesforce, csv.", valueName: "FORMAT"))
    var format: OutputFormat = .ndjson

    @Option(help: ArgumentHelp("Leave out people on this list (e-mail addresses, domains, SHA-256 of normalised addresses); they are counted.", valueName: "FILE"))
    var suppress: String?

    @Option(help: ArgumentHelp("Stamp retain_until (today + N days, UTC) on every lead line.", valueName: "N"))
    var retainDays: Int?

    @Flag(help: "Continue an interrupted export to --out from its FILE.partial.")
    var resume = false

    @Flag(help: "Do not print the summary on stderr.")
    var quiet = false

    @OptionGroup var queueOptions: QueueOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if all && status != nil { throw ValidationError("use either --all or --status") }
        if resume && (out == nil || out == "-") { throw ValidationError("--resume needs --out FILE") }
        if resume && format != .ndjson { throw ValidationError("--resume continues NDJSON exports only") }
        if let retainDays, retainDays < 0 || retainDays > 36_500 { throw ValidationError("--retain-days must be 0…36500") }
        if let status {
            let known: Set<String> = ["qualified", "nurture", "disqualified"]
            for s in status.split(separator: ",") where !known.contains(s.trimmingCharacters(in: .whitespaces)) {
                throw ValidationError("--status: unknown lead status '\(s)' (qualified, nurture, disqualified)")
            }
        }
    }

    func run() async throws {
        do {
            let statuses: [String]? = all ? nil
                : status.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? ["qualified"]
            let batch = queueOptions.batch ?? "default"
            let suppression = try suppress.map { p throws(LeadsmithError) in try SuppressionList(file: p) }
            let retainUntil = retainDays.map { LeadStages.retainUntil(from: Date(), days: $0) }
            let report = try await QueueConnection.with(try queueOptions.location(), logger: common.logger("leadsmith.export")) { driver in
                var exporter = Exporter(driver: driver, batch: batch, statuses: statuses)
                exporter.format = format
                exporter.suppression = suppression
                exporter.retainUntil = retainUntil
                return try await exporter.export(out: out, rejectsPath: rejects, resume: resume)
            }
            if !quiet {
                var line = "leadsmith export: \(report.leads + report.resumed) leads"
                if report.resumed > 0 { line += " (\(report.resumed) kept from the interrupted export)" }
                if rejects != nil { line += ", \(report.rejects) rejects" }
                if suppress != nil { line += ", \(report.suppressed) suppressed (left out)" }
                if report.unfinished > 0 { line += "; warning: \(report.unfinished) jobs not finished yet, the export is partial" }
                if report.dead > 0 { line += "; warning: \(report.dead) dead jobs (see leadsmith status)" }
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        } catch let e as LeadsmithError {
            throw fail(e)
        }
    }
}

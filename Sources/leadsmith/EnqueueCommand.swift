import ArgumentParser
import Foundation
import LeadCore
import LeadHandoff
import LeadPipeline
import LeadQueue

/// Flags naming the queue and the batch, shared by the durable-batch commands.
struct QueueOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Queue URL: sqlite:PATH or postgres://user:password@host:port/database[?sslmode=disable|prefer|require|verify-ca|verify-full&sslrootcert=FILE] (default: \(QueueLocation.defaultURL); TLS: sslmode=prefer, as in libpq).",
                               valueName: "URL"))
    var queue: String?

    @Option(help: ArgumentHelp("Batch name: each batch dedupes and researches on its own.", valueName: "NAME"))
    var batch: String?

    func location() throws(LeadsmithError) -> QueueLocation {
        try QueueLocation.parse(queue ?? ProcessInfo.processInfo.environment["LEADSMITH_QUEUE"])
    }
}

/// `leadsmith enqueue`: store input records in the queue, one job per person.
struct EnqueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enqueue",
        abstract: "Store lead files in a durable queue (one job per person, deduped across the batch).",
        discussion: """
        A file already enqueued in the batch (same content) is skipped unless --again; `-` reads standard
        input (its records name the file `-`; the same content piped again is skipped too).
        Examples:
          leadsmith enqueue exports/*.csv exports/*.json
          leadsmith enqueue signups.csv --queue postgres://leadsmith@db:5432/leads?sslmode=verify-full --batch 2024-06-01
          curl -s https://crm.example.com/export.csv | leadsmith enqueue -
        """
    )

    @Argument(help: ArgumentHelp("Lead files (newsletter CSV, chatbot JSON, download-form NDJSON); `-` reads standard input.", valueName: "INPUT"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("Force the source kind of every input: newsletter, chatbot or download.", valueName: "KIND"))
    var source: SourceKind?

    @Flag(help: "Enqueue files again even if the batch already has them (their records join as new records).")
    var again = false

    @Option(help: ArgumentHelp("People never to store or research: e-mail addresses, domains or SHA-256 of normalised addresses, one a line (# comments).", valueName: "FILE"))
    var suppress: String?

    @OptionGroup var queueOptions: QueueOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one INPUT file") }
        guard inputs.filter({ $0 == "-" }).count <= 1 else {
            throw ValidationError("standard input (-) can be read only once")
        }
    }

    func run() async throws {
        do {
            let rules = try common.ruleFiles()
            let stages = try LeadStages(rules: rules)
            for input in inputs where input != "-" { try LeadStages.checkReadable(input) }
            let logger = common.logger("leadsmith.enqueue")
            let batch = queueOptions.batch ?? "default"
            let suppression = try suppress.map { p throws(LeadsmithError) in try SuppressionList(file: p) }
            let reports = try await QueueConnection.with(try queueOptions.location(), logger: logger) { driver in
                var enqueuer = Enqueuer(driver: driver, stages: stages, batch: batch, source: source, logger: logger)
                enqueuer.suppression = suppression
                var out: [Enqueuer.FileReport] = []
                for input in inputs { out.append(try await enqueuer.enqueue(path: input, again: again)) }
                return out
            }
            for r in reports {
                let line = r.skipped
                    ? "leadsmith enqueue: \(r.path): already in batch \(batch), skipped (use --again to add it once more)"
                    : "leadsmith enqueue: \(r.path): \(r.records) records, \(r.rejects) rejects; \(r.counts.stored) stored, "
                        + "\(r.counts.merged) merged into earlier persons, \(r.counts.reopened) finished leads reopened"
                        + (suppress != nil ? "; \(r.suppressed) suppressed (not stored)" : "")
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        } catch let e as LeadsmithError {
            throw fail(e)
        }
    }
}

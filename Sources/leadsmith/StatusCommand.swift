import ArgumentParser
import Foundation
import LeadCore
import LeadQueue

/// `leadsmith status`: what the queue holds.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a queue: jobs per state, records per source, throughput, the oldest lease, dead jobs with reasons.",
        discussion: "Example: leadsmith status --queue postgres://leadsmith@db:5432/leads --batch 2024-06-01"
    )

    @Flag(help: "Print the status as JSON (leadsmith/queue-status@1).")
    var json = false

    @OptionGroup var queueOptions: QueueOptions
    @OptionGroup var common: CommonOptions

    func run() async throws {
        do {
            let batch = queueOptions.batch
            let status = try await QueueConnection.with(try queueOptions.location(), logger: common.logger("leadsmith.status")) { driver in
                try await driver.status(batch: batch, now: Date())
            }
            print(json ? status.json.serialized : status.text(now: Date()))
        } catch let e as LeadsmithError {
            throw fail(e)
        }
    }
}

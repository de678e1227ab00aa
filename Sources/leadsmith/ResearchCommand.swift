import ArgumentParser
import Foundation
import LeadCore
import LeadPipeline
import LeadResearch

/// `leadsmith research`: shows what research finds for a few domains.
struct ResearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "research",
        abstract: "Research company domains and print one `company` JSON object per domain, with provenance.",
        discussion: "Example: leadsmith research acme.nl other.de --sites samples/sites"
    )

    @Argument(help: ArgumentHelp("Company domains (or e-mail addresses / URLs; their registrable domain is used).", valueName: "DOMAIN"))
    var domains: [String] = []

    @Option(help: ArgumentHelp("Offline site snapshot folder.", valueName: "DIR"))
    var sites: String

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard !domains.isEmpty else { throw ValidationError("give at least one DOMAIN") }
    }

    func run() async throws {
        do {
            let rules = try common.ruleFiles()
            let json = try await CompanyLookup(sitesDirectory: sites, rules: rules).research(domains)
            for line in json { print(line.serialized) }
        } catch {
            throw fail(error)
        }
    }
}

import ArgumentParser
import Foundation
import LeadCore
import LeadFetch
import LeadPipeline
import LeadResearch

/// `leadsmith research`: shows what research finds for a few domains.
struct ResearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "research",
        abstract: "Research company domains and print one `company` JSON object per domain, with provenance.",
        discussion: """
        Examples:
          leadsmith research acme.nl other.de --sites samples/sites
          leadsmith research acme.nl --user-agent-contact mailto:ops@example.com   (live web)
        """
    )

    @Argument(help: ArgumentHelp("Company domains (or e-mail addresses / URLs; their registrable domain is used).", valueName: "DOMAIN"))
    var domains: [String] = []

    @Option(help: ArgumentHelp("Offline site snapshot folder (without it, research reads the live web).", valueName: "DIR"))
    var sites: String?

    @OptionGroup var common: CommonOptions

    @OptionGroup(title: "Live research (when --sites is absent)") var live: LiveOptions

    func validate() throws {
        if live.live && sites != nil { throw ValidationError("--live and --sites exclude each other") }
        guard !domains.isEmpty else { throw ValidationError("give at least one DOMAIN") }
    }

    func run() async throws {
        do throws(LeadsmithError) {
            let rules = try common.ruleFiles()
            if let sites {
                let json = try await CompanyLookup(sitesDirectory: sites, rules: rules).research(domains)
                for line in json { print(line.serialized) }
                return
            }
            let source = try await live.makeSource(logger: common.logger("leadsmith.fetch"))
            let lookup: CompanyLookup
            do throws(LeadsmithError) {
                lookup = try CompanyLookup(source: source, rules: rules)
            } catch {
                await source.shutdown()
                throw error
            }
            let json = await lookup.research(domains)
            await source.shutdown()
            for line in json { print(line.serialized) }
        } catch {
            throw fail(error)
        }
    }
}

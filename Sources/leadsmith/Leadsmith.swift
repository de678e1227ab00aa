import ArgumentParser
import LeadCore

/// The `leadsmith` command: a thin layer that maps flags to the libraries' configuration.
@main
struct Leadsmith: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadsmith",
        abstract: "Research and qualify B2B leads from newsletter CSVs, chatbot exports and download forms.",
        discussion: """
        Pipe mode:   cat signups.csv | leadsmith run - --sites samples/sites > qualified.ndjson
        Everything:  leadsmith run leads/*.csv leads/*.json --sites DIR --all --out leads.ndjson --rejects rejects.ndjson
        One company: leadsmith research acme.nl --sites DIR
        Nightly:     leadsmith enqueue exports/*.csv --queue sqlite:q.sqlite && leadsmith work --queue sqlite:q.sqlite --sites DIR && leadsmith export --queue sqlite:q.sqlite --out qualified.ndjson

        Exit codes: 0 done (rejects are normal), 64 usage, 65 input unusable as a whole, 66 input missing/unreadable/a directory, 70 internal error, 74 output I/O error, 78 bad rules.
        """,
        version: LeadsmithVersion.current,
        subcommands: [RunCommand.self, ResearchCommand.self, ExplainCommand.self, RulesCommand.self,
                      EnqueueCommand.self, WorkCommand.self, StatusCommand.self, ExportCommand.self, ReportCommand.self, BenchCommand.self]
    )
}

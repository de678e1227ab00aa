import ArgumentParser
import Foundation
import LeadCore
import LeadPipeline

/// `leadsmith rules …`: work with the rule files.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Work with the rule files (ICP, BANT cues, titles, lists, fingerprints).",
        subcommands: [Check.self]
    )

    /// `leadsmith rules check [DIR]`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate every rule file; print problems as file:line:column: message (exit 78 on error).",
            discussion: "Example: leadsmith rules check rules/"
        )

        @Argument(help: ArgumentHelp("Rules folder (default: the one `run` would use).", valueName: "DIR"))
        var directory: String?

        func run() throws {
            let rules: RuleFiles
            do {
                rules = try RuleFiles.locate(explicit: directory)
            } catch {
                throw fail(error)
            }
            let problems = RuleSetCheck.check(rules)
            for p in problems {
                FileHandle.standardError.write(Data("\(p)\n".utf8))
            }
            if problems.isEmpty {
                print("rules ok: \(rules.directory.path)")
            } else {
                FileHandle.standardError.write(Data("leadsmith: \(problems.count) problem(s) in \(rules.directory.path)\n".utf8))
                throw ExitCode(78)
            }
        }
    }
}

import ArgumentParser
import Foundation
import LeadCore
import Logging

/// Flags shared by every command.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Rules folder (lists, titles, fingerprints, ICP).",
                                            discussion: "Default: $LEADSMITH_RULES, else ./rules, else the rules installed with leadsmith.",
                                            valueName: "DIR"))
    var rules: String?

    @Flag(name: .shortAndLong, help: "Log debug details to stderr (may include record contents).")
    var verbose = false

    func ruleFiles() throws(LeadsmithError) -> RuleFiles {
        try RuleFiles.locate(explicit: rules)
    }

    func logger(_ label: String) -> Logger {
        let level: Logger.Level = verbose ? .debug : .warning
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = level
        return logger
    }
}

/// Prints a ``LeadsmithError`` as `leadsmith: file:line: message` and exits with its sysexits code.
func fail(_ error: LeadsmithError) -> ExitCode {
    FileHandle.standardError.write(Data("leadsmith: \(error)\n".utf8))
    return ExitCode(error.exitCode)
}

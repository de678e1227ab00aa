import ArgumentParser
import Foundation
import LeadQualify

/// `leadsmith explain`: the score of a lead as a readable breakdown.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain how leads were scored: every reason with its points, BANT said and met, disqualifiers.",
        discussion: """
        Reads lead lines (leadsmith/lead@1 NDJSON, e.g. the output of `leadsmith run --all`).
        Examples:
          leadsmith explain leads.ndjson --email jane.doe@acme.nl
          leadsmith run signups.csv --sites sites/ --all | leadsmith explain - --email jane.doe@acme.nl
        """
    )

    @Argument(help: ArgumentHelp("NDJSON file of lead lines; `-` reads standard input.", valueName: "FILE"))
    var file: String = "-"

    @Option(help: "Only the lead with this e-mail address (case-insensitive).")
    var email: String?

    @Option(help: "Only the lead with this lead_id.")
    var leadID: String?

    func run() throws {
        let handle: FileHandle
        if file == "-" {
            handle = .standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: file) else {
                FileHandle.standardError.write(Data("leadsmith: \(file): cannot open lead file\n".utf8))
                throw ExitCode(66)
            }
            handle = h
        }
        let data = handle.readDataToEndOfFile()
        let wanted = email?.lowercased()
        var shown = 0
        for (i, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                FileHandle.standardError.write(Data("leadsmith: \(file):\(i + 1): not a JSON object, skipped\n".utf8))
                continue
            }
            if let wanted, ((obj["person"] as? [String: Any])?["email"] as? String)?.lowercased() != wanted { continue }
            if let leadID, obj["lead_id"] as? String != leadID { continue }
            guard let text = Explain.render(line: String(line)) else { continue }
            if shown > 0 { print("") }
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            shown += 1
        }
        if shown == 0 {
            FileHandle.standardError.write(Data("leadsmith: no matching lead in \(file)\n".utf8))
            throw ExitCode(1)
        }
    }
}

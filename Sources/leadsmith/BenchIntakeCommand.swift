import ArgumentParser
import Foundation
import LeadCore
import LeadIntake

extension BenchCommand {
    /// `leadsmith bench intake FILE…`: read every record of big inputs and report throughput and
    /// peak memory, to show that intake streams (memory stays flat whatever the file size).
    struct IntakeRead: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "intake",
            abstract: "Read every record of the inputs (no cleaning or research); print records/s, MB/s and peak RSS.",
            discussion: """
            Only intake runs: format detection, decoding (UTF-8, windows-1252, UTF-16) and the reader of each
            format. Peak RSS is the process's maximum resident set (getrusage), so a flat figure for a file of
            any size shows that reading streams.
            Example: scripts/gen-leads.py 18000000 > /tmp/big.csv && /usr/bin/time -v .build/debug/leadsmith bench intake /tmp/big.csv
            """
        )

        @Argument(help: ArgumentHelp("Lead files; `-` reads standard input.", valueName: "INPUT"))
        var inputs: [String]

        @Option(help: ArgumentHelp("Force the source kind: newsletter, chatbot or download.", valueName: "KIND"))
        var source: SourceKind?

        @OptionGroup var common: CommonOptions

        func run() throws {
            do {
                let headers = try HeaderSynonyms.load(try common.ruleFiles())
                for input in inputs {
                    let clock = ContinuousClock()
                    let started = clock.now
                    var reader = try Intake.open(path: input, source: source, headers: headers)
                    var records = 0, rejects = 0, fieldBytes = 0
                    while let item = try reader.next() {
                        switch item {
                        case .record(let r):
                            records += 1
                            fieldBytes += r.raw.utf8.count
                        case .reject:
                            rejects += 1
                        }
                    }
                    let d = clock.now - started
                    let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
                    let size = Double(Self.fileSize(input) ?? fieldBytes) / 1_048_576
                    print(String(format: "%@: %@ %d records, %d rejects, %.1f MB in %.1f s: %.0f records/s, %.1f MB/s; peak RSS %.1f MB",
                                 input, reader.source.rawValue, records, rejects, size, seconds,
                                 Double(records) / max(seconds, 1e-9), size / max(seconds, 1e-9), Self.peakRSSMegabytes()))
                }
            } catch {
                throw fail(error)
            }
        }

        static func fileSize(_ path: String) -> Int? {
            (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        }

        /// The process's peak resident set so far (Linux reports `ru_maxrss` in KB).
        static func peakRSSMegabytes() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_maxrss) / 1024
        }
    }
}

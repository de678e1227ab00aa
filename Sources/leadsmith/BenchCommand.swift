import ArgumentParser
import Foundation
import LeadCore
import LeadResearch

/// `leadsmith bench …`: performance measurements (never run in CI).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure performance (build with -c release for numbers worth quoting).",
        subcommands: [Pages.self, Live.self, IntakeRead.self, PipelineRun.self]
    )

    /// `leadsmith bench pages DIR…`: bare libxml2 parse vs full extraction on saved pages.
    struct Pages: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pages",
            abstract: "Parse-only vs full-extraction pages/s over every *.html below the given folders.",
            discussion: """
            Every page is parsed once per round for the bare parse, then parsed again and run through
            every extractor (one parse feeds them all) for the extraction figure. Failures are listed.
            Example: swift build -c release && .build/release/leadsmith bench pages ../shared/corpus/real-pages
            """
        )

        @Argument(help: ArgumentHelp("Folders (searched recursively) or .html files.", valueName: "PATH"))
        var paths: [String]

        @Option(help: "Rounds per phase.")
        var repeats = 3

        @OptionGroup var common: CommonOptions

        func run() throws {
            var files: [URL] = []
            for path in paths {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                    throw fail(LeadsmithError(.inputMissing, "not found", file: path))
                }
                if !isDir.boolValue {
                    files.append(URL(fileURLWithPath: path))
                    continue
                }
                let walker = FileManager.default.enumerator(atPath: path)
                while let f = walker?.nextObject() as? String {
                    if f.hasSuffix(".html") || f.hasSuffix(".htm") { files.append(URL(fileURLWithPath: path).appendingPathComponent(f)) }
                }
            }
            let rules: ResearchRules
            do {
                rules = try ResearchRules(files: try common.ruleFiles())
            } catch {
                throw fail(error)
            }
            let r = PageBenchmark.run(files: files, rules: rules, repeats: repeats)
            let mb = Double(r.bytes) / 1_048_576
            print(String(format: "pages %d (%.1f MB), rounds %d, failures %d", r.pages, mb, r.repeats, r.failures.count))
            print(String(format: "parse only:      %8.1f pages/s  (%.3f s)", r.parsePagesPerSecond, r.parseSeconds))
            print(String(format: "full extraction: %8.1f pages/s  (%.3f s)", r.extractPagesPerSecond, r.extractSeconds))
            print(String(format: "extraction costs %.2f× the bare parse (%+.0f%%)", r.overheadRatio, (r.overheadRatio - 1) * 100))
            for f in r.failures { print("failed: \(f.file): \(f.error)") }
        }
    }
}

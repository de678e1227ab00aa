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
            Every page is parsed once per round for the bare parse, then parsed again and run through every extractor (one parse feeds them all) for the extraction figure; both are process CPU time, one core. Failures are listed.

            With --jobs N (N > 1, or 0/all for every core) the extraction then runs on one thread and on N threads, both timed by the wall clock (CPU time adds up across threads and cannot show a speed-up), and the ratio of the two is printed: run it on an otherwise idle machine.

            Example: swift build -c release && .build/release/leadsmith bench pages ../shared/corpus/real-pages --jobs all
            """
        )

        @Argument(help: ArgumentHelp("Folders (searched recursively) or .html files.", valueName: "PATH"))
        var paths: [String]

        @Option(help: "Rounds per phase.")
        var repeats = 3

        @Option(help: ArgumentHelp("Threads for the parallel figure (wall clock): 1 = none (default), 0 or 'all' = every core.",
                                   valueName: "N"))
        var jobs = "1"

        @Flag(help: "Print every figure as one JSON object instead of text.")
        var json = false

        func validate() throws {
            guard Self.threads(jobs) != nil else { throw ValidationError("--jobs takes a number of threads (0 or 'all' for every core), not '\(jobs)'") }
        }

        /// `--jobs` as a thread count: `0` and `all` are every core.
        static func threads(_ value: String) -> Int? {
            if value.lowercased() == "all" { return ProcessInfo.processInfo.activeProcessorCount }
            guard let n = Int(value), n >= 0 else { return nil }
            return n == 0 ? ProcessInfo.processInfo.activeProcessorCount : n
        }

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
            let r = PageBenchmark.run(files: files, rules: rules, repeats: repeats, jobs: Self.threads(jobs) ?? 1)
            if json {
                print(PagesReport(r).jsonText())
                return
            }
            let mb = Double(r.bytes) / 1_048_576
            print(String(format: "pages %d (%.1f MB), rounds %d, failures %d", r.pages, mb, r.repeats, r.failures.count))
            print(String(format: "parse only:      %8.1f pages/s  (%.3f s)", r.parsePagesPerSecond, r.parseSeconds))
            print(String(format: "SAX parse only:  %8.1f pages/s  (%.3f s; the parse inside the extraction, no tree)",
                         r.flatParsePagesPerSecond, r.flatParseSeconds))
            print(String(format: "full extraction: %8.1f pages/s  (%.3f s)", r.extractPagesPerSecond, r.extractSeconds))
            print(String(format: "extraction costs %.2f× the bare parse (%+.0f%%); extraction speed %.2f× the parse's", r.overheadRatio,
                         (r.overheadRatio - 1) * 100, r.speedVersusParse))
            if r.jobs > 1 {
                print(String(format: "wall clock, 1 thread:  %8.1f pages/s  (%.3f s)", r.oneThreadPagesPerSecond, r.oneThreadWallSeconds))
                print(String(format: "wall clock, %d threads: %8.1f pages/s  (%.3f s), %.2f× one thread", r.jobs, r.parallelPagesPerSecond,
                             r.parallelWallSeconds, r.parallelSpeedup))
            }
            for f in r.failures { print("failed: \(f.file): \(f.error)") }
        }
    }
}
